/**
 * The HTTP trace of one playground run: the connector's client logs every Zoho call at debug level (method,
 * path, status, duration; never a query, header or body), and this log destination files each such line under
 * the run that made it, found through AsyncLocalStorage, so concurrent runs never see each other's calls.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface TracedCall {
  /** `call`: a finished try; `retry`: the client will try again after `delayMs`; `token`: an access token was refreshed. */
  kind: 'call' | 'retry' | 'token';
  method?: string;
  path?: string;
  status?: number;
  durationMs?: number;
  attempt?: number;
  /** Why a try failed without an answer (a transport error code), or why it will be retried. */
  error?: string;
  delayMs?: number;
  /** Milliseconds from the start of the capture to when the line was logged. */
  atMs: number;
  /** The action that made the call, when a flow runs several. */
  action?: string;
}

/** pino's numeric levels, for forwarding the lines at or above a threshold. */
const LEVELS: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

interface Capture {
  calls: TracedCall[];
  started: number;
  action?: string;
}

type LogLine = Record<string, unknown> & { msg?: string; level?: number };

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The trace entry a log line stands for, or undefined for every other line. */
function entryOf(line: LogLine, atMs: number): TracedCall | undefined {
  const common = { atMs, ...(str(line.method) ? { method: str(line.method)! } : {}), ...(str(line.path) ? { path: str(line.path)! } : {}) };
  const attempt = num(line.attempt);
  switch (line.msg) {
    case 'zoho call':
    case 'zoho call failed': {
      const status = num(line.status);
      const durationMs = num(line.durationMs);
      return { kind: 'call', ...common, ...(status !== undefined ? { status } : {}), ...(durationMs !== undefined ? { durationMs } : {}), ...(attempt !== undefined ? { attempt } : {}), ...(str(line.error) ? { error: str(line.error)! } : {}) };
    }
    case 'zoho call will be retried': {
      const delayMs = num(line.delayMs);
      return { kind: 'retry', ...common, ...(attempt !== undefined ? { attempt } : {}), ...(delayMs !== undefined ? { delayMs } : {}), ...(str(line.reason) ? { error: str(line.reason)! } : {}) };
    }
    case 'access token refreshed':
      return { kind: 'token', atMs };
    default:
      return undefined;
  }
}

export interface TraceDestinationOptions {
  /** Where the lines at or above `forwardLevel` go as well (e.g. the terminal); nothing is forwarded without it. */
  forward?: (line: string) => void;
  /** pino level name; default `info`. */
  forwardLevel?: string;
}

export class CallTrace {
  private readonly current = new AsyncLocalStorage<Capture>();

  /** Runs `fn` and returns what it resolved to with the Zoho calls made inside it (and only those). */
  async capture<T>(fn: () => Promise<T>, options: { action?: string } = {}): Promise<{ value: T; calls: TracedCall[] }> {
    const capture: Capture = { calls: [], started: performance.now(), ...(options.action ? { action: options.action } : {}) };
    const value = await this.current.run(capture, fn);
    return { value, calls: capture.calls };
  }

  /**
   * A log destination for `createLogger({ level: 'debug', destination })`: pino writes each JSON line
   * synchronously inside the call that logged it, so the AsyncLocalStorage store is the run's own capture.
   */
  destination(options: TraceDestinationOptions = {}): { write(line: string): void } {
    const threshold = LEVELS[options.forwardLevel ?? 'info'] ?? LEVELS.info!;
    return {
      write: (line: string) => {
        const capture = this.current.getStore();
        if (capture && line.includes('"msg":"')) {
          const parsed = parseLine(line);
          const entry = parsed && entryOf(parsed, Math.round(performance.now() - capture.started));
          if (entry) capture.calls.push(capture.action ? { ...entry, action: capture.action } : entry);
        }
        if (options.forward) {
          const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
          if (level >= threshold) options.forward(line);
        }
      },
    };
  }
}

function parseLine(line: string): LogLine | undefined {
  try {
    const value = JSON.parse(line) as unknown;
    return value !== null && typeof value === 'object' ? (value as LogLine) : undefined;
  } catch {
    return undefined;
  }
}
