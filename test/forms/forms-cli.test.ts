// `zcrm form`, `zcrm modules` and `zcrm fields` through the real CLI (in-process, file credential store under
// ZCRM_HOME with one connection to the sandbox): outlines, JSON, JSON Forms, and exit codes of mistakes.
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import { cli, tempHome } from '../support/cli-io';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sh: SandboxHost;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  sh = await startSandboxHost();
  // Every CLI run opens the store afresh and may mint its own access token.
  sh.sandbox.setConfig({ accessTokensPer10Min: 1000 });
  const home = tempHome();
  const secret = 'forms-cli-test-secret';
  await new FileCredentialStore({ dir: home, secret }).put((await sh.store.get(sh.nickname))!);
  env = { ZCRM_HOME: home, ZCRM_SECRET: secret };
});
afterAll(() => sh.close());

async function ok(argv: string[]): Promise<string> {
  const run = await cli(argv, { env });
  if (run.code !== 0) throw new Error(`zcrm ${argv.join(' ')} exited ${run.code}: ${run.stderr}`);
  return run.stdout;
}

test('`zcrm form` prints an indented outline with live choices and the module fields', async () => {
  const out = await ok(['form', 'create-record', '--module', 'Leads']);
  expect(out).toMatch(/^Create a record \(create-record\)\n/);
  expect(out).toContain('Fields (* = required):\n  Module *  [select, live: modules]  /module\n');
  expect(out).toMatch(/ {6}choices: Leads, Contacts, Accounts, Deals, .*Meetings = Events/);
  expect(out).toContain('  Record *  [object, live: record-fields]  /record\n');
  expect(out).toContain('      Last Name *  [text]  /record/Last_Name\n          limits: at most 80 characters\n');
  expect(out).toMatch(/ {6}Lead Status {2}\[select\] {2}\/record\/Lead_Status\n {10}choices: .*Contacted/);
  expect(out).toContain('  Return the record  [checkbox]  /returnRecord');
});

test('`zcrm form --json` prints the description; --jsonforms a JSON Forms schema and UI schema', async () => {
  const form = JSON.parse(await ok(['form', 'update-record', '--values', '{"module":"Contacts"}', '--json']));
  expect(form).toMatchObject({ actionId: 'update-record', title: expect.any(String) });
  const record = form.fields.find((f: { name: string }) => f.name === 'record');
  expect(record.fields.find((f: { name: string }) => f.name === 'Account_Name')).toMatchObject({ path: '/record/Account_Name/id', note: 'record id of Accounts' });

  const jf = JSON.parse(await ok(['form', 'custom-api-request', '--jsonforms', '--json']));
  expect(jf.uischema.elements.find((e: { scope: string }) => e.scope === '#/properties/body')).toMatchObject({
    rule: { effect: 'SHOW', condition: { scope: '#/properties/method', schema: { enum: ['POST', 'PUT', 'DELETE'] } } },
  });
});

test('`zcrm modules` lists API-supported modules; `zcrm fields` a module fields with their traits', async () => {
  const modules = await ok(['modules']);
  expect(modules).toMatch(/^ {2}Leads {2,}Leads$/m);
  expect(modules).toMatch(/^ {2}Events {2,}Meetings$/m);
  expect(modules).not.toMatch(/Home|Reports/);
  expect(JSON.parse(await ok(['modules', '--json']))).toEqual(expect.arrayContaining([{ apiName: 'Leads', label: 'Leads', singularLabel: 'Lead' }]));

  const fields = await ok(['fields', 'Leads']);
  expect(fields).toMatch(/^Fields of Leads:\n {2}API name +type +flags +label\n/);
  expect(fields).toMatch(/^ {2}Last_Name +text\(80\) +mandatory +Last Name$/m);
  expect(fields).toMatch(/^ {2}Full_Name +text\(255\) +read-only +Lead Name$/m);
  expect(fields).toMatch(/^ {2}Salutation +picklist +- +Salutation: Mr\. \| Mrs\. \| Ms\. \| Dr\. \| Prof\.$/m);
  const contacts = JSON.parse(await ok(['fields', 'Contacts', '--json']));
  expect(contacts.find((f: { apiName: string }) => f.apiName === 'Account_Name')).toEqual({ apiName: 'Account_Name', label: 'Account Name', type: 'lookup', required: false, readOnly: false, maxLength: 120, lookupModule: 'Accounts' });
});

test.each([
  [['form', 'nope'], 2, /Unknown action "nope"/],
  [['form', 'create-record', '--values', '{"module":'], 2, /not valid JSON/],
  [['form', 'create-record', '--values', '[1]'], 2, /--values must be a JSON object/],
  [['fields', 'Nope'], 1, /INVALID_MODULE|module name given seems to be invalid/],
  [['modules', '--connection', 'ghost'], 3, /No connection named "ghost"/],
])('%j exits %i', async (argv, code, message) => {
  const run = await cli(argv, { env });
  expect(run.code).toBe(code);
  expect(run.stderr).toMatch(message);
});

test('with no connection, `zcrm form` still prints the form with notes; `zcrm modules` says how to connect', async () => {
  const empty = { ZCRM_HOME: tempHome(), ZCRM_SECRET: 'forms-cli-empty' };
  const form = await cli(['form', 'create-record'], { env: empty });
  expect(form.code).toBe(0);
  expect(form.stdout).toContain('  Module *  [text, live: modules]  /module\n');
  expect(form.stdout).toContain('note: No live choices: No Zoho CRM connection exists yet.');
  const modules = await cli(['modules'], { env: empty });
  expect(modules.code).toBe(3);
  expect(modules.stderr).toMatch(/No Zoho CRM connection exists yet[\s\S]*zcrm connect/);
});
