/**
 * fast-check arbitraries of inputs for every one of the 17 actions: `valid` ones follow the action's input
 * schema (free text drawn from every Unicode code point, lone surrogates included), `invalid` ones break it in
 * one of the ways a caller could, and `expectedCalls` says which requests a valid input may send to Zoho.
 */
import { fc } from '@fast-check/jest';

/** Ids and names of the seeded sandbox the generators draw from (unknown ones are generated too). */
export interface Pool {
  leadIds: string[];
  contactIds: string[];
  noteIds: string[];
}

const MODULES = ['Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Calls', 'Events', 'Projects'];
const FIELDS = ['Last_Name', 'First_Name', 'Company', 'Email', 'Phone', 'Description', 'Lead_Status', 'Annual_Revenue', 'Owner', 'Created_Time', 'Account_Name'];
const TRIGGERS = ['workflow', 'approval', 'blueprint'];

/** Characters that break naive encoders: URL and criteria syntax, quotes, controls, separators, astral ones. */
const EDGE = ['%', '&', '=', '+', '#', '?', '/', '\\', '(', ')', ',', ':', "'", '"', '\r', '\n', '\u0000', '\u2028', '\uFEFF', ' ', '\u00e9', '\u20ac', '\ud83d\ude00', '\uff0e', 'a', 'Z', '1'];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Any well-formed text: every code point, control characters and the edge characters above included. */
export const anyText = (maxLength = 24) =>
  fc.oneof(fc.string({ unit: 'binary', maxLength }), fc.string({ unit: 'grapheme', maxLength }), fc.string({ unit: fc.constantFrom(...EDGE), maxLength }), fc.string({ maxLength })).filter((s) => !LONE_SURROGATE.test(s));
const nonEmptyText = (maxLength = 24) => anyText(maxLength).filter((s) => s.length > 0);
/** Length as JSON Schema counts it: code points, not UTF-16 units. */
const points = (text: string) => [...text].length;

const moduleName = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...MODULES) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/).filter((m) => !['Notes', 'coql', 'settings', 'users', 'org'].includes(m)) });
const randomId = fc.stringMatching(/^[0-9]{1,19}$/);
const fieldName = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z$][A-Za-z0-9_$.]{0,20}$/) });
const fieldList = (min: number) => fc.uniqueArray(fieldName, { minLength: min, maxLength: 6 });
const fieldValue = fc.oneof(anyText(40), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const recordData = fc.dictionary(fieldName, fieldValue, { maxKeys: 5 });
const trigger = fc.subarray(TRIGGERS);
const limit = fc.integer({ min: 1, max: 250 });
const sortBy = fc.constantFrom('id', 'Created_Time', 'Modified_Time');
const sortOrder = fc.constantFrom('asc', 'desc');
const criteriaOperator = fc.constantFrom('equals', 'not_equal', 'starts_with', 'in', 'not_in', 'greater_than', 'greater_equal', 'less_than', 'less_equal', 'between');
const criteriaValue = fc.oneof(anyText(16), fc.integer(), fc.boolean(), fc.constant(null));

const condition = fc
  .record({ field: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_$.]{0,20}$/), operator: criteriaOperator })
  .chain(({ field, operator }) =>
    (operator === 'between' ? fc.tuple(criteriaValue, criteriaValue) : operator === 'in' || operator === 'not_in' ? fc.array(criteriaValue, { minLength: 1, maxLength: 4 }) : criteriaValue).map((value) => ({ field, operator, value })),
  );
const structuredCriteria = fc.oneof(
  condition,
  fc.array(condition, { minLength: 1, maxLength: 3 }),
  fc.record({ and: fc.array(condition, { minLength: 1, maxLength: 3 }) }),
  fc.record({ or: fc.array(condition, { minLength: 1, maxLength: 3 }) }),
);

function optional<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[]) {
  return fc.record(model, { requiredKeys: required as never[] });
}

