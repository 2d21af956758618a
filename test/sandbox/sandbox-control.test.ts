// The control API and what it controls: reset, seed, config, faults, concurrency, credits, clock, stats, log.
import { rawCall, startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 4 });
});

afterEach(async () => {
  await h.control('DELETE', '/__sandbox/faults');
  await h.control('POST', '/__sandbox/config', { concurrencyLimit: 10, subConcurrencyLimit: 10, latencyMs: 0, dailyCredits: null });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

const leadIds = async () => (await h.get('/crm/v8/Leads?fields=Last_Name&per_page=200')).json.data.map((r: { id: string }) => r.id);

test('GET /__sandbox lists the endpoints; unknown control paths are 404', async () => {
  expect((await h.control('GET', '/__sandbox')).json.endpoints.length).toBeGreaterThan(5);
  expect((await h.control('GET', '/__sandbox/nope')).status).toBe(404);
  expect((await h.control('PUT', '/__sandbox/reset')).status).toBe(405);
});

test('seed adds records; reset brings back exactly the seeded org', async () => {
  const before = await leadIds();
  const seeded = await h.control('POST', '/__sandbox/seed', { module: 'Leads', count: 50 });
  expect(seeded.json).toEqual({ module: 'Leads', added: 50, total: before.length + 50 });
  expect((await h.control('POST', '/__sandbox/seed', { module: 'Nope', count: 1 })).status).toBe(400);
  expect((await h.control('POST', '/__sandbox/seed', { module: 'Leads', count: 0 })).status).toBe(400);
  await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Temporary' }] } });
  await h.control('POST', '/__sandbox/faults', { path: '/nothing', respond: 500 });
  const reset = await h.control('POST', '/__sandbox/reset', {});
  expect(reset.status).toBe(200);
  expect(await leadIds()).toEqual(before);
  expect((await h.control('GET', '/__sandbox/faults')).json.rules).toEqual([]);
});

test('config: read, change, reject unknown keys and bad values', async () => {
  const config = await h.control('GET', '/__sandbox/config');
  expect(config.json).toMatchObject({ concurrencyLimit: 10, accessTokenTtlSec: 3600, dailyCredits: null });
  const changed = await h.control('POST', '/__sandbox/config', { accessTokenTtlSec: 60 });
  expect(changed.json.accessTokenTtlSec).toBe(60);
  expect((await h.control('POST', '/__sandbox/config', { nope: 1 })).status).toBe(400);
  expect((await h.control('POST', '/__sandbox/config', { concurrencyLimit: 0 })).status).toBe(400);
  await h.control('POST', '/__sandbox/config', { accessTokenTtlSec: 3600 });
});

test('the clock moves token expiry: an old access token becomes INVALID_TOKEN', async () => {
  const res = await h.control('POST', '/__sandbox/clock', { advanceMs: 2 * 3600_000 });
  expect(res.json.offsetMs).toBeGreaterThanOrEqual(2 * 3600_000);
  expect((await h.get('/crm/v8/Leads?fields=Last_Name')).json.code).toBe('INVALID_TOKEN');
  await h.refresh();
  expect((await h.get('/crm/v8/Leads?fields=Last_Name')).status).toBe(200);
});

describe('faults', () => {
  test('respond for the next N calls, then retire', async () => {
    const set = await h.control('POST', '/__sandbox/faults', { rules: [{ method: 'GET', path: '/crm/*/Leads', respond: 503, times: 2 }] });
    expect(set.json.rules[0]).toMatchObject({ method: 'GET', remaining: 2, action: { kind: 'respond', status: 503 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h.get('/crm/v8/Leads?fields=Last_Name')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect((await h.control('GET', '/__sandbox/faults')).json.rules).toEqual([]);
  });

  test('a rate hits some calls and not others, the same way for the same seed', async () => {
    h.sb.setFaults([{ path: '/crm/v8/Contacts', respond: 502, rate: 0.5 }]);
    const run = async () => {
      const out: number[] = [];
      for (let i = 0; i < 30; i++) out.push((await h.get('/crm/v8/Contacts?fields=Last_Name')).status);
      return out;
    };
    const first = await run();
    expect(first.filter((s) => s === 502).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
    h.sb.clearFaults();
    h.sb.setFaults([{ path: '/crm/v8/Contacts', respond: 502, rate: 0.5 }]);
    expect(await run()).toEqual(first);
  });

  test('drop before: no answer, nothing written; drop after: no answer, but the write is applied', async () => {
    h.sb.setFaults([{ method: 'POST', path: '/crm/v8/Leads', drop: 'before', times: 1 }]);
    await expect(h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'DroppedBefore' }] } })).rejects.toThrow();
    h.sb.setFaults([{ method: 'POST', path: '/crm/v8/Leads', drop: 'after', times: 1 }]);
    await expect(h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'DroppedAfter' }] } })).rejects.toThrow();
    const before = await h.get(`/crm/v8/Leads/search?criteria=${encodeURIComponent('(Last_Name:equals:DroppedBefore)')}`);
    expect(before.status).toBe(204);
    const after = await h.get(`/crm/v8/Leads/search?criteria=${encodeURIComponent('(Last_Name:equals:DroppedAfter)')}`);
    expect(after.status).toBe(200);
    expect(after.json.data).toHaveLength(1);
    const stats = h.sb.stats();
    expect(stats.dropped).toBeGreaterThanOrEqual(2);
  });

  test('latency rules count their hits; faults can hit the token endpoint', async () => {
    h.sb.setFaults([
      { path: '/crm/v8/Deals', latencyMs: 5 },
      { path: '/oauth/v2/token', respond: 503, times: 1 },
    ]);
    expect((await h.get('/crm/v8/Deals?fields=Deal_Name')).status).toBe(200);
    const rules = (await h.control('GET', '/__sandbox/faults')).json.rules;
    expect(rules[0]).toMatchObject({ hits: 1, action: { kind: 'latency', ms: 5 } });
    await expect(h.refresh()).rejects.toThrow();
    await h.refresh();
  });

  test('drop after on the token endpoint: the token is issued but the answer never arrives', async () => {
    const issued = h.sb.issuedSecrets().length;
    h.sb.setFaults([{ path: '/oauth/v2/token', drop: 'after', times: 1 }]);
    await expect(h.refresh()).rejects.toThrow();
    expect(h.sb.issuedSecrets().length).toBe(issued + 1);
    expect(h.sb.requests(1)[0]).toMatchObject({ route: '/oauth/v2/token', status: 'dropped' });
    await h.refresh();
  });

  test('bad rules are refused', async () => {
    expect((await h.control('POST', '/__sandbox/faults', { rules: [{ path: '/x', respond: 404 }] })).status).toBe(400);
    expect((await h.control('POST', '/__sandbox/faults', { rules: [{ path: '/x' }] })).status).toBe(400);
    expect((await h.control('POST', '/__sandbox/faults', { rules: [{ path: '/x', respond: 500, rate: 2 }] })).status).toBe(400);
  });
});

