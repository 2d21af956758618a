// The client against the real sandbox: single-flight refresh, retries of 429/5xx, an ambiguous create that is
// not resent, the limiter keeping the org's concurrency limit with no 429, and page_token paging past 2,000.
import { destroySharedAgents } from '../../connector/http-agents';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { demoConnection, sandboxClient } from './support/sandbox';

let sb: RunningSandbox;
let n = 0;

beforeAll(async () => {
  // Every test's client shares the demo refresh token; Zoho's 10-per-10-minutes cap is tested elsewhere.
  sb = await startSandbox({ seed: 7, counts: { Leads: 2450 }, config: { accessTokensPer10Min: 10_000 } });
});
afterAll(async () => {
  await sb.close();
  destroySharedAgents();
});
beforeEach(() => {
  sb.clearFaults();
  sb.setConfig({ concurrencyLimit: 10, subConcurrencyLimit: 10, latencyMs: 0 });
  sb.resetStats();
});

/** Each test gets its own org key, so limiters of earlier tests (shared per process) do not interfere. */
function fresh(options: Parameters<typeof sandboxClient>[1] = {}) {
  const connection = demoConnection(sb, `c${++n}`);
  connection.settings.orgId = `org-${n}`;
  return sandboxClient(sb, { connection, ...options });
}

const refreshes = () => sb.stats().tokenRequests.byGrantType.refresh_token ?? 0;

test('100 concurrent calls on an expired token make exactly one token request', async () => {
  const { client } = fresh();
  const results = await Promise.all(Array.from({ length: 100 }, () => client.get<{ users: unknown[] }>('/users', { type: 'CurrentUser' })));
  expect(results.every((r) => r?.users.length === 1)).toBe(true);
  expect(refreshes()).toBe(1);
  expect(sb.stats().tooManyRequests).toBe(0);
});

test('100 concurrent calls whose token Zoho expired early: one refresh, every call replayed once', async () => {
  const { client } = fresh();
  await client.get('/org');
  sb.advanceClock(3601_000); // the sandbox now considers the token expired; the client does not know
  sb.resetStats();
  const results = await Promise.all(Array.from({ length: 100 }, () => client.get<{ org: unknown[] }>('/org')));
  expect(results.every((r) => r?.org.length === 1)).toBe(true);
  expect(refreshes()).toBe(1);
});

test.each([429, 500, 502, 503])('a read answered %i is retried with backoff', async (status) => {
  const { client, waits } = fresh();
  await client.get('/org');
  sb.setFaults([{ method: 'GET', path: '/crm/*/Leads', respond: status, times: 2 }]);
  const body = await client.get<{ data: unknown[] }>('/Leads', { fields: 'Last_Name', per_page: 5 });
  expect(body?.data).toHaveLength(5);
  expect(sb.stats().faultsInjected).toBe(2);
  expect(waits).toEqual([1, 2]);
});

test('a refresh that meets a Zoho Accounts hiccup (503, dropped connection) is tried again', async () => {
  const { client, waits } = fresh();
  sb.setFaults([{ method: 'POST', path: '/oauth/v2/token', respond: 503, times: 1 }, { method: 'POST', path: '/oauth/v2/token', drop: 'before', times: 1 }]);
  await expect(client.get('/org')).resolves.toBeDefined();
  expect(waits).toEqual([500, 1000]);
});

test('a create is retried on 429 and 503 (Zoho did not act) and created once', async () => {
  const { client } = fresh();
  sb.setFaults([{ method: 'POST', path: '/crm/*/Leads', respond: 429, times: 1 }, { method: 'POST', path: '/crm/*/Leads', respond: 503, times: 1 }]);
  const email = `retry-${Date.now()}@example.com`;
  const res = await client.request<{ data: { code: string }[] }>({ method: 'POST', path: '/Leads', body: { data: [{ Last_Name: 'Retry', Email: email }] } });
  expect(res.status).toBe(201);
  const found = await client.get<{ data: unknown[] }>('/Leads/search', { email });
  expect(found?.data).toHaveLength(1);
});