export function validInputs(pool: Pool): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  const leadId = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool.leadIds) }, { weight: 1, arbitrary: randomId });
  const recordId = fc.oneof(leadId, fc.constantFrom(...pool.contactIds), randomId);
  const noteId = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...pool.noteIds) }, { weight: 1, arbitrary: randomId });
  const relativeUrl = fc.oneof(
    fc.constantFrom('/v8/org', '/v8/users?type=CurrentUser', '/v2/Leads?fields=Last_Name', '/v8/settings/modules', '/v8/Leads/search'),
    fc.tuple(fc.constantFrom('v2', 'v3', 'v8', 'v9'), moduleName, fc.option(randomId, { nil: undefined })).map(([v, m, id]) => `/${v}/${m}${id ? `/${id}` : ''}`),
    anyText(30).map((s) => `/v8/${s}`),
  );
  return {
    'create-record': optional({ module: moduleName, record: recordData, trigger, returnRecord: fc.boolean() }, ['module', 'record']),
    'get-record': optional({ module: moduleName, id: recordId, fields: fieldList(0) }, ['module', 'id']),
    'list-records': optional(
      { module: moduleName, fields: fieldList(0), sortBy, sortOrder, limit, pageToken: fc.stringMatching(/^\S{1,40}$/), modifiedSince: fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), cvid: randomId },
      ['module'],
    ),
    'update-record': optional({ module: moduleName, id: recordId, record: recordData, trigger }, ['module', 'id', 'record']),
    'update-records': optional({ module: moduleName, records: fc.array(fc.tuple(recordId, recordData).map(([id, r]) => ({ ...r, id })), { minLength: 1, maxLength: 4 }), trigger }, ['module', 'records']),
    'delete-record': optional({ module: moduleName, id: recordId, wfTrigger: fc.boolean() }, ['module', 'id']),
    'delete-records': optional({ module: moduleName, ids: fc.array(recordId, { minLength: 1, maxLength: 4 }), wfTrigger: fc.boolean() }, ['module', 'ids']),
    'clone-record': optional({ module: moduleName, id: recordId, overrides: recordData, trigger }, ['module', 'id']),
    'list-deleted-records': optional({ module: moduleName, type: fc.constantFrom('all', 'recycle', 'permanent'), limit, page: fc.integer({ min: 1, max: 500 }) }, ['module']),
    'convert-lead': optional(
      {
        id: leadId,
        account: randomId,
        contact: randomId,
        overwrite: fc.boolean(),
        assignTo: randomId,
        deal: optional(
          { Deal_Name: nonEmptyText(30).filter((s) => points(s) <= 120), Stage: nonEmptyText(20), Closing_Date: fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), Pipeline: nonEmptyText(20), Amount: fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }) },
          ['Deal_Name', 'Stage', 'Closing_Date'],
        ),
        notifyLeadOwner: fc.boolean(),
        notifyNewEntityOwner: fc.boolean(),
      },
      ['id'],
    ),
    'search-records': fc.oneof(
      // exactly one way of searching: what the action needs
      fc.tuple(
        moduleName,
        fc.oneof(
          structuredCriteria.map((criteria) => ({ criteria })),
          nonEmptyText(40).map((criteria) => ({ criteria })),
          nonEmptyText(30).map((email) => ({ email })),
          anyText(20).filter((p) => points(p) >= 3).map((phone) => ({ phone })),
          anyText(20).filter((w) => points(w) >= 2).map((word) => ({ word })),
        ),
        optional({ fields: fieldList(0), limit: fc.integer({ min: 1, max: 250 }), page: fc.integer({ min: 1, max: 20 }), perPage: fc.integer({ min: 1, max: 200 }), sortBy, sortOrder, converted: fc.constantFrom('false', 'true', 'both') }, []),
      ).map(([module, how, rest]) => ({ module, ...how, ...rest })),
      // none, or two at once: valid for the schema, refused by the action
      fc.tuple(moduleName, fc.boolean()).map(([module, two]) => (two ? { module, email: 'a@b.example', word: 'zz' } : { module })),
    ),
    'execute-coql': optional(
      {
        query: fc.oneof(
          anyText(30).map((v) => `select Last_Name, Email from Leads where Last_Name = '${v.replace(/'/g, "''")}'`),
          fc.tuple(fc.constantFrom('select', 'SELECT', '  Select'), anyText(60)).map(([s, rest]) => `${s} ${rest}`),
          fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 3000 })).map(([o, l]) => `select id from Leads where id is not null limit ${o}, ${l}`),
        ),
        limit: fc.integer({ min: 1, max: 250 }),
        offset: fc.integer({ min: 0, max: 99_999 }),
      },
      ['query'],
    ),
    'get-note': optional({ id: noteId, fields: fieldList(1) }, ['id']),
    'list-notes': fc.oneof(
      optional({ fields: fieldList(1), limit, page: fc.integer({ min: 1, max: 20 }), perPage: fc.integer({ min: 1, max: 200 }), sortBy, sortOrder }, []),
      fc.tuple(moduleName, recordId, optional({ fields: fieldList(1), limit, perPage: fc.integer({ min: 1, max: 200 }) }, [])).map(([parentModule, parentId, rest]) => ({ parentModule, parentId, ...rest })),
      // one half of a pair, or page with pageToken: valid for the schema, refused by the action
      fc.constantFrom<Record<string, unknown>>({ parentModule: 'Leads' }, { parentId: '1' }, { page: 2, pageToken: 'abc' }),
    ),
    'delete-note': fc.record({ id: noteId }),
    'delete-notes': fc.record({ ids: fc.array(noteId, { minLength: 1, maxLength: 4 }) }),
    'custom-api-request': fc
      .tuple(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        relativeUrl,
        optional({ query: fc.dictionary(fc.stringMatching(/^[a-z_]{1,10}$/), fc.oneof(anyText(20), fc.integer(), fc.boolean(), fc.array(fc.oneof(anyText(8), fc.integer()), { maxLength: 3 })), { maxKeys: 3 }), headers: fc.dictionary(fc.constantFrom('X-Note', 'Accept', 'If-Modified-Since', 'X-Trace'), anyText(20), { maxKeys: 2 }), failOnError: fc.boolean() }, []),
        fc.option(fc.oneof(recordData.map((r) => ({ data: [r] })), anyText(20)), { nil: undefined }),
      )
      .map(([method, url, rest, body]) => ({ method, relativeUrl: url, ...rest, ...(body !== undefined && method !== 'GET' ? { body } : {}) })),
  };
}

