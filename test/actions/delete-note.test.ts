// delete-note against the sandbox: the note is gone afterwards, an unknown or already deleted note is Zoho's
// typed INVALID_DATA with a hint, input checks, and the CLI.
import type { ZohoClient } from '../../connector/client-factory';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sb: SandboxHost;
let client: ZohoClient;
let leadId: string;

beforeAll(async () => {
  sb = await startSandboxHost();
  client = await sb.client();
  leadId = await sb.createRecord('/Leads', { Last_Name: 'Forgetful' });
});
afterAll(() => sb.close());

const newNote = () => sb.createRecord(`/Leads/${leadId}/Notes`, { Note_Content: 'to be deleted' });
const run = (input: unknown) => sb.run('delete-note', input);
const failure = (input: unknown) => sb.failure('delete-note', input);
const deletes = () => sb.requestsTo('DELETE', /^\/crm\/v8\/Notes\//);

test('deletes the note and returns its id', async () => {
  const noteId = await newNote();
  expect(await run({ id: noteId })).toMatchObject({ ok: true, output: { id: noteId } });
  expect(deletes().at(-1)).toMatchObject({ url: `/crm/v8/Notes/${noteId}`, status: 200 });
  expect(await client.get(`/Notes/${noteId}`, { fields: 'Note_Content' })).toBeUndefined();
  expect(await sb.run('get-note', { id: noteId })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
});

test('an unknown or already deleted note: INVALID_DATA with a hint', async () => {
  const noteId = await newNote();
  await run({ id: noteId });
  const error = await failure({ id: noteId });
  expect(error).toMatchObject({ code: 'INVALID_DATA', category: 'remote', httpStatus: 400, retryable: false });
  expect(error.message).toContain('record not deleted');
  expect(error.hint).toMatch(/id/);
});

test('an answer lost after the delete: the delete is sent again (idempotent) and Zoho says it is gone', async () => {
  const noteId = await newNote();
  sb.sandbox.setFaults([{ method: 'DELETE', path: `/crm/v8/Notes/${noteId}`, drop: 'after', times: 1 }]);
  const error = await failure({ id: noteId });
  sb.sandbox.clearFaults();
  // The retry found the note already deleted: Zoho's own answer, not an unknown outcome.
  expect(error.code).toBe('INVALID_DATA');
  expect(deletes().slice(-2).map((e) => e.status)).toEqual(['dropped', 400]);
});

test.each([
  [{}, '/id', 'is required'],
  [{ id: 5 }, '/id', 'must be string'],
  [{ id: '1', module: 'Notes' }, '/module', 'not a known property'],
])('input %j fails at %s, nothing is sent', async (input, path, message) => {
  const before = deletes().length;
  const error = await failure(input);
  expect(error.code).toBe('VALIDATION_FAILED');
  expect((error.details as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
  expect(deletes().length).toBe(before);
});

test('zcrm run delete-note prints the id; a bad id exits 2', async () => {
  const noteId = await newNote();
  const res = await sb.cli(['run', 'delete-note', '--input', JSON.stringify({ id: noteId }), '--json']);
  expect(res.code).toBe(0);
  expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, output: { id: noteId } });
  const again = await sb.cli(['run', 'delete-note', '--input', JSON.stringify({ id: noteId })]);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('INVALID_DATA');
  const bad = await sb.cli(['run', 'delete-note', '--input', '{"id": "-1"}']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('/id');
});
