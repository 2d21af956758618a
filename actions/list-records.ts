/** Retrieve multiple records: GET /{module}, one page with its cursor, or every page up to the limit. */
import type { ZohoClient } from '../connector/client-factory';
import type { Query } from '../connector/client/types';
import { defaultListFields } from '../connector/list-fields';
import { collectList, listPages } from '../connector/record-lists';
import { defineAction } from '../runtime/types';
import type { ListRecordsInput, ListRecordsOutput } from '../types/schemas';

export default defineAction<ListRecordsInput, ListRecordsOutput, ZohoClient>({
  id: 'list-records',
  handler: async ({ input, client, signal, progress }) => {
    const fields = input.fields && input.fields.length > 0 ? input.fields : await defaultListFields(client.metadata, input.module);
    const query: Query = { fields, sort_by: input.sortBy, sort_order: input.sortOrder, cvid: input.cvid };
    const pages = listPages(client, `/${input.module}`, {
      query,
      signal,
      ...(input.modifiedSince ? { headers: { 'If-Modified-Since': input.modifiedSince } } : {}),
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
      ...(input.pageToken ? { pageToken: input.pageToken } : {}),
    });
    return collectList(pages, { ...(input.limit !== undefined ? { limit: input.limit } : {}), progress });
  },
});
