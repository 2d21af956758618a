/** Which Lead field lands in which Contact, Account and Deal field when a lead is converted (Zoho's defaults). */

export interface LeadMapping {
  Contacts?: string;
  Accounts?: string;
  Deals?: string;
}

export const LEAD_CONVERT_MAPPING: Readonly<Record<string, LeadMapping>> = {
  Salutation: { Contacts: 'Salutation' },
  First_Name: { Contacts: 'First_Name' },
  Last_Name: { Contacts: 'Last_Name' },
  Company: { Accounts: 'Account_Name' },
  Designation: { Contacts: 'Title' },
  Email: { Contacts: 'Email' },
  Secondary_Email: { Contacts: 'Secondary_Email' },
  Phone: { Contacts: 'Phone', Accounts: 'Phone' },
  Mobile: { Contacts: 'Mobile' },
  Fax: { Contacts: 'Fax', Accounts: 'Fax' },
  Website: { Accounts: 'Website' },
  Lead_Source: { Contacts: 'Lead_Source', Deals: 'Lead_Source' },
  Industry: { Accounts: 'Industry' },
  No_of_Employees: { Accounts: 'Employees' },
  Annual_Revenue: { Accounts: 'Annual_Revenue' },
  Rating: { Accounts: 'Rating' },
  Email_Opt_Out: { Contacts: 'Email_Opt_Out' },
  Skype_ID: { Contacts: 'Skype_ID' },
  Twitter: { Contacts: 'Twitter' },
  Street: { Contacts: 'Mailing_Street', Accounts: 'Billing_Street' },
  City: { Contacts: 'Mailing_City', Accounts: 'Billing_City' },
  State: { Contacts: 'Mailing_State', Accounts: 'Billing_State' },
  Zip_Code: { Contacts: 'Mailing_Zip', Accounts: 'Billing_Code' },
  Country: { Contacts: 'Mailing_Country', Accounts: 'Billing_Country' },
  Description: { Contacts: 'Description' },
};
