// Zoho OAuth scopes: which scope strings exist, and whether granted scopes cover a required one.

/**
 * Grammar: `<Service>.<group>.<operation>` or `<Service>.<group>.<resource>.<operation>`, e.g.
 * `ZohoCRM.modules.ALL`, `ZohoCRM.modules.leads.READ`, `ZohoCRM.settings.fields.READ`, `ZohoCRM.coql.READ`.
 * Matching is case-insensitive throughout: Zoho's own docs spell the same scope in several cases
 * (`ZohoCRM.modules.ALL`, `ZohoCRM.modules.leads.all`), and module API names are case-insensitive in URLs.
 */
export interface ParsedScope {
  service: string;
  group: string;
  /** The module or settings area (`leads`, `fields`), or null for a group-wide scope. */
  resource: string | null;
  operation: Operation;
}

export type Operation = 'all' | 'read' | 'create' | 'update' | 'write' | 'delete';

const OPERATIONS: ReadonlySet<string> = new Set<Operation>(['all', 'read', 'create', 'update', 'write', 'delete']);

/**
 * Groups the sandbox recognises, per service. Anything else is refused at the consent page, as Zoho refuses a
 * scope it does not know; only `modules` and `settings` take a resource segment.
 */
const KNOWN_GROUPS: Readonly<Record<string, ReadonlySet<string>>> = {
  zohocrm: new Set([
    'modules',
    'settings',
    'users',
    'org',
    'coql',
    'bulk',
    'notifications',
    'files',
    'mass_update',
    'mass_delete',
    'change_owner',
    'send_mail',
    'share',
    'templates',
    'functions',
  ]),
  zohosearch: new Set(['securesearch']),
  aaaserver: new Set(['profile']),
};

const GROUPS_WITH_RESOURCE: ReadonlySet<string> = new Set(['modules', 'settings']);
const RESOURCE_PATTERN = /^[a-z0-9_]+$/;

/** Parses one scope string; null when it is not a scope Zoho (as simulated here) knows. */
export function parseScope(scope: string): ParsedScope | null {
  const parts = scope.toLowerCase().split('.');
  if (parts.length !== 3 && parts.length !== 4) return null;
  const [service, group] = parts as [string, string];
  const operation = parts[parts.length - 1] as string;
  const resource = parts.length === 4 ? (parts[2] as string) : null;
  if (!KNOWN_GROUPS[service]?.has(group) || !OPERATIONS.has(operation)) return null;
  if (resource !== null && (!GROUPS_WITH_RESOURCE.has(group) || !RESOURCE_PATTERN.test(resource))) return null;
  return { service, group, resource, operation: operation as Operation };
}

export type ScopeListResult = { ok: true; scopes: string[] } | { ok: false; invalid: string };

/**
 * Parses the `scope` parameter of the authorize request: comma separated, as Zoho documents. Entries are
 * trimmed and de-duplicated; an empty list or any unknown entry is refused (the first bad entry is returned).
 */
export function parseScopeList(param: string | null | undefined): ScopeListResult {
  const entries = (param ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (entries.length === 0) return { ok: false, invalid: '' };
  const scopes: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (parseScope(entry) === null) return { ok: false, invalid: entry };
    const key = entry.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      scopes.push(entry);
    }
  }
  return { ok: true, scopes };
}

/** WRITE is Zoho's "create and edit"; ALL is everything. Delete is only covered by DELETE and ALL. */
function operationCovers(granted: Operation, required: Operation): boolean {
  if (granted === 'all' || granted === required) return true;
  return granted === 'write' && (required === 'create' || required === 'update');
}

function covers(granted: ParsedScope, required: ParsedScope): boolean {
  if (granted.service !== required.service || granted.group !== required.group) return false;
  if (granted.resource !== null && granted.resource !== required.resource) return false;
  return operationCovers(granted.operation, required.operation);
}

/**
 * True when one of the granted scopes covers the required one: a group-wide scope covers every resource of
 * its group (`ZohoCRM.modules.ALL` covers `ZohoCRM.modules.notes.DELETE`, `ZohoCRM.settings.ALL` covers
 * `ZohoCRM.settings.fields.READ`), a resource scope covers only that resource, and a group-wide requirement
 * (`ZohoCRM.coql.READ`, `ZohoCRM.modules.READ`) needs a group-wide grant. Groups never cover each other:
 * `ZohoCRM.modules.ALL` does not grant COQL. Unparsable strings cover nothing.
 */
export function hasScope(granted: readonly string[], required: string): boolean {
  const need = parseScope(required);
  if (need === null) return false;
  return granted.some((g) => {
    const have = parseScope(g);
    return have !== null && covers(have, need);
  });
}
