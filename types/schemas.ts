/* eslint-disable */
/**
 * Generated from schemas/ by `npm run gen:types` (json-schema-to-typescript). Do not edit by hand.
 */

/**
 * The API name of the module to create the record in (for example Leads, Contacts, Deals, or a custom module's API name).
 */
export type Module = string;
/**
 * Automation to run on this write: any of workflow, approval, blueprint. An empty list runs none; leave it out to run all (Zoho's default).
 */
export type Triggers = ("workflow" | "approval" | "blueprint")[];
/**
 * Read the new record back and return it whole (one more API call), with the values Zoho filled in such as Full_Name and Owner.
 */
export type ReturnTheRecord = boolean;
/**
 * The id of the new record.
 */
export type RecordID = string;
/**
 * When the record was created.
 */
export type CreatedTime = string;
/**
 * When the record was last changed (the creation, for a new record).
 */
export type ModifiedTime = string;
/**
 * The user's id.
 */
export type UserID = string;
/**
 * The user's full name.
 */
export type Name = string;
/**
 * The user's email address, when Zoho gives it.
 */
export type Email = string;
/**
 * The API name of the record's module.
 */
export type Module1 = string;
/**
 * The id of the record to read.
 */
export type RecordID1 = string;
/**
 * API names of the fields to return (at most 50). Leave empty for every field.
 *
 * @maxItems 50
 */
export type Fields = string[];
/**
 * The API name of the module to list.
 */
export type Module2 = string;
/**
 * API names of the fields to return (at most 50, Zoho's limit). Leave empty for the module's fields (the first 50 of its layout).
 *
 * @maxItems 50
 */
export type Fields1 = string[];
/**
 * The field to sort by: id, Created_Time or Modified_Time (the only ones Zoho sorts lists by). Zoho's default is id.
 */
export type SortBy = "id" | "Created_Time" | "Modified_Time";
/**
 * asc (oldest or smallest first) or desc. Zoho's default is desc.
 */
export type SortOrder = "asc" | "desc";
/**
 * Read pages until this many records (at most 100,000). Leave empty to get one page and a cursor for the next.
 */
export type Limit = number;
/**
 * The nextPageToken of an earlier run, to continue from there. Keep every other input the same: a token only works with the query it came from, and expires after a day.
 */
export type PageToken = string;
/**
 * Only records changed after this time (ISO 8601 with a UTC offset). When nothing changed since then the list is empty.
 */
export type ModifiedSince = string;
/**
 * The id of a custom view of the module: list only the records that view shows.
 */
export type CustomViewID = string;
/**
 * The records, each with its id and the requested fields.
 */
export type Records = Record3[];
/**
 * How many records were returned.
 */
export type Count = number;
/**
 * True when the module has more records past these.
 */
export type MoreRecords = boolean;
/**
 * Give it as pageToken (with the same other inputs) to continue after the last record returned. Absent at the end, and when a limit stopped in the middle of a Zoho page.
 */
export type NextPageToken = string;
/**
 * The API name of the record's module.
 */
export type Module3 = string;
/**
 * The id of the record to change.
 */
export type RecordID2 = string;
/**
 * The id of the record changed.
 */
export type RecordID3 = string;
/**
 * When the record was changed.
 */
export type ModifiedTime1 = string;
/**
 * The API name of the records' module.
 */
export type Module4 = string;
/**
 * The records to change: each with its id and the fields to change by API name. Fields not given keep their values.
 *
 * @minItems 1
 */
export type Records1 = [RecordChanges, ...RecordChanges[]];
/**
 * The id of the record to change.
 */
export type RecordID4 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID5 = string;
/**
 * One entry per input item, in input order: ok with the record's id, or the Zoho error for that item.
 */
export type Results = ResultForOneItem[];
/**
 * How many items succeeded.
 */
export type Succeeded = number;
/**
 * How many items failed.
 */
export type Failed = number;
/**
 * The API name of the record's module.
 */
export type Module5 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID6 = string;
/**
 * Whether Zoho runs the module's workflow rules on this delete. Leave it out to let them run (Zoho's default); false skips them.
 */
export type RunWorkflows = boolean;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID7 = string;
/**
 * The API name of the records' module.
 */
export type Module6 = string;
/**
 * The ids of the records to delete, as strings of digits.
 *
 * @minItems 1
 */
