/**
 * Zoho search criteria, built so that user values never break the query: a structured form
 * (`[{ field, operator, value }]` with and/or groups) or a raw string. Values are escaped for `(`, `)`, `,`
 * and `\`; URL-encoding is done once, by the client's query serializer (or `encodeCriteria` when building a
 * URL by hand).
 */
import { InputError } from '../runtime/errors';

export const OPERATORS = [
  'equals',
  'not_equal',
  'starts_with',
  'in',
  'not_in',
  'greater_than',
  'greater_equal',
  'less_than',
  'less_equal',
  'between',
] as const;
export type Operator = (typeof OPERATORS)[number];

export type CriteriaValue = string | number | boolean | null;

export interface Condition {
  field: string;
  operator: Operator;
  /** An array for `in`, `not_in` (any length) and `between` (exactly two). */
  value: CriteriaValue | readonly CriteriaValue[];
}

export type Criteria = Condition | { and: readonly Criteria[] } | { or: readonly Criteria[] } | readonly Criteria[];

const FIELD = /^[A-Za-z][A-Za-z0-9_$.]*$/;

/** Escapes one value: backslash first, so the escapes added for ( ) , are not escaped again. */
export function escapeCriteriaValue(value: CriteriaValue): string {
  const text = value === null ? 'null' : String(value);
  return text.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\)/g, '\\)').replace(/,/g, '\\,');
}

function bad(message: string, path: string): never {
  throw new InputError('INVALID_CRITERIA', `${message} (at ${path || 'the criteria'}).`, 'Each condition is { field, operator, value }; group them with { and: [...] } or { or: [...] }.', { path });
}

function condition(c: Condition, path: string): string {
  if (typeof c.field !== 'string' || !FIELD.test(c.field)) bad(`"${String(c.field)}" is not a field API name`, `${path}/field`);
  if (!OPERATORS.includes(c.operator)) bad(`unknown operator "${String(c.operator)}"; use one of ${OPERATORS.join(', ')}`, `${path}/operator`);
  const many = c.operator === 'in' || c.operator === 'not_in' || c.operator === 'between';
  let values: readonly CriteriaValue[];
  if (Array.isArray(c.value)) {
    if (!many) bad(`operator ${c.operator} takes one value, not a list`, `${path}/value`);
    values = c.value as readonly CriteriaValue[];
  } else {
    values = [c.value as CriteriaValue];
  }
  if (values.length === 0) bad(`operator ${c.operator} needs at least one value`, `${path}/value`);
  if (c.operator === 'between' && values.length !== 2) bad('operator between takes exactly two values: [from, to]', `${path}/value`);
  for (const v of values) if (v !== null && !['string', 'number', 'boolean'].includes(typeof v)) bad('values must be strings, numbers, booleans or null', `${path}/value`);
  return `(${c.field}:${c.operator}:${values.map(escapeCriteriaValue).join(',')})`;
}

function build(c: Criteria, path: string): string {
  if (Array.isArray(c)) return group('and', c as readonly Criteria[], path);
  const o = c as Record<string, unknown>;
  if ('and' in o) return group('and', o.and as readonly Criteria[], `${path}/and`);
  if ('or' in o) return group('or', o.or as readonly Criteria[], `${path}/or`);
  if ('field' in o) return condition(c as Condition, path);
  return bad('expected a condition or an and/or group', path);
}

function group(op: 'and' | 'or', items: readonly Criteria[], path: string): string {
  if (!Array.isArray(items) || items.length === 0) bad(`an ${op} group needs at least one condition`, path);
  if (items.length === 1) return build(items[0]!, `${path}/0`);
  return `(${items.map((item, i) => build(item, `${path}/${i}`)).join(op)})`;
}

/** The criteria string Zoho expects. A string is taken as written (the caller escaped it). */
export function buildCriteria(criteria: Criteria | string): string {
  if (typeof criteria === 'string') {
    const raw = criteria.trim();
    if (!raw) throw new InputError('INVALID_CRITERIA', 'The criteria string is empty.');
    return raw;
  }
  return build(criteria, '');
}

/** URL-encodes built criteria for a hand-made URL (the client's query serializer already does this). */
export function encodeCriteria(criteria: Criteria | string): string {
  return encodeURIComponent(buildCriteria(criteria));
}
