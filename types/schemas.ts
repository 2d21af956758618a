/* eslint-disable */
/**
 * Generated from schemas/ by `npm run gen:types` (json-schema-to-typescript). Do not edit by hand.
 */

/**
 * The API name of a Zoho CRM module, standard or custom (for example Leads, Contacts, Deals or Invoices__c).
 */
export type Module = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID = string;

export interface ActionSchemas {
  CreateRecordInput: CreateRecordInput;
  CreateRecordOutput: CreateRecordOutput;
  GetRecordInput: GetRecordInput;
  GetRecordOutput: GetRecordOutput;
  ListRecordsInput: ListRecordsInput;
  ListRecordsOutput: ListRecordsOutput;
  UpdateRecordInput: UpdateRecordInput;
  UpdateRecordOutput: UpdateRecordOutput;
  UpdateRecordsInput: UpdateRecordsInput;
  UpdateRecordsOutput: UpdateRecordsOutput;
  DeleteRecordInput: DeleteRecordInput;
  DeleteRecordOutput: DeleteRecordOutput;
  DeleteRecordsInput: DeleteRecordsInput;
  DeleteRecordsOutput: DeleteRecordsOutput;
  CloneRecordInput: CloneRecordInput;
  CloneRecordOutput: CloneRecordOutput;
  ListDeletedRecordsInput: ListDeletedRecordsInput;
  ListDeletedRecordsOutput: ListDeletedRecordsOutput;
  ConvertLeadInput: ConvertLeadInput;
  ConvertLeadOutput: ConvertLeadOutput;
  SearchRecordsInput: SearchRecordsInput;
  SearchRecordsOutput: SearchRecordsOutput;
  ExecuteCoqlInput: ExecuteCoqlInput;
  ExecuteCoqlOutput: ExecuteCoqlOutput;
  GetNoteInput: GetNoteInput;
  GetNoteOutput: GetNoteOutput;
  ListNotesInput: ListNotesInput;
  ListNotesOutput: ListNotesOutput;
  DeleteNoteInput: DeleteNoteInput;
  DeleteNoteOutput: DeleteNoteOutput;
  DeleteNotesInput: DeleteNotesInput;
  DeleteNotesOutput: DeleteNotesOutput;
  CustomApiRequestInput: CustomApiRequestInput;
  CustomApiRequestOutput: CustomApiRequestOutput;
}
/**
 * Creates one record in any Zoho CRM module, standard or custom.
 */
export interface CreateRecordInput {
  module: Module;
  record: unknown;
}
export interface CreateRecordOutput {}
/**
 * Reads one record by its id.
 */
export interface GetRecordInput {
  module: Module;
  id: RecordID;
}
export interface GetRecordOutput {}
/**
 * Lists the records of a module, one page at a time or all pages up to a limit.
 */
export interface ListRecordsInput {
  module: Module;
}
export interface ListRecordsOutput {}
/**
 * Changes fields of one record.
 */
export interface UpdateRecordInput {
  module: Module;
  id: RecordID;
  record: unknown;
}
export interface UpdateRecordOutput {}
/**
 * Changes fields of any number of records, 100 per Zoho call, with one result per record.
 */
export interface UpdateRecordsInput {
  module: Module;
  records: unknown;
}
export interface UpdateRecordsOutput {}
/**
 * Moves one record to the recycle bin.
 */
export interface DeleteRecordInput {
  module: Module;
  id: RecordID;
}
export interface DeleteRecordOutput {}
/**
 * Moves any number of records to the recycle bin, 100 per Zoho call, with one result per record.
 */
export interface DeleteRecordsInput {
  module: Module;
  ids: unknown;
}
export interface DeleteRecordsOutput {}
/**
 * Copies a record into a new one, optionally changing some fields.
 */
export interface CloneRecordInput {
  module: Module;
  id: RecordID;
}
export interface CloneRecordOutput {}
/**
 * Lists the deleted records of a module (recycle bin and permanently deleted).
 */
export interface ListDeletedRecordsInput {
  module: Module;
}
export interface ListDeletedRecordsOutput {}
/**
 * Converts a lead into a contact, an account and optionally a deal.
 */
export interface ConvertLeadInput {
  id: RecordID;
}
export interface ConvertLeadOutput {}
/**
 * Finds records by criteria, email, phone or word.
 */
export interface SearchRecordsInput {
  module: Module;
}
export interface SearchRecordsOutput {}
/**
 * Runs a COQL (SQL-like) SELECT query.
 */
export interface ExecuteCoqlInput {
  query: unknown;
}
export interface ExecuteCoqlOutput {}
/**
 * Reads one note by its id.
 */
export interface GetNoteInput {
  id: RecordID;
}
export interface GetNoteOutput {}
/**
 * Lists notes, all of them or those of one record.
 */
export interface ListNotesInput {}
export interface ListNotesOutput {}
/**
 * Deletes one note.
 */
export interface DeleteNoteInput {
  id: RecordID;
}
export interface DeleteNoteOutput {}
/**
 * Deletes any number of notes, 100 per Zoho call, with one result per note.
 */
export interface DeleteNotesInput {
  ids: unknown;
}
export interface DeleteNotesOutput {}
/**
 * Makes a GET, POST, PUT or DELETE request to a path under the Zoho CRM API (/crm) with the connection's credentials.
 */
export interface CustomApiRequestInput {
  method: unknown;
  relativeUrl: unknown;
}
export interface CustomApiRequestOutput {}
