/**
 * Loads every JSON Schema of a folder once, lets them reach each other by relative `$ref`, and hands out
 * validators compiled once per process. Validation errors come back as `{ path, message }` a person can act on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ManifestError, type ValidationIssue } from './errors';
import { ANNOTATION_KEYWORDS } from './schema-keywords';

export interface SchemaRegistry {
  /** Folder the schemas were loaded from. */
  readonly dir: string;
  /** The schema loaded from `file` (a path relative to the folder's parent, e.g. schemas/actions/x.json). */
  schema(file: string): Record<string, unknown>;
  /** The schema of `file` with every `$ref` replaced by what it points at (for describing and forms). */
  dereferenced(file: string): Record<string, unknown>;
  /** The compiled validator of `file`; compiled on first use, then cached. */
  validator(file: string): ValidateFunction;
  /** Validates `data` in place (filling defaults) and returns the issues, empty when valid. */
  validate(file: string, data: unknown): ValidationIssue[];
}

function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJsonFiles(full));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

export function createAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, verbose: true, discriminator: true, useDefaults: true, coerceTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  for (const { keyword, metaSchema } of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, metaSchema });
  return ajv;
}

/**
 * @param dir the schemas folder
 * @param base the folder file names are relative to (the manifest's folder)
 */
export function loadSchemaRegistry(dir: string, base: string): SchemaRegistry {
  const ajv = createAjv();
  const byFile = new Map<string, { id: string; schema: Record<string, unknown> }>();
  for (const full of listJsonFiles(dir)) {
    const file = relative(base, full).split('\\').join('/');
    let schema: Record<string, unknown>;
    try {
      schema = JSON.parse(readFileSync(full, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ManifestError(file, '', `is not valid JSON (${(err as Error).message})`, 'Fix the JSON syntax of this schema file.');
    }
    const id = typeof schema.$id === 'string' ? schema.$id : undefined;
    if (!id) throw new ManifestError(file, '/$id', 'has no $id', 'Give the schema an $id ending in its file name, so relative $refs resolve the same way in every tool.');
    try {
      ajv.addSchema(schema, id);
    } catch (err) {
      throw new ManifestError(file, '', `cannot be loaded: ${(err as Error).message}`, 'Fix the schema (duplicate $id or invalid keyword).');
    }
    byFile.set(file, { id, schema });
  }

  const entry = (file: string) => {
    const found = byFile.get(file);
    if (!found) throw new ManifestError(file, '', 'schema file not found', `Create ${file}, or point the manifest at an existing file under ${relative(base, dir) || '.'}/.`);
    return found;
  };

  const validator = (file: string): ValidateFunction => {
    const { id } = entry(file);
    try {
      const fn = ajv.getSchema(id);
      if (!fn) throw new Error('not compiled');
      return fn;
    } catch (err) {
      throw new ManifestError(file, '', `does not compile: ${(err as Error).message}`, 'Fix the $ref or keyword it names (refs are relative to the schema file).');
    }
  };

  const byId = new Map([...byFile.values()].map((v) => [v.id, v.schema] as const));
  const dereferenced = new Map<string, Record<string, unknown>>();

  return {
    dir,
    schema: (file) => entry(file).schema,
    dereferenced(file) {
      let done = dereferenced.get(file);
      if (!done) {
        const { id, schema } = entry(file);
        done = inlineRefs(schema, id, byId, file, []) as Record<string, unknown>;
        dereferenced.set(file, done);
      }
      return done;
    },
    validator,
    validate(file, data) {
      const fn = validator(file);
      return fn(data) ? [] : toIssues(fn.errors ?? []);
    },
  };
}

/** Follows a JSON pointer such as `#/definitions/moduleName`. */
function follow(root: unknown, fragment: string): unknown {
  let node = root;
  for (const raw of fragment.replace(/^\//, '').split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function inlineRefs(node: unknown, baseId: string, byId: Map<string, Record<string, unknown>>, file: string, trail: string[]): unknown {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, baseId, byId, file, trail));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  if (typeof obj.$ref === 'string') {
    const target = new URL(obj.$ref, baseId);
    const docId = `${target.origin}${target.pathname}`;
    const doc = byId.get(docId);
    const found = doc === undefined ? undefined : follow(doc, target.hash.slice(1));
    if (found === undefined) throw new ManifestError(file, '', `has a $ref that points at nothing: ${obj.$ref}`, 'Fix the $ref (it is relative to the schema file).');
    if (trail.includes(target.href)) return { description: `(recursive: ${obj.$ref})` };
    const { $ref: _ref, ...siblings } = obj;
    const resolved = inlineRefs(found, docId, byId, file, [...trail, target.href]) as Record<string, unknown>;
    return { ...resolved, ...(inlineRefs(siblings, baseId, byId, file, trail) as Record<string, unknown>) };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) out[key] = inlineRefs(value, baseId, byId, file, trail);
  return out;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/** Turns ajv's errors into one issue per problem, each naming the exact path and what would be accepted. */
export function toIssues(errors: ErrorObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let path = e.instancePath;
    let message: string;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        path = `${path}/${String(p.missingProperty)}`;
        message = 'is required';
        break;
      case 'additionalProperties': {
        path = `${path}/${String(p.additionalProperty)}`;
        const allowed = e.parentSchema && typeof e.parentSchema === 'object' ? Object.keys((e.parentSchema as { properties?: object }).properties ?? {}) : [];
        message = `is not a known property${allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`;
        break;
      }
      case 'type':
        message = `must be ${String(p.type).replace(/,/g, ' or ')} (got ${describeValue(e.data)})`;
        break;
      case 'enum':
        message = `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(e.data)})`;
        break;
      case 'const':
        message = `must be ${JSON.stringify(p.allowedValue)}`;
        break;
      case 'pattern': {
        const title = (e.parentSchema as { title?: string; description?: string } | undefined)?.description;
        message = `has an invalid format (got ${describeValue(e.data)}; must match ${String(p.pattern)})${title ? `: ${title}` : ''}`;
        break;
      }
      case 'oneOf':
      case 'anyOf':
        message = `does not match any allowed form${e.message ? ` (${e.message})` : ''}`;
        break;
      case 'if':
        continue; // the failing `then`/`else` branch reports the useful error itself
      default:
        message = e.message ?? `fails ${e.keyword}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, message });
  }
  return issues;
}
