/**
 * connector/: everything that knows how to talk to Zoho CRM — data centres, OAuth2, the authenticated client
 * and its middleware chain, errors with hints, pagination, criteria and bulk helpers — so each action handler
 * is a few lines. The runtime reaches it only through `client-factory` (the manifest's clientFactory).
 */
export { createClient, createZohoClient, type ZohoClientOptions } from './client-factory';
export { ZohoClient, type BulkOptions, type RequestOptions, type ShortOptions } from './client/zoho-client';
export type { HttpMethod, Query, QueryValue, ZohoResponse } from './client/types';
export { DEFAULT_RETRY_POLICY, retryPolicy, type RetryPolicy } from './client/retry-policy';
export { ZohoError, isZohoError, zohoErrorFromResponse, type ZohoErrorItem } from './errors';
export { ZohoAuthError, tokenRevokedError } from './auth-errors';
export { buildCriteria, encodeCriteria, escapeCriteriaValue, OPERATORS, type Condition, type Criteria, type CriteriaValue, type Operator } from './criteria';
export { chunk, runBulk, ZOHO_BATCH_SIZE, type BulkFailure, type BulkItemResult, type BulkSuccess } from './bulk';
export { coqlPages, recordPages, splitCoqlLimit, type CoqlPage, type PageInfo, type RecordsPage } from './pagination';
export { sizesFor, type Lane, type LimiterSizes } from './limiter';
export { connectionInfo, readZohoConnection, SECRET_KEYS, SETTING_KEYS, type ConnectionInfo, type ZohoSecrets, type ZohoSettings } from './connection';
export { endpointsFor, regionIds, type RegionEndpoints } from './regions';
export { connectionSpecFrom, oauthSpecFrom, packagedConnectionSpec, type ConnectionSpec } from './spec';
export { connectWithBrowser, connectWithSelfClient, type ConnectResult } from './connect-flow';
export { destroySharedAgents } from './http-agents';
