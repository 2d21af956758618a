/**
 * The list answer of `GET /{module}` and `GET /Notes`: parameters checked, filters applied while paging, v8's
 * reach rules (2,000 records by `page`, then `page_token` up to 100,000), `If-Modified-Since` → 304, 204 when
 * nothing matches, and `info` with exactly the keys Zoho sends for the version.
 */
import { zohoDateTime } from '../clock';
import type { CrmContext } from '../context';
import { discretePaginationLimit, pageTokenExpired, paginationLimit, tokenMismatch } from '../errors';
import { json, noContent, notModified, type Reply } from '../http/reply';
import type { ModuleDef } from '../seed/modules';
import type { ModuleStore, SortKey, StoredRecord } from '../store/module-store';
import type { PageCursor } from '../store/page-tokens';
import { readPage, positionOf } from './paging';
import { ifModifiedSince, isModern, pageParams, sortParams } from './params';
import { project } from './project';

/** Records reachable with `page` alone (v5+). */
export const DISCRETE_LIMIT = 2000;
/** Records reachable with page tokens. */
export const TOKEN_LIMIT = 100_000;

export interface ListSpec {
  def: ModuleDef;
  store: ModuleStore;
  fields: string[] | null;
  defaults: { by: SortKey; descending: boolean };
  /** Conditions a record must meet, beyond If-Modified-Since. */
  filters: Array<(record: StoredRecord) => boolean>;
  /** Notes' `info` has no `call` and `email` keys and another key order (Zoho's notes example). */
  infoStyle?: 'records' | 'notes';
}

/** Everything of the query but page and page_token, in a fixed order: what a token is bound to. */
function binding(ctx: CrmContext, def: ModuleDef): string {
  const params = [...ctx.query.entries()].filter(([k]) => k !== 'page_token' && k !== 'page').sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1));
  return JSON.stringify([ctx.version.label, def.api_name, ctx.url.pathname.toLowerCase(), params, ctx.headers['if-modified-since'] ?? null]);
}

function combine(filters: Array<(record: StoredRecord) => boolean>): ((record: StoredRecord) => boolean) | undefined {
  if (filters.length === 0) return undefined;
  if (filters.length === 1) return filters[0];
  return (record) => filters.every((f) => f(record));
}

export function listReply(ctx: CrmContext, spec: ListSpec): Reply {
  const modern = isModern(ctx);
  const { page, perPage } = pageParams(ctx);
  const { sortKey, descending } = sortParams(ctx, spec.defaults);
  const since = ifModifiedSince(ctx);
  const filters = [...spec.filters];
  if (since !== null) filters.push((r) => r.modifiedMs > since);
  const key = binding(ctx, spec.def);

  let cursor: PageCursor | undefined;
  const tokenText = modern ? ctx.query.get('page_token') : null;
  if (tokenText !== null && tokenText !== '') {
    const found = ctx.org.pageTokens.lookup(tokenText);
    if (found === 'expired') throw pageTokenExpired();
    if (!found || found.binding !== key) throw tokenMismatch();
    if (found.offset >= TOKEN_LIMIT) throw paginationLimit();
    cursor = found;
  } else if (modern && page * perPage > DISCRETE_LIMIT) {
    throw discretePaginationLimit();
  }

  const offset = cursor ? cursor.offset : (page - 1) * perPage;
  const result = readPage(spec.store, {
    sortKey,
    descending,
    perPage,
    skip: offset,
    ...(cursor ? { after: cursor.after } : {}),
    filter: combine(filters),
  });
  if (result.records.length === 0) return since !== null ? notModified() : noContent();

  const data = result.records.map((r) => project(r.data, spec.fields));
  const count = result.records.length;
  if (!modern) return json(200, { data, info: { per_page: perPage, count, page, more_records: result.more } });

  let next: { token: string; expiresAt: number } | null = null;
  if (result.more) {
    next = ctx.org.pageTokens.mint(
      {
        binding: key,
        sortKey,
        descending,
        after: positionOf(result.records[count - 1] as StoredRecord, sortKey),
        offset: offset + count,
        previous: tokenText !== null && tokenText !== '' ? tokenText : null,
      },
      ctx.config.pageTokenTtlSec * 1000,
    );
  }
  const page_ = cursor ? Math.floor(offset / perPage) + 1 : page;
  const tokens = {
    next_page_token: next?.token ?? null,
    previous_page_token: cursor?.previous ?? null,
    page_token_expiry: next ? zohoDateTime(next.expiresAt) : null,
  };
  const sortBy = sortKey;
  const sortOrder = descending ? 'desc' : 'asc';
  const info =
    spec.infoStyle === 'notes'
      ? { page: page_, per_page: perPage, count, more_records: result.more, ...tokens, sort_by: sortBy, sort_order: sortOrder }
      : {
          call: false,
          per_page: perPage,
          next_page_token: tokens.next_page_token,
          count,
          sort_by: sortBy,
          page: page_,
          page_token_expiry: tokens.page_token_expiry,
          sort_order: sortOrder,
          email: false,
          more_records: result.more,
          previous_page_token: tokens.previous_page_token,
        };
  return json(200, { data, info });
}
