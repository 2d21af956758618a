/**
 * Record writes shared by the record, note, clone and upsert routes: create, update and delete of one item,
 * each answering Zoho's per-record item, and the bulk answer (all ok → 200/201, mixed → 207, all failed → 400
 * with the errors wrapped in `data[]`).
 */
import type { CrmContext } from '../context';
import { convertedRecord, invalidRecordId, itemOf, mandatoryNotFound, recordCountExceeded, recordNotDeleted, type ErrorItem } from '../errors';
import { json, type Reply } from '../http/reply';
import { ZohoHttpError } from '../http-error';
import type { ModuleDef } from '../seed/modules';
import type { ModuleStore, StoredRecord } from '../store/module-store';
import { checkRecord } from './validate';

export const MAX_WRITE_RECORDS = 100;

export interface SuccessItem {
  code: 'SUCCESS';
  details: Record<string, unknown>;
  message: string;
  status: 'success';
  /** Upsert only: what happened to the item, and which field matched. */
  action?: 'insert' | 'update';
  duplicate_field?: string | null;
}

export type ItemResult = SuccessItem | ErrorItem;

function auditDetails(record: StoredRecord): Record<string, unknown> {
  const d = record.data;
  const strip = (u: unknown) => {
    const { name, id } = u as { name: string; id: string };
    return { name, id };
  };
  return {
    Modified_Time: d.Modified_Time,
    Modified_By: strip(d.Modified_By),
    Created_Time: d.Created_Time,
    id: record.id,
    Created_By: strip(d.Created_By),
    $approval_state: d.$approval_state,
  };
}

export function success(message: string, details: Record<string, unknown>): SuccessItem {
  return { code: 'SUCCESS', details, message, status: 'success' };
}

/** Runs one item; a ZohoHttpError becomes its error item, anything else propagates (a sandbox bug: 500). */
export function attempt(run: () => SuccessItem): ItemResult {
  try {
    return run();
  } catch (error) {
    if (error instanceof ZohoHttpError) return itemOf(error);
    throw error;
  }
}

/** Zoho's status for a bulk answer. */
export function bulkReply(items: ItemResult[], okStatus: 200 | 201, extra: Record<string, unknown> = {}): Reply {
  const failed = items.filter((i) => i.status === 'error').length;
  const status = failed === 0 ? okStatus : failed === items.length ? 400 : 207;
  return json(status, { data: items, ...extra });
}

/** The `data` array of a write body: present, an array, 1..100 items. */
export function dataArray(ctx: CrmContext, options: { optional?: boolean } = {}): unknown[] {
  const body = ctx.body();
  if (body === undefined && options.optional) return [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ZohoHttpError(400, 'INVALID_DATA', 'either the request body or parameters is in wrong format', {});
  const data = (body as { data?: unknown }).data;
  if (data === undefined && options.optional) return [];
  if (data === undefined) throw new ZohoHttpError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data', json_path: '$.data' });
  if (!Array.isArray(data)) throw new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: 'jsonarray', api_name: 'data', json_path: '$.data' });
  if (data.length === 0 && !options.optional) throw new ZohoHttpError(400, 'MANDATORY_NOT_FOUND', 'required field not found', { api_name: 'data', json_path: '$.data' });
  if (data.length > MAX_WRITE_RECORDS) throw recordCountExceeded(MAX_WRITE_RECORDS);
  return data;
}

export function createOne(ctx: CrmContext, def: ModuleDef, store: ModuleStore, input: unknown, index: number): { item: SuccessItem; record: StoredRecord } {
  const { values, owner } = checkRecord({ org: ctx.org, def, store, index, mode: 'create' }, input);
  const record = ctx.org.materialize(def, ctx.org.nextId(), values, {
    owner: owner ?? ctx.user,
    createdBy: ctx.user,
    modifiedBy: ctx.user,
    createdMs: ctx.now,
    modifiedMs: ctx.now,
  });
  ctx.org.insert(def, record);
  return { item: success('record added', auditDetails(record)), record };
}

export function updateOne(ctx: CrmContext, def: ModuleDef, store: ModuleStore, id: string | undefined, input: unknown, index: number): SuccessItem {
  if (id === undefined || id === '') throw mandatoryNotFound(index, 'id');
  const existing = store.get(id);
  if (!existing) throw invalidRecordId(index);
  if (existing.data.$converted === true) throw convertedRecord(id);
  const { values, owner } = checkRecord({ org: ctx.org, def, store, index, mode: 'update', existing }, input);
  if (owner) values.Owner = owner;
  const data = ctx.org.applyUpdate(def, existing, values, ctx.user, ctx.now);
  ctx.org.update(def, existing, data, ctx.now);
  return success('record updated', auditDetails(existing));
}

/**
 * Deletes a record. Records answer `details: {id}`; notes answer the note's audit fields too, because
 * notes.json's Success_Response requires them for every notes write (Zoho's example shows only the id).
 */
export function deleteOne(ctx: CrmContext, def: ModuleDef, id: string): SuccessItem {
  const removed = ctx.org.remove(def, id, ctx.user, ctx.now);
  if (!removed) throw recordNotDeleted(id);
  if (def.api_name !== 'Notes') return success('record deleted', { id });
  const { $approval_state: _approval, ...details } = auditDetails(removed);
  return success('record deleted', details);
}

/** The id of an update item: `id` in the body (a string, or a number Zoho also accepts). */
export function bodyId(input: unknown): string | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const id = (input as { id?: unknown }).id;
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined;
}

