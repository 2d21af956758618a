// list-notes against the sandbox: all notes or one record's, one page with a cursor or every page up to a
// limit (page numbers to 2,000, then page_token), 204 as an empty list, errors with hints and input checks.
import type { ErrorInfo } from '../../runtime/errors';
import type { ProgressEvent } from '../../runtime/types';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

type Rec = Record<string, unknown>;
interface Out {
  notes: Rec[];
  count: number;
  moreRecords: boolean;
  nextPageToken?: string;
  nextPage?: number;
}

let sb: SandboxHost;
let leadId: string;
let quietLeadId: string;
let noteIds: string[];

beforeAll(async () => {
  sb = await startSandboxHost({ sandbox: { counts: { Notes: 2300 } } });
  const leads = await sb.createRecords('/Leads', [{ Last_Name: 'Chatty' }, { Last_Name: 'Quiet' }]);
  leadId = leads[0]!;
  quietLeadId = leads[1]!;
  noteIds = await sb.createRecords(`/Leads/${leadId}/Notes`, [{ Note_Title: 'one' }, { Note_Title: 'two' }, { Note_Content: 'three' }]);
});
afterAll(() => sb.close());

const ok = (input: unknown, progress?: (e: ProgressEvent) => void) => sb.ok<Out>('list-notes', input, { progress });
const failure = (input: unknown) => sb.failure('list-notes', input);
const noteCalls = () => sb.requestsTo('GET', /\/Notes(\?|$)/);
const ids = (out: Out) => out.notes.map((n) => String(n.id));

