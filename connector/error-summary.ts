/**
 * The short form of an error that action outputs carry for one failed item (or a failed follow-up read):
 * Zoho's code and message, its details, and our hint — the shape of defs.json#/definitions/zohoError.
 */
import { toHostError, type ErrorInfo } from '../runtime/errors';

export interface ErrorSummary {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  hint?: string;
}

export function summarizeErrorInfo(info: ErrorInfo): ErrorSummary {
  const out: ErrorSummary = { code: info.code, message: info.message };
  if (info.details && typeof info.details === 'object' && !Array.isArray(info.details)) out.details = info.details as Record<string, unknown>;
  if (info.hint) out.hint = info.hint;
  return out;
}

export function summarizeError(err: unknown): ErrorSummary {
  return summarizeErrorInfo(toHostError(err).toJSON());
}
