// `zcrm flow run | runs | show` through commander with a fake host: output on the right streams, errors as HostErrors.
import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { register } from '../../cli/commands/flow';
import type { CliContext } from '../../cli/context';
import { HostError } from '../../runtime/errors';
import type { Host } from '../../runtime/types';
import { fakeExecutor, type FakeExecutor } from '../support/flow-fake-executor';

const FLOW_YAML = `
name: cli-flow
inputs:
  lastName: {}
  email: { default: a@b.c }
steps:
  - id: create
    action: create-record
    input: { record: { Last_Name: "{{ inputs.lastName }}", Email: "{{ inputs.email }}" } }
  - id: read
    action: get-record
    input: { id: "{{ steps.create.output.id }}" }
`;

let home: string;
let flowFile: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'flow-cli-'));
  flowFile = join(home, 'flow.yaml');
  writeFileSync(flowFile, FLOW_YAML);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function cli(executor: FakeExecutor, env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const out = new PassThrough();
  const err = new PassThrough();
  out.on('data', (c: Buffer) => (stdout += c.toString()));
  err.on('data', (c: Buffer) => (stderr += c.toString()));
  const idempotent = new Set(['get-record']);
  const host = { ...executor, action: (id: string) => ({ id, idempotent: idempotent.has(id) }) } as unknown as Host;
  const ctx: CliContext = {
    io: { stdout: out, stderr: err, stdin: new PassThrough(), env: { ZCRM_HOME: home, ...env }, cwd: home },
    host: async () => host,
    store: async () => {
      throw new Error('not used');
    },
    log: () => {
      throw new Error('not used');
    },
    print(value, { json, text }) {
      out.write(json ? `${JSON.stringify(value)}\n` : `${text ?? JSON.stringify(value, null, 2)}\n`);
    },
    verbose: () => false,
  };
  const run = async (...argv: string[]) => {
    stdout = '';
    stderr = '';
    const program = new Command('zcrm').exitOverride();
    register(program, ctx);
    await program.parseAsync(argv, { from: 'user' });
    return { stdout, stderr };
  };
  return { run, output: () => ({ stdout, stderr }) };
}

