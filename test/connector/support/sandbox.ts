/** Clients and connections over an in-process sandbox, for the connector's integration tests. */
import { MemoryCredentialStore } from '../../../runtime/credentials/memory-store';
import type { Connection } from '../../../runtime/types';
import { createZohoClient, type ZohoClientOptions } from '../../../connector/client-factory';
import type { RunningSandbox } from '../../../sandbox';
import { captureLog, SPEC } from './connections';

/** A connection holding the demo user's refresh token (no access token yet: the first call refreshes). */
export function demoConnection(sb: RunningSandbox, nickname = 'demo'): Connection {
  const now = new Date().toISOString();
  return {
    nickname,
    connector: 'zoho-crm',
    createdAt: now,
    updatedAt: now,
    settings: { region: 'us', accountsUrl: sb.url, apiDomain: sb.url, clientId: sb.clientId, scopes: [...SPEC.auth.scopes], orgId: `sandbox-${sb.port}` },
    secrets: { clientSecret: sb.clientSecret, refreshToken: sb.refreshToken },
  };
}

/** A client with instant, recorded backoff; each call builds a fresh store, so sessions never leak between tests. */
export function sandboxClient(sb: RunningSandbox, options: Partial<ZohoClientOptions> = {}) {
  const connection = options.connection ?? demoConnection(sb);
  const store = options.store ?? new MemoryCredentialStore([connection]);
  const logs = captureLog();
  const waits: number[] = [];
  const client = createZohoClient({
    connection,
    store,
    log: logs.log,
    spec: SPEC.auth,
    sleep: async (ms) => {
      waits.push(ms);
    },
    retry: { baseDelayMs: 1, maxDelayMs: 4, jitter: 0 },
    ...options,
  });
  return { client, store, logs, waits, connection };
}
