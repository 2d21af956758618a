// Search criteria: grammar, escapes, Zoho's per-type operator rules, matching semantics and every error.

import { parseCriteria, matchesCriteria, validateCriteria, CRITERIA_LIMIT } from '../../sandbox/query/criteria';
import { LEAD_FIELDS, LEADS, expectZohoError, leadId, accountId, OWNER } from './query-fixtures';

function matching(criteria: string): string[] {
  const parsed = parseCriteria(criteria);
  return LEADS.filter((record) => matchesCriteria(parsed, record, LEAD_FIELDS)).map((record) => record.id);
}

const [L1, L2, L3] = [leadId(1), leadId(2), leadId(3)];

describe('parseCriteria: grammar', () => {
  it('reads one bracketed condition', () => {
    expect(parseCriteria('(Company:equals:Zylker)')).toEqual({
      kind: 'condition',
      field: 'Company',
      operator: 'equals',
      values: ['Zylker'],
      raw: 'Zylker',
    });
  });

  it('reads a bare condition, as in Zoho sample requests', () => {
    expect(parseCriteria('Created_Time:between:2024-02-01T18:52:56+00:00,2024-02-20T18:52:56+00:00')).toMatchObject({
      field: 'Created_Time',
      operator: 'between',
      values: ['2024-02-01T18:52:56+00:00', '2024-02-20T18:52:56+00:00'],
    });
  });

  it('keeps colons in values: only the first two separate field, operator and value', () => {
    expect(parseCriteria('(Created_Time:greater_equal:2023-01-01T00:00:00+00:00)')).toMatchObject({ values: ['2023-01-01T00:00:00+00:00'] });
  });

  it('reads and/or with nesting, any case, with or without spaces', () => {
    const tree = parseCriteria('((Company:equals:ABC) AND ((Lead_Status:equals:Qualified)or(Lead_Status:equals:Contacted)))');
    expect(tree).toMatchObject({
      kind: 'and',
      operands: [
        { kind: 'condition', field: 'Company' },
        { kind: 'or', operands: [{ values: ['Qualified'] }, { values: ['Contacted'] }] },
      ],
    });
  });

  it('binds and tighter than or in a flat sequence', () => {
    const tree = parseCriteria('((Company:equals:A)or(Company:equals:B)and(Company:equals:C))');
    expect(tree).toMatchObject({
      kind: 'or',
      operands: [{ values: ['A'] }, { kind: 'and', operands: [{ values: ['B'] }, { values: ['C'] }] }],
    });
  });

  it('collapses redundant brackets', () => {
    expect(parseCriteria('(((Company:equals:ABC)))')).toMatchObject({ kind: 'condition', values: ['ABC'] });
  });

  it('resolves \\( \\) \\, and \\\\ and keeps other backslashes', () => {
    expect(parseCriteria('(Last_Name:equals:Burns\\,B)')).toMatchObject({ values: ['Burns,B'], raw: 'Burns\\,B' });
    expect(parseCriteria('(First_Name:equals:Mary \\(Jr\\))')).toMatchObject({ values: ['Mary (Jr)'] });
    expect(parseCriteria('(Last_Name:equals:K\\\\)')).toMatchObject({ values: ['K\\'] });
    expect(parseCriteria('(Last_Name:equals:a\\b)')).toMatchObject({ values: ['a\\b'] });
  });

  it('splits in and between values at unescaped commas only', () => {
    expect(parseCriteria('(Lead_Status:in:Qualified,Contacted,Not\\, really)')).toMatchObject({ values: ['Qualified', 'Contacted', 'Not, really'] });
    expect(parseCriteria('(No_of_Employees:between:1,100)')).toMatchObject({ values: ['1', '100'] });
  });

  it('keeps spaces inside values', () => {
    expect(parseCriteria('(Company:equals: ABC Inc )')).toMatchObject({ values: [' ABC Inc '] });
  });
});

