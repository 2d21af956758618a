/**
 * Loads every JSON Schema of a folder once, lets them reach each other by relative `$ref`, and hands out
 * validators compiled once per process. Validation errors come back as `{ path, message }` a person can act on.
 *
 * Compiling the schemas with ajv costs hundreds of milliseconds, too much for every CLI start. The build
 * therefore writes precompiled validators (ajv standalone code) beside the manifest, in
 * `precompiled-validators/` (scripts/precompile-validators.js). They are used only when fresh: generated with
 * today's ajv options from schema files with exactly today's contents. Otherwise (source tree, tests, a
 * schema edited after the build) the schemas are compiled as before, with the same checks and messages.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ManifestError, type ValidationIssue } from './errors';
import { ANNOTATION_KEYWORDS } from './schema-keywords';

export interface SchemaRegistry {
  /** Folder the schemas were loaded from. */
  readonly dir: string;
  /** True when validators come from the build's precompiled code rather than being compiled in this process. */
  readonly precompiled: boolean;
  /** The schema loaded from `file` (a path relative to the folder's parent, e.g. schemas/actions/x.json). */
  schema(file: string): Record<string, unknown>;
  /** The schema of `file` with every `$ref` replaced by what it points at (for describing and forms). */
  dereferenced(file: string): Record<string, unknown>;
  /** The compiled validator of `file`; compiled (or its precompiled code loaded) on first use, then cached. */
  validator(file: string): ValidateFunction;
  /**
   * Throws a ManifestError unless `file` exists and compiles. Precompiled validators were compiled by the
   * build, so this only looks them up; otherwise the schema is compiled now.
   */
  check(file: string): void;
  /** Validates `data` in place (filling defaults) and returns the issues, empty when valid. */
  validate(file: string, data: unknown): ValidationIssue[];
}

/** Folder beside a manifest (and beside the runtime's own schemas) holding the build's precompiled validators. */
export const PRECOMPILED_DIR = 'precompiled-validators';
export const PRECOMPILED_INDEX = 'index.json';
const PRECOMPILED_FORMAT = 1;

/** What scripts/precompile-validators.js writes to `precompiled-validators/index.json`. */
export interface PrecompiledIndex {
  format: number;
  /** The ajv options and annotation keywords the code was generated with (see toolchainId). */
  toolchain: string;
  /**
   * The text of every schema file the code was generated from, by name relative to the manifest's folder.
   * Compared as strings at load: cheaper than hashing, which would load node:crypto on every CLI start.
   */
  sources: Record<string, string>;
  /** Per schema file: its module (relative to the folder) and every schema file it reaches by `$ref`, itself included. */
  validators: Record<string, { module: string; uses: string[] }>;
  /**
   * Manifests of this folder that passed every load-time check at build time, by file name: their text, the
   * text of the manifest schema they were checked against, and the manifest as the check left it (defaults
   * filled in).
   */
  manifests?: Record<string, { text: string; manifestSchema: string; checked: unknown }>;
}

/** The options every validator is compiled with (strict: unknown keywords and sloppy schemas fail). */
const AJV_OPTIONS = { strict: true, allErrors: true, verbose: true, discriminator: true, useDefaults: true, coerceTypes: false, allowUnionTypes: true } as const;

export function listJsonFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJsonFiles(full));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

/**
 * @param options.source keep each validator's source code (what ajv standalone code generation needs)
 */
export function createAjv(options: { source?: boolean } = {}): Ajv {
  // Required here, not at the top: a process with fresh precompiled validators never loads ajv's compiler.
  const AjvClass = (require('ajv') as typeof import('ajv')).default;
  const addFormats = (require('ajv-formats') as typeof import('ajv-formats')).default;
  const ajv = new AjvClass({ ...AJV_OPTIONS, ...(options.source ? { code: { source: true } } : {}) });
  addFormats(ajv);
  for (const { keyword, metaSchema } of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, metaSchema });
  return ajv;
}

let toolchain: string | undefined;
/** Precompiled code is only as good as the options it was generated with: a change of options makes it stale. */
export function toolchainId(): string {
  toolchain ??= JSON.stringify({ options: AJV_OPTIONS, keywords: ANNOTATION_KEYWORDS.map(({ keyword, metaSchema }) => ({ keyword, metaSchema })) });
  return toolchain;
}

const indexes = new Map<string, { stamp: string; index: PrecompiledIndex | undefined }>();
/**
 * The index of a precompiled folder, when there is one of this format and toolchain. Read once per process,
 * and again only when the file changed (a build in the same process).
 */
export function readPrecompiled(folder: string): PrecompiledIndex | undefined {
  const file = join(folder, PRECOMPILED_INDEX);
  const stat = statSync(file, { throwIfNoEntry: false });
  const stamp = stat ? `${stat.mtimeMs}:${stat.size}` : '';
  const cached = indexes.get(folder);
  if (cached && cached.stamp === stamp) return cached.index;
  let index: PrecompiledIndex | undefined;
  if (stat) {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as PrecompiledIndex;
      if (parsed.format === PRECOMPILED_FORMAT && parsed.toolchain === toolchainId()) index = parsed;
    } catch {
      // An unreadable index is treated as absent: the schemas are compiled instead.
    }
  }
  indexes.set(folder, { stamp, index });
  return index;
}

