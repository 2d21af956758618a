// COQL execution: column checks against field metadata, filtering semantics, rows, ordering and paging at scale.

import { parseCoql, runCoql, type CoqlSource } from '../../sandbox/query/coql';
import type { FieldMeta, SandboxRecord } from '../../sandbox/query/types';
import { ACCOUNT_FIELDS, ACCOUNTS, LEAD_FIELDS, LEADS, OWNER, accountId, expectZohoError, leadId } from './query-fixtures';

function sourceOf(modules: Record<string, { fields: FieldMeta[]; records: Iterable<SandboxRecord> }>): CoqlSource {
  return { module: (apiName) => modules[apiName] };
}

const source = sourceOf({ Leads: { fields: LEAD_FIELDS, records: LEADS }, Accounts: { fields: ACCOUNT_FIELDS, records: ACCOUNTS } });

function run(query: string, from: CoqlSource = source) {
  return runCoql(parseCoql(query), from);
}

function ids(condition: string): string[] {
  return run(`select id from Leads where ${condition}`).rows.map((row) => row.id as string);
}

const [L1, L2, L3] = [leadId(1), leadId(2), leadId(3)];

describe('runCoql: modules and columns', () => {
  it('refuses an unknown module', () => {
    expectZohoError(() => run('select id from Contactos where id is not null'), 'INVALID_MODULE', 'the given module is not supported in api', {});
  });

  it.each([
    ['select Nope from Leads where id is not null', 'Nope', 'select'],
    ['select id from Leads where Nope = 1', 'Nope', 'where'],
    ['select id from Leads where id is not null order by Nope', 'Nope', 'order by'],
    ['select Last_Name.Name from Leads where id is not null', 'Last_Name.Name', 'select'],
    ['select Account_Name.Nope from Leads where id is not null', 'Account_Name.Nope', 'select'],
    ['select Owner.role from Leads where id is not null', 'Owner.role', 'select'],
    ['select Account_Name. from Leads where id is not null', 'Account_Name.', 'select'],
  ])('%s → column given seems to be invalid', (query, column, clause) => {
    expectZohoError(() => run(query), 'INVALID_QUERY', 'column given seems to be invalid', { column_name: column, clause });
  });

  it('refuses a column of a type COQL cannot read, and multi-line text in criteria', () => {
    expectZohoError(() => run('select Resume from Leads where id is not null'), 'INVALID_QUERY', 'unsupported column', { column_name: 'Resume' });
    expectZohoError(() => run("select id from Leads where Description like '%fair%'"), 'INVALID_QUERY', 'unsupported column in criteria', {
      cv_criteria: false,
      column_name: 'Description',
      value: '%fair%',
      operator: 'like',
    });
    expectZohoError(() => run('select id from Leads where Resume is not null'), 'INVALID_QUERY', 'unsupported column in criteria', {
      cv_criteria: false,
      column_name: 'Resume',
      value: '${EMPTY}',
      operator: 'is not null',
    });
  });

  it.each([
    ["Last_Name > 'a'", 'Last_Name', '>'],
    ["Lead_Status between 'a' and 'b'", 'Lead_Status', 'between'],
    ["Account_Name like '5725%'", 'Account_Name', 'like'],
    ['Email_Opt_Out != true', 'Email_Opt_Out', '!='],
    ['Email_Opt_Out is null', 'Email_Opt_Out', 'is null'],
    ["No_of_Employees like '1%'", 'No_of_Employees', 'like'],
  ])('%s → invalid operator found', (condition, column, operator) => {
    expectZohoError(() => ids(condition), 'INVALID_QUERY', 'Invalid query formed', { reason: 'invalid operator found', column_name: column, operator });
  });

  it.each([
    ["id = 'abc'", 'id', 'bigint'],
    ["Account_Name = 'Zylker Inc'", 'Account_Name', 'bigint'],
    ["No_of_Employees = 'ten'", 'No_of_Employees', 'integer'],
    ['No_of_Employees = 1.5', 'No_of_Employees', 'integer'],
    ["Annual_Revenue > 'lots'", 'Annual_Revenue', 'currency'],
    ["Birthday = '17-05-1990'", 'Birthday', 'date'],
    ['Birthday = 19900517', 'Birthday', 'date'],
    ["Created_Time > '2024-03-01'", 'Created_Time', 'datetime'],
    ["Email_Opt_Out = 'maybe'", 'Email_Opt_Out', 'boolean'],
    ['Last_Name = true', 'Last_Name', 'text'],
    ['Last_Name like 5', 'Last_Name', 'text'],
  ])('%s → value given seems to be invalid for the column', (condition, column, type) => {
    expectZohoError(() => ids(condition), 'INVALID_QUERY', 'value given seems to be invalid for the column', { expected_data_type: type, column_name: column });
  });

  it('checks columns even when the module has no records', () => {
    const empty = sourceOf({ Leads: { fields: LEAD_FIELDS, records: [] } });
    expectZohoError(() => run('select id from Leads where Nope = 1', empty), 'INVALID_QUERY', 'column given seems to be invalid');
    expect(run('select id from Leads where id is not null', empty)).toEqual({ rows: [], moreRecords: false });
  });
});

