/** Metadata: `GET /settings/modules`, `/settings/modules/{api_name}`, `/settings/fields?module=`, `/settings/fields/{id}`. */
import type { CrmContext } from '../context';
import { requiredParamMissing } from '../errors';
import { json, noContent, type Reply } from '../http/reply';
import { ZohoHttpError } from '../http-error';
import type { RouteDef } from '../router';

const MODULES_SCOPE = 'ZohoCRM.settings.modules.READ';
const FIELDS_SCOPE = 'ZohoCRM.settings.fields.READ';

function modules(ctx: CrmContext): Reply {
  ctx.requireScope(MODULES_SCOPE);
  return json(200, { modules: ctx.org.modules.map((m) => ctx.org.moduleMetadata(m, false)) });
}

function moduleByName(ctx: CrmContext, params: Record<string, string>): Reply {
  ctx.requireScope(MODULES_SCOPE);
  const def = ctx.org.module(params.name as string) ?? ctx.org.modules.find((m) => m.id === params.name);
  if (!def) throw new ZohoHttpError(400, 'INVALID_DATA', 'the given module seems to be invalid', { resource_path_index: 2 });
  return json(200, { modules: [ctx.org.moduleMetadata(def, true)] });
}

function fieldsModule(ctx: CrmContext) {
  ctx.requireScope(FIELDS_SCOPE);
  const name = ctx.query.get('module');
  if (name === null || name === '') throw requiredParamMissing('module');
  const def = ctx.org.module(name);
  // fields.json's InvalidParamError names the parameter under `api_name`.
  if (!def) throw new ZohoHttpError(400, 'INVALID_MODULE', 'the module name given seems to be invalid', { api_name: 'module' });
  return def;
}

function fields(ctx: CrmContext): Reply {
  const def = fieldsModule(ctx);
  const list = ctx.org.fieldMetadata(def.api_name);
  return list.length === 0 ? noContent() : json(200, { fields: list });
}

function field(ctx: CrmContext, params: Record<string, string>): Reply {
  const def = fieldsModule(ctx);
  const found = ctx.org.fieldMetadata(def.api_name).find((f) => f.id === params.id || f.api_name === params.id);
  return found ? json(200, { fields: [found] }) : noContent();
}

export const metadataRoutes: RouteDef[] = [
  { pattern: 'settings/modules', handlers: { GET: modules } },
  { pattern: 'settings/modules/:name', handlers: { GET: moduleByName } },
  { pattern: 'settings/fields', handlers: { GET: fields } },
  { pattern: 'settings/fields/:id', handlers: { GET: field } },
];
