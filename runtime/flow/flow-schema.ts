/**
 * Checks a parsed flow document against schemas/flow.schema.json: with the build's precompiled validator when
 * it was made from this very schema text (as the schema registry does), else compiled once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { ValidationIssue } from '../errors';
import { createAjv, PRECOMPILED_DIR, precompiledValidator, toIssues } from '../schema-registry';

/** The source tree and dist/ both keep schemas/ two levels above this folder. */
const BASE = join(__dirname, '..', '..');
export const FLOW_SCHEMA_FILE = join(BASE, 'schemas', 'flow.schema.json');

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??=
    precompiledValidator(join(BASE, PRECOMPILED_DIR), 'schemas/flow.schema.json', (file) => readFileSync(join(BASE, file), 'utf8')) ??
    createAjv().compile(JSON.parse(readFileSync(FLOW_SCHEMA_FILE, 'utf8')) as Record<string, unknown>);
  return compiled;
}

/** The schema issues of `document`, each with its JSON path; empty when it is a well-formed flow. */
export function flowSchemaIssues(document: unknown): ValidationIssue[] {
  const validate = validator();
  if (validate(document)) return [];
  // A bad input name is reported at its own path (ajv puts it at the parent object, plus a vaguer duplicate).
  const errors = (validate.errors ?? [])
    .filter((e) => e.keyword !== 'propertyNames')
    .map((e) => (e.propertyName === undefined ? e : { ...e, instancePath: `${e.instancePath}/${e.propertyName.replace(/~/g, '~0').replace(/\//g, '~1')}` }));
  return toIssues(errors);
}
