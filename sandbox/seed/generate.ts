/**
 * Deterministic, realistic field values for seeded records, one generator per module. The org wraps them with
 * id, Owner and audit fields (org.ts). `index` is the record's running number in its module, which keeps
 * unique fields unique however many records are generated.
 */
import { zohoDate } from '../clock';
import {
  ACCOUNT_TYPES,
  CALL_PURPOSES,
  CALL_RESULTS,
  CALL_TYPES,
  INDUSTRIES,
  LEAD_SOURCES,
  LEAD_STATUSES,
  OWNERSHIPS,
  PIPELINES,
  PRIORITIES,
  PROJECT_STATUSES,
  RATINGS,
  SALUTATIONS,
  STAGE_PROBABILITY,
  TASK_STATUSES,
} from './modules';
import type { Random } from './random';

export interface Ref {
  name: string;
  id: string;
}

export interface SeedContext {
  rng: Random;
  index: number;
  /** When the record was created (ms), for dates that should sit near it. */
  createdMs: number;
  /** A random existing record of a module, or null when the module is empty. */
  ref(module: string): Ref | null;
}

export type Values = Record<string, unknown>;

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Karen', 'Priya', 'Arjun', 'Mei', 'Hiroshi', 'Fatima', 'Omar', 'Sofia', 'Lucas', 'Emma', 'Noah', 'Olivia', 'Liam', 'Ananya', 'Kenji', 'Ingrid', 'Mateo', 'Chloe', 'Ravi', 'Aisha', 'Yuki'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Patel', 'Sharma', 'Nakamura', 'Chen', 'Kim', 'Nguyen', 'Okafor', 'Schmidt', 'Rossi', 'Dubois', 'Silva', 'Kowalski', 'Larsen', 'Haddad', "O'Brien", 'Fischer', 'Ivanova', 'Costa', 'Singh', 'Tanaka'];
const COMPANY_A = ['Zylker', 'Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Hooli', 'Vandelay', 'Soylent', 'Cyberdyne', 'Tyrell', 'Wonka', 'Gringotts', 'Oscorp', 'Pied Piper', 'Massive Dynamic', 'Aperture', 'Black Mesa', 'Nakatomi', 'Blue Sun', 'Dunder', 'Monarch', 'Sterling', 'Bluth', 'Prestige', 'Kramerica', 'Genco', 'Strickland', 'Duff'];
const COMPANY_B = ['Corp', 'Inc.', 'Ltd', 'Systems', 'Industries', 'Technologies', 'Labs', 'Group', 'Holdings', 'Partners', 'Solutions', 'Logistics', 'Foods', 'Media', 'Energy'];
const TITLES = ['CEO', 'CTO', 'CFO', 'VP Sales', 'Sales Manager', 'Purchasing Manager', 'IT Director', 'Operations Manager', 'Marketing Lead', 'Account Executive', 'Engineer', 'Consultant', 'Office Manager', 'Founder', 'Head of Procurement'];
const DEPARTMENTS = ['Sales', 'Marketing', 'Finance', 'Engineering', 'Operations', 'Procurement', 'IT', 'Support'];
const CITIES: Array<[string, string, string, string]> = [
  ['Austin', 'TX', '78701', 'United States'],
  ['Seattle', 'WA', '98101', 'United States'],
  ['Boston', 'MA', '02108', 'United States'],
  ['Chicago', 'IL', '60601', 'United States'],
  ['Denver', 'CO', '80202', 'United States'],
  ['Toronto', 'ON', 'M5H 2N2', 'Canada'],
  ['London', 'Greater London', 'EC1A 1BB', 'United Kingdom'],
  ['Berlin', 'Berlin', '10115', 'Germany'],
  ['Chennai', 'Tamil Nadu', '600001', 'India'],
  ['Bengaluru', 'Karnataka', '560001', 'India'],
  ['Sydney', 'NSW', '2000', 'Australia'],
  ['Tokyo', 'Tokyo', '100-0001', 'Japan'],
];
const STREETS = ['Main St', 'Oak Avenue', 'Market Street', 'Park Road', 'Elm Street', 'High Street', 'Cedar Lane', 'Lakeview Drive', 'Hill Road', 'River Walk'];
const TASK_SUBJECTS = ['Send proposal', 'Follow up on quote', 'Prepare demo', 'Schedule onboarding', 'Review contract', 'Call back about pricing', 'Send product brochure', 'Update account details', 'Renewal reminder', 'Collect requirements'];
const CALL_SUBJECTS = ['Discovery call', 'Pricing discussion', 'Demo follow-up', 'Renewal check-in', 'Support escalation', 'Introductory call', 'Contract negotiation', 'Quarterly review'];
const EVENT_TITLES = ['Product demo', 'Quarterly business review', 'Kick-off meeting', 'Site visit', 'Contract signing', 'Lunch meeting', 'Technical workshop', 'Executive briefing'];
const NOTE_TITLES = ['Call summary', 'Meeting notes', 'Requirements', 'Pricing feedback', 'Next steps', 'Competitor mention', null];
const NOTE_LINES = [
  'Interested in the enterprise plan; asked for a volume discount.',
  'Wants a follow-up demo with the IT team next week.',
  'Budget approved for Q3. Decision expected within a month.',
  'Currently using a competitor; contract ends in six months.',
  'Asked for references from customers in the same industry.',
  'Requested a security questionnaire and data-residency details.',
  'Prefers email over phone. Best time: mornings.',
  'Evaluating three vendors; we are on the shortlist.',
];
const PROJECT_WORDS = ['Website Redesign', 'CRM Rollout', 'Data Migration', 'Mobile App', 'Cloud Upgrade', 'Security Audit', 'ERP Integration', 'Analytics Dashboard', 'Support Portal', 'Network Refresh'];