test('concurrency: requests past the limit in flight get 429 TOO_MANY_REQUESTS', async () => {
  h.sb.resetStats();
  h.sb.setConfig({ concurrencyLimit: 2, latencyMs: 1500 });
  const results = await Promise.all(Array.from({ length: 5 }, () => h.get('/crm/v8/Leads?fields=Last_Name&per_page=1')));
  const statuses = results.map((r) => r.status).sort();
  expect(statuses).toEqual([200, 200, 429, 429, 429]);
  const limited = results.find((r) => r.status === 429);
  expect(limited?.json).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 'error', details: { limit: 2 } });
  const stats = h.sb.stats();
  expect(stats.maxInFlight).toBe(2);
  expect(stats.tooManyRequests).toBe(3);
});

test('sub-concurrency limits COQL separately', async () => {
  h.sb.setConfig({ subConcurrencyLimit: 1, latencyMs: 1500 });
  const query = { select_query: "select Last_Name from Leads where Last_Name is not null limit 1" };
  const results = await Promise.all(Array.from({ length: 3 }, () => h.call('POST', '/crm/v8/coql', { body: query })));
  expect(results.map((r) => r.status).sort()).toEqual([200, 429, 429]);
});

test('daily credits: counted, X-API-CREDITS-REMAINING after half, 429 past the budget; convert costs 5', async () => {
  await h.control('POST', '/__sandbox/reset', {});
  await h.refresh();
  h.sb.setConfig({ dailyCredits: 8 });
  const first = await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1');
  expect(first.headers.get('x-api-credits-remaining')).toBeNull();
  const lead = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Credit', Company: 'Credit Co' }] } });
  const convert = await h.call('POST', `/crm/v8/Leads/${lead.json.data[0].details.id}/actions/convert`, { body: { data: [{}] } });
  expect(convert.status).toBe(200);
  expect(convert.headers.get('x-api-credits-remaining')).toBe('1');
  expect(h.sb.stats().credits).toEqual({ used: 7, limit: 8 });
  expect((await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1')).status).toBe(200);
  const over = await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1');
  expect(over.status).toBe(429);
  expect(over.json.code).toBe('TOO_MANY_REQUESTS');
  h.sb.advanceClock(24 * 3600_000 + 60_000);
  await h.refresh();
  expect((await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1')).status).toBe(200);
});

test('stats count requests by route and status, token requests, 429s', async () => {
  h.sb.resetStats();
  await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1');
  await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1');
  await h.get('/crm/v8/Calls?fields=Subject&ids=1');
  await h.refresh();
  const stats = (await h.control('GET', '/__sandbox/stats')).json;
  expect(stats.byRoute['GET /crm/{version}/{module}']).toEqual({ '200': 2, '204': 1 });
  expect(stats.byRoute['POST /oauth/v2/token']).toEqual({ '200': 1 });
  expect(stats.tokenRequests.tokenRequests).toBe(1);
  expect(stats.requests).toBe(4);
  expect(stats).toHaveProperty('maxInFlight');
  expect((await h.control('DELETE', '/__sandbox/stats')).json.requests).toBe(0);
});

test('the request log masks every secret', async () => {
  await h.control('DELETE', '/__sandbox/requests');
  await h.refresh();
  await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1');
  await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Log', Description: `refresh ${h.sb.refreshToken}` }] } });
  // Revoking last: the demo refresh token (and its access tokens) stop working.
  await rawCall(`${h.sb.url}/oauth/v2/token/revoke?token=${h.sb.refreshToken}`, 'POST');
  const log = (await h.control('GET', '/__sandbox/requests?limit=10')).json.requests;
  expect(log.map((e: { route: string }) => e.route)).toEqual(['/oauth/v2/token', '/crm/{version}/{module}', '/crm/{version}/{module}', '/oauth/v2/token/revoke']);
  expect(log[1].authorization).toBe('Zoho-oauthtoken ***');
  const text = JSON.stringify(log);
  for (const secret of h.sb.issuedSecrets()) expect(text.includes(secret)).toBe(false);
  expect(log[0].body).toContain('refresh_token=***');
});
