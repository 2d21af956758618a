/**
 * Writes types/schemas.ts: one TypeScript interface for the input and the output of every action in the
 * manifest, generated from their JSON Schemas with json-schema-to-typescript. `--check` regenerates in memory
 * and exits 1 when the committed file is stale (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { compile } from 'json-schema-to-typescript';

const root = join(__dirname, '..');
const target = join(root, 'types', 'schemas.ts');

function pascal(id: string): string {
  return id.split('-').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');
}

async function generate(): Promise<string> {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as {
    actions: { id: string; input: string; output: string }[];
  };
  const properties: Record<string, unknown> = {};
  for (const action of manifest.actions) {
    for (const [kind, file] of [['Input', action.input], ['Output', action.output]] as const) {
      const schema = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
      const name = `${pascal(action.id)}${kind}`;
      // Inlined so json2ts names the interface after the action; relative $refs stay valid because every
      // action schema lives in the same folder (cwd below).
      properties[name] = { ...schema, title: name, $id: undefined, $schema: undefined };
      if (dirname(file) !== 'schemas/actions') throw new Error(`${file}: action schemas must live in schemas/actions/`);
    }
  }
  const synthetic = { title: 'ActionSchemas', type: 'object', additionalProperties: false, properties, required: Object.keys(properties) };
  const ts = await compile(synthetic as never, 'ActionSchemas', {
    cwd: join(root, 'schemas', 'actions'),
    unknownAny: true,
    additionalProperties: false,
    strictIndexSignatures: false,
    bannerComment: '/* eslint-disable */\n/**\n * Generated from schemas/ by `npm run gen:types` (json-schema-to-typescript). Do not edit by hand.\n */',
    $refOptions: { resolve: { http: false } } as never,
  });
  return ts;
}

async function main(): Promise<void> {
  const fresh = await generate();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // a missing file is stale too
    }
    if (current !== fresh) {
      process.stderr.write('types/schemas.ts is stale: the schemas changed. Run `npm run gen:types` and commit the result.\n');
      process.exit(1);
    }
    process.stdout.write('types/schemas.ts is up to date.\n');
    return;
  }
  writeFileSync(target, fresh);
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`gen-types failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
