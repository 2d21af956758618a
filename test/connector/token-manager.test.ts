// The token manager's rules: reuse a valid token, refresh ahead of expiry, keep within Zoho's 10 tokens per
// 10 minutes (waiting and saying why), handle Zoho's "Access Denied", and adopt a token another process saved.
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { destroySharedAgents } from '../../connector/http-agents';
import { TokenClient } from '../../connector/oauth/token-client';
import { TokenManager, type TokenManagerOptions } from '../../connector/token-manager';
import { captureLog, zohoConnection } from './support/connections';
import { startFakeZoho, type FakeZoho } from './support/fake-zoho';

let fake: FakeZoho;
beforeEach(async () => {
  fake = await startFakeZoho();
});
afterEach(() => fake.close());
afterAll(() => destroySharedAgents());

const MIN = 60_000;

function manager(seed: { expiresInMs?: number; mintsAgoMs?: number[]; noToken?: boolean } = {}, options: Partial<TokenManagerOptions> = {}) {
  let t = Date.now();
  const waits: number[] = [];
  const connection = zohoConnection({
    baseUrl: fake.url,
    ...(seed.noToken ? {} : { accessToken: 'current-token-00000001' }),
    expiresInMs: seed.expiresInMs ?? 60 * MIN,
    settings: { tokenMints: (seed.mintsAgoMs ?? []).map((ago) => t - ago) },
  });
  const store = new MemoryCredentialStore([connection]);
  const logs = captureLog();
  const tokens = new TokenManager({
    connection,
    store,
    tokenClient: new TokenClient(),
    refreshUrl: (s) => `${s.accountsUrl}/oauth/v2/token`,
    log: logs.log,
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
    refusedBackoffMs: 1000,
    ...options,
  });
  return { tokens, store, logs, waits, advance: (ms: number) => (t += ms) };
}

test('a valid token is reused: no token request', async () => {
  const { tokens } = manager();
  for (let i = 0; i < 20; i++) expect(await tokens.accessToken()).toBe('current-token-00000001');
  expect(fake.tokenRequests).toBe(0);
});

test('a token close to expiry is refreshed ahead of time, and saved to the store at once', async () => {
  const { tokens, store } = manager({ expiresInMs: 2 * MIN });
  const token = await tokens.accessToken();
  expect(token).not.toBe('current-token-00000001');
  expect(fake.tokenRequests).toBe(1);
  const saved = await store.get('main');
  expect(saved?.secrets.accessToken).toBe(token);
  expect(saved?.settings.tokenMints).toHaveLength(1);
});

test('with the cap used up, a token inside the refresh margin but still valid is reused', async () => {
  const { tokens } = manager({ expiresInMs: 2 * MIN, mintsAgoMs: Array.from({ length: 10 }, (_, i) => (i + 1) * 30_000) });
  expect(await tokens.accessToken()).toBe('current-token-00000001');
  expect(fake.tokenRequests).toBe(0);
});

test('with 10 tokens minted in the last 10 minutes and the token expired, it waits for the window and says why', async () => {
  // The oldest mint was 9 minutes ago: a slot frees in about 1 minute.
  const { tokens, waits, logs } = manager({ expiresInMs: -1, mintsAgoMs: [9 * MIN, 8 * MIN, 7 * MIN, 6 * MIN, 5 * MIN, 4 * MIN, 3 * MIN, 2 * MIN, 1 * MIN, 30_000] }, { maxWaitMs: 5 * MIN });
  await tokens.accessToken();
  expect(fake.tokenRequests).toBe(1);
  expect(waits).toHaveLength(1);
  expect(waits[0]).toBeGreaterThanOrEqual(MIN);
  expect(waits[0]).toBeLessThan(MIN + 1000);
  const warn = logs.lines().find((l) => l.level === 40);
  expect(String(warn?.msg)).toMatch(/allows 10 access tokens per refresh token per 10 minutes.*waiting 61 s/);
});

test('a wait longer than maxWaitMs fails with TOKEN_RATE_LIMITED and makes no token request', async () => {
  const { tokens } = manager({ expiresInMs: -1, mintsAgoMs: Array.from({ length: 10 }, (_, i) => i * 1000) }, { maxWaitMs: 30_000 });
  const err = await tokens.accessToken().catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'TOKEN_RATE_LIMITED', retryable: true, category: 'auth' });
  expect((err as Error).message).toMatch(/10 access tokens per refresh token per 10 minutes/);
  expect(fake.tokenRequests).toBe(0);
});

test('eleven forced refreshes within 10 minutes: the eleventh waits for the window', async () => {
  const { tokens, waits } = manager({}, { maxWaitMs: 11 * MIN });
  let token = await tokens.accessToken();
  for (let i = 0; i < 11; i++) token = await tokens.tokenAfterRejection(token);
  expect(fake.tokenRequests).toBe(11);
  expect(waits).toHaveLength(1);
  expect(waits[0]).toBeGreaterThan(9 * MIN);
});

test('when Zoho refuses a refresh as too many requests, it waits (saying why) and tries again', async () => {
  let refusals = 2;
  const normal = fake.tokenAnswer;
  fake.tokenAnswer = (form) =>
    refusals-- > 0 ? { status: 400, body: { error_description: 'You have made too many requests continuously. Please try again after some time.', error: 'Access Denied', status: 'failure' } } : normal(form);
  const { tokens, waits, logs } = manager({ expiresInMs: -1 });
  await tokens.accessToken();
  expect(fake.tokenRequests).toBe(3);
  expect(waits).toEqual([1000, 2000]);
  expect(logs.lines().filter((l) => /Zoho refused the refresh as too many requests/.test(String(l.msg)))).toHaveLength(2);
});

test('when Zoho keeps refusing past maxWaitMs, the error says why', async () => {
  fake.tokenAnswer = () => ({ status: 400, body: { error_description: 'You have made too many requests continuously.', error: 'Access Denied', status: 'failure' } });
  const { tokens } = manager({ expiresInMs: -1 }, { maxWaitMs: 5000 });
  await expect(tokens.accessToken()).rejects.toMatchObject({ code: 'TOKEN_RATE_LIMITED', message: expect.stringMatching(/Waited 3 s/) });
});

test('a newer token another process saved to the store is adopted without a refresh', async () => {
  const { tokens, store } = manager({ expiresInMs: -1 });
  await store.update('main', (c) => ({
    ...c,
    secrets: { ...c.secrets, accessToken: 'other-process-token-01' },
    settings: { ...c.settings, accessTokenExpiresAt: new Date(Date.now() + 50 * MIN).toISOString() },
  }));
  expect(await tokens.accessToken()).toBe('other-process-token-01');
  expect(fake.tokenRequests).toBe(0);
});

test('a connection deleted meanwhile gives CONNECTION_NOT_FOUND with the fix', async () => {
  const { tokens, store } = manager({ noToken: true });
  await store.delete('main');
  await expect(tokens.accessToken()).rejects.toMatchObject({ code: 'CONNECTION_NOT_FOUND', category: 'auth', hint: expect.stringContaining('zcrm connect main') });
});
