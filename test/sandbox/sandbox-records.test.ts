// Records CRUD and bulk writes: per-record results in input order, 201/200/207/400, validation, audit fields.
import { startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 7 });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

const ID = /^\d{19}$/;

describe('create', () => {
  test('creates records in input order with 19-digit ids and Zoho audit details', async () => {
    const res = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Alpha', Company: 'A Inc' }, { Last_Name: 'Beta', First_Name: 'Bo' }] } });
    expect(res.status).toBe(201);
    expect(res.json.data).toHaveLength(2);
    for (const item of res.json.data) {
      expect(item).toMatchObject({ code: 'SUCCESS', message: 'record added', status: 'success' });
      expect(item.details.id).toMatch(ID);
      expect(item.details.Created_Time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(item.details.Created_By).toEqual({ name: h.sb.user.name, id: h.sb.user.id });
      expect(item.details.$approval_state).toBe('approved');
    }
    expect(res.json.data[0].details.id < res.json.data[1].details.id).toBe(true);
    const got = await h.get(`/crm/v8/Leads/${res.json.data[1].details.id}`);
    expect(got.status).toBe(200);
    expect(got.json.data[0]).toMatchObject({ Last_Name: 'Beta', First_Name: 'Bo', Full_Name: 'Bo Beta', Owner: { id: h.sb.user.id, name: h.sb.user.name, email: h.sb.user.email } });
  });

  test('mixed results answer 207 with each error at its index', async () => {
    const res = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Company: 'No name' }, { Last_Name: 'Ok' }, { Last_Name: 'Bad', No_of_Employees: 'many' }] } });
    expect(res.status).toBe(207);
    expect(res.json.data[0]).toEqual({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' }, message: 'required field not found', status: 'error' });
    expect(res.json.data[1].code).toBe('SUCCESS');
    expect(res.json.data[2]).toEqual({ code: 'INVALID_DATA', details: { expected_data_type: 'integer', api_name: 'No_of_Employees', json_path: '$.data[2].No_of_Employees' }, message: 'invalid data', status: 'error' });
  });

  test('all failed answers 400 with the errors wrapped in data[]', async () => {
    const res = await h.call('POST', '/crm/v8/Deals', { body: { data: [{ Deal_Name: 'x', Stage: 'Nope', Closing_Date: '2025-01-01' }] } });
    expect(res.status).toBe(400);
    expect(res.json.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Stage', json_path: '$.data[0].Stage' }, status: 'error' });
    expect(res.json.data[0].details.supported_values).toContain('Qualification');
  });

  test('unique fields give DUPLICATE_DATA naming the existing record', async () => {
    const first = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Uniq', Email: 'dup@example.com' }] } });
    const res = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Uniq2', Email: 'DUP@example.com' }] } });
    expect(res.status).toBe(400);
    expect(res.json.data[0]).toMatchObject({
      code: 'DUPLICATE_DATA',
      message: 'duplicate data',
      details: { api_name: 'Email', json_path: '$.data[0].Email', duplicate_record: { id: first.json.data[0].details.id, module: { api_name: 'Leads' } } },
    });
  });

  test('lookups must point to existing records and are stored as {name, id}', async () => {
    const accounts = await h.get('/crm/v8/Accounts?fields=Account_Name&per_page=1');
    const account = accounts.json.data[0];
    const ok = await h.call('POST', '/crm/v8/Contacts', { body: { data: [{ Last_Name: 'Linked', Account_Name: { id: account.id } }] } });
    expect(ok.status).toBe(201);
    const got = await h.get(`/crm/v8/Contacts/${ok.json.data[0].details.id}?fields=Account_Name`);
    expect(got.json.data[0].Account_Name).toEqual({ name: account.Account_Name, id: account.id });
    const bad = await h.call('POST', '/crm/v8/Contacts', { body: { data: [{ Last_Name: 'Linked', Account_Name: { id: '4876876000009999999' } }] } });
    expect(bad.status).toBe(400);
    expect(bad.json.data[0]).toMatchObject({ code: 'INVALID_DATA', details: { api_name: 'Account_Name', json_path: '$.data[0].Account_Name' } });
  });

  test('type checks: email, date, datetime, boolean, length, owner', async () => {
    const res = await h.call('POST', '/crm/v8/Leads', {
      body: {
        data: [
          { Last_Name: 'a', Email: 'not-an-email' },
          { Last_Name: 'b', Email_Opt_Out: 'yes' },
          { Last_Name: 'x'.repeat(81) },
          { Last_Name: 'c', Owner: { id: '4876876000000225005' } },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.data.map((d: { details: { api_name: string } }) => d.details.api_name)).toEqual(['Email', 'Email_Opt_Out', 'Last_Name', 'Owner']);
    expect(res.json.data[2].details.maximum_length).toBe(80);
    const events = await h.call('POST', '/crm/v8/Events', { body: { data: [{ Event_Title: 'e', Start_DateTime: '2025-01-01', End_DateTime: '2025-01-01T10:00:00+05:30' }] } });
    expect(events.json.data[0].details).toMatchObject({ api_name: 'Start_DateTime', expected_data_type: 'datetime' });
  });

  test('more than 100 records is LIMIT_EXCEEDED; a body without data is MANDATORY_NOT_FOUND', async () => {
    const many = await h.call('POST', '/crm/v8/Leads', { body: { data: Array.from({ length: 101 }, (_, i) => ({ Last_Name: `n${i}` })) } });
    expect(many.status).toBe(400);
    expect(many.json).toEqual({ code: 'LIMIT_EXCEEDED', details: { maximum_length: 100, api_name: 'data' }, message: 'count of records in your request exceeds the limit', status: 'error' });
    const none = await h.call('POST', '/crm/v8/Leads', { body: { records: [] } });
    expect(none.status).toBe(400);
    expect(none.json.code).toBe('MANDATORY_NOT_FOUND');
  });
});

describe('update and delete', () => {
  test('updates one record by URL and many by body ids; Modified_Time and Modified_By move', async () => {
    const created = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'U1' }, { Last_Name: 'U2' }] } });
    const [a, b] = created.json.data.map((d: { details: { id: string } }) => d.details.id);
    h.sb.advanceClock(5000);
    const one = await h.call('PUT', `/crm/v8/Leads/${a}`, { body: { data: [{ First_Name: 'Ann' }] } });
    expect(one.status).toBe(200);
    expect(one.json.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record updated', details: { id: a } });
    expect(one.json.data[0].details.Modified_Time).not.toBe(created.json.data[0].details.Modified_Time);
    const many = await h.call('PUT', '/crm/v8/Leads', { body: { data: [{ id: b, Lead_Status: 'Contacted' }, { Lead_Status: 'Contacted' }, { id: '4876876000009999999', Last_Name: 'x' }] } });
    expect(many.status).toBe(207);
    expect(many.json.data[0].code).toBe('SUCCESS');
    expect(many.json.data[1]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id', json_path: '$.data[1].id' } });
    expect(many.json.data[2]).toMatchObject({ code: 'INVALID_DATA', message: 'the id given seems to be invalid' });
    const got = await h.get(`/crm/v8/Leads/${a}?fields=Full_Name`);
    expect(got.json.data[0]).toEqual({ id: a, Full_Name: 'Ann U1' });
    const cleared = await h.call('PUT', `/crm/v8/Leads/${a}`, { body: { data: [{ Last_Name: '' }] } });
    expect(cleared.json.data[0].code).toBe('MANDATORY_NOT_FOUND');
  });

  test('deletes one and many; missing ids fail per item; deleted records are gone', async () => {
    const created = await h.call('POST', '/crm/v8/Tasks', { body: { data: [{ Subject: 't1' }, { Subject: 't2' }, { Subject: 't3' }] } });
    const ids: string[] = created.json.data.map((d: { details: { id: string } }) => d.details.id);
    const one = await h.call('DELETE', `/crm/v8/Tasks/${ids[0]}`);
    expect(one.json).toEqual({ data: [{ code: 'SUCCESS', details: { id: ids[0] }, message: 'record deleted', status: 'success' }] });
    const many = await h.call('DELETE', `/crm/v8/Tasks?ids=${ids[1]},4876876000009999999,${ids[2]}`);
    expect(many.status).toBe(207);
    expect(many.json.data[1]).toEqual({ code: 'INVALID_DATA', details: { id: '4876876000009999999' }, message: 'record not deleted', status: 'error' });
    expect((await h.get(`/crm/v8/Tasks/${ids[2]}`)).status).toBe(204);
    const again = await h.call('DELETE', `/crm/v8/Tasks/${ids[0]}`);
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ code: 'INVALID_DATA', details: { resource_path_index: 1 }, message: 'record not deleted', status: 'error' });
    const allBad = await h.call('DELETE', '/crm/v8/Tasks?ids=4876876000009999998');
    expect(allBad.status).toBe(400);
    expect(allBad.json.data[0].code).toBe('INVALID_DATA');
  });

  test('upsert updates the record matching a unique field, else inserts', async () => {
    const res = await h.call('POST', '/crm/v8/Leads/upsert', { body: { data: [{ Last_Name: 'Up', Email: 'upsert@example.com' }] } });
    expect(res.json.data[0]).toMatchObject({ code: 'SUCCESS', action: 'insert', message: 'record added' });
    const again = await h.call('POST', '/crm/v8/Leads/upsert', { body: { data: [{ Last_Name: 'Up2', Email: 'upsert@example.com' }] } });
    expect(again.json.data[0]).toMatchObject({ code: 'SUCCESS', action: 'update', duplicate_field: 'Email', details: { id: res.json.data[0].details.id } });
  });
});

describe('v2 and custom module', () => {
  test('v2 serves the same data, and the custom module Projects works like any other', async () => {
    const created = await h.call('POST', '/crm/v2/Projects', { body: { data: [{ Name: 'Rollout', Project_Code: 'PRJ-T1', Status: 'Planned' }] } });
    expect(created.status).toBe(201);
    const id = created.json.data[0].details.id;
    const v8 = await h.get(`/crm/v8/projects/${id}`);
    expect(v8.json.data[0]).toMatchObject({ Name: 'Rollout', Project_Code: 'PRJ-T1' });
    const listV2 = await h.get('/crm/v2/Projects');
    expect(listV2.status).toBe(200);
    expect(Object.keys(listV2.json.info).sort()).toEqual(['count', 'more_records', 'page', 'per_page']);
  });
});