export type RecordIDs = [RecordID5, ...RecordID5[]];
/**
 * The API name of the record's module.
 */
export type Module7 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID8 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID9 = string;
/**
 * When the copy was created.
 */
export type CreatedTime1 = string;
/**
 * When the copy was last changed.
 */
export type ModifiedTime2 = string;
/**
 * The API name of the module whose deleted records to list.
 */
export type Module8 = string;
/**
 * all (default): every deleted record; recycle: those still in the recycle bin (they can be restored in Zoho); permanent: those deleted for good.
 */
export type Type = "all" | "recycle" | "permanent";
/**
 * Read pages until this many records. Leave empty to get one page (see page).
 */
export type Limit1 = number;
/**
 * The page to start at (200 records per page), for reading one page at a time: when moreRecords is true, ask for the next page.
 */
export type Page = number;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID10 = string;
/**
 * The record's display name (for a lead, its full name); null for a permanently deleted record.
 */
export type Name1 = string | null;
/**
 * recycle: in the recycle bin; permanent: deleted for good.
 */
export type Type1 = "recycle" | "permanent";
/**
 * The user who deleted it; null for a permanently deleted record.
 */
export type DeletedBy = User | null;
/**
 * When it was deleted.
 */
export type DeletedTime = string;
/**
 * The user who created it; null for a permanently deleted record.
 */
export type CreatedBy2 = User | null;
/**
 * One entry per deleted record, most recently deleted first.
 */
export type DeletedRecords = DeletedRecord[];
/**
 * How many deleted records were returned.
 */
export type Count1 = number;
/**
 * True when more deleted records exist past these (ask for the next page, or a higher limit).
 */
export type MoreRecords1 = boolean;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID11 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID12 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID13 = string;
/**
 * With an existing account or contact: true replaces their field values with the lead's, false (Zoho's default) keeps them.
 */
export type OverwriteExistingValues = boolean;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID14 = string;
/**
 * The name of the new deal.
 */
export type DealName = string;
/**
 * The deal's stage, one of the stages of its pipeline.
 */
export type Stage = string;
/**
 * Expected closing date, as YYYY-MM-DD.
 */
export type ClosingDate = string;
/**
 * The pipeline, when the org uses several (for example Standard (Standard)).
 */
export type Pipeline = string;
/**
 * The deal's amount in the org's currency.
 */
export type Amount = number;
/**
 * Email the lead's owner about the conversion.
 */
export type NotifyTheLeadSOwner = boolean;
/**
 * Email the user given in Assign to user about the new records.
 */
export type NotifyTheNewOwner = boolean;
/**
 * converted when the records exist now; scheduled when Zoho queued the conversion (HTTP 202) and will do it shortly.
 */
export type Status = "converted" | "scheduled";
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID15 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID16 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID17 = string;
/**
 * Zoho's id of the scheduled conversion (status scheduled only).
 */
export type JobID = string;
/**
 * The API name of a Zoho CRM module, standard or custom (for example Leads, Contacts, Deals or Projects__c).
 */
export type Module9 = string;
/**
 * Which records to find. Either Zoho's criteria text as you would write it, for example (Last_Name:equals:Smith) — then you escape ( ) , and \ inside values yourself — or a list of conditions such as [{"field": "Last_Name", "operator": "equals", "value": "Smith"}], which all must match, with {"or": [...]} and {"and": [...]} groups for other combinations. In the list form values are escaped for you. Zoho takes up to 10 conditions.
 */
export type Criteria = CriteriaText | ConditionsAllMustMatch | ConditionOrGroup;
/**
 * Zoho's criteria syntax, for example ((Last_Name:equals:Smith)and(Lead_Source:equals:Web)).
 */
export type CriteriaText = string;
/**
 * Conditions and groups that must all match.
 *
 * @minItems 1
 */
export type ConditionsAllMustMatch = [ConditionOrGroup, ...ConditionOrGroup[]];
/**
 * The field's API name, for example Email or Lead_Source (a lookup's sub-field as Account_Name.id).
 */
export type Field = string;
/**
 * How to compare. Text fields: equals (Zoho treats it as contains), not_equal, starts_with, in. Numbers and dates also: greater_than, greater_equal, less_than, less_equal, between. Booleans: equals, not_equal.
 */
