// delete-record against the sandbox: the record goes to the recycle bin, wfTrigger reaches Zoho, deleting
// twice or a wrong id is Zoho's INVALID_DATA with a hint, and input is validated.
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sh: SandboxHost;
beforeAll(async () => {
  sh = await startSandboxHost();
});
afterAll(() => sh.close());

const run = (input: unknown) => sh.run('delete-record', input);
const deletes = () => sh.requestsTo('DELETE');
const newLead = async (name: string) => (await sh.ok<{ id: string }>('create-record', { module: 'Leads', record: { Last_Name: name } })).id;

test('deletes the record: it is gone, and in the recycle bin', async () => {
  const id = await newLead('Doomed');
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id });
  expect(result.ok && result.output).toEqual({ id });
  expect(deletes().map((c) => c.url)).toEqual([`/crm/v8/Leads/${id}`]);
  const read = await sh.run('get-record', { module: 'Leads', id });
  expect(!read.ok && read.error.code).toBe('RECORD_NOT_FOUND');
  const bin = await sh.run('list-deleted-records', { module: 'Leads', type: 'recycle' });
  expect((bin as { output: { records: { id: string; name: string }[] } }).output.records).toContainEqual(expect.objectContaining({ id, name: 'Doomed' }));
});

test.each([
  [false, 'wf_trigger=false'],
  [true, 'wf_trigger=true'],
])('wfTrigger %s is sent as %s', async (wfTrigger, query) => {
  const id = await newLead('Workflow');
  await sh.clearRequests();
  expect((await run({ module: 'Leads', id, wfTrigger })).ok).toBe(true);
  expect(deletes().map((c) => c.url)).toEqual([`/crm/v8/Leads/${id}?${query}`]);
});

test('deleting a record twice: the second time is INVALID_DATA with a hint', async () => {
  const id = await newLead('Twice');
  expect((await run({ module: 'Leads', id })).ok).toBe(true);
  const result = await run({ module: 'Leads', id });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'INVALID_DATA', category: 'remote', httpStatus: 400, details: { resource_path_index: 1 } });
  expect(result.error.hint).toMatch(/not a valid id of a record in this module/);
});

test('INVALID_MODULE surfaces with its hint', async () => {
  const result = await run({ module: 'Leadz', id: '4876876000000000001' });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('INVALID_MODULE');
  expect(result.error.hint).toMatch(/case-sensitive/);
});

test('a lost answer is retried (a delete is idempotent) and reports the retry\'s answer', async () => {
  const id = await newLead('Dropped');
  sh.sandbox.setFaults([{ method: 'DELETE', path: `/crm/v8/Leads/${id}`, drop: 'before', times: 1 }]);
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id });
  sh.sandbox.clearFaults();
  expect(result.ok && result.output).toEqual({ id });
  expect(deletes().map((c) => c.status)).toEqual(['dropped', 200]);
});

test.each([
  ['no id', { module: 'Leads' }, '/id', 'is required'],
  ['an id with letters', { module: 'Leads', id: '12ab' }, '/id', 'invalid format'],
  ['wfTrigger as text', { module: 'Leads', id: '1', wfTrigger: 'no' }, '/wfTrigger', 'must be boolean'],
  ['a module name with a space', { module: 'My Leads', id: '1' }, '/module', 'invalid format'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const result = await run(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect((result.error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
