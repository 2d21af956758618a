/** The benchmarks, in the order `npm run bench` runs them (the order). */
import { callEconomy } from './call-economy';
import { coldStart } from './cold-start';
import { refreshSingleFlight } from './refresh-single-flight';
import { overhead } from './overhead';
import { throughput } from './throughput';
import type { Benchmark } from './lib/report';

export const BENCHMARKS: (Benchmark & { needsBuild?: boolean })[] = [callEconomy, refreshSingleFlight, throughput, overhead, coldStart];
