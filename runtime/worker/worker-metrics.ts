/**
 * A worker's counters: Prometheus metrics (prom-client, one registry per worker so several in a process never
 * mix) and the figures of the periodic log line (throughput, failures, queue depth).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueDepth } from './job-queue';
import type { TryOutcome } from './run-job';

export interface WorkerStats {
  completed: number;
  failed: number;
  outcomeUnknown: number;
  retried: number;
  active: number;
}

export class WorkerMetrics {
  readonly registry = new Registry();
  readonly #tries: Counter<'kind' | 'result'>;
  readonly #duration: Histogram<'kind'>;
  readonly #active: Gauge;
  readonly #stats: WorkerStats = { completed: 0, failed: 0, outcomeUnknown: 0, retried: 0, active: 0 };

  constructor(labels: { queue: string; worker: string }, depth: () => Promise<QueueDepth>, options: { processMetrics?: boolean } = {}) {
    this.registry.setDefaultLabels(labels);
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'zcrm_worker_' });
    this.#tries = new Counter({ name: 'zcrm_worker_job_tries_total', help: 'Job tries by how they ended: completed, retry, failed, outcome_unknown.', labelNames: ['kind', 'result'], registers: [this.registry] });
    this.#duration = new Histogram({
      name: 'zcrm_worker_job_duration_seconds',
      help: 'Duration of job tries.',
      labelNames: ['kind'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [this.registry],
    });
    this.#active = new Gauge({ name: 'zcrm_worker_jobs_active', help: 'Jobs this worker is running now.', registers: [this.registry] });
    new Gauge({
      name: 'zcrm_worker_queue_jobs',
      help: 'Jobs in the queue by state (read from Redis when scraped).',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const counts = await depth();
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    });
  }

  started(): void {
    this.#stats.active++;
    this.#active.inc();
  }

  ended(outcome: TryOutcome): void {
    this.#stats.active--;
    this.#active.dec();
    this.#tries.inc({ kind: outcome.kind, result: outcome.result });
    this.#duration.observe({ kind: outcome.kind }, outcome.durationMs / 1000);
    if (outcome.result === 'completed') this.#stats.completed++;
    else if (outcome.result === 'retry') this.#stats.retried++;
    else if (outcome.result === 'outcome_unknown') this.#stats.outcomeUnknown++;
    else this.#stats.failed++;
  }

  stats(): WorkerStats {
    return { ...this.#stats };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
