/**
 * Plain-words hints for Zoho's common error codes, keyed by code. Each one says what went wrong in the
 * user's terms (the field, the existing record, the missing scope) and what to do about it.
 */

export interface HintContext {
  /** Connection nickname, for "run `zcrm connect <nickname>`". */
  nickname?: string;
  /** Scopes the connection's token was granted. */
  grantedScopes?: readonly string[];
  /** The scope this request needs, when it can be worked out. */
  requiredScope?: string;
  method?: string;
  path?: string;
}

export type Details = Record<string, unknown>;
type HintFn = (details: Details, message: string, ctx: HintContext) => string | undefined;

const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
const obj = (v: unknown): Details | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Details) : undefined);

function fieldName(d: Details): string | undefined {
  return str(d.api_name) ?? str(d.param_name) ?? str(d.json_path);
}

function reconnect(ctx: HintContext): string {
  return `\`zcrm connect ${ctx.nickname ?? '<nickname>'}\``;
}

const HINTS: Record<string, HintFn> = {
  DUPLICATE_DATA(d) {
    const field = fieldName(d) ?? 'a unique field';
    const dup = obj(d.duplicate_record);
    const module = str(obj(dup?.module)?.api_name) ?? 'the module';
    const id = str(dup?.id) ?? str(d.id);
    const owner = str(obj(dup?.Owner)?.name);
    const existing = id ? `${module} record ${id}${owner ? ` (owner ${owner})` : ''} already has this value` : 'another record already has this value';
    return `${field} must be unique and ${existing}. Update the existing record instead, or use a different ${field}.`;
  },
  MANDATORY_NOT_FOUND(d) {
    const field = fieldName(d);
    const rule = str(obj(d.layout_rule)?.name);
    if (!field) return 'A mandatory field is missing: add it to the record.';
    return `${field} is mandatory${rule ? ` (layout rule "${rule}")` : ' in this module'}: add it to the record.`;
  },
  INVALID_DATA(d, message) {
    const field = str(d.api_name);
    if (!field) {
      if (d.resource_path_index !== undefined || /record id/i.test(message)) return 'The record id is not a valid id of a record in this module: check the id (a string of digits) and the module.';
      if (str(d.id)) return `The item with id ${str(d.id)} was not processed: check that the id exists in this module.`;
      return 'Zoho rejected a value in the request: check the field names and values.';
    }
    const parts = [`The value given for ${field} is not valid`];
    if (str(d.expected_data_type)) parts.push(`Zoho expects ${str(d.expected_data_type)}`);
    if (str(d.maximum_length)) parts.push(`at most ${str(d.maximum_length)} characters`);
    if (Array.isArray(d.supported_values)) parts.push(`one of: ${d.supported_values.map(String).join(', ')}`);
    if (/api name/i.test(message)) return `${field} is not a field API name of this module: check the spelling and case (the module's fields list has them).`;
    return `${parts.join('; ')}.`;
  },
  NO_PERMISSION(d, _m, ctx) {
    const perms = Array.isArray(d.permissions) ? ` (${d.permissions.map(String).join(', ')})` : '';
    return `The Zoho user of connection "${ctx.nickname ?? '?'}" lacks the permission for this${perms}. Ask a Zoho CRM administrator to grant it in the user's profile, or connect as a user who has it.`;
  },
  OAUTH_SCOPE_MISMATCH(_d, _m, ctx) {
    const missing = ctx.requiredScope ? `the scope ${ctx.requiredScope}` : 'a scope this request needs';
    const has = ctx.grantedScopes && ctx.grantedScopes.length > 0 ? ` (it has ${ctx.grantedScopes.join(', ')})` : '';
    return `The connection's token lacks ${missing}${has}. Run ${reconnect(ctx)} again to grant the scopes the connector asks for.`;
  },
  INVALID_TOKEN(_d, _m, ctx) {
    return `The access token was refused. If this keeps happening, run ${reconnect(ctx)} again.`;
  },
  AUTHENTICATION_FAILURE(_d, _m, ctx) {
    return `Zoho did not accept the credentials of this connection. Run ${reconnect(ctx)} again.`;
  },
  INVALID_MODULE() {
    return 'The module name is not a module API name of this org. API names are case-sensitive (Leads, Contacts, Deals, or a custom module\'s API name).';
  },
  INVALID_URL_PATTERN(_d, _m, ctx) {
    return `${ctx.path ?? 'The path'} is not a Zoho CRM API path: check it against Zoho's API reference.`;
  },
  REQUIRED_PARAM_MISSING(d) {
    const p = fieldName(d);
    return p ? `Add the ${p} parameter.` : 'A required parameter is missing.';
  },
  EXPECTED_PARAM_MISSING(d) {
    return Array.isArray(d.param_names) ? `Give one of: ${d.param_names.map(String).join(', ')}.` : undefined;
  },
  LIMIT_EXCEEDED(d) {
    const limit = str(d.limit) ?? str(d.maximum_length);
    const what = fieldName(d);
    return limit ? `Zoho allows at most ${limit}${what ? ` for ${what}` : ''}: split the request.` : 'The request exceeds a Zoho limit: split it.';
  },
  DISCRETE_PAGINATION_LIMIT_EXCEEDED() {
    return 'Page numbers reach only the first 2,000 records; past them, page with page_token (the client\'s paginate() does this).';
  },
  PAGINATION_LIMIT_EXCEEDED() {
    return 'Zoho lists at most 100,000 records, even with page_token: narrow the query (a custom view, a search or COQL with a condition on id or Modified_Time).';
  },
  TOKEN_BOUND_DATA_MISMATCH() {
    return 'A page_token only works with the exact query it came from: keep fields, sort and filters unchanged, or start again without it.';
  },
  EXPIRED_VALUE(d) {
    return str(d.api_name) === 'page_token' || str(d.param_name) === 'page_token' ? 'The page_token expired: start the listing again from the first page.' : undefined;
  },
  LIMIT_REACHED() {
    return 'Search returns at most 2,000 records: narrow the criteria, or use COQL for larger result sets.';
  },
  CRITERIA_LIMIT_EXCEEDED() {
    return 'Too many conditions in the criteria: combine them (for example with the in operator) or use COQL.';
  },
  INVALID_QUERY(d, message) {
    const near = str(d.near) ?? str(d.column_name) ?? fieldName(d);
    return `The query was not accepted (${message})${near ? ` near "${near}"` : ''}: check field API names and operators.`;
  },
  SYNTAX_ERROR(d) {
    const where = [str(d.clause) && `clause ${str(d.clause)}`, str(d.line) && `line ${str(d.line)}`, str(d.column) && `column ${str(d.column)}`, str(d.near) && `near "${str(d.near)}"`].filter(Boolean);
    return `The COQL query has a syntax error${where.length ? ` (${where.join(', ')})` : ''}. COQL is SELECT fields FROM module WHERE conditions [ORDER BY ...] [LIMIT offset, count].`;
  },
  RECORD_LOCKED() {
    return 'The record is locked in Zoho (record locking or an approval): unlock it in Zoho CRM, then try again.';
  },
  NOT_APPROVED() {
    return 'The record waits for approval in Zoho CRM: approve or reject it first.';
  },
  ID_ALREADY_CONVERTED() {
    return 'This lead was already converted: read the contact, account or deal it became instead.';
  },
  ALREADY_MODIFIED() {
    return 'The record changed in Zoho after the time you gave: read it again and reapply your change.';
  },
  MAPPING_MISMATCH(d) {
    return `${str(d.api_name) ?? 'A value'} does not belong to the ${str(d.mapped_field) ?? 'related field'} you chose (for example a Stage not in the Pipeline).`;
  },
  AUTHORIZATION_FAILED(_d, _m, ctx) {
    return `The Zoho user of connection "${ctx.nickname ?? '?'}" is not allowed to do this; ask a Zoho CRM administrator.`;
  },
  TOO_MANY_REQUESTS() {
    return 'Zoho\'s API limit for this org was reached: the day\'s API credits, or too many calls at once. Wait and retry, or lower the concurrency (ZOHO_CONCURRENCY).';
  },
  INTERNAL_ERROR() {
    return 'Zoho had an internal error. Retry later; if it persists, check status.zoho.com.';
  },
  INVALID_HOST() {
    return 'Calls must go to the API domain Zoho returned with the token (www.zohoapis.<dc>): reconnect with the right --dc.';
  },
  MULTIPLE_OR_MULTI_ERRORS(d, _m, ctx) {
    const errors = Array.isArray(d.errors) ? (d.errors as Details[]) : [];
    const hints = errors.map((e) => hintFor(String(e.code ?? ''), obj(e.details) ?? {}, String(e.message ?? ''), ctx)).filter(Boolean);
    return hints.length > 0 ? hints.join(' ') : undefined;
  },
};

/** The hint for a Zoho error code, or undefined when the code has none. */
export function hintFor(code: string, details: Details, message: string, ctx: HintContext): string | undefined {
  const fn = HINTS[code];
  return fn ? fn(details, message, ctx) : undefined;
}

