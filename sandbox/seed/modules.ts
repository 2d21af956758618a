/**
 * The org's modules and fields, in a compact form: what a Zoho admin would see in Setup > Modules and Fields.
 * seed/field-meta.ts and seed/module-meta.ts turn these into Zoho's full metadata answers.
 */

export type DataType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'website'
  | 'picklist'
  | 'multiselectpicklist'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'currency'
  | 'percent'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'lookup'
  | 'ownerlookup';

export interface FieldDef {
  api_name: string;
  field_label: string;
  data_type: DataType;
  /** Zoho's system_mandatory: a write without it fails MANDATORY_NOT_FOUND. */
  system_mandatory: boolean;
  read_only: boolean;
  custom_field: boolean;
  unique: boolean;
  length: number;
  /** Picklist values in order (a picklist also accepts "-None-", which means empty). */
  pick_list_values?: readonly string[];
  /** Modules a lookup may point to; more than one means the module is named by `$se_module`. */
  lookup_modules?: readonly string[];
  decimal_place?: number;
}

export interface ModuleDef {
  api_name: string;
  module_name: string;
  singular_label: string;
  plural_label: string;
  id: string;
  generated_type: 'default' | 'custom';
  /** The field shown as the record's name (lookups carry it as `name`). */
  display_field: string;
  /** Scope resource: `ZohoCRM.modules.<scope>.READ` (custom modules share `custom`). */
  scope: string;
  convertable: boolean;
  /** Modules Zoho lists but does not serve through the records API. */
  api_supported: boolean;
  sequence_number: number;
  fields: FieldDef[];
}

type Options = Partial<Omit<FieldDef, 'api_name' | 'field_label' | 'data_type'>>;

const DEFAULT_LENGTH: Partial<Record<DataType, number>> = {
  text: 255,
  textarea: 32000,
  email: 100,
  phone: 30,
  website: 255,
  picklist: 120,
  multiselectpicklist: 2000,
  integer: 9,
  bigint: 18,
  double: 16,
  currency: 16,
  percent: 5,
  boolean: 5,
  date: 20,
  datetime: 120,
  lookup: 120,
  ownerlookup: 120,
};

function f(api_name: string, field_label: string, data_type: DataType, options: Options = {}): FieldDef {
  return {
    api_name,
    field_label,
    data_type,
    system_mandatory: false,
    read_only: false,
    custom_field: false,
    unique: false,
    length: DEFAULT_LENGTH[data_type] ?? 255,
    ...options,
  };
}

