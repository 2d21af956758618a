/** Finds the module a URL names and the scope a call on it needs. */
import type { CrmContext } from '../context';
import { ZohoHttpError } from '../http-error';
import { invalidModule } from '../errors';
import { missingPermission } from '../seed/permissions';
import type { ModuleDef } from '../seed/modules';
import type { ModuleStore } from '../store/module-store';

export type Operation = 'READ' | 'CREATE' | 'UPDATE' | 'DELETE';

/** `ZohoCRM.modules.leads.READ`; custom modules share `ZohoCRM.modules.custom.*`. */
export function moduleScope(def: ModuleDef, operation: Operation): string {
  return `ZohoCRM.modules.${def.scope}.${operation}`;
}

/**
 * The module of a records URL. Unknown modules, and modules the records API does not serve, are
 * INVALID_MODULE; write routes answer it wrapped in `data[]`, read routes flat, as in Zoho's examples.
 */
export function resolveModule(ctx: CrmContext, name: string, options: { wrapped?: boolean; allowNotes?: boolean } = {}): { def: ModuleDef; store: ModuleStore } {
  const def = ctx.org.module(name);
  const store = def ? ctx.org.store(def.api_name) : undefined;
  if (!def || !store || (def.api_name === 'Notes' && options.allowNotes === false)) throw invalidModule(options.wrapped === true);
  return { def, store };
}

const DENIED_MESSAGE: Record<Operation, string> = {
  READ: 'Permission denied to read',
  CREATE: 'Permission denied to create',
  UPDATE: 'Permission denied to update',
  DELETE: 'Permission denied to delete',
};

/** Checks the module is known, the token may do `operation` on it, and the user's profile allows it. */
export function moduleFor(ctx: CrmContext, name: string, operation: Operation, options: { wrapped?: boolean; allowNotes?: boolean } = {}) {
  const resolved = resolveModule(ctx, name, options);
  ctx.requireScope(moduleScope(resolved.def, operation));
  const missing = missingPermission(ctx.user.profile.name, resolved.def.api_name, operation);
  if (missing) throw new ZohoHttpError(403, 'NO_PERMISSION', DENIED_MESSAGE[operation], { permissions: [missing] });
  return resolved;
}
