// Property tests for search criteria: escaping round-trips, random trees parse and evaluate like a direct evaluator.

import fc from 'fast-check';
import { ZohoHttpError } from '../../sandbox/http-error';
import { parseCriteria, matchesCriteria, CRITERIA_LIMIT, type Criteria } from '../../sandbox/query/criteria';
import type { FieldMeta, SandboxRecord } from '../../sandbox/query/types';
import { LEAD_FIELDS, LEADS } from './query-fixtures';

/** Zoho's documented escaping: a backslash before `(`, `)`, `,` and `\`. */
function escapeValue(value: string): string {
  return value.replace(/[\\(),]/g, (char) => `\\${char}`);
}

const specialHeavy = fc.string({ unit: fc.constantFrom('(', ')', ',', '\\', ':', ' ', 'a', 'B', '7', 'é', '%', "'"), minLength: 1 });
const anyText = fc.oneof(specialHeavy, fc.string({ minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }));

describe('criteria escaping', () => {
  it('any value escaped with Zoho rules parses back to the same value', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(parseCriteria(`(Company:equals:${escapeValue(value)})`)).toMatchObject({ values: [value] });
      }),
      { numRuns: 500 },
    );
  });

  it('the same holds for a bare condition and for in lists', () => {
    fc.assert(
      fc.property(anyText, fc.array(anyText, { minLength: 1, maxLength: 8 }), (value, list) => {
        expect(parseCriteria(`Company:equals:${escapeValue(value)}`)).toMatchObject({ values: [value] });
        expect(parseCriteria(`(Company:in:${list.map(escapeValue).join(',')})`)).toMatchObject({ values: list });
      }),
      { numRuns: 300 },
    );
  });
});

// A small model: three fields of different kinds, an evaluator written directly from the documented semantics.
const FIELDS: FieldMeta[] = [
  { api_name: 'Company', data_type: 'text' },
  { api_name: 'Lead_Status', data_type: 'picklist' },
  { api_name: 'No_of_Employees', data_type: 'integer' },
];

type Leaf =
  | { field: 'Company'; operator: 'equals' | 'not_equal' | 'starts_with' | 'in'; values: string[] }
  | { field: 'Lead_Status'; operator: 'equals' | 'not_equal' | 'in'; values: string[] }
  | { field: 'No_of_Employees'; operator: 'equals' | 'not_equal' | 'in' | 'greater_than' | 'greater_equal' | 'less_than' | 'less_equal' | 'between'; values: string[] };
type Tree = { leaf: Leaf } | { kind: 'and' | 'or'; operands: Tree[] };

const companyWords = fc.constantFrom('ABC', 'Inc.', 'zylker', 'Zoho (India)', 'a,b', 'x\\y', 'Sales-Team', 'co');
const companyValue = fc.array(companyWords, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));
const statuses = ['Contacted', 'Qualified', 'Not Contacted', 'Junk, Lead'];
const statusValue = fc.constantFrom(...statuses, 'qualified');
const number = fc.integer({ min: -5, max: 5 });

const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc.record({ field: fc.constant('Company' as const), operator: fc.constantFrom('equals' as const, 'not_equal' as const, 'starts_with' as const), values: companyValue.map((value) => [value]) }),
  fc.record({ field: fc.constant('Company' as const), operator: fc.constant('in' as const), values: fc.array(companyValue, { minLength: 1, maxLength: 3 }) }),
  fc.record({ field: fc.constant('Lead_Status' as const), operator: fc.constantFrom('equals' as const, 'not_equal' as const), values: statusValue.map((value) => [value]) }),
  fc.record({ field: fc.constant('Lead_Status' as const), operator: fc.constant('in' as const), values: fc.array(statusValue, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    field: fc.constant('No_of_Employees' as const),
    operator: fc.constantFrom('equals' as const, 'not_equal' as const, 'greater_than' as const, 'greater_equal' as const, 'less_than' as const, 'less_equal' as const),
    values: number.map((value) => [String(value)]),
  }),
  fc.record({ field: fc.constant('No_of_Employees' as const), operator: fc.constant('between' as const), values: fc.tuple(number, number).map(([a, b]) => [String(a), String(b)]) }),
);

