/**
 * The sandbox's one Zoho org: users, modules with their records, the recycle bin, page tokens and the clock.
 * Everything the routes read or change lives here; it can be seeded deterministically, saved and restored.
 */
import { Clock, zohoDateTime } from './clock';
import { fieldMeta } from './seed/field-meta';
import { GENERATORS, SEED_ORDER, type Ref } from './seed/generate';
import { moduleMeta } from './seed/module-meta';
import { moduleDefs, type FieldDef, type ModuleDef } from './seed/modules';
import { Random, hashString } from './seed/random';
import { ownerRef, seedUsers, userRef, type OrgUser } from './seed/users';
import { IdSequence } from './store/ids';
import { ModuleStore, type RecordData, type StoredRecord } from './store/module-store';
import { PageTokens } from './store/page-tokens';
import { RecycleBin, type DeletedEntry } from './store/recycle-bin';

/** Seeded records are spread over two years before this instant, so seeding never depends on today's date. */
const SEED_START_MS = Date.UTC(2023, 0, 1);
const SEED_SPAN_MS = 2 * 365 * 86_400_000;

/** Modules whose records carry these `$` keys in Zoho's answers. */
const SE_MODULE_FIELDS = new Set(['What_Id', 'Parent_Id']);

export type QueryField = FieldDef & { lookup?: { module: { api_name: string } } };

export interface AuditInfo {
  owner: OrgUser;
  createdBy: OrgUser;
  modifiedBy: OrgUser;
  createdMs: number;
  modifiedMs: number;
}

export interface OrgSnapshot {
  format: 'zcrm-sandbox-state';
  version: 1;
  seed: number;
  idCounter: number;
  clockOffsetMs: number;
  seededCount: Record<string, number>;
  modules: Record<string, Array<[string, number, number, RecordData]>>;
  recycleBin: DeletedEntry[];
}

export class Org {
  readonly users: OrgUser[] = seedUsers();
  readonly modules: readonly ModuleDef[] = moduleDefs();
  private readonly moduleByLower = new Map<string, ModuleDef>();
  private readonly stores = new Map<string, ModuleStore>();
  private readonly fieldsMeta = new Map<string, Record<string, unknown>[]>();
  private readonly queryFieldCache = new Map<string, QueryField[]>();
  readonly recycleBin = new RecycleBin();
  readonly pageTokens: PageTokens;
  /** Note ids by parent record id, so a record's notes are found without scanning. */
  private readonly notesByParent = new Map<string, Set<string>>();
  private ids = new IdSequence();
  /** How many records each module has had generated, so later seeds continue unique values. */
  private seededCount: Record<string, number> = {};

  constructor(
    readonly clock: Clock,
    public seed: number,
  ) {
    this.pageTokens = new PageTokens(() => clock.now());
    const byName = new Map(this.modules.map((m) => [m.api_name, m]));
    for (const m of this.modules) {
      this.moduleByLower.set(m.api_name.toLowerCase(), m);
      if (m.api_supported) this.stores.set(m.api_name, new ModuleStore(m));
      this.fieldsMeta.set(m.api_name, m.fields.map((f, i) => fieldMeta(m, f, i, byName)));
    }
  }

  get demoUser(): OrgUser {
    return this.users[0] as OrgUser;
  }

  /** A module by API name, case-insensitively (Zoho accepts `leads` for `Leads` in URLs). */
  module(name: string): ModuleDef | undefined {
    return this.moduleByLower.get(name.toLowerCase());
  }

  /** The record store of a module the records API serves. */
  store(name: string): ModuleStore | undefined {
    const m = this.module(name);
    return m ? this.stores.get(m.api_name) : undefined;
  }

  fieldMetadata(module: string): Record<string, unknown>[] {
    return this.fieldsMeta.get(module) ?? [];
  }

  /** A module's fields for the query languages: single-module lookups name their module, for COQL dot paths. */
  queryFields(def: ModuleDef): QueryField[] {
    let fields = this.queryFieldCache.get(def.api_name);
    if (!fields) {
      fields = def.fields.map((f) => (f.lookup_modules?.length === 1 ? { ...f, lookup: { module: { api_name: f.lookup_modules[0] as string } } } : f));
      this.queryFieldCache.set(def.api_name, fields);
    }
    return fields;
  }

