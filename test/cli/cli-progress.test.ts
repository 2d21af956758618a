import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { progressBar, progressLine } from '../../cli/progress';
import { cli } from '../support/cli-io';
import { startSandboxHome, type SandboxHome } from './sandbox-home';

const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/;

function capture(tty: boolean): { stream: PassThrough & { isTTY?: boolean; columns?: number }; text: () => string } {
  const stream = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 80 } : {});
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

describe('progress bar', () => {
  test('a known total draws a bar with percent and counts; an unknown one counts up', () => {
    expect(progressLine('update-records', { done: 100, total: 150, label: 'batch 1/2' })).toMatch(/^update-records █{16}░{8}  66% 100\/150 · batch 1\/2$/);
    expect(progressLine('list-records', { done: 400, label: 'page 2' })).toBe('list-records 400 done · page 2');
  });

  test('on a terminal it draws, then clears its line when stopped', () => {
    const out = capture(true);
    const bar = progressBar(out.stream, 'bulk', {});
    expect(bar.enabled).toBe(true);
    bar.update({ done: 100, total: 250, label: 'batch 1/3' });
    bar.update({ done: 250, total: 250, label: 'batch 3/3' });
    bar.stop();
    bar.stop();
    expect(out.text()).toContain('bulk');
    expect(out.text()).toContain('100/250');
    // the final state is drawn before the line is cleared
    expect(out.text()).toContain('250/250');
    expect(out.text().endsWith('\x1b[2K')).toBe(true);
  });

  test('not a terminal, or TERM=dumb: nothing at all is written', () => {
    for (const [tty, env] of [[false, {}], [true, { TERM: 'dumb' }]] as const) {
      const out = capture(tty);
      const bar = progressBar(out.stream, 'bulk', env);
      expect(bar.enabled).toBe(false);
      bar.update({ done: 1, total: 2 });
      bar.stop();
      expect(out.text()).toBe('');
    }
  });
});

describe('progress in zcrm run and zcrm flow run', () => {
  let sh: SandboxHome;
  let updates: string;

  beforeAll(async () => {
    sh = await startSandboxHome();
    await sh.sandbox.seed('Leads', 150);
    const list = await cli(['run', 'list-records', '--json', '--input', '{"module":"Leads","fields":["Last_Name"],"limit":150}'], { env: sh.env });
    const ids = (JSON.parse(list.stdout) as { output: { records: { id: string }[] } }).output.records.map((r) => r.id);
    expect(ids).toHaveLength(150);
    updates = JSON.stringify({ module: 'Leads', records: ids.map((id) => ({ id, Description: 'progress test' })) });
  });
  afterAll(() => sh.close());

  test('a bulk update on a terminal shows the bar on stderr; stdout holds only the output', async () => {
    const run = await cli(['run', 'update-records', '--input', updates], { env: sh.env, stderrTTY: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('update-records');
    expect(run.stderr).toContain('100/150');
    expect(run.stderr).toContain('150/150');
    expect(JSON.parse(run.stdout)).toMatchObject({ succeeded: 150, failed: 0 });
    expect(run.stdout).not.toMatch(ESCAPES);
  });

  test('--json on a terminal: stdout is exactly one line of JSON', async () => {
    const run = await cli(['run', 'update-records', '--input', updates, '--json'], { env: sh.env, stderrTTY: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('150/150');
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, output: { succeeded: 150 } });
  });

  test('a list over several pages counts records page by page', async () => {
    await sh.sandbox.seed('Leads', 300);
    const run = await cli(['run', 'list-records', '--input', '{"module":"Leads","fields":["Last_Name"],"limit":400}', '--json'], { env: sh.env, stderrTTY: true });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { output: { count: number } }).output.count).toBe(400);
    expect(run.stderr).toContain('list-records 200 done · page 1');
    expect(run.stderr).toContain('list-records 400 done · page 2');
  });

  test('stderr not a terminal: no bar, nothing on stderr', async () => {
    const run = await cli(['run', 'update-records', '--input', updates], { env: sh.env });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });

  test('a flow shows a bar under the running step, cleared before the step result line', async () => {
    const file = join(sh.home, 'bulk.flow.json');
    writeFileSync(file, JSON.stringify({ name: 'bulk', steps: [{ id: 'touch', action: 'update-records', input: JSON.parse(updates) as unknown }] }));
    const run = await cli(['flow', 'run', file], { env: sh.env, stderrTTY: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[1/1] touch (update-records) ...');
    expect(run.stderr).toContain('[1/1] touch ');
    expect(run.stderr).toContain('150/150');
    // the result line starts on a cleared line, after the bar
    expect(run.stderr).toMatch(/150\/150[^\n]*\x1b\[2K\[1\/1\] touch: ok in \d+ ms\n/);
    expect(run.stdout).not.toMatch(ESCAPES);
  });
});
