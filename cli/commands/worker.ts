/**
 * Worker mode. `zcrm worker` runs jobs from a BullMQ queue on Redis until SIGTERM (then finishes the jobs in
 * hand); `zcrm worker push <nickname...>` copies connections from this machine's store into the workers'
 * Redis store; `zcrm enqueue <action> | --flow <file>` adds a job and can wait for its result.
 */
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { HostError, InputError, ValidationError } from '../../runtime/errors';
import type { CliContext } from '../context';
import { readJsonInput } from '../read-input';

interface RedisOptions {
  redis?: string;
  queue?: string;
  prefix?: string;
}

interface WorkerOptions extends RedisOptions {
  concurrency?: number;
  metricsPort?: number;
  metricsHost?: string;
  journalDir?: string;
  graceMs?: number;
  keyPrefix?: string;
  lockMs?: number;
  slotLeaseMs?: number;
  progressMs?: number;
}

interface EnqueueCliOptions extends RedisOptions {
  input?: string;
  connection?: string;
  idempotencyKey?: string;
  flow?: string;
  wait?: boolean;
  timeout?: number;
  attempts?: number;
  json?: boolean;
}

function positiveInt(name: string, allowZero = false) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new InputError('OPTION_INVALID', `${name} must be a whole number${allowZero ? '' : ' of at least 1'}, not "${value}".`);
    return n;
  };
}

/** The manifest the CLI loads (global --manifest, ZCRM_MANIFEST, else this package's), as cli/main.ts picks it. */
function manifestPath(program: Command, ctx: CliContext): string {
  return program.opts<{ manifest?: string }>().manifest ?? ctx.io.env.ZCRM_MANIFEST ?? join(__dirname, '..', '..', 'manifest.json');
}

/** One prefix for everything the workers keep in Redis besides the queue: `<p>store:` and `<p>coord:`. */
function keyPrefixes(prefix: string | undefined): { storePrefix?: string; coordinationPrefix?: string } {
  return prefix ? { storePrefix: `${prefix}store:`, coordinationPrefix: `${prefix}coord:` } : {};
}

function redisFlags(command: Command): Command {
  return command
    .option('--redis <url>', 'Redis URL (env REDIS_URL; default redis://127.0.0.1:6379)')
    .option('--queue <name>', 'queue name (default zcrm-jobs)')
    .option('--prefix <prefix>', 'BullMQ key prefix (default bull)');
}