describe('runCoql: rows', () => {
  it('returns the selected columns plus id, lookups as { id }, missing values as null', () => {
    const { rows } = run(`select Last_Name, First_Name, Owner, Account_Name, Interests, Website from Leads where id = '${L3}'`);
    expect(rows).toEqual([{ Last_Name: 'K\\', First_Name: null, Owner: { id: '5725767000000411002' }, Account_Name: null, Interests: [], Website: null, id: L3 }]);
  });

  it('keys rows by alias, and keeps an explicitly selected id where it was asked', () => {
    const { rows } = run(`select id, Last_Name as Surname from Leads where id = ${L1}`);
    expect(Object.keys(rows[0])).toEqual(['id', 'Surname']);
    expect(rows[0]).toEqual({ id: L1, Surname: 'Smith' });
  });

  it('follows dot paths into related records, several hops deep', () => {
    const { rows } = run('select Account_Name.Account_Name, Account_Name.Parent_Account.Account_Name, Account_Name.Parent_Account, Account_Name.id from Leads where Account_Name is not null');
    expect(rows).toEqual([
      { 'Account_Name.Account_Name': 'Zylker Inc', 'Account_Name.Parent_Account.Account_Name': null, 'Account_Name.Parent_Account': null, 'Account_Name.id': accountId(1), id: L1 },
      { 'Account_Name.Account_Name': 'ABC Corp', 'Account_Name.Parent_Account.Account_Name': 'Zylker Inc', 'Account_Name.Parent_Account': { id: accountId(1) }, 'Account_Name.id': accountId(2), id: L2 },
    ]);
  });

  it('reads name, email and id of a lookup whose module is not in the source', () => {
    const { rows } = run(`select Owner.name, Owner.email, Owner.id from Leads where id = '${L1}'`);
    expect(rows).toEqual([{ 'Owner.name': OWNER.name, 'Owner.email': OWNER.email, 'Owner.id': OWNER.id, id: L1 }]);
  });

  it('filters on dot paths', () => {
    expect(ids("Account_Name.Industry = 'retail'")).toEqual([L2]);
    expect(ids("Owner.name like 'kate%'")).toEqual([L3]);
    expect(ids("Account_Name.Parent_Account.Account_Name = 'Zylker Inc'")).toEqual([L2]);
  });

  it('answers an empty page with no rows and no more records', () => {
    expect(run("select id from Leads where Last_Name = 'Nobody'")).toEqual({ rows: [], moreRecords: false });
  });

  it('leaves converted leads out, as COQL does by default', () => {
    const withConverted = sourceOf({ Leads: { fields: LEAD_FIELDS, records: [...LEADS, { id: leadId(4), Last_Name: 'Done', $converted: true }] } });
    expect(run('select id from Leads where id is not null', withConverted).rows.map((row) => row.id)).toEqual([L1, L2, L3]);
  });
});

