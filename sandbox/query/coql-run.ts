// Runs a parsed COQL query over the sandbox's records: resolves columns, filters, orders and pages the rows.

import type { CoqlColumn, CoqlCondition, CoqlLiteral, CoqlOperator, CoqlPredicate, CoqlQuery } from './coql-parse';
import {
  invalidColumn,
  invalidModule,
  invalidOperator,
  invalidValue,
  unsupportedColumn,
  unsupportedCriteriaColumn,
} from './coql-errors';
import { findField, valueKind, type ValueKind } from './field-kinds';
import type { FieldMeta, SandboxRecord } from './types';
import {
  compareIds,
  isDecimalText,
  isEmptyValue,
  isIntegerText,
  parseZohoDate,
  parseZohoDateTime,
  storedBigInt,
  storedBoolean,
  storedDate,
  storedDateTime,
  storedList,
  storedLookup,
  storedNumber,
  storedText,
} from './values';

export interface CoqlModule {
  fields: FieldMeta[];
  /** The module's records, in ascending id order (the store's insertion order). */
  records: Iterable<SandboxRecord>;
}

export interface CoqlSource {
  module(apiName: string): CoqlModule | undefined;
}

export interface CoqlResult {
  rows: Record<string, unknown>[];
  moreRecords: boolean;
}

type Clause = 'select' | 'where' | 'order by';
type Predicate = (record: SandboxRecord) => boolean;
type SortKey = string | number | bigint | undefined;

interface ResolvedColumn {
  name: string;
  kind: ValueKind;
  dataType: string;
  /** The stored value at the end of the column's path (through lookups for dot paths), or undefined. */
  read: (record: SandboxRecord) => unknown;
}

/** Keys a lookup object carries itself, readable through a dot path when the target module is not in the source. */
const EMBEDDED_LOOKUP_KEYS: Readonly<Record<string, FieldMeta>> = {
  id: { api_name: 'id', data_type: 'bigint' },
  name: { api_name: 'name', data_type: 'text' },
  email: { api_name: 'email', data_type: 'email' },
};

const EQUALITY: CoqlOperator[] = ['=', '!=', 'in', 'not in', 'is null', 'is not null'];
const TEXTUAL: CoqlOperator[] = [...EQUALITY, 'like', 'not like'];
const ORDERED: CoqlOperator[] = [...EQUALITY, '>', '>=', '<', '<=', 'between', 'not between'];

/** Comparators by value kind, from Zoho's COQL docs and Kaizen posts (boolean fields take `=` only). */
const OPERATORS_BY_KIND: Readonly<Partial<Record<ValueKind, ReadonlySet<CoqlOperator>>>> = {
  text: new Set(TEXTUAL),
  picklist: new Set(TEXTUAL),
  multiselect: new Set(TEXTUAL),
  lookup: new Set(EQUALITY),
  integer: new Set(ORDERED),
  bigint: new Set(ORDERED),
  decimal: new Set(ORDERED),
  date: new Set(ORDERED),
  datetime: new Set(ORDERED),
  boolean: new Set<CoqlOperator>(['=']),
};

/**
 * Runs the query. Rows hold the selected columns (keyed by alias or column as written) plus `id`, as Zoho
 * returns it. Lookups selected whole come back as `{ id }` only, as COQL returns them; dot paths such as
 * `Account_Name.Industry` read the related record (one or more hops) when its module is in the source, and
 * `Owner.name` / `.email` / `.id` read the lookup object itself otherwise.
 *
 * Filtering follows SQL: a comparison with an empty field is false (only `is null` finds empties). Text
 * comparisons (`=`, `in`, `like`) ignore case; `like` knows `%` only. Converted leads are left out, as COQL's
 * default does (a record of Leads with `$converted: true`).
 *
 * Order is `id asc` unless ORDER BY says otherwise. When the order is by id, records are streamed in the
 * source's order (ascending ids) and reading stops once the page and one more row are found; `id desc` keeps a
 * window of the last rows. Any other order collects the matching records and sorts them once.
 */
