/** Retrieve a record: GET /{module}/{id}; no such record is RECORD_NOT_FOUND. */
import type { ZohoClient } from '../connector/client-factory';
import { readRecord } from '../connector/record-read';
import { defineAction } from '../runtime/types';
import type { GetRecordInput, GetRecordOutput } from '../types/schemas';

export default defineAction<GetRecordInput, GetRecordOutput, ZohoClient>({
  id: 'get-record',
  handler: async ({ input, client, signal }) => ({
    record: await readRecord(client, input.module, input.id, { ...(input.fields ? { fields: input.fields } : {}), signal }),
  }),
});
