// list-records against the sandbox: one page with its cursor, every page up to a limit (page numbers to
// 2,000, then page_token), the default fields from metadata, sorting, custom views, If-Modified-Since (304 →
// empty), 204 → empty, Zoho's paging errors with hints, and input validation.
import { Metadata } from '../../connector/metadata';
import { defaultListFields } from '../../connector/list-fields';
import type { ProgressEvent } from '../../runtime/types';
import { customViews } from '../../sandbox/seed/module-meta';
import { moduleDefs } from '../../sandbox/seed/modules';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

type Rec = Record<string, any>;
interface ListOut {
  records: Rec[];
  count: number;
  moreRecords: boolean;
  nextPageToken?: string;
}

let sh: SandboxHost;
beforeAll(async () => {
  sh = await startSandboxHost({ sandbox: { counts: { Projects: 0 } } });
});
afterAll(() => sh.close());
afterEach(() => sh.sandbox.clearFaults());

const control = (path: string, init?: RequestInit) => fetch(`${sh.sandbox.url}/__sandbox${path}`, init).then((r) => r.json() as Promise<Rec>);
const listCalls = (module: string) => sh.requestsTo('GET', new RegExp(`^/crm/v8/${module}(\\?|$)`));
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const list = (input: Rec, progress?: (e: ProgressEvent) => void) => sh.ok<ListOut>('list-records', input, { progress });
const listError = (input: Rec) => sh.failure('list-records', input);

test('without a limit: one page, the module fields from metadata, no cursor at the end', async () => {
  await sh.clearRequests();
  const out = await list({ module: 'Leads' });
  expect(out.count).toBe(30);
  expect(out.records).toHaveLength(30);
  expect(out.moreRecords).toBe(false);
  expect(out.nextPageToken).toBeUndefined();
  const [call] = listCalls('Leads');
  const client = await sh.client();
  const metaFields = (await client.metadata.fields('Leads')).map((f) => f.api_name);
  expect(queryOf(call!.url).fields!.split(',')).toEqual(metaFields.slice(0, 50));
  expect(Object.keys(out.records[0]!).sort()).toEqual(['id', ...metaFields].sort());
  // Sorted by id, descending: Zoho's default.
  const ids = out.records.map((r) => BigInt(r.id as string));
  expect([...ids].sort((a, b) => (a < b ? 1 : -1))).toEqual(ids);
});

test('the default fields never exceed Zoho\'s 50', async () => {
  const fields = Array.from({ length: 70 }, (_, i) => ({ api_name: `Field_${i}` }));
  const metadata = new Metadata(new Map(), async () => ({ fields }));
  expect(await defaultListFields(metadata, 'Wide')).toEqual(fields.slice(0, 50).map((f) => f.api_name));
  expect(await defaultListFields(new Metadata(new Map(), async () => undefined), 'Empty')).toEqual(['id']);
});

test('fields, sortBy and sortOrder go to Zoho as fields, sort_by and sort_order', async () => {
  await sh.clearRequests();
  const out = await list({ module: 'Leads', fields: ['Last_Name', 'Created_Time'], sortBy: 'Created_Time', sortOrder: 'asc' });
  expect(queryOf(listCalls('Leads')[0]!.url)).toMatchObject({ fields: 'Last_Name,Created_Time', sort_by: 'Created_Time', sort_order: 'asc' });
  expect(Object.keys(out.records[0]!).sort()).toEqual(['Created_Time', 'Last_Name', 'id']);
  const times = out.records.map((r) => Date.parse(r.Created_Time as string));
  expect([...times].sort((a, b) => a - b)).toEqual(times);
});

test('cvid lists the records a custom view shows', async () => {
  const leads = moduleDefs().find((m) => m.api_name === 'Leads')!;
  const mine = customViews(leads).find((v) => v.system_name === 'MYVIEWS')!;
  const all = await list({ module: 'Leads', fields: ['Owner'] });
  const out = await list({ module: 'Leads', fields: ['Owner'], cvid: mine.id });
  const expected = all.records.filter((r) => r.Owner.id === sh.sandbox.user.id).map((r) => r.id);
  expect(out.records.map((r) => r.id)).toEqual(expected);
  expect(out.count).toBeLessThan(all.count);
  const error = await listError({ module: 'Leads', cvid: '1234' });
  expect(error).toMatchObject({ code: 'INVALID_DATA', httpStatus: 400, details: { param_name: 'cvid' } });
});

test('a module without records (Zoho answers 204) gives an empty list', async () => {
  await sh.clearRequests();
  expect(await list({ module: 'Projects' })).toEqual({ records: [], count: 0, moreRecords: false });
  expect(listCalls('Projects').map((c) => c.status)).toEqual([204]);
  expect(await list({ module: 'Projects', limit: 500 })).toEqual({ records: [], count: 0, moreRecords: false });
});

describe('modifiedSince (If-Modified-Since)', () => {
  test('nothing changed since then: Zoho answers 304 and the list is empty', async () => {
    await sh.clearRequests();
    expect(await list({ module: 'Leads', modifiedSince: '2099-01-01T00:00:00+00:00' })).toEqual({ records: [], count: 0, moreRecords: false });
    expect(listCalls('Leads').map((c) => c.status)).toEqual([304]);
  });

  test('only the records changed after the time are listed', async () => {
    const { now } = await control('/clock');
    sh.sandbox.advanceClock(60_000);
    const target = (await list({ module: 'Leads', fields: ['Last_Name'] })).records[3]!;
    expect((await sh.run('update-record', { module: 'Leads', id: target.id, record: { Lead_Status: 'Contacted' } })).ok).toBe(true);
    const out = await list({ module: 'Leads', fields: ['Lead_Status'], modifiedSince: now as string });
    expect(out.records).toEqual([{ id: target.id, Lead_Status: 'Contacted' }]);
  });
});

