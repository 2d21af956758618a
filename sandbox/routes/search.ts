/**
 * `GET /{module}/search`: one of `criteria` (Zoho's grammar, parsed by sandbox/query), `email`, `phone` or
 * `word`, in that priority; converted leads hidden by default; only the first 2,000 matches reachable
 * (LIMIT_REACHED past them); 204 when nothing matches.
 */
import type { CrmContext } from '../context';
import { json, noContent, type Reply } from '../http/reply';
import { ZohoHttpError } from '../http-error';
import { matchesCriteria, parseCriteria, validateCriteria } from '../query/criteria';
import { readPage } from '../records/paging';
import { convertedParam, fieldsParam, pageParams, sortParams } from '../records/params';
import { project } from '../records/project';
import { moduleFor } from '../records/resolve';
import type { RouteDef } from '../router';
import type { FieldDef, ModuleDef } from '../seed/modules';
import type { StoredRecord } from '../store/module-store';
import { convertedFilter } from './records';

export const SEARCH_LIMIT = 2000;

const TEXT_TYPES = new Set(['text', 'textarea', 'email', 'phone', 'website', 'picklist']);

function contains(fields: readonly FieldDef[], needle: string, normalize: (s: string) => string): (r: StoredRecord) => boolean {
  const wanted = normalize(needle);
  return (r) =>
    fields.some((f) => {
      const v = r.data[f.api_name];
      return typeof v === 'string' && normalize(v).includes(wanted);
    });
}

/**
 * The lower-cased text of a record's text fields, joined by a separator no value contains, cached per data
 * object (an update replaces the object, so the cache never goes stale): `word` scans stay cheap on big modules.
 */
const wordText = new WeakMap<object, string>();
const SEPARATOR = '\u0000';

function textOf(r: StoredRecord, fields: readonly FieldDef[]): string {
  let text = wordText.get(r.data);
  if (text === undefined) {
    text = fields.map((f) => (typeof r.data[f.api_name] === 'string' ? (r.data[f.api_name] as string).toLowerCase() : '')).join(SEPARATOR);
    wordText.set(r.data, text);
  }
  return text;
}

function invalidQuery(param: string): ZohoHttpError {
  return new ZohoHttpError(400, 'INVALID_QUERY', 'Invalid query formed', { api_name: param, param_name: param });
}

function matcher(ctx: CrmContext, def: ModuleDef): (r: StoredRecord) => boolean {
  const fields = def.fields;
  const q = ctx.query;
  const criteria = q.get('criteria');
  if (criteria !== null && criteria !== '') {
    const parsed = parseCriteria(criteria);
    const queryFields = ctx.org.queryFields(def);
    validateCriteria(parsed, queryFields);
    return (r) => matchesCriteria(parsed, r.data, queryFields);
  }
  const email = q.get('email');
  if (email !== null && email !== '') return contains(fields.filter((f) => f.data_type === 'email'), email, (s) => s.toLowerCase());
  const phone = q.get('phone');
  if (phone !== null && phone !== '') {
    const digits = phone.replace(/\D/g, '');
    if (digits.length < 3) throw invalidQuery('phone');
    return contains(fields.filter((f) => f.data_type === 'phone'), digits, (s) => s.replace(/\D/g, ''));
  }
  const word = q.get('word');
  if (word !== null && word !== '') {
    if (word.trim().length < 2) throw invalidQuery('word');
    const textFields = fields.filter((f) => TEXT_TYPES.has(f.data_type));
    const wanted = word.trim().toLowerCase();
    return (r) => textOf(r, textFields).includes(wanted);
  }
  throw new ZohoHttpError(400, 'EXPECTED_PARAM_MISSING', 'one of the expected parameter is missing', { param_names: ['criteria', 'email', 'phone', 'word'] });
}

function search(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'READ', { allowNotes: false });
  if (ctx.version.number < 3) ctx.requireScope('ZohoSearch.securesearch.READ');
  const match = matcher(ctx, def);
  const fields = fieldsParam(ctx, false);
  const { page, perPage } = pageParams(ctx);
  if (page * perPage > SEARCH_LIMIT) throw new ZohoHttpError(400, 'LIMIT_REACHED', 'maximum response iteration limit reached', { limit: String(SEARCH_LIMIT) });
  const { sortKey, descending } = sortParams(ctx, { by: 'id', descending: true });
  const converted = convertedFilter(def, convertedParam(ctx));
  const filter = converted ? (r: StoredRecord) => converted(r) && match(r) : match;
  const result = readPage(store, { sortKey, descending, perPage, skip: (page - 1) * perPage, filter });
  if (result.records.length === 0) return noContent();
  const more = result.more && page * perPage < SEARCH_LIMIT;
  return json(200, {
    data: result.records.map((r) => project(r.data, fields)),
    info: { per_page: perPage, count: result.records.length, page, more_records: more },
  });
}

export const searchRoutes: RouteDef[] = [{ pattern: ':module/search', handlers: { GET: search } }];
