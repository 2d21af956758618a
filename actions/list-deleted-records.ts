/** Retrieve deleted records: GET /{module}/deleted by page, one page or every page up to the limit. */
import type { ZohoClient } from '../connector/client-factory';
import { collectList } from '../connector/record-lists';
import { userRef } from '../connector/record-writes';
import { defineAction } from '../runtime/types';
import type { ListDeletedRecordsInput, ListDeletedRecordsOutput } from '../types/schemas';

type DeletedItem = ListDeletedRecordsOutput['records'][number];

function deletedItem(raw: Record<string, unknown>): DeletedItem {
  return {
    id: String(raw.id),
    name: typeof raw.display_name === 'string' ? raw.display_name : null,
    type: raw.type === 'permanent' ? 'permanent' : 'recycle',
    deletedBy: userRef(raw.deleted_by) ?? null,
    deletedTime: String(raw.deleted_time ?? ''),
    createdBy: userRef(raw.created_by) ?? null,
  };
}

export default defineAction<ListDeletedRecordsInput, ListDeletedRecordsOutput, ZohoClient>({
  id: 'list-deleted-records',
  handler: async ({ input, client, signal, progress }) => {
    const pages = client.paginate(`/${input.module}/deleted`, {
      query: { type: input.type },
      signal,
      ...(input.page !== undefined ? { page: input.page } : {}),
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
    });
    const list = await collectList(pages, { ...(input.limit !== undefined ? { limit: input.limit } : {}), progress });
    return { records: list.records.map(deletedItem), count: list.count, moreRecords: list.moreRecords };
  },
});
