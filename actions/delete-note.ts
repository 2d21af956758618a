/** Delete a note: Deletes one note. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { DeleteNoteInput, DeleteNoteOutput } from '../types/schemas';

export default defineAction<DeleteNoteInput, DeleteNoteOutput, unknown>({
  id: 'delete-note',
  handler: async () => {
    throw new NotImplementedError('delete-note');
  },
});
