/**
 * Typed errors of the host runtime. Every failure that leaves `execute()` or the CLI is a HostError (or is
 * turned into one), so callers branch on `code` and `category`, never on message text.
 */

/** Who must act, which also decides the CLI exit code. */
export type ErrorCategory =
  | 'input' //        the caller's input, usage or files are wrong            → exit 2
  | 'remote' //       the remote service answered with an error               → exit 1
  | 'auth' //         the connection is missing, revoked or cannot refresh    → exit 3
  | 'unknown_outcome' // a write may or may not have happened                  → exit 4
  | 'internal'; //    a bug in a connector or the runtime                       → exit 1

export interface ValidationIssue {
  /** JSON path of the offending value, e.g. `/record/Last_Name` ("" for the root). */
  path: string;
  /** What is wrong and, where possible, how to fix it. */
  message: string;
}

export interface HostErrorInit {
  code: string;
  message: string;
  category: ErrorCategory;
  retryable?: boolean;
  httpStatus?: number;
  hint?: string;
  details?: unknown;
  cause?: unknown;
}

/** The serializable shape of an error, as returned in `{ ok: false, error }` and printed by `--json`. */
export interface ErrorInfo {
  code: string;
  message: string;
  category: ErrorCategory;
  retryable: boolean;
  httpStatus?: number;
  hint?: string;
  details?: unknown;
}

export class HostError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly hint?: string;
  readonly details?: unknown;

  constructor(init: HostErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.category = init.category;
    this.retryable = init.retryable ?? false;
    if (init.httpStatus !== undefined) this.httpStatus = init.httpStatus;
    if (init.hint !== undefined) this.hint = init.hint;
    if (init.details !== undefined) this.details = init.details;
  }

  toJSON(): ErrorInfo {
    const out: ErrorInfo = { code: this.code, message: this.message, category: this.category, retryable: this.retryable };
    if (this.httpStatus !== undefined) out.httpStatus = this.httpStatus;
    if (this.hint !== undefined) out.hint = this.hint;
    if (this.details !== undefined) out.details = this.details;
    return out;
  }
}

export function isHostError(value: unknown): value is HostError {
  return value instanceof HostError;
}

const CATEGORIES: ReadonlySet<string> = new Set<ErrorCategory>(['input', 'remote', 'auth', 'unknown_outcome', 'internal']);

/**
 * A connector built against another copy of this runtime (or written in plain JavaScript) cannot pass an
 * `instanceof` check, so errors are also recognised by shape: a string `code` and a known `category`.
 */
function isHostErrorLike(value: unknown): value is Error & HostErrorInit {
  if (!(value instanceof Error)) return false;
  const v = value as unknown as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.category === 'string' && CATEGORIES.has(v.category);
}

/** Input failed a JSON Schema: `details` is the full list of issues. */
export class ValidationError extends HostError {
  readonly issues: ValidationIssue[];
  constructor(message: string, issues: ValidationIssue[], hint?: string) {
    super({ code: 'VALIDATION_FAILED', category: 'input', message, details: { issues }, ...(hint ? { hint } : {}) });
    this.issues = issues;
  }
}

/** Bad usage, bad files, unknown names: the caller must change something. */
export class InputError extends HostError {
  constructor(code: string, message: string, hint?: string, details?: unknown) {
    super({ code, category: 'input', message, ...(hint ? { hint } : {}), ...(details !== undefined ? { details } : {}) });
  }
}

/** A manifest or schema file is broken: names the file, the JSON path and the fix. */
export class ManifestError extends HostError {
  constructor(file: string, jsonPath: string, problem: string, fix: string, issues?: ValidationIssue[]) {
    super({
      code: 'MANIFEST_INVALID',
      category: 'input',
      message: `${file}${jsonPath ? ` at ${jsonPath}` : ''}: ${problem}`,
      hint: fix,
      details: issues ? { file, path: jsonPath, issues } : { file, path: jsonPath },
    });
  }
}

/** The connection cannot be used (unknown nickname, revoked token, store unreadable). */
export class ConnectionError extends HostError {
  constructor(code: string, message: string, hint?: string, details?: unknown) {
    super({ code, category: 'auth', message, ...(hint ? { hint } : {}), ...(details !== undefined ? { details } : {}) });
  }
}

/** A write was sent and its result was lost: it must not be resent blindly. */
export class OutcomeUnknownError extends HostError {
  constructor(message: string, hint: string, details?: unknown) {
    super({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome', message, hint, ...(details !== undefined ? { details } : {}) });
  }
}

/** CLI exit codes, by category. */
export const EXIT_CODES = { ok: 0, remote: 1, input: 2, auth: 3, unknown_outcome: 4, internal: 1 } as const;

export function exitCodeFor(category: ErrorCategory): number {
  return EXIT_CODES[category];
}

/**
 * Turns anything thrown into a HostError. Connector errors that already extend HostError pass through; any
 * other throw is a bug and becomes INTERNAL_ERROR (its message is kept, never its stack or properties, which
 * may carry secrets).
 */
export function toHostError(err: unknown): HostError {
  if (isHostError(err)) return err;
  if (isHostErrorLike(err)) {
    const { code, category, retryable, httpStatus, hint, details } = err;
    return new HostError({ code, category, message: err.message, retryable: retryable === true, ...(typeof httpStatus === 'number' ? { httpStatus } : {}), ...(typeof hint === 'string' ? { hint } : {}), ...(details !== undefined ? { details } : {}) });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HostError({ code: 'INTERNAL_ERROR', category: 'internal', message: `Unexpected error: ${message}`, cause: err });
}