/** One way of breaking a valid input: a required key gone, a key too many, a wrong type, a value out of bounds. */
export function invalidInputs(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> {
  const wrongValue = fc.oneof(fc.constant(null), fc.integer(), fc.constant(''), fc.constant([]), fc.constant({ nested: { deep: true } }), fc.constant(-1), fc.constant(1.5), fc.constant(1e12), fc.constant('not a number'), anyText(10));
  return fc.oneof(
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant([]), fc.constant('input'), fc.integer(), fc.constant(true)) },
    { weight: 3, arbitrary: fc.tuple(valid, fc.nat()).map(([input, n]) => omitKey(input, n)) },
    { weight: 3, arbitrary: fc.tuple(valid, fc.stringMatching(/^[a-z][A-Za-z]{2,12}$/), fieldValue).map(([input, key, value]) => ({ ...input, [`x${key}`]: value })) },
    { weight: 6, arbitrary: fc.tuple(valid, fc.nat(), wrongValue).map(([input, n, value]) => replaceKey(input, n, value)) },
    // Text that is not valid Unicode, wherever a string is: a lone surrogate.
    { weight: 3, arbitrary: fc.tuple(valid, fc.nat(), fc.constantFrom('\uD800', '\uDFFF', '\uDBFF')).map(([input, n, lone]) => breakText(input, n, lone)) },
  );
}

/** The input with a lone surrogate put into its n-th string (or as a new key when it has none). */
function breakText(input: Record<string, unknown>, n: number, lone: string): unknown {
  const copy = structuredClone(input) as Record<string, unknown>;
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach((item, i) => (typeof item === 'string' ? slots.push([value, i]) : walk(item)));
    else if (value && typeof value === 'object') for (const [k, item] of Object.entries(value)) typeof item === 'string' ? slots.push([value as Record<string, unknown>, k]) : walk(item);
  };
  walk(copy);
  if (slots.length === 0) return { ...copy, [`x${lone}`]: 1 };
  const [holder, key] = slots[n % slots.length]!;
  (holder as Record<string | number, unknown>)[key] = `${String((holder as Record<string | number, unknown>)[key])}${lone}`;
  return copy;
}

function omitKey(input: Record<string, unknown>, n: number): Record<string, unknown> {
  const keys = Object.keys(input);
  if (keys.length === 0) return { unexpected: true };
  const copy = { ...input };
  delete copy[keys[n % keys.length]!];
  return copy;
}

