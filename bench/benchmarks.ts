/** The benchmarks, in the order `npm run bench` runs them (the order). */
import { callEconomy } from './call-economy';
import { coldStart } from './cold-start';
import { refreshSingleFlight } from './refresh-single-flight';
import { memory } from './memory';
import { overhead } from './overhead';
import { sdkCompare } from './sdk-compare';
import { throughput } from './throughput';
import type { Benchmark } from './lib/report';

export const BENCHMARKS: (Benchmark & { needsBuild?: boolean })[] = [callEconomy, refreshSingleFlight, throughput, overhead, memory, coldStart, sdkCompare];
