/** Retrieve a record: Reads one record by its id. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { GetRecordInput, GetRecordOutput } from '../types/schemas';

export default defineAction<GetRecordInput, GetRecordOutput, unknown>({
  id: 'get-record',
  handler: async () => {
    throw new NotImplementedError('get-record');
  },
});
