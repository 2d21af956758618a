/**
 * Reads a connector's manifest and checks everything a run will rely on, so a broken connector fails at load
 * with the file, the JSON path and the fix, not halfway through a run: the JSON itself, its shape (against
 * schemas/manifest.schema.json), unique action ids, schema files that exist and compile, and handler and
 * client-factory modules that resolve. With the build's fresh precompiled validators the schemas were compiled
 * (and these checks run) by the build, so loading only looks them up and compiles nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Manifest } from '../types/manifest';
import { ManifestError } from './errors';
import { parseJson } from './json-text';
import { PRECOMPILED_DIR, createAjv, loadSchemaRegistry, precompiledValidator, readPrecompiled, toIssues, type SchemaRegistry } from './schema-registry';

export interface LoadedManifest {
  manifest: Manifest;
  /** Absolute path of the manifest file. */
  file: string;
  /** Folder that handler, factory and schema paths are relative to. */
  root: string;
  registry: SchemaRegistry;
}

/** The manifest schema ships with the runtime, so any connector's manifest is checked against the same rules. */
const RUNTIME_ROOT = join(__dirname, '..');
const MANIFEST_SCHEMA = 'schemas/manifest.schema.json';
export const MANIFEST_SCHEMA_FILE = join(RUNTIME_ROOT, MANIFEST_SCHEMA);

let manifestValidator: ReturnType<ReturnType<typeof createAjv>['compile']> | undefined;
function validateManifestShape(data: unknown) {
  if (!manifestValidator) {
    // The build's precompiled validator when it is fresh (no ajv compile at start-up), else compiled here.
    manifestValidator =
      precompiledValidator(join(RUNTIME_ROOT, PRECOMPILED_DIR), MANIFEST_SCHEMA, (file) => readFileSync(join(RUNTIME_ROOT, file), 'utf8')) ??
      createAjv().compile(JSON.parse(readFileSync(MANIFEST_SCHEMA_FILE, 'utf8')) as object);
  }
  return manifestValidator(data) ? [] : toIssues(manifestValidator.errors ?? []);
}

/**
 * The manifest as the build's checks left it (defaults filled in), when the build checked this very text
 * against today's manifest schema: checking it again would give the same result, at the cost of loading and
 * running the manifest validator on every start.
 */
function checkedAtBuild(root: string, name: string, text: string): unknown {
  const entry = readPrecompiled(join(root, PRECOMPILED_DIR))?.manifests?.[name];
  if (!entry || entry.text !== text) return undefined;
  try {
    if (entry.manifestSchema !== readFileSync(MANIFEST_SCHEMA_FILE, 'utf8')) return undefined;
  } catch {
    return undefined;
  }
  return structuredClone(entry.checked);
}

/** Resolves a module path the way require() will at run time (.ts under jest/tsx, .js when compiled). */
export function resolveModule(root: string, modulePath: string): string | undefined {
  try {
    return require.resolve(join(root, modulePath));
  } catch {
    return undefined;
  }
}

export function loadManifest(manifestPath: string): LoadedManifest {
  const file = resolve(manifestPath);
  const shown = relative(process.cwd(), file) || file;
  if (!existsSync(file)) {
    throw new ManifestError(shown, '', 'file not found', 'Pass the path of a manifest.json with --manifest (or ZCRM_MANIFEST).');
  }
  const text = readFileSync(file, 'utf8');
  const root = dirname(file);
  let data = checkedAtBuild(root, basename(file), text);
  if (data === undefined) {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      const { line, column, message } = parsed.problem;
      throw new ManifestError(shown, `line ${line}, column ${column}`, `is not valid JSON: ${message}`, 'Fix the JSON syntax at that position.');
    }
    data = parsed.value;
    const shapeIssues = validateManifestShape(data);
    if (shapeIssues.length > 0) {
      const first = shapeIssues[0]!;
      const more = shapeIssues.length > 1 ? ` (and ${shapeIssues.length - 1} more problem${shapeIssues.length > 2 ? 's' : ''})` : '';
      throw new ManifestError(shown, first.path || '/', `${first.message}${more}`, 'Make the manifest match schemas/manifest.schema.json; every problem is listed in details.issues.', shapeIssues);
    }
  }
  const manifest = data as Manifest;

  const firstIndex = new Map<string, number>();
  manifest.actions.forEach((action, i) => {
    const earlier = firstIndex.get(action.id);
    if (earlier !== undefined) {
      throw new ManifestError(shown, `/actions/${i}/id`, `duplicate action id "${action.id}" (also at /actions/${earlier}/id)`, 'Give every action a unique id.');
    }
    firstIndex.set(action.id, i);
  });

  const schemasDir = join(root, 'schemas');
  if (!existsSync(schemasDir)) {
    throw new ManifestError(shown, '', `has no schemas/ folder beside it (${schemasDir})`, 'Put the action schemas in a schemas/ folder next to the manifest.');
  }
  const registry = loadSchemaRegistry(schemasDir, root);

  for (const key of ['clientFactory', 'optionsProvider'] as const) {
    const modulePath = manifest.connection[key];
    if (modulePath !== undefined && !resolveModule(root, modulePath)) {
      throw new ManifestError(shown, `/connection/${key}`, `module "${modulePath}" not found`, `Create ${modulePath}.ts (or .js) next to the manifest, or fix the path.`);
    }
  }

  manifest.actions.forEach((action, i) => {
    for (const which of ['input', 'output'] as const) {
      try {
        registry.check(action[which]);
      } catch (err) {
        if (err instanceof ManifestError) {
          throw new ManifestError(shown, `/actions/${i}/${which}`, err.message, err.hint ?? 'Fix the schema reference.');
        }
        throw err;
      }
    }
    if (!resolveModule(root, action.handler)) {
      throw new ManifestError(shown, `/actions/${i}/handler`, `handler module "${action.handler}" not found`, `Create ${action.handler}.ts (or .js) next to the manifest, or fix the path.`);
    }
  });

  return { manifest, file, root, registry };
}
