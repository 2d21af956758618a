/** Clone a record: Copies a record into a new one, optionally changing some fields. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { CloneRecordInput, CloneRecordOutput } from '../types/schemas';

export default defineAction<CloneRecordInput, CloneRecordOutput, unknown>({
  id: 'clone-record',
  handler: async () => {
    throw new NotImplementedError('clone-record');
  },
});
