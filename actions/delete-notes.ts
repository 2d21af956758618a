/** Delete notes: any number of notes, 100 per DELETE /Notes?ids=..., one result per id in input order. */
import type { ZohoClient } from '../connector/client-factory';
import { assertBulkSize } from '../connector/bulk-item-cap';
import { bulkOutput, bulkProgress } from '../connector/bulk-report';
import { defineAction } from '../runtime/types';
import type { DeleteNotesInput, DeleteNotesOutput } from '../types/schemas';

export default defineAction<DeleteNotesInput, DeleteNotesOutput, ZohoClient>({
  id: 'delete-notes',
  handler: async ({ input, client, signal, progress }) => {
    const ids = input.ids;
    assertBulkSize(ids.length, '/ids');
    const results = await client.bulk({ method: 'DELETE', path: '/Notes', items: ids, query: (chunk) => ({ ids: chunk }), idempotent: true, signal, onProgress: bulkProgress(progress) });
    return bulkOutput(results, (index) => ids[index]);
  },
});
