/**
 * Notes: `/Notes` (list, create, update, delete `?ids=`), `/Notes/{id}`, and a record's notes
 * `/{module}/{id}/Notes` (list, create) and `/{module}/{id}/Notes/{note_id}` (get, delete).
 */
import type { CrmContext } from '../context';
import { expectedFieldMissing, invalidUrlId, limitExceeded, recordNotDeletedAtPath } from '../errors';
import { json, noContent, notModified, type Reply } from '../http/reply';
import { listReply } from '../records/list';
import { deleteIdsParam, fieldsParam, ifModifiedSince, isModern, MAX_IDS } from '../records/params';
import { project } from '../records/project';
import { moduleFor } from '../records/resolve';
import { attempt, bodyId, bulkReply, createOne, dataArray, deleteOne, updateOne } from '../records/write';
import type { RouteDef } from '../router';
import type { StoredRecord } from '../store/module-store';

/** Zoho's example answer for notes sorts by creation time, oldest first. */
const NOTE_ORDER = { by: 'Created_Time' as const, descending: false };

function notes(ctx: CrmContext, operation: 'READ' | 'CREATE' | 'UPDATE' | 'DELETE') {
  return moduleFor(ctx, 'Notes', operation, { wrapped: operation === 'CREATE' || operation === 'UPDATE' });
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A note needs a title or content (EXPECTED_FIELD_MISSING), checked before the other fields. */
function createNote(ctx: CrmContext, input: unknown, index: number) {
  const { def, store } = notes(ctx, 'CREATE');
  const item = input as Record<string, unknown> | null;
  if (item && typeof item === 'object' && isBlank(item.Note_Title) && isBlank(item.Note_Content)) throw expectedFieldMissing(index, ['Note_Content', 'Note_Title']);
  return createOne(ctx, def, store, input, index).item;
}

function list(ctx: CrmContext): Reply {
  const { def, store } = notes(ctx, 'READ');
  const fields = fieldsParam(ctx, isModern(ctx));
  const raw = ctx.query.get('ids');
  const ids = raw ? new Set(raw.split(',').map((s) => s.trim())) : null;
  if (ids && ids.size > MAX_IDS) throw limitExceeded('ids', MAX_IDS);
  return listReply(ctx, { def, store, fields, defaults: NOTE_ORDER, filters: ids ? [(r) => ids.has(r.id)] : [], infoStyle: 'notes' });
}

function create(ctx: CrmContext): Reply {
  notes(ctx, 'CREATE');
  return bulkReply(dataArray(ctx).map((input, index) => attempt(() => createNote(ctx, input, index))), 201);
}

function updateMany(ctx: CrmContext): Reply {
  const { def, store } = notes(ctx, 'UPDATE');
  return bulkReply(dataArray(ctx).map((input, index) => attempt(() => updateOne(ctx, def, store, bodyId(input), input, index))), 200);
}

function updateById(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = notes(ctx, 'UPDATE');
  const data = dataArray(ctx);
  if (data.length > 1) throw limitExceeded('data', 1);
  return bulkReply([attempt(() => updateOne(ctx, def, store, params.id, data[0], 0))], 200);
}

function getById(ctx: CrmContext, params: Record<string, string>): Reply {
  const { store } = notes(ctx, 'READ');
  const note = store.get(params.id as string);
  if (!note) return noContent();
  const since = ifModifiedSince(ctx);
  if (since !== null && note.modifiedMs <= since) return notModified();
  return json(200, { data: [project(note.data, fieldsParam(ctx, false))] });
}

function deleteMany(ctx: CrmContext): Reply {
  const { def } = notes(ctx, 'DELETE');
  return bulkReply(deleteIdsParam(ctx).map((id) => attempt(() => deleteOne(ctx, def, id))), 200);
}

function deleteById(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = notes(ctx, 'DELETE');
  if (!store.get(params.id as string)) throw recordNotDeletedAtPath();
  return json(200, { data: [deleteOne(ctx, def, params.id as string)] });
}

/** The parent of `/{module}/{id}/Notes`: a record of a module that has notes. */
function parentOf(ctx: CrmContext, params: Record<string, string>) {
  const { def, store } = moduleFor(ctx, params.module as string, 'READ', { allowNotes: false });
  const record = store.get(params.id as string);
  if (!record) throw invalidUrlId(1);
  return { def, record };
}

function listOfRecord(ctx: CrmContext, params: Record<string, string>): Reply {
  const parent = parentOf(ctx, params);
  const { def, store } = notes(ctx, 'READ');
  const fields = fieldsParam(ctx, false);
  const parentId = parent.record.id;
  return listReply(ctx, { def, store, fields, defaults: NOTE_ORDER, filters: [(r: StoredRecord) => (r.data.Parent_Id as { id?: string } | null)?.id === parentId], infoStyle: 'notes' });
}

function createForRecord(ctx: CrmContext, params: Record<string, string>): Reply {
  const parent = parentOf(ctx, params);
  notes(ctx, 'CREATE');
  const items = dataArray(ctx).map((input, index) =>
    attempt(() => {
      const withParent = input !== null && typeof input === 'object' && !Array.isArray(input) ? { ...input, Parent_Id: { id: parent.record.id, module: { api_name: parent.def.api_name } }, $se_module: parent.def.api_name } : input;
      return createNote(ctx, withParent, index);
    }),
  );
  return bulkReply(items, 201);
}

function noteOfRecord(ctx: CrmContext, params: Record<string, string>): StoredRecord | undefined {
  const parent = parentOf(ctx, params);
  const note = ctx.org.store('Notes')?.get(params.noteId as string);
  return note && (note.data.Parent_Id as { id?: string } | null)?.id === parent.record.id ? note : undefined;
}

function getOfRecord(ctx: CrmContext, params: Record<string, string>): Reply {
  notes(ctx, 'READ');
  const note = noteOfRecord(ctx, params);
  return note ? json(200, { data: [project(note.data, fieldsParam(ctx, false))] }) : noContent();
}

function deleteOfRecord(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def } = notes(ctx, 'DELETE');
  const note = noteOfRecord(ctx, params);
  if (!note) throw invalidUrlId(3, 'record not deleted');
  return json(200, { data: [deleteOne(ctx, def, note.id)] });
}

export const noteRoutes: RouteDef[] = [
  { pattern: 'Notes', handlers: { GET: list, POST: create, PUT: updateMany, DELETE: deleteMany } },
  { pattern: 'Notes/:id', handlers: { GET: getById, PUT: updateById, DELETE: deleteById } },
  { pattern: ':module/:id/Notes', handlers: { GET: listOfRecord, POST: createForRecord } },
  { pattern: ':module/:id/Notes/:noteId', handlers: { GET: getOfRecord, DELETE: deleteOfRecord } },
];
