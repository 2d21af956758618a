/** Update multiple records: Changes fields of any number of records, 100 per Zoho call, with one result per record. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { UpdateRecordsInput, UpdateRecordsOutput } from '../types/schemas';

export default defineAction<UpdateRecordsInput, UpdateRecordsOutput, unknown>({
  id: 'update-records',
  handler: async () => {
    throw new NotImplementedError('update-records');
  },
});