describe('parseCriteria: errors', () => {
  const syntax = { api_name: 'criteria', param_name: 'criteria' };

  it.each([
    [''],
    ['   '],
    ['((Company:equals:ABC)'],
    ['(Company:equals:ABC))'],
    ['(Company:ABC)'],
    ['(Company)'],
    ['(:equals:ABC)'],
    ['(Company:equals:AB(C)'],
    ['((Company:equals:A)xor(Company:equals:B))'],
    ['((Company:equals:A)and)'],
    ['((Company:equals:A)(Company:equals:B))'],
    ['(Company:equals:A) trailing'],
    ['Company:equals:A)'],
    ['(Comp any:equals:A)'],
    ['(Company:equ als:A)'],
  ])('refuses malformed criteria %j with INVALID_QUERY', (criteria) => {
    expectZohoError(() => parseCriteria(criteria), 'INVALID_QUERY', 'Invalid query formed', syntax);
  });

  it('answers a 10,000-deep nesting with an error, not a stack overflow', () => {
    const deep = `${'('.repeat(10_000)}Company:equals:A${')'.repeat(10_000)}`;
    expectZohoError(() => parseCriteria(deep), 'INVALID_QUERY', 'Invalid query formed', syntax);
    const deepGroups = `${'('.repeat(10_000)}(Company:equals:A)and(Company:equals:B)${')'.repeat(10_000)}`;
    expectZohoError(() => parseCriteria(deepGroups), 'INVALID_QUERY');
  });

  it('accepts nesting up to the depth limit', () => {
    const depth = 50;
    expect(parseCriteria(`${'('.repeat(depth)}Company:equals:A${')'.repeat(depth)}`)).toMatchObject({ values: ['A'] });
    expectZohoError(() => parseCriteria(`${'('.repeat(depth + 1)}Company:equals:A${')'.repeat(depth + 1)}`), 'INVALID_QUERY');
  });

  it('refuses an unknown operator with invalid operator found', () => {
    expectZohoError(() => parseCriteria('(Company:contains:ABC)'), 'INVALID_QUERY', 'Invalid query formed', {
      reason: 'invalid operator found',
      api_name: 'Company',
      operator: 'contains',
    });
  });

  it(`allows ${CRITERIA_LIMIT} conditions and refuses one more`, () => {
    const build = (count: number): string =>
      Array.from({ length: count }, (_, index) => `(Company:equals:C${index})`).reduce((left, right) => `(${left}or${right})`);
    expect(() => parseCriteria(build(CRITERIA_LIMIT))).not.toThrow();
    expectZohoError(() => parseCriteria(build(CRITERIA_LIMIT + 1)), 'CRITERIA_LIMIT_EXCEEDED', 'no of criterium that can be given exceed the limit 15', {});
  });

  it('allows 100 values for in and refuses 101', () => {
    const values = (count: number): string => Array.from({ length: count }, (_, index) => `S${index}`).join(',');
    expect(parseCriteria(`(Lead_Status:in:${values(100)})`)).toMatchObject({ operator: 'in' });
    expectZohoError(() => parseCriteria(`(Lead_Status:in:${values(101)})`), 'INVALID_QUERY', 'Only 100 values are allowed in "IN" criteria', {
      api_name: 'Lead_Status',
    });
  });
});

