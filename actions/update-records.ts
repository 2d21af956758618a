/** Update multiple records: PUT /{module} in calls of 100, one result per record in input order. */
import type { ZohoClient } from '../connector/client-factory';
import { assertBulkSize } from '../connector/bulk-item-cap';
import { bulkOutput, bulkProgress } from '../connector/bulk-report';
import { writeBody } from '../connector/record-writes';
import { defineAction } from '../runtime/types';
import type { UpdateRecordsInput, UpdateRecordsOutput } from '../types/schemas';

export default defineAction<UpdateRecordsInput, UpdateRecordsOutput, ZohoClient>({
  id: 'update-records',
  handler: async ({ input, client, signal, progress }) => {
    const records = input.records;
    assertBulkSize(records.length, '/records');
    const results = await client.bulk({
      method: 'PUT',
      path: `/${input.module}`,
      items: records,
      body: (chunk) => writeBody(chunk, input.trigger),
      idempotent: true,
      signal,
      onProgress: bulkProgress(progress),
    });
    return bulkOutput(results, (index) => records[index]?.id);
  },
});
