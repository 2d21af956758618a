import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import { ECHO_FIXTURE, echoCopy } from '../support/broken-manifest';
import { cli, tempHome } from '../support/cli-io';
import { startEchoServer, type EchoServer } from '../support/echo-server';

const manifest = join(ECHO_FIXTURE, 'manifest.json');

describe('zcrm CLI core, driving a non-Zoho connector', () => {
  let server: EchoServer;
  let home: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = await startEchoServer();
    home = tempHome();
    env = { ZCRM_HOME: home, ZCRM_SECRET: 'test-secret-for-cli-core' };
    const store = new FileCredentialStore({ dir: home, secret: env.ZCRM_SECRET! });
    const now = new Date().toISOString();
    await store.put({ nickname: 'local', connector: 'echo', createdAt: now, updatedAt: now, settings: { baseUrl: server.url }, secrets: {} });
  });
  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  test('--version prints the package version and exits 0', async () => {
    const run = await cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('help lists the commands and exits 0', async () => {
    const run = await cli(['help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/actions/);
    expect(run.stdout).toMatch(/run \[options\] <action>/);
  });

  test('an unknown command is a usage error (exit 2)', async () => {
    const run = await cli(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  test('actions lists the connector actions by group, and as JSON', async () => {
    const text = await cli(['--manifest', manifest, 'actions'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Messages\n {2}echo +Echo/);
    const json = await cli(['--manifest', manifest, 'actions', '--json'], { env });
    expect((JSON.parse(json.stdout) as { id: string }[]).map((a) => a.id)).toEqual(['echo', 'post-message', 'wait', 'bad-output', 'now']);
  });

  test('describe shows the input fields with required marks', async () => {
    const run = await cli(['--manifest', manifest, 'describe', 'echo'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/message\* +string — Text to send\./);
    expect(run.stdout).toMatch(/idempotent/);
  });

  test('run prints the output on stdout and exits 0', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"message":"hi","repeat":3}'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ echoed: 'hihihi', count: 0 });
  });

  test('run --json prints one line with the whole result', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"message":"hi"}', '--json'], { env });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, action: 'echo', output: { echoed: 'hi' } });
  });

  test('run reads --input @file and piped stdin', async () => {
    const file = join(home, 'input.json');
    writeFileSync(file, '{"message":"from file"}');
    expect(JSON.parse((await cli(['--manifest', manifest, 'run', 'echo', '--input', `@${file}`], { env })).stdout)).toMatchObject({ echoed: 'from file' });
    expect(JSON.parse((await cli(['--manifest', manifest, 'run', 'echo'], { env, stdin: '{"message":"piped"}' })).stdout)).toMatchObject({ echoed: 'piped' });
  });

  test('input that is not JSON: exit 2, a clear message, no stack trace', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{message:'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: The input from --input is not valid JSON/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('input failing the schema: exit 2 with every issue and its path', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"repeat":0,"extra":1}'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('  /message: is required');
    expect(run.stderr).toContain('  /repeat: must be >= 1');
    expect(run.stderr).toContain('  /extra: is not a known property');
    expect(run.stdout).toBe('');
  });

  test('--json failures print the typed error on stdout too', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{}', '--json'], { env });
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', category: 'input' } });
  });

  test('an unknown action: exit 2 listing the valid ones', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'ecko', '--input', '{}'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown action "ecko"/);
    expect(run.stderr).toMatch(/hint: Valid actions: echo, post-message/);
  });

  test('an unknown connection: exit 3', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"message":"x"}', '--connection', 'nope'], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/No connection named "nope"/);
  });

  test('a remote error: exit 1 with the HTTP status', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"message":"x","status":500}'], { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HTTP 500/);
  });

  test('a timed-out non-idempotent write: exit 4', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'post-message', '--input', '{"message":"x"}', '--timeout', '1'], { env });
    expect([0, 4]).toContain(run.code); // the local server may answer within 1 ms
    if (run.code === 4) expect(run.stderr).toMatch(/may or may not have taken effect/);
  });

  test('a broken manifest: exit 2 naming the file and JSON path', async () => {
    const { manifestPath, dir } = echoCopy((m) => {
      m.actions[1].id = 'echo';
    });
    const run = await cli(['--manifest', manifestPath, 'actions'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/manifest\.json at \/actions\/1\/id: duplicate action id "echo"/);
    rmSync(dir, { recursive: true, force: true });
  });

  test('a wrongly keyed credential store: exit 3, and the store is left as it was', async () => {
    const run = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"message":"x"}'], { env: { ...env, ZCRM_SECRET: 'another-secret-entirely' } });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/decrypt/i);
    const again = await cli(['--manifest', manifest, 'run', 'echo', '--input', '{"message":"x"}'], { env });
    expect(again.code).toBe(0);
  });

  test('--verbose shows a stack trace for an internal error; without it there is none', async () => {
    const quiet = await cli(['--manifest', manifest, 'run', 'bad-output', '--input', '{"message":"x"}'], { env });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(/looks like a bug/);
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    const loud = await cli(['--verbose', '--manifest', manifest, 'run', 'bad-output', '--input', '{"message":"x"}'], { env });
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(/\n\s+at /);
  });
});
