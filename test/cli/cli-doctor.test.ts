import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConnection } from '../../connector/connection';
import { checkNodeVersion, checkPermissions, checkReachable, doctorExitCode, type CheckResult } from '../../cli/doctor-checks';
import { FileCredentialStore, STORE_FILE_NAME } from '../../runtime/credentials';
import { cli } from '../support/cli-io';
import { startSandboxHome, type SandboxHome } from './sandbox-home';

interface DoctorJson {
  ok: boolean;
  checks: CheckResult[];
  summary: { ok: number; warn: number; fail: number };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const check = (partial: Partial<CheckResult>): CheckResult => ({ kind: 'system', status: 'ok', title: 't', detail: 'd', ...partial });

describe('doctor checks', () => {
  test('Node version: at or above the minimum is ok, below fails with how to upgrade', () => {
    expect(checkNodeVersion('20.19.0', '20.19.0').status).toBe('ok');
    expect(checkNodeVersion('v22.1.0', '20.19.0').status).toBe('ok');
    const old = checkNodeVersion('20.18.3', '20.19.0');
    expect(old).toMatchObject({ status: 'fail', kind: 'system' });
    expect(old.fix).toMatch(/Install Node\.js 20\.19\.0 or newer/);
  });

  test('exit code: 0 with warnings, 3 when the store or a connection fails, 1 for other failures', () => {
    expect(doctorExitCode([check({}), check({ status: 'warn' })])).toBe(0);
    expect(doctorExitCode([check({ status: 'fail', kind: 'files' })])).toBe(1);
    expect(doctorExitCode([check({ status: 'fail', kind: 'network' }), check({ status: 'fail', kind: 'connection' })])).toBe(3);
    expect(doctorExitCode([check({ status: 'fail', kind: 'store' })])).toBe(3);
  });

  test('permissions: a folder open to others warns, a store or key file readable by others fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcrm-perm-'));
    try {
      const store = join(dir, 'connections.enc.json');
      const key = join(dir, 'key');
      writeFileSync(store, '{}', { mode: 0o600 });
      writeFileSync(key, 'k', { mode: 0o600 });
      chmodSync(dir, 0o700);
      const good = await checkPermissions({ dir, storeFile: store, keyFile: key, usesSecret: false }, 'linux');
      expect(good.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
      chmodSync(dir, 0o755);
      chmodSync(key, 0o640);
      const bad = await checkPermissions({ dir, storeFile: store, keyFile: key, usesSecret: false }, 'linux');
      expect(bad[0]).toMatchObject({ status: 'warn', fix: `chmod 700 ${dir}` });
      expect(bad[2]).toMatchObject({ status: 'fail', detail: expect.stringContaining('mode 0640: your group can read it'), fix: `chmod 600 ${key}` });
      const missing = await checkPermissions({ dir: join(dir, 'nope'), storeFile: join(dir, 'nope', 's'), keyFile: join(dir, 'nope', 'k'), usesSecret: true }, 'linux');
      expect(missing.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
      expect(missing[2]!.detail).toMatch(/ZCRM_SECRET/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an endpoint nobody listens on fails with what to check', async () => {
    const result = await checkReachable('API domain', `http://127.0.0.1:${await closedPort()}/crm`);
    expect(result).toMatchObject({ status: 'fail', kind: 'network' });
    expect(result.detail).toMatch(/cannot be reached \(ECONNREFUSED\)/);
  });
});

describe('zcrm doctor', () => {
  let sh: SandboxHome;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    sh = await startSandboxHome();
    env = { ...sh.env, ZCRM_SANDBOX_PORT: String(new URL(sh.sandbox.url).port) };
  });
  afterAll(() => sh.close());

  test('a good setup: every check ok, exit 0', async () => {
    const run = await cli(['doctor'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok {4}Node\.js/m);
    expect(run.stdout).toMatch(/^ok {4}config folder +.* is mode 0700/m);
    expect(run.stdout).toMatch(/^ok {4}credential store file +.* is mode 0600/m);
    expect(run.stdout).toMatch(/^ok {4}credential store +opens; 1 connection/m);
    expect(run.stdout).toMatch(new RegExp(`^ok {4}connection "demo" +works: answered in \\d+ ms as .*${sh.sandbox.user.email}`, 'm'));
    expect(run.stdout).toMatch(/^ok {4}accounts server of "demo"/m);
    expect(run.stdout).toMatch(/^ok {4}sandbox +a sandbox answers at/m);
    expect(run.stdout).toMatch(/\d+ ok, 0 warnings, 0 failed\n$/);
    for (const secret of sh.sandbox.issuedSecrets()) expect(run.stdout).not.toContain(secret);
  });

  test('--json: one line with every check', async () => {
    const run = await cli(['doctor', '--json'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(run.stdout) as DoctorJson;
    expect(report.ok).toBe(true);
    expect(report.summary.fail).toBe(0);
    expect(report.checks.map((c) => c.title)).toEqual(expect.arrayContaining(['Node.js', 'credential store', 'connection "demo"', 'sandbox']));
  });

  test('a wrong ZCRM_SECRET: the store check fails with its fix, exit 3', async () => {
    const run = await cli(['doctor'], { env: { ...env, ZCRM_SECRET: 'not-the-secret-it-was-written-with' } });
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^fail {2}credential store +The credential store .* could not be decrypted with this key\. \(CREDENTIAL_STORE_LOCKED\)/m);
    expect(run.stdout).toMatch(/fix: ZCRM_SECRET differs from the one used when the store was written/);
    expect(run.stderr).toMatch(/^error: 1 check failed: credential store\./);
    const json = await cli(['doctor', '--json'], { env: { ...env, ZCRM_SECRET: 'not-the-secret-it-was-written-with' } });
    expect(json.code).toBe(3);
    expect(json.stdout.trim().split('\n')).toHaveLength(1);
    const { error } = JSON.parse(json.stdout) as { error: { code: string; details: DoctorJson } };
    expect(error.code).toBe('DOCTOR_FOUND_PROBLEMS');
    expect(error.details.checks.find((c) => c.title === 'credential store')).toMatchObject({ status: 'fail', kind: 'store' });
  });

  test('a damaged store: the store check fails, the file is left as it is, exit 3', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zcrm-doctor-'));
    try {
      writeFileSync(join(home, STORE_FILE_NAME), 'not an envelope', { mode: 0o600 });
      const run = await cli(['doctor'], { env: { ZCRM_HOME: home, ZCRM_SECRET: 's3cret-for-doctor', ZCRM_SANDBOX_PORT: String(await closedPort()) } });
      expect(run.code).toBe(3);
      expect(run.stdout).toMatch(/^fail {2}credential store +.*is damaged/m);
      expect(run.stdout).toMatch(/^warn {2}sandbox +ZCRM_SANDBOX_PORT is \d+, but no sandbox answers/m);
      expect(readFileSync(join(home, STORE_FILE_NAME), 'utf8')).toBe('not an envelope');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  test('a store file readable by others fails with the chmod to run, exit 1', async () => {
    const file = join(sh.home, STORE_FILE_NAME);
    chmodSync(file, 0o644);
    try {
      const run = await cli(['doctor'], { env });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^fail {2}credential store file +.* is mode 0644: every user on this machine can read it/m);
      expect(run.stdout).toContain(`fix: chmod 600 ${file}`);
      expect(run.stdout).toMatch(/^ok {4}connection "demo"/m);
    } finally {
      chmodSync(file, 0o600);
    }
  });

  test('a connection whose API domain does not answer: the connection and the endpoint fail, exit 3', async () => {
    const home = mkdtempSync(join(tmpdir(), 'zcrm-doctor-'));
    const dead = `http://127.0.0.1:${await closedPort()}`;
    try {
      const store = new FileCredentialStore({ dir: home, secret: 'doctor-dead-endpoint' });
      await store.put(
        buildConnection('zoho-crm', 'gone', { region: 'us', accountsUrl: dead, apiDomain: dead, clientId: 'client-id-x', scopes: ['ZohoCRM.modules.ALL'], method: 'sandbox' }, { clientSecret: 'client-secret-x', refreshToken: 'refresh-token-gone-1234' }, new Date()),
      );
      const run = await cli(['doctor', '--json'], { env: { ZCRM_HOME: home, ZCRM_SECRET: 'doctor-dead-endpoint', ZCRM_SANDBOX_PORT: String(new URL(sh.sandbox.url).port) } });
      expect(run.code).toBe(3);
      const { error } = JSON.parse(run.stdout) as { error: { details: DoctorJson } };
      const byTitle = Object.fromEntries(error.details.checks.map((c) => [c.title, c]));
      expect(byTitle['connection "gone"']).toMatchObject({ status: 'fail', kind: 'connection' });
      expect(byTitle['accounts server of "gone"']).toMatchObject({ status: 'fail', kind: 'network' });
      expect(run.stdout).not.toContain('refresh-token-gone-1234');
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
