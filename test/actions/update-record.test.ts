// update-record against the sandbox: the change lands, the receipt names who changed it when, triggers go
// in the body, Zoho's errors come back typed with hints, and input is validated.
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sh: SandboxHost;
let leadId: string;
beforeAll(async () => {
  sh = await startSandboxHost();
  leadId = (await sh.ok<{ id: string }>('create-record', { module: 'Leads', record: { Last_Name: 'Turing', Company: 'Bletchley', Email: 'alan@bletchley.example' } })).id;
});
afterAll(() => sh.close());

const run = (input: unknown) => sh.run('update-record', input);

test('changes the given fields, keeps the others, and returns who changed it when', async () => {
  sh.sandbox.advanceClock(90_000);
  await sh.clearRequests();
  const result = await run({ module: 'Leads', id: leadId, record: { Lead_Status: 'Contacted', Phone: '+44 20 7946 0000' }, trigger: [] });
  expect(result.ok).toBe(true);
  const out = (result as { output: Record<string, any> }).output;
  expect(Object.keys(out).sort()).toEqual(['id', 'modifiedBy', 'modifiedTime']);
  expect(out.id).toBe(leadId);
  expect(out.modifiedBy).toEqual({ id: sh.sandbox.user.id, name: sh.sandbox.user.name });

  const read = await sh.run('get-record', { module: 'Leads', id: leadId, fields: ['Lead_Status', 'Phone', 'Company', 'Modified_Time', 'Created_Time'] });
  const record = (read as { output: { record: Record<string, any> } }).output.record;
  expect(record).toMatchObject({ Lead_Status: 'Contacted', Phone: '+44 20 7946 0000', Company: 'Bletchley', Modified_Time: out.modifiedTime });
  expect(Date.parse(record.Modified_Time)).toBeGreaterThan(Date.parse(record.Created_Time));

  const [put] = sh.requestsTo('PUT');
  expect(put!.url).toBe(`/crm/v8/Leads/${leadId}`);
  expect(JSON.parse(put!.body!)).toEqual({ data: [{ Lead_Status: 'Contacted', Phone: '+44 20 7946 0000' }], trigger: [] });
});

test('null empties a field', async () => {
  expect((await run({ module: 'Leads', id: leadId, record: { Phone: null } })).ok).toBe(true);
  const read = await sh.run('get-record', { module: 'Leads', id: leadId, fields: ['Phone'] });
  expect((read as { output: { record: Record<string, unknown> } }).output.record.Phone).toBeNull();
});

describe('Zoho errors surface typed, with hints', () => {
  test('an id that names no record', async () => {
    const result = await run({ module: 'Leads', id: '4876876000009999999', record: { Phone: '1' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'INVALID_DATA', httpStatus: 400, details: { api_name: 'id' } });
    expect(result.error.hint).toMatch(/id/);
  });

  test('a value of the wrong type', async () => {
    const result = await run({ module: 'Leads', id: leadId, record: { No_of_Employees: 'many' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'No_of_Employees', expected_data_type: 'integer' } });
    expect(result.error.hint).toMatch(/No_of_Employees is not valid; Zoho expects integer/);
  });

  test('a picklist value that does not exist lists the allowed ones', async () => {
    const result = await run({ module: 'Leads', id: leadId, record: { Lead_Status: 'Maybe' } });
    expect(!result.ok && result.error.hint).toMatch(/Lead_Status is not valid; one of: .*Contacted/);
  });

  test('a unique value another record has', async () => {
    const other = await sh.run('create-record', { module: 'Leads', record: { Last_Name: 'Other', Email: 'taken@zylker.example' } });
    expect(other.ok).toBe(true);
    const result = await run({ module: 'Leads', id: leadId, record: { Email: 'taken@zylker.example' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('DUPLICATE_DATA');
    expect(result.error.hint).toContain((other as { output: { id: string } }).output.id);
  });

  test('INVALID_MODULE', async () => {
    const result = await run({ module: 'Leadz', id: leadId, record: { Phone: '1' } });
    expect(!result.ok && result.error.code).toBe('INVALID_MODULE');
  });
});

test.each([
  ['no record', { module: 'Leads', id: '1' }, '/record', 'is required'],
  ['no id', { module: 'Leads', record: { Phone: '1' } }, '/id', 'is required'],
  ['a numeric id', { module: 'Leads', id: 1, record: { Phone: '1' } }, '/id', 'must be string'],
  ['a record that is a string', { module: 'Leads', id: '1', record: 'Phone=1' }, '/record', 'must be object'],
  ['an unknown trigger', { module: 'Leads', id: '1', record: {}, trigger: ['cadences'] }, '/trigger/0', 'must be one of'],
])('invalid input (%s) fails at its path', async (_label, input, path, message) => {
  const result = await run(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect((result.error.details as { issues: unknown[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
});
