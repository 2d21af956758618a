/**
 * Which OAuth scope a Zoho CRM request needs, worked out from its method and path, so that an
 * OAUTH_SCOPE_MISMATCH can name the missing scope (Zoho's own answer carries no details).
 */

const OPERATION: Record<string, string> = { GET: 'READ', POST: 'CREATE', PUT: 'WRITE', PATCH: 'WRITE', DELETE: 'DELETE' };

/** `/crm/v8/Leads/1/Notes` → ['Leads', '1', 'Notes'] (the version segment dropped). */
function apiSegments(pathname: string): string[] {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] === 'crm') parts.shift();
  if (parts[0] && /^v\d+(\.\d+)?$/.test(parts[0])) parts.shift();
  return parts.map((p) => decodeURIComponent(p));
}

export function requiredScope(method: string, pathname: string): string | undefined {
  const m = method.toUpperCase();
  const op = OPERATION[m] ?? 'ALL';
  const seg = apiSegments(pathname);
  const first = seg[0];
  if (!first) return undefined;
  if (first === 'coql') return 'ZohoCRM.coql.READ';
  if (first === 'settings') return seg[1] ? `ZohoCRM.settings.${seg[1]}.${m === 'GET' ? 'READ' : 'ALL'}` : 'ZohoCRM.settings.ALL';
  if (first === 'users') return m === 'GET' ? 'ZohoCRM.users.READ' : 'ZohoCRM.users.ALL';
  if (first === 'org') return m === 'GET' ? 'ZohoCRM.org.READ' : 'ZohoCRM.org.ALL';
  if (first === 'Notes' || seg[2] === 'Notes') return `ZohoCRM.modules.notes.${op}`;
  if (seg[2] === 'actions' && seg[3] === 'convert') return 'ZohoCRM.modules.leads.CREATE';
  if (seg[2] === 'actions' && seg[3] === 'clone') return `ZohoCRM.modules.${first.toLowerCase()}.CREATE`;
  if (seg[1] === 'search' || seg[1] === 'deleted') return `ZohoCRM.modules.${first.toLowerCase()}.READ`;
  return `ZohoCRM.modules.${first.toLowerCase()}.${op}`;
}