describe('matchesCriteria: field and operator checks', () => {
  it('refuses an unknown field and a field type search cannot read', () => {
    for (const field of ['Nope', 'Resume']) {
      expectZohoError(() => matching(`(${field}:equals:x)`), 'INVALID_QUERY', 'Invalid query formed', {
        reason: 'the field is not available for search',
        api_name: field,
      });
    }
  });

  it.each([
    ['Last_Name', 'greater_than', 'a'],
    ['Email', 'between', 'a,b'],
    ['Description', 'in', 'a'],
    ['Lead_Status', 'starts_with', 'Q'],
    ['Lead_Status', 'between', 'a,b'],
    ['Owner', 'starts_with', 'P'],
    ['No_of_Employees', 'starts_with', '1'],
    ['Created_Time', 'starts_with', '2024'],
    ['Email_Opt_Out', 'in', 'true'],
    ['Email_Opt_Out', 'greater_than', 'false'],
  ])('refuses %s:%s (not allowed for its type)', (field, operator, value) => {
    expectZohoError(() => matching(`(${field}:${operator}:${value})`), 'INVALID_QUERY', 'Invalid query formed', {
      reason: 'invalid operator found',
      api_name: field,
      operator,
    });
  });

  it.each([
    ['No_of_Employees', 'equals', 'ten', 'integer'],
    ['No_of_Employees', 'equals', '1.5', 'integer'],
    ['Annual_Revenue', 'greater_than', '1e3', 'currency'],
    ['Birthday', 'equals', '1990-13-01', 'date'],
    ['Birthday', 'equals', '17-05-1990', 'date'],
    ['Created_Time', 'equals', '2024-03-01T10:15:00', 'datetime'],
    ['Created_Time', 'equals', '2024-03-01T10:15:00Z', 'datetime'],
    ['Created_Time', 'equals', '2024-03-01', 'datetime'],
    ['Email_Opt_Out', 'equals', 'yes', 'boolean'],
    ['No_of_Employees', 'between', '1', 'integer'],
    ['No_of_Employees', 'between', '1,2,3', 'integer'],
    ['Company', 'equals', 'a,b', 'text'],
    ['Lead_Status', 'in', 'a,,b', 'picklist'],
  ])('refuses %s:%s:%s (value not of type %s)', (field, operator, value, type) => {
    expectZohoError(() => matching(`(${field}:${operator}:${value})`), 'INVALID_QUERY', 'Invalid query formed', {
      expected_data_type: type,
      reason: 'invalid value for search',
      api_name: field,
      value,
    });
  });

  it('refuses an empty value', () => {
    expectZohoError(() => matching('(Company:equals:)'), 'INVALID_QUERY', 'Invalid query formed', {
      expected_data_type: 'text',
      reason: 'invalid value for search',
      api_name: 'Company',
      value: '',
    });
  });

  it('validateCriteria finds bad criteria even when there is no record to test', () => {
    expectZohoError(() => validateCriteria(parseCriteria('(Nope:equals:x)'), LEAD_FIELDS), 'INVALID_QUERY');
    expect(() => validateCriteria(parseCriteria('(Company:equals:x)'), LEAD_FIELDS)).not.toThrow();
  });
});

