/** Update a record: Changes fields of one record. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { UpdateRecordInput, UpdateRecordOutput } from '../types/schemas';

export default defineAction<UpdateRecordInput, UpdateRecordOutput, unknown>({
  id: 'update-record',
  handler: async () => {
    throw new NotImplementedError('update-record');
  },
});