export function register(program: Command, ctx: CliContext): void {
  const worker = redisFlags(program.command('worker'))
    .description('run jobs from the Redis queue (actions and flows) until SIGTERM; needs ZCRM_SECRET')
    .option('--concurrency <n>', 'jobs run at once by this worker (default 4)', positiveInt('--concurrency'))
    .option('--metrics-port <port>', 'serve Prometheus metrics on http://<metrics-host>:<port>/metrics', positiveInt('--metrics-port', true))
    .option('--metrics-host <host>', 'interface for /metrics (default 127.0.0.1; 0.0.0.0 in a container)')
    .option('--journal-dir <dir>', 'flow run journals (share it between workers so any can resume a flow)')
    .option('--grace-ms <ms>', 'on SIGTERM, how long the jobs in hand may take before they are cancelled (default 30000)', positiveInt('--grace-ms', true))
    .option('--lock-ms <ms>', 'a job whose worker stops renewing its lock this long is taken back (default 30000)', positiveInt('--lock-ms'))
    .option('--progress-ms <ms>', 'progress line every this many ms (default 30000; 0 for none)', positiveInt('--progress-ms', true))
    .option('--slot-lease-ms <ms>', "how long a dead worker's Zoho concurrency slots stay taken (default 15000)", positiveInt('--slot-lease-ms'))
    .option('--key-prefix <prefix>', 'prefix of the credential store and lock keys in Redis (default zcrm:)')
    .action(async (opts: WorkerOptions) => {
      const w = require('../../runtime/worker') as typeof import('../../runtime/worker');
      const log = ctx.log();
      const url = w.redisUrlFrom(opts.redis, ctx.io.env);
      const workerHost = w.createWorkerHost({
        manifestPath: manifestPath(program, ctx),
        log,
        redis: url,
        secret: ctx.io.env.ZCRM_SECRET,
        ...keyPrefixes(opts.keyPrefix),
        ...(opts.slotLeaseMs ? { slotLeaseMs: opts.slotLeaseMs } : {}),
      });
      let running;
      try {
        running = await w.startWorker({
          host: workerHost.host,
          redis: workerHost.redis,
          log,
          ...(opts.queue ? { queue: opts.queue } : {}),
          ...(opts.prefix ? { prefix: opts.prefix } : {}),
          ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
          ...(opts.metricsPort !== undefined ? { metricsPort: opts.metricsPort } : {}),
          ...(opts.metricsHost ? { metricsHost: opts.metricsHost } : {}),
          ...(opts.journalDir ? { journalDir: opts.journalDir } : {}),
          ...(opts.lockMs ? { lockDurationMs: opts.lockMs, stalledIntervalMs: Math.max(500, Math.floor(opts.lockMs / 2)) } : {}),
          ...(opts.progressMs !== undefined ? { progressEveryMs: opts.progressMs } : {}),
        });
      } catch (err) {
        await workerHost.close();
        throw err;
      }
      // One line on stdout when ready (scripts wait for it); logs go to stderr.
      ctx.print({ worker: running.name, queue: running.queue, redis: w.describeRedis(url), ...(running.metricsUrl ? { metrics: running.metricsUrl } : {}) }, { json: true });
      await w.runUntilSignal(running, { log, ...(opts.graceMs !== undefined ? { graceMs: opts.graceMs } : {}), afterClose: () => workerHost.close() });
    });

  worker
    .command('push <nicknames...>')
    .description("copy connections from this machine's store into the workers' Redis store (needs ZCRM_SECRET)")
    .action(async (nicknames: string[]) => {
      const w = require('../../runtime/worker') as typeof import('../../runtime/worker');
      const parent = worker.opts<WorkerOptions>();
      const local = await ctx.store();
      const host = await ctx.host();
      const connections = [];
      for (const nickname of nicknames) {
        const connection = await local.get(nickname);
        if (!connection) {
          const known = (await local.list()).map((c) => c.nickname);
          throw new InputError('CONNECTION_NOT_FOUND', `There is no connection "${nickname}" on this machine.`, known.length ? `Known connections: ${known.join(', ')}.` : `Make one with \`zcrm connect ${nickname}\`.`);
        }
        if (connection.connector !== host.manifest.id) throw new InputError('CONNECTION_WRONG_CONNECTOR', `Connection "${nickname}" belongs to connector "${connection.connector}".`, 'Push connections of this connector only.');
        connections.push(connection);
      }
      const url = w.redisUrlFrom(parent.redis, ctx.io.env);
      const redis = await w.connectRedisOnce(url, 'zcrm-push');
      try {
        const store = new w.RedisCredentialStore({ redis, secret: ctx.io.env.ZCRM_SECRET, ...(parent.keyPrefix ? { prefix: keyPrefixes(parent.keyPrefix).storePrefix } : {}) });
        for (const connection of connections) await store.put(connection);
      } finally {
        await w.closeRedis(redis);
      }
      ctx.print({ pushed: nicknames, redis: w.describeRedis(url) }, { json: false, text: `Pushed ${nicknames.join(', ')} to ${w.describeRedis(url)}: workers now use ${nicknames.length > 1 ? 'them' : 'it'}.` });
    });

  redisFlags(program.command('enqueue [action]'))
    .description('add a job to the Redis queue: an action (with --input) or a flow (--flow file); --wait prints its result')
    .option('-i, --input <json>', "the action's input (or, with --flow, the flow's inputs): JSON text, @file.json, or - for stdin")
    .option('-c, --connection <nickname>', 'connection in the workers\' store (default: the only one)')
    .option('--idempotency-key <key>', 'the same key is one job: enqueued again, it is not run again')
    .option('--flow <file>', 'enqueue a whole flow run (JSON or YAML file) instead of one action')
    .option('--wait', 'wait for the job to end and print its result')
    .option('--timeout <ms>', 'with --wait: give up waiting after this long (default 300000)', positiveInt('--timeout'))
    .option('--attempts <n>', 'tries for retryable errors (default 5)', positiveInt('--attempts'))
    .option('--json', 'print one line of JSON')
    .action(async (actionId: string | undefined, opts: EnqueueCliOptions) => {
      const w = require('../../runtime/worker') as typeof import('../../runtime/worker');
      if ((actionId === undefined) === (opts.flow === undefined)) {
        throw new InputError('ENQUEUE_USAGE', 'Name an action or give --flow <file>, not both.', 'zcrm enqueue create-record --input @lead.json, or zcrm enqueue --flow flow.yaml');
      }
      const host = await ctx.host();
      let payload: import('../../runtime/worker').JobPayload;
      if (opts.flow !== undefined) {
        const { loadFlowFile, validateFlow } = require('../../runtime/flow') as typeof import('../../runtime/flow');
        const flow = await loadFlowFile(resolve(ctx.io.cwd, opts.flow));
        const inputs = opts.input === undefined ? {} : await readJsonInput(opts.input, ctx.io);
        if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) throw new InputError('INPUT_NOT_OBJECT', 'Flow inputs must be a JSON object.', 'For example --input \'{"email":"a@b.example"}\'.');
        // Checked here, so a broken flow fails now rather than on a worker later.
        validateFlow(flow, host, inputs as Record<string, unknown>, { ...(opts.connection ? { connection: opts.connection } : {}) });
        payload = { kind: 'flow', flow: flow.definition, inputs: inputs as Record<string, unknown>, ...(opts.connection ? { connection: opts.connection } : {}) };
      } else {
        host.action(actionId!);
        const input = await readJsonInput(opts.input, ctx.io);
        const issues = host.validateInput(actionId!, structuredClone(input));
        if (issues.length > 0) throw new ValidationError(`Input for "${actionId}" is invalid: ${issues.length} problem${issues.length > 1 ? 's' : ''}.`, issues, `See \`zcrm describe ${actionId}\` for the expected input.`);
        payload = { kind: 'action', actionId: actionId!, input, ...(opts.connection ? { connection: opts.connection } : {}) };
      }
      const url = w.redisUrlFrom(opts.redis, ctx.io.env);
      // BullMQ's own connections wait for Redis forever: find out first, in seconds, whether it answers at all.
      await w.closeRedis(await w.connectRedisOnce(url, 'zcrm-enqueue-probe'));
      const added = await w.enqueue(payload, {
        redis: url,
        ...(opts.queue ? { queue: opts.queue } : {}),
        ...(opts.prefix ? { prefix: opts.prefix } : {}),
        ...(opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {}),
        ...(opts.attempts ? { attempts: opts.attempts } : {}),
        ...(opts.wait ? { wait: true } : {}),
        ...(opts.timeout ? { waitTimeoutMs: opts.timeout } : {}),
      });
      const result = added.result;
      if (result && result.ok === false && result.error) {
        // cli/main.ts prints the error (as JSON with --json), the job id in its details.
        throw new HostError({ ...result.error, details: { ...(result.error.details as object | undefined), jobId: added.jobId } });
      }
      const text = result
        ? JSON.stringify(result.output, null, 2)
        : `Job ${added.jobId} ${added.duplicate ? 'already exists (same idempotency key): nothing was added' : 'queued'}.`;
      ctx.print({ ...(result ?? {}), jobId: added.jobId, duplicate: added.duplicate }, { json: opts.json === true, text });
    });
}
