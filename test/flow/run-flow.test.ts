// Running and resuming flows: the journal, stopping at the first failure, resuming without re-running
// succeeded steps, steps with an unknown outcome, torn journal lines, and a changed flow file.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HostError, InputError } from '../../runtime/errors';
import { flowFromDefinition, listRuns, readRun, resumeFlow, runFlow, type FlowEvent, type JournalEvent, type LoadedFlow } from '../../runtime/flow';
import { fakeExecutor, type FakeHandler } from '../support/flow-fake-executor';

let journalDir: string;
beforeEach(() => {
  journalDir = mkdtempSync(join(tmpdir(), 'flow-run-'));
});
afterEach(() => rmSync(journalDir, { recursive: true, force: true }));

const FLOW = {
  name: 'three-steps',
  connection: 'main',
  inputs: { lastName: {}, email: { default: 'a@b.c' } },
  steps: [
    { id: 'create', action: 'create-record', input: { module: 'Leads', record: { Last_Name: '{{ inputs.lastName }}', Email: '{{ inputs.email }}' } } },
    { id: 'update', action: 'update-record', connection: 'other', input: { id: '{{ steps.create.output.id }}', note: 'lead {{ steps.create.output.id }}' } },
    { id: 'read', action: 'get-record', input: { id: '{{ steps.update.output.id }}', n: '{{ steps.update.output.version }}' } },
  ],
};

function flow(definition: object = FLOW): LoadedFlow {
  return flowFromDefinition(definition, '/flows/three.yaml');
}

/** Counts calls; `fail` makes the named action throw the given error. */
function executor(overrides: Record<string, FakeHandler> = {}) {
  let next = 100;
  return fakeExecutor({
    'create-record': () => ({ id: String((next += 1)) }),
    'update-record': (input) => ({ id: (input as { id: string }).id, version: 2 }),
    'get-record': (input) => ({ id: (input as { id: string }).id, Last_Name: 'Smith' }),
    ...overrides,
  });
}

const idempotent = (action: string) => action === 'get-record' || action === 'update-record';

