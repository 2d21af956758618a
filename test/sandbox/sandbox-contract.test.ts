/**
 * Contract tests: the sandbox's answers validated against the response schemas of Zoho's OpenAPI files
 * (../shared/reference/zoho-oas-v8), and requests shaped like Zoho's published examples replayed.
 *
 * How the OAS files are used:
 * - Each file is registered with ajv under its GitHub URL, so cross-file `$ref`s resolve without the network.
 *   Files the folder does not hold (users, tags, attachments, custom_views, layouts, profiles, related_lists) get
 *   stubs: Minified_User is `{name, id, email}` strings, the rest accept anything.
 * - Responses are `oneOf [wrapper, API_Exception]` where API_Exception has no required keys, so every object
 *   matches it; each case therefore names the branch it checks (success wrapper or an error schema).
 * - Relaxation, documented in sandbox/README.md: `null` is allowed where Zoho's own example bodies send it but
 *   the OAS types lack `nullable` (page-token keys of `info`, a note without title, a conversion without deal).
 */
import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, type Harness } from './crm-harness';

const OAS_DIR = join(__dirname, '../../../shared/reference/zoho-oas-v8');
const BASE = 'https://raw.githubusercontent.com/Zohocorp-Pvt-Ltd/crm-oas/refs/heads/main/v8.0/';
const FILES = ['record', 'notes', 'convert_lead', 'recycle_bin', 'modules', 'fields', 'coql', 'module_search', 'common'];
const STUBS: Record<string, Record<string, AnySchema>> = {
  users: { Minified_User: { type: 'object', properties: { name: { type: 'string' }, id: { type: 'string' }, email: { type: 'string' } } } },
  tags: { Tag: {} },
  attachments: { Attachment: {} },
  custom_views: { custom_views: {} },
  layouts: { layouts: {} },
  profiles: { Minified_Profile: {} },
  related_lists: { related_list: {} },
};

type Json = Record<string, any>;

function nullable(schema: Json): Json {
  return { anyOf: [schema, { type: 'null' }] };
}

function loadOas(): Record<string, Json> {
  const docs: Record<string, Json> = {};
  for (const f of FILES) docs[f] = JSON.parse(readFileSync(join(OAS_DIR, `${f}.json`), 'utf8'));
  for (const info of [docs.record!.components.schemas.Info, docs.notes!.components.schemas.Info]) {
    for (const key of ['next_page_token', 'previous_page_token', 'page_token_expiry']) info.properties[key] = nullable(info.properties[key]);
  }
  const note = docs.notes!.components.schemas.Note;
  note.properties.Note_Title = nullable(note.properties.Note_Title);
  const converted = docs.convert_lead!.components.schemas.Successful_Convert;
  converted.properties.Deals = nullable(converted.properties.Deals);
  converted.properties.Accounts = nullable(converted.properties.Accounts);
  // The module list leaves out `fields` (the single-module answer has them): a list variant of the schema.
  const modules = docs.modules!.components.schemas;
  modules.Sandbox_List_Item = { ...structuredClone(modules.modules), required: modules.modules.required.filter((k: string) => k !== 'fields') };
  modules.Sandbox_List_Wrapper = { type: 'object', properties: { modules: { type: 'array', items: { $ref: '#/components/schemas/Sandbox_List_Item' } } }, required: ['modules'] };
  return docs;
}

const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of ['int32', 'int64', 'double', 'float']) ajv.addFormat(f, true);
const docs = loadOas();
for (const [name, doc] of Object.entries(docs)) ajv.addSchema(doc, `${BASE}${name}.json`);
for (const [name, schemas] of Object.entries(STUBS)) ajv.addSchema({ components: { schemas } }, `${BASE}${name}.json`);

