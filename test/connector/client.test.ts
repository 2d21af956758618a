// The client's middleware chain against a scripted fake Zoho: auth header and host guard, 204, refresh on
// 401 with one replay, single-flight refresh, retries as data, and writes whose outcome is unknown.
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { createClient, createZohoClient, type ZohoClientOptions } from '../../connector/client-factory';
import { ZohoError } from '../../connector/errors';
import { destroySharedAgents } from '../../connector/http-agents';
import { captureLog, recordingSleep, SPEC, zohoConnection } from './support/connections';
import { startFakeZoho, type FakeZoho } from './support/fake-zoho';

let fake: FakeZoho;

beforeEach(async () => {
  fake = await startFakeZoho();
});
afterEach(async () => {
  await fake.close();
});
afterAll(() => destroySharedAgents());

function setup(overrides: Partial<ZohoClientOptions> & { token?: string; expiresInMs?: number } = {}) {
  const token = overrides.token ?? 'valid-token-000000001';
  fake.validTokens.add(token);
  const connection = zohoConnection({ baseUrl: fake.url, accessToken: token, ...(overrides.expiresInMs !== undefined ? { expiresInMs: overrides.expiresInMs } : {}) });
  const store = new MemoryCredentialStore([connection]);
  const logs = captureLog();
  const { sleep, waits } = recordingSleep();
  const client = createZohoClient({ connection, store, log: logs.log, spec: SPEC.auth, sleep, retry: { baseDelayMs: 1, maxDelayMs: 5, jitter: 0 }, ...overrides });
  return { client, store, logs, waits, token };
}

test('sends the token as Zoho-oauthtoken to the API domain under /crm/v8 and reads JSON', async () => {
  fake.route('GET', '/crm/v8/Leads', () => ({ status: 200, body: { data: [{ id: '1' }], info: { more_records: false } } }));
  const { client, token } = setup();
  const body = await client.get<{ data: { id: string }[] }>('/Leads', { fields: ['Last_Name', 'Email'], page: 1 });
  expect(body?.data[0]?.id).toBe('1');
  expect(fake.requests[0]!.headers.authorization).toBe(`Zoho-oauthtoken ${token}`);
  expect(fake.requests[0]!.query.get('fields')).toBe('Last_Name,Email');
});

test('a full /crm path is used as given', async () => {
  fake.route('GET', '/crm/v2/Leads', () => ({ status: 200, body: { data: [] } }));
  const { client } = setup();
  await client.get('/crm/v2/Leads');
  expect(fake.requests[0]!.path).toBe('/crm/v2/Leads');
});

test('204 is an empty result, never an exception', async () => {
  fake.route('GET', '/crm/v8/Leads/search', () => ({ status: 204 }));
  const { client } = setup();
  const res = await client.request({ method: 'GET', path: '/Leads/search', query: { word: 'x' } });
  expect(res.status).toBe(204);
  expect(res.data).toBeUndefined();
});

test.each([
  ['//evil.example/crm/v8/Leads'],
  ['/crm/v8/../../oauth/v2/token'],
  ['/crm/v8/%2e%2e/%2e%2e/x'],
  ['/crm/v8/Leads\\..\\x'],
  ['Leads'],
])('refuses to send the token for %s', async (path) => {
  const { client } = setup();
  await expect(client.get(path)).rejects.toMatchObject({ code: expect.stringMatching(/HOST_NOT_ALLOWED|INVALID_PATH/), category: 'input' });
  expect(fake.requests).toHaveLength(0);
});

test('a relative path always stays under /crm/v8 of the API domain', async () => {
  const { client } = setup();
  await expect(client.get('/oauth/v2/token')).rejects.toMatchObject({ code: 'INVALID_URL_PATTERN' });
  expect(fake.requests[0]!.path).toBe('/crm/v8/oauth/v2/token');
  expect(fake.tokenRequests).toBe(0);
});

