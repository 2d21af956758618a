/**
 * What each profile may not do, beyond its token's scopes: Zoho answers 403 NO_PERMISSION when the user's
 * profile lacks the permission, whatever the OAuth scopes say. The Standard profile cannot delete Accounts or
 * Projects, so the error can be reproduced with any non-admin user.
 */
import type { Operation } from '../records/resolve';

const DENIED: Readonly<Record<string, ReadonlyArray<{ module: string; operation: Operation }>>> = {
  Administrator: [],
  Standard: [
    { module: 'Accounts', operation: 'DELETE' },
    { module: 'Projects', operation: 'DELETE' },
  ],
};

const VERB: Record<Operation, string> = { READ: 'View', CREATE: 'Create', UPDATE: 'Edit', DELETE: 'Delete' };

/** Zoho's permission name when the profile may not do it, e.g. `Crm_Implied_Delete_Accounts`; null when allowed. */
export function missingPermission(profile: string, module: string, operation: Operation): string | null {
  const denied = (DENIED[profile] ?? []).some((d) => d.module === module && d.operation === operation);
  return denied ? `Crm_Implied_${VERB[operation]}_${module}` : null;
}
