/** Delete notes: Deletes any number of notes, 100 per Zoho call, with one result per note. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { DeleteNotesInput, DeleteNotesOutput } from '../types/schemas';

export default defineAction<DeleteNotesInput, DeleteNotesOutput, unknown>({
  id: 'delete-notes',
  handler: async () => {
    throw new NotImplementedError('delete-notes');
  },
});
