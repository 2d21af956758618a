/** Users and org: `GET /users?type=...`, `GET /users/{id}`, `GET /org` (the connector records who connected). */
import { ORG_TIME_ZONE } from '../clock';
import type { CrmContext } from '../context';
import { invalidParam } from '../errors';
import { json, noContent, type Reply } from '../http/reply';
import type { RouteDef } from '../router';
import { ORG_ID, type OrgUser } from '../seed/users';

const USERS_SCOPE = 'ZohoCRM.users.READ';
const ORG_SCOPE = 'ZohoCRM.org.READ';

const TYPES: Record<string, (u: OrgUser, me: OrgUser) => boolean> = {
  AllUsers: () => true,
  ActiveUsers: (u) => u.status === 'active',
  DeactiveUsers: (u) => u.status === 'disabled',
  ConfirmedUsers: () => true,
  NotConfirmedUsers: () => false,
  DeletedUsers: () => false,
  ActiveConfirmedUsers: (u) => u.status === 'active',
  AdminUsers: (u) => u.profile.name === 'Administrator',
  ActiveConfirmedAdmins: (u) => u.profile.name === 'Administrator' && u.status === 'active',
  CurrentUser: (u, me) => u.id === me.id,
};

function userJson(u: OrgUser, ctx: CrmContext): Record<string, unknown> {
  const admin = ctx.org.demoUser;
  return {
    country: 'IN',
    language: 'en_US',
    locale: 'en_US',
    country_locale: 'en_US',
    name_format__s: 'Salutation,First Name,Last Name',
    time_format: 'hh:mm a',
    date_format: 'MMM d, yyyy',
    time_zone: ORG_TIME_ZONE,
    sort_order_preference__s: 'First Name,Last Name',
    decimal_separator: 'Period',
    number_separator: 'Comma',
    role: u.role,
    profile: u.profile,
    created_by: u.id === admin.id ? null : { name: admin.name, id: admin.id },
    Modified_By: { name: admin.name, id: admin.id },
    created_time: '2022-11-02T09:15:00+05:30',
    Modified_Time: '2024-01-15T10:12:31+05:30',
    zuid: u.zuid,
    confirm: true,
    status: u.status === 'active' ? 'active' : 'disabled',
    id: u.id,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    full_name: u.name,
    Isonline: false,
    status_reason__s: null,
  };
}

function users(ctx: CrmContext): Reply {
  ctx.requireScope(USERS_SCOPE);
  const type = ctx.query.get('type') ?? 'AllUsers';
  const test = TYPES[type];
  if (!test) throw invalidParam('type', { supported_values: Object.keys(TYPES) });
  const matched = ctx.org.users.filter((u) => test(u, ctx.user));
  if (matched.length === 0) return noContent();
  const page = Math.max(1, Number(ctx.query.get('page') ?? '1') || 1);
  const perPage = Math.min(200, Math.max(1, Number(ctx.query.get('per_page') ?? '200') || 200));
  const slice = matched.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return noContent();
  return json(200, {
    users: slice.map((u) => userJson(u, ctx)),
    info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < matched.length },
  });
}

function userById(ctx: CrmContext, params: Record<string, string>): Reply {
  ctx.requireScope(USERS_SCOPE);
  const u = ctx.org.user(params.id as string);
  return u ? json(200, { users: [userJson(u, ctx)] }) : noContent();
}

function org(ctx: CrmContext): Reply {
  ctx.requireScope(ORG_SCOPE);
  const admin = ctx.org.demoUser;
  return json(200, {
    org: [
      {
        country: 'India',
        photo_id: null,
        city: 'Chennai',
        description: null,
        mc_status: false,
        gapps_enabled: false,
        domain_name: 'org60027781234',
        translation_enabled: true,
        street: '1 Sandbox Road',
        alias: null,
        currency: 'US Dollar - USD',
        id: '4876876000000223011',
        state: 'Tamil Nadu',
        fax: null,
        employee_count: String(ctx.org.users.length),
        zip: '600001',
        website: 'https://www.zylker.example',
        currency_symbol: '$',
        mobile: null,
        currency_locale: 'en_US',
        primary_zuid: admin.zuid,
        zia_portal_id: null,
        time_zone: ORG_TIME_ZONE,
        zgid: ORG_ID,
        country_code: 'IN',
        license_details: {
          paid_expiry: null,
          users_license_purchased: ctx.org.users.length,
          trial_type: null,
          trial_expiry: null,
          paid: true,
          paid_type: 'standard',
        },
        phone: null,
        company_name: 'Zylker Sandbox',
        privacy_settings: false,
        primary_email: admin.email,
        iso_code: 'USD',
        hipaa_compliance_enabled: false,
        type: 'production',
      },
    ],
  });
}

export const userRoutes: RouteDef[] = [
  { pattern: 'users', handlers: { GET: users } },
  { pattern: 'users/:id', handlers: { GET: userById } },
  { pattern: 'org', handlers: { GET: org } },
];

