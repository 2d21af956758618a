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
const manifestTarget = join(root, 'types', 'manifest.ts');
const banner = '/* eslint-disable */\n/**\n * Generated from schemas/ by `npm run gen:types` (json-schema-to-typescript). Do not edit by hand.\n */';

function pascal(id: string): string {
  return id.split('-').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('');
}

/** The manifest's own type, from schemas/manifest.schema.json, for the runtime's loader. */
async function generateManifest(): Promise<string> {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'manifest.schema.json'), 'utf8')) as Record<string, unknown>;
  return compile({ ...schema, title: 'Manifest', $id: undefined } as never, 'Manifest', {
    cwd: join(root, 'schemas'), unknownAny: true, additionalProperties: false, bannerComment: banner,
  });
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
    bannerComment: banner,
    $refOptions: { resolve: { http: false } } as never,
  });
  return ts;
}

async function main(): Promise<void> {
  const outputs: [string, string][] = [[target, await generate()], [manifestTarget, await generateManifest()]];
  if (process.argv.includes('--check')) {
    const stale = outputs.filter(([file, fresh]) => {
      try {
        return readFileSync(file, 'utf8') !== fresh;
      } catch {
        return true; // a missing file is stale too
      }
    });
    for (const [file] of stale) process.stderr.write(`${file} is stale: the schemas changed. Run \`npm run gen:types\` and commit the result.\n`);
    if (stale.length > 0) process.exit(1);
    process.stdout.write('generated types are up to date.\n');
    return;
  }
  for (const [file, fresh] of outputs) {
    writeFileSync(file, fresh);
    process.stdout.write(`wrote ${file}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`gen-types failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
