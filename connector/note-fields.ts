/**
 * The note fields read when a caller names none. Zoho's v8 GET /Notes requires `fields`, and notes have a
 * fixed set of standard fields (no custom ones), so a constant serves instead of a metadata call.
 */
export const DEFAULT_NOTE_FIELDS: readonly string[] = ['Note_Title', 'Note_Content', 'Parent_Id', 'Owner', 'Created_Time', 'Modified_Time', 'Created_By', 'Modified_By'];

export function noteFieldsParam(fields: readonly string[] | undefined): string {
  return (fields && fields.length > 0 ? fields : DEFAULT_NOTE_FIELDS).join(',');
}
