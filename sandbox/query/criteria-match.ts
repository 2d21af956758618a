// Whether a record satisfies parsed search criteria, with Zoho's per-type operator rules checked first.

import type { Criteria, CriteriaCondition, CriteriaOperator } from './criteria-parse';
import { fieldNotSearchable, invalidCriteriaOperator, invalidCriteriaValue } from './criteria-errors';
import { findField, valueKind, type ValueKind } from './field-kinds';
import type { FieldMeta, SandboxRecord } from './types';
import {
  containsRun,
  isDecimalText,
  isEmptyValue,
  isIntegerText,
  parseZohoDate,
  parseZohoDateTime,
  sameText,
  storedBigInt,
  storedBoolean,
  storedDate,
  storedDateTime,
  storedList,
  storedLookup,
  storedNumber,
  storedText,
  words,
} from './values';

type Predicate = (record: SandboxRecord) => boolean;

const RANGE: CriteriaOperator[] = ['greater_than', 'greater_equal', 'less_than', 'less_equal', 'between'];

/** Zoho's operator table for search (search-records docs, "operators by field type"). */
const OPERATORS_BY_KIND: Readonly<Record<Exclude<ValueKind, 'unsupported'>, ReadonlySet<CriteriaOperator>>> = {
  text: new Set(['equals', 'not_equal', 'starts_with', 'in']),
  textarea: new Set(['equals', 'not_equal', 'starts_with']),
  picklist: new Set(['equals', 'not_equal', 'in']),
  multiselect: new Set(['equals', 'not_equal', 'in', 'starts_with']),
  lookup: new Set(['equals', 'not_equal', 'in']),
  integer: new Set(['equals', 'not_equal', 'in', ...RANGE]),
  bigint: new Set(['equals', 'not_equal', 'in', ...RANGE]),
  decimal: new Set(['equals', 'not_equal', 'in', ...RANGE]),
  date: new Set(['equals', 'not_equal', 'in', ...RANGE]),
  datetime: new Set(['equals', 'not_equal', 'in', ...RANGE]),
  boolean: new Set(['equals', 'not_equal']),
};

const compiled = new WeakMap<Criteria, { fields: readonly FieldMeta[]; predicate: Predicate }>();

/**
 * Checks the criteria against the module's fields (unknown or unsearchable field, operator not allowed for the
 * field's type, value not of the field's type) and throws Zoho's error if they do not fit. matchesCriteria does
 * the same on its first call; call this first when a module may hold no records, so bad criteria still fail.
 */
export function validateCriteria(criteria: Criteria, fields: readonly FieldMeta[]): void {
  predicateFor(criteria, fields);
}

/**
 * Whether the record satisfies the criteria. Text semantics, chosen to behave like Zoho's search index:
 * - `equals` on text, email, phone, website and textarea fields matches when the value's words occur, in order
 *   and adjacent, among the field's words (words are runs of letters and digits, compared case-insensitively).
 *   This is Zoho's documented "equals behaves like contains": `ABC` finds `ABC` and `ABC Inc.`, and, as its docs
 *   warn, `sales-team@zoho.com` also finds `sales_team@zoho.com`. It is still exact enough for lookups by a whole
 *   e-mail address or name: `john@x.com` does not find `ajohn@x.com`. A value with no letters or digits falls
 *   back to a case-insensitive substring test.
 * - `equals` on picklists and autonumbers compares the whole value, case-insensitively (Zoho: the "contains"
 *   behaviour does not apply to picklists); multi-select picklists match when one option equals the value.
 * - `starts_with` compares the start of the whole value, case-insensitively.
 * - Lookups (lookup, owner, user) match by record id, or by the lookup's name compared whole and
 *   case-insensitively (Zoho's search accepts both forms).
 * - `in` is any-of `equals`; `not_equal` is the negation of `equals`, so empty fields satisfy it.
 * - Empty fields satisfy nothing else; booleans read empty as false.
 */
export function matchesCriteria(criteria: Criteria, record: SandboxRecord, fields: readonly FieldMeta[]): boolean {
  return predicateFor(criteria, fields)(record);
}

/** Compiles once per criteria; a field list equal to the cached one (even a fresh copy) reuses the compilation. */
function predicateFor(criteria: Criteria, fields: readonly FieldMeta[]): Predicate {
  const cached = compiled.get(criteria);
  if (cached && (cached.fields === fields || sameFields(cached.fields, fields))) return cached.predicate;
  const predicate = compile(criteria, fields);
  compiled.set(criteria, { fields, predicate });
  return predicate;
}

function sameFields(a: readonly FieldMeta[], b: readonly FieldMeta[]): boolean {
  return (
    a.length === b.length &&
    a.every((field, index) => field.api_name === b[index].api_name && field.data_type === b[index].data_type)
  );
}

function compile(criteria: Criteria, fields: readonly FieldMeta[]): Predicate {
  if (criteria.kind === 'condition') return compileCondition(criteria, fields);
  const operands = criteria.operands.map((operand) => compile(operand, fields));
  return criteria.kind === 'and'
    ? (record) => operands.every((operand) => operand(record))
    : (record) => operands.some((operand) => operand(record));
}