function journalLines(runId: string): JournalEvent[] {
  return readFileSync(join(journalDir, `${runId}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEvent);
}

/** Leaves the journal as a kill -9 would have: every line after the one `keep` picks is gone. */
function cutAfter(runId: string, keep: (e: JournalEvent) => boolean): void {
  const path = join(journalDir, `${runId}.jsonl`);
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  const index = lines.findIndex((l) => keep(JSON.parse(l) as JournalEvent));
  writeFileSync(path, `${lines.slice(0, index + 1).join('\n')}\n`);
}

const isStart = (step: string) => (e: JournalEvent) => e.type === 'step-start' && e.step === step;

test('runs the steps in order with resolved inputs, connections, and returns each output', async () => {
  const ex = executor();
  const result = await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-ok' });
  expect(result).toMatchObject({ runId: 'run-ok', status: 'succeeded', ok: true, resumed: false, flow: { name: 'three-steps', file: '/flows/three.yaml' } });
  expect(result.journal).toBe(join(journalDir, 'run-ok.jsonl'));
  expect(result.steps.map((s) => [s.id, s.status, s.output])).toEqual([
    ['create', 'succeeded', { id: '101' }],
    ['update', 'succeeded', { id: '101', version: 2 }],
    ['read', 'succeeded', { id: '101', Last_Name: 'Smith' }],
  ]);
  expect(ex.calls).toEqual([
    { action: 'create-record', input: { module: 'Leads', record: { Last_Name: 'Smith', Email: 'a@b.c' } }, connection: 'main' },
    { action: 'update-record', input: { id: '101', note: 'lead 101' }, connection: 'other' },
    { action: 'get-record', input: { id: '101', n: 2 }, connection: 'main' },
  ]);
});

test('the journal has run-start, step-start with resolved input, step-end with output and timing, run-end', async () => {
  const result = await runFlow(flow(), { executor: executor(), inputs: { lastName: 'Smith' }, journalDir, runId: 'run-journal', connection: 'cli' });
  const events = journalLines(result.runId);
  expect(events.map((e) => e.type)).toEqual(['run-start', 'step-start', 'step-end', 'step-start', 'step-end', 'step-start', 'step-end', 'run-end']);
  expect(events[0]).toEqual({
    type: 'run-start',
    v: 1,
    runId: 'run-journal',
    at: expect.any(String),
    flow: { name: 'three-steps', file: '/flows/three.yaml', hash: flow().hash },
    inputs: { lastName: 'Smith', email: 'a@b.c' },
    connection: 'cli',
    steps: [
      { id: 'create', action: 'create-record' },
      { id: 'update', action: 'update-record' },
      { id: 'read', action: 'get-record' },
    ],
    pid: process.pid,
  });
  expect(events[1]).toEqual({ type: 'step-start', at: expect.any(String), step: 'create', index: 0, action: 'create-record', connection: 'cli', input: { module: 'Leads', record: { Last_Name: 'Smith', Email: 'a@b.c' } } });
  expect(events[2]).toEqual({ type: 'step-end', at: expect.any(String), step: 'create', index: 0, action: 'create-record', durationMs: expect.any(Number), ok: true, output: { id: '101' } });
  expect(events[7]).toEqual({ type: 'run-end', at: expect.any(String), status: 'succeeded', durationMs: expect.any(Number) });
});

test('run ids are time-sortable and unique by default', async () => {
  const a = await runFlow(flow(), { executor: executor(), inputs: { lastName: 'A' }, journalDir });
  const b = await runFlow(flow(), { executor: executor(), inputs: { lastName: 'B' }, journalDir });
  expect(a.runId).toMatch(/^\d{8}T\d{6}Z-[a-z0-9]{6}$/);
  expect(a.runId).not.toBe(b.runId);
  await expect(runFlow(flow(), { executor: executor(), inputs: { lastName: 'C' }, journalDir, runId: a.runId })).rejects.toMatchObject({ code: 'RUN_EXISTS' });
  await expect(runFlow(flow(), { executor: executor(), inputs: { lastName: 'C' }, journalDir, runId: '../escape' })).rejects.toMatchObject({ code: 'RUN_ID_INVALID' });
});

test('validation errors stop the run before a journal exists', async () => {
  const ex = executor();
  await expect(runFlow(flow(), { executor: ex, inputs: {}, journalDir, runId: 'never' })).rejects.toMatchObject({ code: 'FLOW_INPUT_MISSING' });
  expect(ex.calls).toHaveLength(0);
  expect(await listRuns({ journalDir })).toEqual([]);
});

test('the first failing step stops the run with its error; later steps do not run', async () => {
  const ex = executor({
    'update-record': () => {
      throw new HostError({ code: 'INVALID_DATA', category: 'remote', message: 'bad id', httpStatus: 400 });
    },
  });
  const result = await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-fail' });
  expect(result.status).toBe('failed');
  expect(result.ok).toBe(false);
  expect(result.error).toMatchObject({ code: 'INVALID_DATA', category: 'remote', message: 'bad id', httpStatus: 400, step: 'update' });
  expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'failed', 'not-run']);
  expect(ex.count('get-record')).toBe(0);
  const events = journalLines('run-fail');
  expect(events.at(-2)).toMatchObject({ type: 'step-end', step: 'update', ok: false, error: { code: 'INVALID_DATA' } });
  expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'failed', error: { code: 'INVALID_DATA', step: 'update' } });
});

test('resume reuses the outputs of steps that succeeded, never re-running them, and appends to the same journal', async () => {
  let broken = true;
  const ex = executor({
    'update-record': (input) => {
      if (broken) throw new HostError({ code: 'RATE_LIMITED', category: 'remote', message: 'slow down', retryable: true });
      return { id: (input as { id: string }).id, version: 3 };
    },
  });
  const first = await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-resume' });
  expect(first.status).toBe('failed');
  broken = false;
  const events: FlowEvent[] = [];
  const second = await resumeFlow(flow(), { executor: ex, runId: 'run-resume', journalDir, onEvent: (e) => events.push(e) });
  expect(second).toMatchObject({ runId: 'run-resume', status: 'succeeded', resumed: true });
  expect(ex.count('create-record')).toBe(1);
  expect(ex.count('update-record')).toBe(2);
  expect(ex.count('get-record')).toBe(1);
  expect(second.steps[0]).toMatchObject({ id: 'create', status: 'succeeded', output: { id: '101' }, reused: true });
  expect(ex.calls.at(-2)!.input).toEqual({ id: '101', note: 'lead 101' });
  expect(second.steps[2]!.output).toEqual({ id: '101', Last_Name: 'Smith' });
  expect(events.map((e) => e.type)).toEqual(['run-resume', 'step-reused', 'step-start', 'step-end', 'step-start', 'step-end', 'run-end']);
  expect(journalLines('run-resume').map((e) => e.type)).toEqual([
    'run-start', 'step-start', 'step-end', 'step-start', 'step-end', 'run-end',
    'run-resume', 'step-start', 'step-end', 'step-start', 'step-end', 'run-end',
  ]);

  // A finished run resumes to its result without running or writing anything.
  const size = readFileSync(join(journalDir, 'run-resume.jsonl')).length;
  const third = await runFlow(flow(), { executor: ex, journalDir, resume: { runId: 'run-resume' } });
  expect(third.status).toBe('succeeded');
  expect(third.steps.every((s) => s.reused)).toBe(true);
  expect(ex.calls).toHaveLength(4);
  expect(readFileSync(join(journalDir, 'run-resume.jsonl')).length).toBe(size);
});

test('an interrupted idempotent step is run again on resume', async () => {
  const ex = executor();
  await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-idem' });
  cutAfter('run-idem', isStart('update'));
  const result = await resumeFlow(flow(), { executor: ex, runId: 'run-idem', journalDir, isIdempotent: idempotent });
  expect(result.status).toBe('succeeded');
  expect([ex.count('create-record'), ex.count('update-record'), ex.count('get-record')]).toEqual([1, 2, 2]);
  await expect(readRun('run-idem', { journalDir })).resolves.toMatchObject({ status: 'succeeded', attempts: 2 });
});

test('an interrupted non-idempotent step stops the resume with OUTCOME_UNKNOWN naming the step, its input and the way out', async () => {
  const ex = executor();
  await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-unknown' });
  cutAfter('run-unknown', isStart('create'));
  const result = await resumeFlow(flow(), { executor: ex, runId: 'run-unknown', journalDir, isIdempotent: idempotent });
  expect(result.status).toBe('failed');
  expect(result.error).toMatchObject({
    code: 'OUTCOME_UNKNOWN',
    category: 'unknown_outcome',
    step: 'create',
    details: { runId: 'run-unknown', step: 'create', action: 'create-record', input: { module: 'Leads', record: { Last_Name: 'Smith', Email: 'a@b.c' } } },
  });
  expect(result.error!.message).toMatch(/Step "create" \(create-record\) of run run-unknown started but its result was never recorded/);
  expect(result.error!.hint).toMatch(/--assume-done create=.*--rerun create/);
  expect(result.steps[0]!.status).toBe('interrupted');
  expect(ex.count('create-record')).toBe(1);
  expect(journalLines('run-unknown').at(-1)).toMatchObject({ type: 'run-end', status: 'failed', error: { code: 'OUTCOME_UNKNOWN' } });

  // --rerun runs it again even though it is not idempotent.
  const rerun = await resumeFlow(flow(), { executor: ex, runId: 'run-unknown', journalDir, isIdempotent: idempotent, rerun: ['create'] });
  expect(rerun.status).toBe('succeeded');
  expect(ex.count('create-record')).toBe(2);
  expect(rerun.steps[1]!.output).toEqual({ id: '102', version: 2 });
});

test('--assume-done records the given output for an interrupted step and continues from it', async () => {
  const ex = executor();
  await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-assume' });
  cutAfter('run-assume', isStart('create'));
  const result = await resumeFlow(flow(), { executor: ex, runId: 'run-assume', journalDir, assumeDone: { create: { id: '999' } } });
  expect(result.status).toBe('succeeded');
  expect(ex.count('create-record')).toBe(1);
  expect(result.steps[0]).toMatchObject({ status: 'succeeded', output: { id: '999' }, assumed: true });
  expect(ex.calls.at(-2)!.input).toEqual({ id: '999', note: 'lead 999' });
  expect(journalLines('run-assume').find((e) => e.type === 'step-end' && e.step === 'create' && 'assumed' in e)).toMatchObject({ ok: true, output: { id: '999' }, assumed: true });
});

test('a step that ended with OUTCOME_UNKNOWN is treated like an interrupted one', async () => {
  let lost = true;
  const ex = executor({
    'create-record': () => {
      if (lost) throw new HostError({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome', message: 'connection dropped after the write' });
      return { id: '7' };
    },
  });
  const first = await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-ou' });
  expect(first.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', step: 'create' });
  expect(first.steps[0]!.status).toBe('outcome-unknown');
  lost = false;
  const blocked = await resumeFlow(flow(), { executor: ex, runId: 'run-ou', journalDir });
  expect(blocked.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', details: { previousError: { message: 'connection dropped after the write' } } });
  expect(blocked.error!.message).toMatch(/ended with OUTCOME_UNKNOWN \(connection dropped after the write\)/);
  expect(ex.count('create-record')).toBe(1);
  const done = await resumeFlow(flow(), { executor: ex, runId: 'run-ou', journalDir, isIdempotent: () => true });
  expect(done.status).toBe('succeeded');
  expect(ex.count('create-record')).toBe(2);
});

test('resume options that cannot apply are refused', async () => {
  const ex = executor();
  await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-opts' });
  cutAfter('run-opts', isStart('update'));
  const resume = (extra: object) => resumeFlow(flow(), { executor: ex, runId: 'run-opts', journalDir, ...extra });
  await expect(resume({ rerun: ['nope'] })).rejects.toMatchObject({ code: 'RESUME_STEP_INVALID', message: expect.stringMatching(/--rerun names step "nope", which the flow does not have/) });
  await expect(resume({ rerun: ['create'] })).rejects.toMatchObject({ code: 'RESUME_STEP_INVALID', message: expect.stringMatching(/already succeeded/) });
  await expect(resume({ assumeDone: { read: {} } })).rejects.toMatchObject({ code: 'RESUME_STEP_INVALID', message: expect.stringMatching(/whose state is not-run/) });
  await expect(resume({ rerun: ['update'], assumeDone: { update: {} } })).rejects.toMatchObject({ code: 'RESUME_STEP_INVALID' });
  expect(ex.calls).toHaveLength(3); // the first run's, nothing more
});

test('a torn last journal line is ignored, cut off, and the resume appends cleanly after it', async () => {
  const ex = executor();
  await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-torn' });
  cutAfter('run-torn', (e) => e.type === 'step-end' && e.step === 'create');
  const path = join(journalDir, 'run-torn.jsonl');
  appendFileSync(path, '{"type":"step-start","at":"2026-11-24T13:05:01Z","step":"upd');
  const record = await readRun('run-torn', { journalDir });
  expect(record).toMatchObject({ tornTail: true, status: 'interrupted' });
  expect(record.steps.map((s) => s.status)).toEqual(['succeeded', 'not-run', 'not-run']);
  const result = await resumeFlow(flow(), { executor: ex, runId: 'run-torn', journalDir });
  expect(result.status).toBe('succeeded');
  expect([ex.count('create-record'), ex.count('update-record')]).toEqual([1, 2]);
  const text = readFileSync(path, 'utf8');
  expect(text).not.toContain('"step":"upd\n');
  expect(text.split('\n').filter(Boolean).every((l) => JSON.parse(l))).toBe(true);
  expect((await readRun('run-torn', { journalDir })).tornTail).toBe(false);
});

test('a damaged line in the middle of a journal is reported, not guessed around', async () => {
  await runFlow(flow(), { executor: executor(), inputs: { lastName: 'Smith' }, journalDir, runId: 'run-bad' });
  const path = join(journalDir, 'run-bad.jsonl');
  const lines = readFileSync(path, 'utf8').split('\n');
  lines[2] = '{garbage';
  writeFileSync(path, lines.join('\n'));
  await expect(readRun('run-bad', { journalDir })).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', message: expect.stringMatching(/damaged at line 3/) });
  await expect(resumeFlow(flow(), { executor: executor(), runId: 'run-bad', journalDir })).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT' });
  expect(readFileSync(path, 'utf8')).toBe(lines.join('\n'));
});

test('resuming after the flow changed is refused unless forced; forced, succeeded steps are matched by id', async () => {
  const ex = executor({
    'get-record': () => {
      throw new HostError({ code: 'NOT_FOUND', category: 'remote', message: 'gone' });
    },
  });
  await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-changed' });
  const changed = flow({ ...FLOW, steps: [...FLOW.steps.slice(0, 2), { id: 'read', action: 'get-record', input: { id: '{{ steps.create.output.id }}' } }] });
  const refusal = resumeFlow(changed, { executor: ex, runId: 'run-changed', journalDir });
  await expect(refusal).rejects.toBeInstanceOf(InputError);
  await expect(refusal).rejects.toMatchObject({ code: 'FLOW_CHANGED', message: expect.stringMatching(/\/flows\/three\.yaml has changed since run run-changed started/), hint: expect.stringMatching(/--force/) });
  const ok = executor();
  const forced = await resumeFlow(changed, { executor: ok, runId: 'run-changed', journalDir, force: true });
  expect(forced.status).toBe('succeeded');
  expect(ok.calls.map((c) => c.action)).toEqual(['get-record']);
  expect(ok.calls[0]!.input).toEqual({ id: '101' });
  expect(journalLines('run-changed').find((e) => e.type === 'run-resume')).toMatchObject({ force: true, flowHash: changed.hash });
});

test('resuming a run that does not exist says so', async () => {
  await expect(resumeFlow(flow(), { executor: executor(), runId: '20261124T130501Z-abcdef', journalDir })).rejects.toMatchObject({
    code: 'RUN_NOT_FOUND',
    message: expect.stringContaining('There is no run 20261124T130501Z-abcdef'),
  });
});

test('a run held by a live process cannot be resumed at the same time', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const inStep = new Promise<void>((r) => (started = r));
  const ex = executor({
    'update-record': async () => {
      started();
      await gate;
      return { id: '1', version: 1 };
    },
  });
  const running = runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-locked' });
  await inStep;
  await expect(resumeFlow(flow(), { executor: ex, runId: 'run-locked', journalDir })).rejects.toMatchObject({ code: 'RUN_LOCKED', message: expect.stringContaining(`process ${process.pid}`) });
  expect((await readRun('run-locked', { journalDir })).status).toBe('running');
  release();
  expect((await running).status).toBe('succeeded');
  expect(ex.count('update-record')).toBe(1);
});

test('a template that points at nothing at run time fails that step before it runs', async () => {
  const ex = executor({ 'create-record': () => ({ other: 1 }) });
  const result = await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-tpl' });
  expect(result.error).toMatchObject({ code: 'FLOW_TEMPLATE_UNRESOLVED', step: 'update', details: { path: '/steps/1/input/id' } });
  expect(result.error!.message).toMatch(/steps\.create\.output has no property "id" \(it has: other\)/);
  expect(ex.count('update-record')).toBe(0);
});

test('an aborted signal stops the run before the next step, and the run can be resumed', async () => {
  const controller = new AbortController();
  const ex = executor({
    'create-record': () => {
      controller.abort();
      return { id: '5' };
    },
  });
  const result = await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-cancel', signal: controller.signal });
  expect(result.status).toBe('cancelled');
  expect(result.error).toMatchObject({ code: 'CANCELLED', step: 'update' });
  expect(ex.calls).toHaveLength(1);
  const resumed = await resumeFlow(flow(), { executor: ex, runId: 'run-cancel', journalDir });
  expect(resumed.status).toBe('succeeded');
  expect(ex.count('create-record')).toBe(1);
});

test('listRuns and readRun describe the runs from their journals', async () => {
  await runFlow(flow(), { executor: executor(), inputs: { lastName: 'A' }, journalDir, runId: '20261124T130501Z-aaaaaa' });
  await runFlow(flow(), { executor: executor({ 'get-record': () => { throw new HostError({ code: 'X', category: 'remote', message: 'x' }); } }), inputs: { lastName: 'B' }, journalDir, runId: '20261124T130502Z-bbbbbb' });
  writeFileSync(join(journalDir, 'empty.jsonl'), '');
  const runs = await listRuns({ journalDir });
  expect(runs.filter((r) => r.status !== 'unreadable').map((r) => [r.runId, r.status, r.steps])).toEqual([
    ['20261124T130502Z-bbbbbb', 'failed', { total: 3, succeeded: 2 }],
    ['20261124T130501Z-aaaaaa', 'succeeded', { total: 3, succeeded: 3 }],
  ]);
  expect(runs.find((r) => r.runId === 'empty')).toMatchObject({ status: 'unreadable', problem: expect.stringMatching(/never started/) });
  const run = await readRun('20261124T130502Z-bbbbbb', { journalDir });
  expect(run).toMatchObject({ status: 'failed', inputs: { lastName: 'B', email: 'a@b.c' }, error: { code: 'X', step: 'read' }, attempts: 1 });
  expect(run.steps[1]).toMatchObject({ id: 'update', status: 'succeeded', input: { id: '101', note: 'lead 101' }, output: { id: '101', version: 2 }, starts: 1 });
  await expect(readRun('nope', { journalDir })).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
});

test('a resume keeps the inputs the run started with: equal ones are accepted, different ones refused', async () => {
  let broken = true;
  const ex = executor({
    'get-record': () => {
      if (broken) throw new HostError({ code: 'X', category: 'remote', message: 'x' });
      return {};
    },
  });
  await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, runId: 'run-inputs' });
  await expect(runFlow(flow(), { executor: ex, inputs: { lastName: 'Jones' }, journalDir, resume: { runId: 'run-inputs' } })).rejects.toMatchObject({
    code: 'RESUME_INPUTS_CHANGED',
    message: expect.stringContaining('"lastName"'),
  });
  broken = false;
  const same = await runFlow(flow(), { executor: ex, inputs: { lastName: 'Smith' }, journalDir, resume: { runId: 'run-inputs' } });
  expect(same.status).toBe('succeeded');
  expect(ex.count('create-record')).toBe(1);
});
