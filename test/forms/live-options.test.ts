// Live choices through a connector's options provider, generically (the catalog test connector): which
// connection feeds them, dependencies, the 60 s cache, and every failure falling back with a note, never a throw.
import { secrets } from '../../runtime/secrets';
import { createFormBuilder, formFor, validateForm, type FormDescription, type FormField } from '../../runtime/forms';
import { catalogHost, provider } from './support/catalog-host';

function byName(form: FormDescription): Record<string, FormField> {
  return Object.fromEntries(form.fields.map((f) => [f.name, f]));
}

/** Calls that can succeed (a failed call is never cached, so the unknown source is asked every time). */
const cacheable = () => provider.calls.filter((c) => c.source !== 'unknown-source');

beforeEach(() => {
  provider.calls.length = 0;
  provider.script.failWith = undefined;
});

test('the only connection feeds live choices, sub-fields and item sub-fields', async () => {
  const host = catalogHost(['shop']);
  const fields = byName(await formFor(host, 'order', { values: { color: 'red' } }));
  expect(fields.color).toMatchObject({ widget: 'select', options: [{ value: 'red', label: 'Red' }, { value: 'blue', label: 'Blue' }], optionsSource: { source: 'colors', dependsOn: [] } });
  expect(fields.color!.note).toBeUndefined();
  expect(fields.sizes).toMatchObject({ widget: 'multi-select', options: [{ value: 'S', label: 'Small' }] });
  expect(fields.sizes!.items).toBeUndefined();
  expect(fields.details).toMatchObject({ widget: 'object' });
  expect(fields.details!.fields!.map((f) => [f.path, f.required])).toEqual([['/details/engraving', true], ['/details/sku', false]]);
  // The schema's own item fields stay (sku keeps its schema label); the provider's are added after, required first.
  expect(fields.lines!.items!.fields!.map((f) => [f.path, f.label, f.required])).toEqual([
    ['/lines/-/sku', 'SKU', true],
    ['/lines/-/engraving', 'Engraving', true],
    ['/lines/-/count', 'Count', false],
  ]);
  expect(provider.calls).toEqual(
    expect.arrayContaining([
      { source: 'colors', dependsOn: [], actionId: 'order', path: '/color', nickname: 'shop' },
      { source: 'sizes', dependsOn: ['red'], actionId: 'order', path: '/sizes', nickname: 'shop' },
      { source: 'detail-fields', dependsOn: ['red'], actionId: 'order', path: '/details', nickname: 'shop' },
      { source: 'detail-fields', dependsOn: ['red'], actionId: 'order', path: '/lines/-', nickname: 'shop' },
    ]),
  );
});

test('results are reused per connection, field and dependency values until the TTL passes', async () => {
  let now = 1_000_000;
  const builder = createFormBuilder(catalogHost(['shop']), { ttlMs: 60_000, now: () => now });
  await builder.formFor('order', { values: { color: 'red' } });
  const first = cacheable().length;
  expect(first).toBe(5); // colors, sizes, details, line items, nothing

  await builder.formFor('order', { values: { color: 'red' } });
  expect(cacheable().length).toBe(first);

  await builder.formFor('order', { values: { color: 'blue' } });
  const afterBlue = cacheable().slice(first);
  expect(afterBlue.every((c) => c.dependsOn[0] === 'blue')).toBe(true); // colours did not depend on the colour
  expect(afterBlue.map((c) => c.source).sort()).toEqual(['detail-fields', 'detail-fields', 'sizes']);

  now += 60_001;
  const before = cacheable().length;
  await builder.formFor('order', { values: { color: 'red' } });
  expect(cacheable().length).toBe(before + 5);
});

test('a failing provider gives notes, not errors, keeps secrets out, and is not cached', async () => {
  const host = catalogHost(['shop']);
  secrets.add('sk-catalog-very-secret-1234');
  provider.script.failWith = Object.assign(new Error('network is down (key sk-catalog-very-secret-1234)'), { code: 'OFFLINE', category: 'remote', hint: 'Try again later.' });
  const failed = byName(await formFor(host, 'order', { values: { color: 'red' } }));
  expect(failed.color).toMatchObject({ widget: 'text' });
  expect(failed.color!.note).toBe('Could not load the choices from connection "shop": network is down (key [REDACTED]) Try again later. (OFFLINE) Type the value instead.');
  expect(failed.details).toMatchObject({ widget: 'json', note: expect.stringMatching(/OFFLINE\) Enter it as JSON instead\.$/) });
  expect(failed.sizes).toMatchObject({ widget: 'array', note: expect.stringMatching(/Type the values instead\.$/) });

  provider.script.failWith = undefined;
  const fixed = byName(await formFor(host, 'order', { values: { color: 'red' } }));
  expect(fixed.color).toMatchObject({ widget: 'select' });
  expect(fixed.color!.note).toBeUndefined();
});

test('the connection named in the context wins; several without a name, or an unknown name, give a note', async () => {
  const host = catalogHost(['one', 'two']);
  const unnamed = byName(await formFor(host, 'order'));
  expect(unnamed.color!.note).toMatch(/^No live choices: Several Catalog connections exist; say which one to use\. Pass --connection with one of: one, two\./);
  expect(provider.calls).toEqual([]);

  await formFor(host, 'order', { connection: 'two' });
  expect(provider.calls.map((c) => c.source)).toContain('colors');
  expect(new Set(provider.calls.map((c) => c.nickname))).toEqual(new Set(['two']));

  const unknown = byName(await formFor(host, 'order', { connection: 'zzz' }));
  expect(unknown.color!.note).toMatch(/No connection named "zzz"/);
});

test('empty answers, unknown sources and a connector without a provider fall back with a note', async () => {
  const fields = byName(await formFor(catalogHost(['shop']), 'order'));
  expect(fields.empty).toMatchObject({ widget: 'text', note: 'The connection offers no choices here. Type the value instead.' });
  expect(fields.bogus).toMatchObject({ widget: 'text', note: 'Could not load the choices from connection "shop": no source unknown-source. (NO_SOURCE) Type the value instead.' });

  const bare = byName(await formFor(catalogHost(['shop'], 'manifest-no-provider.json'), 'order'));
  expect(bare.color).toMatchObject({ widget: 'text', note: 'No live choices: the Catalog connector declares no options provider. Type the value instead.' });
});

test('validateForm files ajv issues and live required marks under their fields, leaving the values untouched', async () => {
  const host = catalogHost(['shop']);
  const form = await formFor(host, 'order', { values: { color: 'red' } });
  const values = { method: 'post', color: 'red', details: {}, lines: [{ sku: 'bad' }, { count: 0, engraving: 'x' }], surprise: 1 };
  const result = validateForm(host, 'order', values, form);
  expect(result.ok).toBe(false);
  expect(result.errors).toEqual({
    '': [expect.stringMatching(/^surprise: is not a known property \(expected one of: remark, quantity, /)],
    '/lines/0/sku': [expect.stringMatching(/^has an invalid format/)],
    '/lines/0/engraving': ['is required'],
    '/lines/1/sku': ['is required'],
    '/lines/1/count': [expect.stringMatching(/must be >= 1/)],
    '/details/engraving': ['is required'],
  });
  expect(values).not.toHaveProperty('quantity'); // the default was filled into a copy only

  // Without the form, only the schema's fields are known: live required marks are not checked.
  const plain = validateForm(host, 'order', { method: 'pickup', color: 'red', details: {} });
  expect(plain).toEqual({ ok: true, errors: {} });
});