test('callers cannot override the Authorization or Host header', async () => {
  fake.route('GET', '/crm/v8/org', () => ({ status: 200, body: { org: [] } }));
  const { client, token } = setup();
  await client.request({ method: 'GET', path: '/org', headers: { authorization: 'Zoho-oauthtoken stolen', Host: 'evil.example', 'X-Custom': 'yes' } });
  expect(fake.requests[0]!.headers.authorization).toBe(`Zoho-oauthtoken ${token}`);
  expect(fake.requests[0]!.headers.host).toBe(new URL(fake.url).host);
  expect(fake.requests[0]!.headers['x-custom']).toBe('yes');
});

test('a 401 INVALID_TOKEN refreshes once, saves the new token to the store at once, and replays the call', async () => {
  fake.route('GET', '/crm/v8/Leads/1', () => ({ status: 200, body: { data: [{ id: '1' }] } }));
  const { client, store, token } = setup();
  fake.validTokens.delete(token); // Zoho revoked or expired it early
  const body = await client.get<{ data: unknown[] }>('/Leads/1');
  expect(body?.data).toHaveLength(1);
  expect(fake.tokenRequests).toBe(1);
  const saved = await store.get('main');
  expect(saved?.secrets.accessToken).not.toBe(token);
  expect(fake.validTokens.has(saved!.secrets.accessToken!)).toBe(true);
  expect(Date.parse(saved!.settings.accessTokenExpiresAt as string)).toBeGreaterThan(Date.now());
});

test('100 concurrent calls on an expired token make exactly one token request', async () => {
  fake.route('GET', '/crm/v8/Leads', () => ({ status: 200, body: { data: [] } }));
  const { client } = setup({ expiresInMs: -1000 });
  await Promise.all(Array.from({ length: 100 }, () => client.get('/Leads')));
  expect(fake.tokenRequests).toBe(1);
  expect(fake.requests).toHaveLength(100);
});

test('100 concurrent calls refused with INVALID_TOKEN make exactly one token request', async () => {
  fake.route('GET', '/crm/v8/Leads', () => ({ status: 200, body: { data: [] } }));
  const { client, token } = setup();
  fake.validTokens.delete(token);
  await Promise.all(Array.from({ length: 100 }, () => client.get('/Leads')));
  expect(fake.tokenRequests).toBe(1);
});

test('INVALID_TOKEN right after a good refresh says in plain words that the token was revoked (exit category auth)', async () => {
  fake.route('GET', '/crm/v8/Leads', () => ({ status: 200, body: { data: [] } }));
  const { client, token, store } = setup();
  fake.validTokens.delete(token);
  fake.tokenAnswer = () => ({ status: 200, body: { access_token: 'minted-but-dead-token-1', api_domain: fake.url, expires_in: 3600 } });
  const err = await client.get('/Leads').catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'TOKEN_REVOKED', category: 'auth' });
  expect((err as Error).message).toMatch(/revoked or pushed out/);
  expect((err as Error).message).toMatch(/another connection of the same Zoho user/);
  expect((err as { hint: string }).hint).toContain('zcrm connect main');
  expect((await store.get('main'))?.settings.lastAuthError).toMatchObject({ code: 'TOKEN_REVOKED' });
});

test('a refresh refused with invalid_code is the same plain-words TOKEN_REVOKED error', async () => {
  const { client } = setup({ expiresInMs: -1 });
  fake.tokenAnswer = () => ({ status: 200, body: { error: 'invalid_code' } });
  await expect(client.get('/Leads')).rejects.toMatchObject({ code: 'TOKEN_REVOKED', category: 'auth', message: expect.stringMatching(/no longer accepts the refresh token/) });
});

test('once Zoho refused the refresh token, later calls fail at once without asking Zoho again', async () => {
  const { client, store } = setup({ expiresInMs: -1 });
  fake.tokenAnswer = () => ({ status: 200, body: { error: 'invalid_code' } });
  await expect(client.get('/Leads')).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
  await expect(client.get('/Leads')).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
  expect(fake.tokenRequests).toBe(1);
  // A reconnect (a new refresh token in the store) clears it.
  await store.update('main', (c) => ({ ...c, secrets: { ...c.secrets, refreshToken: '1000.new-refresh-token-xyz' } }));
  fake.tokenAnswer = () => {
    fake.validTokens.add('after-reconnect-token-1');
    return { status: 200, body: { access_token: 'after-reconnect-token-1', api_domain: fake.url, expires_in: 3600 } };
  };
  fake.route('GET', '/crm/v8/Leads', () => ({ status: 200, body: { data: [] } }));
  await expect(client.get('/Leads')).resolves.toEqual({ data: [] });
});

