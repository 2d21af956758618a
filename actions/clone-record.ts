/** Clone a record: POST /{module}/{id}/actions/clone with optional overrides. Never resent when the outcome is unknown. */
import type { ZohoClient } from '../connector/client-factory';
import { receiptOf, writeBody, writeOne } from '../connector/record-writes';
import { defineAction } from '../runtime/types';
import type { CloneRecordInput, CloneRecordOutput } from '../types/schemas';

export default defineAction<CloneRecordInput, CloneRecordOutput, ZohoClient>({
  id: 'clone-record',
  handler: async ({ input, client, signal }) => {
    const body = input.overrides ? writeBody([input.overrides], input.trigger) : input.trigger ? { trigger: input.trigger } : undefined;
    const details = await writeOne(client, { method: 'POST', path: `/${input.module}/${input.id}/actions/clone`, body, idempotent: false, signal });
    return receiptOf(details);
  },
});
