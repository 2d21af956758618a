/** Retrieve multiple records: Lists the records of a module, one page at a time or all pages up to a limit. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { ListRecordsInput, ListRecordsOutput } from '../types/schemas';

export default defineAction<ListRecordsInput, ListRecordsOutput, unknown>({
  id: 'list-records',
  handler: async () => {
    throw new NotImplementedError('list-records');
  },
});