function loadPrecompiled(folder: string, module: string): ValidateFunction {
  const loaded = require(join(folder, module)) as ValidateFunction | { default: ValidateFunction };
  return typeof loaded === 'function' ? loaded : loaded.default;
}

/**
 * One precompiled validator, when the build made one for `file` and every schema file it uses still has the
 * contents it was generated from. `readText` reads a schema file by its name relative to the folder's parent.
 */
export function precompiledValidator(folder: string, file: string, readText: (file: string) => string): ValidateFunction | undefined {
  const index = readPrecompiled(folder);
  const entry = index?.validators[file];
  if (!index || !entry) return undefined;
  for (const used of entry.uses) {
    let text: string;
    try {
      text = readText(used);
    } catch {
      return undefined;
    }
    if (index.sources[used] !== text) return undefined;
  }
  return loadPrecompiled(folder, entry.module);
}

/** True when the index was generated from exactly these files with exactly these contents. */
function freshFor(index: PrecompiledIndex | undefined, texts: { file: string; text: string }[]): index is PrecompiledIndex {
  if (!index || Object.keys(index.sources).length !== texts.length) return false;
  return texts.every(({ file, text }) => index.sources[file] === text && index.validators[file] !== undefined);
}

/**
 * @param dir the schemas folder
 * @param base the folder file names are relative to (the manifest's folder); precompiled validators are looked
 *   for in `<base>/precompiled-validators/`
 */
export function loadSchemaRegistry(dir: string, base: string): SchemaRegistry {
  const texts = listJsonFiles(dir).map((full) => ({ file: relative(base, full).split('\\').join('/'), text: readFileSync(full, 'utf8') }));
  const folder = join(base, PRECOMPILED_DIR);
  const index = readPrecompiled(folder);
  const precompiled = freshFor(index, texts);

  const parse = (file: string, text: string) => {
    let schema: Record<string, unknown>;
    try {
      schema = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new ManifestError(file, '', `is not valid JSON (${(err as Error).message})`, 'Fix the JSON syntax of this schema file.');
    }
    const id = typeof schema.$id === 'string' ? schema.$id : undefined;
    if (!id) throw new ManifestError(file, '/$id', 'has no $id', 'Give the schema an $id ending in its file name, so relative $refs resolve the same way in every tool.');
    return { id, schema };
  };

  // Fresh precompiled code was made from these very texts, which the build parsed and checked: they are parsed
  // only when a schema is asked for. Otherwise every schema is parsed and added to ajv now, so a bad one fails
  // at load as it always has.
  const ajv = precompiled ? undefined : createAjv();
  const byFile = new Map<string, { id: string; schema: Record<string, unknown> } | string>();
  for (const { file, text } of texts) {
    if (precompiled) {
      byFile.set(file, text);
      continue;
    }
    const parsed = parse(file, text);
    try {
      ajv!.addSchema(parsed.schema, parsed.id);
    } catch (err) {
      throw new ManifestError(file, '', `cannot be loaded: ${(err as Error).message}`, 'Fix the schema (duplicate $id or invalid keyword).');
    }
    byFile.set(file, parsed);
  }

  const entry = (file: string): { id: string; schema: Record<string, unknown> } => {
    let found = byFile.get(file);
    if (!found) throw new ManifestError(file, '', 'schema file not found', `Create ${file}, or point the manifest at an existing file under ${relative(base, dir) || '.'}/.`);
    if (typeof found === 'string') {
      found = parse(file, found);
      byFile.set(file, found);
    }
    return found;
  };

  const loaded = new Map<string, ValidateFunction>();
  const validator = (file: string): ValidateFunction => {
    if (precompiled) {
      let fn = loaded.get(file);
      if (!fn) {
        if (!byFile.has(file)) entry(file);
        fn = loadPrecompiled(folder, index.validators[file]!.module);
        loaded.set(file, fn);
      }
      return fn;
    }
    const { id } = entry(file);
    try {
      const fn = ajv!.getSchema(id);
      if (!fn) throw new Error('not compiled');
      return fn;
    } catch (err) {
      throw new ManifestError(file, '', `does not compile: ${(err as Error).message}`, 'Fix the $ref or keyword it names (refs are relative to the schema file).');
    }
  };

  let byIdCache: Map<string, Record<string, unknown>> | undefined;
  const byId = () => (byIdCache ??= new Map([...byFile.keys()].map((file) => [entry(file).id, entry(file).schema] as const)));
  const dereferenced = new Map<string, Record<string, unknown>>();

  return {
    dir,
    precompiled,
    schema: (file) => entry(file).schema,
    dereferenced(file) {
      let done = dereferenced.get(file);
      if (!done) {
        const { id, schema } = entry(file);
        done = inlineRefs(schema, id, byId(), file, []) as Record<string, unknown>;
        dereferenced.set(file, done);
      }
      return done;
    },
    validator,
    check(file) {
      if (!precompiled) validator(file);
      else if (!byFile.has(file)) entry(file);
    },
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
