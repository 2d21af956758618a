/** Search records: criteria, email, phone or word over one module (GET /{module}/search), one page or up to a limit. */
import type { ZohoClient } from '../connector/client-factory';
import type { Query } from '../connector/client/types';
import { buildCriteria, type Criteria } from '../connector/criteria';
import { DISCRETE_PAGING_REACH, MAX_PER_PAGE } from '../connector/pagination';
import { InputError, ValidationError, type ValidationIssue } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { SearchRecordsInput, SearchRecordsOutput } from '../types/schemas';

const KINDS = ['criteria', 'email', 'phone', 'word'] as const;

const CAP_HINT = `Zoho's search returns at most ${DISCRETE_PAGING_REACH.toLocaleString('en-US')} records, and more may match: narrow the criteria (for example by Created_Time ranges), or use execute-coql, which reaches 100,000 rows.`;

function searchKind(input: SearchRecordsInput): (typeof KINDS)[number] {
  const given = KINDS.filter((k) => input[k] !== undefined);
  if (given.length === 1) return given[0]!;
  const issues: ValidationIssue[] =
    given.length === 0
      ? [{ path: '', message: 'needs one of criteria, email, phone or word' }]
      : given.slice(1).map((k) => ({ path: `/${k}`, message: `cannot be given together with ${given[0]}: give exactly one of criteria, email, phone or word` }));
  throw new ValidationError(`Input for "search-records" is invalid: give exactly one of criteria, email, phone or word (got ${given.length === 0 ? 'none' : given.join(', ')}).`, issues);
}

/** Zoho's criteria string; a structured condition the schema let through but Zoho cannot take names its path. */
function criteriaText(criteria: NonNullable<SearchRecordsInput['criteria']>): string {
  try {
    return buildCriteria(criteria as Criteria | string);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const at = (err.details as { path?: string } | undefined)?.path ?? '';
    throw new ValidationError(`Input for "search-records" is invalid: ${err.message}`, [{ path: `/criteria${at}`, message: err.message }], err.hint);
  }
}

export default defineAction<SearchRecordsInput, SearchRecordsOutput, ZohoClient>({
  id: 'search-records',
  handler: async ({ input, client, signal, progress }) => {
    const kind = searchKind(input);
    const query: Query = { [kind]: kind === 'criteria' ? criteriaText(input.criteria!) : (input[kind] as string) };
    if (input.fields) query.fields = input.fields.join(',');
    if (input.sortBy) query.sort_by = input.sortBy;
    if (input.sortOrder) query.sort_order = input.sortOrder;
    if (input.converted) query.converted = input.converted;
    const perPage = input.perPage ?? MAX_PER_PAGE;
    const startPage = input.limit === undefined ? (input.page ?? 1) : 1;

    const records: Record<string, unknown>[] = [];
    let moreRecords = false;
    let lastPage = startPage;
    for await (const page of client.paginate(`/${input.module}/search`, { query, perPage, page: startPage, signal, ...(input.limit !== undefined ? { limit: input.limit } : {}) })) {
      records.push(...page.records);
      moreRecords = page.moreRecords;
      lastPage = page.page ?? lastPage;
      if (input.limit === undefined) break;
      progress({ done: records.length, total: input.limit, label: `page ${lastPage}` });
    }

    const out: SearchRecordsOutput = { records, count: records.length, moreRecords };
    const position = (startPage - 1) * perPage + records.length;
    const nextInReach = (lastPage + 1) * perPage <= DISCRETE_PAGING_REACH;
    const limitSatisfied = input.limit !== undefined && records.length >= input.limit;
    if (position >= DISCRETE_PAGING_REACH || (moreRecords && !nextInReach && !limitSatisfied)) {
      out.limitReached = true;
      out.hint = CAP_HINT;
    } else if (input.limit === undefined && moreRecords) {
      out.nextPage = lastPage + 1;
    }
    return out;
  },
});