const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf.map((value) => ({ leaf: value })),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), operands: fc.array(tie('tree'), { minLength: 2, maxLength: 3 }) }),
  ),
})).tree;

function leafCount(node: Tree): number {
  return 'leaf' in node ? 1 : node.operands.reduce((sum, operand) => sum + leafCount(operand), 0);
}

/** Serializes with brackets per node, connectives in random case with optional spaces. */
function serialize(node: Tree, style: { upper: boolean; spaced: boolean }): string {
  if ('leaf' in node) return `(${node.leaf.field}:${node.leaf.operator}:${node.leaf.values.map(escapeValue).join(',')})`;
  const word = style.upper ? node.kind.toUpperCase() : node.kind;
  const joiner = style.spaced ? ` ${word} ` : word;
  return `(${node.operands.map((operand) => serialize(operand, style)).join(joiner)})`;
}

function expected(node: Tree): Criteria {
  if ('leaf' in node) return { kind: 'condition', field: node.leaf.field, operator: node.leaf.operator, values: node.leaf.values, raw: node.leaf.values.map(escapeValue).join(',') };
  return { kind: node.kind, operands: node.operands.map(expected) };
}

const padded = (text: string): string => ` ${text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ')} `;

function directEquals(leafValue: Leaf, record: SandboxRecord, value: string): boolean {
  const stored = record[leafValue.field];
  if (stored === null || stored === undefined) return false;
  if (leafValue.field === 'Company') return padded(String(stored)).includes(padded(value));
  if (leafValue.field === 'Lead_Status') return String(stored).toLowerCase() === value.toLowerCase();
  return Number(stored) === Number(value);
}

function evaluate(node: Tree, record: SandboxRecord): boolean {
  if (!('leaf' in node)) {
    return node.kind === 'and' ? node.operands.every((operand) => evaluate(operand, record)) : node.operands.some((operand) => evaluate(operand, record));
  }
  const { leaf: condition } = node;
  const stored = record[condition.field];
  const [first, second] = condition.values;
  switch (condition.operator) {
    case 'equals':
    case 'in':
      return condition.values.some((value) => directEquals(condition, record, value));
    case 'not_equal':
      return !directEquals(condition, record, first);
    case 'starts_with':
      return typeof stored === 'string' && stored.toLowerCase().startsWith(first.toLowerCase());
  }
  if (typeof stored !== 'number') return false;
  switch (condition.operator) {
    case 'greater_than':
      return stored > Number(first);
    case 'greater_equal':
      return stored >= Number(first);
    case 'less_than':
      return stored < Number(first);
    case 'less_equal':
      return stored <= Number(first);
    case 'between':
      return stored >= Number(first) && stored <= Number(second);
  }
  return false;
}

const record: fc.Arbitrary<SandboxRecord> = fc.record({
  id: fc.constant('5725767000000000001'),
  Company: fc.option(companyValue, { nil: null }),
  Lead_Status: fc.option(fc.constantFrom(...statuses), { nil: null }),
  No_of_Employees: fc.option(number, { nil: null }),
});

describe('criteria trees', () => {
  it('well-formed trees parse to the same tree and evaluate like a direct evaluator', () => {
    fc.assert(
      fc.property(
        tree.filter((node) => leafCount(node) <= CRITERIA_LIMIT),
        fc.record({ upper: fc.boolean(), spaced: fc.boolean() }),
        fc.array(record, { minLength: 1, maxLength: 10 }),
        (node, style, records) => {
          const parsed = parseCriteria(serialize(node, style));
          expect(parsed).toEqual(expected(node));
          for (const item of records) expect(matchesCriteria(parsed, item, FIELDS)).toBe(evaluate(node, item));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('any input either parses or fails with a ZohoHttpError, and so does matching it', () => {
    const pieces = fc.constantFrom('(', ')', '((', '))', ':', ',', '\\', ' and ', 'or', 'Company', 'Lead_Status', 'No_of_Employees', 'Nope', 'equals', 'in', 'between', 'starts_with', 'greater_than', '5', 'ABC', '');
    const input = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(input, (text) => {
        try {
          const parsed = parseCriteria(text);
          for (const item of LEADS) matchesCriteria(parsed, item, LEAD_FIELDS);
        } catch (error) {
          expect(error).toBeInstanceOf(ZohoHttpError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
