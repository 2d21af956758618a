/**
 * Reading one record by id. Zoho answers 204 No Content when the id names no record of the module; that
 * becomes RECORD_NOT_FOUND, a typed error with a hint, instead of an empty success.
 */
import { ZohoError } from './errors';
import { apiPath } from './client/base-url';
import type { Query } from './client/types';
import type { ZohoClient } from './client/zoho-client';

export const RECORD_NOT_FOUND = 'RECORD_NOT_FOUND';

/**
 * The error for a record id that matches nothing. httpStatus is 404, the HTTP meaning of the error (Zoho's own
 * answer was a 204, kept in details.zohoStatus), so a generic caller never takes it for a success.
 */
export function recordNotFoundError(module: string, id: string, path: string): ZohoError {
  return new ZohoError({
    httpStatus: 404,
    item: { code: RECORD_NOT_FOUND, message: `no ${module} record has the id ${id}`, details: { module, id, zohoStatus: 204 } },
    request: { method: 'GET', path },
    category: 'remote',
    retryable: false,
    message: `No ${module} record has the id ${id}.`,
    hint: `Check the id and the module: the record may have been deleted (see list-deleted-records), or be a converted lead (read the contact it became), or belong to another module than ${module}.`,
  });
}

export interface ReadRecordOptions {
  fields?: readonly string[];
  signal?: AbortSignal;
}

/** GET /{module}/{id}: the record, or RECORD_NOT_FOUND. */
export async function readRecord(client: ZohoClient, module: string, id: string, options: ReadRecordOptions = {}): Promise<Record<string, unknown>> {
  const path = `/${module}/${id}`;
  const query: Query = options.fields && options.fields.length > 0 ? { fields: options.fields } : {};
  const body = await client.get<{ data?: unknown[] }>(path, query, options.signal ? { signal: options.signal } : {});
  const record = Array.isArray(body?.data) ? body.data[0] : undefined;
  if (!record || typeof record !== 'object') throw recordNotFoundError(module, id, apiPath(path));
  return record as Record<string, unknown>;
}