function executor(overrides: Parameters<typeof fakeExecutor>[0] = {}) {
  return fakeExecutor({ 'create-record': () => ({ id: '42' }), 'get-record': (input) => ({ id: (input as { id: string }).id, ok: true }), ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<HostError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(HostError);
    return err as HostError;
  }
  throw new Error('expected the command to fail');
}

test('flow run --json prints the result on stdout and journals under ZCRM_HOME', async () => {
  const ex = executor();
  const { stdout, stderr } = await cli(ex).run('flow', 'run', 'flow.yaml', '--set', 'lastName=Smith', '--json');
  const result = JSON.parse(stdout) as { runId: string; status: string; journal: string; steps: { id: string; output: unknown }[] };
  expect(result.status).toBe('succeeded');
  expect(result.journal).toBe(join(home, 'data', 'runs', `${result.runId}.jsonl`));
  expect(result.steps.map((s) => s.output)).toEqual([{ id: '42' }, { id: '42', ok: true }]);
  expect(stderr).toContain('[2/2] read: ok in');
  expect(ex.calls[0]!.input).toEqual({ record: { Last_Name: 'Smith', Email: 'a@b.c' } });
  expect(readFileSync(result.journal, 'utf8').split('\n').filter(Boolean)).toHaveLength(6);
});

test('flow run shows per-step progress on stderr and the outputs on stdout; --input takes @file', async () => {
  writeFileSync(join(home, 'inputs.json'), JSON.stringify({ lastName: 'Jones', email: 'j@x.y' }));
  const ex = executor();
  const { stdout, stderr } = await cli(ex, { ZCRM_CONNECTION: 'env-conn' }).run('flow', 'run', flowFile, '--input', '@inputs.json');
  expect(stderr).toMatch(/^run \S+: cli-flow, 2 steps\n\[1\/2\] create \(create-record\) \.\.\.\n\[1\/2\] create: ok in \d+ ms\n\[2\/2\] read \(get-record\) \.\.\.\n\[2\/2\] read: ok in \d+ ms\nrun succeeded in [\d.]+ s\n$/);
  expect(stdout).toMatch(/^run \S+ succeeded\njournal: .*\ncreate \(create-record\): succeeded\n {2}\{\n {4}"id": "42"\n {2}\}\nread \(get-record\): succeeded\n/);
  expect(ex.calls[0]).toMatchObject({ input: { record: { Last_Name: 'Jones', Email: 'j@x.y' } }, connection: 'env-conn' });
});

test('--dry-run validates and prints the plan without running anything', async () => {
  const ex = executor();
  const c = cli(ex);
  const { stdout } = await c.run('flow', 'run', 'flow.yaml', '--dry-run', '--set', 'lastName=X', '--connection', 'mine');
  expect(stdout).toBe('cli-flow: valid, 2 steps (nothing was run)\n  1. create: create-record (connection mine; inputs lastName, email)\n  2. read: get-record (connection mine; uses create)\ninputs: {"lastName":"X","email":"a@b.c"}\n');
  const bad = await failure(c.run('flow', 'run', 'flow.yaml', '--dry-run'));
  expect(bad).toMatchObject({ code: 'FLOW_INPUT_MISSING', category: 'input' });
  expect(ex.calls).toHaveLength(0);
});

test('a failed step prints the result, then throws its error with the command that resumes', async () => {
  let down = true;
  const ex = executor({
    'get-record': () => {
      if (down) throw new HostError({ code: 'SERVER_ERROR', category: 'remote', message: 'boom', httpStatus: 500 });
      return { id: '42' };
    },
  });
  const c = cli(ex);
  const err = await failure(c.run('flow', 'run', 'flow.yaml', '--set', 'lastName=Smith'));
  const runId = /run (\S+) failed/.exec(c.output().stdout)![1]!;
  expect(err).toMatchObject({ code: 'SERVER_ERROR', category: 'remote', httpStatus: 500 });
  expect(err.message).toBe(`Run ${runId} failed at step "read": boom`);
  expect(err.hint).toBe(`To continue this run: zcrm flow run flow.yaml --resume ${runId}`);
  expect(c.output().stderr).toContain('[2/2] read: failed: SERVER_ERROR: boom');

  down = false;
  const resumed = await c.run('flow', 'run', 'flow.yaml', '--resume', runId, '--json');
  expect(JSON.parse(resumed.stdout)).toMatchObject({ runId, status: 'succeeded', resumed: true, steps: [{ id: 'create', reused: true }, { id: 'read' }] });
  expect(ex.count('create-record')).toBe(1);
});

test('with --json a failure carries the run in the error details (one JSON document for main to print)', async () => {
  const ex = executor({
    'create-record': () => {
      throw new HostError({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome', message: 'dropped' });
    },
  });
  const c = cli(ex);
  const err = await failure(c.run('flow', 'run', 'flow.yaml', '--set', 'lastName=S', '--json'));
  expect(err.category).toBe('unknown_outcome');
  expect(err.details).toMatchObject({ step: 'create', run: { status: 'failed', steps: [{ id: 'create', status: 'outcome-unknown' }, { id: 'read', status: 'not-run' }] } });
  expect(c.output().stdout).toBe('');
});

test('--assume-done and --rerun apply to a step whose outcome is unknown', async () => {
  let lost = true;
  const ex = executor({
    'create-record': () => {
      if (lost) throw new HostError({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome', message: 'dropped' });
      return { id: '43' };
    },
  });
  const c = cli(ex);
  await failure(c.run('flow', 'run', 'flow.yaml', '--set', 'lastName=S'));
  const runId = /run (\S+) failed/.exec(c.output().stdout)![1]!;
  lost = false;
  const blocked = await failure(c.run('flow', 'run', 'flow.yaml', '--resume', runId));
  expect(blocked).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' });
  expect(blocked.hint).toMatch(/--assume-done create=.*--rerun create.*To continue this run/);
  const { stdout } = await c.run('flow', 'run', 'flow.yaml', '--resume', runId, '--assume-done', 'create={"id":"41"}', '--json');
  expect(JSON.parse(stdout)).toMatchObject({ status: 'succeeded', steps: [{ id: 'create', assumed: true, output: { id: '41' } }, { id: 'read', output: { id: '41' } }] });
  expect(ex.count('create-record')).toBe(1);
});

test('usage mistakes are input errors', async () => {
  const c = cli(executor());
  await expect(c.run('flow', 'run', 'flow.yaml', '--rerun', 'create')).rejects.toMatchObject({ code: 'USAGE', message: '--rerun only apply with --resume <runId>.' });
  await expect(c.run('flow', 'run', 'flow.yaml', '--resume', 'x', '--set', 'a=b')).rejects.toMatchObject({ code: 'USAGE' });
  await expect(c.run('flow', 'run', 'flow.yaml', '--set', 'novalue')).rejects.toMatchObject({ code: 'USAGE' });
  await expect(c.run('flow', 'run', 'flow.yaml', '--input', '[1]')).rejects.toMatchObject({ code: 'USAGE' });
  await expect(c.run('flow', 'run', 'flow.yaml', '--input', '{bad')).rejects.toMatchObject({ code: 'INPUT_NOT_JSON' });
  await expect(c.run('flow', 'run', 'missing.yaml')).rejects.toMatchObject({ code: 'FLOW_FILE_NOT_FOUND' });
  await expect(c.run('flow', 'run', 'flow.yaml', '--resume', '20261124T130501Z-nonexi')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
});

test('flow runs and flow show read the journals', async () => {
  const c = cli(executor());
  const empty = await c.run('flow', 'runs');
  expect(empty.stdout).toBe(`no runs yet (journals are kept in ${join(home, 'data', 'runs')})\n`);
  const { stdout } = await c.run('flow', 'run', 'flow.yaml', '--set', 'lastName=Smith', '--json');
  const { runId } = JSON.parse(stdout) as { runId: string };

  const list = await c.run('flow', 'runs');
  expect(list.stdout).toMatch(new RegExp(`^RUN +STATUS +STEPS +STARTED +FLOW\\n${runId} +succeeded +2/2 +\\S+ +cli-flow\\n$`));
  expect(JSON.parse((await c.run('flow', 'runs', '--json')).stdout)).toEqual([expect.objectContaining({ runId, status: 'succeeded', flowName: 'cli-flow' })]);

  const shown = await c.run('flow', 'show', runId);
  expect(shown.stdout).toContain(`run ${runId}: succeeded`);
  expect(shown.stdout).toContain('1. create (create-record): succeeded');
  expect(shown.stdout).toContain('input: {"record":{"Last_Name":"Smith","Email":"a@b.c"}}');
  expect(shown.stdout).toContain('output: {"id":"42"}');
  const json = JSON.parse((await c.run('flow', 'show', runId, '--json')).stdout) as Record<string, unknown>;
  expect(json).toMatchObject({ runId, status: 'succeeded', steps: [{ id: 'create' }, { id: 'read' }] });
  expect(json.events).toBeUndefined();
  await expect(c.run('flow', 'show', 'nope')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
});
