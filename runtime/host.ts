/**
 * The executor: loads a connector (manifest, schemas, handlers) and runs its actions. One run is: look up the
 * action, validate the input (defaults applied), resolve the connection and build the connector's client,
 * run the handler under a timeout and the caller's AbortSignal, validate the output, and return a result or a
 * typed error. Nothing here knows which remote service the connector talks to. A dry run builds a client of
 * its own through the factory (`dryRun`), which sends nothing and reports the calls it would have made.
 */
import type { Action } from '../types/manifest';
import { ConnectionError, HostError, InputError, ManifestError, ValidationError, toHostError, type ErrorInfo } from './errors';
import { loadManifest, resolveModule } from './manifest-loader';
import { secrets } from './secrets';
import { malformedTextIssues } from './text-check';
import type {
  ActionDefinition,
  ClientFactoryModule,
  Connection,
  Coordination,
  CredentialStore,
  DryRunCall,
  ExecuteOptions,
  ExecuteResult,
  Host,
  Logger,
} from './types';

export interface HostOptions {
  manifestPath: string;
  store: CredentialStore;
  log: Logger;
  /** Timeout of an action that declares none (default 5 minutes: list actions may stream many pages). */
  defaultTimeoutMs?: number;
  /** Cross-process locks and semaphores, handed to the connector's client factory (worker mode). */
  coordination?: Coordination;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

export function loadHost(options: HostOptions): Host {
  const { manifest, root, registry, file } = loadManifest(options.manifestPath);
  const { store, log } = options;
  const actionsById = new Map(manifest.actions.map((a) => [a.id, a] as const));
  const handlers = new Map<string, ActionDefinition>();
  const clients = new Map<string, Promise<unknown>>();
  let factory: ClientFactoryModule | undefined;

  function action(actionId: string): Action {
    const found = actionsById.get(actionId);
    if (!found) {
      throw new InputError('UNKNOWN_ACTION', `Unknown action "${actionId}".`, `Valid actions: ${[...actionsById.keys()].join(', ')}.`, {
        validActions: [...actionsById.keys()],
      });
    }
    return found;
  }

  function loadHandler(a: Action): ActionDefinition {
    const cached = handlers.get(a.id);
    if (cached) return cached;
    const modulePath = resolveModule(root, a.handler);
    if (!modulePath) throw new ManifestError(file, `/actions/${manifest.actions.indexOf(a)}/handler`, `handler module "${a.handler}" not found`, 'Restore the handler file.');
    const mod = require(modulePath) as { default?: ActionDefinition; action?: ActionDefinition };
    const def = mod.default ?? mod.action;
    if (!def || typeof def.handler !== 'function') {
      throw new ManifestError(a.handler, '', 'does not export an action definition', 'Export `default defineAction({ id, handler })` from the module.');
    }
    if (def.id !== a.id) {
      throw new ManifestError(a.handler, '', `exports action "${def.id}" but the manifest declares "${a.id}"`, 'Make the id in the handler file match the manifest.');
    }
    handlers.set(a.id, def);
    return def;
  }

  function clientFactory(): ClientFactoryModule {
    if (!factory) {
      factory = require(resolveModule(root, manifest.connection.clientFactory)!) as ClientFactoryModule;
      if (typeof factory.createClient !== 'function') {
        throw new ManifestError(manifest.connection.clientFactory, '', 'does not export createClient()', 'Export `createClient(ctx)` from the client factory module.');
      }
    }
    return factory;
  }

  async function resolveConnection(nickname: string | undefined): Promise<Connection> {
    if (nickname) {
      const found = await store.get(nickname);
      if (!found) {
        const known = (await store.list()).filter((c) => c.connector === manifest.id).map((c) => c.nickname);
        throw new ConnectionError('CONNECTION_NOT_FOUND', `No connection named "${nickname}".`, known.length ? `Known connections: ${known.join(', ')}.` : 'Create one with `zcrm connect <nickname>`.');
      }
      if (found.connector !== manifest.id) {
        throw new ConnectionError('CONNECTION_WRONG_CONNECTOR', `Connection "${nickname}" belongs to connector "${found.connector}", not "${manifest.id}".`, 'Pick a connection made for this connector.');
      }
      return found;
    }
    const mine = (await store.list()).filter((c) => c.connector === manifest.id);
    if (mine.length === 1) return mine[0]!;
    if (mine.length === 0) throw new ConnectionError('NO_CONNECTION', `No ${manifest.name} connection exists yet.`, 'Create one with `zcrm connect <nickname>`, then run the action again.');
    throw new InputError('CONNECTION_REQUIRED', `Several ${manifest.name} connections exist; say which one to use.`, `Pass --connection with one of: ${mine.map((c) => c.nickname).join(', ')}.`);
  }

  function clientFor(nickname: string | undefined): Promise<unknown> {
    const key = nickname ?? '';
    let client = clients.get(key);
    if (!client) {
      client = resolveConnection(nickname).then((connection) =>
        clientFactory().createClient({
          connection,
          store,
          log: log.child({ connection: connection.nickname }),
          connectionSpec: manifest.connection as unknown as Record<string, unknown>,
          ...(options.coordination ? { coordination: options.coordination } : {}),
        }),
      );
      // A failed resolution is not cached: the user may fix the store and try again in the same process.
      client.catch(() => clients.delete(key));
      clients.set(key, client);
    }
    return client;
  }

  async function anonymousClient(): Promise<unknown> {
    const f = clientFactory();
    return f.createAnonymousClient ? f.createAnonymousClient({ log, connectionSpec: manifest.connection as unknown as Record<string, unknown> }) : undefined;
  }

  /** A client of its own for one dry run (never cached: it records into this run's list). */
  async function dryRunClient(a: Action, nickname: string | undefined, calls: DryRunCall[]): Promise<unknown> {
    const f = clientFactory();
    if (f.supportsDryRun !== true) {
      throw new InputError('DRY_RUN_UNSUPPORTED', `Connector "${manifest.id}" cannot do a dry run: its client factory does not declare support for it.`, 'Run the action without --dry-run, or against a test connection.');
    }
    const recordCall = (call: DryRunCall) => calls.push(secrets.scrubDeep(call) as DryRunCall);
    const connectionSpec = manifest.connection as unknown as Record<string, unknown>;
    if (a.connection === false) return f.createAnonymousClient ? f.createAnonymousClient({ log, connectionSpec, dryRun: true, recordCall }) : undefined;
    const connection = await resolveConnection(nickname);
    return f.createClient({ connection, store, log: log.child({ connection: connection.nickname }), connectionSpec, dryRun: true, recordCall });
  }

  async function run(a: Action, input: unknown, opts: ExecuteOptions, runLog: Logger, calls: DryRunCall[] | undefined): Promise<unknown> {
    const inputCopy = structuredClone(input);
    const issues = [...registry.validate(a.input, inputCopy), ...malformedTextIssues(inputCopy)];
    if (issues.length > 0) {
      throw new ValidationError(`Input for "${a.id}" is invalid: ${issues.length} problem${issues.length > 1 ? 's' : ''}.`, issues, `See \`zcrm describe ${a.id}\` for the expected input.`);
    }
    const definition = loadHandler(a);
    const client = calls ? await dryRunClient(a, opts.connection, calls) : a.connection === false ? await anonymousClient() : await clientFor(opts.connection);

    const controller = new AbortController();
    const timeoutMs = opts.timeoutMs ?? a.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    let stopped: HostError | undefined;
    // A stopped write may already have reached the remote service: only an idempotent action is safe to retry.
    const stop = (code: 'TIMEOUT' | 'CANCELLED', message: string) => {
      stopped = a.idempotent
        ? new HostError({ code, message, category: code === 'TIMEOUT' ? 'remote' : 'input', retryable: true })
        : new HostError({ code: 'OUTCOME_UNKNOWN', message: `${message} The action may or may not have taken effect.`, category: 'unknown_outcome', hint: `Check in the remote system whether "${a.id}" was applied before running it again.`, details: { reason: code } });
      controller.abort(stopped);
    };
    const timer = setTimeout(() => stop('TIMEOUT', `Action "${a.id}" timed out after ${timeoutMs} ms.`), timeoutMs);
    const onCallerAbort = () => stop('CANCELLED', `Action "${a.id}" was cancelled.`);
    if (opts.signal?.aborted) onCallerAbort();
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(stopped), { once: true }));
    aborted.catch(() => undefined);
    try {
      const handlerRun = definition.handler({ input: inputCopy, client, log: runLog, signal: controller.signal, progress: opts.progress ?? (() => undefined) });
      const output = await Promise.race([handlerRun, aborted]);
      if (stopped) throw stopped;
      // A dry run's output is made from synthetic answers: checking it against the schema would prove nothing.
      if (calls) return output;
      const outIssues = registry.validate(a.output, output);
      if (outIssues.length > 0) {
        throw new HostError({ code: 'OUTPUT_INVALID', category: 'internal', message: `Action "${a.id}" returned output that does not match its schema (a connector bug).`, details: { issues: outIssues }, hint: 'Report this with the action id and the issues listed.' });
      }
      return output;
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function execute(actionId: string, input: unknown, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
    const started = performance.now();
    const runLog = (opts.log ?? log).child({ action: actionId, ...(opts.dryRun ? { dryRun: true } : {}) });
    const calls: DryRunCall[] | undefined = opts.dryRun ? [] : undefined;
    try {
      const a = action(actionId);
      runLog.debug('action started');
      const output = await run(a, input, opts, runLog, calls);
      const durationMs = performance.now() - started;
      runLog.debug({ durationMs }, 'action succeeded');
      return { ok: true, output, durationMs, ...(calls ? { calls } : {}) };
    } catch (err) {
      const error = toHostError(err);
      const durationMs = performance.now() - started;
      runLog.debug({ code: error.code, durationMs }, 'action failed');
      if (error.category === 'internal') runLog.error({ err }, 'action failed with an internal error');
      return { ok: false, error: secrets.scrubDeep(error.toJSON()) as ErrorInfo, durationMs, ...(calls ? { calls } : {}) };
    }
  }

  return {
    manifest,
    root,
    store,
    log,
    action,
    schema: (actionId, which) => registry.dereferenced(action(actionId)[which]),
    validateInput: (actionId, input) => [...registry.validate(action(actionId).input, input), ...malformedTextIssues(input)],
    clientFor: (nickname) => clientFor(nickname),
    execute,
    hasAction: (actionId) => actionsById.has(actionId),
    actionIds: () => [...actionsById.keys()],
  };
}
