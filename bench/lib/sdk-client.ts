/**
 * Zoho's official TypeScript SDK (@zohocrm/typescript-sdk-8.0, a devDependency for this benchmark only) pointed
 * at the sandbox: a custom Environment (API URL, token URL), a token store in memory, field metadata files in a
 * temporary folder, logging off. The SDK keeps one global initializer per process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as SDKTypes from '@zohocrm/typescript-sdk-8.0';

type Sdk = typeof SDKTypes;
type Token = SDKTypes.Token.MasterModel;

/** The SDK's TokenStore interface, in memory: the SDK saves its refreshed token here and reads it back. */
class MemoryTokenStore {
  private tokens: Token[] = [];
  async findToken(): Promise<Token | null> {
    return this.tokens[0] ?? null;
  }
  async findTokenById(): Promise<Token | null> {
    return this.tokens[0] ?? null;
  }
  async saveToken(token: Token): Promise<void> {
    this.tokens = [token];
  }
  async deleteToken(): Promise<void> {
    this.tokens = [];
  }
  async getTokens(): Promise<Token[]> {
    return this.tokens;
  }
  async deleteTokens(): Promise<void> {
    this.tokens = [];
  }
}

export interface SdkClient {
  sdk: Sdk;
  close(): void;
}

export async function sdkClient(sandbox: { url: string; accountsUrl: string; clientId: string; clientSecret: string; refreshToken: string }): Promise<SdkClient> {
  // Loaded here: the SDK takes most of a second to load, and only this benchmark needs it.
  const sdk = require('@zohocrm/typescript-sdk-8.0') as Sdk;
  const dir = mkdtempSync(join(tmpdir(), 'zcrm-bench-sdk-'));
  const environment = new sdk.Environment(sandbox.url, `${sandbox.accountsUrl}/oauth/v2/token`, sandbox.url);
  const token = new sdk.OAuthBuilder().clientId(sandbox.clientId).clientSecret(sandbox.clientSecret).refreshToken(sandbox.refreshToken).findUser(false).build();
  const logger = new sdk.LogBuilder().level(sdk.Levels.OFF).filePath(join(dir, 'sdk.log')).build();
  const config = new sdk.SDKConfigBuilder().pickListValidation(false).autoRefreshFields(false).build();
  await (await new sdk.InitializeBuilder())
    .environment(environment)
    .token(token)
    .store(new MemoryTokenStore() as unknown as SDKTypes.TokenStore.MasterModel)
    .SDKConfig(config)
    .resourcePath(dir)
    .logger(logger)
    .initialize();
  return { sdk, close: () => rmSync(dir, { recursive: true, force: true }) };
}
