// Every error code the issue and the reference list, in Zoho's shapes (flat or wrapped in data[]).
import { rawCall, selfClientToken, startHarness, type Harness } from './crm-harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: 2, counts: { Leads: 40 } });
});

afterAll(async () => {
  expect(h.internalErrors).toEqual([]);
  await h.sb.close();
});

const flat = (code: string, message: string, details: Record<string, unknown>) => ({ code, details, message, status: 'error' });

test('INVALID_TOKEN and AUTHENTICATION_FAILURE (401)', async () => {
  const bad = await h.get('/crm/v8/Leads?fields=Last_Name', { token: '1000.abcdef0123456789abcdef.0123456789abcdef0123' });
  expect(bad.status).toBe(401);
  expect(bad.json).toEqual(flat('INVALID_TOKEN', 'invalid oauth token', {}));
  const none = await h.get('/crm/v8/Leads?fields=Last_Name', { token: null });
  expect(none.status).toBe(401);
  expect(none.json).toEqual(flat('AUTHENTICATION_FAILURE', 'Authentication failed', {}));
});

test('OAUTH_SCOPE_MISMATCH (401) when the token lacks the route scope', async () => {
  const token = await selfClientToken(h.sb, ['ZohoCRM.modules.leads.READ']);
  expect((await h.get('/crm/v8/Leads?fields=Last_Name', { token })).status).toBe(200);
  for (const [method, path] of [
    ['GET', '/crm/v8/Contacts?fields=Last_Name'],
    ['POST', '/crm/v8/Leads'],
    ['DELETE', '/crm/v8/Leads?ids=1'],
    ['POST', '/crm/v8/coql'],
    ['GET', '/crm/v8/settings/fields?module=Leads'],
    ['GET', '/crm/v8/Notes?fields=Note_Title'],
  ] as const) {
    const res = await h.call(method, path, method === 'POST' ? { token, body: { data: [{ Last_Name: 'x' }] } } : { token });
    expect([path, res.status, res.json]).toEqual([path, 401, flat('OAUTH_SCOPE_MISMATCH', 'invalid oauth scope to access this URL', {})]);
  }
});

test('NO_PERMISSION (403) when the user profile may not do it', async () => {
  const token = await selfClientToken(h.sb, ['ZohoCRM.modules.ALL'], 'amelia.burrows@zylker.example');
  const res = await h.call('DELETE', '/crm/v8/Accounts?ids=4876876000001000001', { token });
  expect(res.status).toBe(403);
  expect(res.json).toEqual(flat('NO_PERMISSION', 'Permission denied to delete', { permissions: ['Crm_Implied_Delete_Accounts'] }));
  expect((await h.get('/crm/v8/Accounts?fields=Account_Name', { token })).status).toBe(200);
});

