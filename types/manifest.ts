/* eslint-disable */
/**
 * Generated from schemas/ by `npm run gen:types` (json-schema-to-typescript). Do not edit by hand.
 */

/**
 * A URL, possibly starting with a {variable} from the region table.
 */
export type UrlTemplate = string;
export type KebabId = string;
/**
 * A JSON Schema file under schemas/, relative to the manifest's folder.
 */
export type SchemaPath = string;
/**
 * A module path relative to the manifest's folder, without extension (e.g. actions/create-record).
 */
export type ModulePath = string;

/**
 * Declares a connector: who it is, how a connection is made, and the actions it offers. The host runtime reads only this file to know a connector.
 */
export interface Manifest {
  $schema?: string;
  /**
   * Stable connector id, e.g. zoho-crm.
   */
  id: string;
  /**
   * Display name.
   */
  name: string;
  /**
   * Semantic version of the connector.
   */
  version: string;
  description: string;
  connection: Connection;
  /**
   * Every action the connector offers. Ids must be unique.
   *
   * @minItems 1
   */
  actions: [Action, ...Action[]];
}
export interface Connection {
  nickname: {
    title: string;
    description: string;
    /**
     * Regular expression every nickname must match.
     */
    pattern: string;
  };
  /**
   * Module exporting createClient(ctx) for a stored connection.
   */
  clientFactory: string;
  /**
   * Module exporting resolveOptions(request) that fills form fields marked with x-options from the connection (e.g. a module list).
   */
  optionsProvider?: string;
  auth: Oauth2 | NoAuth;
}
export interface Oauth2 {
  type: "oauth2";
  /**
   * Variables per region (data centre), substituted into the URL templates below as {name}.
   */
  regions: {
    [k: string]: {
      label: string;
      [k: string]: string;
    };
  };
  defaultRegion: string;
  authorizeUrl: UrlTemplate;
  tokenUrl: UrlTemplate;
  refreshUrl: UrlTemplate;
  revokeUrl: UrlTemplate;
  /**
   * @minItems 1
   */
  scopes: [string, ...string[]];
  scopeSeparator?: string;
  /**
   * Extra query parameters on the authorize URL.
   */
  authorizeParams?: {
    [k: string]: string;
  };
  /**
   * Token-response field naming the API base URL to use (it wins over the region table).
   */
  apiDomainField?: string;
  /**
   * How the access token is sent.
   */
  token: {
    header: string;
    prefix: string;
  };
}
export interface NoAuth {
  type: "none";
  /**
   * Settings a connection of this connector stores (name → description).
   */
  settings?: {
    [k: string]: string;
  };
}
export interface Action {
  id: KebabId;
  title: string;
  description: string;
  /**
   * Heading the action is listed under (e.g. Records, Notes).
   */
  group: string;
  input: SchemaPath;
  output: SchemaPath;
  handler: ModulePath;
  /**
   * True when running it twice with the same input has the effect of running it once.
   */
  idempotent: boolean;
  /**
   * True when it deletes or overwrites data.
   */
  destructive: boolean;
  /**
   * False when the action needs no connection.
   */
  connection?: boolean;
  /**
   * Per-run timeout; the runtime default applies when absent.
   */
  timeoutMs?: number;
}
