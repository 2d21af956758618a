/** The recycle bin of a module: `GET /{module}/deleted?type=all|recycle|permanent`. */
import { zohoDateTime } from '../clock';
import type { CrmContext } from '../context';
import { json, noContent, notModified, type Reply } from '../http/reply';
import { ZohoHttpError } from '../http-error';
import { ifModifiedSince, pageParams } from '../records/params';
import { moduleFor } from '../records/resolve';
import type { RouteDef } from '../router';
import type { DeletedType } from '../store/recycle-bin';

const TYPES = new Set<DeletedType>(['all', 'recycle', 'permanent']);

function deleted(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def } = moduleFor(ctx, params.module as string, 'READ', { wrapped: true, allowNotes: false });
  const type = (ctx.query.get('type') ?? 'all') as DeletedType;
  if (!TYPES.has(type)) throw new ZohoHttpError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { param_name: 'type' }, true);
  const { page, perPage } = pageParams(ctx);
  const since = ifModifiedSince(ctx);
  let entries = ctx.org.recycleBin.list(def.api_name, type, ctx.now);
  if (since !== null) entries = entries.filter((e) => e.deletedMs > since);
  const slice = entries.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return since !== null ? notModified() : noContent();
  const data = slice.map((e) =>
    e.type === 'recycle'
      ? { deleted_by: e.deleted_by, id: e.id, display_name: e.display_name, type: e.type, created_by: e.created_by, deleted_time: zohoDateTime(e.deletedMs) }
      : { deleted_by: null, id: e.id, display_name: null, type: e.type, created_by: null, deleted_time: zohoDateTime(e.deletedMs) },
  );
  return json(200, { data, info: { per_page: perPage, count: data.length, page, more_records: page * perPage < entries.length } });
}

export const deletedRoutes: RouteDef[] = [{ pattern: ':module/deleted', handlers: { GET: deleted } }];
