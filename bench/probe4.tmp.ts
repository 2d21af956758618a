import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import standaloneCode from 'ajv/dist/standalone';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ANNOTATION_KEYWORDS } from '../runtime/schema-keywords';
import { loadSchemaRegistry, toIssues } from '../runtime/schema-registry';
const ajv = new Ajv({ strict: true, allErrors: true, verbose: true, discriminator: true, useDefaults: true, coerceTypes: false, allowUnionTypes: true, code: { source: true } });
addFormats(ajv);
for (const { keyword, metaSchema } of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, metaSchema });
const reg = loadSchemaRegistry(join(__dirname, '..', 'schemas'), join(__dirname, '..'));
const fs = require('node:fs');
const files: string[] = [];
const walk = (d: string) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const f = join(d, e.name); if (e.isDirectory()) walk(f); else if (f.endsWith('.json')) files.push(f); } };
walk(join(__dirname, '..', 'schemas'));
for (const f of files) { const s = JSON.parse(readFileSync(f, 'utf8')); ajv.addSchema(s, s.$id); }
let total = 0; const t0 = performance.now();
for (const f of files) {
  const s = JSON.parse(readFileSync(f, 'utf8'));
  const fn = ajv.getSchema(s.$id)!;
  const code = standaloneCode(ajv, fn);
  total += code.length;
  writeFileSync(join('/work/main/bench/sa.tmp', f.split('/').pop()!.replace('.json', '.cjs')), code);
}
console.log('gen ms', (performance.now() - t0).toFixed(0), 'bytes', total);
// compare errors
const pre = require('/work/main/bench/sa.tmp/list-records.input.cjs');
const bad = { module: 'leads!', colour: 1, limit: 'x', sortBy: 'nope', modifiedSince: 'yesterday' };
const a = structuredClone(bad), b = structuredClone(bad);
console.log(JSON.stringify(reg.validate('schemas/actions/list-records.input.json', a)));
const fnPre = pre.default ?? pre;
fnPre(b);
console.log(JSON.stringify(toIssues(fnPre.errors)));
