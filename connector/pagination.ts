/**
 * Paging strategies behind async iterators, one page in memory at a time: records with page/per_page up to
 * Zoho's 2,000, then page_token up to 100,000; COQL with LIMIT offset, count up to 100,000 rows. Both stop at
 * an optional limit, on an empty answer (204) or when Zoho says there is no more.
 */
import { InputError } from '../runtime/errors';
import type { Query } from './client/types';

export const MAX_PER_PAGE = 200;
export const DISCRETE_PAGING_REACH = 2000;
export const TOKEN_PAGING_REACH = 100_000;
export const COQL_MAX_LIMIT = 2000;
export const COQL_REACH = 100_000;

/** The `info` block of a Zoho list answer. */
export interface PageInfo {
  per_page?: number;
  count?: number;
  page?: number;
  more_records?: boolean;
  next_page_token?: string | null;
  previous_page_token?: string | null;
  page_token_expiry?: string | null;
  [key: string]: unknown;
}

export interface ListBody<T> {
  data?: T[];
  info?: PageInfo;
}

export interface RecordsPage<T> {
  records: T[];
  info: PageInfo;
  /** Records yielded so far, this page included. */
  fetched: number;
  /** More records exist past this page (and past the limit, when the limit cut the page short). */
  moreRecords: boolean;
  /** Zoho's token for the next page, when it gave one. */
  nextPageToken?: string;
  /** The page number this page was fetched with (absent when fetched by page_token). */
  page?: number;
}

export interface RecordPagesOptions {
  /** Fields, sort, cvid ... sent unchanged with every page (a page_token is bound to them). */
  query?: Query;
  perPage?: number;
  /** Stop after this many records. */
  limit?: number;
  /** Start at this page number, or continue from a page_token. */
  page?: number;
  pageToken?: string;
  signal?: AbortSignal;
}

export type FetchPage<T> = (query: Query, signal?: AbortSignal) => Promise<ListBody<T> | undefined>;

function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new InputError('INVALID_LIMIT', `limit must be a whole number of at least 1 (got ${limit}).`);
}

/** Pages of records: `page` while within 2,000 records, then Zoho's `page_token`. */
export async function* recordPages<T>(fetchPage: FetchPage<T>, options: RecordPagesOptions = {}): AsyncGenerator<RecordsPage<T>> {
  checkLimit(options.limit);
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, options.perPage ?? MAX_PER_PAGE));
  const limit = options.limit ?? TOKEN_PAGING_REACH;
  let page = options.page ?? 1;
  let token = options.pageToken;
  let fetched = 0;
  for (;;) {
    const query: Query = { ...options.query, per_page: perPage };
    if (token) query.page_token = token;
    else query.page = page;
    const body = await fetchPage(query, options.signal);
    const all = body?.data ?? [];
    if (all.length === 0) return;
    const info = body?.info ?? {};
    const records = all.slice(0, limit - fetched);
    fetched += records.length;
    const zohoMore = info.more_records === true;
    const next = typeof info.next_page_token === 'string' && info.next_page_token ? info.next_page_token : undefined;
    const result: RecordsPage<T> = { records, info, fetched, moreRecords: zohoMore || records.length < all.length };
    if (next) result.nextPageToken = next;
    if (!token) result.page = page;
    yield result;
    if (!zohoMore || fetched >= limit) return;
    if (token || (page + 1) * perPage > DISCRETE_PAGING_REACH) {
      // Past the discrete reach only Zoho's token goes on; without one (search), this is the end.
      if (!next) return;
      token = next;
    } else {
      page++;
    }
  }
}

export interface CoqlPage<T> {
  records: T[];
  info: PageInfo;
  fetched: number;
  /** The OFFSET this page was read at. */
  offset: number;
  moreRecords: boolean;
  /** True when the query reached Zoho's 100,000-row reach with rows left. */
  truncated: boolean;
}

export interface CoqlPagesOptions {
  limit?: number;
  /** Rows per call (≤ 2,000). */
  pageSize?: number;
  offset?: number;
  signal?: AbortSignal;
}

export type RunCoql<T> = (selectQuery: string, signal?: AbortSignal) => Promise<ListBody<T> | undefined>;

const TRAILING_LIMIT = /\s+limit\s+(\d+)(?:\s*,\s*(\d+)|\s+offset\s+(\d+))?\s*;?\s*$/i;

/** Splits a trailing `LIMIT n`, `LIMIT offset, n` or `LIMIT n OFFSET m` off a COQL query. */
export function splitCoqlLimit(query: string): { base: string; limit?: number; offset?: number } {
  const trimmed = query.trim().replace(/;\s*$/, '');
  const m = TRAILING_LIMIT.exec(trimmed);
  if (!m) return { base: trimmed };
  const base = trimmed.slice(0, m.index);
  if (m[2] !== undefined) return { base, offset: Number(m[1]), limit: Number(m[2]) };
  if (m[3] !== undefined) return { base, limit: Number(m[1]), offset: Number(m[3]) };
  return { base, limit: Number(m[1]) };
}

/** Pages of a COQL query with LIMIT offset, count. A LIMIT in the query itself is honoured as the limit. */
export async function* coqlPages<T>(run: RunCoql<T>, query: string, options: CoqlPagesOptions = {}): AsyncGenerator<CoqlPage<T>> {
  checkLimit(options.limit);
  const split = splitCoqlLimit(query);
  const limit = Math.min(options.limit ?? Number.POSITIVE_INFINITY, split.limit ?? Number.POSITIVE_INFINITY);
  const pageSize = Math.min(COQL_MAX_LIMIT, Math.max(1, options.pageSize ?? COQL_MAX_LIMIT));
  let offset = (options.offset ?? 0) + (split.offset ?? 0);
  let fetched = 0;
  for (;;) {
    const count = Math.min(pageSize, limit - fetched, COQL_REACH - offset);
    if (count <= 0) return;
    const body = await run(`${split.base} LIMIT ${offset}, ${count}`, options.signal);
    const records = body?.data ?? [];
    if (records.length === 0) return;
    const info = body?.info ?? {};
    fetched += records.length;
    const zohoMore = info.more_records === true;
    const atReach = offset + records.length >= COQL_REACH;
    yield { records, info, fetched, offset, moreRecords: zohoMore, truncated: zohoMore && atReach };
    if (!zohoMore || fetched >= limit || atReach) return;
    offset += records.length;
  }
}

/** Flattens pages into records. */
export async function* flatten<T>(pages: AsyncIterable<{ records: T[] }>): AsyncGenerator<T> {
  for await (const page of pages) yield* page.records;
}
