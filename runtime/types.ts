/**
 * The small typed interfaces between the runtime and the connectors it runs. Nothing here knows about any
 * particular remote service.
 */
import type { Logger } from 'pino';

export type { Logger };

/** A stored connection. `settings` are plain facts; `secrets` are never logged or printed. */
export interface Connection {
  nickname: string;
  /** The manifest id of the connector this connection belongs to. */
  connector: string;
  createdAt: string;
  updatedAt: string;
  /** Non-secret facts, e.g. data centre, API domain, the remote user and org once known. */
  settings: Record<string, unknown>;
  /** Tokens, client secrets and the like. Redacted from every log line and error. */
  secrets: Record<string, string>;
}

/** Where connections live: an encrypted file, memory, or (worker mode) Redis. */
export interface CredentialStore {
  list(): Promise<Connection[]>;
  get(nickname: string): Promise<Connection | undefined>;
  /** Creates or replaces a connection. Resolves once it is durable. */
  put(connection: Connection): Promise<void>;
  /**
   * Read-modify-write of one connection under the store's lock, so concurrent writers (other processes too)
   * never lose each other's changes. Throws a ConnectionError when the nickname is unknown.
   */
  update(nickname: string, change: (current: Connection) => Connection): Promise<Connection>;
  delete(nickname: string): Promise<boolean>;
}

export interface ProgressEvent {
  /** Items or records done so far. */
  done: number;
  /** Total when known. */
  total?: number;
  /** A short label such as "page 3" or "batch 2/10". */
  label?: string;
}

/** What a handler receives. `Client` is whatever the connector's client factory builds. */
export interface ActionContext<Input, Client> {
  input: Input;
  client: Client;
  log: Logger;
  signal: AbortSignal;
  progress: (event: ProgressEvent) => void;
}

export type ActionHandler<Input, Output, Client> = (ctx: ActionContext<Input, Client>) => Promise<Output>;

/** What an action module exports (as `default` or `action`): its id, to check against the manifest, and its handler. */
export interface ActionDefinition<Input = unknown, Output = unknown, Client = unknown> {
  id: string;
  handler: ActionHandler<Input, Output, Client>;
}

/** Typed helper for action files: `export default defineAction<In, Out, Client>({ id, handler })`. */
export function defineAction<Input, Output, Client>(definition: ActionDefinition<Input, Output, Client>): ActionDefinition<Input, Output, Client> {
  return definition;
}

export interface ClientFactoryContext {
  connection: Connection;
  /** To save refreshed tokens at once. */
  store: CredentialStore;
  log: Logger;
  /** The connection part of the manifest (auth URLs, scopes ...), as data. */
  connectionSpec: Record<string, unknown>;
}

/** What the module named by the manifest's `connection.clientFactory` exports. */
export interface ClientFactoryModule<Client = unknown> {
  createClient(ctx: ClientFactoryContext): Client | Promise<Client>;
  /** Optional: a client for actions that need no connection (the manifest marks them `connection: false`). */
  createAnonymousClient?(ctx: Omit<ClientFactoryContext, 'connection' | 'store'>): Client | Promise<Client>;
}

export interface ExecuteOptions {
  /** Nickname of the stored connection to use (required for actions that need one). */
  connection?: string;
  signal?: AbortSignal;
  /** Overrides the action's timeout. */
  timeoutMs?: number;
  progress?: (event: ProgressEvent) => void;
  log?: Logger;
}

export type ExecuteResult<Output = unknown> =
  | { ok: true; output: Output; durationMs: number }
  | { ok: false; error: import('./errors').ErrorInfo; durationMs: number };

/** What runs actions: the runtime's executor, or anything with the same shape (flows take one). */
export interface Executor {
  execute(actionId: string, input: unknown, options?: ExecuteOptions): Promise<ExecuteResult>;
  hasAction(actionId: string): boolean;
  actionIds(): string[];
}

/** A loaded connector: its manifest, schemas and handlers, ready to execute actions. */
export interface Host extends Executor {
  readonly manifest: import('../types/manifest').Manifest;
  /** Folder of the manifest; handler and schema paths are relative to it. */
  readonly root: string;
  readonly store: CredentialStore;
  readonly log: Logger;
  /** The manifest entry of an action; throws an InputError listing the valid ids when unknown. */
  action(actionId: string): import('../types/manifest').Action;
  /** The action's input or output JSON Schema with every `$ref` inlined (for describing and forms). */
  schema(actionId: string, which: 'input' | 'output'): Record<string, unknown>;
  /** Validates (and fills defaults into) `input` in place; returns the issues, empty when valid. */
  validateInput(actionId: string, input: unknown): import('./errors').ValidationIssue[];
  /** Builds the connector's client for a stored connection, as handlers receive it. */
  clientFor(nickname: string): Promise<unknown>;
}
