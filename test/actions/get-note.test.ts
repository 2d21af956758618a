// get-note against the sandbox: one note with the default or chosen fields, an unknown id (Zoho's 204) as a
// typed NOT_FOUND, input checks, and the CLI.
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sb: SandboxHost;
let leadId: string;
let noteId: string;

beforeAll(async () => {
  sb = await startSandboxHost();
  leadId = await sb.createRecord('/Leads', { Last_Name: 'Noted', Company: 'Note Co' });
  noteId = await sb.createRecord(`/Leads/${leadId}/Notes`, { Note_Title: 'First call', Note_Content: 'Wants a demo (next week), maybe.' });
});
afterAll(() => sb.close());

const run = (input: unknown) => sb.run('get-note', input);
const failure = (input: unknown) => sb.failure('get-note', input);
const noteReads = () => sb.requestsTo('GET', /^\/crm\/v8\/Notes\//);

test('a note with the default fields: title, content, parent and audit fields', async () => {
  const result = await run({ id: noteId });
  expect(result).toMatchObject({
    ok: true,
    output: {
      note: {
        id: noteId,
        Note_Title: 'First call',
        Note_Content: 'Wants a demo (next week), maybe.',
        Parent_Id: { id: leadId, module: { api_name: 'Leads' } },
        Owner: { id: sb.sandbox.user.id },
        Created_Time: expect.any(String),
        Modified_Time: expect.any(String),
        Created_By: { id: sb.sandbox.user.id },
        Modified_By: { id: sb.sandbox.user.id },
      },
    },
  });
  const url = new URL(noteReads().at(-1)!.url, 'http://x');
  expect(url.searchParams.get('fields')).toBe('Note_Title,Note_Content,Parent_Id,Owner,Created_Time,Modified_Time,Created_By,Modified_By');
});

test('only the chosen fields', async () => {
  const result = await run({ id: noteId, fields: ['Note_Title'] });
  expect(result).toMatchObject({ ok: true, output: { note: { id: noteId, Note_Title: 'First call' } } });
  expect(Object.keys((result as { output: { note: object } }).output.note).sort()).toEqual(['Note_Title', 'id']);
});

test('an unknown or deleted note: Zoho answers 204, the action fails with RECORD_NOT_FOUND and a hint', async () => {
  const error = await failure({ id: '4876876000009999999' });
  expect(error).toMatchObject({ code: 'RECORD_NOT_FOUND', category: 'remote', httpStatus: 404, retryable: false, details: { module: 'Notes', id: '4876876000009999999', zohoStatus: 204 } });
  expect(error.message).toContain('No note has the id 4876876000009999999');
  expect(error.hint).toMatch(/list-notes/);
  expect(noteReads().at(-1)!.status).toBe(204);
});

test('a 503 is retried (a read is safe to repeat)', async () => {
  sb.sandbox.setFaults([{ method: 'GET', path: '/crm/v8/Notes/*', respond: 503, times: 1 }]);
  const result = await run({ id: noteId });
  sb.sandbox.clearFaults();
  expect(result.ok).toBe(true);
  expect(noteReads().slice(-2).map((e) => e.status)).toEqual([503, 200]);
});

test.each([
  [{}, '/id', 'is required'],
  [{ id: 123 }, '/id', 'must be string'],
  [{ id: '12a' }, '/id', 'invalid format'],
  [{ id: '1', fields: [] }, '/fields', 'fewer than 1'],
  [{ id: '1', fields: ['Note_Title', 'Note_Title'] }, '/fields', 'duplicate'],
  [{ id: '1', fields: ['bad field'] }, '/fields/0', 'invalid format'],
])('input %j fails at %s, nothing is sent', async (input, path, message) => {
  const before = noteReads().length;
  const error = await failure(input);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect((error.details as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
  expect(noteReads().length).toBe(before);
});

describe('the CLI', () => {
  test('zcrm run get-note prints the note; an unknown id exits 1; a bad id exits 2', async () => {
    const res = await sb.cli(['run', 'get-note', '--input', JSON.stringify({ id: noteId, fields: ['Note_Content'] }), '--json']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, output: { note: { id: noteId, Note_Content: 'Wants a demo (next week), maybe.' } } });
    const missing = await sb.cli(['run', 'get-note', '--input', JSON.stringify({ id: '4876876000009999999' })]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('RECORD_NOT_FOUND');
    const bad = await sb.cli(['run', 'get-note', '--input', '{"id": "x"}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/id');
  });
});
