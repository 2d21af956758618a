/**
 * The fields a list asks for when the user names none: Zoho v8 requires `fields` on record lists (at most
 * 50), so the module's own fields are read from its metadata (cached per connection) and the first 50 taken.
 */
import type { Metadata } from './metadata';

export const MAX_LIST_FIELDS = 50;

export async function defaultListFields(metadata: Metadata, module: string): Promise<string[]> {
  const names: string[] = [];
  for (const field of await metadata.fields(module)) {
    if (typeof field.api_name !== 'string' || field.api_name === '' || names.includes(field.api_name)) continue;
    names.push(field.api_name);
    if (names.length === MAX_LIST_FIELDS) break;
  }
  // A module without field metadata still lists: `id` is always there.
  return names.length > 0 ? names : ['id'];
}
