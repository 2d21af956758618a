/**
 * The Zoho options provider (manifest `connection.optionsProvider`): fills form fields marked `x-options` from
 * the connection's metadata: modules, a module's fields, a record as the module's real fields with widgets by
 * Zoho data type, picklist values, and active users. The module and field summaries here also feed
 * `zcrm modules` and `zcrm fields`.
 */
import { InputError } from '../runtime/errors';
import { childPath } from '../runtime/forms/field-paths';
import { secrets } from '../runtime/secrets';
import type { FormField, FormOption, OptionsRequest, OptionsResult, Widget } from '../runtime/forms/types';
import type { ZohoClient } from './client/zoho-client';
import type { ZohoField, ZohoModule } from './metadata';

export interface ModuleSummary {
  apiName: string;
  /** Plural label, as Zoho's tabs show it. */
  label: string;
  singularLabel?: string;
}

export interface FieldSummary {
  apiName: string;
  label: string;
  /** Zoho's data_type: text, picklist, lookup, ownerlookup, datetime ... */
  type: string;
  /** Zoho requires it on create (system_mandatory). */
  required: boolean;
  readOnly: boolean;
  maxLength?: number;
  picklistValues?: string[];
  /** The module a lookup points at, when it points at one. */
  lookupModule?: string;
}

interface PicklistValue {
  display_value?: string;
  actual_value?: string;
}

interface ZohoUser {
  id?: string;
  full_name?: string;
  email?: string;
  status?: string;
}

/** Zoho's "nothing chosen" entry of every picklist: leaving the field empty means the same. */
const NONE = '-None-';

/** The actions whose record is a new one: only there are Zoho's mandatory fields required. */
const CREATING_ACTIONS: ReadonlySet<string> = new Set(['create-record']);

function isZohoClient(client: unknown): client is ZohoClient {
  const metadata = (client as { metadata?: { modules?: unknown; fields?: unknown } } | undefined)?.metadata;
  return typeof metadata?.modules === 'function' && typeof metadata.fields === 'function' && typeof (client as { get?: unknown }).get === 'function';
}

/** The client as a ZohoClient, or a typed error when the connection belongs to another connector. */
export function asZohoClient(client: unknown): ZohoClient {
  if (!isZohoClient(client)) throw new InputError('NOT_A_ZOHO_CLIENT', 'The connection does not give a Zoho CRM client.', 'Use a Zoho CRM connection.');
  return client;
}

function labelOf(field: ZohoField): string {
  const label = field.display_label ?? field.field_label;
  return typeof label === 'string' && label !== '' ? label : field.api_name;
}

function picklistValues(field: ZohoField): FormOption[] {
  const values = Array.isArray(field.pick_list_values) ? (field.pick_list_values as PicklistValue[]) : [];
  return values
    .filter((v) => typeof v.actual_value === 'string' && v.actual_value !== NONE)
    .map((v) => ({ value: v.actual_value, label: v.display_value ?? (v.actual_value as string) }));
}

function lookupModuleOf(field: ZohoField): string | undefined {
  const lookup = field.lookup as { module?: { api_name?: unknown } } | null | undefined;
  return typeof lookup?.module?.api_name === 'string' ? lookup.module.api_name : undefined;
}

/** The org's modules the API can work with (GET /settings/modules; api_supported only). */
export async function moduleSummaries(client: ZohoClient): Promise<ModuleSummary[]> {
  return (await client.metadata.modules())
    .filter((m: ZohoModule) => m.api_supported === true && typeof m.api_name === 'string')
    .map((m) => ({
      apiName: m.api_name,
      label: m.plural_label ?? m.module_name ?? m.api_name,
      ...(m.singular_label ? { singularLabel: m.singular_label } : {}),
    }));
}