test.each([429, 502, 503, 504])('a GET answered %i is retried with backoff and then succeeds', async (status) => {
  let calls = 0;
  fake.route('GET', '/crm/v8/Leads', () => (++calls <= 2 ? { status, body: { code: status === 429 ? 'TOO_MANY_REQUESTS' : 'INTERNAL_ERROR', details: {}, message: 'busy', status: 'error' } } : { status: 200, body: { data: [] } }));
  const { client, waits } = setup();
  await client.get('/Leads');
  expect(calls).toBe(3);
  expect(waits).toEqual([1, 2]);
});

test('Retry-After is honoured', async () => {
  let calls = 0;
  fake.route('GET', '/crm/v8/Leads', () => (++calls === 1 ? { status: 429, headers: { 'Retry-After': '3' }, body: { code: 'TOO_MANY_REQUESTS', details: {}, message: 'x', status: 'error' } } : { status: 200, body: {} }));
  const { client, waits } = setup({ retry: { baseDelayMs: 1, maxDelayMs: 5, jitter: 0, maxTotalMs: 10_000 } });
  await client.get('/Leads');
  expect(waits).toEqual([3000]);
});

test('retries stop at maxAttempts and the last answer becomes a typed, retryable ZohoError', async () => {
  let calls = 0;
  fake.route('GET', '/crm/v8/Leads', () => {
    calls++;
    return { status: 503, body: { code: 'SERVICE_UNAVAILABLE', details: {}, message: 'down', status: 'error' } };
  });
  const { client } = setup({ retry: { maxAttempts: 3, baseDelayMs: 1, jitter: 0 } });
  const err = await client.get('/Leads').catch((e: unknown) => e);
  expect(calls).toBe(3);
  expect(err).toBeInstanceOf(ZohoError);
  expect(err).toMatchObject({ code: 'SERVICE_UNAVAILABLE', httpStatus: 503, retryable: true, category: 'remote' });
});

test('a 500 is retried for reads but not for a create', async () => {
  let reads = 0;
  let creates = 0;
  fake.route('GET', '/crm/v8/Leads', () => (++reads === 1 ? { status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'x', status: 'error' } } : { status: 200, body: {} }));
  fake.route('POST', '/crm/v8/Leads', () => {
    creates++;
    return { status: 500, body: { code: 'INTERNAL_ERROR', details: {}, message: 'Internal Server Error', status: 'error' } };
  });
  const { client } = setup();
  await client.get('/Leads');
  expect(reads).toBe(2);
  await expect(client.post('/Leads', { data: [{ Last_Name: 'x' }] })).rejects.toMatchObject({ code: 'INTERNAL_ERROR', httpStatus: 500 });
  expect(creates).toBe(1);
});

test('a create whose connection drops after sending is not resent: OUTCOME_UNKNOWN naming what to check', async () => {
  let creates = 0;
  fake.route('POST', '/crm/v8/Leads', () => {
    creates++;
    return 'drop';
  });
  const { client } = setup();
  const err = await client.post('/Leads', { data: [{ Last_Name: 'Doe' }] }).catch((e: unknown) => e);
  expect(creates).toBe(1);
  expect(err).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' });
  expect((err as { hint: string }).hint).toMatch(/Search Leads for the record/);
});

test('an idempotent update whose connection drops is retried', async () => {
  let calls = 0;
  fake.route('PUT', '/crm/v8/Leads/1', () => (++calls === 1 ? 'drop' : { status: 200, body: { data: [{ code: 'SUCCESS', status: 'success', details: { id: '1' }, message: 'record updated' }] } }));
  const { client } = setup();
  await client.put('/Leads/1', { data: [{ Last_Name: 'x' }] });
  expect(calls).toBe(2);
});