export type Operator =
  | "equals"
  | "not_equal"
  | "starts_with"
  | "in"
  | "not_in"
  | "greater_than"
  | "greater_equal"
  | "less_than"
  | "less_equal"
  | "between";
/**
 * The value to compare with. A list for in and not_in (up to 100 values), exactly two values [from, to] for between. Dates as 2025-01-31, date-times as 2025-01-31T10:00:00+00:00.
 */
export type Value = string | number | boolean | null | (string | number | boolean | null)[];
/**
 * Conditions or groups that must all match.
 *
 * @minItems 1
 */
export type AllOf = [ConditionOrGroup, ...ConditionOrGroup[]];
/**
 * Conditions or groups of which at least one must match.
 *
 * @minItems 1
 */
export type AnyOf = [ConditionOrGroup, ...ConditionOrGroup[]];
/**
 * Find records whose email fields contain this address (or part of it).
 */
export type Email1 = string;
/**
 * Find records whose phone fields contain these digits (at least 3).
 */
export type Phone = string;
/**
 * Find records with this word in any text field (at least 2 characters).
 */
export type Word = string;
/**
 * API names of the fields to return (at most 50, Zoho's limit). Leave empty for the module's fields.
 *
 * @maxItems 50
 */
export type Fields2 = string[];
/**
 * Read pages until this many records (at most 2,000, the most Zoho's search returns). Leave empty to get one page and the number of the next.
 */
export type Limit2 = number;
/**
 * Which page to read when no limit is given (1 for the first). Zoho's search reaches 2,000 records, so page × records per page must stay within 2,000.
 */
export type Page1 = number;
/**
 * How many records one Zoho call returns (1 to 200, Zoho's maximum and default).
 */
export type RecordsPerPage = number;
/**
 * The field to sort by: id, Created_Time or Modified_Time (the ones Zoho sorts lists by).
 */
export type SortBy1 = "id" | "Created_Time" | "Modified_Time";
/**
 * asc for oldest or smallest first, desc for newest or largest first.
 */
export type SortOrder1 = "asc" | "desc";
/**
 * Leads only: false (Zoho's default) leaves converted leads out, true finds only converted leads, both finds all.
 */
export type ConvertedLeads = "false" | "true" | "both";
/**
 * The records, each with its id and the requested fields.
 */
export type Records2 = {}[];
/**
 * How many records were returned.
 */
export type Count2 = number;
/**
 * True when more records match than were returned.
 */
export type MoreRecords2 = boolean;
/**
 * The page to ask for next (one-page reads only, while within Zoho's 2,000-record reach).
 */
export type NextPage = number;
/**
 * True when the results reached the 2,000 records Zoho's search returns at most: more may match.
 */
export type SearchCapReached = boolean;
/**
 * What to do when the search cap was reached.
 */
export type Hint = string;
/**
 * The COQL SELECT statement, with a WHERE clause (where id is not null selects every row). A LIMIT at its end is honoured as the most rows to return; LIMIT offset, count is added for paging.
 */
export type Query = string;
/**
 * Read until this many rows, in calls of up to 2,000 (at most 100,000, the rows COQL reaches). Leave empty to make one call.
 */
export type Limit3 = number;
/**
 * Rows to skip first, for example the nextOffset of an earlier call.
 */
export type Offset = number;
/**
 * The records, each with its id and the requested fields.
 */
export type Records3 = {}[];
/**
 * Give this as offset to continue where this call stopped (when more rows match and COQL can reach them).
 */
export type NextOffset = number;
/**
 * True when more rows match past the 100,000 rows COQL reaches.
 */
export type ReachExceeded = boolean;
/**
 * What to do when COQL's reach was exceeded.
 */
export type Hint1 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID18 = string;
/**
 * API names of the note fields to return. Leave empty for Note_Title, Note_Content, Parent_Id, Owner, Created_Time, Modified_Time, Created_By and Modified_By.
 *
 * @minItems 1
 * @maxItems 50
 */
export type Fields3 = [string, ...string[]];
/**
 * The note's title.
 */
export type Title = string | null;
/**
 * The note's text.
 */
export type Content = string | null;
/**
 * The record the note belongs to: its id, name and module.
 */
export type ParentRecord = {} | null;
/**
 * With parentId: the module of the record whose notes to list, for example Leads or Deals.
 */
