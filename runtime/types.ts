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

/**
 * A lease on a named lock shared by several processes (worker mode: on Redis). The lease renews itself while
 * held; a holder that dies stops renewing, so others get the lock within one lease time.
 */
export interface Lease {
  /** Grows with every grant of the same lock: a write stamped with a smaller token than one already saved is stale. */
  readonly fencingToken: number;
  /** False once the lease expired or was taken over (the holder was paused longer than the lease). */
  held(): boolean;
  release(): Promise<void>;
}

/** A counting semaphore shared by several processes; the slot of a holder that dies is freed within one lease time. */
export interface SharedSemaphore {
  /** Waits for a free slot (FIFO within a process); resolves to the function that frees it. */
  acquire(signal?: AbortSignal): Promise<() => Promise<void>>;
}

/** Cross-process coordination a connector may use without knowing what backs it (worker mode: Redis). */
export interface Coordination {
  /** Waits for the lock `key` (until `signal` aborts) and returns the lease; `leaseMs` bounds how long a dead holder blocks others. */
  lock(key: string, leaseMs: number, signal?: AbortSignal): Promise<Lease>;
  /** The semaphore `key` with `limit` slots (every user of one key must pass the same limit). */
  semaphore(key: string, limit: number): SharedSemaphore;
}

export interface ClientFactoryContext {
  connection: Connection;
  /** To save refreshed tokens at once. */
  store: CredentialStore;
  log: Logger;
  /** The connection part of the manifest (auth URLs, scopes ...), as data. */
  connectionSpec: Record<string, unknown>;
  /** Present when several processes share the store (worker mode): locks and semaphores that span them. */
  coordination?: Coordination;
  /**
   * A dry run: the client must send nothing (no token request either), hand each request it would have sent
   * to `recordCall`, and answer it with a synthetic empty success so the handler completes.
   */
  dryRun?: boolean;
  /** Set with `dryRun`: receives each request the client did not send. */
  recordCall?: (call: DryRunCall) => void;
}

/** One request a dry run would have sent: never the authorization header, secrets scrubbed. */
export interface DryRunCall {
  method: string;
  /** The whole URL, query included. */
  url: string;
  /** The path without the query, e.g. `/crm/v8/Leads`. */
  path: string;
  /** The query parameters as they would be sent. */
  query?: Record<string, string>;
  /** Headers the caller set (never the authorization header). */
  headers?: Record<string, string>;
  body?: unknown;
}

/** What the module named by the manifest's `connection.clientFactory` exports. */
export interface ClientFactoryModule<Client = unknown> {
  createClient(ctx: ClientFactoryContext): Client | Promise<Client>;
  /** Optional: a client for actions that need no connection (the manifest marks them `connection: false`). */
  createAnonymousClient?(ctx: Omit<ClientFactoryContext, 'connection' | 'store'>): Client | Promise<Client>;
  /** True when the clients honour `dryRun`; the executor refuses a dry run otherwise, rather than risk real calls. */
  supportsDryRun?: boolean;
}

export interface ExecuteOptions {
  /** Nickname of the stored connection to use (required for actions that need one). */
  connection?: string;
  signal?: AbortSignal;
  /** Overrides the action's timeout. */
  timeoutMs?: number;
  progress?: (event: ProgressEvent) => void;
  log?: Logger;
  /**
   * Validate the input and run the handler against a client that sends nothing: the result lists the calls
   * it would have made (`calls`), and its output is synthetic (and not validated).
   */
  dryRun?: boolean;
}

export type ExecuteResult<Output = unknown> =
  | { ok: true; output: Output; durationMs: number; calls?: DryRunCall[] }
  | { ok: false; error: import('./errors').ErrorInfo; durationMs: number; calls?: DryRunCall[] };

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
