/**
 * Reading one note by id. Zoho answers 204 No Content when no note has the id; that becomes RECORD_NOT_FOUND
 * (the code record reads use), with a hint in terms of notes, instead of an empty success.
 */
import { apiPath } from './client/base-url';
import type { ZohoClient } from './client/zoho-client';
import { ZohoError } from './errors';
import { noteFieldsParam } from './note-fields';
import { RECORD_NOT_FOUND } from './record-read';

export function noteNotFoundError(id: string, path: string): ZohoError {
  return new ZohoError({
    httpStatus: 404,
    item: { code: RECORD_NOT_FOUND, message: `no note has the id ${id}`, details: { module: 'Notes', id, zohoStatus: 204 } },
    request: { method: 'GET', path },
    category: 'remote',
    retryable: false,
    message: `No note has the id ${id}.`,
    hint: 'Check the note id (a string of digits, copied exactly): the note may have been deleted. list-notes with the parent record lists its notes.',
  });
}

/** GET /Notes/{id} with the given fields (default: the standard note fields): the note, or RECORD_NOT_FOUND. */
export async function readNote(client: ZohoClient, id: string, options: { fields?: readonly string[]; signal?: AbortSignal } = {}): Promise<Record<string, unknown> & { id: string }> {
  const path = `/Notes/${id}`;
  const body = await client.get<{ data?: unknown[] }>(path, { fields: noteFieldsParam(options.fields) }, options.signal ? { signal: options.signal } : {});
  const note = Array.isArray(body?.data) ? body.data[0] : undefined;
  if (!note || typeof note !== 'object') throw noteNotFoundError(id, apiPath(path));
  return note as Record<string, unknown> & { id: string };
}
