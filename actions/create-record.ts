/** Create a record: POST /{module} with one record; optionally reads it back. Never resent when the outcome is unknown. */
import type { ZohoClient } from '../connector/client-factory';
import { summarizeError } from '../connector/error-summary';
import { readRecord } from '../connector/record-read';
import { receiptOf, writeBody, writeOne } from '../connector/record-writes';
import { defineAction } from '../runtime/types';
import type { CreateRecordInput, CreateRecordOutput } from '../types/schemas';

export default defineAction<CreateRecordInput, CreateRecordOutput, ZohoClient>({
  id: 'create-record',
  handler: async ({ input, client, signal }) => {
    const details = await writeOne(client, { method: 'POST', path: `/${input.module}`, body: writeBody([input.record], input.trigger), idempotent: false, signal });
    const receipt = receiptOf(details);
    if (!input.returnRecord) return receipt;
    try {
      return { ...receipt, record: await readRecord(client, input.module, receipt.id, { signal }) };
    } catch (err) {
      if (signal.aborted) throw err;
      // The record exists: failing the action would invite creating it twice, so the read's error is reported beside it.
      return { ...receipt, recordError: summarizeError(err) };
    }
  },
});