describe('runCoql: filtering', () => {
  it('compares text whole and case-insensitively; != and NOT IN leave empty fields out (SQL)', () => {
    expect(ids("Last_Name = 'smith'")).toEqual([L1]);
    expect(ids("Company = 'ABC'")).toEqual([L2]);
    expect(ids("First_Name != 'John'")).toEqual([L2]);
    expect(ids("Last_Name = 'Burns,B'")).toEqual([L2]);
    expect(ids("Last_Name = 'K\\'")).toEqual([L3]);
    expect(ids("Lead_Status in ('Qualified', 'not contacted')")).toEqual([L2, L3]);
    expect(ids("First_Name not in ('John')")).toEqual([L2]);
  });

  it('like matches starts, ends, contains and whole values with %', () => {
    expect(ids("Company like 'abc%'")).toEqual([L1, L2]);
    expect(ids("Email like '%@x.com'")).toEqual([L1, L2]);
    expect(ids("Email like '%john%'")).toEqual([L1, L2]);
    expect(ids("Email like 'john@x.com'")).toEqual([L1]);
    expect(ids("Company like 'A.C%'")).toEqual([]);
    expect(ids("Company not like '%abc%'")).toEqual([L3]);
    expect(ids("Interests like 'anal%'")).toEqual([L1, L2]);
  });

  it('is null and is not null treat null, empty text and empty lists as empty', () => {
    expect(ids('First_Name is null')).toEqual([L3]);
    expect(ids('Interests is null')).toEqual([L3]);
    expect(ids('Website is not null')).toEqual([L1]);
  });

  it('compares numbers, exactly for ids and bigints', () => {
    expect(ids('No_of_Employees > 10')).toEqual([L2]);
    expect(ids("No_of_Employees >= '10'")).toEqual([L1, L2]);
    expect(ids('No_of_Employees between 1 and 10')).toEqual([L1]);
    expect(ids('No_of_Employees not between 1 and 10')).toEqual([L2]);
    expect(ids('No_of_Employees != 10')).toEqual([L2]);
    expect(ids('Annual_Revenue < 1500.5')).toEqual([L2]);
    expect(ids('Big_Count = 9007199254740993')).toEqual([L1]);
    expect(ids(`id > ${L1}`)).toEqual([L2, L3]);
    expect(ids(`id in ('${L1}', ${L3})`)).toEqual([L1, L3]);
  });

  it('compares lookups by id', () => {
    expect(ids(`Account_Name = '${accountId(2)}'`)).toEqual([L2]);
    expect(ids(`Owner != ${OWNER.id}`)).toEqual([L3]);
    expect(ids(`Account_Name in (${accountId(1)}, ${accountId(2)})`)).toEqual([L1, L2]);
    expect(ids('Account_Name is null')).toEqual([L3]);
  });

  it('compares dates and datetimes as instants, across offsets', () => {
    expect(ids("Birthday < '1990-01-01'")).toEqual([L2]);
    expect(ids("Birthday between '1985-01-01' and '1990-05-17'")).toEqual([L1, L2]);
    expect(ids("Created_Time = '2024-03-01T04:45:00+00:00'")).toEqual([L1, L2]);
    expect(ids("Created_Time >= '2024-03-02T05:30:00+05:30'")).toEqual([L3]);
  });

  it('compares booleans, reading empty as false', () => {
    expect(ids('Email_Opt_Out = true')).toEqual([L1]);
    expect(ids("Email_Opt_Out = 'false'")).toEqual([L2, L3]);
  });

  it('combines criteria with and/or and brackets', () => {
    expect(ids("(Company like 'abc%' and No_of_Employees > 100)")).toEqual([L2]);
    expect(ids("((Company = 'Zylker' or Email = 'john@x.com') and Email_Opt_Out = false)")).toEqual([L3]);
  });
});

