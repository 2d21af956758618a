/**
 * List actions over the record pager: pages fetched with extra headers (If-Modified-Since), and the rule for
 * what a list action returns — one page and Zoho's cursor when no limit is given, else every page up to the
 * limit, holding only the records returned — with progress per page.
 */
import type { ProgressEvent } from '../runtime/types';
import type { ZohoClient } from './client/zoho-client';
import { recordPages, type ListBody, type RecordPagesOptions, type RecordsPage } from './pagination';

export interface ListPagesOptions extends RecordPagesOptions {
  /** Sent with every page, e.g. If-Modified-Since (304 ends the list: nothing changed). */
  headers?: Record<string, string>;
}

/** Pages of a record list (`/Leads`, `/Leads/deleted` ...), like `client.paginate` but with request headers. */
export function listPages<T = Record<string, unknown>>(client: ZohoClient, path: string, options: ListPagesOptions = {}): AsyncGenerator<RecordsPage<T>> {
  const { headers, ...paging } = options;
  return recordPages<T>((query, signal) => client.get<ListBody<T>>(path, query, { ...(headers ? { headers } : {}), ...(signal ? { signal } : {}) }), paging);
}

export interface ListResult<T> {
  records: T[];
  count: number;
  moreRecords: boolean;
  /** Continues right after the last record returned; absent at the end or when a limit cut a page short. */
  nextPageToken?: string;
}

export interface CollectOptions {
  /** Absent: the first page only. Present: pages until this many records (the pager stops there). */
  limit?: number;
  progress?: (event: ProgressEvent) => void;
}

/** Whether the limit kept only part of the page Zoho sent: then Zoho's token would skip the rest. */
function cutShort(page: RecordsPage<unknown>, limit: number | undefined): boolean {
  const sent = page.info.count;
  if (typeof sent === 'number') return page.records.length < sent;
  return limit !== undefined && page.fetched >= limit && page.moreRecords;
}

export async function collectList<T>(pages: AsyncGenerator<RecordsPage<T>>, options: CollectOptions = {}): Promise<ListResult<T>> {
  const records: T[] = [];
  let last: RecordsPage<T> | undefined;
  let n = 0;
  for await (const page of pages) {
    n++;
    for (const r of page.records) records.push(r);
    last = page;
    options.progress?.({ done: page.fetched, label: `page ${n}` });
    if (options.limit === undefined) break;
  }
  const result: ListResult<T> = { records, count: records.length, moreRecords: last?.moreRecords ?? false };
  if (last?.nextPageToken && last.moreRecords && !cutShort(last, options.limit)) result.nextPageToken = last.nextPageToken;
  return result;
}
