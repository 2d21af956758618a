/**
 * An error the sandbox answers with, in one of Zoho's two shapes: flat `{code, details, message, status}` for
 * request-level errors, or wrapped in `{"data": [...]}` for record-level errors of writes.
 */
export class ZohoHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly wrapped = false,
  ) {
    super(message);
    this.name = 'ZohoHttpError';
  }

  body(): unknown {
    const item = { code: this.code, details: this.details, message: this.message, status: 'error' };
    return this.wrapped ? { data: [item] } : item;
  }
}