describe('matchesCriteria: semantics', () => {
  it('equals on text finds the value among the words (Zoho: equals behaves like contains)', () => {
    expect(matching('(Company:equals:ABC)')).toEqual([L1, L2]);
    expect(matching('(Company:equals:abc inc)')).toEqual([L1]);
    expect(matching('(Company:equals:AB)')).toEqual([]);
    expect(matching('(Company:equals:Inc ABC)')).toEqual([]);
  });

  it('equals on email finds the whole address, not a longer one', () => {
    expect(matching('(Email:equals:john@x.com)')).toEqual([L1]);
    expect(matching('(Email:equals:JOHN@X.COM)')).toEqual([L1]);
  });

  it('treats punctuation as a word break, as Zoho warns (sales-team finds sales_team)', () => {
    expect(matching('(Email:equals:sales-team@zoho.com)')).toEqual([L3]);
  });

  it('finds escaped special characters', () => {
    expect(matching('(Last_Name:equals:Burns\\,B)')).toEqual([L2]);
    expect(matching('(First_Name:equals:Mary \\(Jr\\))')).toEqual([L2]);
    expect(matching('(Last_Name:starts_with:K\\\\)')).toEqual([L3]);
  });

  it('equals on phone compares the digit groups', () => {
    expect(matching('(Phone:equals:555-123-4567)')).toEqual([L1]);
  });

  it('starts_with compares the start of the whole value, ignoring case', () => {
    expect(matching('(Company:starts_with:abc)')).toEqual([L1, L2]);
    expect(matching('(Company:starts_with:Inc)')).toEqual([]);
  });

  it('not_equal is the negation of equals, so empty fields match it', () => {
    expect(matching('(Company:not_equal:ABC)')).toEqual([L3]);
    expect(matching('(First_Name:not_equal:John)')).toEqual([L2, L3]);
  });

  it('in is any-of equals', () => {
    expect(matching('(Last_Name:in:Smith,K\\\\)')).toEqual([L1, L3]);
  });

  it('equals on a picklist compares the whole value (no contains), ignoring case', () => {
    expect(matching('(Lead_Status:equals:Contacted)')).toEqual([L1]);
    expect(matching('(Lead_Status:equals:contacted)')).toEqual([L1]);
    expect(matching('(Lead_Status:in:Qualified,Not Contacted)')).toEqual([L2, L3]);
    expect(matching('(Lead_Number:equals:L-00)')).toEqual([]);
  });

  it('multi-select picklists match on any option', () => {
    expect(matching('(Interests:equals:Analytics)')).toEqual([L1, L2]);
    expect(matching('(Interests:in:CRM,Nothing)')).toEqual([L1]);
    expect(matching('(Interests:starts_with:crm)')).toEqual([L1]);
    expect(matching('(Interests:not_equal:CRM)')).toEqual([L2, L3]);
  });

  it('lookups match by id or by whole name', () => {
    expect(matching(`(Account_Name:equals:${accountId(1)})`)).toEqual([L1]);
    expect(matching('(Account_Name:equals:abc corp)')).toEqual([L2]);
    expect(matching('(Account_Name:equals:ABC)')).toEqual([]);
    expect(matching(`(Owner:equals:${OWNER.id})`)).toEqual([L1, L2]);
    expect(matching(`(Owner:not_equal:${OWNER.id})`)).toEqual([L3]);
    expect(matching(`(Account_Name:in:${accountId(2)},Zylker Inc)`)).toEqual([L1, L2]);
  });

  it('compares numbers, exactly for bigint', () => {
    expect(matching('(No_of_Employees:greater_than:10)')).toEqual([L2]);
    expect(matching('(No_of_Employees:greater_equal:10)')).toEqual([L1, L2]);
    expect(matching('(No_of_Employees:between:1,10)')).toEqual([L1]);
    expect(matching('(No_of_Employees:in:250,7)')).toEqual([L2]);
    expect(matching('(No_of_Employees:not_equal:10)')).toEqual([L2, L3]);
    expect(matching('(Annual_Revenue:less_than:1500.5)')).toEqual([L2]);
    expect(matching('(Annual_Revenue:less_equal:1500.50)')).toEqual([L1, L2]);
    expect(matching('(Big_Count:equals:9007199254740993)')).toEqual([L1]);
  });

  it('compares dates and datetimes as instants, across offsets', () => {
    expect(matching('(Birthday:less_than:1990-01-01)')).toEqual([L2]);
    expect(matching('(Birthday:between:1985-01-01,1990-05-17)')).toEqual([L1, L2]);
    expect(matching('(Created_Time:equals:2024-03-01T04:45:00+00:00)')).toEqual([L1, L2]);
    expect(matching('(Created_Time:greater_than:2024-03-01T10:14:59+05:30)')).toEqual([L1, L2, L3]);
    expect(matching('(Created_Time:less_than:2024-03-01T18:59:59-05:00)')).toEqual([L1, L2]);
  });

  it('booleans read an empty value as false', () => {
    expect(matching('(Email_Opt_Out:equals:true)')).toEqual([L1]);
    expect(matching('(Email_Opt_Out:equals:FALSE)')).toEqual([L2, L3]);
    expect(matching('(Email_Opt_Out:not_equal:true)')).toEqual([L2, L3]);
  });

  it('filters by record id without it being in the field list', () => {
    expect(matching(`(id:equals:${L2})`)).toEqual([L2]);
    expect(matching(`(id:greater_than:${L1})`)).toEqual([L2, L3]);
  });

  it('combines with and/or', () => {
    expect(matching('((Company:equals:ABC)and(No_of_Employees:greater_than:100))')).toEqual([L2]);
    expect(matching('((Company:equals:Zylker)or(Email:equals:john@x.com))')).toEqual([L1, L3]);
  });
});