test('INVALID_MODULE (400), flat on reads and wrapped on writes', async () => {
  expect((await h.get('/crm/v8/Widgets?fields=Name')).json).toEqual(flat('INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 }));
  expect((await h.get('/crm/v8/Home?fields=Name')).json.code).toBe('INVALID_MODULE');
  const write = await h.call('POST', '/crm/v8/Widgets', { body: { data: [{}] } });
  expect(write.status).toBe(400);
  expect(write.json).toEqual({ data: [flat('INVALID_MODULE', 'the module name given seems to be invalid', { resource_path_index: 0 })] });
});

test('INVALID_URL_PATTERN (404), INVALID_REQUEST_METHOD, API_NOT_SUPPORTED', async () => {
  const res = await h.get('/crm/v8/Leads/1/Nope/2/3');
  expect(res.status).toBe(404);
  expect(res.json).toEqual(flat('INVALID_URL_PATTERN', 'Please check if the URL trying to access is a correct one', {}));
  expect((await h.get('/elsewhere')).status).toBe(404);
  const method = await h.call('PATCH', '/crm/v8/Leads');
  expect(method.json).toEqual(flat('INVALID_REQUEST_METHOD', 'The http request method type is not a valid one', {}));
  expect((await h.get('/crm/v9/Leads')).json.code).toBe('API_NOT_SUPPORTED');
});

test('INVALID_DATA, MANDATORY_NOT_FOUND, DUPLICATE_DATA per record', async () => {
  const res = await h.call('POST', '/crm/v8/Leads', {
    body: { data: [{ Last_Name: 'dup', Email: 'e1@example.com' }, { Last_Name: 'dup', Email: 'e1@example.com' }, { Company: 'x' }, { Last_Name: 'y', Lead_Status: 'Nonsense' }] },
  });
  expect(res.status).toBe(207);
  expect(res.json.data.map((d: { code: string }) => d.code)).toEqual(['SUCCESS', 'DUPLICATE_DATA', 'MANDATORY_NOT_FOUND', 'INVALID_DATA']);
});

test('REQUIRED_PARAM_MISSING, EXPECTED_PARAM_MISSING, LIMIT_EXCEEDED', async () => {
  expect((await h.get('/crm/v8/Leads')).json.code).toBe('REQUIRED_PARAM_MISSING');
  expect((await h.call('DELETE', '/crm/v8/Leads')).json).toEqual(flat('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param_name: 'ids' }));
  expect((await h.get('/crm/v8/settings/fields')).json).toEqual(flat('REQUIRED_PARAM_MISSING', 'required param is missing', { param_name: 'module' }));
  expect((await h.get('/crm/v8/Leads/search')).json).toEqual(flat('EXPECTED_PARAM_MISSING', 'one of the expected parameter is missing', { param_names: ['criteria', 'email', 'phone', 'word'] }));
  const ids = Array.from({ length: 101 }, (_, i) => String(4876876000001000000 + i)).join(',');
  expect((await h.call('DELETE', `/crm/v8/Leads?ids=${ids}`)).json).toEqual(flat('LIMIT_EXCEEDED', 'limit exceeded', { limit: 100, param_name: 'ids' }));
});

test('LIMIT_REACHED past 2,000 search results; CRITERIA_LIMIT_EXCEEDED, INVALID_QUERY, SYNTAX_ERROR', async () => {
  expect((await h.get('/crm/v8/Leads/search?word=Inc&page=11&per_page=200')).json).toEqual(flat('LIMIT_REACHED', 'maximum response iteration limit reached', { limit: '2000' }));
  const many = Array.from({ length: 16 }, (_, i) => `(Last_Name:equals:n${i})`).join('or');
  expect((await h.get(`/crm/v8/Leads/search?criteria=(${encodeURIComponent(many)})`)).json.code).toBe('CRITERIA_LIMIT_EXCEEDED');
  expect((await h.get(`/crm/v8/Leads/search?criteria=${encodeURIComponent('(Email_Opt_Out:starts_with:x)')}`)).json.code).toBe('INVALID_QUERY');
  const coql = await h.call('POST', '/crm/v8/coql', { body: { select_query: 'select from Leads' } });
  expect(coql.status).toBe(400);
  expect(coql.json.code).toBe('SYNTAX_ERROR');
  expect((await h.call('POST', '/crm/v8/coql', { body: {} })).json).toEqual(flat('MANDATORY_NOT_FOUND', 'mandatory key not found', { api_name: 'select_query' }));
  expect((await h.call('POST', '/crm/v8/coql', { body: { select_query: "select Last_Name from Gadgets where id is not null" } })).json.code).toBe('INVALID_MODULE');
});

test('malformed JSON, wrong content type and oversized bodies get Zoho-like errors', async () => {
  const bad = await h.call('POST', '/crm/v8/Leads', { raw: '{"data": [', headers: { 'content-type': 'application/json' } });
  expect(bad.status).toBe(400);
  expect(bad.json).toEqual(flat('INVALID_DATA', 'either the request body or parameters is in wrong format', {}));
  const form = await h.call('POST', '/crm/v8/Leads', { raw: 'Last_Name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(form.status).toBe(415);
  expect(form.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  const notArray = await h.call('POST', '/crm/v8/Leads', { body: { data: { Last_Name: 'x' } } });
  expect(notArray.json).toMatchObject({ code: 'INVALID_DATA', details: { expected_data_type: 'jsonarray' } });
  h.sb.setConfig({ maxBodyBytes: 2048 });
  const big = await h.call('POST', '/crm/v8/Leads', { body: { data: [{ Last_Name: 'x'.repeat(5000) }] } });
  expect(big.status).toBe(413);
  expect(big.json.code).toBe('REQUEST_ENTITY_TOO_LARGE');
  h.sb.setConfig({ maxBodyBytes: 5 * 1024 * 1024 });
  // The server is still fine afterwards.
  expect((await h.get('/crm/v8/Leads?fields=Last_Name&per_page=1')).status).toBe(200);
});

test('TOO_MANY_REQUESTS (429) and INTERNAL_ERROR (500) from faults', async () => {
  h.sb.setFaults([
    { path: '/crm/v8/Contacts', respond: 429, times: 1 },
    { path: '/crm/v8/Accounts', respond: 500, times: 1 },
  ]);
  const limited = await h.get('/crm/v8/Contacts?fields=Last_Name');
  expect(limited.status).toBe(429);
  expect(limited.json.code).toBe('TOO_MANY_REQUESTS');
  const broken = await h.get('/crm/v8/Accounts?fields=Account_Name');
  expect(broken.status).toBe(500);
  expect(broken.json).toEqual(flat('INTERNAL_ERROR', 'Internal Server Error', {}));
  expect((await h.get('/crm/v8/Accounts?fields=Account_Name')).status).toBe(200);
});

test('garbage never crashes the server', async () => {
  for (const path of ['/crm/v8/%E0%A4%A', '/crm/v8/Leads/%ZZ', '/crm//', '/crm/v8/Leads?fields=%', '/crm/v8/Leads/search?criteria=((((']) {
    const res = await rawCall(`${h.sb.url}${path}`, 'GET', { token: h.token });
    expect(res.status).toBeGreaterThanOrEqual(200);
    expect(res.status).toBeLessThan(500);
  }
  const res = await h.call('PUT', '/crm/v8/Leads', { raw: 'null', headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(400);
  const arr = await h.call('POST', '/crm/v8/Leads', { body: { data: [null, 5, 'x', [1]] } });
  expect(arr.status).toBe(400);
  expect(arr.json.data).toHaveLength(4);
});
