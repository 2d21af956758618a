/** Delete multiple records: DELETE /{module}?ids=... in calls of 100, one result per id in input order. */
import type { ZohoClient } from '../connector/client-factory';
import { assertBulkSize } from '../connector/bulk-item-cap';
import { bulkOutput, bulkProgress } from '../connector/bulk-report';
import { defineAction } from '../runtime/types';
import type { DeleteRecordsInput, DeleteRecordsOutput } from '../types/schemas';

export default defineAction<DeleteRecordsInput, DeleteRecordsOutput, ZohoClient>({
  id: 'delete-records',
  handler: async ({ input, client, signal, progress }) => {
    const ids = input.ids;
    assertBulkSize(ids.length, '/ids');
    const results = await client.bulk({
      method: 'DELETE',
      path: `/${input.module}`,
      items: ids,
      query: (chunk) => ({ ids: chunk, wf_trigger: input.wfTrigger }),
      idempotent: true,
      signal,
      onProgress: bulkProgress(progress),
    });
    return bulkOutput(results, (index) => ids[index]);
  },
});
