#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ and copies the data files (manifest, schemas, sandbox and web
// assets) beside them, so dist/ is laid out like the source tree and the runtime resolves files the same way.
// Then checks the built connector as the loader would and precompiles its validators (fast CLI start).
'use strict';
const { execFileSync } = require('node:child_process');
const { cpSync, existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { precompileValidators } = require('./precompile-validators');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
cpSync(join(root, 'manifest.json'), join(dist, 'manifest.json'));
cpSync(join(root, 'schemas'), join(dist, 'schemas'), { recursive: true });
for (const assets of ['sandbox/assets', 'web/public']) {
  if (existsSync(join(root, assets))) cpSync(join(root, assets), join(dist, assets), { recursive: true });
}
try {
  precompileValidators(dist);
} catch (err) {
  process.stderr.write(`build failed: ${err.message}\n${err.hint ? `  fix: ${err.hint}\n` : ''}`);
  process.exit(1);
}
