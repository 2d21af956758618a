/** A CredentialStore kept in memory, for tests and library users who manage persistence themselves. */
import type { Connection, CredentialStore } from '../types';
import { applyChange, assertSavable, copyConnection, notFound, registerSecrets } from './connection-record';

export class MemoryCredentialStore implements CredentialStore {
  readonly #connections = new Map<string, Connection>();
  /** The tail of each nickname's chain of pending writes: writes to one nickname run one after another. */
  readonly #queues = new Map<string, Promise<unknown>>();

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
    return this.#serialized(stored.nickname, async () => {
      this.#connections.set(stored.nickname, stored);
    });
  }

  async update(nickname: string, change: (current: Connection) => Connection): Promise<Connection> {
    return this.#serialized(nickname, async () => {
      const current = this.#connections.get(nickname);
      if (!current) throw notFound(nickname, [...this.#connections.keys()].sort());
      const next = await applyChange(current, change);
      registerSecrets(next);
      this.#connections.set(nickname, next);
      return copyConnection(next);
    });
  }

  async delete(nickname: string): Promise<boolean> {
    return this.#serialized(nickname, async () => this.#connections.delete(nickname));
  }

  #serialized<T>(nickname: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(nickname) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => undefined);
    this.#queues.set(nickname, tail);
    void tail.then(() => {
      if (this.#queues.get(nickname) === tail) this.#queues.delete(nickname);
    });
    return result;
  }
}