export function runCoql(query: CoqlQuery, source: CoqlSource): CoqlResult {
  const base = source.module(query.module);
  if (!base) throw invalidModule();
  const resolver = new ColumnResolver(source);
  const selected = query.select.map((item) => ({ key: item.key, column: resolver.resolve(item.column, base.fields, 'select') }));
  for (const { column } of selected) {
    if (column.kind === 'unsupported') throw unsupportedColumn(column.name);
  }
  const where = compileCondition(query.where, (column) => resolver.resolve(column, base.fields, 'where'));
  const orders = query.orderBy.map((order) => ({ column: resolver.resolve(order.column, base.fields, 'order by'), direction: order.direction }));
  for (const { column } of orders) {
    if (column.kind === 'unsupported') throw unsupportedColumn(column.name);
  }

  const skipConverted = query.module === 'Leads';
  const matches: Predicate = (record) => !(skipConverted && record.$converted === true) && where(record);
  const byId = orders.length === 0 || orders[0].column.name === 'id';
  const direction = orders.length === 0 ? 'asc' : orders[0].direction;
  const page = byId
    ? direction === 'asc'
      ? firstMatches(base.records, matches, query.offset, query.limit) ?? sortedMatches(base.records, matches, query.offset, query.limit, [])
      : lastMatches(base.records, matches, query.offset, query.limit) ?? sortedMatches(base.records, matches, query.offset, query.limit, orders)
    : sortedMatches(base.records, matches, query.offset, query.limit, orders);

  const rows = page.records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const { key, column } of selected) row[key] = outputValue(column, column.read(record));
    if (!Object.hasOwn(row, 'id')) row.id = record.id;
    return row;
  });
  return { rows, moreRecords: page.more };
}

interface Page {
  records: SandboxRecord[];
  more: boolean;
}

/** Ascending id order straight from the source; undefined if the source turns out not to be in id order. */
function firstMatches(records: Iterable<SandboxRecord>, matches: Predicate, offset: number, limit: number): Page | undefined {
  const page: SandboxRecord[] = [];
  let seen = 0;
  let previousId: string | undefined;
  for (const record of records) {
    if (previousId !== undefined && compareIds(record.id, previousId) < 0) return undefined;
    previousId = record.id;
    if (!matches(record)) continue;
    seen++;
    if (seen > offset) page.push(record);
    if (page.length > limit) break;
  }
  return { records: page.slice(0, limit), more: page.length > limit };
}

/** Descending id order: keeps the last `offset + limit + 1` matches in a ring; undefined if ids are not ascending. */
function lastMatches(records: Iterable<SandboxRecord>, matches: Predicate, offset: number, limit: number): Page | undefined {
  const capacity = offset + limit + 1;
  const ring: SandboxRecord[] = [];
  let seen = 0;
  let previousId: string | undefined;
  for (const record of records) {
    if (previousId !== undefined && compareIds(record.id, previousId) < 0) return undefined;
    previousId = record.id;
    if (!matches(record)) continue;
    ring[seen % capacity] = record;
    seen++;
  }
  const start = seen > capacity ? seen % capacity : 0;
  const ascending = seen > capacity ? [...ring.slice(start), ...ring.slice(0, start)] : ring;
  const descending = ascending.reverse();
  return { records: descending.slice(offset, offset + limit), more: seen > offset + limit };
}

/**
 * Any order: every match is collected with its sort keys, sorted once, then the page is cut; ties go by id.
 * The sort is stable, so when the source yields ascending ids (the normal case) ties need no id comparison.
 */
function sortedMatches(
  records: Iterable<SandboxRecord>,
  matches: Predicate,
  offset: number,
  limit: number,
  orders: { column: ResolvedColumn; direction: 'asc' | 'desc' }[],
): Page {
  const keyed: { record: SandboxRecord; keys: SortKey[] }[] = [];
  let idsAscending = true;
  for (const record of records) {
    if (!matches(record)) continue;
    if (idsAscending && keyed.length > 0 && compareIds(record.id, keyed[keyed.length - 1].record.id) < 0) idsAscending = false;
    keyed.push({ record, keys: orders.map(({ column }) => sortKey(column, column.read(record))) });
  }
  const signs = orders.map((order) => (order.direction === 'asc' ? 1 : -1));
  keyed.sort((a, b) => {
    for (let index = 0; index < signs.length; index++) {
      const order = compareKeys(a.keys[index], b.keys[index]);
      if (order !== 0) return order * signs[index];
    }
    return idsAscending ? 0 : compareIds(a.record.id, b.record.id);
  });
  return { records: keyed.slice(offset, offset + limit).map((entry) => entry.record), more: keyed.length > offset + limit };
}

/** Empty values sort first in ascending order (last in descending). */
function compareKeys(a: SortKey, b: SortKey): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Booleans read empty as false, as in filtering; other empty values have no key. */
function sortKey(column: ResolvedColumn, value: unknown): SortKey {
  if (column.kind === 'boolean') return storedBoolean(value) ? 1 : 0;
  if (isEmptyValue(value)) return undefined;
  switch (column.kind) {
    case 'integer':
    case 'bigint':
      return storedBigInt(value);
    case 'decimal':
      return storedNumber(value);
    case 'date':
      return storedDate(value);
    case 'datetime':
      return storedDateTime(value);
    case 'lookup':
      return storedLookup(value)?.name?.toLowerCase();
    case 'multiselect':
      return storedList(value).join(';').toLowerCase();
    default:
      return storedText(value)?.toLowerCase();
  }
}

