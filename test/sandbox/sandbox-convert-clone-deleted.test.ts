// Convert a lead, clone a record, and the recycle bin.
import { startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 9 });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

async function newLead(fields: Record<string, unknown>): Promise<string> {
  const res = await h.call('POST', '/crm/v8/Leads', { body: { data: [fields] } });
  expect(res.status).toBe(201);
  return res.json.data[0].details.id;
}

describe('convert', () => {
  test('creates a contact, an account from Company and a deal; converting again is ID_ALREADY_CONVERTED', async () => {
    const id = await newLead({ First_Name: 'Jane', Last_Name: 'Convert', Company: 'Convertible Ltd', Email: 'jane.convert@example.com' });
    await h.call('POST', `/crm/v8/Leads/${id}/Notes`, { body: { data: [{ Note_Content: 'follows the contact' }] } });
    const res = await h.call('POST', `/crm/v8/Leads/${id}/actions/convert`, {
      body: { data: [{ overwrite: true, Deals: { Deal_Name: 'Big one', Closing_Date: '2026-12-31', Stage: 'Qualification', Pipeline: 'Standard (Standard)', Amount: 5000 } }] },
    });
    expect(res.status).toBe(200);
    const item = res.json.data[0];
    expect(item).toMatchObject({ code: 'SUCCESS', message: 'The record has been converted successfully', status: 'success' });
    expect(item.details.Contacts.name).toBe('Jane Convert');
    expect(item.details.Accounts.name).toBe('Convertible Ltd');
    expect(item.details.Deals.name).toBe('Big one');
    const contact = await h.get(`/crm/v8/Contacts/${item.details.Contacts.id}`);
    expect(contact.json.data[0]).toMatchObject({ Email: 'jane.convert@example.com', Account_Name: { id: item.details.Accounts.id } });
    const deal = await h.get(`/crm/v8/Deals/${item.details.Deals.id}`);
    expect(deal.json.data[0]).toMatchObject({ Amount: 5000, Contact_Name: { id: item.details.Contacts.id }, Account_Name: { id: item.details.Accounts.id } });
    const notes = await h.get(`/crm/v8/Contacts/${item.details.Contacts.id}/Notes`);
    expect(notes.json.data[0].Note_Content).toBe('follows the contact');
    // The converted lead is hidden unless asked for, and cannot be updated.
    expect((await h.get(`/crm/v8/Leads/${id}`)).status).toBe(204);
    expect((await h.get(`/crm/v8/Leads/${id}?converted=true`)).json.data[0].$converted).toBe(true);
    const update = await h.call('PUT', `/crm/v8/Leads/${id}`, { body: { data: [{ First_Name: 'x' }] } });
    expect(update.json.data[0].code).toBe('CONVERTED_RECORD');
    const again = await h.call('POST', `/crm/v8/Leads/${id}/actions/convert`, { body: { data: [{}] } });
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ code: 'ID_ALREADY_CONVERTED', details: { resource_path_index: 1 }, message: 'id already converted', status: 'error' });
  });

  test('links an existing account of the same name; no deal unless asked; v2 answers plain ids', async () => {
    const id = await newLead({ Last_Name: 'Second', Company: 'convertible ltd' });
    const res = await h.call('POST', `/crm/v2/Leads/${id}/actions/convert`, { body: { data: [{}] } });
    expect(res.status).toBe(200);
    const item = res.json.data[0];
    expect(Object.keys(item).sort()).toEqual(['Accounts', 'Contacts', 'Deals']);
    expect(item.Deals).toBeNull();
    const account = await h.get(`/crm/v8/Accounts/${item.Accounts}?fields=Account_Name`);
    expect(account.json.data[0].Account_Name).toBe('Convertible Ltd');
  });

  test('a stage outside the pipeline is MAPPING_MISMATCH and nothing is written', async () => {
    const id = await newLead({ Last_Name: 'Mismatch', Company: 'Nowhere Co' });
    const res = await h.call('POST', `/crm/v8/Leads/${id}/actions/convert`, {
      body: { data: [{ Deals: { Deal_Name: 'd', Closing_Date: '2026-01-01', Stage: 'Needs Analysis', Pipeline: 'Renewals (Standard)' } }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.data[0]).toEqual({ code: 'MAPPING_MISMATCH', details: { mapped_field: 'Pipeline', api_name: 'Stage', json_path: '$.data[0].Deals.Stage' }, message: 'Pipeline doesn`t contain the Stage', status: 'error' });
    const missing = await h.call('POST', `/crm/v8/Leads/${id}/actions/convert`, { body: { data: [{ Deals: { Stage: 'Qualification', Closing_Date: '2026-01-01' } }] } });
    expect(missing.json.data[0]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Deal_Name', json_path: '$.data[0].Deals.Deal_Name' } });
    expect((await h.get(`/crm/v8/Leads/${id}?fields=Last_Name`)).status).toBe(200);
    const search = await h.get('/crm/v8/Accounts/search?criteria=(Account_Name:equals:Nowhere Co)');
    expect(search.status).toBe(204);
  });

  test('a missing lead is INVALID_DATA', async () => {
    const res = await h.call('POST', '/crm/v8/Leads/4876876000009999999/actions/convert', { body: { data: [{}] } });
    expect(res.json).toEqual({ code: 'INVALID_DATA', details: { resource_path_index: 1 }, message: 'invalid data', status: 'error' });
  });
});

describe('clone', () => {
  test('copies the record with overrides; 201; v6 has no clone', async () => {
    const res = await h.call('POST', '/crm/v8/Accounts', { body: { data: [{ Account_Name: 'Original', Industry: 'Storage Equipment', Employees: 12 }] } });
    const id = res.json.data[0].details.id;
    const clone = await h.call('POST', `/crm/v8/Accounts/${id}/actions/clone`, { body: { data: [{ Account_Name: 'Copy' }] } });
    expect(clone.status).toBe(201);
    expect(clone.json.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record added' });
    const copy = await h.get(`/crm/v8/Accounts/${clone.json.data[0].details.id}`);
    expect(copy.json.data[0]).toMatchObject({ Account_Name: 'Copy', Industry: 'Storage Equipment', Employees: 12 });
    const plain = await h.call('POST', `/crm/v8/Accounts/${id}/actions/clone`);
    expect(plain.status).toBe(201);
    expect((await h.call('POST', `/crm/v6/Accounts/${id}/actions/clone`)).json.code).toBe('INVALID_URL_PATTERN');
    const missing = await h.call('POST', '/crm/v8/Accounts/4876876000009999999/actions/clone');
    expect(missing.json).toMatchObject({ code: 'INVALID_DATA', details: { resource_path_index: 1 } });
  });

  test('cloning a record with a unique value fails as DUPLICATE_DATA', async () => {
    const id = await newLead({ Last_Name: 'Twin', Email: 'twin@example.com' });
    const clone = await h.call('POST', `/crm/v8/Leads/${id}/actions/clone`);
    expect(clone.status).toBe(400);
    expect(clone.json.data[0].code).toBe('DUPLICATE_DATA');
  });
});

describe('recycle bin', () => {
  test('deleted records are listed as recycle, then permanent after 60 days', async () => {
    const res = await h.call('POST', '/crm/v8/Calls', { body: { data: [{ Subject: 'to delete', Call_Type: 'Outbound', Call_Start_Time: '2025-03-01T10:00:00+05:30' }] } });
    const id = res.json.data[0].details.id;
    await h.call('DELETE', `/crm/v8/Calls/${id}`);
    const bin = await h.get('/crm/v8/Calls/deleted?type=recycle');
    expect(bin.status).toBe(200);
    expect(bin.json.data[0]).toMatchObject({ id, type: 'recycle', display_name: 'to delete', deleted_by: { id: h.sb.user.id, name: h.sb.user.name }, created_by: { id: h.sb.user.id } });
    expect(bin.json.info).toEqual({ per_page: 200, count: 1, page: 1, more_records: false });
    expect((await h.get('/crm/v8/Calls/deleted?type=permanent')).status).toBe(204);
    h.sb.advanceClock(61 * 86_400_000);
    await h.refresh();
    const later = await h.get('/crm/v8/Calls/deleted');
    expect(later.json.data[0]).toEqual({ deleted_by: null, id, display_name: null, type: 'permanent', created_by: null, deleted_time: bin.json.data[0].deleted_time });
    const bad = await h.get('/crm/v8/Calls/deleted?type=some');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ data: [{ code: 'PATTERN_NOT_MATCHED', details: { param_name: 'type' }, message: 'Please check whether the input values are correct', status: 'error' }] });
  });
});
