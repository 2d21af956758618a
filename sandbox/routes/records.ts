/**
 * Records: `GET|POST|PUT|DELETE /{module}` (list, create ≤100, update ≤100, delete `?ids=` ≤100),
 * `GET|PUT|DELETE /{module}/{id}`, and `POST /{module}/upsert`.
 */
import { customViews } from '../seed/module-meta';
import type { CrmContext } from '../context';
import { invalidParam, limitExceeded, recordNotDeletedAtPath } from '../errors';
import { json, noContent, notModified, type Reply } from '../http/reply';
import { ZohoHttpError } from '../http-error';
import { listReply } from '../records/list';
import { deleteIdsParam, convertedParam, fieldsParam, idsParam, ifModifiedSince, isModern } from '../records/params';
import { project } from '../records/project';
import { moduleFor } from '../records/resolve';
import { attempt, bodyId, bulkReply, createOne, dataArray, deleteOne, updateOne, type ItemResult } from '../records/write';
import type { RouteDef } from '../router';
import type { ModuleDef } from '../seed/modules';
import type { StoredRecord } from '../store/module-store';

/** Leads hide converted records unless `converted` asks for them. */
export function convertedFilter(def: ModuleDef, converted: 'true' | 'false' | 'both'): ((r: StoredRecord) => boolean) | null {
  if (def.api_name !== 'Leads' || converted === 'both') return null;
  const want = converted === 'true';
  return (r) => (r.data.$converted === true) === want;
}

function cvidFilter(ctx: CrmContext, def: ModuleDef): ((r: StoredRecord) => boolean) | null {
  const cvid = ctx.query.get('cvid');
  if (cvid === null || cvid === '') return null;
  const view = customViews(def).find((v) => v.id === cvid);
  if (!view) throw invalidParam('cvid');
  if (view.system_name === 'ALLVIEWS') return null;
  const me = ctx.user.id;
  return (r) => (r.data.Owner as { id: string }).id === me;
}

function list(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'READ', { allowNotes: false });
  const fields = fieldsParam(ctx, isModern(ctx));
  const filters: Array<(r: StoredRecord) => boolean> = [];
  const converted = convertedFilter(def, convertedParam(ctx));
  if (converted) filters.push(converted);
  const cv = cvidFilter(ctx, def);
  if (cv) filters.push(cv);
  const ids = idsParam(ctx);
  if (ids) filters.push((r) => ids.has(r.id));
  return listReply(ctx, { def, store, fields, defaults: { by: 'id', descending: true }, filters });
}

function getOne(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'READ', { allowNotes: false });
  const fields = fieldsParam(ctx, false);
  const record = store.get(params.id as string);
  if (!record) return noContent();
  const converted = convertedFilter(def, convertedParam(ctx));
  if (converted && !converted(record)) return noContent();
  const since = ifModifiedSince(ctx);
  if (since !== null && record.modifiedMs <= since) return notModified();
  return json(200, { data: [project(record.data, fields)] });
}

function create(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'CREATE', { wrapped: true, allowNotes: false });
  const items = dataArray(ctx).map((input, index) => attempt(() => createOne(ctx, def, store, input, index).item));
  return bulkReply(items, 201);
}

function updateMany(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'UPDATE', { wrapped: true, allowNotes: false });
  const items = dataArray(ctx).map((input, index) => attempt(() => updateOne(ctx, def, store, bodyId(input), input, index)));
  return bulkReply(items, 200);
}

function updateById(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'UPDATE', { wrapped: true, allowNotes: false });
  const data = dataArray(ctx);
  if (data.length > 1) throw limitExceeded('data', 1);
  const items = [attempt(() => updateOne(ctx, def, store, params.id, data[0], 0))];
  return bulkReply(items, 200);
}

function deleteMany(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def } = moduleFor(ctx, params.module as string, 'DELETE', { allowNotes: false });
  return bulkReply(deleteIdsParam(ctx).map((id) => attempt(() => deleteOne(ctx, def, id))), 200);
}

function deleteById(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'DELETE', { allowNotes: false });
  if (!store.get(params.id as string)) throw recordNotDeletedAtPath();
  return json(200, { data: [deleteOne(ctx, def, params.id as string)] });
}

/**
 * Upsert: each item updates the record that matches it on `duplicate_check_fields` (default: the module's
 * unique fields), or is created. The item says which it did (`action`, `duplicate_field`).
 */
function upsert(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'CREATE', { wrapped: true, allowNotes: false });
  ctx.requireScope(`ZohoCRM.modules.${def.scope}.UPDATE`);
  const data = dataArray(ctx);
  const body = ctx.body() as { duplicate_check_fields?: unknown };
  const requested = Array.isArray(body.duplicate_check_fields) ? body.duplicate_check_fields.filter((f): f is string => typeof f === 'string') : null;
  const checkFields = requested ?? store.uniqueFields.map((f) => f.api_name);
  for (const f of checkFields) {
    if (!store.fieldsByName.has(f)) throw new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { api_name: 'duplicate_check_fields', json_path: '$.duplicate_check_fields' });
  }
  const items: ItemResult[] = data.map((input, index) =>
    attempt(() => {
      const item = (input ?? {}) as Record<string, unknown>;
      for (const field of checkFields) {
        if (item[field] === undefined || item[field] === null) continue;
        const unique = store.uniqueFields.some((u) => u.api_name === field);
        const match = unique ? store.findUnique(field, item[field]) : scanFor(store.values(), field, item[field]);
        if (match) return { ...updateOne(ctx, def, store, match.id, input, index), action: 'update', duplicate_field: field };
      }
      return { ...createOne(ctx, def, store, input, index).item, action: 'insert', duplicate_field: null };
    }),
  );
  return bulkReply(items, 200);
}

function scanFor(records: Iterable<StoredRecord>, field: string, value: unknown): StoredRecord | undefined {
  const wanted = String(value).toLowerCase();
  for (const r of records) {
    const v = r.data[field];
    if (v !== null && v !== undefined && String(v).toLowerCase() === wanted) return r;
  }
  return undefined;
}

export const recordRoutes: RouteDef[] = [
  { pattern: ':module/upsert', handlers: { POST: upsert } },
  { pattern: ':module', handlers: { GET: list, POST: create, PUT: updateMany, DELETE: deleteMany } },
  { pattern: ':module/:id', handlers: { GET: getOne, PUT: updateById, DELETE: deleteById } },
];