export type ParentModule = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID19 = string;
/**
 * API names of the note fields to return. Leave empty for Note_Title, Note_Content, Parent_Id, Owner, Created_Time, Modified_Time, Created_By and Modified_By.
 *
 * @minItems 1
 * @maxItems 50
 */
export type Fields4 = [string, ...string[]];
/**
 * Read pages until this many notes. Leave empty to get one page and a cursor for the next.
 */
export type Limit4 = number;
/**
 * The nextPageToken of an earlier call, to continue from there (with the same fields and sorting).
 */
export type PageToken1 = string;
/**
 * Which page to read when no limit is given (1 for the first). Zoho reaches only the first 2,000 records by page number.
 */
export type Page2 = number;
/**
 * How many records one Zoho call returns (1 to 200, Zoho's maximum and default).
 */
export type RecordsPerPage1 = number;
/**
 * The field to sort by: id, Created_Time or Modified_Time (the ones Zoho sorts lists by).
 */
export type SortBy2 = "id" | "Created_Time" | "Modified_Time";
/**
 * asc for oldest or smallest first, desc for newest or largest first.
 */
export type SortOrder2 = "asc" | "desc";
/**
 * The notes, each with its id and the requested fields.
 */
export type Notes = Note[];
/**
 * Give this as pageToken to read the next page (with the same fields and sorting).
 */
export type NextPageToken1 = string;
/**
 * The page number to ask for next, while within the first 2,000 notes (when Zoho gave no token).
 */
export type NextPage1 = number;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID20 = string;
/**
 * The record's id as Zoho returns it: a string of digits (not a number: ids exceed JavaScript's safe integers).
 */
export type RecordID21 = string;
/**
 * The ids of the notes to delete. Any number: they go to Zoho 100 per call. More than ZCRM_MAX_BULK_ITEMS (default 10,000) are refused up front.
 *
 * @minItems 1
 */
export type NoteIDs = [RecordID5, ...RecordID5[]];
/**
 * One result per input id, in input order: ok with the id, or the Zoho error for that note.
 */
export type Results1 = ResultForOneItem[];
/**
 * How many notes were deleted.
 */
export type Deleted = number;
/**
 * How many notes could not be deleted.
 */
export type Failed1 = number;
/**
 * GET reads; POST creates (never resent when its outcome is unknown); PUT updates; DELETE deletes.
 */
export type Method = "GET" | "POST" | "PUT" | "DELETE";
/**
 * The path after /crm, starting with /, for example /v8/Leads or /v2/Leads (a query string after ? is kept as written). If the full API URL is https://www.zohoapis.com/crm/v2/Leads, write /v2/Leads.
 */
export type RelativeURL = string;
/**
 * The request body (POST, PUT and DELETE only), sent as JSON. Zoho's writes take {"data": [ ... ]}. A string is sent as it is.
 */
export type Body = {} | unknown[] | string;
/**
 * True: an HTTP error answer (4xx, 5xx) fails the action with Zoho's code and a hint, as the other actions do. False (the default): it is returned as output, with its status code and body.
 */
export type FailOnErrorStatus = boolean;
/**
 * The HTTP status of Zoho's answer, for example 200, 201, 204, 207 or 400.
 */
export type StatusCode = number;
/**
 * The answer's body: parsed JSON when it is JSON, else the text; null when the answer has no body (204, 304).
 */
export type Body1 = {} | unknown[] | string | number | boolean | null;

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
 * Mandatory fields depend on the module (Leads and Contacts need Last_Name, for example); field names Zoho does not know are ignored.
 */
export interface CreateRecordInput {
  module: Module;
  record: Record;
  trigger?: Triggers;
  returnRecord?: ReturnTheRecord;
}
/**
 * The new record's field values by API name, for example {"Last_Name": "Smith", "Company": "Zylker"}. Lookups take {"id": "..."}; the owner is Owner: {"id": "<user id>"}. Unknown field names are ignored by Zoho.
 */
export interface Record {}
/**
 * The new record's id and audit fields, and the record itself when returnRecord was set.
 */
export interface CreateRecordOutput {
  id: RecordID;
  createdTime?: CreatedTime;
  modifiedTime?: ModifiedTime;
  createdBy?: CreatedBy;
  modifiedBy?: ModifiedBy;
  record?: Record1;
  recordError?: ZohoError;
}
/**
 * The user who created the record (the connection's user).
 */
export interface CreatedBy {
  id: UserID;
  name?: Name;
  email?: Email;
}
/**
 * The user who last changed the record.
 */
