// convert-lead against the sandbox: the records a lead becomes, Zoho's refusals as typed errors with hints,
// input checks, and a conversion whose answer was lost never sent twice.
import type { ZohoClient } from '../../connector/client-factory';
import type { ErrorInfo } from '../../runtime/errors';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sb: SandboxHost;
let client: ZohoClient;
let serial = 0;

beforeAll(async () => {
  sb = await startSandboxHost();
  client = await sb.client();
});
afterAll(() => sb.close());

type Rec = Record<string, unknown>;

async function newLead(fields: Rec = {}): Promise<string> {
  serial += 1;
  const record = { Last_Name: `Convert${serial}`, First_Name: 'Ann', Company: `Convert Co ${serial}`, Email: `convert${serial}@lead.example`, ...fields };
  return sb.createRecord('/Leads', record);
}

async function read(module: string, id: string, fields: string): Promise<Rec> {
  const body = await client.get<{ data: Rec[] }>(`/${module}/${id}`, { fields });
  return body!.data[0]!;
}

const ok = (input: unknown) => sb.ok<{ status: string; contactId?: string; accountId?: string; dealId?: string }>('convert-lead', input);
const failure = (input: unknown) => sb.failure('convert-lead', input);
const converts = () => sb.requestsTo('POST', /\/actions\/convert$/);

test('a lead becomes a contact and an account; with a deal, a deal linked to both', async () => {
  const leadId = await newLead();
  const out = await ok({ id: leadId, deal: { Deal_Name: 'Big one', Stage: 'Qualification', Closing_Date: '2026-12-31', Amount: 50000, Pipeline: 'Standard (Standard)' }, notifyLeadOwner: false, notifyNewEntityOwner: false });
  expect(out).toEqual({ status: 'converted', contactId: expect.stringMatching(/^\d+$/), accountId: expect.stringMatching(/^\d+$/), dealId: expect.stringMatching(/^\d+$/) });

  const contact = await read('Contacts', out.contactId!, 'Last_Name,Email,Account_Name');
  expect(contact).toMatchObject({ Last_Name: `Convert${serial}`, Email: `convert${serial}@lead.example`, Account_Name: { id: out.accountId } });
  expect(await read('Accounts', out.accountId!, 'Account_Name')).toMatchObject({ Account_Name: `Convert Co ${serial}` });
  expect(await read('Deals', out.dealId!, 'Deal_Name,Amount,Stage,Contact_Name,Account_Name')).toMatchObject({ Deal_Name: 'Big one', Amount: 50000, Stage: 'Qualification', Contact_Name: { id: out.contactId }, Account_Name: { id: out.accountId } });

  const sent = JSON.parse(converts().at(-1)!.body!) as { data: Rec[] };
  expect(sent.data[0]).toEqual({ notify_lead_owner: false, notify_new_entity_owner: false, Deals: { Deal_Name: 'Big one', Stage: 'Qualification', Closing_Date: '2026-12-31', Amount: 50000, Pipeline: 'Standard (Standard)' } });
});

test('without a deal there is no dealId; without a Company there is no account', async () => {
  const out = await ok({ id: await newLead({ Company: null }) });
  expect(out.status).toBe('converted');
  expect(out.contactId).toMatch(/^\d+$/);
  expect(out).not.toHaveProperty('dealId');
  expect(out).not.toHaveProperty('accountId');
});

test('into an existing account and contact, assigned to another user', async () => {
  const accountId = await sb.createRecord('/Accounts', { Account_Name: 'Existing Account Ltd' });
  const contactId = await sb.createRecord('/Contacts', { Last_Name: 'Existing', Email: 'existing@contact.example' });
  const users = await client.get<{ users: { id: string; status: string; email: string }[] }>('/users', { type: 'AllUsers' });
  const other = users!.users.find((u) => u.status === 'active' && u.id !== sb.sandbox.user.id)!;

  const out = await ok({ id: await newLead(), account: accountId, contact: contactId, assignTo: other.id, overwrite: true });
  expect(out).toEqual({ status: 'converted', contactId, accountId });
  const sent = JSON.parse(converts().at(-1)!.body!) as { data: Rec[] };
  expect(sent.data[0]).toEqual({ overwrite: true, assign_to: { id: other.id }, Accounts: { id: accountId }, Contacts: { id: contactId } });
});

