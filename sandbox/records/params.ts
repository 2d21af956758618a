/** Query parameters shared by the list routes (records, notes, search, deleted), checked as Zoho checks them. */
import type { CrmContext } from '../context';
import { expectedParamMissing, invalidParam, limitExceeded, requiredParamMissing } from '../errors';
import type { SortKey } from '../store/module-store';

export const MAX_FIELDS = 50;
export const MAX_PER_PAGE = 200;
export const MAX_IDS = 100;

/** Versions from v5 on: `fields` required on lists, the 2,000-record reach, page tokens. */
export function isModern(ctx: CrmContext): boolean {
  return ctx.version.number >= 5;
}

/** The `fields` list, or null when absent and allowed to be. */
export function fieldsParam(ctx: CrmContext, required: boolean): string[] | null {
  const raw = ctx.query.get('fields');
  if (raw === null || raw.trim() === '') {
    if (required) throw requiredParamMissing('fields');
    return null;
  }
  const fields = [...new Set(raw.split(',').map((f) => f.trim()).filter((f) => f !== ''))];
  if (fields.length > MAX_FIELDS) throw limitExceeded('fields', MAX_FIELDS);
  return fields;
}

function positiveInt(ctx: CrmContext, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw invalidParam(name, { expected_data_type: 'integer' });
  return Number(raw);
}

export function pageParams(ctx: CrmContext): { page: number; perPage: number } {
  const page = positiveInt(ctx, 'page', 1);
  const perPage = positiveInt(ctx, 'per_page', MAX_PER_PAGE);
  if (perPage > MAX_PER_PAGE) throw limitExceeded('per_page', MAX_PER_PAGE);
  return { page, perPage };
}

const SORT_KEYS: readonly SortKey[] = ['id', 'Created_Time', 'Modified_Time'];

export function sortParams(ctx: CrmContext, defaults: { by: SortKey; descending: boolean }): { sortKey: SortKey; descending: boolean } {
  const by = ctx.query.get('sort_by');
  const order = ctx.query.get('sort_order');
  const sortKey = by === null || by === '' ? defaults.by : SORT_KEYS.find((k) => k === by);
  if (!sortKey) throw invalidParam('sort_by', { supported_values: [...SORT_KEYS] });
  if (order !== null && order !== '' && order !== 'asc' && order !== 'desc') throw invalidParam('sort_order', { supported_values: ['asc', 'desc'] });
  return { sortKey, descending: order === null || order === '' ? defaults.descending : order === 'desc' };
}

export function idsParam(ctx: CrmContext): Set<string> | null {
  const raw = ctx.query.get('ids');
  if (raw === null || raw.trim() === '') return null;
  const ids = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length > MAX_IDS) throw limitExceeded('ids', MAX_IDS);
  return new Set(ids);
}

/** `converted` on Leads: false (default) hides converted leads, true shows only them, both shows all. */
/** The `ids` of a bulk delete (`DELETE /{module}?ids=` or `/Notes?ids=`): required, at most 100. */
export function deleteIdsParam(ctx: CrmContext): string[] {
  const raw = ctx.query.get('ids');
  if (raw === null || raw.trim() === '') throw expectedParamMissing('ids');
  const ids = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length > MAX_IDS) throw limitExceeded('ids', MAX_IDS);
  return ids;
}

export function convertedParam(ctx: CrmContext): 'true' | 'false' | 'both' {
  const raw = ctx.query.get('converted');
  if (raw === null || raw === '') return 'false';
  if (raw !== 'true' && raw !== 'false' && raw !== 'both') throw invalidParam('converted', { supported_values: ['true', 'false', 'both'] });
  return raw;
}

/** `If-Modified-Since` as ms, or null (an unreadable date is ignored, as HTTP caches do). */
export function ifModifiedSince(ctx: CrmContext): number | null {
  const raw = ctx.headers['if-modified-since'];
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const ms = Date.parse(raw.trim());
  return Number.isNaN(ms) ? null : ms;
}