export interface ModifiedBy {
  id: UserID;
  name?: Name;
  email?: Email;
}
/**
 * The new record as Zoho returns it on read: only when returnRecord was set.
 */
export interface Record1 {
  [k: string]: unknown;
}
/**
 * Only when returnRecord was set and the record was created but could not be read back: why. The record exists (see id); do not create it again.
 */
export interface ZohoError {
  code: string;
  message: string;
  details?: {};
  hint?: string;
}
/**
 * Works on any module, standard or custom. An id that names no record of the module fails with RECORD_NOT_FOUND.
 */
export interface GetRecordInput {
  module: Module1;
  id: RecordID1;
  fields?: Fields;
}
/**
 * The record.
 */
export interface GetRecordOutput {
  record: Record2;
}
/**
 * The record: id, the fields asked for (or all), lookups as {id, name}, and $-prefixed system keys.
 */
export interface Record2 {
  [k: string]: unknown;
}
/**
 * Without a limit it returns one page (up to 200 records) and a cursor for the next; with a limit it reads page after page until the limit or the end, past Zoho's 2,000-record page reach by page_token.
 */
export interface ListRecordsInput {
  module: Module2;
  fields?: Fields1;
  sortBy?: SortBy;
  sortOrder?: SortOrder;
  limit?: Limit;
  pageToken?: PageToken;
  modifiedSince?: ModifiedSince;
  cvid?: CustomViewID;
}
/**
 * The records, how many, whether more exist, and a cursor for the next page.
 */
export interface ListRecordsOutput {
  records: Records;
  count: Count;
  moreRecords: MoreRecords;
  nextPageToken?: NextPageToken;
}
/**
 * A record as Zoho returns it: id, the requested fields by API name, lookups as {id, name}, and $-prefixed system keys.
 */
export interface Record3 {
  [k: string]: unknown;
}
/**
 * Fields not given keep their values; null empties a field.
 */
export interface UpdateRecordInput {
  module: Module3;
  id: RecordID2;
  record: Changes;
  trigger?: Triggers;
}
/**
 * The fields to change, by API name, for example {"Lead_Status": "Contacted"}. Fields not given keep their values; null empties a field.
 */
export interface Changes {}
/**
 * The record's id, and when and by whom it was changed.
 */
export interface UpdateRecordOutput {
  id: RecordID3;
  modifiedTime?: ModifiedTime1;
  modifiedBy?: ModifiedBy1;
}
/**
 * The user who changed it (the connection's user).
 */
export interface ModifiedBy1 {
  id: UserID;
  name?: Name;
  email?: Email;
}
/**
 * Each record is named by its id. One bad record does not stop the others: each gets its own result, in input order.
 */
export interface UpdateRecordsInput {
  module: Module4;
  records: Records1;
  trigger?: Triggers;
}
/**
 * The record's id and the fields to change.
 */
export interface RecordChanges {
  id: RecordID4;
  [k: string]: unknown;
}
/**
 * One result per input record, in input order, and how many succeeded and failed.
 */
export interface UpdateRecordsOutput {
  results: Results;
  succeeded: Succeeded;
  failed: Failed;
}
/**
 * The outcome of one input item, in input order.
 */
export interface ResultForOneItem {
  /**
   * Position of the item in the input.
   */
  index: number;
  ok: boolean;
  id?: RecordID5;
  error?: ZohoError1;
}
/**
 * An error Zoho returned for one item: its code, message and details, with a hint in plain words when we have one.
 */
export interface ZohoError1 {
  code: string;
  message: string;
  details?: {};
  hint?: string;
}
/**
 * Deleted records are listed by Retrieve deleted records, and can be restored from the recycle bin in Zoho CRM for 60 days.
 */
export interface DeleteRecordInput {
  module: Module5;
  id: RecordID6;
  wfTrigger?: RunWorkflows;
}
/**
 * The id of the deleted record.
 */
export interface DeleteRecordOutput {
  id: RecordID7;
}
/**
 * An id that names no record fails on its own; the others are still deleted. Each id gets its own result, in input order.
 */
export interface DeleteRecordsInput {
  module: Module6;
  ids: RecordIDs;
  wfTrigger?: RunWorkflows;
}
/**
 * One result per input id, in input order, and how many were deleted and not.
 */
