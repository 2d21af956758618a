/**
 * Any number of items sent in calls of 100 (Zoho's cap per write or delete), with the per-item results merged
 * back in input order: success with Zoho's details, or that item's Zoho error. A 207 is a normal answer; a
 * call that fails as a whole marks its items failed, except for connection problems, which stop everything.
 */
import { isHostError, toHostError, type ErrorInfo } from '../runtime/errors';
import type { HintContext } from './error-hints';
import { ZohoError, zohoErrorItems, type ZohoErrorItem } from './errors';
import type { ZohoResponse } from './client/types';

export const ZOHO_BATCH_SIZE = 100;

export interface BulkSuccess<D = Record<string, unknown>> {
  index: number;
  ok: true;
  code: string;
  message: string;
  details: D;
}

export interface BulkFailure {
  index: number;
  ok: false;
  error: ErrorInfo;
  /** The call carrying this item failed as a whole (a request-level error), not this item alone. */
  wholeCall?: true;
}

export type BulkItemResult<D = Record<string, unknown>> = BulkSuccess<D> | BulkFailure;

export interface BulkRunOptions<I> {
  items: readonly I[];
  /** Sends one chunk and returns Zoho's raw answer (non-2xx returned, not thrown). */
  send: (chunk: readonly I[], offset: number) => Promise<ZohoResponse>;
  chunkSize?: number;
  /** Chunks in flight at once (the org limiter still applies). Default 1: chunks go in input order. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  hintContext?: HintContext;
  request?: { method: string; path: string };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function itemsOf(res: ZohoResponse): ZohoErrorItem[] | undefined {
  const data = res.data && typeof res.data === 'object' ? (res.data as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return undefined;
  return data.map((d) => {
    const v = (d ?? {}) as Record<string, unknown>;
    const details = v.details && typeof v.details === 'object' ? (v.details as Record<string, unknown>) : {};
    return { code: String(v.code ?? ''), message: String(v.message ?? ''), details, ...(typeof v.status === 'string' ? { status: v.status } : {}) };
  });
}

function chunkResults<D>(res: ZohoResponse, size: number, offset: number, options: BulkRunOptions<unknown>): BulkItemResult<D>[] {
  const items = itemsOf(res);
  if (items && items.length === size) {
    return items.map((item, i) => {
      const index = offset + i;
      if (item.status === 'success' || (res.status < 300 && item.status !== 'error')) return { index, ok: true, code: item.code, message: item.message, details: item.details as D };
      const error = new ZohoError({ httpStatus: res.status === 207 || res.status < 300 ? 400 : res.status, item, hintContext: options.hintContext ?? {}, ...(options.request ? { request: options.request } : {}) });
      return { index, ok: false, error: error.toJSON() };
    });
  }
  // The call failed as a whole (or answered in a shape that does not match the chunk): every item shares it.
  const { item } = zohoErrorItems(res.status, res.data);
  const whole = res.status >= 300
    ? new ZohoError({ httpStatus: res.status, item, hintContext: options.hintContext ?? {}, ...(options.request ? { request: options.request } : {}) })
    : new ZohoError({ httpStatus: res.status, item: { code: 'UNEXPECTED_RESPONSE', message: `Zoho answered ${items?.length ?? 0} results for ${size} items`, details: {} }, category: 'remote' });
  return Array.from({ length: size }, (_, i) => ({ index: offset + i, ok: false as const, error: whole.toJSON(), wholeCall: true as const }));
}

export async function runBulk<I, D = Record<string, unknown>>(options: BulkRunOptions<I>): Promise<BulkItemResult<D>[]> {
  const size = options.chunkSize ?? ZOHO_BATCH_SIZE;
  const chunks = chunk(options.items, size);
  const results: BulkItemResult<D>[] = new Array(options.items.length);
  let done = 0;
  let nextChunk = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && nextChunk < chunks.length) {
      const at = nextChunk++;
      const part = chunks[at]!;
      const offset = at * size;
      let chunkOut: BulkItemResult<D>[];
      try {
        chunkOut = chunkResults<D>(await options.send(part, offset), part.length, offset, options as BulkRunOptions<unknown>);
      } catch (err) {
        // A connection problem fails every remaining call too: stop and say so, rather than list it per item.
        if (isHostError(err) && err.category === 'auth') {
          stopped = true;
          throw err;
        }
        const info = toHostError(err).toJSON();
        chunkOut = part.map((_, i) => ({ index: offset + i, ok: false as const, error: info, wholeCall: true as const }));
      }
      for (const r of chunkOut) results[r.index] = r;
      done += part.length;
      options.onProgress?.(done, options.items.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, chunks.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
