/**
 * Templates in step inputs: `{{ inputs.email }}`, `{{ steps.create.output.data[0].id }}`. A string that is one
 * template and nothing else takes the referenced value with its JSON type; a template inside a longer string is
 * stringified into it. `\{{` writes a literal `{{`.
 */

export type PathSegment = string | number;

export interface TemplateRef {
  /** The expression as written between the braces, trimmed. */
  expression: string;
  /** The path from the scope's root, e.g. ['steps', 'create', 'output', 'id']. */
  path: PathSegment[];
}

export type TemplatePart = string | TemplateRef;

export interface ParsedTemplate {
  parts: TemplatePart[];
  /** The whole string is a single template: its value keeps its JSON type. */
  whole: boolean;
}

/** A template that cannot be parsed; `message` says what is wrong with it. */
export class TemplateSyntaxError extends Error {}

/** A template whose path leads nowhere; `message` says where it stopped and what was there. */
export class TemplateUnresolvedError extends Error {
  constructor(
    readonly ref: TemplateRef,
    /** JSON pointer, inside the value being resolved, of the string holding the template. */
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$-]*/;

function parseExpression(expression: string): PathSegment[] {
  if (expression === '') throw new TemplateSyntaxError('empty template "{{ }}": write a path such as {{ inputs.name }}');
  const path: PathSegment[] = [];
  let rest = expression;
  const first = IDENT.exec(rest);
  if (!first) throw new TemplateSyntaxError(`"{{ ${expression} }}" must start with a name such as inputs or steps`);
  path.push(first[0]);
  rest = rest.slice(first[0].length);
  while (rest !== '') {
    if (rest.startsWith('.')) {
      const m = IDENT.exec(rest.slice(1));
      if (!m) throw new TemplateSyntaxError(`"{{ ${expression} }}": expected a property name after "." at "${rest}"`);
      path.push(m[0]);
      rest = rest.slice(1 + m[0].length);
      continue;
    }
    const index = /^\[(\d+)\]/.exec(rest);
    if (index) {
      path.push(Number(index[1]));
      rest = rest.slice(index[0].length);
      continue;
    }
    const quoted = /^\[("(?:[^"\\]|\\.)*"|'[^']*')\]/.exec(rest);
    if (quoted) {
      const token = quoted[1]!;
      path.push(token.startsWith('"') ? (JSON.parse(token) as string) : token.slice(1, -1));
      rest = rest.slice(quoted[0].length);
      continue;
    }
    throw new TemplateSyntaxError(`"{{ ${expression} }}": unexpected "${rest}" (use .name, [0] or ["name with spaces"])`);
  }
  return path;
}

/** Parses the templates of one string; `undefined` when it holds none (the string is used as it is). */
export function parseTemplate(text: string): ParsedTemplate | undefined {
  if (!text.includes('{{')) return undefined;
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('\\{{', i)) {
      literal += '{{';
      i += 3;
      continue;
    }
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      if (close < 0) throw new TemplateSyntaxError(`"{{" at character ${i + 1} has no closing "}}" (write \\{{ for a literal "{{")`);
      const expression = text.slice(i + 2, close).trim();
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ expression, path: parseExpression(expression) });
      i = close + 2;
      continue;
    }
    literal += text[i];
    i += 1;
  }
  if (literal) parts.push(literal);
  return { parts, whole: parts.length === 1 && typeof parts[0] !== 'string' };
}

export function formatPath(path: PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (out === '') out = segment;
    else out += IDENT.exec(segment)?.[0] === segment ? `.${segment}` : `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

export type Lookup = { found: true; value: unknown } | { found: false; reason: string };

/** Follows `path` from `root`; when it leads nowhere, says where it stopped and what was there. */
export function lookupPath(root: unknown, path: PathSegment[]): Lookup {
  let value = root;
  for (let i = 0; i < path.length; i += 1) {
    const segment = path[i]!;
    const here = formatPath(path.slice(0, i)) || 'the scope';
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return { found: false, reason: `${here} is ${describe(value)}, not an array, so [${segment}] does not exist` };
      if (segment >= value.length) return { found: false, reason: `${here} has ${value.length} item${value.length === 1 ? '' : 's'}, so [${segment}] does not exist` };
      value = value[segment];
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { found: false, reason: `${here} is ${describe(value)}, so it has no property "${segment}"` };
    }
    if (!Object.prototype.hasOwnProperty.call(value, segment)) {
      const keys = Object.keys(value);
      const known = keys.length ? `it has: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', ...' : ''}` : 'it is empty';
      return { found: false, reason: `${here} has no property "${segment}" (${known})` };
    }
    value = (value as Record<string, unknown>)[segment];
  }
  if (value === undefined) return { found: false, reason: `${formatPath(path)} has no value` };
  return { found: true, value };
}

/** How a value reads inside a longer string: strings as they are, everything else as JSON. */
function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Calls `visit` for every string of `value` that holds templates (with its JSON pointer), and `onKey` for
 * object keys that look like templates (keys are never expanded).
 */
export function forEachTemplate(
  value: unknown,
  visit: (text: string, pointer: string) => void,
  onKey: (key: string, pointer: string) => void = () => undefined,
  pointer = '',
): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) visit(value, pointer);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => forEachTemplate(item, visit, onKey, `${pointer}/${i}`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const child = `${pointer}/${pointerSegment(key)}`;
      if (key.includes('{{')) onKey(key, child);
      forEachTemplate(item, visit, onKey, child);
    }
  }
}

/**
 * A copy of `value` with every template replaced from `scope` (e.g. `{ inputs, steps: { id: { output } } }`).
 * Throws TemplateSyntaxError or TemplateUnresolvedError. Values taken whole are deep copies, so whoever
 * receives the result may change it without touching the scope.
 */
export function resolveTemplates(value: unknown, scope: Record<string, unknown>, pointer = ''): unknown {
  if (typeof value === 'string') {
    const parsed = parseTemplate(value);
    if (!parsed) return value;
    const valueOf = (ref: TemplateRef): unknown => {
      const found = lookupPath(scope, ref.path);
      if (!found.found) throw new TemplateUnresolvedError(ref, pointer, found.reason);
      return found.value;
    };
    if (parsed.whole) return structuredClone(valueOf(parsed.parts[0] as TemplateRef));
    return parsed.parts.map((part) => (typeof part === 'string' ? part : stringify(valueOf(part)))).join('');
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveTemplates(item, scope, `${pointer}/${i}`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty, so a "__proto__" key stays a plain key as JSON.parse made it
      Object.defineProperty(out, key, { value: resolveTemplates(item, scope, `${pointer}/${pointerSegment(key)}`), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
