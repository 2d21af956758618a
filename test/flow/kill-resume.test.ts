// kill -9 of a process in the middle of a flow: resuming completes it without re-running the steps that finished.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFlowFile, readRun, resumeFlow } from '../../runtime/flow';
import { fakeExecutor } from '../support/flow-fake-executor';

const ROOT = join(__dirname, '..', '..');
const CHILD = join(ROOT, 'test', 'support', 'flow-kill-child.ts');

const FLOW_YAML = `
name: four-steps
steps:
  - id: s1
    action: make
    input: { value: one }
  - id: s2
    action: make
    input: { value: "{{ steps.s1.output.value }}-two" }
  - id: s3
    action: hang
    input: { value: "{{ steps.s2.output.value }}" }
  - id: s4
    action: make
    input: { value: "{{ steps.s3.output.value }}-four" }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'flow-kill-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the child and resolves once it is inside step 3, with a promise of its exit. */
function startChild(flowFile: string, journalDir: string, runId: string) {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', CHILD, flowFile, journalDir, runId], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const hanging = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('HANGING')) resolve();
    });
    child.once('exit', () => reject(new Error(`child exited before step 3: ${stdout} ${stderr}`)));
  });
  return { child, hanging, exited };
}

test('SIGKILL during step 3, then resume: steps 1-2 are not re-run and the flow completes', async () => {
  const flowFile = join(dir, 'four.yaml');
  writeFileSync(flowFile, FLOW_YAML);
  const journalDir = join(dir, 'runs');
  const runId = '20261124T130501Z-killed';

  const { child, hanging, exited } = startChild(flowFile, journalDir, runId);
  await hanging;
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const killed = await readRun(runId, { journalDir });
  expect(killed.status).toBe('interrupted');
  expect(killed.steps.map((s) => [s.id, s.status])).toEqual([
    ['s1', 'succeeded'],
    ['s2', 'succeeded'],
    ['s3', 'interrupted'],
    ['s4', 'not-run'],
  ]);
  expect(existsSync(join(journalDir, `${runId}.lock`))).toBe(true); // left behind by the killed process

  const executor = fakeExecutor({
    make: (input) => ({ value: (input as { value: string }).value }),
    hang: (input) => ({ value: `${(input as { value: string }).value}-three` }),
  });
  const flow = await loadFlowFile(flowFile);

  // Step 3 may or may not have taken effect and is not known to be idempotent: the resume stops and says so.
  const blocked = await resumeFlow(flow, { executor, runId, journalDir });
  expect(blocked.status).toBe('failed');
  expect(blocked.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', step: 's3', details: { input: { value: 'one-two' } } });
  expect(executor.calls).toHaveLength(0);

  const done = await resumeFlow(flow, { executor, runId, journalDir, rerun: ['s3'] });
  expect(done.status).toBe('succeeded');
  expect(executor.calls.map((c) => [c.action, c.input])).toEqual([
    ['hang', { value: 'one-two' }],
    ['make', { value: 'one-two-three-four' }],
  ]);
  expect(done.steps.map((s) => [s.id, s.reused === true])).toEqual([
    ['s1', true],
    ['s2', true],
    ['s3', false],
    ['s4', false],
  ]);
  expect((await readRun(runId, { journalDir })).status).toBe('succeeded');
  expect(existsSync(join(journalDir, `${runId}.lock`))).toBe(false);
});
