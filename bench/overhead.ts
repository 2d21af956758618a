/**
 * Benchmark 4, runtime overhead: get-record through the runtime (input validation, connection and client
 * lookup, the client's middleware chain, output validation) against the same HTTP call made with plain axios,
 * one after the other against the same sandbox, alternating which goes first, so both see the same noise.
 */
import { check, info, type Benchmark } from './lib/report';
import { median, ms, percentile, round, x } from './lib/numbers';
import { plainClient } from './lib/plain-axios';
import { NICKNAME, benchHost, expectOk, recordIds, sandboxConnection } from './lib/sandbox-host';
import { startSandboxProcess } from './lib/sandbox-process';
import { destroySharedAgents } from '../connector/http-agents';

export const overhead: Benchmark = {
  name: 'overhead',
  title: 'Runtime overhead (get-record through the runtime vs plain axios)',
  async run({ smoke }) {
    const calls = smoke ? 200 : 2_000;
    const warmup = smoke ? 20 : 200;
    const sandbox = await startSandboxProcess();
    const host = benchHost(sandboxConnection(sandbox));
    const plain = await plainClient(sandbox);
    try {
      const ids = await recordIds(host, 'Leads', 30);
      const viaRuntime = async (id: string) => {
        const started = performance.now();
        expectOk(await host.execute('get-record', { module: 'Leads', id }, { connection: NICKNAME }), 'get-record');
        return performance.now() - started;
      };
      const viaAxios = async (id: string) => {
        const started = performance.now();
        const res = await plain.http.get<{ data: unknown[] }>(`/Leads/${id}`);
        if (!Array.isArray(res.data.data)) throw new Error('plain axios: no record');
        return performance.now() - started;
      };
      for (let i = 0; i < warmup; i++) {
        await viaRuntime(ids[i % ids.length]!);
        await viaAxios(ids[i % ids.length]!);
      }
      const runtime: number[] = [];
      const plainTimes: number[] = [];
      for (let i = 0; i < calls; i++) {
        const id = ids[i % ids.length]!;
        if (i % 2 === 0) {
          runtime.push(await viaRuntime(id));
          plainTimes.push(await viaAxios(id));
        } else {
          plainTimes.push(await viaAxios(id));
          runtime.push(await viaRuntime(id));
        }
      }
      const medianRatio = median(runtime) / median(plainTimes);
      const p99Ratio = percentile(runtime, 99) / percentile(plainTimes, 99);
      return {
        checks: [
          check('median ratio runtime / plain axios', x(medianRatio), '≤ 1.10×', medianRatio <= 1.1),
          info('p99 ratio runtime / plain axios', x(p99Ratio)),
          info('  median runtime vs plain axios', `${ms(median(runtime))} / ${ms(median(plainTimes))}`),
          info('  p99 runtime vs plain axios', `${ms(percentile(runtime, 99))} / ${ms(percentile(plainTimes, 99))}`),
        ],
        figures: {
          calls,
          medianRatio: round(medianRatio),
          p99Ratio: round(p99Ratio),
          runtimeMedianMs: round(median(runtime)),
          plainMedianMs: round(median(plainTimes)),
          runtimeP99Ms: round(percentile(runtime, 99)),
          plainP99Ms: round(percentile(plainTimes, 99)),
        },
        notes: [`${calls} sequential get-record runs and ${calls} plain axios GETs of the same URLs, interleaved; sandbox in its own process, latency 0.`],
      };
    } finally {
      plain.close();
      destroySharedAgents();
      await sandbox.close();
    }
  },
};
