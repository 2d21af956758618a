/** Retrieve deleted records: Lists the deleted records of a module (recycle bin and permanently deleted). */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { ListDeletedRecordsInput, ListDeletedRecordsOutput } from '../types/schemas';

export default defineAction<ListDeletedRecordsInput, ListDeletedRecordsOutput, unknown>({
  id: 'list-deleted-records',
  handler: async () => {
    throw new NotImplementedError('list-deleted-records');
  },
});
