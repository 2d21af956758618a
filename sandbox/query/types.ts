// The record and field-metadata shapes the sandbox's two query languages (search criteria, COQL) read.

/**
 * One field of a module, as Zoho's field metadata describes it. `data_type` uses Zoho's names: text, textarea,
 * email, phone, website, picklist, multiselectpicklist, integer, bigint, double, currency, percent, decimal,
 * boolean, date, datetime, lookup, ownerlookup, userlookup, autonumber, formula, fileupload, imageupload, ...
 * `lookup.module.api_name` (present in Zoho's metadata for lookup fields) names the module a lookup points to;
 * COQL needs it to follow a dot path such as `Account_Name.Industry` into the related record.
 */
export interface FieldMeta {
  api_name: string;
  data_type: string;
  lookup?: { module?: { api_name: string } };
}

/**
 * A stored record. Lookups are objects `{ id, name }` (owner lookups may add `email`), multi-select picklists
 * are string arrays, dates and datetimes are Zoho strings (`2024-03-01`, `2024-03-01T10:15:00+05:30`), ids are
 * 19-digit numeric strings.
 */
export type SandboxRecord = Record<string, unknown> & { id: string };
