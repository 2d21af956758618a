// Lists: v8 parameter rules, the 2,000-record reach, page tokens bound to the query, 304, 204, sort, cvid.
import { startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 3, counts: { Leads: 2500, Contacts: 5 } });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

test('v8 requires fields (≤50) and answers info exactly as Zoho does', async () => {
  const missing = await h.get('/crm/v8/Leads');
  expect(missing.status).toBe(400);
  expect(missing.json).toEqual({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'fields' }, message: 'required param is missing', status: 'error' });
  const tooMany = await h.get(`/crm/v8/Leads?fields=${Array.from({ length: 51 }, (_, i) => `F${i}`).join(',')}`);
  expect(tooMany.json).toEqual({ code: 'LIMIT_EXCEEDED', details: { limit: 50, param_name: 'fields' }, message: 'limit exceeded', status: 'error' });
  const res = await h.get('/crm/v8/Leads?fields=Last_Name,Email&per_page=5');
  expect(res.status).toBe(200);
  expect(Object.keys(res.json.info)).toEqual(['call', 'per_page', 'next_page_token', 'count', 'sort_by', 'page', 'page_token_expiry', 'sort_order', 'email', 'more_records', 'previous_page_token']);
  expect(res.json.info).toMatchObject({ call: false, per_page: 5, count: 5, sort_by: 'id', page: 1, sort_order: 'desc', email: false, more_records: true, previous_page_token: null });
  expect(res.json.info.page_token_expiry).toMatch(/[+-]\d\d:\d\d$/);
  for (const r of res.json.data) expect(Object.keys(r).sort()).toEqual(['Email', 'Last_Name', 'id']);
  const ids = res.json.data.map((r: { id: string }) => r.id);
  expect([...ids].sort().reverse()).toEqual(ids);
});

test('v2 does not require fields and has no page tokens or 2,000 cap', async () => {
  const res = await h.get('/crm/v2/Leads?page=12&per_page=200');
  expect(res.status).toBe(200);
  expect(res.json.info).toEqual({ per_page: 200, count: 200, page: 12, more_records: true });
  expect(res.json.data[0]).toHaveProperty('Owner');
});

test('page and per_page reach 2,000 records, then DISCRETE_PAGINATION_LIMIT_EXCEEDED', async () => {
  expect((await h.get('/crm/v8/Leads?fields=Last_Name&page=10&per_page=200')).status).toBe(200);
  const past = await h.get('/crm/v8/Leads?fields=Last_Name&page=11&per_page=200');
  expect(past.status).toBe(400);
  expect(past.json).toEqual({ code: 'DISCRETE_PAGINATION_LIMIT_EXCEEDED', details: { limit: 2000 }, message: 'You can only get the first 2000 records without using page_token param', status: 'error' });
  const big = await h.get('/crm/v8/Leads?fields=Last_Name&per_page=201');
  expect(big.json).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { param_name: 'per_page' } });
  const bad = await h.get('/crm/v8/Leads?fields=Last_Name&page=abc');
  expect(bad.json).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'page' } });
});

test('page tokens continue where the page ended, even across writes, and are bound to the query', async () => {
  const first = await h.get('/crm/v8/Leads?fields=Last_Name&per_page=100&sort_order=asc');
  const token = first.json.info.next_page_token as string;
  expect(token.length).toBeLessThanOrEqual(96);
  const lastId = first.json.data[99].id;
  // A record deleted and one created between calls neither skip nor repeat records.
  await h.call('DELETE', `/crm/v8/Leads/${first.json.data[50].id}`);
  await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Newcomer' }] } });
  const second = await h.get(`/crm/v8/Leads?fields=Last_Name&per_page=100&sort_order=asc&page_token=${token}`);
  expect(second.status).toBe(200);
  expect(second.json.data[0].id > lastId).toBe(true);
  expect(second.json.info.previous_page_token).toBeNull();
  const third = await h.get(`/crm/v8/Leads?fields=Last_Name&per_page=100&sort_order=asc&page_token=${second.json.info.next_page_token}`);
  expect(third.json.info.previous_page_token).toBe(token);
  expect(third.json.info.page).toBe(3);

  const altered = await h.get(`/crm/v8/Leads?fields=Last_Name,Email&per_page=100&sort_order=asc&page_token=${token}`);
  expect(altered.json).toEqual({ code: 'TOKEN_BOUND_DATA_MISMATCH', details: { param_name: 'page_token' }, message: 'The page_token given seems to be invalid or input param is added or altered or deleted', status: 'error' });
  const unknown = await h.get('/crm/v8/Leads?fields=Last_Name&page_token=deadbeef');
  expect(unknown.json.code).toBe('TOKEN_BOUND_DATA_MISMATCH');
  h.sb.advanceClock(25 * 3600_000);
  await h.refresh();
  const expired = await h.get(`/crm/v8/Leads?fields=Last_Name&per_page=100&sort_order=asc&page_token=${token}`);
  expect(expired.json).toEqual({ code: 'EXPIRED_VALUE', details: { api_name: 'page_token', json_path: '$.query.page_token' }, message: 'Page token expired', status: 'error' });
});

