/** Retrieve a note: one note by id (GET /Notes/{id}); Zoho's 204 for an unknown id is RECORD_NOT_FOUND. */
import type { ZohoClient } from '../connector/client-factory';
import { readNote } from '../connector/note-read';
import { defineAction } from '../runtime/types';
import type { GetNoteInput, GetNoteOutput } from '../types/schemas';

export default defineAction<GetNoteInput, GetNoteOutput, ZohoClient>({
  id: 'get-note',
  handler: async ({ input, client, signal }) => ({
    note: await readNote(client, input.id, { ...(input.fields ? { fields: input.fields } : {}), signal }),
  }),
});
