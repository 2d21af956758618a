// Forms derived from JSON Schemas alone: the echo fixture connector (no options provider) and the catalog test
// connector's every-kind-of-field action with no connection, the field order, conditions, item forms, the
// path helpers renderers use, and the JSON Forms translation (which must itself be a valid JSON Schema).
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { join } from 'node:path';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { loadHost } from '../../runtime/host';
import { createLogger } from '../../runtime/logger';
import { closestFieldPath, formFor, instantiateItem, setValueAt, toJsonForms, valueAt, type FormField } from '../../runtime/forms';
import { catalogHost } from './support/catalog-host';

const echo = loadHost({ manifestPath: join(__dirname, '..', 'fixtures', 'echo', 'manifest.json'), store: new MemoryCredentialStore(), log: createLogger({ level: 'silent' }) });

function byName(fields: FormField[]): Record<string, FormField> {
  return Object.fromEntries(fields.map((f) => [f.name, f]));
}

test('the echo action becomes a form of static widgets with labels, help, defaults and limits', async () => {
  const form = await formFor(echo, 'echo');
  expect(form).toEqual({
    actionId: 'echo',
    title: 'Echo',
    description: 'Sends a message and returns what the server echoed.',
    fields: [
      { path: '/message', name: 'message', label: 'Message', help: 'Text to send.', widget: 'text', required: true, constraints: { minLength: 1, maxLength: 200 } },
      { path: '/repeat', name: 'repeat', label: 'Repeat', widget: 'integer', required: false, default: 1, constraints: { minimum: 1, maximum: 5 } },
      { path: '/status', name: 'status', label: 'Status', help: 'Status the server should answer with.', widget: 'integer', required: false, default: 200, constraints: { minimum: 200, maximum: 599 } },
    ],
  });
  expect((await formFor(echo, 'now')).fields).toEqual([]);
});

test('an unknown action is the only thing formFor throws for', async () => {
  await expect(formFor(echo, 'nope')).rejects.toMatchObject({ code: 'UNKNOWN_ACTION', category: 'input' });
});

describe('the catalog action without a connection', () => {
  const host = catalogHost([]);
  let fields: Record<string, FormField>;
  let order: string[];
  beforeAll(async () => {
    const form = await formFor(host, 'order');
    fields = byName(form.fields);
    order = form.fields.map((f) => f.name);
  });

  test.each([
    ['remark', 'textarea'], // a string allowed to exceed 2048 characters
    ['quantity', 'integer'],
    ['color', 'text'], // live choices unavailable: its static widget
    ['sizes', 'array'],
    ['details', 'json'],
    ['lines', 'array'],
    ['price', 'number'],
    ['giftWrap', 'checkbox'],
    ['deliverOn', 'date'],
    ['confirmAt', 'date-time'],
    ['pin', 'password'],
    ['tags', 'multi-select'],
    ['labels', 'key-value'],
    ['extra', 'json'],
    ['wrapping', 'select'],
    ['method', 'select'],
    ['address', 'textarea'], // x-widget
    ['payload', 'json'], // several types
  ])('%s is a %s', (name, widget) => {
    expect(fields[name]!.widget).toBe(widget);
  });

  test('required fields come first, then by x-order, then in schema order', () => {
    expect(order.slice(0, 4)).toEqual(['method', 'quantity', 'color', 'address']);
    expect(order.slice(4)).toEqual(['remark', 'sizes', 'details', 'lines', 'price', 'giftWrap', 'deliverOn', 'confirmAt', 'pin', 'tags', 'labels', 'extra', 'wrapping', 'empty', 'bogus', 'payload']);
  });

  test('enums become choices, x-showWhen becomes a condition, titles and names become labels', () => {
    expect(fields.tags!.options).toEqual([{ value: 'new', label: 'new' }, { value: 'vip', label: 'vip' }]);
    expect(fields.address!.showWhen).toEqual({ method: ['post'] });
    expect(fields.wrapping!.showWhen).toEqual({ giftWrap: [true] });
    expect(fields.giftWrap!.label).toBe('Gift wrap');
    expect(fields.color).toMatchObject({ label: 'Colour', help: 'The colour of the goods.', examples: ['red'], placeholder: 'red', optionsSource: { source: 'colors', dependsOn: [] } });
  });

  test('an array of objects has an item form whose paths use - for the index', () => {
    const items = fields.lines!.items!;
    expect(fields.lines!.constraints).toEqual({ minItems: 1 });
    expect(items).toMatchObject({ path: '/lines/-', label: 'Line', widget: 'object', optionsSource: { source: 'detail-fields', dependsOn: ['color'] } });
    expect(items.fields!.map((f) => [f.path, f.required])).toEqual([['/lines/-/sku', true], ['/lines/-/count', false]]);
    expect(instantiateItem(fields.lines!, 2).fields!.map((f) => f.path)).toEqual(['/lines/2/sku', '/lines/2/count']);
  });

  test('a live field with no connection keeps its static widget and says why', () => {
    expect(fields.color!.note).toBe('No live choices: No Catalog connection exists yet. Create one with `zcrm connect <nickname>`. (NO_CONNECTION) Type the value instead.');
    expect(fields.sizes!.note).toBe('Choose Colour first: the choices depend on it. Type the values instead.');
    expect(fields.details!.note).toMatch(/^Choose Colour first.*Enter it as JSON instead\.$/);
  });
});