function compileCondition(condition: CriteriaCondition, fields: readonly FieldMeta[]): Predicate {
  const { field: apiName, operator } = condition;
  const field = findField(fields, apiName);
  if (!field) throw fieldNotSearchable(apiName);
  const kind = valueKind(field.data_type);
  if (kind === 'unsupported') throw fieldNotSearchable(apiName);
  if (!OPERATORS_BY_KIND[kind].has(operator)) throw invalidCriteriaOperator(apiName, operator);
  checkValueCount(condition, field.data_type);

  const read = (record: SandboxRecord): unknown => record[apiName];
  switch (kind) {
    case 'text':
    case 'textarea':
      return textPredicate(condition, read);
    case 'picklist':
      return wholeValuePredicate(condition, read);
    case 'multiselect':
      return listPredicate(condition, read);
    case 'lookup':
      return lookupPredicate(condition, read);
    case 'boolean':
      return booleanPredicate(condition, field.data_type, read);
    case 'integer':
    case 'bigint':
      return orderedPredicate(condition, field.data_type, read, (text) => (isIntegerText(text) ? BigInt(text) : undefined), storedBigInt);
    case 'decimal':
      return orderedPredicate(condition, field.data_type, read, (text) => (isDecimalText(text) ? Number(text) : undefined), storedNumber);
    case 'date':
      return orderedPredicate(condition, field.data_type, read, parseZohoDate, storedDate);
    case 'datetime':
      return orderedPredicate(condition, field.data_type, read, parseZohoDateTime, storedDateTime);
  }
}

/** `between` takes exactly two values, `in` one or more, every other operator one; none may be empty. */
function checkValueCount(condition: CriteriaCondition, dataType: string): void {
  const { operator, values } = condition;
  const countFits = operator === 'between' ? values.length === 2 : operator === 'in' ? values.length >= 1 : values.length === 1;
  if (!countFits || values.some((value) => value === '')) throw invalidCriteriaValue(condition.field, dataType, condition.raw);
}

/** Builds `equals`-based predicates: `in` is any-of, `not_equal` the negation. */
function equalityPredicate(operator: CriteriaOperator, values: string[], equals: (stored: unknown, value: string) => boolean, read: (record: SandboxRecord) => unknown): Predicate {
  if (operator === 'not_equal') return (record) => !equals(read(record), values[0]);
  return (record) => {
    const stored = read(record);
    return values.some((value) => equals(stored, value));
  };
}

function textPredicate(condition: CriteriaCondition, read: (record: SandboxRecord) => unknown): Predicate {
  if (condition.operator === 'starts_with') {
    const prefix = condition.values[0].toLowerCase();
    return (record) => storedText(read(record))?.toLowerCase().startsWith(prefix) ?? false;
  }
  const needles = new Map(condition.values.map((value) => [value, words(value)]));
  const equals = (stored: unknown, value: string): boolean => {
    const text = storedText(stored);
    if (text === undefined || text === '') return false;
    const needle = needles.get(value) ?? [];
    return needle.length === 0 ? text.toLowerCase().includes(value.toLowerCase()) : containsRun(words(text), needle);
  };
  return equalityPredicate(condition.operator, condition.values, equals, read);
}

function wholeValuePredicate(condition: CriteriaCondition, read: (record: SandboxRecord) => unknown): Predicate {
  const equals = (stored: unknown, value: string): boolean => {
    const text = storedText(stored);
    return text !== undefined && sameText(text, value);
  };
  return equalityPredicate(condition.operator, condition.values, equals, read);
}

function listPredicate(condition: CriteriaCondition, read: (record: SandboxRecord) => unknown): Predicate {
  if (condition.operator === 'starts_with') {
    const prefix = condition.values[0].toLowerCase();
    return (record) => storedList(read(record)).some((option) => option.toLowerCase().startsWith(prefix));
  }
  const equals = (stored: unknown, value: string): boolean => storedList(stored).some((option) => sameText(option, value));
  return equalityPredicate(condition.operator, condition.values, equals, read);
}

function lookupPredicate(condition: CriteriaCondition, read: (record: SandboxRecord) => unknown): Predicate {
  const equals = (stored: unknown, value: string): boolean => {
    const lookup = storedLookup(stored);
    if (!lookup) return false;
    return lookup.id === value || (lookup.name !== undefined && sameText(lookup.name, value));
  };
  return equalityPredicate(condition.operator, condition.values, equals, read);
}

function booleanPredicate(condition: CriteriaCondition, dataType: string, read: (record: SandboxRecord) => unknown): Predicate {
  const text = condition.values[0].toLowerCase();
  if (text !== 'true' && text !== 'false') throw invalidCriteriaValue(condition.field, dataType, condition.raw);
  const wanted = text === 'true';
  return condition.operator === 'equals' ? (record) => storedBoolean(read(record)) === wanted : (record) => storedBoolean(read(record)) !== wanted;
}

/** Numbers, dates and datetimes: every value must parse as the field's type; comparisons are inclusive where named. */
function orderedPredicate<T extends number | bigint>(
  condition: CriteriaCondition,
  dataType: string,
  read: (record: SandboxRecord) => unknown,
  parseValue: (text: string) => T | undefined,
  parseStored: (stored: unknown) => T | undefined,
): Predicate {
  const parsed = condition.values.map((value) => {
    const result = parseValue(value);
    if (result === undefined) throw invalidCriteriaValue(condition.field, dataType, condition.raw);
    return result;
  });
  const [first, second] = parsed;
  const test = (stored: T): boolean => {
    switch (condition.operator) {
      case 'equals':
      case 'in':
        return parsed.some((value) => stored === value);
      case 'not_equal':
        return stored !== first;
      case 'greater_than':
        return stored > first;
      case 'greater_equal':
        return stored >= first;
      case 'less_than':
        return stored < first;
      case 'less_equal':
        return stored <= first;
      case 'between':
        return stored >= first && stored <= second;
      default:
        return false;
    }
  };
  return (record) => {
    const value = read(record);
    const stored = isEmptyValue(value) ? undefined : parseStored(value);
    if (stored === undefined) return condition.operator === 'not_equal';
    return test(stored);
  };
}
