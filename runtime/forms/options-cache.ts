/**
 * A short-lived cache of live options: one entry per connection, action field, source and dependency values.
 * Concurrent askers share one pending call; a failed call is forgotten at once, so a fixed scope or network
 * is seen on the next try.
 */

export const DEFAULT_OPTIONS_TTL_MS = 60_000;

export class OptionsCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number = DEFAULT_OPTIONS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const entry = { at: this.now(), value: load() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}
