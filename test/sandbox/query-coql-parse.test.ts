// COQL parser: the accepted grammar, positions in syntax errors, and every parse-time error and limit.

import { parseCoql, COQL_LIMITS } from '../../sandbox/query/coql';
import { expectZohoError } from './query-fixtures';

const WHERE = 'where id is not null';

describe('parseCoql: grammar', () => {
  it('reads Zoho sample query', () => {
    expect(parseCoql("select Last_Name, First_Name from Leads where Last_Name = 'Smith'")).toEqual({
      select: [
        { column: { name: 'Last_Name', path: ['Last_Name'], line: 1, column: 8 }, alias: undefined, key: 'Last_Name' },
        { column: { name: 'First_Name', path: ['First_Name'], line: 1, column: 19 }, alias: undefined, key: 'First_Name' },
      ],
      module: 'Leads',
      where: {
        kind: 'predicate',
        column: { name: 'Last_Name', path: ['Last_Name'], line: 1, column: 47 },
        operator: '=',
        values: [{ kind: 'string', value: 'Smith' }],
      },
      orderBy: [],
      limit: 200,
      offset: 0,
    });
  });

  it('takes keywords in any case and spreads over lines', () => {
    const query = parseCoql('SeLeCt Last_Name\nFROM Leads\n  WHERE Last_Name IS NOT NULL\nORDER BY Last_Name DESC\nLIMIT 5 OFFSET 10');
    expect(query).toMatchObject({ module: 'Leads', where: { operator: 'is not null' }, orderBy: [{ direction: 'desc' }], limit: 5, offset: 10 });
    expect(query.where).toMatchObject({ column: { line: 3, column: 9 } });
  });

  it('reads quoted columns, dot paths and aliases', () => {
    const query = parseCoql(`select 'External', "Type", Account_Name.Account_Name, Owner.name as Owner_Name from Contacts ${WHERE}`);
    expect(query.select.map((item) => [item.column.name, item.column.path, item.key])).toEqual([
      ['External', ['External'], 'External'],
      ['Type', ['Type'], 'Type'],
      ['Account_Name.Account_Name', ['Account_Name', 'Account_Name'], 'Account_Name.Account_Name'],
      ['Owner.name', ['Owner', 'name'], 'Owner_Name'],
    ]);
  });

  it('reads every comparator', () => {
    const operators = [
      ["= 'a'", '='],
      ["!= 'a'", '!='],
      ['> 1', '>'],
      ['>= 1', '>='],
      ['< 1', '<'],
      ['<= 1', '<='],
      ["like '%a%'", 'like'],
      ["not like 'a%'", 'not like'],
      ["in ('a', 'b')", 'in'],
      ["NOT IN ('a')", 'not in'],
      ['between 1 and 2', 'between'],
      ['not between 1 and 2', 'not between'],
      ['is null', 'is null'],
      ['is not null', 'is not null'],
    ];
    for (const [text, operator] of operators) {
      expect(parseCoql(`select id from Leads where Field ${text}`).where).toMatchObject({ operator });
    }
  });

  it('reads literals: quotes doubled, signed and decimal numbers, 19-digit ids kept exact, booleans', () => {
    const values = (condition: string) => (parseCoql(`select id from Leads where ${condition}`).where as { values: unknown }).values;
    expect(values("Last_Name = 'O''Brien'")).toEqual([{ kind: 'string', value: "O'Brien" }]);
    expect(values("Last_Name = ''")).toEqual([{ kind: 'string', value: '' }]);
    expect(values('Last_Name = "say ""hi"""')).toEqual([{ kind: 'string', value: 'say "hi"' }]);
    expect(values('Amount between -5 and 10.25')).toEqual([{ kind: 'number', text: '-5' }, { kind: 'number', text: '10.25' }]);
    expect(values('id = 5725767000000524157')).toEqual([{ kind: 'number', text: '5725767000000524157' }]);
    expect(values('Active = TRUE')).toEqual([{ kind: 'boolean', value: true }]);
    expect(values('Active = false')).toEqual([{ kind: 'boolean', value: false }]);
  });

  it('reads and/or in pairs, with brackets for more', () => {
    expect(parseCoql("select id from Leads where a = 1 and b = 'x'").where).toMatchObject({ kind: 'and' });
    expect(parseCoql('select id from Leads where ((a = 1 and b = 2) or c = 3)').where).toMatchObject({
      kind: 'or',
      left: { kind: 'and', left: { column: { name: 'a' } }, right: { column: { name: 'b' } } },
      right: { column: { name: 'c' } },
    });
    expect(parseCoql('select id from Leads where a = 1 and (b = 2 or (c = 3 and d = 4))').where).toMatchObject({ kind: 'and', right: { kind: 'or' } });
    expect(parseCoql('select id from Leads where a between 1 and 2 and b = 3').where).toMatchObject({ kind: 'and', left: { operator: 'between' } });
  });

  it('reads order by lists and both limit forms', () => {
    expect(parseCoql(`select id from Leads ${WHERE} order by Last_Name, First_Name desc, id asc`).orderBy.map((order) => [order.column.name, order.direction])).toEqual([
      ['Last_Name', 'asc'],
      ['First_Name', 'desc'],
      ['id', 'asc'],
    ]);
    expect(parseCoql(`select id from Leads ${WHERE} limit 400, 200`)).toMatchObject({ limit: 200, offset: 400 });
    expect(parseCoql(`select id from Leads ${WHERE} limit 200 offset 400`)).toMatchObject({ limit: 200, offset: 400 });
    expect(parseCoql(`select id from Leads ${WHERE} limit 2000`)).toMatchObject({ limit: 2000, offset: 0 });
  });
});

