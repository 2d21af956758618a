/**
 * One module's records in memory: a map by id, unique-field indexes, and sorted views that lists page through
 * without copying. The id view is the map's insertion order (ids only grow); time-sorted views are built on
 * demand and dropped when a write changes their order.
 */
import type { FieldDef, ModuleDef } from '../seed/modules';

export type RecordData = Record<string, unknown> & { id: string };

export interface StoredRecord {
  id: string;
  createdMs: number;
  modifiedMs: number;
  /** The record as Zoho shows it (id, Owner, fields, audit fields, `$` keys). */
  data: RecordData;
}

export type SortKey = 'id' | 'Created_Time' | 'Modified_Time';

/** Unique values compare case-insensitively, trimmed (Zoho's duplicate check ignores case). */
export function uniqueKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim().toLowerCase();
  return text === '' ? null : text;
}

export function sortValue(record: StoredRecord, key: SortKey): number | string {
  if (key === 'Created_Time') return record.createdMs;
  if (key === 'Modified_Time') return record.modifiedMs;
  return record.id;
}

/** Orders by the sort key, then by id, so every view is a total order. */
export function compareRecords(a: StoredRecord, b: StoredRecord, key: SortKey): number {
  if (key !== 'id') {
    const d = (sortValue(a, key) as number) - (sortValue(b, key) as number);
    if (d !== 0) return d;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class ModuleStore {
  private readonly byId = new Map<string, StoredRecord>();
  private readonly uniqueIndex = new Map<string, Map<string, string>>();
  private idView: StoredRecord[] | null = null;
  private readonly timeViews = new Map<SortKey, StoredRecord[]>();
  readonly fieldsByName: ReadonlyMap<string, FieldDef>;
  readonly uniqueFields: readonly FieldDef[];

  constructor(readonly def: ModuleDef) {
    this.fieldsByName = new Map(def.fields.map((f) => [f.api_name, f]));
    this.uniqueFields = def.fields.filter((f) => f.unique);
    for (const f of this.uniqueFields) this.uniqueIndex.set(f.api_name, new Map());
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): StoredRecord | undefined {
    return this.byId.get(id);
  }

  values(): IterableIterator<StoredRecord> {
    return this.byId.values();
  }

  /** The record holding `value` in a unique field, if any. */
  findUnique(field: string, value: unknown): StoredRecord | undefined {
    const key = uniqueKey(value);
    const id = key === null ? undefined : this.uniqueIndex.get(field)?.get(key);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** Adds a record whose id is newer than every id in the store. */
  insert(record: StoredRecord): void {
    this.byId.set(record.id, record);
    this.indexUnique(record, 1);
    this.idView?.push(record);
    this.timeViews.clear();
  }

  /** Replaces a record's data after an update (same id). */
  replace(record: StoredRecord, data: RecordData, modifiedMs: number): void {
    this.indexUnique(record, -1);
    record.data = data;
    record.modifiedMs = modifiedMs;
    this.indexUnique(record, 1);
    this.timeViews.delete('Modified_Time');
  }

  remove(id: string): StoredRecord | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    this.byId.delete(id);
    this.indexUnique(record, -1);
    this.idView = null;
    this.timeViews.clear();
    return record;
  }

  clear(): void {
    this.byId.clear();
    for (const index of this.uniqueIndex.values()) index.clear();
    this.idView = null;
    this.timeViews.clear();
  }

  /** All records in ascending (key, id) order. The array is shared: callers must not change it. */
  view(key: SortKey): readonly StoredRecord[] {
    if (key === 'id') {
      this.idView ??= Array.from(this.byId.values());
      return this.idView;
    }
    let view = this.timeViews.get(key);
    if (!view) {
      view = Array.from(this.byId.values()).sort((a, b) => compareRecords(a, b, key));
      this.timeViews.set(key, view);
    }
    return view;
  }

  private indexUnique(record: StoredRecord, direction: 1 | -1): void {
    for (const f of this.uniqueFields) {
      const key = uniqueKey(record.data[f.api_name]);
      if (key === null) continue;
      const index = this.uniqueIndex.get(f.api_name) as Map<string, string>;
      if (direction === 1) index.set(key, record.id);
      else if (index.get(key) === record.id) index.delete(key);
    }
  }
}
