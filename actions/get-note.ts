/** Retrieve a note: Reads one note by its id. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { GetNoteInput, GetNoteOutput } from '../types/schemas';

export default defineAction<GetNoteInput, GetNoteOutput, unknown>({
  id: 'get-note',
  handler: async () => {
    throw new NotImplementedError('get-note');
  },
});
