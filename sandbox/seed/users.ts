/** The org's users: the demo user (an administrator) first, then a few colleagues, one of them deactivated. */
import type { SandboxUser } from '../accounts/types';

export const ORG_ID = '60027781234';

export interface OrgUser extends SandboxUser {
  firstName: string;
  lastName: string;
  role: { name: string; id: string };
  profile: { name: string; id: string };
  status: 'active' | 'disabled';
}

const CEO = { name: 'CEO', id: '4876876000000026005' };
const MANAGER = { name: 'Manager', id: '4876876000000026008' };
const REP = { name: 'Sales Representative', id: '4876876000000026011' };
const ADMIN = { name: 'Administrator', id: '4876876000000026014' };
const STANDARD = { name: 'Standard', id: '4876876000000026017' };

function user(n: number, firstName: string, lastName: string, role: OrgUser['role'], profile: OrgUser['profile'], status: OrgUser['status'] = 'active'): OrgUser {
  return {
    id: `4876876000000${String(225000 + n).padStart(6, '0')}`,
    zuid: String(70180000 + n * 37),
    name: `${firstName} ${lastName}`,
    email: `${firstName}.${lastName}@zylker.example`.toLowerCase(),
    orgId: ORG_ID,
    firstName,
    lastName,
    role,
    profile,
    status,
  };
}

/** A fresh copy each time, so one sandbox cannot change another's users. */
export function seedUsers(): OrgUser[] {
  return [
    user(1, 'Patricia', 'Boyle', CEO, ADMIN),
    user(2, 'Amelia', 'Burrows', MANAGER, STANDARD),
    user(3, 'Rahul', 'Menon', REP, STANDARD),
    user(4, 'Chen', 'Wei', REP, STANDARD),
    user(5, 'Sofia', 'Alvarez', REP, STANDARD, 'disabled'),
  ];
}

/** The `{name, id, email}` form Zoho uses for Owner; Created_By / Modified_By use `{name, id}`. */
export function ownerRef(u: SandboxUser): { name: string; id: string; email: string } {
  return { name: u.name, id: u.id, email: u.email };
}

export function userRef(u: SandboxUser): { name: string; id: string } {
  return { name: u.name, id: u.id };
}