test('a create answered 504 by a gateway is not resent', async () => {
  let creates = 0;
  fake.route('POST', '/crm/v8/Leads/1/actions/clone', () => {
    creates++;
    return { status: 504, body: { code: 'GATEWAY_TIMEOUT', details: {}, message: 'x', status: 'error' } };
  });
  const { client } = setup();
  await expect(client.post('/Leads/1/actions/clone')).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN', hint: expect.stringMatching(/new copy of record 1/) });
  expect(creates).toBe(1);
});

test('a network failure before sending is retried (even for a create), then reported as NETWORK_ERROR', async () => {
  const dead = zohoConnection({ nickname: 'dead', baseUrl: 'http://127.0.0.1:9', accessToken: 'valid-token-000000001' });
  const { sleep, waits } = recordingSleep();
  const client = createZohoClient({ connection: dead, store: new MemoryCredentialStore([dead]), log: captureLog().log, spec: SPEC.auth, sleep, retry: { maxAttempts: 3, baseDelayMs: 1, jitter: 0 } });
  await expect(client.post('/Leads', { data: [] })).rejects.toMatchObject({ code: 'NETWORK_ERROR', retryable: true, details: { sent: false, attempts: 3 } });
  expect(waits).toHaveLength(2);
});

test('each call is logged at debug with method, path, status, duration and attempt, and no secret', async () => {
  fake.route('GET', '/crm/v8/Leads', () => ({ status: 200, body: {} }));
  const { client, logs, token } = setup();
  await client.get('/Leads', { criteria: '(Email:equals:a@b.c)' });
  const line = logs.lines().find((l) => l.msg === 'zoho call');
  expect(line).toMatchObject({ method: 'GET', path: '/crm/v8/Leads', status: 200, attempt: 1 });
  expect(typeof line!.durationMs).toBe('number');
  expect(logs.text()).not.toContain(token);
  expect(logs.text()).not.toContain('a@b.c');
});

