import { join } from 'node:path';
import { loadSchemaRegistry } from '../../runtime/schema-registry';
import { ECHO_FIXTURE } from '../support/broken-manifest';

describe('schema registry', () => {
  const registry = loadSchemaRegistry(join(ECHO_FIXTURE, 'schemas'), ECHO_FIXTURE);

  test('validators are compiled once and reused', () => {
    expect(registry.validator('schemas/actions/echo.input.json')).toBe(registry.validator('schemas/actions/echo.input.json'));
  });

  test('shared definitions are reached by relative $ref', () => {
    expect(registry.validate('schemas/actions/echo.input.json', { message: '' })).toEqual([
      { path: '/message', message: 'must NOT have fewer than 1 characters' },
    ]);
  });

  test('defaults are filled in', () => {
    const input = { message: 'hi' };
    expect(registry.validate('schemas/actions/echo.input.json', input)).toEqual([]);
    expect(input).toEqual({ message: 'hi', repeat: 1, status: 200 });
  });

  test('every problem is reported with its path, in words a person can act on', () => {
    const issues = registry.validate('schemas/actions/echo.input.json', { repeat: 'twice', colour: 'red' });
    expect(issues).toEqual(expect.arrayContaining([
      { path: '/message', message: 'is required' },
      { path: '/colour', message: 'is not a known property (expected one of: message, repeat, status)' },
      { path: '/repeat', message: 'must be integer (got string "twice")' },
    ]));
    expect(issues).toHaveLength(3);
  });

  test('an unknown schema file is a clear error', () => {
    expect(() => registry.validator('schemas/actions/missing.json')).toThrow(/schema file not found/);
  });
});
