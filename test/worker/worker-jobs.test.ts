// One worker in-process over Redis and the sandbox: results written back, idempotency keys, retries for
// retryable errors only, OUTCOME_UNKNOWN never retried, pick-up after a crash, flows, /metrics, graceful close.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { FileCredentialStore } from '../../runtime/credentials/file-store';
import { createLogger } from '../../runtime/logger';
import { jobIdFor } from '../../runtime/worker/job-id';
import { JobQueue } from '../../runtime/worker/job-queue';
import { runningKey } from '../../runtime/worker/queue-defaults';
import { startWorker, type RunningWorker } from '../../runtime/worker/worker';
import { createWorkerHost, type WorkerHost } from '../../runtime/worker/worker-host';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { REDIS_URL, deleteKeys, describeWithRedis, uniquePrefix } from './support/redis';
import { sandboxConnection } from './support/sandbox-connections';
import { workerCli } from './support/worker-cli';

const SECRET = 'worker-jobs-test-secret';
const MANIFEST = join(__dirname, '..', '..', 'manifest.json');
const log = createLogger({ level: 'silent' });

describeWithRedis('a worker running jobs', () => {
  let redis: Redis;
  let sandbox: RunningSandbox;
  let prefix: string;
  let journalDir: string;
  let workerHost: WorkerHost;
  let worker: RunningWorker;
  let queue: JobQueue;
  const QUEUE = 'jobs';
  let leadId: string;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    sandbox = await startSandbox();
    prefix = uniquePrefix('jobs');
    journalDir = mkdtempSync(join(tmpdir(), 'zcrm-worker-journals-'));
    workerHost = createWorkerHost({ manifestPath: MANIFEST, log, redis, secret: SECRET, storePrefix: `${prefix}:store:`, coordinationPrefix: `${prefix}:coord:` });
    await workerHost.store.put(await sandboxConnection(sandbox, 'main'));
    worker = await startWorker({ host: workerHost.host, redis, queue: QUEUE, prefix, concurrency: 4, log, journalDir, progressEveryMs: 0, metricsPort: 0, processMetrics: false });
    queue = new JobQueue({ redis, queue: QUEUE, prefix });
    const created = await queue.enqueue({ kind: 'action', actionId: 'create-record', input: { module: 'Leads', record: { Last_Name: 'Seed lead' } } });
    leadId = ((await queue.waitForResult(created.jobId, 20_000)).output as { id: string }).id;
  });
  afterEach(() => sandbox.clearFaults());
  afterAll(async () => {
    await worker?.close({ graceMs: 1000 });
    await queue?.close();
    await workerHost?.close();
    await sandbox?.close();
    await deleteKeys(redis, prefix);
    await redis.quit();
    rmSync(journalDir, { recursive: true, force: true });
  });

  const posts = () => sandbox.stats().byRoute['POST /crm/{version}/{module}'] ?? {};
  const create = (name: string) => ({ kind: 'action' as const, actionId: 'create-record', input: { module: 'Leads', record: { Last_Name: name } } });

  test('an action job runs and its output is written back', async () => {
    const { jobId, duplicate } = await queue.enqueue(create('Written back'));
    expect(duplicate).toBe(false);
    const result = await queue.waitForResult(jobId, 20_000);
    expect(result).toMatchObject({ state: 'completed', ok: true, attempts: 1 });
    expect((result.output as { id: string }).id).toMatch(/^\d+$/);
  });

  test('the same idempotency key enqueued twice is one job, run once', async () => {
    sandbox.resetStats();
    const first = await queue.enqueue(create('Only once'), { idempotencyKey: 'order-17-lead' });
    const again = await queue.enqueue(create('Only once'), { idempotencyKey: 'order-17-lead' });
    expect(again).toEqual({ jobId: first.jobId, duplicate: true });
    expect(first.jobId).toBe(jobIdFor('order-17-lead'));
    await queue.waitForResult(first.jobId, 20_000);
    const late = await queue.enqueue(create('Only once'), { idempotencyKey: 'order-17-lead' });
    expect(late.duplicate).toBe(true);
    expect((await queue.waitForResult(late.jobId, 20_000)).ok).toBe(true);
    expect(posts()['201']).toBe(1);
  });

  test('a retryable error is retried with backoff, and the retry succeeds', async () => {
    // A create answered 500 is not resent by the client (it may be a write), but Zoho calls it retryable.
    sandbox.addFault({ method: 'POST', path: '/crm/*/Leads', respond: 500, times: 1 });
    sandbox.resetStats();
    const { jobId } = await queue.enqueue(create('After a 500'), { backoffMs: 50 });
    const result = await queue.waitForResult(jobId, 20_000);
    expect(result).toMatchObject({ state: 'completed', ok: true, attempts: 2 });
    expect(posts()).toEqual({ '500': 1, '201': 1 });
  });

  test('a retryable error that persists fails the job after its attempts, with the typed error', async () => {
    sandbox.addFault({ method: 'POST', path: '/crm/*/Leads', respond: 500, times: 3 });
    const { jobId } = await queue.enqueue(create('Never'), { backoffMs: 20, attempts: 3 });
    const result = await queue.waitForResult(jobId, 20_000);
    expect(result).toMatchObject({ state: 'failed', ok: false, attempts: 3, error: { httpStatus: 500, retryable: true } });
  });

  test('a write whose outcome is unknown fails with OUTCOME_UNKNOWN and is not retried', async () => {
    sandbox.addFault({ method: 'POST', path: '/crm/*/Leads', drop: 'after', times: 1 });
    sandbox.resetStats();
    const { jobId } = await queue.enqueue(create('Maybe created'), { backoffMs: 20 });
    const result = await queue.waitForResult(jobId, 20_000);
    expect(result).toMatchObject({ state: 'failed', ok: false, attempts: 1, error: { code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' } });
    expect(sandbox.stats().byRoute['POST /crm/{version}/{module}']).toEqual({ dropped: 1 });
  });

  test('an input error fails at once, without retries', async () => {
    const { jobId } = await queue.enqueue({ kind: 'action', actionId: 'create-record', input: { record: {} } });
    expect(await queue.waitForResult(jobId, 20_000)).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'VALIDATION_FAILED', category: 'input' } });
  });

  test('picked up after its worker died mid-run: a write fails with OUTCOME_UNKNOWN, a read runs again', async () => {
    const note = JSON.stringify({ worker: 'gone-host:4242', attempt: 1, at: new Date().toISOString() });
    await redis.set(runningKey(prefix, QUEUE, jobIdFor('crashed-write')), note);
    await redis.set(runningKey(prefix, QUEUE, jobIdFor('crashed-read')), note);
    sandbox.resetStats();
    const write = await queue.enqueue(create('Crashed write'), { idempotencyKey: 'crashed-write' });
    const read = await queue.enqueue({ kind: 'action', actionId: 'get-record', input: { module: 'Leads', id: leadId } }, { idempotencyKey: 'crashed-read' });
    expect(await queue.waitForResult(write.jobId, 20_000)).toMatchObject({ state: 'failed', error: { code: 'OUTCOME_UNKNOWN', details: { previousWorker: 'gone-host:4242' } } });
    expect(await queue.waitForResult(read.jobId, 20_000)).toMatchObject({ state: 'completed', output: { record: { id: leadId } } });
    expect(posts()).toEqual({});
  });

  test('finished on a worker that died before BullMQ recorded it: the recorded result is used, nothing is sent again', async () => {
    const outcome = { ok: true, output: { id: '4876876000000000001', createdTime: '2024-05-10T13:40:47+05:30' }, durationMs: 12 };
    await redis.set(runningKey(prefix, QUEUE, jobIdFor('finished-write')), JSON.stringify({ worker: 'gone-host:4242', attempt: 1, at: new Date().toISOString(), outcome }));
    sandbox.resetStats();
    const write = await queue.enqueue(create('Finished write'), { idempotencyKey: 'finished-write' });
    expect(await queue.waitForResult(write.jobId, 20_000)).toMatchObject({ state: 'completed', ok: true, output: outcome.output });
    expect(posts()).toEqual({});
  });

  test('a flow job runs its steps and returns the run', async () => {
    const flow = {
      name: 'create-then-read',
      inputs: { name: {} },
      steps: [
        { id: 'create', action: 'create-record', input: { module: 'Leads', record: { Last_Name: '{{ inputs.name }}' } } },
        { id: 'read', action: 'get-record', input: { module: 'Leads', id: '{{ steps.create.output.id }}' } },
      ],
    };
    const { jobId } = await queue.enqueue({ kind: 'flow', flow, inputs: { name: 'From a flow' }, connection: 'main' });
    const result = await queue.waitForResult(jobId, 20_000);
    expect(result).toMatchObject({ state: 'completed', ok: true, output: { status: 'succeeded', runId: `job-${jobId}` } });
    const steps = (result.output as { steps: { id: string; output: { record?: { Last_Name?: string } } }[] }).steps;
    expect(steps[1]!.output.record!.Last_Name).toBe('From a flow');
  });

  test('/metrics serves Prometheus text with the job counters and the queue depth', async () => {
    const text = await (await fetch(worker.metricsUrl!)).text();
    expect(text).toMatch(/zcrm_worker_job_tries_total\{[^}]*kind="action"[^}]*result="completed"[^}]*\} \d+/);
    expect(text).toMatch(/zcrm_worker_job_tries_total\{[^}]*result="outcome_unknown"[^}]*\} [1-9]/);
    expect(text).toMatch(/zcrm_worker_queue_jobs\{[^}]*state="failed"[^}]*\} [1-9]/);
    expect((await fetch(worker.metricsUrl!.replace('/metrics', '/other'))).status).toBe(404);
  });

  test('zcrm enqueue adds a job and --wait prints its result; an input error is refused before enqueuing', async () => {
    const env = { REDIS_URL, ZCRM_HOME: journalDir };
    const ok = await workerCli(['enqueue', 'get-record', '--input', JSON.stringify({ module: 'Leads', id: leadId }), '--queue', QUEUE, '--prefix', prefix, '--wait', '--json'], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ state: 'completed', ok: true, output: { record: { id: leadId } } });
    const bad = await workerCli(['enqueue', 'get-record', '--input', '{"module":"Leads"}', '--queue', QUEUE, '--prefix', prefix], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('/id: is required');
    const failed = await workerCli(['enqueue', 'get-record', '--input', JSON.stringify({ module: 'Leads', id: '1' }), '--queue', QUEUE, '--prefix', prefix, '--wait'], env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('RECORD_NOT_FOUND');
  });

  test('zcrm enqueue --flow runs a flow file on a worker', async () => {
    const file = join(journalDir, 'lead.json');
    writeFileSync(file, JSON.stringify({ name: 'cli-flow', inputs: { name: {} }, steps: [{ id: 'create', action: 'create-record', input: { module: 'Leads', record: { Last_Name: '{{ inputs.name }}' } } }] }));
    const run = await workerCli(['enqueue', '--flow', file, '--input', '{"name":"Flow from the CLI"}', '--connection', 'main', '--queue', QUEUE, '--prefix', prefix, '--wait', '--json'], { REDIS_URL, ZCRM_HOME: journalDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'completed', output: { status: 'succeeded', steps: [{ id: 'create', status: 'succeeded' }] } });
    const both = await workerCli(['enqueue', 'get-record', '--flow', file], { REDIS_URL, ZCRM_HOME: journalDir });
    expect(both.code).toBe(2);
  });

  test('zcrm worker push copies a connection from the local store into the workers\' Redis store', async () => {
    const env = { REDIS_URL, ZCRM_HOME: journalDir, ZCRM_SECRET: SECRET };
    await new FileCredentialStore({ dir: journalDir, secret: SECRET }).put(await sandboxConnection(sandbox, 'laptop'));
    const pushed = await workerCli(['worker', 'push', 'laptop', '--key-prefix', `${prefix}:`], env);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain('Pushed laptop');
    expect((await workerHost.store.get('laptop'))!.secrets.refreshToken).toMatch(/^1000\./);
    const { jobId } = await queue.enqueue({ kind: 'action', actionId: 'get-record', connection: 'laptop', input: { module: 'Leads', id: leadId } });
    expect(await queue.waitForResult(jobId, 20_000)).toMatchObject({ state: 'completed' });
    const missing = await workerCli(['worker', 'push', 'nobody', '--key-prefix', `${prefix}:`], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no connection "nobody"');
  });

  test('the periodic progress line gives throughput, failures and queue depth', async () => {
    const lines: string[] = [];
    const capture = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(line) } });
    const w = await startWorker({ host: workerHost.host, redis, queue: 'progress', prefix, log: capture, progressEveryMs: 50, processMetrics: false });
    try {
      while (!lines.some((l) => l.includes('worker progress'))) await new Promise((r) => setTimeout(r, 20));
    } finally {
      await w.close();
    }
    const line = JSON.parse(lines.find((l) => l.includes('worker progress'))!) as Record<string, unknown>;
    expect(line).toMatchObject({ completed: 0, failed: 0, outcomeUnknown: 0, retried: 0, active: 0, perSec: 0, depth: { waiting: 0, active: 0, failed: 0 } });
  });

  test('close() lets the job in hand finish; past the grace period an idempotent job is handed back', async () => {
    const slow = await startWorker({ host: workerHost.host, redis, queue: 'slow', prefix, concurrency: 1, log, progressEveryMs: 0, processMetrics: false });
    const slowQueue = new JobQueue({ redis, queue: 'slow', prefix });
    try {
      sandbox.setConfig({ latencyMs: 400 });
      const finished = await slowQueue.enqueue({ kind: 'action', actionId: 'get-record', input: { module: 'Leads', id: leadId } });
      while ((await slowQueue.result(finished.jobId)).state !== 'active') await new Promise((r) => setTimeout(r, 20));
      await slow.close({ graceMs: 10_000 });
      expect(await slowQueue.result(finished.jobId)).toMatchObject({ state: 'completed', ok: true });

      sandbox.setConfig({ latencyMs: 1500 });
      const other = await startWorker({ host: workerHost.host, redis, queue: 'slow', prefix, concurrency: 1, log, progressEveryMs: 0, processMetrics: false });
      const handed = await slowQueue.enqueue({ kind: 'action', actionId: 'get-record', input: { module: 'Leads', id: leadId } }, { backoffMs: 60_000 });
      while ((await slowQueue.result(handed.jobId)).state !== 'active') await new Promise((r) => setTimeout(r, 20));
      await other.close({ graceMs: 100 });
      // Cancelled mid-read: back in the queue for another try, not failed.
      expect(await slowQueue.result(handed.jobId)).toMatchObject({ state: 'delayed', attempts: 1 });
      // The cancelled call is still sleeping in the sandbox: let it end before the suite closes.
      while (sandbox.stats().inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    } finally {
      sandbox.setConfig({ latencyMs: 0 });
      await slow.close();
      await slowQueue.close();
    }
  });
});
