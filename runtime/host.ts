/**
 * The executor: loads a connector (manifest, schemas, handlers) and runs its actions. One run is: look up the
 * action, validate the input (defaults applied), resolve the connection and build the connector's client,
 * run the handler under a timeout and the caller's AbortSignal, validate the output, and return a result or a
 * typed error. Nothing here knows which remote service the connector talks to. A dry run builds a client of
 * its own through the factory (`dryRun`), which sends nothing and reports the calls it would have made.
 */
import type { Action } from '../types/manifest';
import { ConnectionError, HostError, InputError, ManifestError, ValidationError, toHostError, type ErrorInfo } from './errors';
import { cloneInput } from './clone-input';
import { loadManifest, resolveModule } from './manifest-loader';
import { listRunStop, type RunStop, type StopHook } from './run-stop';
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
const ONCE = { once: true } as const;
function ignore(): void {}

function onTimeout(guard: RunGuard): void {
  guard.stop('TIMEOUT', `Action "${guard.action.id}" timed out after ${guard.timeoutMs} ms.`);
}

/**
 * One run's timeout and cancellation, at the least cost per run: one timer (its callback takes the guard, so
 * no closure), and a listener on the caller's signal only when there is one (the guard itself). The handler's
 * signal is made when the handler first reads it; it aborts with the error the run ends with, and `race`
 * settles with that error if it comes before the handler's outcome.
 */
class RunGuard implements RunStop {
  /** Set by the first stop, and again by any later one (the last one is what the run reports). */
  stopped: HostError | undefined;
  /** True once the handler's signal has aborted (the first stop). */
  aborted = false;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private hooks: StopHook[] | undefined;
  /** The signal is listed for runStopOf (runtime/run-stop.ts). */
  private listed = false;
  /** True once the run is under way: a caller's signal aborted before that fails the run through the handler. */
  private armed = false;
  /** The first stop, when it came after arming but before `race` (while the handler was starting). */
  private early: HostError | undefined;
  private reject: ((err: unknown) => void) | undefined;

  constructor(
    readonly action: Action,
    readonly timeoutMs: number,
    private readonly caller: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(onTimeout, timeoutMs, this);
    if (caller) {
      if (caller.aborted) this.handleEvent();
      caller.addEventListener('abort', this, ONCE);
    }
    this.armed = true;
  }

  get signal(): AbortSignal {
    const signal = this.controller.signal;
    if (!this.listed) {
      listRunStop(signal, this);
      this.listed = true;
    }
    return signal;
  }

  add(hook: StopHook): void {
    (this.hooks ??= []).push(hook);
  }

  remove(hook: StopHook): void {
    const at = this.hooks?.indexOf(hook) ?? -1;
    if (at >= 0) this.hooks!.splice(at, 1);
  }

  stop(code: 'TIMEOUT' | 'CANCELLED', message: string): void {
    const a = this.action;
    // A stopped write may already have reached the remote service: only an idempotent action is safe to retry.
    this.stopped = a.idempotent
      ? new HostError({ code, message, category: code === 'TIMEOUT' ? 'remote' : 'input', retryable: true })
      : new HostError({ code: 'OUTCOME_UNKNOWN', message: `${message} The action may or may not have taken effect.`, category: 'unknown_outcome', hint: `Check in the remote system whether "${a.id}" was applied before running it again.`, details: { reason: code } });
    if (this.aborted) return;
    this.aborted = true;
    this.controller.abort(this.stopped);
    const hooks = this.hooks;
    this.hooks = undefined;
    if (hooks) for (const hook of hooks) hook.stopped();
    if (this.reject) this.reject(this.stopped);
    else if (this.armed) this.early = this.stopped;
  }

  /** The caller's signal aborted. */
  handleEvent(): void {
    this.stop('CANCELLED', `Action "${this.action.id}" was cancelled.`);
  }

  /** The handler's outcome, or the stop if it comes first. */
  race(handlerRun: Promise<unknown>): Promise<unknown> {
    if (this.early) return Promise.race([handlerRun, Promise.reject(this.early)]);
    return new Promise((resolve, reject) => {
      this.reject = reject;
      Promise.resolve(handlerRun).then(resolve, reject);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this);
  }
}

/**
 * The run's child logger (bound to the action id), made on first use: a run whose logger writes nothing at
 * debug never pays for a pino child. The handler's `log` is a getter that makes it.
 */
class RunLog {
  private child: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly actionId: string,
    private readonly dryRun: boolean,
  ) {}

