/** What a CRM route handler gets: the org, the caller, the API version, the request, and helpers to check it. */
import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxConfig } from './config';
import { scopeMismatch, unsupportedMediaType, wrongFormat } from './errors';
import type { Org } from './org';
import type { OrgUser } from './seed/users';

/** The API version of the URL: `v8` → 8, `v2.1` → 2.1. */
export interface ApiVersion {
  label: string;
  number: number;
}

export interface CrmContext {
  org: Org;
  config: SandboxConfig;
  version: ApiVersion;
  method: string;
  url: URL;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  user: OrgUser;
  /** The request's time, whole seconds (ms). */
  now: number;
  /** Throws OAUTH_SCOPE_MISMATCH unless the token's scopes cover one of `required`. */
  requireScope(...required: string[]): void;
  /** The JSON body; throws Zoho's errors for a wrong content type or malformed JSON. Undefined when empty. */
  body(): unknown;
  /** Adds API credits beyond the route's base cost (COQL costs by LIMIT). */
  chargeCredits(extra: number): void;
}

const JSON_TYPES = /^(application\/([\w.+-]*\+)?json|text\/json|text\/plain)$/i;

export function makeBodyReader(raw: Buffer, contentType: string | undefined): () => unknown {
  let parsed: { value: unknown } | undefined;
  return () => {
    if (parsed) return parsed.value;
    if (raw.length === 0) {
      parsed = { value: undefined };
      return undefined;
    }
    const type = (contentType ?? '').split(';')[0]?.trim() ?? '';
    if (type !== '' && !JSON_TYPES.test(type)) throw unsupportedMediaType(type);
    try {
      parsed = { value: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      throw wrongFormat();
    }
    return parsed.value;
  };
}

export function makeScopeCheck(granted: string[], hasScope: (granted: string[], required: string) => boolean): (...required: string[]) => void {
  return (...required) => {
    if (!required.some((r) => hasScope(granted, r))) throw scopeMismatch();
  };
}
