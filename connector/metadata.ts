/**
 * Zoho metadata (modules, and the fields of a module) cached per connection for a short time, so forms and
 * handlers can ask freely. Concurrent askers share one request; a failed request is not cached.
 */

export interface ZohoModule {
  api_name: string;
  module_name?: string;
  singular_label?: string;
  plural_label?: string;
  api_supported?: boolean;
  [key: string]: unknown;
}

export interface ZohoField {
  api_name: string;
  data_type?: string;
  field_label?: string;
  system_mandatory?: boolean;
  read_only?: boolean;
  [key: string]: unknown;
}

export interface CacheEntry {
  at: number;
  value: Promise<unknown>;
}

/** Where the cached values live (one map per connection, kept by the session registry). */
export type MetadataStore = Map<string, CacheEntry>;

export type FetchJson = (path: string, query: Record<string, string>) => Promise<unknown>;

export const DEFAULT_METADATA_TTL_MS = 5 * 60_000;

export class Metadata {
  constructor(
    private readonly store: MetadataStore,
    private readonly fetchJson: FetchJson,
    private readonly ttlMs: number = DEFAULT_METADATA_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The org's modules (GET /settings/modules). */
  async modules(): Promise<ZohoModule[]> {
    const body = (await this.cached('modules', () => this.fetchJson('/settings/modules', {}))) as { modules?: ZohoModule[] } | undefined;
    return body?.modules ?? [];
  }

  /** One module's fields (GET /settings/fields?module=...). */
  async fields(module: string): Promise<ZohoField[]> {
    const body = (await this.cached(`fields:${module}`, () => this.fetchJson('/settings/fields', { module }))) as { fields?: ZohoField[] } | undefined;
    return body?.fields ?? [];
  }

  /** Forgets everything (after a layout change, for example). */
  invalidate(): void {
    this.store.clear();
  }

  private cached(key: string, load: () => Promise<unknown>): Promise<unknown> {
    const hit = this.store.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = load();
    const entry = { at: this.now(), value };
    this.store.set(key, entry);
    value.catch(() => {
      if (this.store.get(key) === entry) this.store.delete(key);
    });
    return value;
  }
}