function replaceKey(input: Record<string, unknown>, n: number, value: unknown): Record<string, unknown> {
  const keys = Object.keys(input);
  if (keys.length === 0) return { unexpected: value };
  return { ...input, [keys[n % keys.length]!]: value };
}

export interface ExpectedCall {
  method: string;
  /** The request's path as the sandbox logged it (no query). */
  path: RegExp;
  /** Query parameter names it may carry. */
  query: string[];
}

const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const LIST_QUERY = ['fields', 'sort_by', 'sort_order', 'cvid', 'page', 'per_page', 'page_token', 'converted'];
const METADATA: ExpectedCall[] = [
  { method: 'GET', path: /^\/crm\/v8\/settings\/fields$/, query: ['module'] },
  { method: 'GET', path: /^\/crm\/v8\/settings\/modules$/, query: [] },
];

/** The requests a schema-valid input of `action` may send, as Zoho expects them. */
export function expectedCalls(action: string, input: Record<string, unknown>): ExpectedCall[] {
  const m = esc(String(input.module ?? ''));
  const id = esc(String(input.id ?? ''));
  switch (action) {
    case 'create-record':
      return [{ method: 'POST', path: new RegExp(`^/crm/v8/${m}$`), query: [] }, { method: 'GET', path: new RegExp(`^/crm/v8/${m}/\\d+$`), query: ['fields'] }];
    case 'get-record':
      return [{ method: 'GET', path: new RegExp(`^/crm/v8/${m}/${id}$`), query: ['fields'] }];
    case 'list-records':
      return [{ method: 'GET', path: new RegExp(`^/crm/v8/${m}$`), query: LIST_QUERY }, ...METADATA];
    case 'update-record':
      return [{ method: 'PUT', path: new RegExp(`^/crm/v8/${m}/${id}$`), query: [] }];
    case 'update-records':
      return [{ method: 'PUT', path: new RegExp(`^/crm/v8/${m}$`), query: [] }];
    case 'delete-record':
      return [{ method: 'DELETE', path: new RegExp(`^/crm/v8/${m}/${id}$`), query: ['wf_trigger'] }];
    case 'delete-records':
      return [{ method: 'DELETE', path: new RegExp(`^/crm/v8/${m}$`), query: ['ids', 'wf_trigger'] }];
    case 'clone-record':
      return [{ method: 'POST', path: new RegExp(`^/crm/v8/${m}/${id}/actions/clone$`), query: [] }];
    case 'list-deleted-records':
      return [{ method: 'GET', path: new RegExp(`^/crm/v8/${m}/deleted$`), query: ['type', 'page', 'per_page'] }];
    case 'convert-lead':
      return [{ method: 'POST', path: new RegExp(`^/crm/v8/Leads/${id}/actions/convert$`), query: [] }];
    case 'search-records':
      return [{ method: 'GET', path: new RegExp(`^/crm/v8/${m}/search$`), query: ['criteria', 'email', 'phone', 'word', 'fields', 'sort_by', 'sort_order', 'converted', 'page', 'per_page'] }];
    case 'execute-coql':
      return [{ method: 'POST', path: /^\/crm\/v8\/coql$/, query: [] }];
    case 'get-note':
      return [{ method: 'GET', path: new RegExp(`^/crm/v8/Notes/${id}$`), query: ['fields'] }];
    case 'list-notes':
      return [
        { method: 'GET', path: /^\/crm\/v8\/Notes$/, query: LIST_QUERY },
        { method: 'GET', path: new RegExp(`^/crm/v8/${esc(String(input.parentModule ?? ''))}/${esc(String(input.parentId ?? ''))}/Notes$`), query: LIST_QUERY },
      ];
    case 'delete-note':
      return [{ method: 'DELETE', path: new RegExp(`^/crm/v8/Notes/${id}$`), query: [] }];
    case 'delete-notes':
      return [{ method: 'DELETE', path: /^\/crm\/v8\/Notes$/, query: ['ids'] }];
    case 'custom-api-request':
      return [{ method: String(input.method), path: /^\/crm\/[^?#]*$/, query: ['*'] }];
    default:
      throw new Error(`no expectation for ${action}`);
  }
}
