// update-records against the sandbox: 250 records with some bad ones go in 3 calls of ≤100, a 207 batch is a
// success with the failures listed, results come back in input order, whole-call failures mark only their
// batch, the safety cap refuses oversized inputs before any call, and input is validated.
import type { ProgressEvent } from '../../runtime/types';
import type { UpdateRecordsOutput } from '../../types/schemas';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

type Rec = Record<string, any>;

let sh: SandboxHost;
let ids: string[];
beforeAll(async () => {
  sh = await startSandboxHost();
  sh.sandbox.seed('Leads', 300);
  ids = (await sh.ok<{ records: { id: string }[] }>('list-records', { module: 'Leads', fields: ['Last_Name'], limit: 250 })).records.map((r) => r.id);
  expect(ids).toHaveLength(250);
});
afterAll(() => sh.close());
afterEach(() => {
  sh.sandbox.clearFaults();
  delete process.env.ZCRM_MAX_BULK_ITEMS;
});

const puts = () => sh.requestsTo('PUT', '/crm/v8/Leads');
const run = (input: Rec, progress?: (e: ProgressEvent) => void) => sh.ok<UpdateRecordsOutput>('update-records', input, { progress });
const fieldOf = async (id: string, field: string) => (await sh.ok<{ record: Rec }>('get-record', { module: 'Leads', id, fields: [field] })).record[field];

test('250 records with some bad fields: 3 calls, a 207 batch, one result per record in input order', async () => {
  const bad = new Set([7, 130, 131, 249]);
  const records = ids.map((id, i) => (bad.has(i) ? { id, Email: `not an email ${i}` } : { id, Designation: `Title ${i}` }));
  await sh.clearRequests();
  const events: ProgressEvent[] = [];
  const out = await run({ module: 'Leads', records, trigger: [] }, (e) => events.push(e));

  expect(puts().map((c) => c.status)).toEqual([207, 207, 207]);
  expect(out.succeeded).toBe(246);
  expect(out.failed).toBe(4);
  expect(out.results).toHaveLength(250);
  out.results.forEach((r, i) => {
    expect(r.index).toBe(i);
    expect(r.id).toBe(ids[i]);
    expect(r.ok).toBe(!bad.has(i));
  });
  const failure = out.results[130]!;
  expect(failure.error).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Email', expected_data_type: 'email', json_path: '$.data[30].Email' } });
  expect(failure.error!.hint).toMatch(/Email is not valid/);
  expect(events).toEqual([
    { done: 100, total: 250, label: 'batch 1/3' },
    { done: 200, total: 250, label: 'batch 2/3' },
    { done: 250, total: 250, label: 'batch 3/3' },
  ]);
  expect(await fieldOf(ids[0]!, 'Designation')).toBe('Title 0');
  expect(await fieldOf(ids[248]!, 'Designation')).toBe('Title 248');
  expect(await fieldOf(ids[249]!, 'Designation')).not.toBe('Title 249');
});

test('a batch where every record fails (Zoho answers 400) is listed, not thrown', async () => {
  await sh.clearRequests();
  const records = ids.slice(0, 120).map((id, i) => (i < 100 ? { id, No_of_Employees: 'many' } : { id, Designation: 'Fine' }));
  const out = await run({ module: 'Leads', records });
  expect(puts().map((c) => c.status)).toEqual([400, 200]);
  expect(out.failed).toBe(100);
  expect(out.succeeded).toBe(20);
  expect(out.results[99]).toMatchObject({ index: 99, ok: false, id: ids[99], error: { code: 'INVALID_DATA', details: { api_name: 'No_of_Employees' } } });
  expect(out.results[100]).toEqual({ index: 100, ok: true, id: ids[100] });
});

test('ids that name no record fail one by one', async () => {
  const out = await run({ module: 'Leads', records: [{ id: ids[0], Designation: 'A' }, { id: '4876876000009999999', Designation: 'B' }] });
  expect(out.results[1]).toMatchObject({ index: 1, ok: false, id: '4876876000009999999', error: { code: 'INVALID_DATA', details: { api_name: 'id' } } });
  expect(out.results[0]!.ok).toBe(true);
});

test('a call that fails as a whole fails only its own batch', async () => {
  sh.sandbox.setFaults([{ method: 'PUT', path: '/crm/v8/Leads', respond: 500, times: 1 }]);
  const out = await run({ module: 'Leads', records: ids.slice(0, 150).map((id) => ({ id, Designation: 'After fault' })) });
  expect(out.failed).toBe(100);
  expect(out.succeeded).toBe(50);
  expect(out.results[0]).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
  expect(out.results[0]!.error!.hint).toMatch(/internal error/);
  expect(out.results.slice(100).every((r) => r.ok)).toBe(true);
});

test('the trigger goes with every call', async () => {
  await sh.clearRequests();
  await run({ module: 'Leads', records: ids.slice(0, 101).map((id) => ({ id, Designation: 'T' })), trigger: ['workflow'] });
  const bodies = puts().map((c) => c.body!);
  expect(bodies).toHaveLength(2);
  for (const body of bodies) expect(body).toMatch(/"trigger":\["workflow"\]/);
});

describe('the safety cap', () => {
  test('more records than ZCRM_MAX_BULK_ITEMS are refused before any call', async () => {
    process.env.ZCRM_MAX_BULK_ITEMS = '5';
    await sh.clearRequests();
    const result = await sh.run('update-records', { module: 'Leads', records: ids.slice(0, 6).map((id) => ({ id, Designation: 'X' })) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'TOO_MANY_ITEMS', category: 'input', details: { path: '/records', count: 6, max: 5 } });
    expect(result.error.hint).toMatch(/ZCRM_MAX_BULK_ITEMS/);
    expect(puts()).toHaveLength(0);
  });

  test('the default cap is 10,000', async () => {
    const result = await sh.run('update-records', { module: 'Leads', records: Array.from({ length: 10_001 }, () => ({ id: ids[0], Designation: 'X' })) });
    expect(!result.ok && result.error).toMatchObject({ code: 'TOO_MANY_ITEMS', details: { count: 10_001, max: 10_000 } });
  });

  test('a cap that is not a number is reported, not ignored', async () => {
    process.env.ZCRM_MAX_BULK_ITEMS = 'lots';
    const result = await sh.run('update-records', { module: 'Leads', records: [{ id: ids[0], Designation: 'X' }] });
    expect(!result.ok && result.error).toMatchObject({ code: 'INVALID_SETTING', category: 'input' });
  });
});

test.each([
  ['no records', { module: 'Leads' }, '/records', 'is required'],
  ['an empty list', { module: 'Leads', records: [] }, '/records', 'fewer than 1'],
  ['a record without id', { module: 'Leads', records: [{ id: '1' }, { Designation: 'X' }] }, '/records/1/id', 'is required'],
  ['a numeric id', { module: 'Leads', records: [{ id: 12 }] }, '/records/0/id', 'must be string'],
  ['a record that is not an object', { module: 'Leads', records: ['1'] }, '/records/0', 'must be object'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const result = await sh.run('update-records', input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect((result.error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
