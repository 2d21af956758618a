/** Reads a port number given as an option or an environment variable; 0 means "any free port". */
import { InputError } from '../runtime/errors';

export function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new InputError('BAD_PORT', `${source} must be a port number from 0 to 65535, got "${text}".`, 'Use --port 0 to pick a free port.');
  }
  return port;
}
