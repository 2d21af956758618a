/**
 * JSON pointers as form fields use them: a field's `path` says where its value goes in the input, and the item
 * form of an array uses `-` for the index (`/records/-/id`, as JSON Patch writes "an element of this array").
 */
import type { FormField } from './types';

/** The segment that stands for "any index" in the path of an array's item form. */
export const ITEM_SEGMENT = '-';

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The pointer of property `name` under `parent` (`''` is the input itself). */
export function childPath(parent: string, name: string): string {
  return `${parent}/${escapeSegment(name)}`;
}

/** The pointer of the item form of the array at `arrayPath`. */
export function itemPath(arrayPath: string): string {
  return `${arrayPath}/${ITEM_SEGMENT}`;
}

/** The unescaped segments of a pointer (`''` has none). */
export function pathSegments(path: string): string[] {
  return path === '' ? [] : path.replace(/^\//, '').split('/').map(unescapeSegment);
}

export function joinSegments(segments: readonly string[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** The value at `path` in `values`, or undefined when any step is missing. */
export function valueAt(values: unknown, path: string): unknown {
  let node = values;
  for (const segment of pathSegments(path)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Sets the value at `path`, creating the objects (or arrays, before a numeric segment) on the way, so a
 * renderer can assemble the input from its fields' paths alone. `undefined` removes the property.
 */
export function setValueAt(values: Record<string, unknown>, path: string, value: unknown): void {
  const segments = pathSegments(path);
  if (segments.length === 0) throw new Error('setValueAt needs a path below the input itself');
  let node: Record<string, unknown> = values;
  segments.slice(0, -1).forEach((segment, i) => {
    let next = node[segment];
    if (next === null || typeof next !== 'object') {
      next = /^\d+$/.test(segments[i + 1]!) ? [] : {};
      node[segment] = next;
    }
    node = next as Record<string, unknown>;
  });
  const last = segments[segments.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Rewrites the paths of `field` and its sub-fields that start with `from` to start with `to` instead. */
function rebase(field: FormField, from: string, to: string): FormField {
  const move = (p: string) => (p === from || p.startsWith(`${from}/`) ? `${to}${p.slice(from.length)}` : p);
  const out: FormField = { ...field, path: move(field.path) };
  if (field.fields) out.fields = field.fields.map((f) => rebase(f, from, to));
  if (field.items) out.items = rebase(field.items, from, to);
  return out;
}

/**
 * The form of item `index` of an array field: its item form with `-` replaced by the index in every path,
 * e.g. `/records/-/id` becomes `/records/2/id`.
 */
export function instantiateItem(arrayField: FormField, index: number): FormField {
  if (!arrayField.items) throw new Error(`field ${arrayField.path} has no item form`);
  return rebase(arrayField.items, itemPath(arrayField.path), `${arrayField.path}/${index}`);
}

/** Whether the template path (which may hold `-` segments) covers the first segments of `segments`. */
function matchesPrefix(template: string[], segments: string[]): boolean {
  if (template.length > segments.length) return false;
  return template.every((t, i) => t === segments[i] || (t === ITEM_SEGMENT && /^\d+$/.test(segments[i]!)));
}

function collectPaths(fields: readonly FormField[], out: string[][]): string[][] {
  for (const f of fields) {
    out.push(pathSegments(f.path));
    if (f.fields) collectPaths(f.fields, out);
    if (f.items) collectPaths([f.items], out);
  }
  return out;
}

/**
 * The field a value path belongs to: the deepest field whose path (items matching any index) is a prefix of
 * it, given as the concrete path (`/records/3/id`), or `''` when the path lies outside every field.
 */
export function closestFieldPath(fields: readonly FormField[], path: string): string {
  const segments = pathSegments(path);
  let best = 0;
  for (const template of collectPaths(fields, [])) {
    if (template.length > best && matchesPrefix(template, segments)) best = template.length;
  }
  return joinSegments(segments.slice(0, best));
}
