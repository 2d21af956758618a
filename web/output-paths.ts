/**
 * The paths into an action's output that a later flow step can map from (`steps.<id>.output.<path>`), read off
 * its output JSON Schema: object properties, and the first item of arrays, a few levels deep.
 */

export interface OutputPath {
  /** As written after `output.` in a template, e.g. `id` or `records[0].id`. */
  path: string;
  title?: string;
  type?: string;
}

type Schema = Record<string, unknown>;

const MAX_DEPTH = 3;

function typeOf(schema: Schema): string | undefined {
  const t = schema.type;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.filter((x) => x !== 'null').join('|') || undefined;
  return undefined;
}

function walk(schema: Schema, prefix: string, depth: number, out: OutputPath[]): void {
  if (depth > MAX_DEPTH) return;
  const properties = schema.properties;
  if (properties && typeof properties === 'object') {
    for (const [name, child] of Object.entries(properties as Record<string, Schema>)) {
      const path = prefix ? `${prefix}.${name}` : name;
      const type = typeOf(child);
      out.push({ path, ...(typeof child.title === 'string' ? { title: child.title } : {}), ...(type ? { type } : {}) });
      walk(child, path, depth + 1, out);
    }
  }
  const items = schema.items;
  if (items && typeof items === 'object' && !Array.isArray(items)) {
    const path = `${prefix}[0]`;
    const type = typeOf(items as Schema);
    if (prefix) out.push({ path, ...(type ? { type } : {}) });
    walk(items as Schema, path, depth + 1, out);
  }
}

/** `schema` is the dereferenced output schema (Host.schema(id, 'output')). */
export function outputPaths(schema: Schema): OutputPath[] {
  const out: OutputPath[] = [];
  walk(schema, '', 0, out);
  return out;
}