/** Whole lookups come back as `{ id }`; everything else as stored, with absent values as null. */
function outputValue(column: ResolvedColumn, value: unknown): unknown {
  if (value === undefined) return null;
  if (column.kind === 'lookup') {
    const lookup = storedLookup(value);
    return lookup?.id === undefined ? null : { id: lookup.id };
  }
  return value;
}

/** Resolves column paths against module fields, following lookups into related modules by id. */
class ColumnResolver {
  private readonly indexes = new Map<string, Map<string, SandboxRecord>>();

  constructor(private readonly source: CoqlSource) {}

  resolve(column: CoqlColumn, fields: readonly FieldMeta[], clause: Clause): ResolvedColumn {
    const invalid = (): Error => invalidColumn(column.name, clause);
    if (column.path.some((segment) => segment === '')) throw invalid();
    const hops: { field: string; module: string }[] = [];
    let currentFields = fields;
    for (let index = 0; index < column.path.length; index++) {
      const segment = column.path[index];
      const field = findField(currentFields, segment);
      if (!field) throw invalid();
      if (index === column.path.length - 1) return this.reader(column.name, field, hops, undefined);
      if (valueKind(field.data_type) !== 'lookup') throw invalid();
      const targetName = field.lookup?.module?.api_name ?? (field.data_type === 'lookup' ? undefined : 'Users');
      const target = targetName === undefined ? undefined : this.source.module(targetName);
      if (target && targetName !== undefined) {
        hops.push({ field: segment, module: targetName });
        currentFields = target.fields;
        continue;
      }
      const embedded = column.path.length === index + 2 ? column.path[index + 1] : undefined;
      if (embedded === undefined || !Object.hasOwn(EMBEDDED_LOOKUP_KEYS, embedded)) throw invalid();
      return this.reader(column.name, EMBEDDED_LOOKUP_KEYS[embedded], hops, segment);
    }
    throw invalid();
  }

  /** A reader that follows `hops`, then reads `field` (from the lookup object in `embeddedIn`, if given). */
  private reader(name: string, field: FieldMeta, hops: { field: string; module: string }[], embeddedIn: string | undefined): ResolvedColumn {
    const read = (record: SandboxRecord): unknown => {
      let current: SandboxRecord | undefined = record;
      for (const hop of hops) {
        const id: string | undefined = storedLookup(current[hop.field])?.id;
        current = id === undefined ? undefined : this.index(hop.module).get(id);
        if (!current) return undefined;
      }
      if (embeddedIn === undefined) return current[field.api_name];
      const lookup = storedLookup(current[embeddedIn]);
      return lookup?.[field.api_name as 'id' | 'name' | 'email'];
    };
    return { name, kind: valueKind(field.data_type), dataType: field.data_type, read };
  }

  private index(module: string): Map<string, SandboxRecord> {
    let index = this.indexes.get(module);
    if (!index) {
      index = new Map();
      for (const record of this.source.module(module)?.records ?? []) index.set(record.id, record);
      this.indexes.set(module, index);
    }
    return index;
  }
}

function compileCondition(condition: CoqlCondition, resolve: (column: CoqlColumn) => ResolvedColumn): Predicate {
  if (condition.kind === 'predicate') return compilePredicate(condition, resolve(condition.column));
  const left = compileCondition(condition.left, resolve);
  const right = compileCondition(condition.right, resolve);
  return condition.kind === 'and' ? (record) => left(record) && right(record) : (record) => left(record) || right(record);
}

function literalText(literal: CoqlLiteral): string {
  return literal.kind === 'string' ? literal.value : literal.kind === 'number' ? literal.text : String(literal.value);
}

