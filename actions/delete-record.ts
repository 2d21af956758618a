/** Delete a record: Moves one record to the recycle bin. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { DeleteRecordInput, DeleteRecordOutput } from '../types/schemas';

export default defineAction<DeleteRecordInput, DeleteRecordOutput, unknown>({
  id: 'delete-record',
  handler: async () => {
    throw new NotImplementedError('delete-record');
  },
});