test('paths: values are set and read by pointer, and an issue path maps to its closest field', () => {
  const values: Record<string, unknown> = {};
  setValueAt(values, '/record/Account_Name/id', '42');
  setValueAt(values, '/lines/0/sku', 'ABC-1');
  setValueAt(values, '/a~1b', 1);
  expect(values).toEqual({ record: { Account_Name: { id: '42' } }, lines: [{ sku: 'ABC-1' }], 'a/b': 1 });
  expect(valueAt(values, '/lines/0/sku')).toBe('ABC-1');
  expect(valueAt(values, '/lines/3/sku')).toBeUndefined();
  setValueAt(values, '/record/Account_Name', undefined);
  expect(values.record).toEqual({});

  const fields: FormField[] = [
    { path: '/record', name: 'record', label: 'Record', widget: 'json', required: true },
    { path: '/lines', name: 'lines', label: 'Lines', widget: 'array', required: false, items: { path: '/lines/-', name: '-', label: 'Line', widget: 'object', required: false, fields: [{ path: '/lines/-/sku', name: 'sku', label: 'SKU', widget: 'text', required: true }] } },
  ];
  expect(closestFieldPath(fields, '/record/Last_Name')).toBe('/record');
  expect(closestFieldPath(fields, '/lines/3/sku')).toBe('/lines/3/sku');
  expect(closestFieldPath(fields, '/lines/3/other')).toBe('/lines/3');
  expect(closestFieldPath(fields, '/lines/x/sku')).toBe('/lines');
  expect(closestFieldPath(fields, '/unknown')).toBe('');
});

test('the JSON Forms translation is a valid JSON Schema with controls, rules and item details', async () => {
  const { schema, uischema } = toJsonForms(await formFor(catalogHost([]), 'order'));
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  expect(validate({ method: 'post', quantity: 2, color: 'red', address: 'Main St 1', lines: [{ sku: 'ABC-1' }], tags: ['vip'], pin: '1234' })).toBe(true);
  expect(validate({ method: 'fly', quantity: 2, color: 'red' })).toBe(false);
  expect(validate({ method: 'post', quantity: 20, color: 'red' })).toBe(false);
  expect(schema.required).toEqual(['method', 'quantity', 'color']);

  const elements = (uischema as { elements: Record<string, unknown>[] }).elements;
  const control = (scope: string) => elements.find((e) => e.scope === scope);
  expect(uischema.type).toBe('VerticalLayout');
  expect(control('#/properties/address')).toEqual({
    type: 'Control',
    scope: '#/properties/address',
    label: 'Address',
    options: { multi: true },
    rule: { effect: 'SHOW', condition: { scope: '#/properties/method', schema: { enum: ['post'] } } },
  });
  expect(control('#/properties/pin')!.options).toEqual({ format: 'password' });
  expect(control('#/properties/extra')!.options).toEqual({ widget: 'json' });
  expect(control('#/properties/lines')!.options).toEqual({
    detail: {
      type: 'VerticalLayout',
      elements: [
        { type: 'Control', scope: '#/properties/sku', label: 'SKU' },
        { type: 'Control', scope: '#/properties/count', label: 'Count' },
      ],
    },
  });
});