export interface DeleteRecordsOutput {
  results: Results;
  succeeded: Succeeded;
  failed: Failed;
}
/**
 * The copy is a new record of the same module. Unique fields (such as a lead's Email) must be changed in overrides, or Zoho refuses the copy as a duplicate.
 */
export interface CloneRecordInput {
  module: Module7;
  id: RecordID8;
  overrides?: Overrides;
  trigger?: Triggers;
}
/**
 * Fields of the copy to set differently from the original, by API name, for example {"Email": "copy@zylker.com"}. Everything else is copied.
 */
export interface Overrides {}
/**
 * The copy's id and audit fields.
 */
export interface CloneRecordOutput {
  id: RecordID9;
  createdTime?: CreatedTime1;
  modifiedTime?: ModifiedTime2;
  createdBy?: CreatedBy1;
  modifiedBy?: ModifiedBy2;
}
/**
 * The user who made the copy (the connection's user).
 */
export interface CreatedBy1 {
  id: UserID;
  name?: Name;
  email?: Email;
}
/**
 * The user who last changed the copy.
 */
export interface ModifiedBy2 {
  id: UserID;
  name?: Name;
  email?: Email;
}
/**
 * Without a limit it returns one page of up to 200 (ask for the next with page); with a limit it reads page after page.
 */
export interface ListDeletedRecordsInput {
  module: Module8;
  type?: Type;
  limit?: Limit1;
  page?: Page;
}
/**
 * The deleted records, how many, and whether more exist.
 */
export interface ListDeletedRecordsOutput {
  records: DeletedRecords;
  count: Count1;
  moreRecords: MoreRecords1;
}
/**
 * A deleted record: its id and name, where it is, and who deleted it when.
 */
export interface DeletedRecord {
  id: RecordID10;
  name: Name1;
  type: Type1;
  deletedBy: DeletedBy;
  deletedTime: DeletedTime;
  createdBy?: CreatedBy2;
}
/**
 * A Zoho user: id and name.
 */
export interface User {
  id: UserID;
  name?: Name;
  email?: Email;
}
/**
 * Converts a lead into a contact, an account (from the lead's Company) and, when you describe one, a deal. The lead then counts as converted and leaves the Leads list; its notes move to the contact. Converting is not undone and not repeated when its outcome is unknown.
 */
export interface ConvertLeadInput {
  id: RecordID11;
  account?: RecordID12;
  contact?: RecordID13;
  overwrite?: OverwriteExistingValues;
  assignTo?: RecordID14;
  deal?: CreateADeal;
  notifyLeadOwner?: NotifyTheLeadSOwner;
  notifyNewEntityOwner?: NotifyTheNewOwner;
}
/**
 * Fill this in to also create a deal, linked to the new contact and account. Deal_Name, Stage and Closing_Date are required; any other Deal field may be added by its API name.
 */
export interface CreateADeal {
  Deal_Name: DealName;
  Stage: Stage;
  Closing_Date: ClosingDate;
  Pipeline?: Pipeline;
  Amount?: Amount;
}
/**
 * The records the lead became, or Zoho's job id when Zoho scheduled the conversion.
 */
export interface ConvertLeadOutput {
  status: Status;
  contactId?: RecordID15;
  accountId?: RecordID16;
  dealId?: RecordID17;
  jobId?: JobID;
}
/**
 * Finds the records of a module that match criteria, an email address, a phone number or a word. Give exactly one of criteria, email, phone and word. Without a limit you get one page (up to 200 records) and the number of the next page; with a limit, pages are read until the limit. Zoho's search reaches at most 2,000 records per search: for more, narrow the criteria or use execute-coql.
 */
export interface SearchRecordsInput {
  module: Module9;
  criteria?: Criteria;
  email?: Email1;
  phone?: Phone;
  word?: Word;
  fields?: Fields2;
  limit?: Limit2;
  page?: Page1;
  perPage?: RecordsPerPage;
  sortBy?: SortBy1;
  sortOrder?: SortOrder1;
  converted?: ConvertedLeads;
}
/**
 * One condition {field, operator, value}, or a group {"and": [...]} (all must match) or {"or": [...]} (any may match) of conditions and groups.
 */
export interface ConditionOrGroup {
  field?: Field;
  operator?: Operator;
  value?: Value;
  and?: AllOf;
  or?: AnyOf;
}
/**
 * The matching records, with whether more match.
 */
