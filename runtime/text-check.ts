/**
 * Input text must be well-formed Unicode. A lone UTF-16 surrogate (JSON allows "\ud800") cannot be encoded as
 * UTF-8 for a URL or a request body: found anywhere in an input, it is a validation issue at its JSON path,
 * instead of a crash in the connector's query encoding or silently mangled data at the remote service.
 */
import type { ValidationIssue } from './errors';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Beyond this depth values are not walked (the schema validator has already seen them). */
const MAX_DEPTH = 64;

function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(text: string): string {
  const at = text.search(LONE_SURROGATE);
  const unit = text.charCodeAt(at).toString(16).toUpperCase();
  return `is not valid Unicode text: it holds a lone UTF-16 surrogate (U+${unit}) at character ${at + 1}, which cannot be sent; remove it or send the whole character`;
}

/** Every string (and object key) in `value` that is not well-formed Unicode, with its JSON path. */
export function malformedTextIssues(value: unknown, path = '', depth = 0): ValidationIssue[] {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? [{ path, message: describe(value) }] : [];
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return [];
  const issues: ValidationIssue[] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => issues.push(...malformedTextIssues(item, `${path}/${i}`, depth + 1)));
    return issues;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}/${pointer(key)}`;
    if (LONE_SURROGATE.test(key)) issues.push({ path: at, message: `its name ${describe(key)}` });
    issues.push(...malformedTextIssues(item, at, depth + 1));
  }
  return issues;
}
