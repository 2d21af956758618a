// examples/flows/lead-lifecycle.yaml run end to end by the flow runner against the sandbox: create a lead, note
// it through custom-api-request, find it, convert it, read the contact back; and a conversion whose answer was
// lost stops the run without converting twice, then finishes on resume with the outcome the user checked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ZohoClient } from '../../connector/client-factory';
import { loadFlowFile, resumeFlow, runFlow, validateFlow, type LoadedFlow } from '../../runtime/flow';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

const FLOW_FILE = join(__dirname, '..', '..', 'examples', 'flows', 'lead-lifecycle.yaml');

type Rec = Record<string, unknown>;

let sb: SandboxHost;
let client: ZohoClient;
let flow: LoadedFlow;
let dir: string;

beforeAll(async () => {
  sb = await startSandboxHost();
  client = await sb.client();
  flow = await loadFlowFile(FLOW_FILE);
  dir = mkdtempSync(join(tmpdir(), 'flow-lead-lifecycle-'));
});
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

const isIdempotent = (id: string) => sb.host.action(id).idempotent;
const crmCalls = () => sb.requestsTo('*', /^\/crm\//);

test('the flow file is valid against the connector: its actions exist and every template resolves', () => {
  const plan = validateFlow(flow, sb.host, { lastName: 'Check', email: 'check@flow.example' });
  expect(plan.steps.map((s) => [s.id, s.action])).toEqual([
    ['create', 'create-record'],
    ['note', 'custom-api-request'],
    ['find', 'search-records'],
    ['convert', 'convert-lead'],
    ['contact', 'get-record'],
  ]);
  expect(plan.steps.find((s) => s.id === 'contact')!.dependsOn).toEqual(['convert']);
});

test('a lead is created, noted, found, converted, and its contact read back', async () => {
  const before = crmCalls().length;
  const result = await runFlow(flow, { executor: sb.host, connection: sb.nickname, inputs: { lastName: 'Lifecycle', email: 'lifecycle@flow.example' }, journalDir: dir, isIdempotent });
  expect(result.error).toBeUndefined();
  expect(result.status).toBe('succeeded');
  expect(result.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
  const [create, note, find, convert, contact] = result.steps.map((s) => s.output as Rec);

  const leadId = create!.id as string;
  expect(note).toMatchObject({ statusCode: 201, body: { data: [{ code: 'SUCCESS', status: 'success' }] } });
  expect(find).toMatchObject({ count: 1, records: [{ id: leadId, Last_Name: 'Lifecycle', First_Name: 'Ann', Email: 'lifecycle@flow.example', Company: 'Zylker' }] });
  expect(convert).toEqual({ status: 'converted', contactId: expect.stringMatching(/^\d+$/), accountId: expect.stringMatching(/^\d+$/), dealId: expect.stringMatching(/^\d+$/) });
  expect(contact).toMatchObject({ record: { id: convert!.contactId, Last_Name: 'Lifecycle', First_Name: 'Ann', Email: 'lifecycle@flow.example', Account_Name: { id: convert!.accountId } } });

  // One call per step, in order (no retries, no extra reads).
  const calls = crmCalls().slice(before).map((e) => `${e.method} ${e.url.split('?')[0]}`);
  expect(calls).toEqual([
    'POST /crm/v8/Leads',
    `POST /crm/v8/Leads/${leadId}/Notes`,
    'GET /crm/v8/Leads/search',
    `POST /crm/v8/Leads/${leadId}/actions/convert`,
    `GET /crm/v8/Contacts/${String(convert!.contactId)}`,
  ]);

  // What Zoho holds afterwards: the deal with the flow's defaults, and the note moved to the contact.
  const deal = await client.get<{ data: Rec[] }>(`/Deals/${String(convert!.dealId)}`, { fields: 'Deal_Name,Stage,Closing_Date,Contact_Name' });
  expect(deal!.data[0]).toMatchObject({ Deal_Name: 'Zylker - 50 seats', Stage: 'Qualification', Closing_Date: '2026-12-31', Contact_Name: { id: convert!.contactId } });
  const notes = await client.get<{ data: Rec[] }>(`/Contacts/${String(convert!.contactId)}/Notes`, { fields: 'Note_Title,Note_Content' });
  expect(notes!.data).toEqual([expect.objectContaining({ Note_Title: 'First contact', Note_Content: 'Met at the trade show; wants a quote for 50 seats.' })]);

});

test('a conversion whose answer was lost stops the run; the resume uses the checked outcome and converts nothing twice', async () => {
  const email = 'lost@flow.example';
  sb.sandbox.setFaults([{ method: 'POST', path: '/crm/v8/Leads/*/actions/convert', drop: 'after', times: 1 }]);
  const failed = await runFlow(flow, { executor: sb.host, connection: sb.nickname, inputs: { lastName: 'Lost', email }, journalDir: dir, isIdempotent, runId: 'lost-convert' });
  sb.sandbox.clearFaults();
  expect(failed.status).toBe('failed');
  expect(failed.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome', step: 'convert' });
  expect(failed.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'outcome-unknown', 'not-run']);

  // Resuming without a decision does not convert again.
  const convertsBefore = crmCalls().filter((e) => e.url.endsWith('/actions/convert')).length;
  const refused = await resumeFlow(flow, { executor: sb.host, journalDir: dir, isIdempotent, runId: 'lost-convert' });
  expect(refused.status).toBe('failed');
  expect(refused.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', step: 'convert' });
  expect(refused.error!.hint).toContain('--assume-done convert');
  expect(crmCalls().filter((e) => e.url.endsWith('/actions/convert')).length).toBe(convertsBefore);

  // The user checks in Zoho (the lead was converted: its contact exists) and resumes with that outcome.
  const found = await sb.run('search-records', { module: 'Contacts', email, fields: ['Email'] });
  expect(found).toMatchObject({ ok: true, output: { count: 1 } });
  const contactId = ((found as { output: { records: Rec[] } }).output.records[0]!.id as string);
  const resumed = await resumeFlow(flow, { executor: sb.host, journalDir: dir, isIdempotent, runId: 'lost-convert', assumeDone: { convert: { status: 'converted', contactId } } });
  expect(resumed.status).toBe('succeeded');
  expect(resumed.steps.at(-1)).toMatchObject({ status: 'succeeded', output: { record: { id: contactId, Email: email } } });
  expect(crmCalls().filter((e) => e.url.endsWith('/actions/convert')).length).toBe(convertsBefore);
  // The lead was created once.
  const leads = await client.get<{ data: Rec[] }>('/Leads/search', { email, converted: 'both' });
  expect(leads!.data).toHaveLength(1);
});

test('zcrm flow run runs the example file', async () => {
  const res = await sb.cli(['flow', 'run', FLOW_FILE, '--set', 'lastName=Cli', '--set', 'email=cli@flow.example', '--json']);
  expect(res.code).toBe(0);
  const printed = JSON.parse(res.stdout.trim().split('\n').at(-1)!) as { status: string; steps: { id: string; output: Rec }[] };
  expect(printed.status).toBe('succeeded');
  expect(printed.steps.at(-1)!.output).toMatchObject({ record: { Email: 'cli@flow.example' } });
});
