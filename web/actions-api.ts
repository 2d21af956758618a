/**
 * The playground's action endpoints: the catalogue (grouped as the manifest orders it), one action's details
 * (input examples, output paths a flow can map from), and a run through `host.execute` with its HTTP trace.
 */
import type { ErrorInfo } from '../runtime/errors';
import type { Host } from '../runtime/types';
import { objectBody } from './http-json';
import { outputPaths, type OutputPath } from './output-paths';
import type { CallTrace, TracedCall } from './trace';

export interface ActionSummary {
  id: string;
  title: string;
  description: string;
  idempotent: boolean;
  destructive: boolean;
}

export interface ConnectionSummary {
  nickname: string;
  /** `sandbox` for a connection to a local sandbox (settings.method), `remote` otherwise. */
  kind: 'sandbox' | 'remote';
  /** Non-secret facts to show: user, org, API domain, when the connection stores them. */
  user?: string;
  org?: string;
  apiDomain?: string;
}

export interface Catalogue {
  connector: { id: string; name: string; version: string };
  connection: ConnectionSummary | null;
  groups: { name: string; actions: ActionSummary[] }[];
}

function text(settings: Record<string, unknown>, key: string): string | undefined {
  const value = settings[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function connectionSummary(host: Host, nickname: string | undefined): Promise<ConnectionSummary | null> {
  if (!nickname) return null;
  const connection = await host.store.get(nickname);
  if (!connection) return null;
  const s = connection.settings;
  const user = text(s, 'userEmail') ?? text(s, 'userName');
  const org = text(s, 'orgName') ?? text(s, 'orgId');
  const apiDomain = text(s, 'apiDomain');
  return { nickname, kind: s.method === 'sandbox' ? 'sandbox' : 'remote', ...(user ? { user } : {}), ...(org ? { org } : {}), ...(apiDomain ? { apiDomain } : {}) };
}

export async function catalogue(host: Host, nickname: string | undefined): Promise<Catalogue> {
  const groups = new Map<string, ActionSummary[]>();
  for (const a of host.manifest.actions) {
    if (!groups.has(a.group)) groups.set(a.group, []);
    groups.get(a.group)!.push({ id: a.id, title: a.title, description: a.description, idempotent: a.idempotent, destructive: a.destructive });
  }
  const { id, name, version } = host.manifest;
  return {
    connector: { id, name, version },
    connection: await connectionSummary(host, nickname),
    groups: [...groups].map(([group, actions]) => ({ name: group, actions })),
  };
}

export interface ActionDetails extends ActionSummary {
  group: string;
  /** The input schema's examples: the page offers them as a starting point. */
  examples: unknown[];
  outputPaths: OutputPath[];
}

export function actionDetails(host: Host, actionId: string): ActionDetails {
  const a = host.action(actionId);
  const input = host.schema(actionId, 'input');
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    idempotent: a.idempotent,
    destructive: a.destructive,
    group: a.group,
    examples: Array.isArray(input.examples) ? input.examples : [],
    outputPaths: outputPaths(host.schema(actionId, 'output')),
  };
}

export type RunResponse = ({ ok: true; output: unknown } | { ok: false; error: ErrorInfo }) & { durationMs: number; calls: TracedCall[] };

export async function runAction(host: Host, actionId: string, body: unknown, options: { connection?: string; trace?: CallTrace }): Promise<RunResponse> {
  host.action(actionId); // an unknown id is a 404, not a failed run
  const request = objectBody(body, '{ input }');
  const input = request.input ?? {};
  const execute = () => host.execute(actionId, input, options.connection !== undefined ? { connection: options.connection } : {});
  const { value: result, calls } = options.trace ? await options.trace.capture(execute) : { value: await execute(), calls: [] };
  const durationMs = Math.round(result.durationMs);
  return result.ok ? { ok: true, output: result.output, durationMs, calls } : { ok: false, error: result.error, durationMs, calls };
}
