/** Retrieve notes: Lists notes, all of them or those of one record. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { ListNotesInput, ListNotesOutput } from '../types/schemas';

export default defineAction<ListNotesInput, ListNotesOutput, unknown>({
  id: 'list-notes',
  handler: async () => {
    throw new NotImplementedError('list-notes');
  },
});
