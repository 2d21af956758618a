// delete-records against the sandbox: 150 ids with some unknown go in 2 calls of ≤100 ids, a 207 batch is a
// success with the failures listed in input order, wfTrigger goes with every call, the safety cap refuses
// oversized inputs up front, and input is validated.
import type { ProgressEvent } from '../../runtime/types';
import type { DeleteRecordsOutput } from '../../types/schemas';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

type Rec = Record<string, any>;

let sh: SandboxHost;
let ids: string[];
beforeAll(async () => {
  sh = await startSandboxHost();
  sh.sandbox.seed('Leads', 300);
  ids = (await sh.ok<{ records: { id: string }[] }>('list-records', { module: 'Leads', fields: ['Last_Name'], limit: 320 })).records.map((r) => r.id);
});
afterAll(() => sh.close());
afterEach(() => {
  delete process.env.ZCRM_MAX_BULK_ITEMS;
});

const deletes = () => sh.requestsTo('DELETE');
const queryOf = (url: string) => Object.fromEntries(new URL(url, 'http://x').searchParams);
const run = (input: Rec, progress?: (e: ProgressEvent) => void) => sh.ok<DeleteRecordsOutput>('delete-records', input, { progress });

test('150 ids, some unknown: 2 calls, a 207 batch, one result per id in input order', async () => {
  const unknown = new Map([[3, '4876876000009999001'], [120, '4876876000009999002']]);
  const input = ids.slice(0, 150).map((id, i) => unknown.get(i) ?? id);
  await sh.clearRequests();
  const events: ProgressEvent[] = [];
  const out = await run({ module: 'Leads', ids: input }, (e) => events.push(e));

  const calls = deletes();
  expect(calls.map((c) => c.status)).toEqual([207, 207]);
  expect(calls.map((c) => queryOf(c.url).ids!.split(','))).toEqual([input.slice(0, 100), input.slice(100)]);
  expect(out).toMatchObject({ succeeded: 148, failed: 2 });
  out.results.forEach((r, i) => {
    expect(r).toMatchObject({ index: i, id: input[i], ok: !unknown.has(i) });
  });
  expect(out.results[120]!.error).toMatchObject({ code: 'INVALID_DATA', details: { id: '4876876000009999002' } });
  expect(out.results[120]!.error!.hint).toMatch(/4876876000009999002 was not processed/);
  expect(events.map((e) => e.label)).toEqual(['batch 1/2', 'batch 2/2']);

  const read = await sh.run('get-record', { module: 'Leads', id: input[0] });
  expect(!read.ok && read.error.code).toBe('RECORD_NOT_FOUND');
});

test('a batch where no id is deleted (Zoho answers 400) is listed, not thrown', async () => {
  await sh.clearRequests();
  const out = await run({ module: 'Leads', ids: ['4876876000009999101', '4876876000009999102'] });
  expect(deletes().map((c) => c.status)).toEqual([400]);
  expect(out).toMatchObject({ succeeded: 0, failed: 2 });
  expect(out.results.map((r) => r.error?.code)).toEqual(['INVALID_DATA', 'INVALID_DATA']);
});

test('wfTrigger false is sent with every call', async () => {
  await sh.clearRequests();
  const out = await run({ module: 'Leads', ids: ids.slice(150, 260), wfTrigger: false });
  expect(out.succeeded).toBe(110);
  expect(deletes().map((c) => queryOf(c.url).wf_trigger)).toEqual(['false', 'false']);
});

test('an unknown module fails the whole action with INVALID_MODULE and its hint', async () => {
  const result = await sh.run('delete-records', { module: 'Leadz', ids: ['4876876000009999201', '4876876000009999202'] });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'INVALID_MODULE', category: 'remote' });
  expect(result.error.hint).toMatch(/case-sensitive/);
});

test('more ids than ZCRM_MAX_BULK_ITEMS are refused before any call', async () => {
  process.env.ZCRM_MAX_BULK_ITEMS = '100';
  await sh.clearRequests();
  const result = await sh.run('delete-records', { module: 'Leads', ids: ids.slice(0, 101) });
  expect(!result.ok && result.error).toMatchObject({ code: 'TOO_MANY_ITEMS', category: 'input', details: { path: '/ids', count: 101, max: 100 } });
  expect(deletes()).toHaveLength(0);
});

test.each([
  ['no ids', { module: 'Leads' }, '/ids', 'is required'],
  ['an empty list', { module: 'Leads', ids: [] }, '/ids', 'fewer than 1'],
  ['a numeric id', { module: 'Leads', ids: ['1', 2] }, '/ids/1', 'must be string'],
  ['an id with letters', { module: 'Leads', ids: ['abc'] }, '/ids/0', 'invalid format'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const result = await sh.run('delete-records', input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect((result.error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
