// Templates: type keeping for whole values, interpolation inside strings, array indexes, and missing paths.
import { parseTemplate, resolveTemplates, TemplateSyntaxError, TemplateUnresolvedError } from '../../runtime/flow/template';

const scope = {
  inputs: { email: 'a@b.c', count: 3, tags: ['x', 'y'], flag: false, nothing: null, user: { name: 'Ann' } },
  steps: {
    create: { output: { id: '5725767000000419001', data: [{ id: 'r1', n: 7 }, { id: 'r2', n: 8 }], 'odd key': 'ok' } },
  },
};

describe('whole-value templates keep their JSON type', () => {
  test.each([
    ['{{ inputs.count }}', 3],
    ['{{inputs.count}}', 3],
    ['{{   inputs.flag   }}', false],
    ['{{ inputs.nothing }}', null],
    ['{{ inputs.tags }}', ['x', 'y']],
    ['{{ inputs.user }}', { name: 'Ann' }],
    ['{{ steps.create.output.data[1].n }}', 8],
    ['{{ steps.create.output.data[0] }}', { id: 'r1', n: 7 }],
    ['{{ steps.create.output["odd key"] }}', 'ok'],
    ["{{ steps.create.output['odd key'] }}", 'ok'],
    ['{{ inputs.tags[1] }}', 'y'],
  ])('%s', (template, expected) => {
    expect(resolveTemplates(template, scope)).toEqual(expected);
  });

  test('a whole object taken from the scope is a copy', () => {
    const resolved = resolveTemplates({ user: '{{ inputs.user }}' }, scope) as { user: { name: string } };
    resolved.user.name = 'changed';
    expect(scope.inputs.user.name).toBe('Ann');
  });
});

describe('templates inside longer strings are stringified', () => {
  test.each([
    ['Hello {{ inputs.user.name }}!', 'Hello Ann!'],
    ['n={{inputs.count}}', 'n=3'],
    [' {{ inputs.count }}', ' 3'],
    ['{{ inputs.flag }}/{{ inputs.nothing }}', 'false/null'],
    ['tags: {{ inputs.tags }}', 'tags: ["x","y"]'],
    ['id {{ steps.create.output.id }} and {{ steps.create.output.data[1].id }}', 'id 5725767000000419001 and r2'],
    ['literal \\{{ not a template }}', 'literal {{ not a template }}'],
    ['no templates at all', 'no templates at all'],
  ])('%s', (template, expected) => {
    expect(resolveTemplates(template, scope)).toBe(expected);
  });
});

test('resolves nested objects and arrays, leaving other values as they are', () => {
  const input = { module: 'Leads', record: { Email: '{{ inputs.email }}', Count: '{{ inputs.count }}' }, ids: ['{{ steps.create.output.id }}', 5, true, null] };
  expect(resolveTemplates(input, scope)).toEqual({ module: 'Leads', record: { Email: 'a@b.c', Count: 3 }, ids: ['5725767000000419001', 5, true, null] });
});

describe('missing paths say where they stopped', () => {
  test.each([
    ['{{ inputs.missing }}', /inputs has no property "missing" \(it has: email, count/],
    ['{{ steps.create.output.data[5].id }}', /steps\.create\.output\.data has 2 items, so \[5\] does not exist/],
    ['{{ inputs.email.domain }}', /inputs\.email is a string, so it has no property "domain"/],
    ['{{ inputs.user[0] }}', /inputs\.user is an object, not an array/],
  ])('%s', (template, reason) => {
    expect(() => resolveTemplates(template, scope)).toThrow(TemplateUnresolvedError);
    expect(() => resolveTemplates(template, scope)).toThrow(reason);
  });

  test('the error carries the JSON pointer of the string inside the input', () => {
    try {
      resolveTemplates({ record: { 'a/b': ['x', 'Hi {{ inputs.nope }}'] } }, scope);
      throw new Error('expected a throw');
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateUnresolvedError);
      expect((err as TemplateUnresolvedError).pointer).toBe('/record/a~1b/1');
      expect((err as TemplateUnresolvedError).ref.expression).toBe('inputs.nope');
    }
  });
});

describe('syntax', () => {
  test('parses paths with dots, indexes and quoted keys', () => {
    expect(parseTemplate('{{ steps.a-b.output.x[2]["y z"] }}')).toEqual({ whole: true, parts: [{ expression: 'steps.a-b.output.x[2]["y z"]', path: ['steps', 'a-b', 'output', 'x', 2, 'y z'] }] });
    expect(parseTemplate('plain')).toBeUndefined();
  });

  test.each([
    ['{{ }}', /empty template/],
    ['{{ inputs.a', /no closing "}}"/],
    ['{{ inputs..a }}', /expected a property name/],
    ['{{ inputs.a b }}', /unexpected " b"/],
    ['{{ 1abc }}', /must start with a name/],
    ['{{ inputs[x] }}', /unexpected "\[x\]"/],
  ])('%s is refused', (template, message) => {
    expect(() => parseTemplate(template)).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate(template)).toThrow(message);
  });
});
