/**
 * CRM URL routing: `/crm/{version}/...` split into segments and matched against the route table. Literal
 * segments match case-insensitively; `:name` segments capture. Order in the table decides ties, so literal
 * routes (`/Notes`, `/{module}/search`) come before the generic record routes.
 */
import type { ApiVersion, CrmContext } from './context';
import type { Reply } from './http/reply';

export type Handler = (ctx: CrmContext, params: Record<string, string>) => Reply | Promise<Reply>;

export interface RouteDef {
  /** Path pattern, e.g. `:module/:id/actions/clone`. */
  pattern: string;
  handlers: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', Handler>>;
  /** Counts against the sub-concurrency limit (COQL, convert). */
  heavy?: boolean;
  /** API credits per call (default 1). */
  credits?: number;
  /** The first API version that has this route (clone: 7). */
  minVersion?: number;
}

export interface CompiledRoute extends RouteDef {
  /** `/crm/{version}/{module}/{id}/actions/clone`: the name stats and the request log use. */
  id: string;
  segments: string[];
}

export type Match = { route: CompiledRoute; params: Record<string, string>; handler: Handler | undefined };

/** Versions served; each answers from the same data, with that version's rules. */
const VERSIONS = new Set(['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']);

export type CrmPath = { kind: 'crm'; version: ApiVersion; segments: string[] } | { kind: 'unsupported-version'; label: string } | { kind: 'other' };

export function compileRoutes(defs: RouteDef[]): CompiledRoute[] {
  return defs.map((d) => {
    const segments = d.pattern.split('/').filter((s) => s !== '');
    const id = `/crm/{version}/${segments.map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s)).join('/')}`;
    return { ...d, id, segments };
  });
}

export function parseCrmPath(pathname: string): CrmPath {
  const parts = pathname.split('/');
  if (parts[0] !== '' || parts[1] !== 'crm' || parts.length < 3) return { kind: 'other' };
  const label = parts[2] as string;
  let segments: string[];
  try {
    segments = parts.slice(3).filter((s) => s !== '').map((s) => decodeURIComponent(s));
  } catch {
    return { kind: 'other' };
  }
  if (!VERSIONS.has(label)) return /^v\d+(\.\d+)?$/.test(label) ? { kind: 'unsupported-version', label } : { kind: 'other' };
  return { kind: 'crm', version: { label, number: Number(label.slice(1)) }, segments };
}

export function matchRoute(routes: readonly CompiledRoute[], segments: readonly string[], method: string, version: ApiVersion): Match | undefined {
  for (const route of routes) {
    if (route.segments.length !== segments.length) continue;
    if (route.minVersion !== undefined && version.number < route.minVersion) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const pattern = route.segments[i] as string;
      const value = segments[i] as string;
      if (pattern.startsWith(':')) params[pattern.slice(1)] = value;
      else ok = pattern.toLowerCase() === value.toLowerCase();
    }
    if (ok) return { route, params, handler: route.handlers[method as keyof RouteDef['handlers']] };
  }
  return undefined;
}
