/**
 * Deleted records, as `GET /{module}/deleted` reports them. Zoho keeps deleted records in the recycle bin for
 * 60 days and then purges them; a purged entry is reported as `permanent`, with its names removed.
 */

export interface DeletedEntry {
  id: string;
  module: string;
  display_name: string | null;
  created_by: { name: string; id: string } | null;
  deleted_by: { name: string; id: string };
  deletedMs: number;
}

export type DeletedType = 'all' | 'recycle' | 'permanent';

export const RECYCLE_RETENTION_MS = 60 * 24 * 3600_000;

export class RecycleBin {
  private readonly entries: DeletedEntry[] = [];

  add(entry: DeletedEntry): void {
    this.entries.push(entry);
  }

  /** A module's entries of a type, most recently deleted first. */
  list(module: string, type: DeletedType, nowMs: number): Array<DeletedEntry & { type: 'recycle' | 'permanent' }> {
    const out: Array<DeletedEntry & { type: 'recycle' | 'permanent' }> = [];
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i] as DeletedEntry;
      if (e.module !== module) continue;
      const kind = nowMs - e.deletedMs >= RECYCLE_RETENTION_MS ? 'permanent' : 'recycle';
      if (type === 'all' || type === kind) out.push({ ...e, type: kind });
    }
    return out;
  }

  all(): readonly DeletedEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