test('sort by Created_Time and Modified_Time, both orders', async () => {
  const asc = await h.get('/crm/v8/Leads?fields=Created_Time&sort_by=Created_Time&sort_order=asc&per_page=50');
  const times = asc.json.data.map((r: { Created_Time: string }) => Date.parse(r.Created_Time));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  const desc = await h.get('/crm/v8/Leads?fields=Modified_Time&sort_by=Modified_Time&sort_order=desc&per_page=50');
  const mod = desc.json.data.map((r: { Modified_Time: string }) => Date.parse(r.Modified_Time));
  expect([...mod].sort((a, b) => b - a)).toEqual(mod);
  const bad = await h.get('/crm/v8/Leads?fields=Last_Name&sort_by=Last_Name');
  expect(bad.json).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'sort_by' } });
});

test('If-Modified-Since answers only newer records, or 304', async () => {
  const since = new Date(Date.now() + 30 * 86_400_000).toUTCString();
  const none = await h.get('/crm/v8/Contacts?fields=Last_Name', { headers: { 'if-modified-since': since } });
  expect(none.status).toBe(304);
  expect(none.text).toBe('');
  h.sb.advanceClock(31 * 86_400_000);
  await h.refresh();
  const created = await h.call('POST', '/crm/v8/Contacts', { body: { data: [{ Last_Name: 'Fresh' }] } });
  const some = await h.get('/crm/v8/Contacts?fields=Last_Name', { headers: { 'if-modified-since': since } });
  expect(some.status).toBe(200);
  expect(some.json.data.map((r: { id: string }) => r.id)).toEqual([created.json.data[0].details.id]);
});

test('204 with an empty body when nothing matches; ids and cvid filter', async () => {
  const none = await h.get('/crm/v8/Calls?fields=Subject&ids=4876876000009999999');
  expect(none.status).toBe(204);
  expect(none.text).toBe('');
  const two = await h.get('/crm/v8/Leads?fields=Last_Name&per_page=2');
  const ids = two.json.data.map((r: { id: string }) => r.id);
  const byIds = await h.get(`/crm/v8/Leads?fields=Last_Name&ids=${ids.join(',')}`);
  expect(byIds.json.data.map((r: { id: string }) => r.id)).toEqual(ids);
  const meta = await h.get('/crm/v8/settings/modules');
  const leads = meta.json.modules.find((m: { api_name: string }) => m.api_name === 'Leads');
  const all = await h.get(`/crm/v8/Leads?fields=Owner&cvid=${leads.custom_view.id}&per_page=200`);
  expect(all.json.data.some((r: { Owner: { id: string } }) => r.Owner.id !== h.sb.user.id)).toBe(true);
  const myView = `${leads.custom_view.id.slice(0, -1)}3`;
  const mine = await h.get(`/crm/v8/Leads?fields=Owner&cvid=${myView}&per_page=200`);
  expect(mine.status).toBe(200);
  expect(mine.json.data.every((r: { Owner: { id: string } }) => r.Owner.id === h.sb.user.id)).toBe(true);
  const badView = await h.get('/crm/v8/Leads?fields=Owner&cvid=123');
  expect(badView.json).toMatchObject({ code: 'INVALID_DATA', details: { param_name: 'cvid' } });
});
