/** Builders for stored Zoho connections and a log sink that keeps every line, for the connector's tests. */
import { Writable } from 'node:stream';
import pino from 'pino';
import type { Connection } from '../../../runtime/types';
import { packagedConnectionSpec } from '../../../connector/spec';

export const SPEC = packagedConnectionSpec();

export interface ConnectionSeed {
  nickname?: string;
  baseUrl: string;
  accessToken?: string;
  /** ms from now; negative = expired. */
  expiresInMs?: number;
  settings?: Record<string, unknown>;
  refreshToken?: string;
  clientSecret?: string;
}

export function zohoConnection(seed: ConnectionSeed): Connection {
  const now = new Date().toISOString();
  const secrets: Record<string, string> = { clientSecret: seed.clientSecret ?? 'client-secret-value-123', refreshToken: seed.refreshToken ?? '1000.refresh-token-value-abc' };
  if (seed.accessToken) secrets.accessToken = seed.accessToken;
  return {
    nickname: seed.nickname ?? 'main',
    connector: 'zoho-crm',
    createdAt: now,
    updatedAt: now,
    settings: {
      region: 'us',
      accountsUrl: seed.baseUrl,
      apiDomain: seed.baseUrl,
      clientId: '1000.CLIENTID',
      scopes: ['ZohoCRM.modules.ALL'],
      ...(seed.accessToken ? { accessTokenExpiresAt: new Date(Date.now() + (seed.expiresInMs ?? 3600_000)).toISOString() } : {}),
      ...seed.settings,
    },
    secrets,
  };
}

export interface CapturedLog {
  log: pino.Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
}

export function captureLog(level: pino.Level = 'debug'): CapturedLog {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      out.push(chunk.toString('utf8'));
      cb();
    },
  });
  const log = pino({ level }, stream);
  return { log, text: () => out.join(''), lines: () => out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

/** Instant sleeps that record what was asked for. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  };
}