function pointer(...parts: string[]): string {
  return parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

/** Validates `body` against a schema of an OAS file (JSON pointer parts after the file). */
function check(body: unknown, file: string, ...parts: string[]): void {
  const validate = ajv.compile({ $ref: `${BASE}${file}.json#/${pointer(...parts)}` });
  const ok = validate(body);
  if (!ok) throw new Error(`${file}#/${parts.join('/')}: ${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(body).slice(0, 800)}`);
}
const schema = (file: string, name: string) => ['components', 'schemas', name];
/** Validates against the schema of an operation's response (following a `$ref` to components/responses). */
function response(body: unknown, file: string, path: string, method: string, status: string, branch?: number) {
  const declared = docs[file]!.paths[path][method].responses[status];
  const base = typeof declared.$ref === 'string' ? ['components', 'responses', declared.$ref.split('/').pop() as string] : ['paths', path, method, 'responses', status];
  const parts = [...base, 'content', 'application/json', 'schema'];
  check(body, file, ...(branch === undefined ? parts : [...parts, 'oneOf', String(branch)]));
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 8 });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

describe('records (record.json)', () => {
  test('list, get one, search', async () => {
    const list = await h.get('/crm/v8/Leads?fields=Last_Name,Email,Owner,Created_Time,Modified_Time,Created_By&per_page=5');
    check(list.json, 'record', ...schema('record', 'Response_Wrapper'));
    const one = await h.get(`/crm/v8/Leads/${list.json.data[0].id}`);
    check(one.json, 'record', ...schema('record', 'Response_Wrapper'));
    const search = await h.get('/crm/v8/Leads/search?word=example');
    check(search.json, 'record', ...schema('record', 'Response_Wrapper'));
    check(search.json, 'module_search', ...schema('module_search', 'Response_Wrapper'));
  });

  test('create, update, delete (success and per-record errors)', async () => {
    const created = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Company: 'Zylker', Last_Name: 'Daly', First_Name: 'Paul', Email: 'p.daly@zylker.example', State: 'Texas' }, { First_Name: 'x' }] } });
    expect(created.status).toBe(207);
    response(created.json, 'record', '/crm/v8/{module_api_name}', 'post', '200', 0);
    const id = created.json.data[0].details.id;
    const updated = await h.call('PUT', '/crm/v8/Leads', { body: { data: [{ id, Last_Name: 'Dalyy' }] } });
    response(updated.json, 'record', '/crm/v8/{module_api_name}', 'put', '200', 0);
    const one = await h.call('PUT', `/crm/v8/Leads/${id}`, { body: { data: [{ Phone: '555-0100' }] } });
    response(one.json, 'record', '/crm/v8/{module_api_name}/{id}', 'put', '200', 0);
    const deleted = await h.call('DELETE', `/crm/v8/Leads?ids=${id},4876876000009999999`);
    response(deleted.json, 'record', '/crm/v8/{module_api_name}', 'delete', '200', 0);
    check(deleted.json.data[1], 'notes', ...schema('notes', 'Invalid_Data_API_Exception'));
  });

  test('clone and deleted records', async () => {
    const accounts = await h.get('/crm/v8/Accounts?fields=Account_Name&per_page=1');
    const clone = await h.call('POST', `/crm/v8/Accounts/${accounts.json.data[0].id}/actions/clone`, { body: { data: [{ Account_Name: 'Clone Co' }] } });
    response(clone.json, 'record', '/crm/v8/{module_api_name}/{id}/actions/clone', 'post', '201', 0);
    await h.call('DELETE', `/crm/v8/Accounts/${clone.json.data[0].details.id}`);
    const bin = await h.get('/crm/v8/Accounts/deleted');
    check(bin.json, 'record', ...schema('record', 'Deleted_Records_Wrapper'));
  });
});