/** A module's fields as people read them (GET /settings/fields?module=...). */
export async function fieldSummaries(client: ZohoClient, module: string): Promise<FieldSummary[]> {
  return (await client.metadata.fields(module)).map((f) => {
    const picklist = f.data_type === 'picklist' || f.data_type === 'multiselectpicklist' ? picklistValues(f).map((o) => String(o.value)) : undefined;
    const lookupModule = lookupModuleOf(f);
    return {
      apiName: f.api_name,
      label: labelOf(f),
      type: f.data_type ?? 'unknown',
      required: f.system_mandatory === true,
      readOnly: f.read_only === true,
      ...(typeof f.length === 'number' ? { maxLength: f.length } : {}),
      ...(picklist ? { picklistValues: picklist } : {}),
      ...(lookupModule ? { lookupModule } : {}),
    };
  });
}

/** How long a connection's user list is reused: every record form with an owner field asks for it. */
const USERS_TTL_MS = 60_000;
const usersByClient = new WeakMap<ZohoClient, { at: number; value: Promise<FormOption[]> }>();

async function fetchActiveUsers(client: ZohoClient): Promise<FormOption[]> {
  const body = await client.get<{ users?: ZohoUser[] }>('/users', { type: 'ActiveUsers', per_page: 200 });
  return (body?.users ?? [])
    .filter((u): u is ZohoUser & { id: string } => typeof u.id === 'string')
    .map((u) => ({ value: u.id, label: u.full_name ? `${u.full_name}${u.email ? ` <${u.email}>` : ''}` : (u.email ?? u.id) }));
}

/** Active users as choices (GET /users?type=ActiveUsers), shared for a minute per client; failures are not kept. */
function activeUsers(client: ZohoClient): Promise<FormOption[]> {
  const hit = usersByClient.get(client);
  if (hit && Date.now() - hit.at < USERS_TTL_MS) return hit.value;
  const entry = { at: Date.now(), value: fetchActiveUsers(client) };
  usersByClient.set(client, entry);
  entry.value.catch(() => {
    if (usersByClient.get(client) === entry) usersByClient.delete(client);
  });
  return entry.value;
}

interface RecordFieldContext {
  basePath: string;
  creating: boolean;
  /** Active users for owner fields, or why they could not be had. */
  users: { options: FormOption[] } | { reason: string };
}

function widgetOf(field: ZohoField): Widget {
  switch (field.data_type) {
    case 'text':
    case 'email':
    case 'phone':
    case 'website':
    case 'autonumber':
      return 'text';
    case 'textarea':
      return 'textarea';
    case 'picklist':
      return 'select';
    case 'multiselectpicklist':
      return 'multi-select';
    case 'integer':
    case 'bigint':
      return 'integer';
    case 'double':
    case 'decimal':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
      return 'checkbox';
    case 'date':
      return 'date';
    case 'datetime':
      return 'date-time';
    default:
      return field.json_type === 'jsonobject' || field.json_type === 'jsonarray' ? 'json' : 'text';
  }
}

const HELP_BY_TYPE: Readonly<Record<string, string>> = {
  email: 'An email address.',
  phone: 'A phone number.',
  website: 'A web address.',
  currency: 'An amount in the org currency.',
  percent: 'A percentage.',
  datetime: 'Date and time with the UTC offset, e.g. 2025-05-10T09:30:00+05:30.',
};

