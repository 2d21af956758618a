// Metadata, users and org: what a connector reads to build forms and to know who connected.
import { startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 1 });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

test('modules: the standard modules, the custom module, and non-API modules', async () => {
  const res = await h.get('/crm/v8/settings/modules');
  const byName = new Map(res.json.modules.map((m: { api_name: string }) => [m.api_name, m]));
  for (const name of ['Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Events', 'Calls', 'Notes', 'Projects']) {
    expect(byName.get(name)).toMatchObject({ api_name: name, api_supported: true, id: expect.stringMatching(/^\d{19}$/) });
  }
  expect(byName.get('Projects')).toMatchObject({ generated_type: 'custom', module_name: 'CustomModule1' });
  expect(byName.get('Home')).toMatchObject({ api_supported: false });
  expect(res.json.modules[0]).not.toHaveProperty('fields');
  const one = await h.get('/crm/v8/settings/modules/Deals');
  expect(one.json.modules[0].fields.length).toBeGreaterThan(10);
});

test('fields: data types, mandatory, read-only, unique, picklists, lookups', async () => {
  const res = await h.get('/crm/v8/settings/fields?module=Leads');
  const f = new Map(res.json.fields.map((x: { api_name: string }) => [x.api_name, x]));
  expect(f.get('Last_Name')).toMatchObject({ data_type: 'text', system_mandatory: true, length: 80, read_only: false });
  expect(f.get('Email')).toMatchObject({ data_type: 'email', unique: { casesensitive: '0' } });
  expect(f.get('Created_Time')).toMatchObject({ data_type: 'datetime', read_only: true });
  const status = f.get('Lead_Status') as { pick_list_values: Array<{ actual_value: string }> };
  expect(status.pick_list_values.map((p) => p.actual_value)).toContain('Contacted');
  expect(f.get('Company')).toMatchObject({ convert_mapping: { Accounts: 'Account_Name' } });
  const contacts = await h.get('/crm/v8/settings/fields?module=contacts');
  const account = contacts.json.fields.find((x: { api_name: string }) => x.api_name === 'Account_Name');
  expect(account).toMatchObject({ data_type: 'lookup', lookup: { module: { api_name: 'Accounts' } } });
  const tasks = await h.get('/crm/v8/settings/fields?module=Tasks');
  const what = tasks.json.fields.find((x: { api_name: string }) => x.api_name === 'What_Id');
  expect(what.multi_module_lookup.modules.map((m: { api_name: string }) => m.api_name)).toEqual(['Accounts', 'Deals', 'Leads', 'Projects']);
  const one = await h.get(`/crm/v8/settings/fields/${account.id}?module=Contacts`);
  expect(one.json.fields[0].api_name).toBe('Account_Name');
});

test('users and org: the connected user is the demo user', async () => {
  const me = await h.get('/crm/v8/users?type=CurrentUser');
  expect(me.json.users).toHaveLength(1);
  expect(me.json.users[0]).toMatchObject({ id: h.sb.user.id, email: h.sb.user.email, full_name: h.sb.user.name, zuid: h.sb.user.zuid, status: 'active' });
  const active = await h.get('/crm/v8/users?type=ActiveUsers');
  expect(active.json.users.length).toBe(4);
  expect(active.json.info).toEqual({ per_page: 200, count: 4, page: 1, more_records: false });
  expect((await h.get('/crm/v8/users?type=Bogus')).json.code).toBe('INVALID_DATA');
  const org = await h.get('/crm/v8/org');
  expect(org.json.org[0]).toMatchObject({ zgid: h.sb.user.orgId, primary_email: h.sb.user.email, time_zone: 'Asia/Kolkata' });
});
