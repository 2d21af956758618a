// get-record against the sandbox: all fields or the ones asked for, any module, a 204 from Zoho as the typed
// RECORD_NOT_FOUND with its hint, Zoho's errors, and input validation.
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sh: SandboxHost;
let leadId: string;
beforeAll(async () => {
  sh = await startSandboxHost();
  leadId = (await sh.ok<{ id: string }>('create-record', { module: 'Leads', record: { First_Name: 'Grace', Last_Name: 'Hopper', Company: 'Navy', Email: 'grace@navy.example' } })).id;
});
afterAll(() => sh.close());

const run = (input: unknown) => sh.run('get-record', input);

test('reads the whole record when no fields are given', async () => {
  const result = await run({ module: 'Leads', id: leadId });
  expect(result.ok).toBe(true);
  const record = (result as { output: { record: Record<string, any> } }).output.record;
  expect(record).toMatchObject({ id: leadId, First_Name: 'Grace', Last_Name: 'Hopper', Full_Name: 'Grace Hopper', Company: 'Navy', Email: 'grace@navy.example' });
  expect(record.Owner).toMatchObject({ id: sh.sandbox.user.id });
  expect(record.Created_Time).toEqual(expect.any(String));
});

test('returns only the fields asked for (and the id)', async () => {
  const result = await run({ module: 'Leads', id: leadId, fields: ['Last_Name', 'Company'] });
  expect(result.ok && result.output).toEqual({ record: { id: leadId, Last_Name: 'Hopper', Company: 'Navy' } });
});

test('reads records of any module, custom ones too', async () => {
  const list = await sh.run('list-records', { module: 'Projects', fields: ['Name'] });
  const first = (list as { output: { records: { id: string; Name: string }[] } }).output.records[0]!;
  const result = await run({ module: 'Projects', id: first.id });
  expect(result.ok && (result.output as any).record).toMatchObject({ id: first.id, Name: first.Name });
});

describe('no such record: Zoho answers 204, the action fails with RECORD_NOT_FOUND', () => {
  test('an id that never existed', async () => {
    const result = await run({ module: 'Leads', id: '4876876000009999999' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({
      code: 'RECORD_NOT_FOUND',
      category: 'remote',
      retryable: false,
      httpStatus: 404,
      details: { module: 'Leads', id: '4876876000009999999', zohoStatus: 204 },
    });
    expect(result.error.message).toBe('No Leads record has the id 4876876000009999999.');
    expect(result.error.hint).toMatch(/list-deleted-records/);
  });

  test('a record that was deleted', async () => {
    const created = await sh.run('create-record', { module: 'Leads', record: { Last_Name: 'Gone' } });
    const id = (created as { output: { id: string } }).output.id;
    expect((await sh.run('delete-record', { module: 'Leads', id })).ok).toBe(true);
    const result = await run({ module: 'Leads', id });
    expect(!result.ok && result.error.code).toBe('RECORD_NOT_FOUND');
  });

  test('an id of another module', async () => {
    const result = await run({ module: 'Contacts', id: leadId });
    expect(!result.ok && result.error.code).toBe('RECORD_NOT_FOUND');
  });
});

test('INVALID_MODULE surfaces with its hint', async () => {
  const result = await run({ module: 'Leadz', id: leadId });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'INVALID_MODULE', httpStatus: 400 });
  expect(result.error.hint).toMatch(/case-sensitive/);
});

test('a 500 on a read is retried', async () => {
  sh.sandbox.setFaults([{ method: 'GET', path: `/crm/v8/Leads/${leadId}`, respond: 500, times: 1 }]);
  const result = await run({ module: 'Leads', id: leadId, fields: ['Last_Name'] });
  expect(result.ok).toBe(true);
  sh.sandbox.clearFaults();
});

test.each([
  ['no id', { module: 'Leads' }, '/id', 'is required'],
  ['a numeric id', { module: 'Leads', id: 5725767000000524157 }, '/id', 'must be string'],
  ['an id with a dash', { module: 'Leads', id: '57257670000-00524157' }, '/id', 'invalid format'],
  ['51 fields', { module: 'Leads', id: '1', fields: Array.from({ length: 51 }, (_, i) => `F${i}`) }, '/fields', 'must NOT have more than 50 items'],
  ['a field name with a space', { module: 'Leads', id: '1', fields: ['Last Name'] }, '/fields/0', 'invalid format'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const result = await run(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect((result.error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
