/**
 * What a job comes to, as the platform reads it back: a completed job's output (BullMQ's return value), or a
 * failed job's typed error (kept as the last line of the job's log, since BullMQ itself keeps only a message).
 */
import type { ErrorInfo } from '../errors';
import type { JobPayload } from './job-payload';

/** What BullMQ stores for a job: the payload, and a random nonce telling a fresh enqueue from a duplicate. */
export interface JobData {
  payload: JobPayload;
  nonce: string;
  enqueuedAt: string;
}

/** A completed job's return value. */
export interface JobOutput {
  ok: true;
  output: unknown;
  durationMs: number;
  /** 1 for the first try. */
  attempt: number;
  worker: string;
}

export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'prioritized' | 'waiting-children' | 'unknown';

export interface JobResult {
  jobId: string;
  state: JobState;
  /** Set once the job ended: true with `output`, false with `error`. */
  ok?: boolean;
  output?: unknown;
  error?: ErrorInfo;
  /** Tries made so far. */
  attempts: number;
}

const ERROR_LINE = 'error ';

/** The log line a failed try leaves: `error {"attempt":2,"error":{...}}`. */
export function errorLogLine(attempt: number, error: ErrorInfo): string {
  return `${ERROR_LINE}${JSON.stringify({ attempt, error })}`;
}

/** The error of the last failed try in a job's log lines, if any. */
export function lastLoggedError(lines: string[]): ErrorInfo | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (!line.startsWith(ERROR_LINE)) continue;
    try {
      return (JSON.parse(line.slice(ERROR_LINE.length)) as { error: ErrorInfo }).error;
    } catch {
      continue;
    }
  }
  return undefined;
}
