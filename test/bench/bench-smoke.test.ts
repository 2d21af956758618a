import { execFile } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..');
const NAMES = ['call-economy', 'refresh-single-flight', 'throughput', 'overhead', 'memory', 'cold-start', 'sdk-compare'];

// The benchmarks' smoke run (small counts): proves every benchmark still runs end to end. Benchmarks never fail
// on a number, so neither does this test: it fails only when one cannot run at all.
describe('npm run bench -- --smoke', () => {
  test('every benchmark runs and reports a verdict against its target', async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--require', require.resolve('tsx/cjs'), join(REPO, 'bench', 'index.ts'), '--smoke'], { cwd: REPO, maxBuffer: 16 * 1024 * 1024 }, (err, out, errOut) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: out, stderr: errOut }),
      );
    });
    expect({ code, errors: stderr.split('\n').filter((l) => l.includes('ERROR')) }).toEqual({ code: 0, errors: [] });
    const summary = stdout.slice(stdout.indexOf('== summary'));
    for (const name of NAMES) expect(summary).toMatch(new RegExp(`^${name}\\s.*\\s(PASS|MISS)$`, 'm'));
  }, 180_000);
});
