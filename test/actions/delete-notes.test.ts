// delete-notes against the sandbox: any number of ids in calls of 100, one result per id in input order through
// 207 mixed batches and whole-call failures, the safety cap, input checks, and the CLI.
import type { ZohoClient } from '../../connector/client-factory';
import type { ProgressEvent } from '../../runtime/types';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

interface Result {
  index: number;
  ok: boolean;
  id?: string;
  error?: { code: string; message: string; hint?: string; details?: Record<string, unknown> };
}
interface Out {
  results: Result[];
  succeeded: number;
  failed: number;
}

let sb: SandboxHost;
let client: ZohoClient;
let leadId: string;

beforeAll(async () => {
  sb = await startSandboxHost();
  client = await sb.client();
  leadId = await sb.createRecord('/Leads', { Last_Name: 'Prolific' });
});
afterAll(async () => {
  delete process.env.ZCRM_MAX_BULK_ITEMS;
  await sb.close();
});

async function newNotes(count: number): Promise<string[]> {
  const results = await client.bulk<Record<string, unknown>, { id: string }>({ method: 'POST', path: `/Leads/${leadId}/Notes`, items: Array.from({ length: count }, (_, i) => ({ Note_Content: `note ${i}` })) });
  return results.map((r) => {
    if (!r.ok) throw new Error(`note not created: ${JSON.stringify(r.error)}`);
    return r.details.id;
  });
}

const ok = (input: unknown, progress?: (e: ProgressEvent) => void) => sb.ok<Out>('delete-notes', input, { progress });
const failure = (input: unknown) => sb.failure('delete-notes', input);
const bulkDeletes = () => sb.requestsTo('DELETE', /^\/crm\/v8\/Notes\?/);
const idsSent = (url: string) => new URL(url, 'http://x').searchParams.get('ids')!.split(',');

test('250 ids with unknown ones among them: three calls, 207s, one result per id in input order', async () => {
  const real = await newNotes(247);
  const bogus = ['4876876000009999991', '4876876000009999992', '4876876000009999993'];
  const ids = [...real.slice(0, 5), bogus[0]!, ...real.slice(5, 119), bogus[1]!, ...real.slice(119, 238), bogus[2]!, ...real.slice(238)];
  expect(ids).toHaveLength(250);
  const events: ProgressEvent[] = [];
  const out = await ok({ ids }, (e) => events.push(e));

  expect(out.succeeded).toBe(247);
  expect(out.failed).toBe(3);
  expect(out.results.map((r) => r.index)).toEqual(ids.map((_, i) => i));
  expect(out.results.map((r) => r.id)).toEqual(ids);
  expect(out.results.filter((r) => !r.ok).map((r) => r.index)).toEqual([5, 120, 240]);
  for (const r of out.results.filter((x) => !x.ok)) {
    expect(r.error).toMatchObject({ code: 'INVALID_DATA', message: expect.stringContaining('record not deleted'), details: { id: r.id } });
    expect(r.error!.hint).toContain(r.id!);
    expect(r.error).not.toHaveProperty('category');
  }
  const calls = bulkDeletes().slice(-3);
  expect(calls.map((c) => c.status)).toEqual([207, 207, 207]);
  expect(calls.map((c) => idsSent(c.url))).toEqual([ids.slice(0, 100), ids.slice(100, 200), ids.slice(200)]);
  expect(events.map((e) => [e.done, e.total, e.label])).toEqual([[100, 250, 'batch 1/3'], [200, 250, 'batch 2/3'], [250, 250, 'batch 3/3']]);
  const left = await client.get(`/Leads/${leadId}/Notes`, { fields: 'Note_Content' });
  expect(left).toBeUndefined();
});

test('every id unknown: Zoho answers 400 with one error per id, all listed as failures', async () => {
  const ids = ['4876876000008888881', '4876876000008888882'];
  const out = await ok({ ids });
  expect(out).toMatchObject({ succeeded: 0, failed: 2 });
  expect(out.results).toEqual([
    { index: 0, ok: false, id: ids[0], error: expect.objectContaining({ code: 'INVALID_DATA' }) },
    { index: 1, ok: false, id: ids[1], error: expect.objectContaining({ code: 'INVALID_DATA' }) },
  ]);
  expect(bulkDeletes().at(-1)!.status).toBe(400);
});

test('a call that fails as a whole marks its ids failed; the other calls go on', async () => {
  const real = await newNotes(130);
  sb.sandbox.setFaults([{ method: 'DELETE', path: '/crm/v8/Notes', respond: 500, times: 1 }]);
  const out = await ok({ ids: real });
  sb.sandbox.clearFaults();
  expect(out).toMatchObject({ succeeded: 30, failed: 100 });
  expect(out.results.slice(0, 100).every((r) => !r.ok && r.error!.code === 'INTERNAL_ERROR' && /Retry later/.test(r.error!.hint!))).toBe(true);
  expect(out.results.slice(100).every((r) => r.ok)).toBe(true);
  // Those 100 notes still exist: running the same input again deletes them and reports the rest as gone.
  const again = await ok({ ids: real });
  expect(again).toMatchObject({ succeeded: 100, failed: 30 });
});

test('more ids than ZCRM_MAX_BULK_ITEMS are refused before any call', async () => {
  process.env.ZCRM_MAX_BULK_ITEMS = '3';
  try {
    const before = bulkDeletes().length;
    const error = await failure({ ids: ['1', '2', '3', '4'] });
    expect(error).toMatchObject({ code: 'TOO_MANY_ITEMS', category: 'input', details: { path: '/ids', count: 4, max: 3 } });
    expect(error.message).toContain('/ids');
    expect(error.hint).toContain('ZCRM_MAX_BULK_ITEMS');
    expect(bulkDeletes().length).toBe(before);
    expect((await ok({ ids: ['4876876000007777771', '4876876000007777772', '4876876000007777773'] })).failed).toBe(3);
    process.env.ZCRM_MAX_BULK_ITEMS = 'lots';
    expect(await failure({ ids: ['1'] })).toMatchObject({ code: 'INVALID_SETTING', category: 'input' });
  } finally {
    delete process.env.ZCRM_MAX_BULK_ITEMS;
  }
});

test.each([
  [{}, '/ids', 'is required'],
  [{ ids: [] }, '/ids', 'fewer than 1'],
  [{ ids: ['4876876000001000054', 12] }, '/ids/1', 'must be string'],
  [{ ids: '4876876000001000054' }, '/ids', 'must be array'],
])('input %j fails at %s, nothing is sent', async (input, path, message) => {
  const before = bulkDeletes().length;
  const error = await failure(input);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect((error.details as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
  expect(bulkDeletes().length).toBe(before);
});

test('zcrm run delete-notes prints the results; bad ids exit 2', async () => {
  const [noteId] = await newNotes(1);
  const res = await sb.cli(['run', 'delete-notes', '--input', JSON.stringify({ ids: [noteId, '4876876000006666661'] }), '--json']);
  expect(res.code).toBe(0);
  expect(JSON.parse(res.stdout)).toMatchObject({
    ok: true,
    output: { results: [{ index: 0, ok: true, id: noteId }, { index: 1, ok: false, id: '4876876000006666661', error: { code: 'INVALID_DATA' } }], succeeded: 1, failed: 1 },
  });
  const bad = await sb.cli(['run', 'delete-notes', '--input', '{"ids": []}']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('/ids');
});
