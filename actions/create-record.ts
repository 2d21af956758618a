/** Create a record: Creates one record in any Zoho CRM module, standard or custom. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { CreateRecordInput, CreateRecordOutput } from '../types/schemas';

export default defineAction<CreateRecordInput, CreateRecordOutput, unknown>({
  id: 'create-record',
  handler: async () => {
    throw new NotImplementedError('create-record');
  },
});