test('a create whose connection drops after Zoho applied it is not resent: OUTCOME_UNKNOWN', async () => {
  const { client } = fresh();
  await client.get('/org');
  sb.setFaults([{ method: 'POST', path: '/crm/*/Leads', drop: 'after', times: 1 }]);
  const email = `ambiguous-${Date.now()}@example.com`;
  const err = await client.post('/Leads', { data: [{ Last_Name: 'Ambiguous', Email: email }] }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome', hint: expect.stringContaining('Search Leads') });
  expect(sb.stats().byRoute['POST /crm/{version}/{module}']).toEqual({ dropped: 1 });
  const found = await client.get<{ data: unknown[] }>('/Leads/search', { email });
  expect(found?.data).toHaveLength(1); // applied once, never twice
});

test('a read whose connection drops is simply retried', async () => {
  const { client } = fresh();
  await client.get('/org');
  sb.setFaults([{ method: 'GET', path: '/crm/*/Leads', drop: 'before', times: 1 }]);
  await expect(client.get('/Leads', { fields: 'Last_Name', per_page: 1 })).resolves.toBeDefined();
});

test('the limiter keeps the org concurrency limit: a busy burst meets no 429', async () => {
  sb.setConfig({ concurrencyLimit: 4, latencyMs: 15 });
  const { client } = fresh({ limits: { concurrency: 4 }, retry: { maxAttempts: 1 } });
  await client.get('/org');
  sb.resetStats();
  await Promise.all(Array.from({ length: 40 }, (_, i) => client.get('/Leads', { fields: 'Last_Name', per_page: 1, page: 1 + (i % 5) })));
  const stats = sb.stats();
  expect(stats.tooManyRequests).toBe(0);
  expect(stats.maxInFlight).toBeLessThanOrEqual(4);
  expect(stats.requests).toBe(40);
});

test('without a limiter sized to the org, the same burst does meet 429s (the check above can fail)', async () => {
  sb.setConfig({ concurrencyLimit: 4, latencyMs: 15 });
  const { client } = fresh({ limits: { concurrency: 40 }, retry: { maxAttempts: 1 } });
  await client.get('/org');
  sb.resetStats();
  await Promise.all(Array.from({ length: 40 }, () => client.request({ method: 'GET', path: '/Leads', query: { fields: 'Last_Name', per_page: 1 }, throwOnError: false })));
  expect(sb.stats().tooManyRequests).toBeGreaterThan(0);
});

test('COQL goes through the heavy lane and keeps the sub-limit', async () => {
  sb.setConfig({ subConcurrencyLimit: 2, latencyMs: 15 });
  const { client } = fresh({ limits: { concurrency: 10, heavyConcurrency: 2 }, retry: { maxAttempts: 1 } });
  await client.get('/org');
  sb.resetStats();
  await Promise.all(Array.from({ length: 12 }, () => client.post('/coql', { select_query: "select Last_Name from Leads where Last_Name is not null limit 2" })));
  expect(sb.stats().tooManyRequests).toBe(0);
});

test('paging runs past 2,000 records with page_token, with flat memory (page by page)', async () => {
  const { client } = fresh();
  const ids = new Set<string>();
  let pages = 0;
  for await (const page of client.paginate<{ id: string }>('/Leads', { query: { fields: 'Last_Name' } })) {
    pages++;
    for (const r of page.records) ids.add(r.id);
  }
  expect(ids.size).toBeGreaterThan(2400);
  expect(pages).toBe(Math.ceil(ids.size / 200));
  const urls = sb.requests(50).map((r) => r.url).filter((u) => u.includes('/Leads'));
  expect(urls.some((u) => u.includes('page_token='))).toBe(true);
});

test('COQL pages with LIMIT offset, count past 2,000 rows', async () => {
  const { client } = fresh();
  let rows = 0;
  const offsets: number[] = [];
  for await (const page of client.coqlPages('select Last_Name from Leads where Last_Name is not null', { pageSize: 1000 })) {
    rows += page.records.length;
    offsets.push(page.offset);
  }
  expect(rows).toBeGreaterThan(2400);
  expect(offsets.slice(0, 3)).toEqual([0, 1000, 2000]);
});

test('records with a limit stop early', async () => {
  const { client } = fresh();
  let count = 0;
  for await (const _ of client.records('/Leads', { query: { fields: 'Last_Name' }, limit: 450 })) count++;
  expect(count).toBe(450);
});

test('metadata is cached per connection', async () => {
  const { client } = fresh();
  await client.get('/org');
  sb.resetStats();
  const [a, b] = await Promise.all([client.metadata.fields('Leads'), client.metadata.fields('Leads')]);
  await client.metadata.fields('Leads');
  expect(a).toBe(b);
  expect(a.some((f) => f.api_name === 'Last_Name')).toBe(true);
  expect((await client.metadata.modules()).some((m) => m.api_name === 'Leads')).toBe(true);
  expect(sb.stats().requests).toBe(2);
});

test('bulk updates 230 records in three calls, results in input order, the bad one failing alone', async () => {
  const { client } = fresh();
  const ids: string[] = [];
  for await (const r of client.records<{ id: string }>('/Leads', { query: { fields: 'Last_Name' }, limit: 229 })) ids.push(r.id);
  const items = [...ids.slice(0, 150), '999', ...ids.slice(150)].map((id, i) => ({ id, Description: `bulk ${i}` }));
  sb.resetStats();
  const results = await client.bulk({ method: 'PUT', path: '/Leads', items });
  expect(results).toHaveLength(230);
  expect(results.map((r) => r.index)).toEqual(items.map((_, i) => i));
  expect(results.filter((r) => !r.ok).map((r) => r.index)).toEqual([150]);
  expect(results[150]).toMatchObject({ ok: false, error: { code: 'INVALID_DATA' } });
  expect(sb.stats().requests).toBe(3);
});

test('204 from the sandbox is an empty result', async () => {
  const { client } = fresh();
  const res = await client.request({ method: 'GET', path: '/Leads/search', query: { email: 'nobody-at-all@nowhere.example' } });
  expect(res.status).toBe(204);
  expect(res.data).toBeUndefined();
});

test('no token or secret appears in the logs', async () => {
  const { client, logs } = fresh();
  await client.get('/org');
  await client.get('/Leads', { fields: 'Last_Name', per_page: 2 });
  const text = logs.text();
  for (const secret of sb.issuedSecrets()) expect(text).not.toContain(secret);
  expect(text).toContain('zoho call');
});
