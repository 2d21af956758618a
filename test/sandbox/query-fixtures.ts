// Shared fields, records and assertions for the sandbox query-language tests.

import { ZohoHttpError } from '../../sandbox/http-error';
import type { FieldMeta, SandboxRecord } from '../../sandbox/query/types';

export const LEAD_FIELDS: FieldMeta[] = [
  { api_name: 'Last_Name', data_type: 'text' },
  { api_name: 'First_Name', data_type: 'text' },
  { api_name: 'Company', data_type: 'text' },
  { api_name: 'Email', data_type: 'email' },
  { api_name: 'Phone', data_type: 'phone' },
  { api_name: 'Website', data_type: 'website' },
  { api_name: 'Description', data_type: 'textarea' },
  { api_name: 'Lead_Status', data_type: 'picklist' },
  { api_name: 'Lead_Number', data_type: 'autonumber' },
  { api_name: 'Interests', data_type: 'multiselectpicklist' },
  { api_name: 'Owner', data_type: 'ownerlookup' },
  { api_name: 'Account_Name', data_type: 'lookup', lookup: { module: { api_name: 'Accounts' } } },
  { api_name: 'No_of_Employees', data_type: 'integer' },
  { api_name: 'Big_Count', data_type: 'bigint' },
  { api_name: 'Annual_Revenue', data_type: 'currency' },
  { api_name: 'Score', data_type: 'double' },
  { api_name: 'Birthday', data_type: 'date' },
  { api_name: 'Created_Time', data_type: 'datetime' },
  { api_name: 'Email_Opt_Out', data_type: 'boolean' },
  { api_name: 'Resume', data_type: 'fileupload' },
];

export const ACCOUNT_FIELDS: FieldMeta[] = [
  { api_name: 'Account_Name', data_type: 'text' },
  { api_name: 'Industry', data_type: 'picklist' },
  { api_name: 'Parent_Account', data_type: 'lookup', lookup: { module: { api_name: 'Accounts' } } },
];

export const OWNER = { id: '5725767000000411001', name: 'Patricia Boyle', email: 'p.boyle@zylker.com' };

export function leadId(n: number): string {
  return String(5725767000000000000n + BigInt(n));
}

export function accountId(n: number): string {
  return String(5725767000100000000n + BigInt(n));
}

export const ACCOUNTS: SandboxRecord[] = [
  { id: accountId(1), Account_Name: 'Zylker Inc', Industry: 'Technology', Parent_Account: null },
  { id: accountId(2), Account_Name: 'ABC Corp', Industry: 'Retail', Parent_Account: { id: accountId(1), name: 'Zylker Inc' } },
];

export const LEADS: SandboxRecord[] = [
  {
    id: leadId(1),
    Last_Name: 'Smith',
    First_Name: 'John',
    Company: 'ABC Inc.',
    Email: 'john@x.com',
    Phone: '+1 (555) 123-4567',
    Website: 'https://abc.example.com',
    Description: 'Met at the fair',
    Lead_Status: 'Contacted',
    Lead_Number: 'L-001',
    Interests: ['CRM', 'Analytics'],
    Owner: OWNER,
    Account_Name: { id: accountId(1), name: 'Zylker Inc' },
    No_of_Employees: 10,
    Big_Count: '9007199254740993',
    Annual_Revenue: 1500.5,
    Score: 0.25,
    Birthday: '1990-05-17',
    Created_Time: '2024-03-01T10:15:00+05:30',
    Email_Opt_Out: true,
  },
  {
    id: leadId(2),
    Last_Name: 'Burns,B',
    First_Name: 'Mary (Jr)',
    Company: 'ABC',
    Email: 'ajohn@x.com',
    Phone: '555 999 0000',
    Website: null,
    Description: null,
    Lead_Status: 'Qualified',
    Lead_Number: 'L-002',
    Interests: ['Analytics'],
    Owner: OWNER,
    Account_Name: { id: accountId(2), name: 'ABC Corp' },
    No_of_Employees: 250,
    Big_Count: '9007199254740992',
    Annual_Revenue: 99,
    Score: 0.75,
    Birthday: '1985-01-01',
    Created_Time: '2024-03-01T04:45:00Z',
    Email_Opt_Out: false,
  },
  {
    id: leadId(3),
    Last_Name: 'K\\',
    First_Name: null,
    Company: 'Zylker',
    Email: 'sales_team@zoho.com',
    Phone: null,
    Lead_Status: 'Not Contacted',
    Lead_Number: 'L-003',
    Interests: [],
    Owner: { id: '5725767000000411002', name: 'Kate Lee' },
    Account_Name: null,
    No_of_Employees: null,
    Annual_Revenue: null,
    Birthday: null,
    Created_Time: '2024-03-02T00:00:00+00:00',
    Email_Opt_Out: null,
  },
];

/** Runs `action` and checks it throws a flat 400 ZohoHttpError with these code, message and details. */
export function expectZohoError(action: () => unknown, code: string, message?: string, details?: Record<string, unknown>): ZohoHttpError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ZohoHttpError);
  const error = thrown as ZohoHttpError;
  expect(error.status).toBe(400);
  expect(error.code).toBe(code);
  expect(error.wrapped).toBe(false);
  if (message !== undefined) expect(error.message).toBe(message);
  if (details !== undefined) expect(error.details).toEqual(details);
  return error;
}
