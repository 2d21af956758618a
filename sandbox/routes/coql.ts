/**
 * `POST /coql`: `{"select_query": "..."}` parsed and run by sandbox/query over the org's records. Errors are
 * flat (SYNTAX_ERROR, INVALID_QUERY, ...); the answer's `info` has only `count` and `more_records`; 204 when no
 * row matches. Credits follow the rows asked for: up to 200 → 1, 1,000 → 2, 2,000 → 3.
 */
import type { CrmContext } from '../context';
import { json, noContent, type Reply } from '../http/reply';
import { ZohoHttpError } from '../http-error';
import { parseCoql, runCoql, type CoqlSource } from '../query/coql';
import { moduleScope } from '../records/resolve';
import type { RouteDef } from '../router';
import type { RecordData, StoredRecord } from '../store/module-store';

function* dataOf(view: readonly StoredRecord[]): Generator<RecordData> {
  for (const r of view) yield r.data;
}

function creditsFor(rows: number): number {
  return rows <= 200 ? 1 : rows <= 1000 ? 2 : 3;
}

function coql(ctx: CrmContext): Reply {
  ctx.requireScope('ZohoCRM.coql.READ');
  const body = ctx.body();
  const query = body && typeof body === 'object' && !Array.isArray(body) ? (body as { select_query?: unknown }).select_query : undefined;
  if (query === undefined || query === null || query === '') {
    throw new ZohoHttpError(400, 'MANDATORY_NOT_FOUND', 'mandatory key not found', { api_name: 'select_query' });
  }
  if (typeof query !== 'string') throw new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: 'string', api_name: 'select_query' });
  const parsed = parseCoql(query);
  const source: CoqlSource = {
    module(apiName) {
      const def = ctx.org.module(apiName);
      const store = def ? ctx.org.store(def.api_name) : undefined;
      if (!def || !store) return undefined;
      ctx.requireScope(moduleScope(def, 'READ'));
      return { fields: ctx.org.queryFields(def), records: dataOf(store.view('id')) };
    },
  };
  const result = runCoql(parsed, source);
  ctx.chargeCredits(creditsFor(result.rows.length) - 1);
  if (result.rows.length === 0) return noContent();
  return json(200, { data: result.rows, info: { count: result.rows.length, more_records: result.moreRecords } });
}

export const coqlRoutes: RouteDef[] = [{ pattern: 'coql', handlers: { POST: coql }, heavy: true }];
