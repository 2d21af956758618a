// delete-note against the sandbox: the note is gone afterwards, an unknown or already deleted note is Zoho's
// typed INVALID_DATA with a hint, input checks, and the CLI.
import { rmSync } from 'node:fs';
import type { ZohoClient } from '../../connector/client-factory';
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import type { ErrorInfo } from '../../runtime/errors';
import type { ExecuteResult } from '../../runtime/types';
import { cli, tempHome } from '../support/cli-io';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

const SECRET = 'delete-note-test-secret';
let sb: SandboxHost;
let client: ZohoClient;
let home: string | undefined;
let leadId: string;

beforeAll(async () => {
  sb = await startSandboxHost();
  client = (await sb.host.clientFor(sb.nickname)) as ZohoClient;
  const lead = await client.post<{ data: { details: { id: string } }[] }>('/Leads', { data: [{ Last_Name: 'Forgetful' }] });
  leadId = lead!.data[0]!.details.id;
});
afterAll(async () => {
  await sb.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

async function newNote(): Promise<string> {
  const note = await client.post<{ data: { details: { id: string } }[] }>(`/Leads/${leadId}/Notes`, { data: [{ Note_Content: 'to be deleted' }] });
  return note!.data[0]!.details.id;
}

const run = (input: unknown): Promise<ExecuteResult> => sb.host.execute('delete-note', input, { connection: sb.nickname });

async function failure(input: unknown): Promise<ErrorInfo> {
  const result = await run(input);
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.output)}`);
  return result.error;
}

const deletes = () => sb.sandbox.requests().filter((e) => e.method === 'DELETE' && e.url.startsWith('/crm/v8/Notes/'));

test('deletes the note and returns its id', async () => {
  const noteId = await newNote();
  expect(await run({ id: noteId })).toMatchObject({ ok: true, output: { id: noteId } });
  expect(deletes().at(-1)).toMatchObject({ url: `/crm/v8/Notes/${noteId}`, status: 200 });
  expect(await client.get(`/Notes/${noteId}`, { fields: 'Note_Content' })).toBeUndefined();
  expect(await sb.host.execute('get-note', { id: noteId })).toMatchObject({ ok: false, error: { code: 'RECORD_NOT_FOUND' } });
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
  home = tempHome();
  await new FileCredentialStore({ dir: home, secret: SECRET }).put((await sb.store.get(sb.nickname))!);
  const env = { ZCRM_HOME: home, ZCRM_SECRET: SECRET };
  const noteId = await newNote();
  const res = await cli(['run', 'delete-note', '--input', JSON.stringify({ id: noteId }), '--json'], { env });
  expect(res.code).toBe(0);
  expect(JSON.parse(res.stdout)).toMatchObject({ ok: true, output: { id: noteId } });
  const again = await cli(['run', 'delete-note', '--input', JSON.stringify({ id: noteId })], { env });
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('INVALID_DATA');
  const bad = await cli(['run', 'delete-note', '--input', '{"id": "-1"}'], { env });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('/id');
});
