// Forms of the Zoho CRM connector's actions against the sandbox: the module dropdown, a record as the module's
// real fields (widgets by Zoho data type, picklists, mandatory marks on create only, owners from the users),
// field pickers, the cache (a second form makes no request), fallbacks when metadata cannot be read, and
// validation errors filed under the module's fields.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildConnection } from '../../connector/connection';
import { formFor, toJsonForms, validateForm, type FormDescription, type FormField } from '../../runtime/forms';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sh: SandboxHost;
beforeAll(async () => {
  sh = await startSandboxHost();
});
afterAll(() => sh.close());

function field(fields: readonly FormField[] | undefined, name: string): FormField {
  const found = fields?.find((f) => f.name === name);
  if (!found) throw new Error(`no field ${name} among ${fields?.map((f) => f.name).join(', ')}`);
  return found;
}

/** A connection to the sandbox whose token has only `scopes` (Zoho's self-client flow). */
async function narrowConnection(nickname: string, scopes: string[]): Promise<void> {
  const code = sh.sandbox.selfClientCode(scopes);
  const res = await fetch(`${sh.sandbox.accountsUrl}/oauth/v2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: sh.sandbox.clientId, client_secret: sh.sandbox.clientSecret }),
  });
  const body = (await res.json()) as { refresh_token?: string };
  if (!body.refresh_token) throw new Error('the sandbox gave no refresh token');
  const settings = { region: 'us', accountsUrl: sh.sandbox.accountsUrl, apiDomain: sh.sandbox.apiDomain, clientId: sh.sandbox.clientId, scopes, method: 'self-client' as const };
  await sh.store.put(buildConnection('zoho-crm', nickname, settings, { clientSecret: sh.sandbox.clientSecret, refreshToken: body.refresh_token }, new Date()));
}

test('the module dropdown lists the modules the API supports, by plural label', async () => {
  const form = await formFor(sh.host, 'create-record');
  const module = field(form.fields, 'module');
  expect(module).toMatchObject({ widget: 'select', required: true, optionsSource: { source: 'modules', dependsOn: [] } });
  expect(module.options).toEqual(expect.arrayContaining([{ value: 'Leads', label: 'Leads' }, { value: 'Events', label: 'Meetings' }, { value: 'Projects', label: 'Projects' }]));
  expect(module.options!.map((o) => o.value)).not.toEqual(expect.arrayContaining(['Home'])); // not api_supported
  // The record waits for the module.
  expect(field(form.fields, 'record')).toMatchObject({ widget: 'json', note: 'Choose Module first: the choices depend on it. Enter it as JSON instead.' });
});

describe('a record of Leads in create-record', () => {
  let record: FormField;
  beforeAll(async () => {
    record = field((await formFor(sh.host, 'create-record', { values: { module: 'Leads' } })).fields, 'record');
  });

  test('is the module writable fields, mandatory first', () => {
    expect(record.widget).toBe('object');
    expect(record.note).toBeUndefined();
    expect(record.fields![0]).toEqual({ path: '/record/Last_Name', name: 'Last_Name', label: 'Last Name', widget: 'text', required: true, constraints: { maxLength: 80 } });
    expect(record.fields!.filter((f) => f.required).map((f) => f.name)).toEqual(['Last_Name']);
    const names = record.fields!.map((f) => f.name);
    expect(names).not.toContain('Full_Name'); // read-only
    expect(names).not.toContain('Created_Time');
  });

  test.each([
    ['Company', 'text'],
    ['Email', 'text'],
    ['Phone', 'text'],
    ['Website', 'text'],
    ['Description', 'textarea'],
    ['Lead_Status', 'select'],
    ['No_of_Employees', 'integer'],
    ['Annual_Revenue', 'number'],
    ['Email_Opt_Out', 'checkbox'],
    ['Owner', 'select'],
  ])('%s is a %s', (name, widget) => {
    expect(field(record.fields, name).widget).toBe(widget);
  });

  test('picklists offer their values without -None-; the owner is chosen among active users by id', () => {
    const status = field(record.fields, 'Lead_Status');
    expect(status.options).toEqual(expect.arrayContaining([{ value: 'Contacted', label: 'Contacted' }]));
    expect(status.options!.map((o) => o.value)).not.toContain('-None-');
    const owner = field(record.fields, 'Owner');
    expect(owner.path).toBe('/record/Owner/id');
    expect(owner.options).toEqual(expect.arrayContaining([{ value: sh.sandbox.user.id, label: `${sh.sandbox.user.name} <${sh.sandbox.user.email}>` }]));
  });
});

test('lookups ask for a record id of their module; dates and mandatory picklists keep their kind', async () => {
  const record = field((await formFor(sh.host, 'create-record', { values: { module: 'Deals' } })).fields, 'record');
  expect(field(record.fields, 'Account_Name')).toMatchObject({ path: '/record/Account_Name/id', widget: 'text', note: 'record id of Accounts' });
  expect(field(record.fields, 'Closing_Date')).toMatchObject({ widget: 'date', required: true });
  expect(field(record.fields, 'Stage')).toMatchObject({ widget: 'select', required: true });
  expect(record.fields!.filter((f) => f.required).map((f) => f.name).sort()).toEqual(['Closing_Date', 'Deal_Name', 'Stage']);
});

test('updates mark no field mandatory; bulk update items get the fields beside their id', async () => {
  const update = field((await formFor(sh.host, 'update-record', { values: { module: 'Leads' } })).fields, 'record');
  expect(field(update.fields, 'Last_Name').required).toBe(false);

  const items = field((await formFor(sh.host, 'update-records', { values: { module: 'Leads' } })).fields, 'records').items!;
  expect(items.fields![0]).toMatchObject({ path: '/records/-/id', name: 'id', required: true });
  expect(field(items.fields, 'Last_Name')).toMatchObject({ path: '/records/-/Last_Name', required: false });
});

test('field pickers list the module fields by label and API name', async () => {
  const fields = field((await formFor(sh.host, 'get-record', { values: { module: 'Contacts' } })).fields, 'fields');
  expect(fields.widget).toBe('multi-select');
  expect(fields.options).toEqual(expect.arrayContaining([{ value: 'Last_Name', label: 'Last Name (Last_Name)' }, { value: 'Account_Name', label: 'Account Name (Account_Name)' }]));
});

test('a second form within the TTL makes no request to Zoho', async () => {
  await formFor(sh.host, 'create-record', { values: { module: 'Calls' } });
  sh.sandbox.resetStats();
  const again = await formFor(sh.host, 'create-record', { values: { module: 'Calls' } });
  expect(field(field(again.fields, 'record').fields, 'Call_Type').required).toBe(true);
  expect(sh.sandbox.stats().requests).toBe(0);
});

test('a token without the settings scope falls back to plain widgets with a note, never an error', async () => {
  await narrowConnection('narrow', ['ZohoCRM.modules.ALL']);
  const form = await formFor(sh.host, 'create-record', { connection: 'narrow', values: { module: 'Leads' } });
  const module = field(form.fields, 'module');
  expect(module.widget).toBe('text');
  expect(module.note).toMatch(/^Could not load the choices from connection "narrow": .*\(OAUTH_SCOPE_MISMATCH\) Type the value instead\.$/);
  const record = field(form.fields, 'record');
  expect(record.widget).toBe('json');
  expect(record.note).toMatch(/OAUTH_SCOPE_MISMATCH\) Enter it as JSON instead\.$/);
  const stored = await sh.store.get('narrow');
  expect(JSON.stringify(form)).not.toContain(stored!.secrets.refreshToken);
});

test('without the users scope only the owner falls back to a user id', async () => {
  await narrowConnection('nousers', ['ZohoCRM.modules.ALL', 'ZohoCRM.settings.ALL']);
  const record = field((await formFor(sh.host, 'create-record', { connection: 'nousers', values: { module: 'Leads' } })).fields, 'record');
  expect(record.widget).toBe('object');
  expect(field(record.fields, 'Lead_Status').widget).toBe('select');
  expect(field(record.fields, 'Owner')).toMatchObject({ path: '/record/Owner/id', widget: 'text', note: expect.stringMatching(/^user id \(the user list is unavailable: /) });
});

describe('validation of a Leads form', () => {
  let form: FormDescription;
  beforeAll(async () => {
    form = await formFor(sh.host, 'create-record', { connection: sh.nickname, values: { module: 'Leads' } });
  });

  test('maps schema issues and the module mandatory fields onto their fields', () => {
    const result = validateForm(sh.host, 'create-record', { module: 'Leads', record: { Email: 'x@y.example' }, trigger: ['never'] }, form);
    expect(result).toEqual({
      ok: false,
      errors: {
        '/record/Last_Name': ['is required'],
        '/trigger': [expect.stringMatching(/^item 1: must be one of: "workflow", "approval", "blueprint"/)],
      },
    });
    expect(validateForm(sh.host, 'create-record', { module: 'Leads', record: { Last_Name: 'Smith' } }, form)).toEqual({ ok: true, errors: {} });
  });

  test('without the form, only the schema speaks', () => {
    expect(validateForm(sh.host, 'create-record', { module: 'Le ads' }).errors).toEqual({
      '/module': [expect.stringMatching(/^has an invalid format/)],
      '/record': ['is required'],
    });
  });

  test('the JSON Forms schema of a live form compiles and carries the live choices', () => {
    const { schema } = toJsonForms(form);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate({ module: 'Leads', record: { Last_Name: 'Smith', Lead_Status: 'Contacted', Owner: { id: sh.sandbox.user.id } } })).toBe(true);
    expect(validate({ module: 'Leads', record: { Last_Name: 'Smith', Lead_Status: 'Bored' } })).toBe(false);
    expect(validate({ module: 'Nope', record: { Last_Name: 'Smith' } })).toBe(false);
  });
});
