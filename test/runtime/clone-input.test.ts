import fc from 'fast-check';
import { cloneInput } from '../../runtime/clone-input';

test('any JSON value is copied exactly as structuredClone copies it, never shared', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const copy = cloneInput(value);
      expect(copy).toEqual(structuredClone(value));
      if (value !== null && typeof value === 'object') expect(copy).not.toBe(value);
    }),
    { numRuns: 500 },
  );
});

test('what is not plain JSON goes to structuredClone: dates, shared and circular references', () => {
  const shared = { a: 1 };
  const circular: Record<string, unknown> = { name: 'loop' };
  circular.self = circular;
  const input = { when: new Date(0), left: shared, right: shared, circular };
  const copy = cloneInput(input) as typeof input;
  expect(Object.prototype.toString.call(copy.when)).toBe('[object Date]'); // structuredClone's realm, not jest's
  expect(copy.when.getTime()).toBe(0);
  expect(copy.left).toBe(copy.right);
  expect(copy.left).not.toBe(shared);
  expect((copy.circular as Record<string, unknown>).self).toBe(copy.circular);
});