  logger(): Logger {
    this.child ??= this.parent.child(this.dryRun ? { action: this.actionId, dryRun: true } : { action: this.actionId });
    return this.child;
  }

  debug(fields: Record<string, unknown> | undefined, message: string): void {
    if (!(this.child ?? this.parent).isLevelEnabled('debug')) return;
    if (fields) this.logger().debug(fields, message);
    else this.logger().debug(message);
  }
}

export function loadHost(options: HostOptions): Host {
  const { manifest, root, registry, file } = loadManifest(options.manifestPath);
  const { store, log } = options;
  const actionsById = new Map(manifest.actions.map((a) => [a.id, a] as const));
  const handlers = new Map<string, ActionDefinition>();
  const clients = new Map<string, Promise<unknown>>();
  /** The same clients once built, so a run does not wait a turn of the event loop for a client it already has. */
  const readyClients = new Map<string, unknown>();
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
      client.then(
        (ready) => readyClients.set(key, ready),
        () => clients.delete(key),
      );
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

  /** The run's own copy of the input, with defaults filled in; a ValidationError when it breaks the schema. */
  function validInput(a: Action, input: unknown): unknown {
    const inputCopy = cloneInput(input);
    const schemaIssues = registry.validate(a.input, inputCopy);
    const textIssues = malformedTextIssues(inputCopy);
    const issues = textIssues.length > 0 ? [...schemaIssues, ...textIssues] : schemaIssues;
    if (issues.length > 0) {
      throw new ValidationError(`Input for "${a.id}" is invalid: ${issues.length} problem${issues.length > 1 ? 's' : ''}.`, issues, `See \`zcrm describe ${a.id}\` for the expected input.`);
    }
    return inputCopy;
  }

  async function execute(actionId: string, input: unknown, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
    const started = performance.now();
    const runLog = new RunLog(opts.log ?? log, actionId, opts.dryRun === true);
    const calls: DryRunCall[] | undefined = opts.dryRun ? [] : undefined;
    let guard: RunGuard | undefined;
    try {
      const a = action(actionId);
      runLog.debug(undefined, 'action started');
      const inputCopy = validInput(a, input);
      const definition = loadHandler(a);
      const client = calls ? await dryRunClient(a, opts.connection, calls) : a.connection === false ? await anonymousClient() : (readyClients.get(opts.connection ?? '') ?? (await clientFor(opts.connection)));

      const run = new RunGuard(a, opts.timeoutMs ?? a.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS, opts.signal);
      guard = run;
      const output = await run.race(definition.handler({ input: inputCopy, client, get log() { return runLog.logger(); }, get signal() { return run.signal; }, progress: opts.progress ?? ignore }));
      if (run.stopped) throw run.stopped;
      // A dry run's output is made from synthetic answers: checking it against the schema would prove nothing.
      if (!calls) {
        const outIssues = registry.validate(a.output, output);
        if (outIssues.length > 0) {
          throw new HostError({ code: 'OUTPUT_INVALID', category: 'internal', message: `Action "${a.id}" returned output that does not match its schema (a connector bug).`, details: { issues: outIssues }, hint: 'Report this with the action id and the issues listed.' });
        }
      }
      run.dispose();
      const durationMs = performance.now() - started;
      runLog.debug({ durationMs }, 'action succeeded');
      return calls ? { ok: true, output, durationMs, calls } : { ok: true, output, durationMs };
    } catch (err) {
      guard?.dispose();
      const error = toHostError(err);
      const durationMs = performance.now() - started;
      runLog.debug({ code: error.code, durationMs }, 'action failed');
      if (error.category === 'internal') runLog.logger().error({ err }, 'action failed with an internal error');
      const info = secrets.scrubDeep(error.toJSON()) as ErrorInfo;
      return calls ? { ok: false, error: info, durationMs, calls } : { ok: false, error: info, durationMs };
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
