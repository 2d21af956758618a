/**
 * Checks one record of a write the way Zoho does and turns its values into stored form: mandatory fields, data
 * types and lengths, picklist values, lookups that must point to existing records, owners that must be active
 * users, unique fields, and the Deal pipeline/stage pairing. Errors are Zoho's per-record errors (wrapped),
 * with `json_path` into the request body. Unknown field names and read-only fields are ignored, as Zoho does.
 */
import { isDateText, isDateTimeText, zohoDateTime } from '../clock';
import {
  duplicateData,
  invalidType,
  invalidValue,
  mandatoryNotFound,
  tooLong,
  unsupportedValue,
} from '../errors';
import { ZohoHttpError } from '../http-error';
import type { Org } from '../org';
import { PIPELINES, STAGE_PROBABILITY, type FieldDef, type ModuleDef } from '../seed/modules';
import type { OrgUser } from '../seed/users';
import type { ModuleStore, StoredRecord } from '../store/module-store';

export interface RecordCheck {
  org: Org;
  def: ModuleDef;
  store: ModuleStore;
  /** Position in `data[]`, for json_path. */
  index: number;
  mode: 'create' | 'update';
  existing?: StoredRecord;
}

export interface CheckedValues {
  values: Record<string, unknown>;
  /** The Owner given, resolved to a user. */
  owner?: OrgUser;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEBSITE = /^(https?:\/\/)?[\w-]+(\.[\w-]+)+([/?#][^\s]*)?$/i;
const NUMERIC = /^-?\d+(\.\d+)?$/;
const INT_MAX = 2_147_483_647;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || value === '-None-';
}

function lookupId(value: unknown): { id: string; module?: string } | null {
  if (typeof value === 'string' && /^\d{1,19}$/.test(value)) return { id: value };
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { id: String(value) };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const id = typeof v.id === 'number' ? String(v.id) : v.id;
    if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) return null;
    const m = v.module;
    const module = typeof m === 'string' ? m : m && typeof m === 'object' ? (m as { api_name?: unknown }).api_name : undefined;
    return typeof module === 'string' ? { id, module } : { id };
  }
  return null;
}

function normalize(c: RecordCheck, field: FieldDef, value: unknown, input: Record<string, unknown>): unknown {
  const { index } = c;
  const api = field.api_name;
  if (value === null || (typeof value === 'string' && value === '' && field.data_type !== 'boolean')) return null;
  switch (field.data_type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'website': {
      if (typeof value !== 'string' && typeof value !== 'number') throw invalidType(index, api, field.data_type);
      const text = String(value);
      if (text.length > field.length) throw tooLong(index, api, field.length);
      if (field.data_type === 'email' && !EMAIL.test(text)) throw invalidType(index, api, 'email');
      if (field.data_type === 'website' && !WEBSITE.test(text)) throw invalidType(index, api, 'website');
      return text;
    }
    case 'picklist': {
      if (typeof value !== 'string') throw invalidType(index, api, 'picklist');
      if (value === '-None-') return null;
      const values = field.pick_list_values ?? [];
      const found = values.find((v) => v === value) ?? values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (!found || found === '-None-') throw unsupportedValue(index, api, values.filter((v) => v !== '-None-'));
      return found;
    }
    case 'multiselectpicklist': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw invalidType(index, api, 'jsonarray');
      const values = field.pick_list_values ?? [];
      const bad = value.find((v) => !values.includes(v as string));
      if (bad !== undefined) throw unsupportedValue(index, api, [...values]);
      return value;
    }
    case 'integer':
    case 'bigint': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      const max = field.data_type === 'integer' ? INT_MAX : Number.MAX_SAFE_INTEGER;
      if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > max) throw invalidType(index, api, field.data_type);
      return n;
    }
    case 'double':
    case 'currency':
    case 'percent': {
      const n = typeof value === 'string' && NUMERIC.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw invalidType(index, api, 'double');
      return n;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw invalidType(index, api, 'boolean');
      return value;
    case 'date':
      if (typeof value !== 'string' || !isDateText(value)) throw invalidType(index, api, 'date');
      return value;
    case 'datetime':
      if (typeof value !== 'string' || !isDateTimeText(value)) throw invalidType(index, api, 'datetime');
      return zohoDateTime(Date.parse(value));
    case 'lookup':
      return normalizeLookup(c, field, value, input);
    case 'ownerlookup': {
      const ref = lookupId(value);
      if (!ref) throw invalidType(index, api, 'ownerlookup');
      const user = c.org.user(ref.id);
      if (!user || user.status !== 'active') throw invalidValue(index, api);
      return user;
    }
  }
}