  moduleMetadata(def: ModuleDef, withFields: boolean): Record<string, unknown> {
    return moduleMeta(def, this.demoUser, withFields ? this.fieldMetadata(def.api_name) : null);
  }

  user(id: string): OrgUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  nextId(): string {
    return this.ids.next();
  }

  /** A record's display name, as lookups to it carry it. */
  displayName(def: ModuleDef, data: Record<string, unknown>): string | null {
    const value = data[def.display_field];
    return value === null || value === undefined ? null : String(value);
  }

  refOf(def: ModuleDef, record: StoredRecord): Ref {
    return { name: this.displayName(def, record.data) ?? '', id: record.id };
  }

  /** Finds a record by id in any module (lookups with `$se_module` name the module; this is for notes). */
  findAnywhere(id: string): { def: ModuleDef; record: StoredRecord } | undefined {
    for (const store of this.stores.values()) {
      const record = store.get(id);
      if (record) return { def: store.def, record };
    }
    return undefined;
  }

  // ---- building and storing records ----

  /**
   * Turns validated field values into a stored record: every field present (null when unset), derived fields
   * computed, audit fields and Zoho's `$` keys set.
   */
  materialize(def: ModuleDef, id: string, values: Record<string, unknown>, audit: AuditInfo): StoredRecord {
    const data: RecordData = { id, Owner: ownerRef(audit.owner) };
    for (const f of def.fields) {
      if (f.api_name === 'Owner' || f.read_only) continue;
      const value = values[f.api_name];
      data[f.api_name] = value === undefined ? null : f.data_type === 'datetime' && typeof value === 'number' ? zohoDateTime(value) : value;
    }
    this.derive(def, data);
    data.Created_By = userRef(audit.createdBy);
    data.Modified_By = userRef(audit.modifiedBy);
    data.Created_Time = zohoDateTime(audit.createdMs);
    data.Modified_Time = zohoDateTime(audit.modifiedMs);
    if (def.fields.some((f) => f.api_name === 'Last_Activity_Time')) data.Last_Activity_Time = null;
    for (const f of def.fields) if (SE_MODULE_FIELDS.has(f.api_name) && def.api_name !== 'Notes') data.$se_module = values.$se_module ?? null;
    if (def.api_name === 'Notes') this.noteKeys(data, values);
    data.$approval_state = 'approved';
    data.$editable = true;
    data.$state = 'save';
    if (def.fields.some((f) => f.data_type === 'currency')) data.$currency_symbol = '$';
    if (def.api_name === 'Leads') data.$converted = false;
    return { id, createdMs: audit.createdMs, modifiedMs: audit.modifiedMs, data };
  }

  /** Applies validated changes to a record: a new data object, derived fields recomputed. */
  applyUpdate(def: ModuleDef, record: StoredRecord, values: Record<string, unknown>, by: OrgUser, nowMs: number): RecordData {
    const data: RecordData = { ...record.data };
    for (const [key, value] of Object.entries(values)) {
      if (key === 'Owner') data.Owner = ownerRef(this.user((value as { id: string }).id) as OrgUser);
      else data[key] = value;
    }
    this.derive(def, data);
    if (def.api_name === 'Notes') this.noteKeys(data, { ...values, Parent_Id: data.Parent_Id, $se_module: data.$se_module });
    data.Modified_By = userRef(by);
    data.Modified_Time = zohoDateTime(nowMs);
    return data;
  }

  insert(def: ModuleDef, record: StoredRecord): void {
    (this.stores.get(def.api_name) as ModuleStore).insert(record);
    if (def.api_name === 'Notes') this.linkNote(record);
  }

  update(def: ModuleDef, record: StoredRecord, data: RecordData, nowMs: number): void {
    if (def.api_name === 'Notes') this.unlinkNote(record);
    (this.stores.get(def.api_name) as ModuleStore).replace(record, data, nowMs);
    if (def.api_name === 'Notes') this.linkNote(record);
  }

