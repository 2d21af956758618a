// The criteria builder: escaping of ( ) , \ in values, structured and/or groups, raw strings, and errors.
import { fc, test as propTest } from '@fast-check/jest';
import { buildCriteria, encodeCriteria, escapeCriteriaValue } from '../../connector/criteria';

/** Zoho's reading of an escaped value (what the sandbox's parser does): `\x` → `x`. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

test.each([
  ['a(b)c', 'a\\(b\\)c'],
  ['x,y', 'x\\,y'],
  ['back\\slash', 'back\\\\slash'],
  ['\\(', '\\\\\\('],
  ['plain', 'plain'],
])('escapes %j as %j', (value, escaped) => {
  expect(escapeCriteriaValue(value)).toBe(escaped);
});

propTest.prop([fc.string()])('escaping round-trips any value, and never leaves a bare ( ) or ,', (value) => {
  const escaped = escapeCriteriaValue(value);
  expect(unescape(escaped)).toBe(value);
  expect(escaped.replace(/\\./g, '')).not.toMatch(/[(),\\]/);
});

test('a single condition', () => {
  expect(buildCriteria({ field: 'Last_Name', operator: 'equals', value: 'Burns (Jr.), B\\' })).toBe('(Last_Name:equals:Burns \\(Jr.\\)\\, B\\\\)');
});

test('and/or groups nest, arrays mean and', () => {
  expect(
    buildCriteria({
      or: [
        [
          { field: 'City', operator: 'in', value: ['Paris', 'Lyon, FR'] },
          { field: 'Annual_Revenue', operator: 'between', value: [100, 200] },
        ],
        { field: 'Email', operator: 'starts_with', value: 'a' },
      ],
    }),
  ).toBe('(((City:in:Paris,Lyon\\, FR)and(Annual_Revenue:between:100,200))or(Email:starts_with:a))');
});

test('a raw string is used as written; encodeCriteria URL-encodes once', () => {
  expect(buildCriteria(' (Email:equals:a@b.c) ')).toBe('(Email:equals:a@b.c)');
  expect(encodeCriteria({ field: 'Company', operator: 'equals', value: 'A&B (x)' })).toBe(encodeURIComponent('(Company:equals:A&B \\(x\\))'));
});

test.each([
  [{ field: 'Bad Name', operator: 'equals', value: 'x' }, /not a field API name/],
  [{ field: 'A', operator: 'like', value: 'x' }, /unknown operator "like"/],
  [{ field: 'A', operator: 'between', value: [1] }, /exactly two values/],
  [{ field: 'A', operator: 'equals', value: ['x', 'y'] }, /takes one value/],
  [{ and: [] }, /at least one condition/],
  ['  ', /empty/],
])('refuses %j', (criteria, message) => {
  expect(() => buildCriteria(criteria as never)).toThrow(expect.objectContaining({ code: 'INVALID_CRITERIA', message: expect.stringMatching(message) }));
});
