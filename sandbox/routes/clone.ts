/**
 * `POST /{module}/{id}/actions/clone` (v7+): a new record with the source's values, overridden by `data[0]`
 * when given, checked like any create (so a unique field makes the clone fail as DUPLICATE_DATA).
 */
import type { CrmContext } from '../context';
import { invalidUrlId, limitExceeded } from '../errors';
import { type Reply } from '../http/reply';
import { moduleFor } from '../records/resolve';
import { attempt, bulkReply, createOne, dataArray } from '../records/write';
import type { RouteDef } from '../router';

function clone(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def, store } = moduleFor(ctx, params.module as string, 'CREATE', { allowNotes: false });
  const source = store.get(params.id as string);
  if (!source) throw invalidUrlId(1);
  const overrides = dataArray(ctx, { optional: true });
  if (overrides.length > 1) throw limitExceeded('data', 1);
  const input: Record<string, unknown> = {};
  for (const field of def.fields) {
    if (field.read_only) continue;
    const value = source.data[field.api_name];
    if (value !== null && value !== undefined) input[field.api_name] = value;
  }
  if (typeof source.data.$se_module === 'string') input.$se_module = source.data.$se_module;
  const override = overrides[0];
  const merged = override && typeof override === 'object' && !Array.isArray(override) ? { ...input, ...override } : override === undefined ? input : override;
  return bulkReply([attempt(() => createOne(ctx, def, store, merged, 0).item)], 201);
}

export const cloneRoutes: RouteDef[] = [{ pattern: ':module/:id/actions/clone', handlers: { POST: clone }, minVersion: 7 }];