  /** Deletes a record into the recycle bin; its notes go with it (Zoho restores them together). */
  remove(def: ModuleDef, id: string, by: OrgUser, nowMs: number): StoredRecord | undefined {
    const record = (this.stores.get(def.api_name) as ModuleStore).remove(id);
    if (!record) return undefined;
    if (def.api_name === 'Notes') this.unlinkNote(record);
    else for (const note of this.notesOf(id)) this.remove(this.module('Notes') as ModuleDef, note.id, by, nowMs);
    this.recycleBin.add({
      id,
      module: def.api_name,
      display_name: this.displayName(def, record.data),
      created_by: record.data.Created_By as { name: string; id: string },
      deleted_by: userRef(by),
      deletedMs: nowMs,
    });
    return record;
  }

  notesOf(parentId: string): StoredRecord[] {
    const ids = this.notesByParent.get(parentId);
    if (!ids) return [];
    const notes = this.stores.get('Notes') as ModuleStore;
    return [...ids].sort().map((id) => notes.get(id)).filter((n): n is StoredRecord => n !== undefined);
  }

  /** Moves notes from one parent to another (a converted lead's notes follow its contact). */
  moveNotes(fromId: string, to: { def: ModuleDef; record: StoredRecord }, by: OrgUser, nowMs: number): void {
    const notesDef = this.module('Notes') as ModuleDef;
    for (const note of this.notesOf(fromId)) {
      const data = this.applyUpdate(notesDef, note, { Parent_Id: { ...this.refOf(to.def, to.record), module: { api_name: to.def.api_name, id: to.def.id } }, $se_module: to.def.api_name }, by, nowMs);
      this.update(notesDef, note, data, nowMs);
    }
  }

  private linkNote(note: StoredRecord): void {
    const parent = (note.data.Parent_Id as { id?: string } | null)?.id;
    if (!parent) return;
    let set = this.notesByParent.get(parent);
    if (!set) this.notesByParent.set(parent, (set = new Set()));
    set.add(note.id);
  }

  private unlinkNote(note: StoredRecord): void {
    const parent = (note.data.Parent_Id as { id?: string } | null)?.id;
    if (parent) this.notesByParent.get(parent)?.delete(note.id);
  }

  private noteKeys(data: RecordData, values: Record<string, unknown>): void {
    const parent = values.Parent_Id as (Ref & { module?: unknown }) | null | undefined;
    const moduleName = (values.$se_module as string | null | undefined) ?? null;
    const parentDef = moduleName ? this.module(moduleName) : undefined;
    data.Parent_Id = parent && parentDef ? { module: { api_name: parentDef.api_name, id: parentDef.id }, name: parent.name, id: parent.id } : null;
    data.$se_module = parentDef?.api_name ?? null;
    data.$attachments = [];
    data.$is_shared_to_client = false;
    data.$sharing_permission = 'full_access';
    data.$size = '0';
    data.$voice_note = false;
  }

  /** Fields Zoho computes: names, deal revenue. */
  private derive(def: ModuleDef, data: RecordData): void {
    if (def.fields.some((f) => f.api_name === 'Full_Name')) {
      data.Full_Name = [data.First_Name, data.Last_Name].filter((v) => typeof v === 'string' && v !== '').join(' ');
    }
    if (def.api_name === 'Deals') {
      const amount = typeof data.Amount === 'number' ? data.Amount : null;
      const probability = typeof data.Probability === 'number' ? data.Probability : null;
      data.Expected_Revenue = amount !== null && probability !== null ? Math.round(amount * probability) / 100 : null;
    }
  }

  // ---- seeding ----

  /** Empties every module and generates `counts` records per module from the org's seed. */
  seedAll(counts: Readonly<Record<string, number>>): void {
    for (const store of this.stores.values()) store.clear();
    this.notesByParent.clear();
    this.recycleBin.clear();
    this.pageTokens.clear();
    this.ids = new IdSequence();
    this.seededCount = {};
    for (const api of SEED_ORDER) {
      const n = counts[api] ?? 0;
      if (n > 0) this.generate(api, n, (i) => SEED_START_MS + Math.floor(((i + 0.5) * SEED_SPAN_MS) / n));
    }
  }

