/** Delete a record: DELETE /{module}/{id}; the record moves to the recycle bin. */
import type { ZohoClient } from '../connector/client-factory';
import { receiptOf, writeOne } from '../connector/record-writes';
import { defineAction } from '../runtime/types';
import type { DeleteRecordInput, DeleteRecordOutput } from '../types/schemas';

export default defineAction<DeleteRecordInput, DeleteRecordOutput, ZohoClient>({
  id: 'delete-record',
  handler: async ({ input, client, signal }) => {
    const details = await writeOne(client, { method: 'DELETE', path: `/${input.module}/${input.id}`, query: { wf_trigger: input.wfTrigger }, signal });
    return { id: receiptOf(details, input.id).id };
  },
});