const DAY = 86_400_000;

function person(rng: Random) {
  return { first: rng.pick(FIRST), last: rng.pick(LAST) };
}

function company(rng: Random): string {
  return `${rng.pick(COMPANY_A)} ${rng.pick(COMPANY_B)}`;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

function phone(rng: Random): string {
  return `+1 555-${String(rng.int(100, 999))}-${String(rng.int(1000, 9999))}`;
}

function address(rng: Random) {
  const [city, state, zip, country] = rng.pick(CITIES);
  return { street: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`, city, state, zip, country };
}

function maybe<T>(rng: Random, p: number, value: T): T | null {
  return rng.chance(p) ? value : null;
}

function pickValue(rng: Random, values: readonly string[]): string {
  return rng.pick(values.filter((v) => v !== '-None-'));
}

function leads(c: SeedContext): Values {
  const { rng, index } = c;
  const p = person(rng);
  const org = company(rng);
  const a = address(rng);
  return {
    Company: org,
    Salutation: maybe(rng, 0.6, pickValue(rng, SALUTATIONS)),
    First_Name: p.first,
    Last_Name: p.last,
    Designation: rng.pick(TITLES),
    Email: `${slug(p.first)}.${slug(p.last)}.${index}@${slug(org)}.example`,
    Secondary_Email: null,
    Phone: phone(rng),
    Mobile: maybe(rng, 0.5, phone(rng)),
    Fax: null,
    Website: `https://www.${slug(org)}.example`,
    Lead_Source: pickValue(rng, LEAD_SOURCES),
    Lead_Status: pickValue(rng, LEAD_STATUSES),
    Industry: pickValue(rng, INDUSTRIES),
    No_of_Employees: rng.int(1, 5000),
    Annual_Revenue: rng.int(10, 5000) * 1000,
    Rating: maybe(rng, 0.7, pickValue(rng, RATINGS)),
    Email_Opt_Out: rng.chance(0.1),
    Skype_ID: null,
    Twitter: maybe(rng, 0.3, `${slug(p.first)}_${slug(p.last)}`),
    Street: a.street,
    City: a.city,
    State: a.state,
    Zip_Code: a.zip,
    Country: a.country,
    Description: maybe(rng, 0.3, rng.pick(NOTE_LINES)),
  };
}

function contacts(c: SeedContext): Values {
  const { rng, index } = c;
  const p = person(rng);
  const a = address(rng);
  const account = c.ref('Accounts');
  return {
    Salutation: maybe(rng, 0.6, pickValue(rng, SALUTATIONS)),
    First_Name: p.first,
    Last_Name: p.last,
    Account_Name: account,
    Reporting_To: null,
    Email: `${slug(p.first)}.${slug(p.last)}.${index}@${account ? slug(account.name) : 'mail'}.example`,
    Secondary_Email: null,
    Phone: phone(rng),
    Mobile: maybe(rng, 0.6, phone(rng)),
    Home_Phone: null,
    Other_Phone: null,
    Fax: null,
    Title: rng.pick(TITLES),
    Department: rng.pick(DEPARTMENTS),
    Lead_Source: pickValue(rng, LEAD_SOURCES),
    Date_of_Birth: maybe(rng, 0.4, zohoDate(Date.UTC(rng.int(1960, 2000), rng.int(0, 11), rng.int(1, 28)))),
    Assistant: null,
    Asst_Phone: null,
    Email_Opt_Out: rng.chance(0.1),
    Skype_ID: null,
    Twitter: null,
    Mailing_Street: a.street,
    Mailing_City: a.city,
    Mailing_State: a.state,
    Mailing_Zip: a.zip,
    Mailing_Country: a.country,
    Description: null,
  };
}

function accounts(c: SeedContext): Values {
  const { rng, index } = c;
  const name = index === 1 ? 'Zylker Corp' : `${company(rng)}${index > COMPANY_A.length ? ` ${index}` : ''}`;
  const a = address(rng);
  return {
    Account_Name: name,
    Account_Number: 100000 + index,
    Account_Site: a.city,
    Parent_Account: null,
    Account_Type: pickValue(rng, ACCOUNT_TYPES),
    Industry: pickValue(rng, INDUSTRIES),
    Annual_Revenue: rng.int(50, 90000) * 1000,
    Employees: rng.int(5, 20000),
    Ownership: pickValue(rng, OWNERSHIPS),
    Rating: maybe(rng, 0.6, pickValue(rng, RATINGS)),
    Phone: phone(rng),
    Fax: null,
    Website: `https://www.${slug(name)}.example`,
    Ticker_Symbol: maybe(rng, 0.2, slug(name).slice(0, 4).toUpperCase()),
    SIC_Code: maybe(rng, 0.3, rng.int(1000, 9999)),
    Billing_Street: a.street,
    Billing_City: a.city,
    Billing_State: a.state,
    Billing_Code: a.zip,
    Billing_Country: a.country,
    Shipping_Street: a.street,
    Shipping_City: a.city,
    Shipping_State: a.state,
    Shipping_Code: a.zip,
    Shipping_Country: a.country,
    Description: null,
  };
}

function deals(c: SeedContext): Values {
  const { rng } = c;
  const account = c.ref('Accounts');
  const pipeline = rng.chance(0.8) ? 'Standard (Standard)' : 'Renewals (Standard)';
  const stage = rng.pick(PIPELINES[pipeline] as readonly string[]);
  const amount = rng.int(5, 500) * 1000;
  const probability = STAGE_PROBABILITY[stage] ?? 10;
  return {
    Deal_Name: `${account ? account.name : company(rng)} - ${rng.pick(['Annual licence', 'Expansion', 'Pilot', 'Renewal', 'Services', 'Upgrade'])}`,
    Account_Name: account,
    Contact_Name: c.ref('Contacts'),
    Amount: amount,
    Closing_Date: zohoDate(c.createdMs + rng.int(7, 180) * DAY),
    Pipeline: pipeline,
    Stage: stage,
    Probability: probability,
    Expected_Revenue: (amount * probability) / 100,
    Type: rng.pick(['Existing Business', 'New Business']),
    Next_Step: maybe(rng, 0.5, rng.pick(TASK_SUBJECTS)),
    Lead_Source: pickValue(rng, LEAD_SOURCES),
    Description: null,
  };
}

function related(c: SeedContext): Values {
  const useDeal = c.rng.chance(0.4);
  const what = useDeal ? c.ref('Deals') : c.ref('Accounts');
  return { What_Id: what, $se_module: what ? (useDeal ? 'Deals' : 'Accounts') : null, Who_Id: c.ref('Contacts') };
}

function tasks(c: SeedContext): Values {
  const { rng } = c;
  return {
    Subject: rng.pick(TASK_SUBJECTS),
    Due_Date: zohoDate(c.createdMs + rng.int(1, 30) * DAY),
    Status: rng.pick(TASK_STATUSES),
    Priority: rng.pick(PRIORITIES),
    ...related(c),
    Send_Notification_Email: false,
    Closed_Time: null,
    Description: null,
  };
}

function events(c: SeedContext): Values {
  const { rng } = c;
  const start = c.createdMs + rng.int(1, 60) * DAY;
  return {
    Event_Title: rng.pick(EVENT_TITLES),
    Start_DateTime: start,
    End_DateTime: start + rng.int(1, 4) * 1800_000,
    All_day: false,
    Venue: maybe(rng, 0.5, rng.pick(CITIES)[0]),
    ...related(c),
    Description: null,
  };
}

function calls(c: SeedContext): Values {
  const { rng } = c;
  const minutes = rng.int(1, 59);
  return {
    Subject: rng.pick(CALL_SUBJECTS),
    Call_Type: rng.pick(CALL_TYPES),
    Call_Purpose: pickValue(rng, CALL_PURPOSES),
    Call_Start_Time: c.createdMs + rng.int(0, 10) * 3600_000,
    Call_Duration: `${String(minutes).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`,
    Call_Result: maybe(rng, 0.7, pickValue(rng, CALL_RESULTS)),
    ...related(c),
    Description: null,
  };
}

function notes(c: SeedContext): Values {
  const { rng } = c;
  const wanted = rng.pick(['Leads', 'Contacts', 'Accounts', 'Deals']);
  const first = c.ref(wanted);
  const parent = first ?? c.ref('Leads');
  return {
    Note_Title: rng.pick(NOTE_TITLES),
    Note_Content: rng.pick(NOTE_LINES),
    Parent_Id: parent,
    $se_module: first ? wanted : parent ? 'Leads' : null,
  };
}

function projects(c: SeedContext): Values {
  const { rng, index } = c;
  const account = c.ref('Accounts');
  const start = c.createdMs + rng.int(0, 30) * DAY;
  return {
    Name: `${account ? account.name : company(rng)} ${rng.pick(PROJECT_WORDS)}`,
    Project_Code: `PRJ-${String(index).padStart(5, '0')}`,
    Account: account,
    Status: rng.pick(PROJECT_STATUSES),
    Start_Date: zohoDate(start),
    End_Date: zohoDate(start + rng.int(30, 365) * DAY),
    Budget: rng.int(10, 900) * 1000,
    Progress: rng.int(0, 100),
    Billable: rng.chance(0.7),
    Email: null,
    Description: null,
  };
}

/**
 * Generators by module. Datetime values are returned as ms (numbers) for the org to format; seeded modules
 * are generated in dependency order (Accounts before Contacts before Deals, ...).
 */
export const GENERATORS: Readonly<Record<string, (c: SeedContext) => Values>> = {
  Accounts: accounts,
  Contacts: contacts,
  Leads: leads,
  Deals: deals,
  Projects: projects,
  Tasks: tasks,
  Events: events,
  Calls: calls,
  Notes: notes,
};

/** Seed order: lookups point only to modules seeded earlier. */
export const SEED_ORDER = ['Accounts', 'Contacts', 'Leads', 'Deals', 'Projects', 'Tasks', 'Events', 'Calls', 'Notes'];

export const DEFAULT_COUNTS: Readonly<Record<string, number>> = {
  Accounts: 10,
  Contacts: 20,
  Leads: 30,
  Deals: 15,
  Projects: 5,
  Tasks: 15,
  Events: 10,
  Calls: 10,
  Notes: 20,
};