describe('parseCoql: syntax errors', () => {
  it.each([[''], ['   '], ['update Leads set Last_Name = 1'], ['delete from Leads'], ['selct id from Leads where id is not null']])(
    'answers %j with given coql query not supported',
    (query) => {
      expectZohoError(() => parseCoql(query), 'SYNTAX_ERROR', 'given coql query not supported', {});
    },
  );

  it('answers aggregates, GROUP BY and subqueries (not in the sandbox subset) the same way', () => {
    for (const query of [
      `select COUNT(id) from Leads ${WHERE}`,
      `select Lead_Source from Leads ${WHERE} group by Lead_Source`,
      `select id from Contacts where Account_Name in (select id from Accounts ${WHERE})`,
      `select id from Contacts where (select id from Accounts ${WHERE})`,
    ]) {
      expectZohoError(() => parseCoql(query), 'SYNTAX_ERROR', 'given coql query not supported', {});
    }
  });

  it('requires FROM and WHERE, as Zoho does', () => {
    expectZohoError(() => parseCoql('select Last_Name'), 'SYNTAX_ERROR', 'missing clause', { clause: 'from' });
    expectZohoError(() => parseCoql('select Last_Name from Leads'), 'SYNTAX_ERROR', 'missing clause', { clause: 'where' });
    expectZohoError(() => parseCoql('select Last_Name from Leads order by id'), 'SYNTAX_ERROR', 'missing clause', { clause: 'where' });
    expectZohoError(() => parseCoql('select Last_Name from Leads limit 5'), 'SYNTAX_ERROR', 'missing clause', { clause: 'where' });
  });

  it('points at the unexpected token by line and column (Zoho example: column 15 near FROM)', () => {
    expectZohoError(() => parseCoql(`SELECT Email, FROM Leads ${WHERE}`), 'SYNTAX_ERROR', 'unexpected token', { line: 1, column: 15, near: 'FROM' });
    expectZohoError(() => parseCoql(`select *\nfrom Leads ${WHERE}`), 'SYNTAX_ERROR', 'unexpected token', { line: 1, column: 8, near: '*' });
    expectZohoError(() => parseCoql("select id\nfrom Leads\nwhere Last_Name == 'x'"), 'SYNTAX_ERROR', 'unexpected token', { line: 3, column: 18, near: '=' });
  });

  it.each([
    [`select id from Leads ${WHERE} extra`, 'extra'],
    ['select id from Leads where', 'where'],
    ['select id from Leads where Last_Name =', '='],
    ['select id from Leads where Last_Name = Smith', 'Smith'],
    ['select id from Leads where Last_Name contains \'a\'', 'contains'],
    ['select id from Leads where (Last_Name = \'a\'', "'a'"],
    ['select id from where id is not null', 'where'],
    ['select from Leads where id is not null', 'from'],
    ['select id, from Leads where id is not null', 'from'],
    ['select id from Leads where id is null;', ';'],
    [`select id from Leads ${WHERE} order Last_Name`, 'Last_Name'],
    [`select id from Leads ${WHERE} limit`, 'limit'],
    ["select id from Leads where Last_Name in ()", ')'],
  ])('refuses %j near %j', (query, near) => {
    const error = expectZohoError(() => parseCoql(query), 'SYNTAX_ERROR', 'unexpected token');
    expect(error.details.near).toBe(near);
  });

  it('refuses a backslash-escaped quote (COQL doubles quotes) and an unterminated string', () => {
    expectZohoError(() => parseCoql("select id from Leads where Last_Name = 'O\\'Brien'"), 'SYNTAX_ERROR', 'unexpected token', { line: 1, column: 44, near: 'Brien' });
    expectZohoError(() => parseCoql("select id from Leads\nwhere Last_Name = 'abc"), 'SYNTAX_ERROR', 'unexpected token', { line: 2, column: 19, near: "'abc" });
  });

  it('refuses NOT before a condition and the <> comparator as unsupported operators', () => {
    expectZohoError(() => parseCoql("select id from Leads where not Last_Name = 'a'"), 'SYNTAX_ERROR', 'operator not supported', { operator: 'not' });
    expectZohoError(() => parseCoql("select id from Leads where Last_Name <> 'a'"), 'SYNTAX_ERROR', 'operator not supported', { operator: '<>' });
  });

  it('refuses more than two criteria not bracketed in pairs', () => {
    for (const condition of ['a = 1 and b = 2 and c = 3', 'a = 1 or b = 2 and c = 3', '(a = 1 and b = 2 and c = 3)', 'a = 1 and (b = 2 or c = 3 or d = 4)']) {
      expectZohoError(() => parseCoql(`select id from Leads where ${condition}`), 'SYNTAX_ERROR', 'error occured while parsing the query', { near: 'where' });
    }
  });

  it('answers a 10,000-deep bracket nesting with an error, not a stack overflow', () => {
    const deep = `select id from Leads where ${'('.repeat(10_000)}a = 1${')'.repeat(10_000)}`;
    expectZohoError(() => parseCoql(deep), 'SYNTAX_ERROR', 'unexpected token');
    const allowed = COQL_LIMITS.nesting;
    expect(() => parseCoql(`select id from Leads where ${'('.repeat(allowed)}a = 1${')'.repeat(allowed)}`)).not.toThrow();
  });
});

