/** Execute COQL query: one call, or calls of up to 2,000 rows with OFFSET up to a limit (POST /coql). */
import type { ZohoClient } from '../connector/client-factory';
import { COQL_REACH, splitCoqlLimit } from '../connector/pagination';
import { defineAction } from '../runtime/types';
import type { ExecuteCoqlInput, ExecuteCoqlOutput } from '../types/schemas';

/** Rows of one call when neither the input nor the query says (Zoho's own default LIMIT). */
const ZOHO_DEFAULT_LIMIT = 200;

const REACH_HINT = `COQL reaches only the first ${COQL_REACH.toLocaleString('en-US')} rows of a query: split it with a condition, for example on id (where id > the last id read) or on Created_Time ranges.`;

export default defineAction<ExecuteCoqlInput, ExecuteCoqlOutput, ZohoClient>({
  id: 'execute-coql',
  handler: async ({ input, client, signal, progress }) => {
    const own = splitCoqlLimit(input.query);
    const ownLimit = own.limit;
    const limit = input.limit ?? (ownLimit === undefined ? ZOHO_DEFAULT_LIMIT : undefined);
    const records: Record<string, unknown>[] = [];
    let moreRecords = false;
    let truncated = false;
    let nextOffset = 0;
    for await (const page of client.coqlPages(input.query, { signal, ...(limit !== undefined ? { limit } : {}), ...(input.offset !== undefined ? { offset: input.offset } : {}) })) {
      records.push(...page.records);
      moreRecords = page.moreRecords;
      truncated = page.truncated;
      nextOffset = page.offset + page.records.length;
      progress({ done: records.length, ...(input.limit !== undefined ? { total: input.limit } : {}), label: `offset ${page.offset}` });
    }
    const out: ExecuteCoqlOutput = { records, count: records.length, moreRecords };
    if (truncated) {
      out.truncated = true;
      out.hint = REACH_HINT;
    } else if (moreRecords && nextOffset < COQL_REACH) {
      // Relative to the query's own OFFSET, which applies again when the same query is run with it.
      out.nextOffset = nextOffset - (own.offset ?? 0);
    }
    return out;
  },
});