function normalizeLookup(c: RecordCheck, field: FieldDef, value: unknown, input: Record<string, unknown>): unknown {
  const api = field.api_name;
  const ref = lookupId(value);
  if (!ref) throw invalidType(c.index, api, 'jsonobject');
  const modules = field.lookup_modules ?? [];
  let moduleName: string | undefined = modules.length === 1 ? modules[0] : undefined;
  if (!moduleName) {
    const named = ref.module ?? (typeof input.$se_module === 'string' ? input.$se_module : undefined) ?? (c.existing?.data.$se_module as string | undefined);
    if (named === undefined) throw mandatoryNotFound(c.index, '$se_module');
    moduleName = modules.find((m) => m.toLowerCase() === named.toLowerCase());
    if (!moduleName) throw invalidValue(c.index, '$se_module');
  }
  const target = c.org.module(moduleName) as ModuleDef;
  const record = c.org.store(target.api_name)?.get(ref.id);
  if (!record) throw invalidValue(c.index, api);
  return { ...c.org.refOf(target, record), $module: target.api_name };
}

function duplicateOf(c: RecordCheck, record: StoredRecord): Record<string, unknown> {
  const owner = record.data.Owner as { name: string; id: string };
  const zuid = c.org.user(owner.id)?.zuid ?? null;
  return { Owner: { name: owner.name, id: owner.id, zuid }, id: record.id, module: { api_name: c.def.api_name, id: c.def.id } };
}

/** Deals: a Stage must belong to the Pipeline; Probability follows the Stage unless given. */
function checkDeal(c: RecordCheck, values: Record<string, unknown>): void {
  const pipeline = (values.Pipeline ?? c.existing?.data.Pipeline ?? 'Standard (Standard)') as string;
  const stage = (values.Stage ?? c.existing?.data.Stage) as string | null | undefined;
  if (c.mode === 'create' && values.Pipeline === undefined) values.Pipeline = pipeline;
  if (stage && !(PIPELINES[pipeline] ?? []).includes(stage)) {
    throw new ZohoHttpError(400, 'MAPPING_MISMATCH', "Pipeline doesn't contain the Stage", { mapped_field: 'Pipeline', api_name: 'Stage', json_path: `$.data[${c.index}].Stage` }, true);
  }
  if (values.Stage !== undefined && values.Probability === undefined && stage) values.Probability = STAGE_PROBABILITY[stage] ?? null;
}

export function checkRecord(c: RecordCheck, input: unknown): CheckedValues {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { expected_data_type: 'jsonobject', api_name: 'data', json_path: `$.data[${c.index}]` }, true);
  }
  const body = input as Record<string, unknown>;
  const fields = c.store.fieldsByName;

  for (const field of c.def.fields) {
    if (!field.system_mandatory || field.read_only) continue;
    const given = Object.prototype.hasOwnProperty.call(body, field.api_name);
    if (c.mode === 'create' ? isEmpty(body[field.api_name]) : given && isEmpty(body[field.api_name])) throw mandatoryNotFound(c.index, field.api_name);
  }

  const values: Record<string, unknown> = {};
  let owner: OrgUser | undefined;
  for (const [key, raw] of Object.entries(body)) {
    if (key === '$se_module') {
      if (typeof raw === 'string') values.$se_module = raw;
      continue;
    }
    const field = fields.get(key);
    if (!field || field.read_only) continue;
    const value = normalize(c, field, raw, body);
    if (field.data_type === 'ownerlookup') {
      if (value !== null) owner = value as OrgUser;
      continue;
    }
    if (field.data_type === 'lookup' && value !== null) {
      const { $module, ...ref } = value as { $module: string; name: string; id: string };
      values[key] = ref;
      if ((field.lookup_modules ?? []).length > 1) values.$se_module = $module;
    } else values[key] = value;
  }

  for (const field of c.store.uniqueFields) {
    const value = values[field.api_name];
    if (value === null || value === undefined) continue;
    const holder = c.store.findUnique(field.api_name, value);
    if (holder && holder.id !== c.existing?.id) throw duplicateData(c.index, field.api_name, duplicateOf(c, holder));
  }
  if (c.def.api_name === 'Deals') checkDeal(c, values);
  return owner ? { values, owner } : { values };
}
