/** A process-wide registry of secret values, and the scrubbers that keep them (and secret-shaped text) out of output. */
import { types } from 'node:util';

export const REDACTED = '[REDACTED]';

/** Registered values shorter than this are ignored: they would match innocent text. */
const MIN_SECRET_LENGTH = 8;

/** Beyond this depth values are replaced rather than walked, so hostile nesting cannot exhaust the stack. */
const MAX_DEPTH = 64;

/**
 * Keys whose value is secret wherever they appear. Compared after lower-casing and dropping `-` and `_`, so
 * `access_token`, `accessToken`, `Access-Token` and `ACCESS_TOKEN` are one key. `code` is deliberately absent:
 * it is a common innocent field (error codes).
 */
const SECRET_KEYS: ReadonlySet<string> = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'password',
  'secret',
  'secrets',
  'token',
  'apikey',
  'xapikey',
]);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

/** Parameter names that carry secrets in query strings, form bodies and JSON text. */
const PARAM_NAMES = 'access_token|refresh_token|id_token|client_secret|accessToken|refreshToken|clientSecret|password|api_key|apikey';

// Each shape keeps its name and separator and replaces only the value. Value classes stop at quotes and
// backslashes so a replacement inside JSON text never breaks the JSON around it.
const AUTH_HEADER = /\b((?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?)((?:[A-Za-z][\w.-]*[ \t]+)?)([^\s"'\\,;}]+)/gi;
const COOKIE_HEADER = /\b((?:set-)?cookie[ \t]*:[ \t]*)([^\r\n"\\]+)/gi;
const BEARER = /\b(Bearer[ \t]+)([A-Za-z0-9._~+/=-]{8,})/g;
const URL_PARAM = new RegExp(`([?&;\\s"'(]|^)(${PARAM_NAMES})=([^&\\s"'\\\\#;,)]+)`, 'gi');
const JSON_FIELD = new RegExp(`("(?:${PARAM_NAMES}|authorization|token|secret)"[ \\t]*:[ \\t]*")((?:[^"\\\\]|\\\\.)*)"`, 'gi');
/** One cheap test that says whether any shape above could match at all. */
const SHAPE_HINT = /authorization|bearer|token|secret|password|api_?key|cookie/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export interface ScrubDeepOptions {
  /** Turns an Error found anywhere into plain data before it is scrubbed (the logger passes its serializer). */
  serializeError?: (err: Error) => unknown;
}

export class SecretRegistry {
  readonly #values = new Set<string>();
  /** Alternation of all registered values, longest first; rebuilt lazily after `add`. */
  #pattern: RegExp | null = null;
  #dirty = false;

  /** Registers a secret so `scrub` removes it from any text. Values shorter than 8 characters are ignored. */
  add(value: string | null | undefined): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    const forms = [value, encodeURIComponent(value)];
    for (const form of forms) {
      if (!this.#values.has(form)) {
        this.#values.add(form);
        this.#dirty = true;
      }
    }
  }

  /** How many distinct forms are registered (a value and its URL-encoded form count separately). */
  get size(): number {
    return this.#values.size;
  }

  /** Forgets every registered value (tests). */
  clear(): void {
    this.#values.clear();
    this.#pattern = null;
    this.#dirty = false;
  }

  #valuesPattern(): RegExp | null {
    if (this.#dirty) {
      const sorted = [...this.#values].sort((a, b) => b.length - a.length);
      this.#pattern = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : null;
      this.#dirty = false;
    }
    return this.#pattern;
  }

  /** Replaces registered values and common token shapes (Authorization headers, token parameters) in text. */
  scrub(text: string): string {
    if (typeof text !== 'string' || text.length === 0) return text;
    let out = text;
    const pattern = this.#valuesPattern();
    if (pattern) out = out.replace(pattern, REDACTED);
    if (SHAPE_HINT.test(out)) {
      out = out
        .replace(AUTH_HEADER, (_m, name: string, scheme: string) => `${name}${scheme}${REDACTED}`)
        .replace(COOKIE_HEADER, (_m, name: string) => `${name}${REDACTED}`)
        .replace(BEARER, (_m, scheme: string) => `${scheme}${REDACTED}`)
        .replace(URL_PARAM, (_m, lead: string, name: string) => `${lead}${name}=${REDACTED}`)
        .replace(JSON_FIELD, (_m, head: string) => `${head}${REDACTED}"`);
    }
    return out;
  }

  /**
   * Returns `value` with secret-named keys redacted and registered values scrubbed from strings, at any depth,
   * through arrays, Errors and cycles (a back-reference becomes "[Circular]"). Parts with nothing to scrub are
   * returned as they are, so the common case allocates nothing.
   */
  scrubDeep(value: unknown, options: ScrubDeepOptions = {}): unknown {
    return new DeepScrub(this, options).walk(value, 0);
  }
}

/** One traversal: remembers what it is inside (cycles) and what it already copied (shared references). */
class DeepScrub {
  readonly #inProgress = new Set<object>();
  readonly #done = new Map<object, unknown>();

  constructor(
    private readonly registry: SecretRegistry,
    private readonly options: ScrubDeepOptions,
  ) {}

  walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.registry.scrub(value);
    if (value === null || typeof value !== 'object') return value;
    if (this.#inProgress.has(value)) return '[Circular]';
    if (this.#done.has(value)) return this.#done.get(value);
    if (depth >= MAX_DEPTH) return '[Truncated]';

    this.#inProgress.add(value);
    try {
      const result = this.#walkObject(value, depth);
      this.#done.set(value, result);
      return result;
    } finally {
      this.#inProgress.delete(value);
    }
  }

  #walkObject(value: object, depth: number): unknown {
    if (value instanceof Error || types.isNativeError(value)) {
      const plain = this.options.serializeError ? this.options.serializeError(value as Error) : errorToPlain(value as Error);
      // The serializer's output is fresh data, walked like any other (a serializer returning the error itself
      // would loop, so that case falls back to the default shape).
      return this.walk(plain === value ? errorToPlain(value as Error) : plain, depth + 1);
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const scrubbed = this.walk(item, depth + 1);
        if (scrubbed !== item && !copy) copy = value.slice(0, i);
        if (copy) copy.push(scrubbed);
      }
      return copy ?? value;
    }
    if (Buffer.isBuffer(value) || ArrayBuffer.isView(value) || value instanceof Date) return value;
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      // JSON.stringify prints what toJSON returns, so that is what must be scrubbed.
      let json: unknown;
      try {
        json = (toJSON as () => unknown).call(value);
      } catch {
        return '[Unserializable]';
      }
      const scrubbed = this.walk(json, depth + 1);
      return scrubbed === json ? value : scrubbed;
    }

    let copy: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      let item: unknown;
      try {
        item = (value as Record<string, unknown>)[key];
      } catch {
        item = '[Unreadable]';
      }
      const scrubbed = isSecretKey(key) && item !== undefined && item !== null && item !== '' ? REDACTED : this.walk(item, depth + 1);
      if (scrubbed !== item && !copy) {
        copy = {};
        for (let j = 0; j < i; j++) copy[keys[j]!] = (value as Record<string, unknown>)[keys[j]!];
      }
      if (copy) copy[key] = scrubbed;
    }
    return copy ?? value;
  }
}

/** The default plain form of an Error: what a reader needs, plus its own enumerable fields. */
function errorToPlain(err: Error): Record<string, unknown> {
  const out: Record<string, unknown> = { type: err.name || err.constructor?.name || 'Error', message: err.message };
  if (err.stack) out.stack = err.stack;
  for (const key of Object.keys(err)) {
    if (!(key in out)) out[key] = (err as unknown as Record<string, unknown>)[key];
  }
  if (err.cause !== undefined && !('cause' in out)) out.cause = err.cause;
  return out;
}

/** The registry every part of the process shares. */
export const secrets = new SecretRegistry();
