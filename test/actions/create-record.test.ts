// create-record against the sandbox: the receipt, returnRecord, triggers, Zoho's errors with hints, input
// validation, and a write whose answer is lost ending as OUTCOME_UNKNOWN after exactly one send.
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sh: SandboxHost;
beforeAll(async () => {
  sh = await startSandboxHost();
});
afterAll(() => sh.close());
afterEach(() => sh.sandbox.clearFaults());

const run = (input: unknown) => sh.run('create-record', input);
const leadPosts = () => sh.requestsTo('POST', /^\/crm\/v8\/Leads(\?|$)/);

test('creates a lead and returns its id and audit fields', async () => {
  const result = await run({ module: 'Leads', record: { Last_Name: 'Okafor', Company: 'Zylker', Email: 'okafor@zylker.example' } });
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  const out = result.output as Record<string, any>;
  expect(out.id).toMatch(/^\d{10,19}$/);
  expect(out.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
  expect(out.modifiedTime).toBe(out.createdTime);
  expect(out.createdBy).toEqual({ id: sh.sandbox.user.id, name: sh.sandbox.user.name });
  expect(out.modifiedBy).toEqual(out.createdBy);
  expect(out.record).toBeUndefined();

  const read = await sh.run('get-record', { module: 'Leads', id: out.id, fields: ['Last_Name', 'Email'] });
  expect(read.ok && (read.output as any).record).toEqual({ id: out.id, Last_Name: 'Okafor', Email: 'okafor@zylker.example' });
});

test('returnRecord reads the new record back, with the values Zoho filled in', async () => {
  const result = await run({ module: 'Leads', record: { First_Name: 'Ada', Last_Name: 'Lovelace' }, returnRecord: true });
  expect(result.ok).toBe(true);
  const out = (result as { output: Record<string, any> }).output;
  expect(out.record.id).toBe(out.id);
  expect(out.record.Full_Name).toBe('Ada Lovelace');
  expect(out.record.Owner.id).toBe(sh.sandbox.user.id);
});

test('works on a custom module', async () => {
  const result = await run({ module: 'Projects', record: { Name: 'Apollo', Project_Code: 'AP-1', Status: 'In Progress' }, returnRecord: true });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  expect((result.output as any).record).toMatchObject({ Name: 'Apollo', Project_Code: 'AP-1' });
});

test.each([
  [undefined, undefined],
  [[], []],
  [['workflow', 'blueprint'], ['workflow', 'blueprint']],
])('trigger %j is sent as %j', async (trigger, sent) => {
  await sh.clearRequests();
  const result = await run({ module: 'Leads', record: { Last_Name: 'Trigger' }, ...(trigger ? { trigger } : {}) });
  expect(result.ok).toBe(true);
  const [post] = leadPosts();
  const body = JSON.parse(post!.body!) as { data: unknown[]; trigger?: string[] };
  expect(body.data).toEqual([{ Last_Name: 'Trigger' }]);
  expect(body.trigger).toEqual(sent);
});

describe('Zoho errors surface typed, with hints', () => {
  test('MANDATORY_NOT_FOUND names the missing field', async () => {
    const result = await run({ module: 'Leads', record: { Company: 'Zylker' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'MANDATORY_NOT_FOUND', category: 'remote', httpStatus: 400, details: { api_name: 'Last_Name' } });
    expect(result.error.hint).toMatch(/Last_Name is mandatory/);
  });

  test('DUPLICATE_DATA names the unique field and the existing record', async () => {
    const first = await run({ module: 'Leads', record: { Last_Name: 'Dup', Email: 'dup@zylker.example' } });
    const existingId = first.ok ? (first.output as any).id : undefined;
    const result = await run({ module: 'Leads', record: { Last_Name: 'Dup 2', Email: 'dup@zylker.example' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('DUPLICATE_DATA');
    expect(result.error.hint).toContain('Email must be unique');
    expect(result.error.hint).toContain(existingId);
  });

  test('INVALID_DATA says what Zoho expects', async () => {
    const result = await run({ module: 'Leads', record: { Last_Name: 'Bad', Email: 'not an email' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Email', expected_data_type: 'email' } });
    expect(result.error.hint).toMatch(/Email is not valid; Zoho expects email/);
  });

  test('INVALID_MODULE explains module API names', async () => {
    const result = await run({ module: 'Leadz', record: { Last_Name: 'X' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_MODULE');
    expect(result.error.hint).toMatch(/case-sensitive/);
  });

  test('INTERNAL_ERROR on a create is not resent (a 500 does not say whether it was applied)', async () => {
    sh.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads', respond: 500, times: 1 }]);
    await sh.clearRequests();
    const result = await run({ module: 'Leads', record: { Last_Name: 'Five Hundred' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'INTERNAL_ERROR', httpStatus: 500 });
    expect(result.error.hint).toMatch(/internal error/);
    expect(leadPosts()).toHaveLength(1);
  });

  test('a 429 (Zoho did not act) is retried and the record is created once', async () => {
    sh.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads', respond: 429, times: 1 }]);
    await sh.clearRequests();
    const result = await run({ module: 'Leads', record: { Last_Name: 'Throttled' } });
    expect(result.ok).toBe(true);
    expect(leadPosts().map((c) => c.status)).toEqual([429, 201]);
  });
});

test('an answer lost after sending ends as OUTCOME_UNKNOWN, sent exactly once, and the record exists once', async () => {
  sh.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads', drop: 'after', times: 1 }]);
  await sh.clearRequests();
  const result = await run({ module: 'Leads', record: { Last_Name: 'Lost', Email: 'lost@zylker.example' } });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' });
  expect(result.error.hint).toMatch(/Search Leads for the record/);
  expect(leadPosts()).toHaveLength(1);
  const search = await sh.run('list-records', { module: 'Leads', fields: ['Email'], limit: 1000 });
  const matches = (search.ok ? (search.output as any).records : []).filter((r: any) => r.Email === 'lost@zylker.example');
  expect(matches).toHaveLength(1);
});

test('returnRecord: when the read-back fails, the created record is still reported, with the read error', async () => {
  sh.sandbox.setFaults([{ method: 'GET', path: '/crm/v8/Leads/*', respond: 500, times: 4 }]);
  const result = await run({ module: 'Leads', record: { Last_Name: 'Unread' }, returnRecord: true });
  expect(result.ok).toBe(true);
  const out = (result as { output: Record<string, any> }).output;
  expect(out.id).toMatch(/^\d+$/);
  expect(out.record).toBeUndefined();
  expect(out.recordError).toMatchObject({ code: 'INTERNAL_ERROR' });
});

test.each([
  ['no record', { module: 'Leads' }, '/record', 'is required'],
  ['no module', { record: { Last_Name: 'X' } }, '/module', 'is required'],
  ['a module name with a space', { module: 'Le ads', record: { Last_Name: 'X' } }, '/module', 'invalid format'],
  ['a record that is an array', { module: 'Leads', record: ['Last_Name'] }, '/record', 'must be object'],
  ['an unknown trigger', { module: 'Leads', record: { Last_Name: 'X' }, trigger: ['pathfinder-x'] }, '/trigger/0', 'must be one of'],
  ['returnRecord as text', { module: 'Leads', record: { Last_Name: 'X' }, returnRecord: 'yes' }, '/returnRecord', 'must be boolean'],
  ['an unknown input', { module: 'Leads', record: { Last_Name: 'X' }, duplicateCheck: true }, '/duplicateCheck', 'not a known property'],
])('invalid input (%s) fails at its path before any call', async (_label, input, path, message) => {
  await sh.clearRequests();
  const result = await run(input);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('VALIDATION_FAILED');
  expect(result.error.category).toBe('input');
  const issues = (result.error.details as { issues: { path: string; message: string }[] }).issues;
  expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
  expect(sh.requestsTo('*', /^\/crm\//)).toHaveLength(0);
});
