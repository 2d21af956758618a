// The CLI commands against the real sandbox: connect --sandbox (and --self-client), connections [--json],
// connections test, disconnect; exit codes by category; no secret ever printed.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { destroySharedAgents } from '../../connector/http-agents';
import { completeSandboxConsent } from '../../connector/sandbox-connect/consent-bot';
import { findOrStartSandbox } from '../../connector/sandbox-connect/launcher';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { runZcrm } from './support/cli';

let sb: RunningSandbox;
let home: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  sb = await startSandbox({ seed: 11 });
  home = mkdtempSync(join(tmpdir(), 'zcrm-cli-'));
  env = { ZCRM_HOME: home, ZOHO_CLIENT_ID: sb.clientId, ZOHO_CLIENT_SECRET: sb.clientSecret };
});
afterAll(async () => {
  await sb.close();
  rmSync(home, { recursive: true, force: true });
  destroySharedAgents();
});

function noSecrets(text: string) {
  for (const s of sb.issuedSecrets()) expect(text).not.toContain(s);
}

test('connect --sandbox, list, test, disconnect', async () => {
  const store = new MemoryCredentialStore();
  const connect = await runZcrm(['connect', 'acme', '--sandbox', sb.url], store, env);
  expect(connect.stderr).toBe('');
  expect(connect.code).toBe(0);
  expect(connect.stdout).toMatch(/^Connected "acme" as Patricia Boyle <.+>, org .+\./m);
  expect(connect.stdout).toMatch(/Data centre: United States \(us\); API: http:\/\/127\.0\.0\.1:\d+\./);

  const list = await runZcrm(['connections', '--json'], store, env);
  expect(list.code).toBe(0);
  const rows = JSON.parse(list.stdout) as { nickname: string; region: string; user: { email: string }; health: { status: string } }[];
  expect(rows).toEqual([expect.objectContaining({ nickname: 'acme', region: 'us', user: expect.objectContaining({ email: sb.user.email }), health: expect.objectContaining({ status: 'ok' }) })]);

  const tested = await runZcrm(['connections', 'test', 'acme'], store, env);
  expect(tested.code).toBe(0);
  expect(tested.stdout).toMatch(/Connection "acme" works: Zoho CRM answered in \d+ ms\.\nSigned in as Patricia Boyle/);

  const gone = await runZcrm(['disconnect', 'acme'], store, env);
  expect(gone.code).toBe(0);
  expect(gone.stdout).toMatch(/token was revoked in Zoho and the connection deleted/);
  expect(await store.list()).toEqual([]);
  noSecrets(connect.stdout + connect.stderr + list.stdout + tested.stdout + gone.stdout);
});

test('the same-user warning goes to stderr, and the text list shows it', async () => {
  const store = new MemoryCredentialStore();
  await runZcrm(['connect', 'one', '--sandbox', sb.url], store, env);
  const two = await runZcrm(['connect', 'two', '--sandbox', sb.url, '--json'], store, env);
  expect(two.code).toBe(0);
  expect(two.stderr).toMatch(/^warning: Connection "two" belongs to the same Zoho user .* as "one"/);
  expect(JSON.parse(two.stdout)).toMatchObject({ ok: true, sameUser: ['one'] });
  const list = await runZcrm(['connections'], store, env);
  expect(list.stdout).toMatch(/one {2}\[us\] {2}Patricia Boyle <.+>, org .+\n {2}warning: token valid for \d+ min; same Zoho user as "two"/);
});

test('--sandbox-user signs in as another sandbox user; --self-client uses a grant code', async () => {
  const store = new MemoryCredentialStore();
  const other = await runZcrm(['connect', 'rahul', '--sandbox', sb.url, '--sandbox-user', 'rahul.menon@zylker.example', '--json'], store, env);
  expect(JSON.parse(other.stdout).connection).toMatchObject({ userEmail: 'rahul.menon@zylker.example' });
  const code = sb.selfClientCode(['ZohoCRM.modules.ALL', 'ZohoCRM.users.READ', 'ZohoCRM.org.READ'], 'chen.wei@zylker.example');
  const selfie = await runZcrm(['connect', 'chen', '--self-client', '--code', code, '--json'], store, { ...env, ZOHO_ACCOUNTS_URL: sb.url, ZOHO_API_DOMAIN: sb.url });
  expect(selfie.code).toBe(0);
  expect(JSON.parse(selfie.stdout).connection).toMatchObject({ nickname: 'chen', userEmail: 'chen.wei@zylker.example' });
  noSecrets(other.stdout + selfie.stdout + selfie.stderr);
});

test.each([
  [['connect', 'bad name!', '--sandbox'], 2, /not a valid connection nickname/],
  [['connect', 'x', '--dc', 'uk', '--self-client', '--code', 'c'], 2, /Unknown data centre "uk"[\s\S]*hint: Use one of: us, eu/],
  [['connect', 'x', '--code', 'c'], 2, /--code goes with --self-client/],
  [['connections', 'test', 'nobody'], 3, /no connection "nobody"/],
  [['disconnect', 'nobody'], 3, /no connection "nobody"/],
])('%j exits %i', async (argv, code, message) => {
  const run = await runZcrm(argv, new MemoryCredentialStore(), env);
  expect(run.code).toBe(code);
  expect(run.stderr).toMatch(message);
});