describe('runCoql: order and paging', () => {
  it('orders by id ascending by default and pages with offset and more_records', () => {
    expect(run('select id from Leads where id is not null limit 2')).toEqual({ rows: [{ id: L1 }, { id: L2 }], moreRecords: true });
    expect(run('select id from Leads where id is not null limit 2 offset 2')).toEqual({ rows: [{ id: L3 }], moreRecords: false });
    expect(run('select id from Leads where id is not null limit 1, 1')).toEqual({ rows: [{ id: L2 }], moreRecords: true });
    expect(run('select id from Leads where id is not null limit 5 offset 3')).toEqual({ rows: [], moreRecords: false });
  });

  it('orders by id descending', () => {
    expect(run('select id from Leads where id is not null order by id desc limit 2')).toEqual({ rows: [{ id: L3 }, { id: L2 }], moreRecords: true });
    expect(run('select id from Leads where id is not null order by id desc limit 2 offset 2')).toEqual({ rows: [{ id: L1 }], moreRecords: false });
  });

  it('orders by other columns, empty values first ascending and last descending, ties by id', () => {
    const order = (by: string) => run(`select id from Leads where id is not null order by ${by}`).rows.map((row) => row.id);
    expect(order('First_Name')).toEqual([L3, L1, L2]);
    expect(order('First_Name desc')).toEqual([L2, L1, L3]);
    expect(order('No_of_Employees desc')).toEqual([L2, L1, L3]);
    expect(order('Created_Time')).toEqual([L1, L2, L3]);
    expect(order('Owner, Last_Name desc')).toEqual([L3, L1, L2]);
    expect(order('Email_Opt_Out desc, id desc')).toEqual([L1, L3, L2]);
    expect(order('Account_Name.Account_Name desc')).toEqual([L1, L2, L3]);
  });

  it('still orders by id when the source does not yield records in id order', () => {
    const shuffled = sourceOf({ Leads: { fields: LEAD_FIELDS, records: [LEADS[2], LEADS[0], LEADS[1]] } });
    expect(run('select id from Leads where id is not null limit 2', shuffled).rows.map((row) => row.id)).toEqual([L1, L2]);
    expect(run('select id from Leads where id is not null order by id desc limit 2', shuffled).rows.map((row) => row.id)).toEqual([L3, L2]);
  });
});

describe('runCoql: 100,000 records', () => {
  const COUNT = 100_000;
  const fields: FieldMeta[] = [
    { api_name: 'Last_Name', data_type: 'text' },
    { api_name: 'Rank', data_type: 'integer' },
  ];
  const records: SandboxRecord[] = Array.from({ length: COUNT }, (_, index) => ({ id: leadId(index + 1), Last_Name: `Name ${String(index % 1000).padStart(4, '0')}`, Rank: (index * 7919) % COUNT }));
  let pulled = 0;
  const counting: Iterable<SandboxRecord> = {
    *[Symbol.iterator]() {
      for (const record of records) {
        pulled++;
        yield record;
      }
    },
  };
  const big = sourceOf({ Leads: { fields, records: counting } });

  beforeEach(() => {
    pulled = 0;
  });

  it('pages by id without reading past the page it needs', () => {
    const page = run('select Last_Name from Leads where id is not null limit 200 offset 400', big);
    expect(page.rows).toHaveLength(200);
    expect(page.rows[0]).toEqual({ Last_Name: 'Name 0400', id: leadId(401) });
    expect(page.moreRecords).toBe(true);
    expect(pulled).toBe(601);
  });

  it('reaches the end of the 100,000-row window with offset paging', () => {
    const last = run('select id from Leads where id is not null limit 2000 offset 98000', big);
    expect(last.rows).toHaveLength(2000);
    expect(last.rows[1999]).toEqual({ id: leadId(COUNT) });
    expect(last.moreRecords).toBe(false);
  });

  it('pages in descending id order', () => {
    const page = run('select id from Leads where Rank >= 0 order by id desc limit 3 offset 1', big);
    expect(page.rows).toEqual([{ id: leadId(COUNT - 1) }, { id: leadId(COUNT - 2) }, { id: leadId(COUNT - 3) }]);
    expect(page.moreRecords).toBe(true);
  });

  it('sorts by another column across all matches', () => {
    const page = run('select Rank from Leads where Rank < 5000 order by Rank desc limit 2000 offset 1000', big);
    expect(page.rows).toHaveLength(2000);
    expect(page.rows[0]).toMatchObject({ Rank: 3999 });
    expect(page.rows[1999]).toMatchObject({ Rank: 2000 });
    expect(page.moreRecords).toBe(true);
    const tail = run('select Rank from Leads where Rank < 5000 order by Rank desc limit 2000 offset 4000', big);
    expect(tail.rows.map((row) => row.Rank)).toEqual(Array.from({ length: 1000 }, (_, index) => 999 - index));
    expect(tail.moreRecords).toBe(false);
  });

  it('filters and pages text in id order', () => {
    const page = run("select id from Leads where Last_Name = 'name 0007' limit 2000", big);
    expect(page.rows).toHaveLength(100);
    expect(page.rows[0]).toEqual({ id: leadId(8) });
    expect(page.moreRecords).toBe(false);
  });
});
