/** Update a record: PUT /{module}/{id} with the fields to change. */
import type { ZohoClient } from '../connector/client-factory';
import { receiptOf, writeBody, writeOne } from '../connector/record-writes';
import { defineAction } from '../runtime/types';
import type { UpdateRecordInput, UpdateRecordOutput } from '../types/schemas';

export default defineAction<UpdateRecordInput, UpdateRecordOutput, ZohoClient>({
  id: 'update-record',
  handler: async ({ input, client, signal }) => {
    const details = await writeOne(client, { method: 'PUT', path: `/${input.module}/${input.id}`, body: writeBody([input.record], input.trigger), signal });
    const { id, modifiedTime, modifiedBy } = receiptOf(details, input.id);
    return { id, ...(modifiedTime ? { modifiedTime } : {}), ...(modifiedBy ? { modifiedBy } : {}) };
  },
});
