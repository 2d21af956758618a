/**
 * The manifest's `connection` section read as typed data: regions, URL templates, scopes and token placement.
 * The connector takes every one of these facts from the manifest instead of hard-coding them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from '../runtime/errors';
import type { Connection as ManifestConnection, Oauth2 } from '../types/manifest';

export type OAuthSpec = Oauth2;

/** The connection section and the connector id, as the connect commands and the client need them. */
export interface ConnectionSpec {
  connectorId: string;
  nicknamePattern: RegExp;
  auth: OAuthSpec;
}

function fail(path: string, problem: string): never {
  throw new ManifestError('manifest.json', `/connection${path}`, problem, 'Fix the connection section of the manifest (see schemas/manifest.schema.json).');
}

/** Reads `connectionSpec` (the manifest's connection section as handed to the client factory). */
export function oauthSpecFrom(connectionSpec: Record<string, unknown>): OAuthSpec {
  const auth = connectionSpec.auth as Partial<Oauth2> | undefined;
  if (!auth || auth.type !== 'oauth2') fail('/auth', 'the Zoho connector needs an oauth2 connection');
  if (!auth.regions || Object.keys(auth.regions).length === 0) fail('/auth/regions', 'no regions (data centres) are declared');
  for (const key of ['authorizeUrl', 'tokenUrl', 'refreshUrl', 'revokeUrl'] as const) {
    if (typeof auth[key] !== 'string') fail(`/auth/${key}`, `${key} is missing`);
  }
  if (!Array.isArray(auth.scopes) || auth.scopes.length === 0) fail('/auth/scopes', 'no scopes are declared');
  if (!auth.token || typeof auth.token.header !== 'string' || typeof auth.token.prefix !== 'string') fail('/auth/token', 'token placement (header, prefix) is missing');
  return auth as OAuthSpec;
}

export function connectionSpecFrom(connectorId: string, connection: ManifestConnection | Record<string, unknown>): ConnectionSpec {
  const section = connection as Record<string, unknown>;
  const nickname = section.nickname as { pattern?: string } | undefined;
  if (!nickname || typeof nickname.pattern !== 'string') fail('/nickname/pattern', 'the nickname pattern is missing');
  return { connectorId, nicknamePattern: new RegExp(nickname.pattern), auth: oauthSpecFrom(section) };
}

/** This package's own manifest (for library users who build clients without loading a host). */
export function packagedConnectionSpec(): ConnectionSpec {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', 'manifest.json'), 'utf8')) as { id: string; connection: ManifestConnection };
  return connectionSpecFrom(manifest.id, manifest.connection);
}
