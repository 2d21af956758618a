// clone-record against the sandbox: a copy with overrides, unique fields refusing a plain copy, a wrong id,
// triggers, and a lost answer ending as OUTCOME_UNKNOWN after exactly one send; plus input validation.
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sh: SandboxHost;
let sourceId: string;
beforeAll(async () => {
  sh = await startSandboxHost();
  sourceId = (await sh.ok<{ id: string }>('create-record', { module: 'Leads', record: { First_Name: 'Marie', Last_Name: 'Curie', Company: 'Sorbonne', Email: 'marie@sorbonne.example', Lead_Source: 'Web Download' } })).id;
});
afterAll(() => sh.close());
afterEach(() => sh.sandbox.clearFaults());

const run = (input: unknown) => sh.run('clone-record', input);
const clonePath = (id: string) => `/crm/v8/Leads/${id}/actions/clone`;
const posts = (path: string) => sh.requestsTo('POST', path);

async function read(id: string, fields: string[]) {
  return (await sh.ok<{ record: Record<string, unknown> }>('get-record', { module: 'Leads', id, fields })).record;
}

test('copies the record, with the overrides applied, and returns the copy\'s id and audit fields', async () => {
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id: sourceId, overrides: { Email: 'marie.copy@sorbonne.example', First_Name: 'Maria' } });
  expect(result.ok).toBe(true);
  const out = (result as { output: Record<string, any> }).output;
  expect(out.id).toMatch(/^\d+$/);
  expect(out.id).not.toBe(sourceId);
  expect(out.createdBy).toEqual({ id: sh.sandbox.user.id, name: sh.sandbox.user.name });
  expect(out.createdTime).toEqual(expect.any(String));
  expect(await read(out.id, ['First_Name', 'Last_Name', 'Company', 'Email', 'Lead_Source'])).toEqual({
    id: out.id,
    First_Name: 'Maria',
    Last_Name: 'Curie',
    Company: 'Sorbonne',
    Email: 'marie.copy@sorbonne.example',
    Lead_Source: 'Web Download',
  });
  expect(JSON.parse(posts(clonePath(sourceId))[0]!.body!)).toEqual({ data: [{ Email: 'marie.copy@sorbonne.example', First_Name: 'Maria' }] });
});

test('a copy without overrides repeats the unique Email: DUPLICATE_DATA, with a hint naming the field and the original', async () => {
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id: sourceId });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'DUPLICATE_DATA', httpStatus: 400, details: { api_name: 'Email' } });
  expect(result.error.hint).toContain('Email must be unique');
  expect(result.error.hint).toContain(sourceId);
  expect(posts(clonePath(sourceId))[0]!.body).toBeUndefined();
});

test('a record without unique values clones without overrides; triggers go in the body', async () => {
  const plain = await sh.run('create-record', { module: 'Leads', record: { Last_Name: 'Plain' } });
  const id = (plain as { output: { id: string } }).output.id;
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id, trigger: [] });
  expect(result.ok).toBe(true);
  expect(JSON.parse(posts(clonePath(id))[0]!.body!)).toEqual({ trigger: [] });
  expect(await read((result as { output: { id: string } }).output.id, ['Last_Name'])).toMatchObject({ Last_Name: 'Plain' });
});

test('an id that names no record is INVALID_DATA with a hint', async () => {
  const result = await run({ module: 'Leads', id: '4876876000009999999' });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'INVALID_DATA', details: { resource_path_index: 1 } });
  expect(result.error.hint).toMatch(/not a valid id of a record in this module/);
});

test('INVALID_MODULE surfaces with its hint', async () => {
  const result = await run({ module: 'Leadz', id: sourceId });
  expect(!result.ok && result.error.code).toBe('INVALID_MODULE');
});

test('an answer lost after sending ends as OUTCOME_UNKNOWN: sent once, never again', async () => {
  sh.sandbox.setFaults([{ method: 'POST', path: clonePath(sourceId), drop: 'after', times: 1 }]);
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id: sourceId, overrides: { Email: 'lost.copy@sorbonne.example' } });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' });
  expect(result.error.hint).toMatch(new RegExp(`new copy of record ${sourceId}`));
  expect(posts(clonePath(sourceId))).toHaveLength(1);
});

test('a 503 before Zoho acted is retried', async () => {
  sh.sandbox.setFaults([{ method: 'POST', path: clonePath(sourceId), respond: 503, times: 1 }]);
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id: sourceId, overrides: { Email: 'retry.copy@sorbonne.example' } });
  expect(result.ok).toBe(true);
  expect(posts(clonePath(sourceId)).map((c) => c.status)).toEqual([503, 201]);
});

test.each([
  ['no id', { module: 'Leads' }, '/id', 'is required'],
  ['overrides that are not an object', { module: 'Leads', id: '1', overrides: 'Email=x' }, '/overrides', 'must be object'],
  ['an unknown input', { module: 'Leads', id: '1', copies: 2 }, '/copies', 'not a known property'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const result = await run(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect((result.error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
