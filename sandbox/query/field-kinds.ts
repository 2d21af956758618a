// How the query languages group Zoho's field data types: one value kind per family of types that compare alike.

import type { FieldMeta } from './types';

/**
 * - `text`: single-line text and its relatives (email, phone, website; formula fields are read as text because
 *   the metadata given to the sandbox carries no return type).
 * - `textarea`: multi-line text; searchable, but COQL refuses it in WHERE.
 * - `picklist`: values from a fixed list, compared whole (autonumber behaves the same).
 * - `multiselect`: a list of picklist values.
 * - `lookup`: `{ id, name }` pointing at another record (lookup, ownerlookup, userlookup).
 * - `integer` / `bigint` / `decimal`: numbers (bigint and record ids compare exactly, as BigInt).
 * - `date` / `datetime` / `boolean`.
 * - `unsupported`: anything the query languages cannot filter on (file and image uploads, subforms,
 *   multi-select lookups, ...).
 */
export type ValueKind =
  | 'text'
  | 'textarea'
  | 'picklist'
  | 'multiselect'
  | 'lookup'
  | 'integer'
  | 'bigint'
  | 'decimal'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'unsupported';

const KIND_BY_DATA_TYPE: Readonly<Record<string, ValueKind>> = {
  text: 'text',
  email: 'text',
  phone: 'text',
  website: 'text',
  formula: 'text',
  textarea: 'textarea',
  picklist: 'picklist',
  autonumber: 'picklist',
  multiselectpicklist: 'multiselect',
  lookup: 'lookup',
  ownerlookup: 'lookup',
  userlookup: 'lookup',
  integer: 'integer',
  bigint: 'bigint',
  double: 'decimal',
  currency: 'decimal',
  percent: 'decimal',
  decimal: 'decimal',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
};

export function valueKind(dataType: string): ValueKind {
  return Object.hasOwn(KIND_BY_DATA_TYPE, dataType) ? KIND_BY_DATA_TYPE[dataType] : 'unsupported';
}

/**
 * Record ids are not always listed in a module's field metadata, yet both languages filter on them (`id`
 * criteria in search, `id > '...'` paging in COQL). They behave as bigint.
 */
export const ID_FIELD: FieldMeta = { api_name: 'id', data_type: 'bigint' };

/** The field named `apiName`, or the implicit `id` field, or undefined. API names match exactly. */
export function findField(fields: readonly FieldMeta[], apiName: string): FieldMeta | undefined {
  const found = fields.find((field) => field.api_name === apiName);
  if (found) return found;
  return apiName === 'id' ? ID_FIELD : undefined;
}
