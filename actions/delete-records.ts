/** Delete multiple records: Moves any number of records to the recycle bin, 100 per Zoho call, with one result per record. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { DeleteRecordsInput, DeleteRecordsOutput } from '../types/schemas';

export default defineAction<DeleteRecordsInput, DeleteRecordsOutput, unknown>({
  id: 'delete-records',
  handler: async () => {
    throw new NotImplementedError('delete-records');
  },
});
