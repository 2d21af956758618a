/**
 * The module the manifest names as `connection.clientFactory`: builds the ZohoClient for a stored connection
 * by assembling the middleware chain in order, around a token manager and an org limiter shared by every
 * client of the same connection and org in this process.
 */
import type { ClientFactoryContext, Connection, Coordination, CredentialStore, Logger } from '../runtime/types';
import { authHeader } from './client/auth-header';
import { baseUrl } from './client/base-url';
import { createDryRunClient } from './client/dry-run-client';
import { hostGuard } from './client/host-guard';
import { limitConcurrency } from './client/limit-concurrency';
import { logCall } from './client/log-call';
import { refreshOn401 } from './client/refresh-on-401';
import { retry } from './client/retry';
import { retryPolicy, type RetryPolicy } from './client/retry-policy';
import { throwForStatus } from './client/throw-for-status';
import { transport } from './client/transport';
import { compose, type Handler, type Middleware } from './client/types';
import { ZohoClient } from './client/zoho-client';
import { connectionInfo, readZohoConnection } from './connection';
import { limiterFor, sizesFor, type LimiterSizes } from './limiter';
import { DEFAULT_METADATA_TTL_MS, Metadata } from './metadata';
import { TokenClient } from './oauth/token-client';
import { endpointsOfConnection } from './regions';
import { sessionFor } from './session';
import { sharedSlots } from './shared-limits';
import { sleep as defaultSleep, type Clock, type Sleep } from './sleep';
import { oauthSpecFrom, type OAuthSpec } from './spec';
import type { TokenCap } from './token-manager';

export { ZohoClient } from './client/zoho-client';

export interface ZohoClientOptions {
  connection: Connection;
  store: CredentialStore;
  log: Logger;
  /** The manifest's connection section (or just its oauth part). */
  spec: OAuthSpec;
  retry?: Partial<RetryPolicy>;
  /** Limiter sizes; default from the connection's edition, else Zoho's 10 (heavy calls 10). */
  limits?: Partial<LimiterSizes>;
  timeoutMs?: number;
  metadataTtlMs?: number;
  now?: Clock;
  sleep?: Sleep;
  /** Token manager tuning (used when the connection's session is first made in this process). */
  tokens?: { refreshAheadMs?: number; maxWaitMs?: number; refusedBackoffMs?: number; cap?: TokenCap };
  /** Middleware added just before the transport (tests use it to observe or fault requests). */
  extraMiddleware?: Middleware[];
  /** Replaces the axios transport (tests). */
  transport?: Handler;
  /** Other processes share the store (worker mode): refresh under a shared lock, org limits shared across processes. */
  coordination?: Coordination;
}

function limiterKey(settings: { orgId?: string; apiDomain: string; userId?: string; clientId: string }): string {
  // Zoho counts concurrency per org (per app); until the org is known, the user is the best stand-in.
  return settings.orgId ? `org:${settings.orgId}` : `domain:${settings.apiDomain}|user:${settings.userId ?? settings.clientId}`;
}

export function createZohoClient(options: ZohoClientOptions): ZohoClient {
  const view = readZohoConnection(options.connection);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const spec = options.spec;
  const session = sessionFor(options.store, options.connection, () => ({
    connection: options.connection,
    store: options.store,
    tokenClient: new TokenClient({ ...(spec.apiDomainField ? { apiDomainField: spec.apiDomainField } : {}), ...(spec.scopeSeparator ? { scopeSeparator: spec.scopeSeparator } : {}) }),
    refreshUrl: (settings) => endpointsOfConnection(spec, settings).refreshUrl,
    log: options.log,
    now,
    sleep,
    ...options.tokens,
    ...(options.coordination ? { coordination: options.coordination } : {}),
  }));
  const tokens = session.tokens;
  const settings = tokens.settings;
  const sizes = sizesFor({ ...(settings.edition ? { edition: settings.edition } : {}), ...options.limits });
  const orgKey = limiterKey(settings);
  const limiter = limiterFor(orgKey, sizes, options.coordination ? sharedSlots(options.coordination, orgKey, sizes) : undefined);
  const policy = retryPolicy(options.retry);
  const hintContext = () => ({ nickname: view.nickname, grantedScopes: tokens.settings.scopes });

  const chain: Middleware[] = [
    baseUrl(settings.apiDomain),
    hostGuard(settings.apiDomain),
    throwForStatus(hintContext),
    refreshOn401(tokens),
    retry({
      policy,
      sleep,
      now,
      onRetry: (r) => options.log.debug({ method: r.method, path: r.path, attempt: r.attempt, delayMs: r.delayMs, reason: r.reason }, 'zoho call will be retried'),
    }),
    authHeader(tokens, spec.token),
    limitConcurrency(limiter),
    logCall(options.log),
    ...(options.extraMiddleware ?? []),
  ];
  const handler = compose(chain, options.transport ?? transport());
  let client: ZohoClient;
  const metadata = new Metadata(session.metadata, (path, query) => client.get(path, query), options.metadataTtlMs ?? DEFAULT_METADATA_TTL_MS, now);
  client = new ZohoClient({ handler, info: connectionInfo({ ...view, settings }), limiter, metadata, hintContext, defaultTimeoutMs: options.timeoutMs ?? 60_000 });
  return client;
}

function envInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const n = Number.parseInt(raw, 10);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The clients honour `dryRun` (connector/client/dry-run-client.ts): the executor may ask for one. */
export const supportsDryRun = true;

/** The runtime's entry point (manifest `connection.clientFactory`). ZOHO_CONCURRENCY and ZOHO_HEAVY_CONCURRENCY size the limiter. */
export function createClient(ctx: ClientFactoryContext): ZohoClient {
  if (ctx.dryRun) return createDryRunClient({ connection: ctx.connection, spec: oauthSpecFrom(ctx.connectionSpec), log: ctx.log, recordCall: ctx.recordCall ?? (() => undefined) });
  const concurrency = envInt(process.env, 'ZOHO_CONCURRENCY');
  const heavyConcurrency = envInt(process.env, 'ZOHO_HEAVY_CONCURRENCY');
  return createZohoClient({
    connection: ctx.connection,
    store: ctx.store,
    log: ctx.log,
    spec: oauthSpecFrom(ctx.connectionSpec),
    limits: { ...(concurrency ? { concurrency } : {}), ...(heavyConcurrency ? { heavyConcurrency } : {}) },
    ...(ctx.coordination ? { coordination: ctx.coordination } : {}),
  });
}
