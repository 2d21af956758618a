/**
 * Reads a flow file (JSON, or YAML through the `yaml` package), checks it against schemas/flow.schema.json and
 * for duplicate step ids, and hashes its content so a resume can tell whether the flow changed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { InputError } from '../errors';
import { parseJson } from '../json-text';
import { FLOW_CODES, flowProblems, type FlowIssue } from './flow-errors';
import { flowSchemaIssues } from './flow-schema';
import type { FlowDefinition, LoadedFlow } from './types';

/** JSON with object keys sorted, so equal content always hashes equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function hashDefinition(definition: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(definition)).digest('hex')}`;
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/**
 * Integers beyond 2^53 silently change when read as JSON numbers (Zoho-style record ids are that long), so they
 * are refused with the fix instead of being used wrong.
 */
function unsafeJsonIntegers(text: string): FlowIssue[] {
  const issues: FlowIssue[] = [];
  for (const m of text.matchAll(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)) {
    const token = m[0];
    if (token.startsWith('"') || /[.eE]/.test(token) || Number.isSafeInteger(Number(token))) continue;
    issues.push({ code: FLOW_CODES.invalid, path: lineColumn(text, m.index), message: `the number ${token} is too large to be kept exactly; write it as a string ("${token}")` });
  }
  return issues;
}

function parseFlowJson(text: string, source: string): unknown {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.problem;
    throw flowProblems(source, [{ code: FLOW_CODES.invalid, path: `line ${line}, column ${column}`, message: `not valid JSON: ${message}` }]);
  }
  const unsafe = unsafeJsonIntegers(text);
  if (unsafe.length) throw flowProblems(source, unsafe);
  return parsed.value;
}

/** YAML → plain values; integers come back as bigint so that too-large ones can be refused by path. */
function parseYaml(text: string, source: string): unknown {
  const doc = parseDocument(text, { intAsBigInt: true, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw flowProblems(
      source,
      doc.errors.map((e) => ({
        code: FLOW_CODES.invalid,
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `not valid YAML: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    );
  }
  const issues: FlowIssue[] = [];
  const fromBigInts = (value: unknown, pointer: string): unknown => {
    if (typeof value === 'bigint') {
      if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(value);
      issues.push({ code: FLOW_CODES.invalid, path: pointer, message: `the number ${value} is too large to be kept exactly; quote it ("${value}")` });
      return undefined;
    }
    if (Array.isArray(value)) return value.map((v, i) => fromBigInts(v, `${pointer}/${i}`));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        Object.defineProperty(out, k, { value: fromBigInts(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    return value;
  };
  const value = fromBigInts(doc.toJS({ maxAliasCount: 100 }) as unknown, '');
  if (issues.length) throw flowProblems(source, issues);
  return value;
}

/**
 * Checks a parsed document (schema, then unique step ids) and returns the flow. `file` names it in errors and
 * in the run journal.
 */
export function flowFromDefinition(document: unknown, file?: string): LoadedFlow {
  const source = file ?? 'flow';
  const schemaIssues = flowSchemaIssues(document);
  if (schemaIssues.length) throw flowProblems(source, schemaIssues.map((i) => ({ ...i, code: FLOW_CODES.invalid })));
  const definition = document as FlowDefinition;
  const firstUse = new Map<string, number>();
  const duplicates: FlowIssue[] = [];
  definition.steps.forEach((step, i) => {
    const earlier = firstUse.get(step.id);
    if (earlier === undefined) firstUse.set(step.id, i);
    else duplicates.push({ code: FLOW_CODES.invalid, path: `/steps/${i}/id`, message: `step id "${step.id}" is already used by /steps/${earlier}; give each step its own id` });
  });
  if (duplicates.length) throw flowProblems(source, duplicates);
  return { definition, ...(file !== undefined ? { file } : {}), hash: hashDefinition(definition) };
}

/** Parses flow text: `.json` files as JSON, `.yaml`/`.yml` as YAML, others by their first character. */
export function parseFlowText(text: string, file: string): LoadedFlow {
  const ext = extname(file).toLowerCase();
  const json = ext === '.json' || (ext !== '.yaml' && ext !== '.yml' && text.trimStart().startsWith('{'));
  const document = json ? parseFlowJson(text, file) : parseYaml(text, file);
  return flowFromDefinition(document, file);
}

export async function loadFlowFile(path: string): Promise<LoadedFlow> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(FLOW_CODES.fileNotFound, `Flow file ${file} does not exist.`, 'Check the path (it is relative to the current folder).');
    throw new InputError(FLOW_CODES.invalid, `Cannot read flow file ${file}: ${code ?? (err as Error).message}.`, 'Check that the path is a readable file.');
  }
  return parseFlowText(text, file);
}
