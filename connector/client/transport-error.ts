/**
 * A failure below HTTP (refused, reset, timed out, cancelled), reduced to what the retry policy needs: the
 * error code and whether the request had been fully sent. It never carries the axios error, whose request
 * object holds the Authorization header.
 */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    /** The whole request reached the socket: Zoho may have acted on it. */
    readonly sent: boolean,
    readonly kind: 'network' | 'timeout' | 'cancelled',
  ) {
    super(`${kind === 'timeout' ? 'timed out' : kind === 'cancelled' ? 'cancelled' : 'network error'} (${code})`);
    this.name = 'TransportError';
  }
}
