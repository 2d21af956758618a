/**
 * Pages over a module's sorted view without copying it: offset pages (`page`, `per_page`) from the start, or a
 * keyset position from a page token, filtering as it walks, and one look-ahead match for `more_records`.
 */
import { sortValue, type ModuleStore, type SortKey, type StoredRecord } from '../store/module-store';
import type { PageCursor } from '../store/page-tokens';

export interface PageRequest {
  sortKey: SortKey;
  descending: boolean;
  perPage: number;
  /** Matches to skip before the page (offset paging). */
  skip: number;
  /** Start after this record (keyset paging); wins over `skip`. */
  after?: PageCursor['after'];
  filter?: (record: StoredRecord) => boolean;
}

export interface Page {
  records: StoredRecord[];
  more: boolean;
}

function compareToKey(record: StoredRecord, key: SortKey, after: PageCursor['after']): number {
  if (key !== 'id') {
    const d = (sortValue(record, key) as number) - (after.value as number);
    if (d !== 0) return d;
  }
  return record.id < after.id ? -1 : record.id > after.id ? 1 : 0;
}

/** In an ascending view: the first index whose record is greater than `after` (or, `inclusive`, not smaller). */
function bound(view: readonly StoredRecord[], key: SortKey, after: PageCursor['after'], inclusive: boolean): number {
  let lo = 0;
  let hi = view.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareToKey(view[mid] as StoredRecord, key, after);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function readPage(store: ModuleStore, request: PageRequest): Page {
  const view = store.view(request.sortKey);
  const { sortKey, descending, perPage, filter } = request;
  let index: number;
  if (request.after) {
    // Ascending resumes at the first record after the cursor; descending at the last record before it.
    index = descending ? bound(view, sortKey, request.after, true) - 1 : bound(view, sortKey, request.after, false);
  } else index = descending ? view.length - 1 : 0;
  const step = descending ? -1 : 1;
  let skip = request.after ? 0 : request.skip;
  const records: StoredRecord[] = [];
  for (; index >= 0 && index < view.length; index += step) {
    const record = view[index] as StoredRecord;
    if (filter && !filter(record)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    if (records.length === perPage) return { records, more: true };
    records.push(record);
  }
  return { records, more: false };
}

/** The keyset position just after a record, for the next page token. */
export function positionOf(record: StoredRecord, key: SortKey): PageCursor['after'] {
  return { value: sortValue(record, key), id: record.id };
}

