/**
 * Writes docs/actions.md, the action reference, from the manifest and the schemas: one section per action
 * with what it does, its input and output fields, an example input, the Zoho endpoint and scope, and the
 * errors to expect. `--check` exits 1 when the committed file is stale (CI runs it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest } from '../runtime/manifest-loader';

const root = join(__dirname, '..');
const target = join(root, 'docs', 'actions.md');

type Schema = Record<string, unknown>;

function typeLabel(s: Schema): string {
  if (Array.isArray(s.enum)) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(', ');
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  const variants = (s.oneOf ?? s.anyOf) as Schema[] | undefined;
  if (variants) return variants.map(typeLabel).join(' or ');
  const t = Array.isArray(s.type) ? s.type.join(' or ') : String(s.type ?? 'any');
  if (t === 'array' && s.items && typeof s.items === 'object') return `array of ${typeLabel(s.items as Schema)}`;
  return t;
}

function cell(text: unknown): string {
  return String(text ?? '').replace(/\|/g, '\\|').replace(/\n+/g, ' ');
}

function fieldRows(schema: Schema, prefix = ''): string[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required ?? []) as string[]);
  const rows: string[] = [];
  for (const [name, prop] of Object.entries(props)) {
    const extras: string[] = [];
    if (prop.default !== undefined) extras.push(`default \`${JSON.stringify(prop.default)}\``);
    if (typeof prop.minimum === 'number' || typeof prop.maximum === 'number') extras.push(`${prop.minimum ?? '…'}–${prop.maximum ?? '…'}`);
    if (typeof prop.maxItems === 'number') extras.push(`at most ${prop.maxItems} items`);
    const description = [prop.description ?? prop.title ?? '', extras.length ? `(${extras.join('; ')})` : ''].filter(Boolean).join(' ');
    rows.push(`| \`${prefix}${name}\` | ${cell(typeLabel(prop))} | ${required.has(name) ? 'yes' : ''} | ${cell(description)} |`);
    const nested = prop.type === 'object' ? prop : prop.type === 'array' && prop.items && (prop.items as Schema).type === 'object' ? (prop.items as Schema) : undefined;
    if (nested?.properties && prefix.split('.').length < 3) rows.push(...fieldRows(nested, `${prefix}${name}${prop.type === 'array' ? '[]' : ''}.`));
  }
  return rows;
}

function table(schema: Schema): string {
  const rows = fieldRows(schema);
  if (rows.length === 0) return '_No fields._';
  return ['| field | type | required | description |', '|---|---|---|---|', ...rows].join('\n');
}

function exampleInput(schema: Schema): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  const out: Record<string, unknown> = {};
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    const p = props[name];
    if (!p) continue;
    if (Array.isArray(p.examples) && p.examples.length > 0) out[name] = p.examples[0];
    else if (Array.isArray(p.enum)) out[name] = p.enum[0];
  }
  return out;
}

export function renderDocs(): string {
  const { manifest, registry } = loadManifest(join(root, 'manifest.json'));
  const groups = new Map<string, typeof manifest.actions>();
  for (const a of manifest.actions) groups.set(a.group, [...(groups.get(a.group) ?? []), a]);
  const out: string[] = [
    `# ${manifest.name} actions`,
    '',
    '<!-- Generated from manifest.json and schemas/ by `npm run gen:docs`. Do not edit by hand. -->',
    '',
    manifest.description,
    '',
    'Run any of them with `zcrm run <id> --input \'<json>\'`, see one with `zcrm describe <id>`.',
    '',
  ];
  for (const [group, actions] of groups) {
    out.push(`- **${group}**: ${actions.map((a) => `[${a.title}](#${a.id})`).join(', ')}`);
  }
  for (const a of manifest.actions) {
    const input = registry.dereferenced(a.input);
    const output = registry.dereferenced(a.output);
    const zoho = (registry.schema(a.input)['x-zoho'] ?? {}) as Record<string, unknown>;
    const flags = [a.idempotent ? 'idempotent (safe to retry)' : 'not idempotent (never resent when its outcome is unknown)', a.destructive ? 'destructive' : 'non-destructive'];
    out.push('', `## ${a.title} <a id="${a.id}"></a>`, '', `\`${a.id}\` · ${a.group} · ${flags.join(' · ')}`, '', a.description);
    if (typeof input.description === 'string' && input.description !== a.description) out.push('', input.description);
    if (zoho.method || zoho.path || zoho.scope) {
      out.push('', `**Zoho endpoint:** ${zoho.method ? `\`${String(zoho.method)} ${String(zoho.path ?? '')}\`` : cell(zoho.path)}${zoho.scope ? ` · **scope:** \`${String(zoho.scope)}\`` : ''}`);
    }
    if (typeof zoho.docs === 'string') out.push('', zoho.docs);
    out.push('', '### Input', '', table(input), '', '### Output', '', table(output));
    out.push('', '### Example', '', '```sh', `zcrm run ${a.id} --input '${JSON.stringify(exampleInput(input))}'`, '```');
    const errors = zoho.errors as Record<string, string> | string[] | undefined;
    if (errors) {
      const lines = Array.isArray(errors) ? errors.map((e) => `- ${e}`) : Object.entries(errors).map(([code, text]) => `- \`${code}\`: ${text}`);
      out.push('', '### Errors', '', ...lines);
    }
  }
  return `${out.join('\n')}\n`;
}

function main(): void {
  const fresh = renderDocs();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== fresh) {
      process.stderr.write('docs/actions.md is stale: the manifest or schemas changed. Run `npm run gen:docs` and commit the result.\n');
      process.exit(1);
    }
    process.stdout.write('docs/actions.md is up to date.\n');
    return;
  }
  writeFileSync(target, fresh);
  process.stdout.write(`wrote ${target}\n`);
}

main();
