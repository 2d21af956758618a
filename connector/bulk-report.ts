/**
 * How a bulk action reports: one result per input item in input order (ok with the record's id, or the item's
 * error), the counts, and progress as calls of 100 complete.
 */
import { HostError } from '../runtime/errors';
import type { ProgressEvent } from '../runtime/types';
import { ZOHO_BATCH_SIZE, type BulkItemResult } from './bulk';
import { summarizeErrorInfo, type ErrorSummary } from './error-summary';

export interface BulkOutputItem {
  index: number;
  ok: boolean;
  id?: string;
  error?: ErrorSummary;
}

export interface BulkOutput {
  results: BulkOutputItem[];
  succeeded: number;
  failed: number;
}

/**
 * The output of a bulk action; `inputId(index)` names the record an item was about (shown on failures too).
 * When every call failed as a whole (a wrong module, a missing scope, a lost answer), nothing was about one
 * item in particular: that error is thrown, so the caller sees one typed error and its exit code.
 */
export function bulkOutput(results: readonly BulkItemResult<Record<string, unknown>>[], inputId: (index: number) => string | undefined): BulkOutput {
  const first = results[0];
  if (first && !first.ok && results.every((r) => !r.ok && r.wholeCall)) throw new HostError(first.error);
  let succeeded = 0;
  const out = results.map((r): BulkOutputItem => {
    if (r.ok) {
      succeeded++;
      const zohoId = r.details && typeof r.details.id === 'string' ? r.details.id : undefined;
      const id = zohoId ?? inputId(r.index);
      return { index: r.index, ok: true, ...(id ? { id } : {}) };
    }
    const id = inputId(r.index);
    return { index: r.index, ok: false, ...(id ? { id } : {}), error: summarizeErrorInfo(r.error) };
  });
  return { results: out, succeeded, failed: out.length - succeeded };
}

/** A bulk onProgress callback that reports items done and the batch count ("batch 2/3"). */
export function bulkProgress(progress: (event: ProgressEvent) => void): (done: number, total: number) => void {
  return (done, total) => progress({ done, total, label: `batch ${Math.ceil(done / ZOHO_BATCH_SIZE)}/${Math.ceil(total / ZOHO_BATCH_SIZE)}` });
}