describe("Zoho's refusals, typed with hints", () => {
  test('a token without the scope to convert: OAUTH_SCOPE_MISMATCH (category auth) naming the scope', async () => {
    await sb.narrowConnection('read-only', ['ZohoCRM.modules.leads.READ']);
    const result = await sb.run('convert-lead', { id: await newLead() }, { connection: 'read-only' });
    expect(result).toMatchObject({ ok: false, error: { code: 'OAUTH_SCOPE_MISMATCH', category: 'auth', httpStatus: 401 } });
    expect((result as { error: ErrorInfo }).error.hint).toContain('ZohoCRM.modules.leads.CREATE');
  });

  test('converting twice: ID_ALREADY_CONVERTED, with a hint naming the lead', async () => {
    const leadId = await newLead();
    await ok({ id: leadId });
    const error = await failure({ id: leadId });
    expect(error).toMatchObject({ code: 'ID_ALREADY_CONVERTED', category: 'remote', httpStatus: 400, retryable: false, details: { resource_path_index: 1 } });
    expect(error.hint).toContain(`Lead ${leadId} was converted before`);
    expect(error.hint).toContain('search-records');
  });

  test('an unknown lead: INVALID_DATA', async () => {
    const error = await failure({ id: '4876876000009999999' });
    expect(error).toMatchObject({ code: 'INVALID_DATA', category: 'remote', httpStatus: 400 });
    expect(error.hint).toMatch(/record id/);
  });

  test('a Stage outside the Pipeline: MAPPING_MISMATCH, and nothing is converted', async () => {
    const leadId = await newLead();
    const error = await failure({ id: leadId, deal: { Deal_Name: 'Renewal', Stage: 'Needs Analysis', Closing_Date: '2026-06-30', Pipeline: 'Renewals (Standard)' } });
    expect(error).toMatchObject({ code: 'MAPPING_MISMATCH', category: 'remote' });
    expect(error.hint).toMatch(/Stage|Pipeline/);
    expect((await ok({ id: leadId })).status).toBe('converted');
  });

  test('a deactivated user as owner: INVALID_DATA naming assign_to', async () => {
    const users = await client.get<{ users: { id: string; status: string }[] }>('/users', { type: 'AllUsers' });
    const disabled = users!.users.find((u) => u.status !== 'active')!;
    const error = await failure({ id: await newLead(), assignTo: disabled.id });
    expect(error).toMatchObject({ code: 'INVALID_DATA', category: 'remote' });
    expect(JSON.stringify(error.details)).toContain('assign_to');
  });
});

describe('input checks (nothing sent)', () => {
  test.each([
    [{}, '/id', 'is required'],
    [{ id: 4876876000001000054 }, '/id', 'must be string'],
    [{ id: 'abc' }, '/id', 'invalid format'],
    [{ id: '4876876000001000054', deal: { Deal_Name: 'x', Closing_Date: '2026-01-01' } }, '/deal/Stage', 'is required'],
    [{ id: '4876876000001000054', deal: { Deal_Name: 'x', Stage: 'Qualification', Closing_Date: '31/12/2026' } }, '/deal/Closing_Date', 'must match format'],
    [{ id: '4876876000001000054', overwrite: 'yes' }, '/overwrite', 'must be boolean'],
    [{ id: '4876876000001000054', assign_to: '1' }, '/assign_to', 'not a known property'],
  ])('%j fails at %s', async (input, path, message) => {
    const before = converts().length;
    const error = await failure(input);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as { issues: { path: string; message: string }[] }).issues).toContainEqual({ path, message: expect.stringContaining(message) });
    expect(converts().length).toBe(before);
  });
});

describe('not idempotent', () => {
  test('an answer lost after Zoho converted: OUTCOME_UNKNOWN (exit 4), sent exactly once, and the lead is converted', async () => {
    const leadId = await newLead();
    sb.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads/*/actions/convert', drop: 'after', times: 1 }]);
    const before = converts().length;
    const error = await failure({ id: leadId });
    sb.sandbox.clearFaults();
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' });
    expect(error.hint).toContain(`Open lead ${leadId}`);
    expect(converts().length - before).toBe(1);
    expect((await failure({ id: leadId })).code).toBe('ID_ALREADY_CONVERTED');
  });

  test('429 means Zoho did not act, so the conversion is tried again and succeeds', async () => {
    const leadId = await newLead();
    sb.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads/*/actions/convert', respond: 429, times: 1 }]);
    const out = await ok({ id: leadId });
    sb.sandbox.clearFaults();
    expect(out.status).toBe('converted');
    expect(converts().slice(-2).map((e) => e.status)).toEqual([429, 200]);
  });
});

describe('the CLI', () => {
  test('zcrm run convert-lead prints the new ids', async () => {
    const leadId = await newLead();
    const res = await sb.cli(['run', 'convert-lead', '--input', JSON.stringify({ id: leadId, deal: { Deal_Name: 'CLI deal', Stage: 'Qualification', Closing_Date: '2026-12-31' } }), '--json']);
    expect(res.code).toBe(0);
    const printed = JSON.parse(res.stdout) as { ok: boolean; output: Rec };
    expect(printed).toMatchObject({ ok: true, output: { status: 'converted', contactId: expect.stringMatching(/^\d+$/), accountId: expect.stringMatching(/^\d+$/), dealId: expect.stringMatching(/^\d+$/) } });
  });

  test('exit codes: 2 for bad input (with the path), 1 for ID_ALREADY_CONVERTED, 4 for an unknown outcome', async () => {
    const bad = await sb.cli(['run', 'convert-lead', '--input', JSON.stringify({ id: 'x1' })]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/id');

    const leadId = await newLead();
    await ok({ id: leadId });
    const again = await sb.cli(['run', 'convert-lead', '--input', JSON.stringify({ id: leadId })]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ID_ALREADY_CONVERTED');
    expect(again.stderr).toContain('hint:');

    sb.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads/*/actions/convert', drop: 'after', times: 1 }]);
    const lost = await sb.cli(['run', 'convert-lead', '--input', JSON.stringify({ id: await newLead() })]);
    sb.sandbox.clearFaults();
    expect(lost.code).toBe(4);
  });
});