describe('all notes', () => {
  test('one page and a token for the next, with the default fields', async () => {
    const first = await ok({});
    expect(first.count).toBe(200);
    expect(first.moreRecords).toBe(true);
    expect(first.nextPageToken).toEqual(expect.any(String));
    expect(first.notes[0]).toEqual(expect.objectContaining({ id: expect.any(String), Parent_Id: expect.any(Object), Created_Time: expect.any(String) }));
    const url = new URL(noteCalls().at(-1)!.url, 'http://x');
    expect(url.searchParams.get('fields')).toBe('Note_Title,Note_Content,Parent_Id,Owner,Created_Time,Modified_Time,Created_By,Modified_By');

    const second = await ok({ pageToken: first.nextPageToken });
    expect(second.count).toBe(200);
    expect(ids(second).some((id) => ids(first).includes(id))).toBe(false);
  });

  test('page numbers, sorting and fields', async () => {
    const out = await ok({ page: 3, perPage: 20, sortBy: 'Modified_Time', sortOrder: 'desc', fields: ['Note_Title', 'Modified_Time'] });
    expect(out.count).toBe(20);
    const times = out.notes.map((n) => Date.parse(String(n.Modified_Time)));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const n of out.notes) expect(Object.keys(n).sort()).toEqual(['Modified_Time', 'Note_Title', 'id']);
    const url = new URL(noteCalls().at(-1)!.url, 'http://x');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ page: '3', per_page: '20', sort_by: 'Modified_Time', sort_order: 'desc' });
  });

  test('with a limit past 2,000: page numbers, then the page token, with progress', async () => {
    const events: ProgressEvent[] = [];
    const out = await ok({ limit: 2100, fields: ['Note_Title'] }, (e) => events.push(e));
    expect(out.count).toBe(2100);
    expect(out.moreRecords).toBe(true);
    expect(new Set(ids(out)).size).toBe(2100);
    const calls = noteCalls().slice(-11).map((e) => new URL(e.url, 'http://x').searchParams);
    expect(calls.slice(0, 10).map((q) => q.get('page'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(calls[10]!.get('page')).toBeNull();
    expect(calls[10]!.get('page_token')).toEqual(expect.any(String));
    expect(events.map((e) => e.done)).toEqual([200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000, 2100]);
    expect(events.every((e) => e.total === 2100)).toBe(true);
    // The limit kept 100 of the last page's 200: Zoho's token would skip the other 100, so none is given.
    expect(out).not.toHaveProperty('nextPageToken');
  });

  test('a limit on a page boundary gives the token, and it continues right after', async () => {
    const out = await ok({ limit: 400, sortBy: 'id', sortOrder: 'asc', fields: ['Note_Title'] });
    expect(out.count).toBe(400);
    expect(out.nextPageToken).toEqual(expect.any(String));
    const next = await ok({ pageToken: out.nextPageToken, sortBy: 'id', sortOrder: 'asc', fields: ['Note_Title'], perPage: 200 });
    const all = await ok({ limit: 600, sortBy: 'id', sortOrder: 'asc', fields: ['Note_Title'] });
    expect([...ids(out), ...ids(next)]).toEqual(ids(all));
  });
});

describe("one record's notes", () => {
  test('exactly its notes, oldest first', async () => {
    const out = await ok({ parentModule: 'Leads', parentId: leadId });
    expect(out).toMatchObject({ count: 3, moreRecords: false });
    expect(ids(out)).toEqual(noteIds);
    for (const n of out.notes) expect(n.Parent_Id).toMatchObject({ id: leadId });
    expect(noteCalls().at(-1)!.url).toMatch(new RegExp(`^/crm/v8/Leads/${leadId}/Notes\\?`));
  });

  test('a record without notes: Zoho answers 204, the output is an empty list', async () => {
    expect(await ok({ parentModule: 'Leads', parentId: quietLeadId })).toEqual({ notes: [], count: 0, moreRecords: false });
    expect(noteCalls().at(-1)!.status).toBe(204);
  });
});

describe("Zoho's refusals, typed with hints", () => {
  test('a token without a notes scope: OAUTH_SCOPE_MISMATCH (category auth) naming the scope', async () => {
    await sb.narrowConnection('no-notes', ['ZohoCRM.modules.leads.ALL']);
    const result = await sb.run('list-notes', {}, { connection: 'no-notes' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_SCOPE_MISMATCH', category: 'auth', httpStatus: 401 } });
    expect((result as { error: ErrorInfo }).error.hint).toContain('ZohoCRM.modules.notes.READ');
  });

  test('an unknown parent record: INVALID_DATA', async () => {
    const error = await failure({ parentModule: 'Leads', parentId: '4876876000009999999' });
    expect(error).toMatchObject({ code: 'INVALID_DATA', category: 'remote', httpStatus: 400 });
    expect(error.hint).toMatch(/id/);
  });

  test('an unknown parent module: INVALID_MODULE', async () => {
    const error = await failure({ parentModule: 'Nope', parentId: leadId });
    expect(error).toMatchObject({ code: 'INVALID_MODULE', category: 'remote' });
    expect(error.hint).toMatch(/module API name/);
  });

  test('a page token used with other sorting: TOKEN_BOUND_DATA_MISMATCH', async () => {
    const first = await ok({ perPage: 10 });
    const error = await failure({ perPage: 10, pageToken: first.nextPageToken, sortOrder: 'desc' });
    expect(error).toMatchObject({ code: 'TOKEN_BOUND_DATA_MISMATCH', category: 'remote' });
    expect(error.hint).toMatch(/page_token/);
  });

  test('an expired page token: EXPIRED_VALUE, start again', async () => {
    const first = await ok({ perPage: 10 });
    sb.sandbox.advanceClock(2 * 86_400_000);
    const error = await failure({ perPage: 10, pageToken: first.nextPageToken });
    expect(error).toMatchObject({ code: 'EXPIRED_VALUE', category: 'remote' });
    expect(error.hint).toMatch(/expired/);
  });
});

describe('input checks (nothing sent)', () => {
  test.each([
    [{ parentModule: 'Leads' }, '/parentId', 'required'],
    [{ parentId: '4876876000001000054' }, '/parentModule', 'required'],
    [{ page: 2, pageToken: 'abc' }, '/page', 'pageToken'],
    [{ perPage: 201 }, '/perPage', '<= 200'],
    [{ limit: 0 }, '/limit', '>= 1'],
    [{ sortBy: 'Note_Title' }, '/sortBy', 'must be one of'],
    [{ parentModule: 'Leads', parentId: 'abc' }, '/parentId', 'invalid format'],
  ])('%j fails at %s', async (input, path, message) => {
    const before = noteCalls().length;
    const error = await failure(input);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(noteCalls().length).toBe(before);
  });
});

describe('the CLI', () => {
  test("zcrm run list-notes prints a record's notes; half a parent exits 2", async () => {
    const res = await sb.cli(['run', 'list-notes', '--input', JSON.stringify({ parentModule: 'Leads', parentId: leadId, fields: ['Note_Title'] }), '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, output: { notes: [{ id: noteIds[0], Note_Title: 'one' }, { id: noteIds[1], Note_Title: 'two' }, { id: noteIds[2] }], count: 3, moreRecords: false } });
    const bad = await sb.cli(['run', 'list-notes', '--input', JSON.stringify({ parentModule: 'Leads' })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/parentId');
  });
});
