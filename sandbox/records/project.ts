/** Shapes a stored record for an answer: all of it, or `id` plus the fields the caller asked for. */
import type { RecordData } from '../store/module-store';

/** Keys that travel with a field so its value can be read (a multi-module lookup needs its module). */
const COMPANIONS: Readonly<Record<string, string>> = { What_Id: '$se_module', Parent_Id: '$se_module' };

/**
 * With `fields`, Zoho answers `id` and the named fields; names the module does not have are left out. The
 * stored object is returned as is when no projection is needed (answers are serialized before any later write).
 */
export function project(data: RecordData, fields: readonly string[] | null): Record<string, unknown> {
  if (fields === null) return data;
  const out: Record<string, unknown> = { id: data.id };
  for (const f of fields) {
    if (f in data) out[f] = data[f];
    const companion = COMPANIONS[f];
    if (companion && companion in data) out[companion] = data[companion];
  }
  return out;
}