describe('notes (notes.json)', () => {
  test('list, get, create, update, delete', async () => {
    const lead = (await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1')).json.data[0].id;
    const created = await h.call('POST', `/crm/v8/Leads/${lead}/Notes`, { body: { data: [{ Note_Title: 'T', Note_Content: 'C' }] } });
    response(created.json, 'notes', '/crm/v8/Notes', 'post', '200');
    const all = 'Note_Title,Note_Content,Parent_Id,Owner,Created_Time,Modified_Time,Created_By,Modified_By,$attachments,$editable,$is_shared_to_client,$size,$state,$voice_note';
    const list = await h.get(`/crm/v8/Notes?fields=${encodeURIComponent(all)}&per_page=3`);
    check(list.json, 'notes', ...schema('notes', 'Response_Wrapper'));
    const full = await h.get(`/crm/v8/Notes/${created.json.data[0].details.id}`);
    response(full.json, 'notes', '/crm/v8/Notes/{id}', 'get', '200');
    const untitled = await h.call('POST', `/crm/v8/Leads/${lead}/Notes`, { body: { data: [{ Note_Content: 'no title' }] } });
    response((await h.get(`/crm/v8/Notes/${untitled.json.data[0].details.id}`)).json, 'notes', '/crm/v8/Notes/{id}', 'get', '200');
    const updated = await h.call('PUT', `/crm/v8/Notes/${created.json.data[0].details.id}`, { body: { data: [{ Note_Content: 'C2' }] } });
    response(updated.json, 'notes', '/crm/v8/Notes/{id}', 'put', '200', 0);
    const deleted = await h.call('DELETE', `/crm/v8/Notes?ids=${created.json.data[0].details.id}`);
    response(deleted.json, 'notes', '/crm/v8/Notes', 'delete', '200');
    const mandatory = await h.call('POST', '/crm/v8/Notes', { body: { data: [{ Note_Content: 'orphan' }] } });
    check(mandatory.json.data[0], 'notes', ...schema('notes', 'Mandatory_API_Exception'));
  });
});

describe('convert (convert_lead.json)', () => {
  test('success, already converted, mapping mismatch', async () => {
    const lead = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Conv', Company: 'Contract Co' }] } });
    const id = lead.json.data[0].details.id;
    const bad = await h.call('POST', `/crm/v8/Leads/${id}/actions/convert`, { body: { data: [{ Deals: { Deal_Name: 'd', Closing_Date: '2026-01-01', Stage: 'Value Proposition', Pipeline: 'Renewals (Standard)' } }] } });
    response(bad.json, 'convert_lead', '/crm/v8/Leads/{lead_id}/actions/convert', 'post', '400');
    const ok = await h.call('POST', `/crm/v8/Leads/${id}/actions/convert`, { body: { data: [{ Deals: { Deal_Name: 'd', Closing_Date: '2026-01-01', Stage: 'Qualification' } }] } });
    response(ok.json, 'convert_lead', '/crm/v8/Leads/{lead_id}/actions/convert', 'post', '200');
    const again = await h.call('POST', `/crm/v8/Leads/${id}/actions/convert`, { body: { data: [{}] } });
    check(again.json, 'convert_lead', ...schema('convert_lead', 'ID_Already_Converted_API_Exception'));
    const noDeal = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'Conv2' }] } });
    const plain = await h.call('POST', `/crm/v8/Leads/${noDeal.json.data[0].details.id}/actions/convert`, { body: { data: [{}] } });
    response(plain.json, 'convert_lead', '/crm/v8/Leads/{lead_id}/actions/convert', 'post', '200');
  });
});

describe('metadata (modules.json, fields.json)', () => {
  test('modules list and one module; fields of every module', async () => {
    const list = await h.get('/crm/v8/settings/modules');
    check(list.json, 'modules', ...schema('modules', 'Sandbox_List_Wrapper'));
    const one = await h.get('/crm/v8/settings/modules/Leads');
    response(one.json, 'modules', '/crm/v8/settings/modules/{api_name}', 'get', '200');
    for (const m of ['Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Events', 'Calls', 'Notes', 'Projects']) {
      const fields = await h.get(`/crm/v8/settings/fields?module=${m}`);
      response(fields.json, 'fields', '/crm/v8/settings/fields', 'get', '200');
    }
    check((await h.get('/crm/v8/settings/fields')).json, 'fields', ...schema('fields', 'MandatoryParamError'));
    check((await h.get('/crm/v8/settings/fields?module=Nope')).json, 'fields', ...schema('fields', 'InvalidParamError'));
  });
});

