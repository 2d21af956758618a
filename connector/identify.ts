/**
 * Who a connection signs in as: the Zoho CRM user (GET /users?type=CurrentUser) and the org (GET /org), read
 * with one cheap call each right after connecting, and kept in the connection's settings.
 */
import type { ZohoClient } from './client/zoho-client';
import type { ZohoSettings } from './connection';

export type Identity = Pick<ZohoSettings, 'userId' | 'userZuid' | 'userEmail' | 'userName' | 'orgId' | 'orgName' | 'edition'>;

interface UserBody {
  users?: { id?: string; zuid?: string; email?: string; full_name?: string; first_name?: string; last_name?: string }[];
}

interface OrgBody {
  org?: { id?: string; zgid?: string; company_name?: string; license_details?: { paid_type?: string } }[];
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** The user is required (it is what the same-user check compares); the org is recorded when readable. */
export async function identify(client: ZohoClient, signal?: AbortSignal): Promise<Identity> {
  const opts = signal ? { signal } : {};
  const [users, orgs] = await Promise.allSettled([client.get<UserBody>('/users', { type: 'CurrentUser' }, opts), client.get<OrgBody>('/org', undefined, opts)]);
  if (users.status === 'rejected') throw users.reason;
  const user = users.value?.users?.[0];
  const org = orgs.status === 'fulfilled' ? orgs.value?.org?.[0] : undefined;
  const out: Identity = {};
  const name = text(user?.full_name) ?? ([user?.first_name, user?.last_name].filter(Boolean).join(' ') || undefined);
  const set = <K extends keyof Identity>(key: K, value: Identity[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('userId', text(user?.id));
  set('userZuid', text(user?.zuid));
  set('userEmail', text(user?.email));
  set('userName', name);
  set('orgId', text(org?.id));
  set('orgName', text(org?.company_name));
  set('edition', text(org?.license_details?.paid_type));
  return out;
}