test('a missing client id says where to get one (exit 2)', async () => {
  const run = await runZcrm(['connect', 'x', '--self-client', '--code', 'c'], new MemoryCredentialStore(), { ZCRM_HOME: home });
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/client id and secret are needed[\s\S]*api-console\.zoho\.com/);
});

test('connections test on a revoked connection explains it and exits 3', async () => {
  const store = new MemoryCredentialStore();
  await runZcrm(['connect', 'doomed', '--sandbox', sb.url], store, env);
  const token = (await store.get('doomed'))!.secrets.refreshToken!;
  await fetch(`${sb.url}/oauth/v2/token/revoke?token=${encodeURIComponent(token)}`, { method: 'POST' });
  const run = await runZcrm(['connections', 'test', 'doomed'], store, env);
  expect(run.code).toBe(3);
  expect(run.stderr).toMatch(/Connection "doomed" does not work\.\nerror: .*revoked or pushed out[\s\S]*hint: Run `zcrm connect doomed` again/);
  const list = await runZcrm(['connections'], store, env);
  expect(list.stdout).toMatch(/doomed .*\n {2}reconnect: TOKEN_REVOKED at .*: run `zcrm connect doomed` again/);
  noSecrets(run.stderr);
});

test('disconnect refuses to forget a token it could not revoke, unless --force', async () => {
  const store = new MemoryCredentialStore();
  await runZcrm(['connect', 'stray', '--sandbox', sb.url], store, env);
  await store.update('stray', (c) => ({ ...c, settings: { ...c.settings, accountsUrl: 'http://127.0.0.1:9' } }));
  const refused = await runZcrm(['disconnect', 'stray'], store, env);
  expect(refused.code).toBe(3);
  expect(refused.stderr).toMatch(/Could not revoke the token of "stray"[\s\S]*--force/);
  expect(await store.get('stray')).toBeDefined();
  const forced = await runZcrm(['disconnect', 'stray', '--force'], store, env);
  expect(forced.code).toBe(0);
  expect(forced.stderr).toMatch(/could not be revoked in Zoho; remove the app/);
  expect(await store.get('stray')).toBeUndefined();
});

test('the browser flow prints the sign-in URL with --no-browser and finishes when the user accepts', async () => {
  const store = new MemoryCredentialStore();
  let acting: Promise<void> | undefined;
  const run = await runZcrm(['connect', 'human', '--dc', 'eu', '--no-browser'], store, { ...env, ZOHO_ACCOUNTS_URL: sb.url, ZOHO_API_DOMAIN: sb.url }, (text) => {
    const url = /^ {2}(http\S+)$/m.exec(text)?.[1];
    const redirect = /Waiting for Zoho's redirect to (\S+) \.\.\./.exec(text)?.[1];
    if (url && redirect && !acting) acting = completeSandboxConsent(url, redirect);
  });
  await acting;
  expect(run.code).toBe(0);
  expect(run.stderr).toMatch(/Sign in to Zoho and accept access at:/);
  expect(new URL(/^ {2}(http\S+)$/m.exec(run.stderr)![1]!).searchParams.get('access_type')).toBe('offline');
  expect((await store.get('human'))?.settings).toMatchObject({ region: 'eu', method: 'browser' });
});

test('connect --sandbox without a URL finds a sandbox running on ZCRM_SANDBOX_PORT', async () => {
  const store = new MemoryCredentialStore();
  const run = await runZcrm(['connect', 'local', '--sandbox'], store, { ...env, ZCRM_SANDBOX_PORT: String(sb.port) });
  expect(run.code).toBe(0);
  expect((await store.get('local'))?.settings.apiDomain).toBe(sb.url);
});

test('connect --sandbox at a URL where nothing answers says how to start one', async () => {
  const run = await runZcrm(['connect', 'x', '--sandbox', 'http://127.0.0.1:9'], new MemoryCredentialStore(), env);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/No sandbox answers at http:\/\/127\.0\.0\.1:9[\s\S]*zcrm sandbox/);
});

test('the launcher starts a sandbox detached, reads its ready line and keeps the demo client for later', async () => {
  const dataDir = join(home, 'launch');
  const target = await findOrStartSandbox({ env: { ZCRM_SANDBOX_PORT: '9' }, dataDir, command: { file: process.execPath, args: [join(__dirname, 'fixtures', 'fake-sandbox.js')] }, timeoutMs: 10_000 });
  expect(target).toMatchObject({ started: true, url: 'http://127.0.0.1:9', clientId: '1000.FAKE', clientSecret: 'fake-client-secret-123' });
  expect(statSync(join(dataDir, 'sandbox.json')).mode & 0o777).toBe(0o600);
});
