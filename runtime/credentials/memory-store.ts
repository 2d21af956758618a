/** A CredentialStore kept in memory, for tests and library users who manage persistence themselves. */
import { KeyedQueue } from './keyed-queue';
import type { Connection, CredentialStore } from '../types';
import { applyChange, assertSavable, copyConnection, notFound, registerSecrets } from './connection-record';

export class MemoryCredentialStore implements CredentialStore {
  readonly #connections = new Map<string, Connection>();
  /** Writes to one nickname run one after another. */
  readonly #queue = new KeyedQueue();

  constructor(initial: Connection[] = []) {
    for (const connection of initial) {
      assertSavable(connection);
      registerSecrets(connection);
      this.#connections.set(connection.nickname, copyConnection(connection));
    }
  }

  async list(): Promise<Connection[]> {
    return [...this.#connections.values()].sort((a, b) => a.nickname.localeCompare(b.nickname)).map(copyConnection);
  }

  async get(nickname: string): Promise<Connection | undefined> {
    const found = this.#connections.get(nickname);
    return found ? copyConnection(found) : undefined;
  }

  async put(connection: Connection): Promise<void> {
    assertSavable(connection);
    const stored = copyConnection(connection);
    registerSecrets(stored);
    return this.#queue.run(stored.nickname, async () => {
      this.#connections.set(stored.nickname, stored);
    });
  }

  async update(nickname: string, change: (current: Connection) => Connection): Promise<Connection> {
    return this.#queue.run(nickname, async () => {
      const current = this.#connections.get(nickname);
      if (!current) throw notFound(nickname, [...this.#connections.keys()].sort());
      const next = await applyChange(current, change);
      registerSecrets(next);
      this.#connections.set(nickname, next);
      return copyConnection(next);
    });
  }

  async delete(nickname: string): Promise<boolean> {
    return this.#queue.run(nickname, async () => this.#connections.delete(nickname));
  }
}
