/** Checks and copies of Connection records, shared by every credential store. */
import { ConnectionError, InputError } from '../errors';
import { secrets } from '../secrets';
import type { Connection } from '../types';

/** What is wrong with a value that should be a Connection, or undefined when it is one. */
export function connectionProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'is not an object';
  const c = value as Record<string, unknown>;
  if (typeof c.nickname !== 'string' || c.nickname.trim() === '') return 'has no nickname';
  if (typeof c.connector !== 'string' || c.connector === '') return 'has no connector id';
  if (typeof c.createdAt !== 'string') return 'has no createdAt';
  if (typeof c.updatedAt !== 'string') return 'has no updatedAt';
  if (c.settings === null || typeof c.settings !== 'object' || Array.isArray(c.settings)) return 'has settings that are not an object';
  if (c.secrets === null || typeof c.secrets !== 'object' || Array.isArray(c.secrets)) return 'has secrets that are not an object';
  for (const [key, secret] of Object.entries(c.secrets as Record<string, unknown>)) {
    if (typeof secret !== 'string') return `has a secret "${key}" that is not a string`;
  }
  return undefined;
}

/** Refuses a Connection a caller is about to save when its shape is wrong. */
export function assertSavable(value: unknown): asserts value is Connection {
  const problem = connectionProblem(value);
  if (problem) {
    const nickname = (value as { nickname?: unknown } | null)?.nickname;
    throw new InputError(
      'CONNECTION_INVALID',
      `The connection${typeof nickname === 'string' ? ` "${nickname}"` : ''} ${problem}.`,
      'A connection needs nickname, connector, createdAt, updatedAt, settings (object) and secrets (object of strings).',
    );
  }
}

/** A deep copy, so no caller can change a store's state through an object it was given or handed back. */
export function copyConnection(connection: Connection): Connection {
  return structuredClone(connection);
}

/** Makes every secret of the connection known to the scrubbers. */
export function registerSecrets(connection: Connection): void {
  for (const value of Object.values(connection.secrets)) secrets.add(value);
}

export function notFound(nickname: string, known: string[]): ConnectionError {
  return new ConnectionError(
    'CONNECTION_NOT_FOUND',
    `No connection named "${nickname}".`,
    known.length ? `Known connections: ${known.join(', ')}.` : 'No connection is stored yet.',
  );
}

/** Runs `change` on a copy and checks that the result is still the same, valid connection. */
export async function applyChange(current: Connection, change: (current: Connection) => Connection): Promise<Connection> {
  const next: unknown = await change(copyConnection(current));
  assertSavable(next);
  if (next.nickname !== current.nickname) {
    throw new InputError(
      'CONNECTION_RENAME_REFUSED',
      `An update of "${current.nickname}" returned a connection named "${next.nickname}".`,
      'Keep the nickname in update(); to rename, put() the new one and delete() the old one.',
    );
  }
  return copyConnection(next);
}
