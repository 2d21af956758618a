/**
 * Form fields from a JSON Schema (with its $refs inlined): labels from titles, help from descriptions, a widget
 * from the type, format, enum and `x-widget`, constraints, and the order required-first, then `x-order`, then
 * the schema's own. Fields marked `x-options` get their static widget here (what they fall back to) and keep
 * `optionsSource` so live choices can replace it.
 */
import { childPath, itemPath } from './field-paths';
import type { FormField, FormOption, Widget } from './types';

type Schema = Record<string, unknown>;

const WIDGETS: ReadonlySet<string> = new Set<Widget>(['text', 'textarea', 'password', 'number', 'integer', 'checkbox', 'select', 'multi-select', 'date', 'date-time', 'json', 'key-value', 'array', 'object']);

/** Strings allowed to be longer than this (beyond a long URL) get a multi-line box. */
const LONG_TEXT_CHARS = 2048;

const SCALAR_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean']);

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The schema's types without `null` (a nullable string is still a text box). */
function typesOf(schema: Schema): string[] {
  const raw = schema.type;
  const list = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  return list.filter((t) => t !== 'null');
}

/** `returnRecord` → "Return record", `wf_trigger` → "Wf trigger". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

function optionLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function enumOptions(schema: Schema): FormOption[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => ({ value, label: optionLabel(value) }));
  if ('const' in schema) return [{ value: schema.const, label: optionLabel(schema.const) }];
  const branches = (Array.isArray(schema.oneOf) ? schema.oneOf : Array.isArray(schema.anyOf) ? schema.anyOf : undefined) as unknown[] | undefined;
  if (branches && branches.length > 0 && branches.every((b) => isSchema(b) && 'const' in b)) {
    return (branches as Schema[]).map((b) => ({ value: b.const, label: typeof b.title === 'string' ? b.title : optionLabel(b.const) }));
  }
  return undefined;
}

function isFreeScalarMap(schema: Schema): boolean {
  const extra = schema.additionalProperties;
  if (!isSchema(extra)) return false;
  const types = typesOf(extra);
  return types.length > 0 && types.every((t) => SCALAR_TYPES.has(t));
}

function widgetOf(schema: Schema): Widget {
  const preferred = schema['x-widget'];
  if (typeof preferred === 'string' && WIDGETS.has(preferred)) return preferred as Widget;
  if (enumOptions(schema)) return 'select';
  const types = typesOf(schema);
  if (types.length !== 1) return 'json';
  switch (types[0]) {
    case 'string':
      if (schema.format === 'date') return 'date';
      if (schema.format === 'date-time') return 'date-time';
      if (schema.writeOnly === true || schema.format === 'password') return 'password';
      if (typeof schema.maxLength === 'number' && schema.maxLength > LONG_TEXT_CHARS) return 'textarea';
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'checkbox';
    case 'array':
      return isSchema(schema.items) && enumOptions(schema.items) ? 'multi-select' : 'array';
    case 'object':
      if (isSchema(schema.properties) && Object.keys(schema.properties).length > 0) return 'object';
      return isFreeScalarMap(schema) ? 'key-value' : 'json';
    default:
      return 'json';
  }
}

function constraintsOf(schema: Schema): FormField['constraints'] {
  const out: NonNullable<FormField['constraints']> = {};
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems'] as const) {
    if (typeof schema[key] === 'number') out[key] = schema[key];
  }
  if (typeof schema.pattern === 'string') out.pattern = schema.pattern;
  return Object.keys(out).length > 0 ? out : undefined;
}

function placeholderOf(widget: Widget, examples: unknown[] | undefined): string | undefined {
  const first = examples?.[0];
  if (!['text', 'textarea', 'number', 'integer', 'date', 'date-time'].includes(widget)) return undefined;
  return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
}

/** One field for the property `name` (or an array's item form) whose value lives at `path`. */
export function fieldFromSchema(name: string, schema: Schema, path: string, required: boolean): FormField {
  const widget = widgetOf(schema);
  const examples = Array.isArray(schema.examples) ? schema.examples : undefined;
  const field: FormField = {
    path,
    name,
    label: typeof schema.title === 'string' && schema.title !== '' ? schema.title : humanize(name),
    widget,
    required,
  };
  if (typeof schema.description === 'string' && schema.description !== '') field.help = schema.description;
  if (schema.default !== undefined) field.default = schema.default;
  if (examples) field.examples = examples;
  const placeholder = placeholderOf(widget, examples);
  if (placeholder !== undefined) field.placeholder = placeholder;

  const options = widget === 'multi-select' && isSchema(schema.items) ? enumOptions(schema.items) : widget === 'select' ? enumOptions(schema) : undefined;
  if (options) field.options = options;

  const live = schema['x-options'];
  if (isSchema(live) && typeof live.source === 'string') {
    field.optionsSource = { source: live.source, dependsOn: Array.isArray(live.dependsOn) ? live.dependsOn.map(String) : [] };
  }
  const showWhen = schema['x-showWhen'];
  if (isSchema(showWhen)) field.showWhen = Object.fromEntries(Object.entries(showWhen).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

  if (widget === 'object') {
    const fields = fieldsFromSchema(schema, path);
    if (fields.length > 0) field.fields = fields;
  }
  if (widget === 'array' && isSchema(schema.items)) {
    const items = schema.items;
    field.items = fieldFromSchema(name, items, itemPath(path), false);
    if (typeof items.title !== 'string') field.items.label = `${field.label}: item`;
  }
  const constraints = constraintsOf(schema);
  if (constraints) field.constraints = constraints;
  return field;
}

/** Required first, then by `x-order`, then in the order given (a stable sort). */
export function orderFields<T extends { required: boolean }>(entries: readonly T[], order: (entry: T) => number | undefined = () => undefined): T[] {
  return entries
    .map((entry, index) => ({ entry, index, rank: order(entry) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => Number(b.entry.required) - Number(a.entry.required) || a.rank - b.rank || a.index - b.index)
    .map((x) => x.entry);
}

/** The fields of an object schema's properties, in form order. */
export function fieldsFromSchema(schema: Schema, parentPath = ''): FormField[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const entries = Object.entries(properties)
    .filter((entry): entry is [string, Schema] => isSchema(entry[1]))
    .map(([name, prop]) => ({ field: fieldFromSchema(name, prop, childPath(parentPath, name), required.has(name)), order: prop['x-order'], required: required.has(name) }));
  return orderFields(entries, (e) => (typeof e.order === 'number' ? e.order : undefined)).map((e) => e.field);
}