function compilePredicate(predicate: CoqlPredicate, column: ResolvedColumn): Predicate {
  const { operator, values } = predicate;
  const allowed = OPERATORS_BY_KIND[column.kind];
  if (!allowed) {
    const shown = values.length === 0 ? '${EMPTY}' : values.map(literalText).join(',');
    throw unsupportedCriteriaColumn(column.name, operator, shown);
  }
  if (!allowed.has(operator)) throw invalidOperator(column.name, operator);
  const read = column.read;
  if (operator === 'is null') return (record) => isEmptyValue(read(record));
  if (operator === 'is not null') return (record) => !isEmptyValue(read(record));
  if (operator === 'like' || operator === 'not like') return likePredicate(column, operator, values[0]);

  const comparable = comparableReader(column);
  const parsed = values.map((literal) => {
    const value = parseLiteral(column, literal);
    if (value === undefined) throw invalidValue(column.name, expectedDataType(column));
    return value;
  });
  const [first, second] = parsed;
  const test = (stored: Comparable): boolean => {
    switch (operator) {
      case '=':
        return matchesAny(stored, [first]);
      case '!=':
        return !matchesAny(stored, [first]);
      case 'in':
        return matchesAny(stored, parsed);
      case 'not in':
        return !matchesAny(stored, parsed);
      case '>':
        return single(stored) > first;
      case '>=':
        return single(stored) >= first;
      case '<':
        return single(stored) < first;
      case '<=':
        return single(stored) <= first;
      case 'between':
        return single(stored) >= first && single(stored) <= second;
      case 'not between':
        return single(stored) < first || single(stored) > second;
      default:
        return false;
    }
  };
  if (column.kind === 'boolean') return (record) => test(storedBoolean(read(record)) ? 1 : 0);
  return (record) => {
    const stored = comparable(read(record));
    return stored !== undefined && test(stored);
  };
}

/** A value comparable with parsed literals: one scalar, or a list (multi-select picklists match any option). */
type Comparable = string | number | bigint | string[];

function single(stored: Comparable): string | number | bigint {
  return Array.isArray(stored) ? (stored[0] ?? '') : stored;
}

function matchesAny(stored: Comparable, values: (string | number | bigint)[]): boolean {
  if (Array.isArray(stored)) return stored.some((option) => values.includes(option));
  return values.includes(stored);
}

function comparableReader(column: ResolvedColumn): (value: unknown) => Comparable | undefined {
  switch (column.kind) {
    case 'integer':
    case 'bigint':
      return storedBigInt;
    case 'decimal':
      return storedNumber;
    case 'date':
      return storedDate;
    case 'datetime':
      return storedDateTime;
    case 'lookup':
      return (value) => {
        const id = storedLookup(value)?.id;
        return id !== undefined && isIntegerText(id) ? BigInt(id) : undefined;
      };
    case 'multiselect':
      return (value) => {
        const options = storedList(value).map((option) => option.toLowerCase());
        return options.length === 0 ? undefined : options;
      };
    default:
      return (value) => (isEmptyValue(value) ? undefined : storedText(value)?.toLowerCase());
  }
}

/** A literal as the column's comparable type, or undefined when it does not fit. */
function parseLiteral(column: ResolvedColumn, literal: CoqlLiteral): string | number | bigint | undefined {
  const text = literal.kind === 'boolean' ? undefined : literal.kind === 'string' ? literal.value : literal.text;
  switch (column.kind) {
    case 'integer':
    case 'bigint':
    case 'lookup':
      return text !== undefined && isIntegerText(text) ? BigInt(text) : undefined;
    case 'decimal':
      return text !== undefined && isDecimalText(text) ? Number(text) : undefined;
    case 'date':
      return literal.kind === 'string' ? parseZohoDate(literal.value) : undefined;
    case 'datetime':
      return literal.kind === 'string' ? parseZohoDateTime(literal.value) : undefined;
    case 'boolean': {
      const value = literal.kind === 'boolean' ? literal.value : literal.kind === 'string' ? literal.value.toLowerCase() : undefined;
      if (value === true || value === 'true') return 1;
      if (value === false || value === 'false') return 0;
      return undefined;
    }
    default:
      return text?.toLowerCase();
  }
}

function expectedDataType(column: ResolvedColumn): string {
  return column.kind === 'lookup' ? 'bigint' : column.dataType;
}

/** `like` with `%` as the only wildcard (Zoho documents starts-with, ends-with and contains); case-insensitive. */
function likePredicate(column: ResolvedColumn, operator: 'like' | 'not like', literal: CoqlLiteral): Predicate {
  if (literal.kind !== 'string') throw invalidValue(column.name, expectedDataType(column));
  const pattern = new RegExp(`^${literal.value.split('%').map(escapeRegExp).join('[\\s\\S]*')}$`, 'i');
  const comparable = comparableReader(column);
  return (record) => {
    const stored = comparable(column.read(record));
    if (stored === undefined) return false;
    const options = Array.isArray(stored) ? stored : [String(stored)];
    const found = options.some((option) => pattern.test(option));
    return operator === 'like' ? found : !found;
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