const NONE = '-None-';
export const LEAD_SOURCES = [NONE, 'Advertisement', 'Cold Call', 'Employee Referral', 'External Referral', 'Online Store', 'Partner', 'Public Relations', 'Sales Email Alias', 'Seminar Partner', 'Internal Seminar', 'Trade Show', 'Web Download', 'Web Research', 'Chat'];
export const LEAD_STATUSES = [NONE, 'Attempted to Contact', 'Contact in Future', 'Contacted', 'Junk Lead', 'Lost Lead', 'Not Contacted', 'Pre-Qualified', 'Not Qualified'];
export const INDUSTRIES = [NONE, 'ASP (Application Service Provider)', 'Data/Telecom OEM', 'ERP (Enterprise Resource Planning)', 'Government/Military', 'Large Enterprise', 'ManagementISV', 'MSP (Management Service Provider)', 'Network Equipment Enterprise', 'Non-management ISV', 'Optical Networking', 'Service Provider', 'Small/Medium Enterprise', 'Storage Equipment', 'Storage Service Provider', 'Systems Integrator', 'Wireless Industry'];
export const RATINGS = [NONE, 'Acquired', 'Active', 'Market Failed', 'Project Cancelled', 'Shut Down'];
export const SALUTATIONS = [NONE, 'Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.'];
export const ACCOUNT_TYPES = [NONE, 'Analyst', 'Competitor', 'Customer', 'Distributor', 'Integrator', 'Investor', 'Other', 'Partner', 'Press', 'Prospect', 'Reseller', 'Supplier', 'Vendor'];
export const OWNERSHIPS = [NONE, 'Other', 'Private', 'Public', 'Subsidiary', 'Partnership', 'Government', 'Privately Held', 'Public Company'];
export const DEAL_STAGES = ['Qualification', 'Needs Analysis', 'Value Proposition', 'Id. Decision Makers', 'Perception Analysis', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost', 'Closed Lost to Competition'];
/** Pipelines and the stages each contains: a Stage outside its Pipeline is Zoho's MAPPING_MISMATCH. */
export const PIPELINES: Readonly<Record<string, readonly string[]>> = {
  'Standard (Standard)': DEAL_STAGES,
  'Renewals (Standard)': ['Qualification', 'Negotiation/Review', 'Closed Won', 'Closed Lost'],
};
export const STAGE_PROBABILITY: Readonly<Record<string, number>> = {
  Qualification: 10,
  'Needs Analysis': 20,
  'Value Proposition': 40,
  'Id. Decision Makers': 60,
  'Perception Analysis': 70,
  'Proposal/Price Quote': 75,
  'Negotiation/Review': 90,
  'Closed Won': 100,
  'Closed Lost': 0,
  'Closed Lost to Competition': 0,
};
export const TASK_STATUSES = ['Not Started', 'Deferred', 'In Progress', 'Completed', 'Waiting for input'];
export const PRIORITIES = ['High', 'Highest', 'Low', 'Lowest', 'Normal'];
export const CALL_TYPES = ['Outbound', 'Inbound', 'Missed'];
export const CALL_PURPOSES = [NONE, 'Prospecting', 'Administrative', 'Negotiation', 'Demo', 'Project', 'Desk'];
export const CALL_RESULTS = [NONE, 'Interested', 'Not interested', 'No response/Busy', 'Requested more info', 'Requested call back', 'Invalid number'];
export const PROJECT_STATUSES = ['Planned', 'In Progress', 'On Hold', 'Completed', 'Cancelled'];

const owner = () => f('Owner', 'Owner', 'ownerlookup');
const audit = () => [
  f('Created_By', 'Created By', 'ownerlookup', { read_only: true }),
  f('Modified_By', 'Modified By', 'ownerlookup', { read_only: true }),
  f('Created_Time', 'Created Time', 'datetime', { read_only: true }),
  f('Modified_Time', 'Modified Time', 'datetime', { read_only: true }),
];
const lookup = (api: string, label: string, modules: readonly string[], options: Options = {}) =>
  f(api, label, 'lookup', { lookup_modules: modules, ...options });
const pick = (api: string, label: string, values: readonly string[], options: Options = {}) =>
  f(api, label, 'picklist', { pick_list_values: values, ...options });

function mod(sequence: number, api_name: string, singular: string, display: string, fields: FieldDef[], extra: Partial<ModuleDef> = {}): ModuleDef {
  return {
    api_name,
    module_name: api_name,
    singular_label: singular,
    plural_label: api_name.replace(/_/g, ' '),
    id: `4876876000000002${String(175 + sequence * 2).padStart(3, '0')}`,
    generated_type: 'default',
    display_field: display,
    scope: api_name.toLowerCase(),
    convertable: false,
    api_supported: true,
    sequence_number: sequence,
    fields,
    ...extra,
  };
}

/** The org's modules, in the order Zoho lists them. */
export function moduleDefs(): ModuleDef[] {
  return [
    mod(1, 'Home', 'Home', 'id', [], { api_supported: false }),
    mod(2, 'Leads', 'Lead', 'Full_Name', [
      owner(),
      f('Company', 'Company', 'text', { length: 200 }),
      pick('Salutation', 'Salutation', SALUTATIONS),
      f('First_Name', 'First Name', 'text', { length: 40 }),
      f('Last_Name', 'Last Name', 'text', { length: 80, system_mandatory: true }),
      f('Full_Name', 'Lead Name', 'text', { read_only: true }),
      f('Designation', 'Title', 'text', { length: 100 }),
      f('Email', 'Email', 'email', { unique: true }),
      f('Secondary_Email', 'Secondary Email', 'email'),
      f('Phone', 'Phone', 'phone'),
      f('Mobile', 'Mobile', 'phone'),
      f('Fax', 'Fax', 'phone'),
      f('Website', 'Website', 'website'),
      pick('Lead_Source', 'Lead Source', LEAD_SOURCES),
      pick('Lead_Status', 'Lead Status', LEAD_STATUSES),
      pick('Industry', 'Industry', INDUSTRIES),
      f('No_of_Employees', 'No. of Employees', 'integer'),
      f('Annual_Revenue', 'Annual Revenue', 'currency', { decimal_place: 2 }),
      pick('Rating', 'Rating', RATINGS),
      f('Email_Opt_Out', 'Email Opt Out', 'boolean'),
      f('Skype_ID', 'Skype ID', 'text', { length: 50 }),
      f('Twitter', 'Twitter', 'text', { length: 50 }),
      f('Street', 'Street', 'text', { length: 250 }),
      f('City', 'City', 'text', { length: 100 }),
      f('State', 'State', 'text', { length: 100 }),
      f('Zip_Code', 'Zip Code', 'text', { length: 30 }),
      f('Country', 'Country', 'text', { length: 100 }),
      f('Description', 'Description', 'textarea'),
      ...audit(),
      f('Last_Activity_Time', 'Last Activity Time', 'datetime', { read_only: true }),
    ], { convertable: true }),
    mod(3, 'Contacts', 'Contact', 'Full_Name', [
      owner(),
      pick('Salutation', 'Salutation', SALUTATIONS),
      f('First_Name', 'First Name', 'text', { length: 40 }),
      f('Last_Name', 'Last Name', 'text', { length: 80, system_mandatory: true }),
      f('Full_Name', 'Contact Name', 'text', { read_only: true }),
      lookup('Account_Name', 'Account Name', ['Accounts']),
      lookup('Reporting_To', 'Reporting To', ['Contacts']),
      f('Email', 'Email', 'email', { unique: true }),
      f('Secondary_Email', 'Secondary Email', 'email'),
      f('Phone', 'Phone', 'phone'),
      f('Mobile', 'Mobile', 'phone'),
      f('Home_Phone', 'Home Phone', 'phone'),
      f('Other_Phone', 'Other Phone', 'phone'),
      f('Fax', 'Fax', 'phone'),
      f('Title', 'Title', 'text', { length: 100 }),
      f('Department', 'Department', 'text', { length: 100 }),
      pick('Lead_Source', 'Lead Source', LEAD_SOURCES),
      f('Date_of_Birth', 'Date of Birth', 'date'),
      f('Assistant', 'Assistant', 'text', { length: 100 }),
      f('Asst_Phone', 'Asst Phone', 'phone'),
      f('Email_Opt_Out', 'Email Opt Out', 'boolean'),
      f('Skype_ID', 'Skype ID', 'text', { length: 50 }),
      f('Twitter', 'Twitter', 'text', { length: 50 }),
      f('Mailing_Street', 'Mailing Street', 'text', { length: 250 }),
      f('Mailing_City', 'Mailing City', 'text', { length: 100 }),
      f('Mailing_State', 'Mailing State', 'text', { length: 100 }),
      f('Mailing_Zip', 'Mailing Zip', 'text', { length: 30 }),
      f('Mailing_Country', 'Mailing Country', 'text', { length: 100 }),
      f('Description', 'Description', 'textarea'),
      ...audit(),
      f('Last_Activity_Time', 'Last Activity Time', 'datetime', { read_only: true }),
    ]),
    mod(4, 'Accounts', 'Account', 'Account_Name', [
      owner(),
      f('Account_Name', 'Account Name', 'text', { length: 200, system_mandatory: true }),
      f('Account_Number', 'Account Number', 'bigint'),
      f('Account_Site', 'Account Site', 'text', { length: 80 }),
      lookup('Parent_Account', 'Parent Account', ['Accounts']),
      pick('Account_Type', 'Account Type', ACCOUNT_TYPES),
      pick('Industry', 'Industry', INDUSTRIES),
      f('Annual_Revenue', 'Annual Revenue', 'currency', { decimal_place: 2 }),
      f('Employees', 'Employees', 'integer'),
      pick('Ownership', 'Ownership', OWNERSHIPS),
      pick('Rating', 'Rating', RATINGS),
      f('Phone', 'Phone', 'phone'),
      f('Fax', 'Fax', 'phone'),
      f('Website', 'Website', 'website'),
      f('Ticker_Symbol', 'Ticker Symbol', 'text', { length: 30 }),
      f('SIC_Code', 'SIC Code', 'integer'),
      f('Billing_Street', 'Billing Street', 'text', { length: 250 }),
      f('Billing_City', 'Billing City', 'text', { length: 100 }),
      f('Billing_State', 'Billing State', 'text', { length: 100 }),
      f('Billing_Code', 'Billing Code', 'text', { length: 30 }),
      f('Billing_Country', 'Billing Country', 'text', { length: 100 }),
      f('Shipping_Street', 'Shipping Street', 'text', { length: 250 }),
      f('Shipping_City', 'Shipping City', 'text', { length: 100 }),
      f('Shipping_State', 'Shipping State', 'text', { length: 100 }),
      f('Shipping_Code', 'Shipping Code', 'text', { length: 30 }),
      f('Shipping_Country', 'Shipping Country', 'text', { length: 100 }),
      f('Description', 'Description', 'textarea'),
      ...audit(),
      f('Last_Activity_Time', 'Last Activity Time', 'datetime', { read_only: true }),
    ]),
    mod(5, 'Deals', 'Deal', 'Deal_Name', [
      owner(),
      f('Deal_Name', 'Deal Name', 'text', { length: 120, system_mandatory: true }),
      lookup('Account_Name', 'Account Name', ['Accounts']),
      lookup('Contact_Name', 'Contact Name', ['Contacts']),
      f('Amount', 'Amount', 'currency', { decimal_place: 2 }),
      f('Closing_Date', 'Closing Date', 'date', { system_mandatory: true }),
      pick('Pipeline', 'Pipeline', Object.keys(PIPELINES)),
      pick('Stage', 'Stage', DEAL_STAGES, { system_mandatory: true }),
      f('Probability', 'Probability (%)', 'integer', { length: 3 }),
      f('Expected_Revenue', 'Expected Revenue', 'currency', { read_only: true, decimal_place: 2 }),
      pick('Type', 'Type', [NONE, 'Existing Business', 'New Business']),
      f('Next_Step', 'Next Step', 'text', { length: 100 }),
      pick('Lead_Source', 'Lead Source', LEAD_SOURCES),
      f('Description', 'Description', 'textarea'),
      ...audit(),
      f('Last_Activity_Time', 'Last Activity Time', 'datetime', { read_only: true }),
    ]),
    mod(6, 'Tasks', 'Task', 'Subject', [
      owner(),
      f('Subject', 'Subject', 'text', { length: 300, system_mandatory: true }),
      f('Due_Date', 'Due Date', 'date'),
      pick('Status', 'Status', TASK_STATUSES),
      pick('Priority', 'Priority', PRIORITIES),
      lookup('What_Id', 'Related To', ['Accounts', 'Deals', 'Leads', 'Projects']),
      lookup('Who_Id', 'Contact Name', ['Contacts']),
      f('Send_Notification_Email', 'Send Notification Email', 'boolean'),
      f('Closed_Time', 'Closed Time', 'datetime', { read_only: true }),
      f('Description', 'Description', 'textarea'),
      ...audit(),
    ], { plural_label: 'Tasks' }),
    mod(7, 'Events', 'Meeting', 'Event_Title', [
      owner(),
      f('Event_Title', 'Title', 'text', { length: 255, system_mandatory: true }),
      f('Start_DateTime', 'From', 'datetime', { system_mandatory: true }),
      f('End_DateTime', 'To', 'datetime', { system_mandatory: true }),
      f('All_day', 'All day', 'boolean'),
      f('Venue', 'Location', 'text', { length: 255 }),
      lookup('What_Id', 'Related To', ['Accounts', 'Deals', 'Leads', 'Projects']),
      lookup('Who_Id', 'Contact Name', ['Contacts']),
      f('Description', 'Description', 'textarea'),
      ...audit(),
    ], { plural_label: 'Meetings' }),
    mod(8, 'Calls', 'Call', 'Subject', [
      owner(),
      f('Subject', 'Subject', 'text', { length: 300, system_mandatory: true }),
      pick('Call_Type', 'Call Type', CALL_TYPES, { system_mandatory: true }),
      pick('Call_Purpose', 'Call Purpose', CALL_PURPOSES),
      f('Call_Start_Time', 'Call Start Time', 'datetime', { system_mandatory: true }),
      f('Call_Duration', 'Call Duration', 'text', { length: 10 }),
      pick('Call_Result', 'Call Result', CALL_RESULTS),
      lookup('What_Id', 'Related To', ['Accounts', 'Deals', 'Leads', 'Projects']),
      lookup('Who_Id', 'Contact Name', ['Contacts']),
      f('Description', 'Description', 'textarea'),
      ...audit(),
    ]),
    mod(9, 'Notes', 'Note', 'Note_Title', [
      owner(),
      f('Note_Title', 'Note Title', 'text', { length: 120 }),
      f('Note_Content', 'Note Content', 'textarea'),
      lookup('Parent_Id', 'Parent ID', ['Leads', 'Contacts', 'Accounts', 'Deals', 'Tasks', 'Events', 'Calls', 'Projects'], { system_mandatory: true }),
      ...audit(),
    ]),
    mod(10, 'Projects', 'Project', 'Name', [
      owner(),
      f('Name', 'Project Name', 'text', { length: 120, system_mandatory: true }),
      f('Project_Code', 'Project Code', 'text', { length: 20, unique: true, custom_field: true }),
      lookup('Account', 'Account', ['Accounts'], { custom_field: true }),
      pick('Status', 'Status', PROJECT_STATUSES, { custom_field: true }),
      f('Start_Date', 'Start Date', 'date', { custom_field: true }),
      f('End_Date', 'End Date', 'date', { custom_field: true }),
      f('Budget', 'Budget', 'currency', { decimal_place: 2, custom_field: true }),
      f('Progress', 'Progress', 'percent', { custom_field: true }),
      f('Billable', 'Billable', 'boolean', { custom_field: true }),
      f('Email', 'Email', 'email', { custom_field: true }),
      f('Description', 'Description', 'textarea', { custom_field: true }),
      ...audit(),
    ], { module_name: 'CustomModule1', generated_type: 'custom', scope: 'custom' }),
    mod(11, 'Reports', 'Report', 'id', [], { api_supported: false }),
    mod(12, 'Dashboards', 'Dashboard', 'id', [], { api_supported: false }),
  ];
}
