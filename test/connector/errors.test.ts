// Both of Zoho's error shapes become one ZohoError with category, retryable and a plain-words hint.
import { exitCodeFor, HostError } from '../../runtime/errors';
import { ZohoError, zohoErrorFromResponse } from '../../connector/errors';

const req = { method: 'POST', path: '/crm/v8/Leads' };

test('the flat shape', () => {
  const e = zohoErrorFromResponse(400, { code: 'INVALID_MODULE', details: { resource_path_index: 0 }, message: 'the module name given seems to be invalid', status: 'error' }, { method: 'GET', path: '/crm/v8/Lead' });
  expect(e).toBeInstanceOf(HostError);
  expect(e).toMatchObject({ code: 'INVALID_MODULE', httpStatus: 400, category: 'remote', retryable: false, zohoMessage: 'the module name given seems to be invalid', details: { resource_path_index: 0 } });
  expect(e.message).toBe('Zoho CRM refused GET /crm/v8/Lead: the module name given seems to be invalid');
  expect(exitCodeFor(e.category)).toBe(1);
});

test('the data-wrapped shape keeps every item', () => {
  const body = {
    data: [
      { code: 'INVALID_DATA', details: { api_name: 'Email', json_path: '$.data[0].Email', expected_data_type: 'email' }, message: 'invalid data', status: 'error' },
      { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' }, message: 'required field not found', status: 'error' },
    ],
  };
  const e = zohoErrorFromResponse(400, body, req);
  expect(e.code).toBe('INVALID_DATA');
  expect(e.items).toHaveLength(2);
  expect(e.message).toMatch(/and 1 more item errors/);
  expect(e.hint).toBe('The value given for Email is not valid; Zoho expects email.');
});

test.each([
  ['DUPLICATE_DATA', { api_name: 'Email', id: '9', duplicate_record: { id: '5725767000000524157', module: { api_name: 'Leads' }, Owner: { name: 'Patricia Boyle' } } }, /Email must be unique and Leads record 5725767000000524157 \(owner Patricia Boyle\) already has this value/],
  ['MANDATORY_NOT_FOUND', { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' }, /Last_Name is mandatory in this module/],
  ['INVALID_DATA', { api_name: 'Phone', maximum_length: 30 }, /Phone is not valid; at most 30 characters/],
  ['INVALID_DATA', { api_name: 'Lead_Status', supported_values: ['New', 'Lost'] }, /one of: New, Lost/],
  ['NO_PERMISSION', { permissions: ['Crm_Implied_View_Leads'] }, /lacks the permission for this \(Crm_Implied_View_Leads\).*administrator/],
  ['DISCRETE_PAGINATION_LIMIT_EXCEEDED', { limit: 2000 }, /page_token/],
  ['SYNTAX_ERROR', { near: 'form' }, /near "form"/],
])('%s has a plain-words hint', (code, details, hint) => {
  const e = zohoErrorFromResponse(400, { code, details, message: 'x', status: 'error' }, req, { nickname: 'acme' });
  expect(e.hint).toMatch(hint);
});

test('OAUTH_SCOPE_MISMATCH names the missing scope and is an auth problem (exit 3)', () => {
  const e = zohoErrorFromResponse(401, { code: 'OAUTH_SCOPE_MISMATCH', details: {}, message: 'Unauthorized', status: 'error' }, req, { nickname: 'acme', requiredScope: 'ZohoCRM.modules.leads.CREATE', grantedScopes: ['ZohoCRM.users.READ'] });
  expect(e.category).toBe('auth');
  expect(exitCodeFor(e.category)).toBe(3);
  expect(e.hint).toBe('The connection\'s token lacks the scope ZohoCRM.modules.leads.CREATE (it has ZohoCRM.users.READ). Run `zcrm connect acme` again to grant the scopes the connector asks for.');
});

test.each([
  [429, 'TOO_MANY_REQUESTS', true],
  [500, 'INTERNAL_ERROR', true],
  [503, 'SERVICE_UNAVAILABLE', true],
  [403, 'NO_PERMISSION', false],
])('HTTP %i %s retryable=%s', (status, code, retryable) => {
  expect(zohoErrorFromResponse(status, { code, details: {}, message: 'm', status: 'error' }, req).retryable).toBe(retryable);
});

test('a body that is not Zoho JSON still gives a typed error', () => {
  const e = zohoErrorFromResponse(502, '<html>Bad gateway</html>', req);
  expect(e).toBeInstanceOf(ZohoError);
  expect(e).toMatchObject({ code: 'HTTP_502', httpStatus: 502, retryable: true });
});

test('toJSON is the serializable error shape', () => {
  const e = zohoErrorFromResponse(400, { code: 'MANDATORY_NOT_FOUND', details: { api_name: 'Last_Name' }, message: 'required field not found', status: 'error' }, req);
  expect(e.toJSON()).toEqual({ code: 'MANDATORY_NOT_FOUND', message: e.message, category: 'remote', retryable: false, httpStatus: 400, hint: e.hint, details: { api_name: 'Last_Name' } });
});