describe('search and COQL (module_search.json, coql.json)', () => {
  test('answers and errors', async () => {
    const coql = await h.call('POST', '/crm/v8/coql', { body: { select_query: "select Last_Name, First_Name from Leads where Last_Name is not null limit 3" } });
    response(coql.json, 'coql', '/crm/v8/coql', 'post', '200');
    expect(Object.keys(coql.json.info)).toEqual(['count', 'more_records']);
    const syntax = await h.call('POST', '/crm/v8/coql', { body: { select_query: 'select Last_Name Leads' } });
    response(syntax.json, 'coql', '/crm/v8/coql', 'post', '400');
    response((await h.get('/crm/v8/Leads/search')).json, 'module_search', '/crm/v8/{module}/search', 'get', '400');
    response((await h.get('/crm/v8/Leads/search?word=Inc&page=11')).json, 'module_search', '/crm/v8/{module}/search', 'get', '400');
    const many = Array.from({ length: 16 }, (_, i) => `(Last_Name:equals:n${i})`).join('or');
    response((await h.get(`/crm/v8/Leads/search?criteria=(${encodeURIComponent(many)})`)).json, 'module_search', '/crm/v8/{module}/search', 'get', '400');
    response((await h.get('/crm/v8/Nope/search?word=ab')).json, 'module_search', '/crm/v8/{module}/search', 'get', '400');
  });
});

describe('every error body has the common shape (common.json API_Exception)', () => {
  test('flat and wrapped errors', async () => {
    const bodies = [
      (await h.get('/crm/v8/Leads')).json,
      (await h.get('/crm/v8/Nope?fields=a')).json,
      (await h.get('/crm/v8/a/b/c/d/e')).json,
      (await h.get('/crm/v8/Leads?fields=a', { token: 'nope' })).json,
      (await h.call('POST', '/crm/v8/Leads', { raw: '{', headers: { 'content-type': 'application/json' } })).json,
      (await h.call('POST', '/crm/v8/Leads', { body: { data: [{}] } })).json.data[0],
      (await h.get('/crm/v8/Leads?fields=a&page=20')).json,
    ];
    for (const body of bodies) check(body, 'common', ...schema('common', 'API_Exception'));
  });
});

describe("replays of Zoho's example bodies (reference §4)", () => {
  test('create → 201 item with the example keys; get records → the example info keys', async () => {
    const res = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Company: 'Zylker', Last_Name: 'Daly', First_Name: 'Paul', Email: 'p.daly2@zylker.example', State: 'Texas' }], trigger: ['approval', 'workflow', 'blueprint'] } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.json.data[0])).toEqual(['code', 'details', 'message', 'status']);
    expect(Object.keys(res.json.data[0].details)).toEqual(['Modified_Time', 'Modified_By', 'Created_Time', 'id', 'Created_By', '$approval_state']);
    const list = await h.get('/crm/v8/Leads?fields=Company,Last_Name&per_page=5');
    expect(Object.keys(list.json.info).sort()).toEqual(['call', 'count', 'email', 'more_records', 'next_page_token', 'page', 'page_token_expiry', 'per_page', 'previous_page_token', 'sort_by', 'sort_order']);
  });

  test('delete one → the example item; deleted records → the example entry keys', async () => {
    const res = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'ToDelete' }] } });
    const id = res.json.data[0].details.id;
    const del = await h.call('DELETE', `/crm/v8/Leads/${id}?wf_trigger=true`);
    expect(del.json).toEqual({ data: [{ code: 'SUCCESS', details: { id }, message: 'record deleted', status: 'success' }] });
    const bin = await h.get('/crm/v8/Leads/deleted?type=all&page=1&per_page=200');
    expect(Object.keys(bin.json.data[0])).toEqual(['deleted_by', 'id', 'display_name', 'type', 'created_by', 'deleted_time']);
    expect(Object.keys(bin.json.info)).toEqual(['per_page', 'count', 'page', 'more_records']);
  });
});
