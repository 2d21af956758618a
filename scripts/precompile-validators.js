#!/usr/bin/env node
// Build step after tsc: runs the manifest loader's load-time checks on the built connector (a broken manifest or
// schema fails the build), then writes every schema's validator as ajv standalone code (CommonJS) to
// dist/precompiled-validators/, with an index holding the schema texts it was made from and the checked
// manifest. The runtime uses them only while they are fresh (runtime/schema-registry.ts); ajv and ajv-formats
// stay runtime dependencies because the generated code requires their small runtime helpers.
'use strict';
const { mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');

/** Every schema file `file` reaches through `$ref`, itself included (what its precompiled code depends on). */
function usesOf(file, byFile, fileById) {
  const seen = new Set();
  const visit = (current) => {
    if (seen.has(current)) return;
    seen.add(current);
    const { id, schema } = byFile.get(current);
    const walk = (node) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node !== 'object') return;
      if (typeof node.$ref === 'string') {
        const target = new URL(node.$ref, id);
        const other = fileById.get(`${target.origin}${target.pathname}`);
        if (other) visit(other);
      }
      for (const value of Object.values(node)) walk(value);
    };
    walk(schema);
  };
  visit(file);
  return [...seen].sort();
}

/** The built runtime inside `root` (dist/): the same code that will read what this script writes. */
function builtRuntime(root) {
  return { registry: require(join(root, 'runtime', 'schema-registry.js')), loader: require(join(root, 'runtime', 'manifest-loader.js')) };
}

/**
 * @param {string} root folder of a connector: manifest.json and schemas/ (for the package: dist/)
 * @param {{ registry: object, loader: object }} runtime the runtime modules (default: the ones built into root)
 * @returns {{ count: number, bytes: number, folder: string }}
 */
function precompileValidators(root, runtime = builtRuntime(root)) {
  const { registry, loader } = runtime;
  const folder = join(root, registry.PRECOMPILED_DIR);
  const manifestFile = join(root, 'manifest.json');
  // Without a precompiled folder the loader compiles every schema: this is the load-time check, run once here.
  rmSync(folder, { recursive: true, force: true });
  const manifestText = readFileSync(manifestFile, 'utf8');
  const { manifest } = loader.loadManifest(manifestFile);

  const standaloneCode = require('ajv/dist/standalone').default;
  const ajv = registry.createAjv({ source: true });
  const byFile = new Map();
  const fileById = new Map();
  const sources = {};
  for (const full of registry.listJsonFiles(join(root, 'schemas'))) {
    const file = relative(root, full).split('\\').join('/');
    const text = readFileSync(full, 'utf8');
    const schema = JSON.parse(text);
    ajv.addSchema(schema, schema.$id);
    byFile.set(file, { id: schema.$id, schema });
    fileById.set(schema.$id, file);
    sources[file] = text;
  }

  const validators = {};
  let bytes = 0;
  for (const [file, { id }] of byFile) {
    const module = file.replace(/\.json$/, '.cjs');
    const code = standaloneCode(ajv, ajv.getSchema(id));
    mkdirSync(dirname(join(folder, module)), { recursive: true });
    writeFileSync(join(folder, module), `${code}\n`);
    bytes += code.length;
    validators[file] = { module, uses: usesOf(file, byFile, fileById) };
  }
  // The manifest as checked (defaults filled in), reused at load while its text and the manifest schema are unchanged.
  const manifestSchema = readFileSync(loader.MANIFEST_SCHEMA_FILE, 'utf8');
  const manifests = { 'manifest.json': { text: manifestText, manifestSchema, checked: manifest } };
  const index = { format: 1, toolchain: registry.toolchainId(), sources, validators, manifests };
  writeFileSync(join(folder, registry.PRECOMPILED_INDEX), `${JSON.stringify(index)}\n`);
  return { count: byFile.size, bytes, folder };
}

module.exports = { precompileValidators };

if (require.main === module) {
  const root = process.argv[2] ?? join(__dirname, '..', 'dist');
  const started = Date.now();
  try {
    const { count, bytes } = precompileValidators(root);
    process.stderr.write(`precompiled ${count} validators (${Math.round(bytes / 1024)} KB) in ${Date.now() - started} ms\n`);
  } catch (err) {
    process.stderr.write(`build failed: ${err.message}\n${err.hint ? `  fix: ${err.hint}\n` : ''}`);
    process.exitCode = 1;
  }
}
