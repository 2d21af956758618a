/** Retrieve notes: all notes, or one record's (GET /Notes or /{module}/{id}/Notes), one page or up to a limit. */
import type { ZohoClient } from '../connector/client-factory';
import type { Query } from '../connector/client/types';
import { noteFieldsParam } from '../connector/note-fields';
import { DISCRETE_PAGING_REACH, MAX_PER_PAGE } from '../connector/pagination';
import { collectList } from '../connector/record-lists';
import { ValidationError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { ListNotesInput, ListNotesOutput } from '../types/schemas';

type Note = ListNotesOutput['notes'][number];

function notesPath(input: ListNotesInput): string {
  if ((input.parentModule === undefined) !== (input.parentId === undefined)) {
    const missing = input.parentModule === undefined ? 'parentModule' : 'parentId';
    throw new ValidationError('Input for "list-notes" is invalid: parentModule and parentId go together.', [{ path: `/${missing}`, message: 'is required when the other of parentModule and parentId is given' }]);
  }
  if (input.page !== undefined && input.pageToken !== undefined) {
    throw new ValidationError('Input for "list-notes" is invalid: give page or pageToken, not both.', [{ path: '/page', message: 'cannot be given together with pageToken' }]);
  }
  return input.parentModule ? `/${input.parentModule}/${input.parentId}/Notes` : '/Notes';
}

export default defineAction<ListNotesInput, ListNotesOutput, ZohoClient>({
  id: 'list-notes',
  handler: async ({ input, client, signal, progress }) => {
    const path = notesPath(input);
    const query: Query = { fields: noteFieldsParam(input.fields) };
    if (input.sortBy) query.sort_by = input.sortBy;
    if (input.sortOrder) query.sort_order = input.sortOrder;
    const perPage = input.perPage ?? MAX_PER_PAGE;
    const page = input.page ?? 1;
    const pages = client.paginate<Note>(path, {
      query,
      perPage,
      signal,
      ...(input.limit !== undefined ? { limit: input.limit } : {}),
      ...(input.pageToken ? { pageToken: input.pageToken } : { page }),
    });
    const list = await collectList(pages, { ...(input.limit !== undefined ? { limit: input.limit } : {}), progress: (e) => progress({ ...e, ...(input.limit !== undefined ? { total: input.limit } : {}) }) });
    const out: ListNotesOutput = { notes: list.records, count: list.count, moreRecords: list.moreRecords };
    if (list.nextPageToken) out.nextPageToken = list.nextPageToken;
    // Without a token from Zoho (a record's notes), the page number continues a one-page read within Zoho's reach.
    else if (list.moreRecords && input.limit === undefined && !input.pageToken && (page + 1) * perPage <= DISCRETE_PAGING_REACH) out.nextPage = page + 1;
    return out;
  },
});
