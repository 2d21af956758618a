/**
 * The safety cap on bulk inputs: an update or delete of more items than ZCRM_MAX_BULK_ITEMS (default 10,000)
 * is refused before anything is sent, so a wrong input (a whole export instead of a selection) cannot change
 * or delete a large part of the CRM by accident.
 */
import { InputError } from '../runtime/errors';

export const DEFAULT_MAX_BULK_ITEMS = 10_000;
export const MAX_BULK_ITEMS_ENV = 'ZCRM_MAX_BULK_ITEMS';

/** The cap in force: ZCRM_MAX_BULK_ITEMS when set (a whole number ≥ 1), else 10,000. */
export function maxBulkItems(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[MAX_BULK_ITEMS_ENV];
  if (raw === undefined || raw.trim() === '') return DEFAULT_MAX_BULK_ITEMS;
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new InputError('INVALID_SETTING', `${MAX_BULK_ITEMS_ENV} must be a whole number of at least 1 (got "${raw}").`, `Fix or unset ${MAX_BULK_ITEMS_ENV} (default ${DEFAULT_MAX_BULK_ITEMS}).`);
  }
  return n;
}

/** Throws TOO_MANY_ITEMS when `count` items (at `inputPath` of the input, e.g. /records) exceed the cap. */
export function assertBulkSize(count: number, inputPath: string, env: NodeJS.ProcessEnv = process.env): void {
  const max = maxBulkItems(env);
  if (count <= max) return;
  throw new InputError(
    'TOO_MANY_ITEMS',
    `${inputPath} has ${count} items, more than the ${max} one run may send.`,
    `Split the input into runs of at most ${max} items, or raise the cap with ${MAX_BULK_ITEMS_ENV}.`,
    { path: inputPath, count, max },
  );
}