/** One sub-field of a record form for a Zoho field. */
function recordField(field: ZohoField, ctx: RecordFieldContext): FormField {
  const path = childPath(ctx.basePath, field.api_name);
  const out: FormField = { path, name: field.api_name, label: labelOf(field), widget: widgetOf(field), required: ctx.creating && field.system_mandatory === true };
  const tooltip = (field.tooltip as { value?: unknown } | null | undefined)?.value;
  const help = typeof tooltip === 'string' && tooltip !== '' ? tooltip : HELP_BY_TYPE[field.data_type ?? ''];
  if (help) out.help = help;
  if (typeof field.length === 'number' && (out.widget === 'text' || out.widget === 'textarea')) out.constraints = { maxLength: field.length };

  switch (field.data_type) {
    case 'picklist':
    case 'multiselectpicklist':
      out.options = picklistValues(field);
      break;
    case 'lookup': {
      // Zoho takes a lookup as {"id": ...}: the value the form asks for is that id.
      const target = lookupModuleOf(field);
      out.path = childPath(path, 'id');
      out.widget = 'text';
      out.constraints = { pattern: '^[0-9]{1,19}$' };
      out.note = target ? `record id of ${target}` : 'record id of the related record (any module: also give $se_module, the module it is in)';
      break;
    }
    case 'ownerlookup':
    case 'userlookup':
      out.path = childPath(path, 'id');
      if ('options' in ctx.users && ctx.users.options.length > 0) {
        out.widget = 'select';
        out.options = ctx.users.options;
      } else {
        out.widget = 'text';
        out.note = `user id (the user list is unavailable: ${'reason' in ctx.users ? ctx.users.reason : 'no active users'})`;
      }
      break;
    case 'subform':
    case 'multiselectlookup':
    case 'multiuserlookup':
      out.widget = 'json';
      out.note = `${field.data_type}: give Zoho's JSON for it`;
      break;
  }
  return out;
}

function isWritable(field: ZohoField): boolean {
  return field.read_only !== true && field.api_name !== 'id';
}

function needsUsers(fields: readonly ZohoField[]): boolean {
  return fields.some((f) => f.data_type === 'ownerlookup' || f.data_type === 'userlookup');
}

/** The module's writable fields as the sub-fields of a record form: mandatory ones first (when creating), then Zoho's order. */
export async function recordFormFields(client: ZohoClient, module: string, basePath: string, creating: boolean): Promise<FormField[]> {
  const writable = (await client.metadata.fields(module)).filter(isWritable);
  if (writable.length === 0) throw new InputError('NO_FIELD_METADATA', `Zoho CRM describes no writable fields for module "${module}".`, 'Check the module name, or enter the record as JSON.');
  let users: RecordFieldContext['users'] = { options: [] };
  if (needsUsers(writable)) {
    try {
      users = { options: await activeUsers(client) };
    } catch (err) {
      users = { reason: secrets.scrub(err instanceof Error ? err.message : String(err)) };
    }
  }
  const fields = writable.map((f) => recordField(f, { basePath, creating, users }));
  return [...fields.filter((f) => f.required), ...fields.filter((f) => !f.required)];
}

function textValue(value: unknown, what: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new InputError('OPTIONS_DEPENDENCY_MISSING', `Choose the ${what} first.`);
}

/** The runtime's entry point: choices or sub-fields for one field marked `x-options`. */
export async function resolveOptions(request: OptionsRequest): Promise<OptionsResult> {
  const client = asZohoClient(request.client);
  const dependsOn = request.dependsOn ?? [];
  const module = () => textValue(dependsOn[0] ?? request.values.module, 'module');
  switch (request.source) {
    case 'modules':
      return { options: (await moduleSummaries(client)).map((m) => ({ value: m.apiName, label: m.label })) };
    case 'fields':
      return { options: (await fieldSummaries(client, module())).map((f) => ({ value: f.apiName, label: `${f.label} (${f.apiName})` })) };
    case 'record-fields':
      return { fields: await recordFormFields(client, module(), request.field.path, CREATING_ACTIONS.has(request.actionId ?? '')) };
    case 'picklist': {
      const name = textValue(dependsOn[1] ?? request.values.field, 'field');
      const field = (await client.metadata.fields(module())).find((f) => f.api_name === name);
      if (!field || (field.data_type !== 'picklist' && field.data_type !== 'multiselectpicklist')) {
        throw new InputError('NOT_A_PICKLIST', `Field "${name}" of ${module()} is not a picklist.`);
      }
      return { options: picklistValues(field) };
    }
    case 'users':
      return { options: await activeUsers(client) };
    default:
      throw new InputError('UNKNOWN_OPTIONS_SOURCE', `The Zoho CRM connector has no options source "${request.source}".`, 'Use one of: modules, fields, record-fields, picklist, users.');
  }
}
