/** The runtime's pino logger: JSON or pretty lines on stderr, with secrets scrubbed from every part of every line. */
import axios from 'axios';
import pino from 'pino';
import { InputError } from './errors';
import { isSecretKey, secrets } from './secrets';
import type { Logger } from './types';

export type { Logger };

export interface LoggerOptions {
  /** fatal, error, warn, info, debug, trace or silent. Defaults to LOG_LEVEL, then info. */
  level?: string;
  /** Human-readable lines instead of JSON (callers pass `process.stderr.isTTY`). */
  pretty?: boolean;
  /** Where lines go; defaults to stderr, since stdout carries command output. */
  destination?: NodeJS.WritableStream | { write(s: string): void };
  name?: string;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function resolveLevel(requested: string | undefined): string {
  const level = (requested ?? process.env.LOG_LEVEL ?? 'info').trim().toLowerCase() || 'info';
  if (!(LEVELS as readonly string[]).includes(level)) {
    throw new InputError('LOG_LEVEL_INVALID', `Unknown log level "${level}".`, `Use one of: ${LEVELS.join(', ')} (LOG_LEVEL or --verbose).`);
  }
  return level;
}

/** A URL with credentials, secret-named query parameters and registered secrets removed. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return raw;
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    for (const name of [...url.searchParams.keys()]) {
      if (isSecretKey(name)) url.searchParams.delete(name);
    }
    return secrets.scrub(url.toString());
  } catch {
    // Relative or malformed: drop the query string entirely rather than guess at it.
    return secrets.scrub(raw.split('?')[0]!);
  }
}

function axiosUrl(err: import('axios').AxiosError): string | undefined {
  const config = err.config;
  if (!config) return undefined;
  try {
    return safeUrl(axios.getUri(config));
  } catch {
    return safeUrl(config.url);
  }
}

/**
 * Turns an error into plain data for a log line. Axios errors keep only what identifies the request (their
 * config, request and response carry headers with tokens); other errors go through pino's serializer, and
 * Errors nested in their fields get the same treatment.
 */
export function serializeError(err: unknown, seen: Set<unknown> = new Set()): unknown {
  if (!(err instanceof Error) || seen.has(err)) return err;
  seen.add(err);
  if (axios.isAxiosError(err)) {
    const out: Record<string, unknown> = { type: 'AxiosError', message: err.message };
    if (err.code) out.code = err.code;
    const status = err.response?.status ?? err.status;
    if (status !== undefined) out.status = status;
    if (err.config?.method) out.method = err.config.method.toUpperCase();
    const url = axiosUrl(err);
    if (url) out.url = url;
    return out;
  }
  const out = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  // pino's serializer copies nested errors with itself, which would keep an axios error's request and headers.
  for (const key of Object.keys(err)) {
    const value = (err as unknown as Record<string, unknown>)[key];
    if (value instanceof Error) out[key] = serializeError(value, seen);
  }
  const nested = (err as { errors?: unknown }).errors;
  if (Array.isArray(nested)) out.aggregateErrors = nested.map((e: unknown) => serializeError(e, seen));
  return out;
}

const scrubOptions = { serializeError: (e: Error) => serializeError(e) };

/** Writes each formatted line through `prettify` (or as is), after a last scrub of the whole text. */
function lineWriter(destination: { write(s: string): unknown }, prettify?: (line: string) => string): pino.DestinationStream {
  return {
    write(line: string) {
      destination.write(prettify ? secrets.scrub(prettify(line)) : line);
    },
  };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = resolveLevel(options.level);
  const destination = (options.destination ?? process.stderr) as { write(s: string): unknown; isTTY?: boolean };
  // pino-pretty (and what it loads) only when pretty lines are asked for: JSON logging never needs it.
  const prettify = options.pretty
    ? (require('pino-pretty') as typeof import('pino-pretty')).prettyFactory({
        colorize: destination.isTTY === true && !process.env.NO_COLOR,
        translateTime: 'SYS:HH:MM:ss.l',
        ignore: 'pid,hostname',
        singleLine: false,
      })
    : undefined;

  return pino(
    {
      level,
      ...(options.name ? { name: options.name } : {}),
      formatters: {
        // Runs before pino's own serializers, on the whole merging object: errors anywhere become plain data,
        // secret-named keys at any depth are redacted, and registered secrets leave every string.
        log: (object) => secrets.scrubDeep(object, scrubOptions) as Record<string, unknown>,
        bindings: (bindings) => secrets.scrubDeep(bindings, scrubOptions) as Record<string, unknown>,
      },
      serializers: { err: (e: unknown) => serializeError(e) },
      hooks: {
        logMethod(args, method) {
          // The message and its printf arguments never pass through formatters.log.
          const cleaned = args.map((arg, i) =>
            typeof arg === 'string' ? secrets.scrub(arg) : i === 0 ? arg : secrets.scrubDeep(arg, scrubOptions),
          ) as Parameters<typeof method>;
          method.apply(this, cleaned);
        },
        // Last line of defence: a secret registered after a child logger was bound, or one that reached the
        // message through err.message, is still removed from the finished line.
        streamWrite: (line) => secrets.scrub(line),
      },
    },
    lineWriter(destination, prettify),
  );
}
