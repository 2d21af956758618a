/**
 * A form description as JSON Forms reads it: a data JSON Schema with the live choices folded in (`oneOf` of
 * `const`/`title`) and a UI schema of Controls (VerticalLayout, Groups for objects, SHOW rules from
 * `showWhen`), so a platform that already embeds JSON Forms renders our forms with no adapter.
 */
import { ITEM_SEGMENT, pathSegments } from './field-paths';
import type { FormDescription, FormField } from './types';

type Json = Record<string, unknown>;

export interface JsonForms {
  schema: Json;
  uischema: Json;
}

function choices(field: FormField): Json[] {
  return (field.options ?? []).map((o) => ({ const: o.value, title: o.label }));
}

function describe(field: FormField, schema: Json): Json {
  schema.title = field.label;
  const text = [field.help, field.note].filter(Boolean).join(' ');
  if (text) schema.description = text;
  if (field.default !== undefined) schema.default = field.default;
  if (field.examples) schema.examples = field.examples;
  return schema;
}

function valueSchema(field: FormField): Json {
  const c = field.constraints ?? {};
  const pick = (...keys: (keyof NonNullable<FormField['constraints']>)[]) => Object.fromEntries(keys.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]));
  switch (field.widget) {
    case 'text':
    case 'textarea':
    case 'password':
      return { type: 'string', ...pick('minLength', 'maxLength', 'pattern') };
    case 'number':
    case 'integer':
      return { type: field.widget, ...pick('minimum', 'maximum') };
    case 'checkbox':
      return { type: 'boolean' };
    case 'select':
      return { oneOf: choices(field) };
    case 'multi-select':
      return { type: 'array', uniqueItems: true, items: { oneOf: choices(field) }, ...pick('minItems', 'maxItems') };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'date-time':
      return { type: 'string', format: 'date-time' };
    case 'key-value':
      return { type: 'object', additionalProperties: { type: 'string' } };
    case 'array':
      return { type: 'array', ...(field.items ? { items: fieldSchema(field.items) } : {}), ...pick('minItems', 'maxItems') };
    case 'object':
      return objectSchema(field.fields ?? [], field.path);
    case 'json':
      return {};
  }
}

function fieldSchema(field: FormField): Json {
  return describe(field, valueSchema(field));
}

/**
 * An object schema holding `fields`, each placed by its path below `basePath`. A path deeper than one step
 * (a lookup's `/record/Account_Name/id`) gets the objects on the way.
 */
function objectSchema(fields: readonly FormField[], basePath: string): Json {
  const root: Json = { type: 'object', properties: {} };
  const depth = pathSegments(basePath).length;
  for (const field of fields) {
    const steps = pathSegments(field.path).slice(depth);
    let node = root;
    steps.forEach((step, i) => {
      const properties = node.properties as Json;
      if (field.required) node.required = [...new Set([...((node.required as string[] | undefined) ?? []), step])];
      if (i === steps.length - 1) {
        properties[step] = fieldSchema(field);
      } else {
        node = (properties[step] ??= { type: 'object', title: field.label, properties: {} }) as Json;
      }
    });
  }
  return root;
}

/** `#/properties/a/properties/b` for `/a/b`, relative to `basePath`; `-` steps into `items`. */
function scopeOf(path: string, basePath = ''): string {
  const steps = pathSegments(path).slice(pathSegments(basePath).length);
  return `#${steps.map((s) => (s === ITEM_SEGMENT ? '/items' : `/properties/${s}`)).join('')}`;
}

/** A top-level name (`method`) or a pointer (`/query/type`) as a JSON Forms scope. */
function ruleOf(showWhen: Record<string, unknown[]>): Json {
  const conditions = Object.entries(showWhen).map(([name, values]) => ({ scope: scopeOf(name.startsWith('/') ? name : `/${name}`), schema: { enum: values } }));
  return { effect: 'SHOW', condition: conditions.length === 1 ? conditions[0] : { type: 'AND', conditions } };
}

function element(field: FormField, basePath: string): Json {
  const scope = scopeOf(field.path, basePath);
  const rule = field.showWhen ? { rule: ruleOf(field.showWhen) } : {};
  if (field.widget === 'object' && field.fields?.length) {
    return { type: 'Group', label: field.label, elements: field.fields.map((f) => element(f, basePath)), ...rule };
  }
  const options: Json = {};
  if (field.widget === 'textarea') options.multi = true;
  // JSON Forms has no JSON editor or key-value list of its own: a platform's custom renderer can test for these.
  if (field.widget === 'json' || field.widget === 'key-value') options.widget = field.widget;
  if (field.widget === 'password') options.format = 'password';
  if (field.widget === 'array' && field.items) {
    options.detail = field.items.fields?.length
      ? { type: 'VerticalLayout', elements: field.items.fields.map((f) => element(f, field.items!.path)) }
      : { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#' }] };
  }
  return { type: 'Control', scope, label: field.label, ...(Object.keys(options).length ? { options } : {}), ...rule };
}

export function toJsonForms(form: FormDescription): JsonForms {
  const schema = { ...objectSchema(form.fields, ''), title: form.title, description: form.description };
  return { schema, uischema: { type: 'VerticalLayout', elements: form.fields.map((f) => element(f, '')) } };
}