  /** Adds `count` generated records to a module, created just before now. */
  seedMore(api: string, count: number): number {
    const now = this.clock.now();
    this.generate(api, count, (i) => now - (count - i) * 1000);
    return (this.stores.get(api) as ModuleStore).size;
  }

  private generate(api: string, count: number, createdAt: (i: number) => number): void {
    const def = this.module(api) as ModuleDef;
    const store = this.stores.get(def.api_name) as ModuleStore;
    const generator = GENERATORS[def.api_name];
    if (!generator) return;
    const start = this.seededCount[def.api_name] ?? 0;
    const rng = new Random((this.seed ^ hashString(def.api_name)) + start);
    const active = this.users.filter((u) => u.status === 'active');
    const ref = (module: string): Ref | null => {
      const view = this.stores.get(module)?.view('id');
      if (!view || view.length === 0) return null;
      const target = view[Math.floor(rng.next() * view.length)] as StoredRecord;
      return this.refOf(this.module(module) as ModuleDef, target);
    };
    const span = Math.min(30 * 86_400_000, SEED_SPAN_MS / Math.max(count, 1));
    for (let i = 0; i < count; i++) {
      const createdMs = Math.floor(createdAt(i) / 1000) * 1000;
      const index = start + i + 1;
      const values = generator({ rng, index, createdMs, ref });
      if (def.api_name === 'Notes' && !values.Parent_Id) continue;
      this.makeUnique(store, values);
      const owner = rng.pick(active);
      const modifiedMs = Math.floor(Math.min(createdMs + rng.next() * span, Math.max(createdMs, this.clock.now())) / 1000) * 1000;
      const record = this.materialize(def, this.nextId(), values, { owner, createdBy: owner, modifiedBy: owner, createdMs, modifiedMs });
      this.insert(def, record);
    }
    this.seededCount[def.api_name] = start + count;
  }

  /** Generated unique values can meet values a user wrote; a numeric suffix keeps them unique. */
  private makeUnique(store: ModuleStore, values: Record<string, unknown>): void {
    for (const f of store.uniqueFields) {
      const base = values[f.api_name];
      if (typeof base !== 'string') continue;
      let candidate = base;
      for (let n = 2; store.findUnique(f.api_name, candidate); n++) {
        candidate = f.data_type === 'email' ? base.replace('@', `.${n}@`) : `${base}-${n}`;
      }
      values[f.api_name] = candidate;
    }
  }

  // ---- state ----

  snapshot(): OrgSnapshot {
    const modules: OrgSnapshot['modules'] = {};
    for (const [api, store] of this.stores) modules[api] = store.view('id').map((r) => [r.id, r.createdMs, r.modifiedMs, r.data]);
    return {
      format: 'zcrm-sandbox-state',
      version: 1,
      seed: this.seed,
      idCounter: this.ids.value,
      clockOffsetMs: this.clock.offset,
      seededCount: { ...this.seededCount },
      modules,
      recycleBin: [...this.recycleBin.all()],
    };
  }

  restore(snapshot: OrgSnapshot): void {
    for (const store of this.stores.values()) store.clear();
    this.notesByParent.clear();
    this.recycleBin.clear();
    this.pageTokens.clear();
    this.seed = snapshot.seed;
    this.ids = new IdSequence(snapshot.idCounter);
    this.clock.offset = snapshot.clockOffsetMs;
    this.seededCount = { ...snapshot.seededCount };
    for (const [api, rows] of Object.entries(snapshot.modules)) {
      const def = this.module(api);
      if (!def || !this.stores.has(def.api_name)) continue;
      const sorted = [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [id, createdMs, modifiedMs, data] of sorted) this.insert(def, { id, createdMs, modifiedMs, data });
    }
    for (const entry of snapshot.recycleBin) this.recycleBin.add(entry);
  }
}

export type { FieldDef, ModuleDef };
