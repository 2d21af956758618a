// Notes: /Notes list/create/update/delete, /Notes/{id}, and a record's notes under /{module}/{id}/Notes.
import { startHarness, type Harness } from './crm-harness';

let h: Harness;
let leadId: string;

beforeAll(async () => {
  h = await startHarness({ seed: 5 });
  const lead = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Noted', Company: 'Notes Inc' }] } });
  leadId = lead.json.data[0].details.id;
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

test('creates notes for a record and lists them under the record and under /Notes', async () => {
  const created = await h.call('POST', `/crm/v8/Leads/${leadId}/Notes`, { body: { data: [{ Note_Title: 'Call', Note_Content: 'Spoke to them' }, { Note_Content: 'Second' }] } });
  expect(created.status).toBe(201);
  expect(created.json.data.map((d: { message: string }) => d.message)).toEqual(['record added', 'record added']);
  const ofRecord = await h.get(`/crm/v8/Leads/${leadId}/Notes?fields=Note_Title,Note_Content,Parent_Id`);
  expect(ofRecord.status).toBe(200);
  expect(ofRecord.json.data).toHaveLength(2);
  expect(ofRecord.json.data[0]).toMatchObject({ Note_Title: 'Call', Note_Content: 'Spoke to them', Parent_Id: { id: leadId, name: 'Noted', module: { api_name: 'Leads' } } });
  expect(ofRecord.json.data[1].Note_Title).toBeNull();
  expect(Object.keys(ofRecord.json.info)).toEqual(['page', 'per_page', 'count', 'more_records', 'next_page_token', 'previous_page_token', 'page_token_expiry', 'sort_by', 'sort_order']);
  const id = created.json.data[0].details.id;
  const one = await h.get(`/crm/v8/Notes/${id}`);
  expect(one.json.data[0]).toMatchObject({ id, Note_Title: 'Call', $se_module: 'Leads', Owner: { id: h.sb.user.id } });
  const all = await h.get('/crm/v8/Notes?fields=Note_Title&per_page=200');
  expect(all.json.data.some((n: { id: string }) => n.id === id)).toBe(true);
});

test('POST /Notes needs a parent and a title or content', async () => {
  const res = await h.call('POST', '/crm/v8/Notes', {
    body: {
      data: [
        { Note_Content: 'ok', Parent_Id: { module: { api_name: 'Leads' }, id: leadId } },
        { Note_Content: 'legacy form', Parent_Id: leadId, $se_module: 'Leads' },
        { Parent_Id: { module: { api_name: 'Leads' }, id: leadId } },
        { Note_Content: 'orphan' },
      ],
    },
  });
  expect(res.status).toBe(207);
  expect(res.json.data[0].code).toBe('SUCCESS');
  expect(res.json.data[1].code).toBe('SUCCESS');
  expect(res.json.data[2]).toEqual({
    code: 'EXPECTED_FIELD_MISSING',
    details: { expected_fields: [{ api_name: 'Note_Content', json_path: '$.data[2].Note_Content' }, { api_name: 'Note_Title', json_path: '$.data[2].Note_Title' }] },
    message: 'should contain either content or title',
    status: 'error',
  });
  expect(res.json.data[3]).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Parent_Id' } });
});

test('GET /Notes needs fields in v8; missing notes answer 204', async () => {
  expect((await h.get('/crm/v8/Notes')).json.code).toBe('REQUIRED_PARAM_MISSING');
  expect((await h.get('/crm/v8/Notes/4876876000009999999')).status).toBe(204);
});

test('updates and deletes notes, one and many', async () => {
  const created = await h.call('POST', `/crm/v8/Leads/${leadId}/Notes`, { body: { data: [{ Note_Content: 'a' }, { Note_Content: 'b' }, { Note_Content: 'c' }] } });
  const [a, b, c] = created.json.data.map((d: { details: { id: string } }) => d.details.id);
  const upd = await h.call('PUT', `/crm/v8/Notes/${a}`, { body: { data: [{ Note_Content: 'changed' }] } });
  expect(upd.json.data[0]).toMatchObject({ code: 'SUCCESS', message: 'record updated' });
  expect((await h.get(`/crm/v8/Notes/${a}`)).json.data[0].Note_Content).toBe('changed');
  const del = await h.call('DELETE', `/crm/v8/Notes/${a}`);
  expect(del.json).toMatchObject({ data: [{ code: 'SUCCESS', details: { id: a, Created_By: { id: h.sb.user.id } }, message: 'record deleted', status: 'success' }] });
  const many = await h.call('DELETE', `/crm/v8/Notes?ids=${b},4876876000009999999,${c}`);
  expect(many.status).toBe(207);
  expect(many.json.data[1]).toEqual({ code: 'INVALID_DATA', details: { id: '4876876000009999999' }, message: 'record not deleted', status: 'error' });
  const noIds = await h.call('DELETE', '/crm/v8/Notes');
  expect(noIds.json).toEqual({ code: 'REQUIRED_PARAM_MISSING', details: { param_name: 'ids' }, message: 'One of the expected parameter is missing', status: 'error' });
});

test("deleting a record deletes its notes; a missing parent is INVALID_DATA", async () => {
  const lead = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Gone' }] } });
  const id = lead.json.data[0].details.id;
  const note = await h.call('POST', `/crm/v8/Leads/${id}/Notes`, { body: { data: [{ Note_Content: 'bye' }] } });
  await h.call('DELETE', `/crm/v8/Leads/${id}`);
  expect((await h.get(`/crm/v8/Notes/${note.json.data[0].details.id}`)).status).toBe(204);
  const res = await h.get(`/crm/v8/Leads/${id}/Notes`);
  expect(res.json).toEqual({ code: 'INVALID_DATA', details: { resource_path_index: 1 }, message: 'the id given seems to be invalid', status: 'error' });
});