export interface SearchRecordsOutput {
  records: Records2;
  count: Count2;
  moreRecords: MoreRecords2;
  nextPage?: NextPage;
  limitReached?: SearchCapReached;
  hint?: Hint;
}
/**
 * Runs a COQL query, Zoho's SQL-like SELECT, for example select Last_Name, Email from Leads where Lead_Source = 'Web'. Without a limit you get one call's rows (the query's own LIMIT, or Zoho's default of 200) and the offset to continue from; with a limit, calls of up to 2,000 rows are made with OFFSET until the limit, up to the 100,000 rows COQL reaches.
 */
export interface ExecuteCoqlInput {
  query: Query;
  limit?: Limit3;
  offset?: Offset;
}
/**
 * The rows the query returned, with whether more match.
 */
export interface ExecuteCoqlOutput {
  records: Records3;
  count: Count2;
  moreRecords: MoreRecords2;
  nextOffset?: NextOffset;
  truncated?: ReachExceeded;
  hint?: Hint1;
}
/**
 * Reads one note by its id.
 */
export interface GetNoteInput {
  id: RecordID18;
  fields?: Fields3;
}
/**
 * The note.
 */
export interface GetNoteOutput {
  note: Note;
}
/**
 * A note as Zoho returns it: its id, title, content, the record it belongs to (Parent_Id, with the module) and the audit fields.
 */
export interface Note {
  id: RecordID5;
  Note_Title?: Title;
  Note_Content?: Content;
  Parent_Id?: ParentRecord;
}
/**
 * Lists notes: all the notes of the org, or with a parent module and id the notes of one record. Without a limit you get one page and a cursor for the next; with a limit, pages are read until the limit.
 */
export interface ListNotesInput {
  parentModule?: ParentModule;
  parentId?: RecordID19;
  fields?: Fields4;
  limit?: Limit4;
  pageToken?: PageToken1;
  page?: Page2;
  perPage?: RecordsPerPage1;
  sortBy?: SortBy2;
  sortOrder?: SortOrder2;
}
/**
 * The notes, with whether more exist and the cursor to continue.
 */
export interface ListNotesOutput {
  notes: Notes;
  count: Count2;
  moreRecords: MoreRecords2;
  nextPageToken?: NextPageToken1;
  nextPage?: NextPage1;
}
/**
 * Deletes one note.
 */
export interface DeleteNoteInput {
  id: RecordID20;
}
/**
 * The id of the deleted note.
 */
export interface DeleteNoteOutput {
  id: RecordID21;
}
/**
 * Deletes any number of notes, 100 per Zoho call, and reports one result per id in input order. Notes that could not be deleted are listed as failures; the others are deleted all the same.
 */
export interface DeleteNotesInput {
  ids: NoteIDs;
}
/**
 * One result per input id, in input order, and the totals.
 */
export interface DeleteNotesOutput {
  results: Results1;
  succeeded: Deleted;
  failed: Failed1;
}
/**
 * Makes a GET, POST, PUT or DELETE request to any path of the Zoho CRM API (under /crm) with the connection's credentials, for what the other actions do not cover. If the full URL is https://www.zohoapis.com/crm/v8/Leads, the relative URL is /v8/Leads. Only paths under /crm of the connection's own API domain are allowed. Zoho's error answers (4xx, 5xx) are returned as output with their status code and body, unless failOnError is set.
 */
export interface CustomApiRequestInput {
  method: Method;
  relativeUrl: RelativeURL;
  query?: Query1;
  headers?: Headers;
  body?: Body;
  failOnError?: FailOnErrorStatus;
}
/**
 * Query parameters for the request, each value URL-encoded for you. A list is sent comma-separated.
 */
export interface Query1 {
  [k: string]: string | number | boolean | (string | number | boolean)[];
}
/**
 * Extra request headers, for example {"If-Modified-Since": "2025-01-31T10:00:00+00:00"}. Authorization, Host, Cookie, Content-Length and connection headers are set by the connector and refused here.
 */
export interface Headers {
  [k: string]: string;
}
/**
 * Zoho's answer: status code, headers and body.
 */
export interface CustomApiRequestOutput {
  statusCode: StatusCode;
  headers: Headers1;
  body: Body1;
}
/**
 * The answer's headers, names in lower case.
 */
export interface Headers1 {
  [k: string]: string;
}
