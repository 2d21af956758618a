// list-deleted-records against the sandbox: recycle-bin and permanent entries mapped to id, name, type,
// deletedBy and deletedTime; one page or pages up to a limit; 204 → empty; Zoho's errors; validation.
import type { ProgressEvent } from '../../runtime/types';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

interface Deleted {
  id: string;
  name: string | null;
  type: 'recycle' | 'permanent';
  deletedBy: { id: string; name?: string } | null;
  deletedTime: string;
  createdBy?: { id: string; name?: string } | null;
}
interface Out {
  records: Deleted[];
  count: number;
  moreRecords: boolean;
}

let sh: SandboxHost;
beforeAll(async () => {
  sh = await startSandboxHost();
});
afterAll(() => sh.close());

const gets = () => sh.requestsTo('GET', /^\/crm\/v8\/Contacts\/deleted/);
const run = (input: Record<string, unknown>, progress?: (e: ProgressEvent) => void) => sh.ok<Out>('list-deleted-records', input, { progress });

async function createAndDelete(module: string, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) ids.push((await sh.ok<{ id: string }>('create-record', { module, record: { Last_Name: name } })).id);
  if ((await sh.ok<{ failed: number }>('delete-records', { module, ids })).failed > 0) throw new Error('delete failed');
  return ids;
}

test('nothing deleted yet: Zoho answers 204 and the list is empty', async () => {
  await sh.clearRequests();
  expect(await run({ module: 'Contacts' })).toEqual({ records: [], count: 0, moreRecords: false });
  expect(gets().map((c) => c.status)).toEqual([204]);
});

test('recycle-bin entries: id, name, who deleted them when', async () => {
  const ids = await createAndDelete('Leads', ['Alpha', 'Beta', 'Gamma']);
  const out = await run({ module: 'Leads', type: 'recycle' });
  expect(out.count).toBe(3);
  expect(out.moreRecords).toBe(false);
  expect(out.records.map((r) => r.id).sort()).toEqual([...ids].sort());
  const user = { id: sh.sandbox.user.id, name: sh.sandbox.user.name };
  for (const r of out.records) {
    expect(r).toMatchObject({ type: 'recycle', deletedBy: user, createdBy: user });
    expect(r.deletedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  }
  expect(out.records.map((r) => r.name).sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
});

test('after 60 days they are permanent: no name, no deleting user; the recycle list is empty', async () => {
  sh.sandbox.advanceClock(61 * 24 * 3600_000);
  const permanent = await run({ module: 'Leads', type: 'permanent' });
  expect(permanent.count).toBe(3);
  for (const r of permanent.records) expect(r).toMatchObject({ type: 'permanent', name: null, deletedBy: null, createdBy: null });
  expect(await run({ module: 'Leads', type: 'recycle' })).toEqual({ records: [], count: 0, moreRecords: false });
  expect((await run({ module: 'Leads' })).count).toBe(3);
});

describe('paging (250 deleted contacts)', () => {
  beforeAll(async () => {
    sh.sandbox.seed('Contacts', 250);
    const list = await sh.run('list-records', { module: 'Contacts', fields: ['Last_Name'], limit: 250 });
    const ids = (list as { output: { records: { id: string }[] } }).output.records.map((r) => r.id);
    const deleted = await sh.run('delete-records', { module: 'Contacts', ids });
    expect(deleted.ok && (deleted.output as { succeeded: number }).succeeded).toBe(250);
  });

  test('without a limit: one page of 200, and page 2 has the rest', async () => {
    await sh.clearRequests();
    const first = await run({ module: 'Contacts', type: 'recycle' });
    expect(first).toMatchObject({ count: 200, moreRecords: true });
    const second = await run({ module: 'Contacts', type: 'recycle', page: 2 });
    expect(second).toMatchObject({ count: 50, moreRecords: false });
    expect(new Set([...first.records, ...second.records].map((r) => r.id)).size).toBe(250);
    expect(gets().map((c) => new URL(c.url, 'http://x').searchParams.get('page'))).toEqual(['1', '2']);
  });

  test('a limit reads pages until it is reached', async () => {
    await sh.clearRequests();
    const events: ProgressEvent[] = [];
    const out = await run({ module: 'Contacts', limit: 240 }, (e) => events.push(e));
    expect(out).toMatchObject({ count: 240, moreRecords: true });
    expect(gets()).toHaveLength(2);
    expect(events.map((e) => e.done)).toEqual([200, 240]);
    const all = await run({ module: 'Contacts', limit: 5000 });
    expect(all).toMatchObject({ count: 250, moreRecords: false });
  });

  test('type goes to Zoho as the type parameter', async () => {
    await sh.clearRequests();
    await run({ module: 'Contacts', type: 'permanent' });
    expect(new URL(gets()[0]!.url, 'http://x').searchParams.get('type')).toBe('permanent');
  });
});

test('INVALID_MODULE surfaces with its hint', async () => {
  const result = await sh.run('list-deleted-records', { module: 'Leadz' });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'INVALID_MODULE', httpStatus: 400 });
  expect(result.error.hint).toMatch(/case-sensitive/);
});

test.each([
  ['an unknown type', { module: 'Leads', type: 'trash' }, '/type', 'must be one of: "all", "recycle", "permanent"'],
  ['page 0', { module: 'Leads', page: 0 }, '/page', 'must be >= 1'],
  ['limit 0', { module: 'Leads', limit: 0 }, '/limit', 'must be >= 1'],
  ['no module', {}, '/module', 'is required'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const result = await sh.run('list-deleted-records', input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect((result.error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
