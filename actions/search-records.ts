/** Search records: Finds records by criteria, email, phone or word. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { SearchRecordsInput, SearchRecordsOutput } from '../types/schemas';

export default defineAction<SearchRecordsInput, SearchRecordsOutput, unknown>({
  id: 'search-records',
  handler: async () => {
    throw new NotImplementedError('search-records');
  },
});
