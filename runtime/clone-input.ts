/** The executor's copy of an action's input: defaults are filled into the copy, never into the caller's object. */
import { isProxy } from 'node:util/types';

/** Deeper inputs are left to structuredClone (cloneInput recurses). */
const MAX_PLAIN_DEPTH = 64;
const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/**
 * The run's own copy of the input, exactly as structuredClone makes it, but faster for what inputs nearly
 * always are: plain JSON data (plain objects and dense arrays of strings, numbers, booleans, null). Anything
 * else anywhere inside (a Date, Map, class instance, proxy, function, a sparse array or one with extra keys, an
 * object met twice, a "__proto__" key) sends the whole input to structuredClone, which copies it (or refuses)
 * as before.
 */
export function cloneInput(input: unknown): unknown {
  const copy = plainCopy(input, 0, undefined);
  return copy === NOT_PLAIN ? structuredClone(input) : copy;
}

/** `seen` holds the containers on the way (made at the first nested one): a second visit is a shared or circular reference. */
function plainCopy(value: unknown, depth: number, seen: Set<object> | undefined): unknown {
  if (typeof value !== 'object') return typeof value === 'function' || typeof value === 'symbol' ? NOT_PLAIN : value;
  if (value === null) return null;
  if (depth > MAX_PLAIN_DEPTH || isProxy(value)) return NOT_PLAIN;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (Array.isArray(value)) {
    if (proto !== Array.prototype || Object.keys(value).length !== value.length) return NOT_PLAIN;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN;
      const item = value[i] as unknown;
      if (item !== null && typeof item === 'object') {
        seen ??= new Set([value]);
        if (seen.has(item)) return NOT_PLAIN;
        seen.add(item);
      }
      const copy = plainCopy(item, depth + 1, seen);
      if (copy === NOT_PLAIN) return NOT_PLAIN;
      out[i] = copy;
    }
    return out;
  }
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') return NOT_PLAIN;
    const item = (value as Record<string, unknown>)[key];
    if (item !== null && typeof item === 'object') {
      seen ??= new Set([value]);
      if (seen.has(item)) return NOT_PLAIN;
      seen.add(item);
    }
    const copy = plainCopy(item, depth + 1, seen);
    if (copy === NOT_PLAIN) return NOT_PLAIN;
    out[key] = copy;
  }
  return out;
}

