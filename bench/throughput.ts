/**
 * Benchmark 3, throughput at Zoho's concurrency cap: with the sandbox allowing C = 10 requests in flight and
 * adding L = 20 ms to each, no client can exceed C / L = 500 calls a second. 2,000 get-record runs are issued
 * 100 at a time through the runtime; the connector's limiter must keep the org at the cap without a 429.
 */
import { check, info, type Benchmark } from './lib/report';
import { pool, round, x } from './lib/numbers';
import { plainClient, type PlainClient } from './lib/plain-axios';
import { NICKNAME, benchHost, recordIds, sandboxConnection } from './lib/sandbox-host';
import { startSandboxProcess } from './lib/sandbox-process';
import { destroySharedAgents } from '../connector/http-agents';

const CONCURRENCY = 10;
const LATENCY_MS = 20;
const PARALLEL = 100;
/**
 * Untimed calls through each client before either is timed, as many as are timed: what is measured is the
 * steady state of a long-running process (a worker), with both clients' code and the sandbox's optimised by
 * the JIT. With 20 calls of warm-up the runtime, whose code path is longer, was timed while still warming.
 */
const WARMUP = 2_000;

export const throughput: Benchmark = {
  name: 'throughput',
  title: 'Throughput at the concurrency cap (C = 10, L = 20 ms)',
  async run({ smoke }) {
    const calls = smoke ? 200 : 2_000;
    const warmup = smoke ? CONCURRENCY * 2 : WARMUP;
    const sandbox = await startSandboxProcess({ config: { concurrencyLimit: CONCURRENCY, latencyMs: LATENCY_MS } });
    const host = benchHost(sandboxConnection(sandbox));
    let plain: PlainClient | undefined;
    try {
      plain = await plainClient(sandbox);
      const http = plain.http;
      const ids = await recordIds(host, 'Leads', 30);
      // Warm up both clients the same way before timing either (token, client and validators ready, keep-alive
      // sockets open, hot code compiled), so neither is timed against a colder sandbox or with colder code.
      await pool(warmup, PARALLEL, async (i) => {
        await host.execute('get-record', { module: 'Leads', id: ids[i % ids.length]! }, { connection: NICKNAME });
      });
      await pool(warmup, CONCURRENCY, async (i) => void (await http.get(`/Leads/${ids[i % ids.length]!}`)));
      await sandbox.resetStats();
      let failed = 0;
      const started = performance.now();
      await pool(calls, PARALLEL, async (i) => {
        const result = await host.execute('get-record', { module: 'Leads', id: ids[i % ids.length]! }, { connection: NICKNAME });
        if (!result.ok) failed += 1;
      });
      const seconds = (performance.now() - started) / 1000;
      const stats = await sandbox.stats();
      const rate = calls / seconds;

      // Side by side: the best any client can do here, plain axios keeping exactly C requests in flight.
      const plainStarted = performance.now();
      await pool(calls, CONCURRENCY, async (i) => void (await http.get(`/Leads/${ids[i % ids.length]!}`)));
      const plainRate = calls / ((performance.now() - plainStarted) / 1000);
      const ceiling = CONCURRENCY / (LATENCY_MS / 1000);
      const efficiency = rate / ceiling;
      return {
        checks: [
          check('achieved rate / (C / L)', x(efficiency), '≥ 0.90×', efficiency >= 0.9),
          check('429 TOO_MANY_REQUESTS seen', String(stats.tooManyRequests), '= 0', stats.tooManyRequests === 0),
          info('  achieved rate vs C / L', `${rate.toFixed(0)} / ${ceiling.toFixed(0)} calls/s`),
          info('  plain axios with exactly C in flight / (C / L)', `${x(plainRate / ceiling)} (${plainRate.toFixed(0)} calls/s)`),
          info('  max in flight at the sandbox', String(stats.maxInFlight)),
          info('  failed runs', String(failed)),
        ],
        figures: {
          calls,
          parallel: PARALLEL,
          concurrencyLimit: CONCURRENCY,
          latencyMs: LATENCY_MS,
          seconds: round(seconds),
          ratePerSec: round(rate, 1),
          ceilingPerSec: ceiling,
          efficiency: round(efficiency),
          plainRatePerSec: round(plainRate, 1),
          plainEfficiency: round(plainRate / ceiling),
          tooManyRequests: stats.tooManyRequests,
          maxInFlight: stats.maxInFlight,
          failed,
        },
        notes: [`${calls} get-record runs, ${PARALLEL} issued at once, through host.execute (validation, client chain, limiter), after ${warmup} untimed calls through each client; the sandbox runs in its own process.`],
      };
    } finally {
      plain?.close();
      destroySharedAgents();
      await sandbox.close();
    }
  },
};