describe('past 2,000 records', () => {
  let total: number;
  beforeAll(async () => {
    // The control API seeds 2,500 more leads (2,530 in all, plus those created by earlier tests).
    const seeded = await control('/seed', { method: 'POST', body: JSON.stringify({ module: 'Leads', count: 2500 }), headers: { 'Content-Type': 'application/json' } });
    total = seeded.total as number;
    expect(total).toBeGreaterThanOrEqual(2530);
  });

  test('a limit streams page after page: page numbers to 2,000, then page_token', async () => {
    await sh.clearRequests();
    const events: ProgressEvent[] = [];
    const out = await list({ module: 'Leads', fields: ['Last_Name'], limit: 2400 }, (e) => events.push(e));
    expect(out.count).toBe(2400);
    expect(new Set(out.records.map((r) => r.id)).size).toBe(2400);
    expect(out.moreRecords).toBe(true);
    const queries = listCalls('Leads').map((c) => queryOf(c.url));
    expect(queries).toHaveLength(12);
    expect(queries.slice(0, 10).map((q) => q.page)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(queries.slice(10).every((q) => q.page_token && q.page === undefined)).toBe(true);
    expect(queries.every((q) => q.per_page === '200' && q.fields === 'Last_Name')).toBe(true);
    expect(events.map((e) => e.done)).toEqual([200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2200, 2400]);
    expect(events[11]!.label).toBe('page 12');
    // The limit fell on a page boundary: the cursor continues right after the last record returned.
    expect(out.nextPageToken).toEqual(expect.any(String));
    const next = await list({ module: 'Leads', fields: ['Last_Name'], pageToken: out.nextPageToken });
    expect(next.count).toBe(Math.min(200, total - 2400));
    const last = BigInt(out.records[2399]!.id as string);
    expect(next.records.every((r) => BigInt(r.id as string) < last)).toBe(true);
  });

  test('a limit past the end reads everything and stops when Zoho says there is no more', async () => {
    await sh.clearRequests();
    const out = await list({ module: 'Leads', fields: ['Last_Name'], limit: 100_000 });
    expect(out.count).toBe(total);
    expect(new Set(out.records.map((r) => r.id)).size).toBe(total);
    expect(out.moreRecords).toBe(false);
    expect(out.nextPageToken).toBeUndefined();
    expect(listCalls('Leads')).toHaveLength(Math.ceil(total / 200));
  });

  test('a limit inside a page fetches no page more than needed and gives no cursor that would skip records', async () => {
    await sh.clearRequests();
    const out = await list({ module: 'Leads', fields: ['Last_Name'], limit: 2150 });
    expect(out.count).toBe(2150);
    expect(out.moreRecords).toBe(true);
    expect(out.nextPageToken).toBeUndefined();
    expect(listCalls('Leads')).toHaveLength(11);
  });

  test('without a limit, page by page with the cursor covers every record once', async () => {
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await list({ module: 'Leads', fields: ['Last_Name'], ...(token ? { pageToken: token } : {}) });
      for (const r of out.records) seen.add(r.id as string);
      expect(out.moreRecords).toBe(out.nextPageToken !== undefined);
      token = out.nextPageToken;
      pages++;
    } while (token);
    expect(pages).toBe(Math.ceil(total / 200));
    expect(seen.size).toBe(total);
  });

  test('a pageToken used with other fields is TOKEN_BOUND_DATA_MISMATCH, with a hint', async () => {
    const first = await list({ module: 'Leads', fields: ['Last_Name'] });
    const error = await listError({ module: 'Leads', fields: ['Email'], pageToken: first.nextPageToken });
    expect(error).toMatchObject({ code: 'TOKEN_BOUND_DATA_MISMATCH', httpStatus: 400, category: 'remote' });
    expect(error.hint).toMatch(/keep fields, sort and filters unchanged/);
  });

  test('an expired pageToken is EXPIRED_VALUE, with a hint to start again', async () => {
    const first = await list({ module: 'Leads', fields: ['Last_Name'] });
    sh.sandbox.advanceClock(25 * 3600_000);
    const error = await listError({ module: 'Leads', fields: ['Last_Name'], pageToken: first.nextPageToken });
    expect(error).toMatchObject({ code: 'EXPIRED_VALUE', httpStatus: 400 });
    expect(error.hint).toMatch(/expired: start the listing again/);
  });
});

test('INVALID_MODULE surfaces with its hint', async () => {
  const error = await listError({ module: 'Leadz' });
  expect(error.code).toBe('INVALID_MODULE');
  expect(error.hint).toMatch(/case-sensitive/);
});

test.each([
  ['no module', {}, '/module', 'is required'],
  ['limit 0', { module: 'Leads', limit: 0 }, '/limit', 'must be >= 1'],
  ['limit over 100,000', { module: 'Leads', limit: 100_001 }, '/limit', 'must be <= 100000'],
  ['a sort field Zoho cannot sort by', { module: 'Leads', sortBy: 'Last_Name' }, '/sortBy', 'must be one of'],
  ['a bad sort order', { module: 'Leads', sortOrder: 'up' }, '/sortOrder', 'must be one of'],
  ['a time that is not ISO 8601', { module: 'Leads', modifiedSince: 'yesterday' }, '/modifiedSince', 'date-time'],
  ['a cvid that is not digits', { module: 'Leads', cvid: 'mine' }, '/cvid', 'invalid format'],
  ['51 fields', { module: 'Leads', fields: Array.from({ length: 51 }, (_, i) => `F${i}`) }, '/fields', 'more than 50'],
  ['an empty pageToken', { module: 'Leads', pageToken: '' }, '/pageToken', 'fewer than 1'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const error = await listError(input);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect((error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