describe('parseCoql: limits and LIMIT/OFFSET values', () => {
  const columns = (count: number): string => Array.from({ length: count }, (_, index) => `F${index}`).join(', ');
  const pairs = (count: number): string => Array.from({ length: count }, (_, index) => `f${index} = ${index}`).reduce((left, right) => `(${left} and ${right})`);

  it(`allows ${COQL_LIMITS.selectColumns} select columns and refuses one more`, () => {
    expect(parseCoql(`select ${columns(COQL_LIMITS.selectColumns)} from Leads ${WHERE}`).select).toHaveLength(COQL_LIMITS.selectColumns);
    expectZohoError(() => parseCoql(`select ${columns(COQL_LIMITS.selectColumns + 1)} from Leads ${WHERE}`), 'LIMIT_EXCEEDED', 'limit exceeded', {
      clause: 'select',
      limit: COQL_LIMITS.selectColumns,
    });
  });

  it('allows 25 criteria and refuses 26', () => {
    expect(() => parseCoql(`select id from Leads where ${pairs(25)}`)).not.toThrow();
    expectZohoError(() => parseCoql(`select id from Leads where ${pairs(26)}`), 'LIMIT_EXCEEDED', 'limit exceeded', { clause: 'where', limit: 25 });
  });

  it(`allows ${COQL_LIMITS.inValues} values in IN and refuses one more`, () => {
    const list = (count: number): string => Array.from({ length: count }, (_, index) => `'v${index}'`).join(',');
    expect(() => parseCoql(`select id from Leads where Lead_Status in (${list(COQL_LIMITS.inValues)})`)).not.toThrow();
    expectZohoError(() => parseCoql(`select id from Leads where Lead_Status not in (${list(COQL_LIMITS.inValues + 1)})`), 'LIMIT_EXCEEDED', 'limit exceeded', {
      clause: 'where',
      operator: 'in',
      limit: COQL_LIMITS.inValues,
    });
  });

  it('allows 10 order-by columns, refuses 11 and a repeated one', () => {
    expect(() => parseCoql(`select id from Leads ${WHERE} order by ${columns(10)}`)).not.toThrow();
    expectZohoError(() => parseCoql(`select id from Leads ${WHERE} order by ${columns(11)}`), 'LIMIT_EXCEEDED', 'limit exceeded', { clause: 'order by', limit: 10 });
    expectZohoError(() => parseCoql(`select id from Leads ${WHERE} order by id, id`), 'DUPLICATE_DATA', 'duplicate order by column', { column_name: 'id', clause: 'order by' });
  });

  it('checks LIMIT and OFFSET values', () => {
    const run = (tail: string) => () => parseCoql(`select id from Leads ${WHERE} ${tail}`);
    expectZohoError(run('limit s'), 'INVALID_QUERY', 'limit given seems to be invalid', { limit: 's' });
    expectZohoError(run('limit 1.5'), 'INVALID_QUERY', 'limit given seems to be invalid', { limit: '1.5' });
    expectZohoError(run("limit '10'"), 'INVALID_QUERY', 'limit given seems to be invalid', { limit: "'10'" });
    expectZohoError(run('limit 0'), 'INVALID_DATA', 'limit should be greater than 0', {});
    expectZohoError(run('limit -3'), 'INVALID_DATA', 'limit should be greater than 0', {});
    expectZohoError(run('limit 2001'), 'LIMIT_EXCEEDED', 'limit exceeded', { limit: 2000 });
    expectZohoError(run('limit 10 offset x'), 'INVALID_QUERY', 'offset given seems to be invalid', { offset: 'x' });
    expectZohoError(run('limit -1, 10'), 'INVALID_QUERY', 'offset given seems to be invalid', { offset: '-1' });
  });

  it('lets OFFSET + LIMIT reach 100,000 rows and no further', () => {
    expect(parseCoql(`select id from Leads ${WHERE} limit 2000 offset 98000`)).toMatchObject({ limit: 2000, offset: 98_000 });
    expectZohoError(() => parseCoql(`select id from Leads ${WHERE} limit 2000 offset 98001`), 'LIMIT_EXCEEDED', 'max records limit exceeded', { limit: 100_000 });
    expectZohoError(() => parseCoql(`select id from Leads ${WHERE} limit 100000, 1`), 'LIMIT_EXCEEDED', 'max records limit exceeded', { limit: 100_000 });
  });
});

