/**
 * Benchmark 6, cold start: `zcrm actions` and `zcrm run get-record` as fresh processes of the built CLI
 * (bin/zcrm.js over dist/), against `node -e 0` run in the same rounds; median of 10 rounds each. The run
 * command reads its connection from an encrypted store in a temporary ZCRM_HOME and calls the sandbox.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDefaultStore } from '../runtime/credentials';
import { check, info, type Benchmark } from './lib/report';
import { median, ms, round, x } from './lib/numbers';
import { NICKNAME, recordIds, sandboxConnection, startBenchSandbox } from './lib/sandbox-host';
import { tsArgs } from './lib/sandbox-process';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'zcrm.js');

interface Timed {
  ms: number;
  code: number | null;
  stderr: string;
}

/** Wall time from spawn to exit. Asynchronous on purpose: the sandbox answering the CLI runs in this process. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ ms: performance.now() - started, code, stderr }));
  });
}

export const coldStart: Benchmark & { needsBuild: boolean } = {
  name: 'cold-start',
  title: 'Cold start of the CLI (fresh processes vs node -e 0)',
  needsBuild: true,
  async run({ smoke }) {
    const built = existsSync(join(ROOT, 'dist', 'cli', 'main.js'));
    if (!built && !smoke) throw new Error('dist/ is missing: run `npm run build` (or the bench without --no-build)');
    // A smoke run never builds (tests may be using dist/): without dist/ it runs the source CLI through tsx.
    const zcrm = built ? [CLI] : tsArgs(join(ROOT, 'cli', 'main.ts'));
    const rounds = smoke ? 2 : 10;
    const bench = await startBenchSandbox();
    const home = mkdtempSync(join(tmpdir(), 'zcrm-bench-home-'));
    try {
      const id = (await recordIds(bench.host, 'Leads', 1))[0]!;
      const env: NodeJS.ProcessEnv = { ...process.env, ZCRM_HOME: home, LOG_LEVEL: 'warn', NO_COLOR: '1' };
      delete env.ZCRM_SECRET;
      delete env.ZCRM_MANIFEST;
      delete env.NODE_OPTIONS;
      await openDefaultStore(env).put(sandboxConnection(bench.sandbox));
      const commands: Record<string, string[]> = {
        'node -e 0': ['-e', '0'],
        'zcrm actions': [...zcrm, 'actions'],
        'zcrm run get-record': [...zcrm, 'run', 'get-record', '--connection', NICKNAME, '--input', JSON.stringify({ module: 'Leads', id })],
      };
      const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
      // The first round warms the file cache and stores the connection's access token; it is not counted.
      for (let round = -1; round < rounds; round++) {
        for (const [name, args] of Object.entries(commands)) {
          const t = await timeProcess(args, env);
          if (t.code !== 0) throw new Error(`${name} exited with ${t.code}: ${t.stderr.trim().split('\n').slice(-3).join(' | ')}`);
          if (round >= 0) times[name]!.push(t.ms);
        }
      }
      const base = median(times['node -e 0']!);
      const actions = median(times['zcrm actions']!);
      const run = median(times['zcrm run get-record']!);
      return {
        checks: [
          check('zcrm actions / node -e 0', x(actions / base), '≤ 1.50×', actions / base <= 1.5),
          check('zcrm run get-record / node -e 0', x(run / base), '≤ 3.50×', run / base <= 3.5),
          info('  medians: node -e 0 | actions | run', `${ms(base)} | ${ms(actions)} | ${ms(run)}`),
        ],
        figures: {
          rounds,
          nodeMedianMs: round(base, 1),
          actionsMedianMs: round(actions, 1),
          runMedianMs: round(run, 1),
          actionsRatio: round(actions / base),
          runRatio: round(run / base),
        },
        notes: [
          `median of ${rounds} interleaved rounds; the run command reads an encrypted connection store (key file) and calls the sandbox on loopback.`,
          ...(built ? [] : ['dist/ is missing: this smoke run timed the source CLI through tsx.']),
        ],
      };
    } finally {
      rmSync(home, { recursive: true, force: true });
      await bench.close();
    }
  },
};