test('a Zoho error in the data[] shape becomes a ZohoError with per-item errors and a hint', async () => {
  fake.route('POST', '/crm/v8/Leads', () => ({
    status: 400,
    body: { data: [{ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' }, message: 'required field not found', status: 'error' }] },
  }));
  const { client } = setup();
  const err = (await client.post('/Leads', { data: [{}] }).catch((e: unknown) => e)) as ZohoError;
  expect(err).toBeInstanceOf(ZohoError);
  expect(err).toMatchObject({ code: 'MANDATORY_NOT_FOUND', httpStatus: 400, category: 'remote', retryable: false });
  expect(err.hint).toContain('Last_Name is mandatory');
  expect(err.items).toHaveLength(1);
});

test('OAUTH_SCOPE_MISMATCH names the missing scope', async () => {
  fake.route('POST', '/crm/v8/coql', () => ({ status: 401, body: { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'Unauthorized', status: 'error' } }));
  const { client } = setup();
  await expect(client.post('/coql', { select_query: 'select id from Leads where id is not null' })).rejects.toMatchObject({
    code: 'OAUTH_SCOPE_MISMATCH',
    category: 'auth',
    hint: expect.stringContaining('ZohoCRM.coql.READ'),
  });
});

test('throwOnError false returns error answers for the caller to handle', async () => {
  fake.route('GET', '/crm/v8/Nope', () => ({ status: 400, body: { code: 'INVALID_MODULE', details: { resource_path_index: 0 }, message: 'the module name given seems to be invalid', status: 'error' } }));
  const { client } = setup();
  const res = await client.request({ method: 'GET', path: '/Nope', throwOnError: false });
  expect(res.status).toBe(400);
  expect(res.data).toMatchObject({ code: 'INVALID_MODULE' });
});

test('the connection info carries no secrets', () => {
  const { client } = setup();
  const text = JSON.stringify(client.connection);
  expect(text).not.toContain('client-secret-value');
  expect(text).not.toContain('refresh-token-value');
  expect(client.connection).toMatchObject({ nickname: 'main', region: 'us', apiDomain: fake.url });
});

test('a call cancelled while in flight: a read is simply cancelled, a create has an unknown outcome', async () => {
  fake.route('GET', '/crm/v8/slow', () => new Promise((r) => setTimeout(() => r({ status: 200, body: {} }), 300)));
  fake.route('POST', '/crm/v8/Leads', () => new Promise((r) => setTimeout(() => r({ status: 201, body: {} }), 300)));
  const { client } = setup();
  const read = new AbortController();
  const pendingRead = client.get('/slow', undefined, { signal: read.signal });
  setTimeout(() => read.abort(), 30);
  await expect(pendingRead).rejects.toMatchObject({ code: 'CANCELLED', category: 'input' });
  const write = new AbortController();
  const pendingWrite = client.post('/Leads', { data: [{ Last_Name: 'x' }] }, { signal: write.signal });
  setTimeout(() => write.abort(), 30);
  await expect(pendingWrite).rejects.toMatchObject({ code: 'CANCELLED', category: 'unknown_outcome' });
});

test('a timeout after sending a create is OUTCOME_UNKNOWN; for a read it is retried', async () => {
  let creates = 0;
  let reads = 0;
  fake.route('POST', '/crm/v8/Leads', () => {
    creates++;
    return new Promise((r) => setTimeout(() => r({ status: 201, body: {} }), 200));
  });
  fake.route('GET', '/crm/v8/Leads', () => (++reads === 1 ? new Promise((r) => setTimeout(() => r({ status: 200, body: {} }), 200)) : { status: 200, body: { data: [] } }));
  const { client } = setup({ timeoutMs: 40 });
  await expect(client.post('/Leads', { data: [{ Last_Name: 'x' }] })).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN', message: expect.stringMatching(/no answer came in time/) });
  expect(creates).toBe(1);
  await expect(client.get('/Leads')).resolves.toEqual({ data: [] });
  expect(reads).toBe(2);
});

test('errors never carry a token or secret, however they are printed', async () => {
  fake.route('POST', '/crm/v8/Leads', () => 'drop');
  const { client, token } = setup();
  fake.validTokens.delete(token);
  const errors: unknown[] = [];
  errors.push(await client.post('/Leads', { data: [] }).catch((e: unknown) => e));
  fake.tokenAnswer = () => ({ status: 200, body: { error: 'invalid_code' } });
  fake.validTokens.clear();
  errors.push(await client.get('/Leads').catch((e: unknown) => e));
  for (const err of errors) {
    const text = `${inspect(err, { depth: 10, showHidden: true })} ${JSON.stringify(err)} ${(err as Error).stack}`;
    expect(text).not.toContain(token);
    expect(text).not.toContain('client-secret-value-123');
    expect(text).not.toContain('refresh-token-value-abc');
    expect(text).not.toMatch(/fake-access-/);
  }
});

test('createClient is the runtime entry point: it reads the manifest connection section and ZOHO_CONCURRENCY', async () => {
  const manifest = JSON.parse(readFileSync(`${__dirname}/../../manifest.json`, 'utf8')) as { connection: Record<string, unknown> };
  fake.route('GET', '/crm/v8/org', () => ({ status: 200, body: { org: [{ id: '1' }] } }));
  fake.validTokens.add('factory-token-0000001');
  const connection = zohoConnection({ nickname: 'factory', baseUrl: fake.url, accessToken: 'factory-token-0000001', settings: { orgId: 'factory-org' } });
  const before = process.env.ZOHO_CONCURRENCY;
  process.env.ZOHO_CONCURRENCY = '3';
  try {
    const client = createClient({ connection, store: new MemoryCredentialStore([connection]), log: captureLog().log, connectionSpec: manifest.connection });
    await expect(client.get('/org')).resolves.toEqual({ org: [{ id: '1' }] });
    expect(client.limiterStats().sizes).toEqual({ concurrency: 3, heavyConcurrency: 3 });
  } finally {
    if (before === undefined) delete process.env.ZOHO_CONCURRENCY;
    else process.env.ZOHO_CONCURRENCY = before;
  }
});