describe('parseCoql: select columns and aliases', () => {
  it('refuses a repeated column', () => {
    expectZohoError(() => parseCoql(`select First_Name, Last_Name, First_Name from Leads ${WHERE}`), 'DUPLICATE_DATA', 'duplicate select column', { column_name: 'First_Name' });
  });

  it('refuses an empty alias', () => {
    expectZohoError(() => parseCoql(`select First_Name as '' from Leads ${WHERE}`), 'INVALID_ALIAS', 'alias name cannot be an empty string', { column_name: 'First_Name', alias: '' });
  });

  it('refuses one alias for two columns', () => {
    expectZohoError(() => parseCoql(`select First_Name as Name, Last_Name as Name from Leads ${WHERE}`), 'DUPLICATE_ALIAS', 'same alias cannot refer more than one column', {
      referred_columns: ['First_Name', 'Last_Name'],
      alias: 'Name',
    });
  });

  it('refuses an alias that is the name of another selected column', () => {
    expectZohoError(
      () => parseCoql(`select First_Name as Last_Name, Last_Name from Leads ${WHERE}`),
      'INVALID_QUERY',
      'column name or property name given in select columns without alias name cannot be an alias name for other select columns',
      { column_name: 'First_Name', alias: 'Last_Name' },
    );
  });
});
