/** Delete a note: one note by id (DELETE /Notes/{id}). */
import type { ZohoClient } from '../connector/client-factory';
import { defineAction } from '../runtime/types';
import type { DeleteNoteInput, DeleteNoteOutput } from '../types/schemas';

export default defineAction<DeleteNoteInput, DeleteNoteOutput, ZohoClient>({
  id: 'delete-note',
  handler: async ({ input, client, signal }) => {
    const body = await client.delete<{ data?: { details?: { id?: string } }[] }>(`/Notes/${input.id}`, undefined, { signal });
    return { id: body?.data?.[0]?.details?.id ?? input.id };
  },
});
