/**
 * `POST /Leads/{id}/actions/convert`: turns a lead into a Contact (or links an existing one, given or with the
 * same email), an Account from Company (or the existing account of that name, or the one given) and, when
 * asked, a Deal. Everything is checked before anything is written; the lead is then marked converted and its
 * notes follow the contact. Converting twice is ID_ALREADY_CONVERTED. v2/v2.1 take and answer plain ids.
 */
import type { CrmContext } from '../context';
import { invalidType, invalidValue } from '../errors';
import { json, type Reply } from '../http/reply';
import { ZohoHttpError } from '../http-error';
import type { Org } from '../org';
import { moduleFor } from '../records/resolve';
import { checkRecord } from '../records/validate';
import { dataArray } from '../records/write';
import type { RouteDef } from '../router';
import { LEAD_CONVERT_MAPPING } from '../seed/convert-mapping';
import type { ModuleDef } from '../seed/modules';
import type { OrgUser } from '../seed/users';
import type { ModuleStore, StoredRecord } from '../store/module-store';

interface Target {
  def: ModuleDef;
  store: ModuleStore;
}

function target(org: Org, api: string): Target {
  return { def: org.module(api) as ModuleDef, store: org.store(api) as ModuleStore };
}

function idOf(value: unknown): string | null {
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
}

/** An existing record named by the request (`Accounts`, `Contacts`), or an INVALID_DATA for that key. */
function existing(t: Target, value: unknown, key: string): StoredRecord {
  const id = idOf(value);
  if (id === null) throw invalidType(0, key, 'jsonobject');
  const record = t.store.get(id);
  if (!record) throw invalidValue(0, key);
  return record;
}

/** Errors of the Deal part point into `$.data[0].Deals`. */
function underDeals(error: unknown): unknown {
  if (!(error instanceof ZohoHttpError)) return error;
  const details = { ...error.details };
  if (typeof details.json_path === 'string') details.json_path = details.json_path.replace('$.data[0].', '$.data[0].Deals.');
  const message = error.code === 'MAPPING_MISMATCH' ? 'Pipeline doesn`t contain the Stage' : error.message;
  return new ZohoHttpError(error.status, error.code, message, details, true);
}

function mapped(lead: StoredRecord, to: 'Contacts' | 'Accounts' | 'Deals'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [from, targets] of Object.entries(LEAD_CONVERT_MAPPING)) {
    const field = targets[to];
    const value = lead.data[from];
    if (field && value !== null && value !== undefined) out[field] = value;
  }
  return out;
}

function findAccountByName(accounts: Target, name: string): StoredRecord | undefined {
  const wanted = name.trim().toLowerCase();
  for (const r of accounts.store.values()) if (String(r.data.Account_Name ?? '').trim().toLowerCase() === wanted) return r;
  return undefined;
}

function convert(ctx: CrmContext, params: Record<string, string>): Reply {
  const { def: leadsDef, store: leads } = moduleFor(ctx, 'Leads', 'CREATE');
  const lead = leads.get(params.id as string);
  if (!lead) throw new ZohoHttpError(400, 'INVALID_DATA', 'invalid data', { resource_path_index: 1 });
  if (lead.data.$converted === true) throw new ZohoHttpError(400, 'ID_ALREADY_CONVERTED', 'id already converted', { resource_path_index: 1 });

  const options = (dataArray(ctx, { optional: true })[0] ?? {}) as Record<string, unknown>;
  if (typeof options !== 'object' || Array.isArray(options)) throw invalidType(0, 'data', 'jsonobject');
  const org = ctx.org;
  const accounts = target(org, 'Accounts');
  const contacts = target(org, 'Contacts');
  const deals = target(org, 'Deals');

  let owner = org.user((lead.data.Owner as { id: string }).id) as OrgUser;
  if (options.assign_to !== undefined && options.assign_to !== null) {
    const user = org.user(idOf(options.assign_to) ?? '');
    if (!user || user.status !== 'active') throw invalidValue(0, 'assign_to');
    owner = user;
  }

  // Check everything first.
  const givenAccount = options.Accounts !== undefined && options.Accounts !== null ? existing(accounts, options.Accounts, 'Accounts') : undefined;
  const givenContact = options.Contacts !== undefined && options.Contacts !== null ? existing(contacts, options.Contacts, 'Contacts') : undefined;
  const company = typeof lead.data.Company === 'string' && lead.data.Company.trim() !== '' ? lead.data.Company : null;
  const accountByName = givenAccount ?? (company ? findAccountByName(accounts, company) : undefined);
  const accountValues = !accountByName && company ? checkRecord({ org, def: accounts.def, store: accounts.store, index: 0, mode: 'create' }, mapped(lead, 'Accounts')).values : null;
  const contactByEmail = givenContact ?? (lead.data.Email ? contacts.store.findUnique('Email', lead.data.Email) : undefined);
  const contactValues = contactByEmail ? null : checkRecord({ org, def: contacts.def, store: contacts.store, index: 0, mode: 'create' }, mapped(lead, 'Contacts')).values;
  let dealValues: Record<string, unknown> | null = null;
  if (options.Deals !== undefined && options.Deals !== null) {
    if (typeof options.Deals !== 'object' || Array.isArray(options.Deals)) throw invalidType(0, 'Deals', 'jsonobject');
    const input = { ...mapped(lead, 'Deals'), ...(options.Deals as Record<string, unknown>) };
    delete input.Account_Name;
    delete input.Contact_Name;
    try {
      dealValues = checkRecord({ org, def: deals.def, store: deals.store, index: 0, mode: 'create' }, input).values;
    } catch (error) {
      throw underDeals(error);
    }
  }

  // Then write.
  const now = ctx.now;
  const audit = { owner, createdBy: ctx.user, modifiedBy: ctx.user, createdMs: now, modifiedMs: now };
  let account = accountByName ?? null;
  if (!account && accountValues) {
    account = org.materialize(accounts.def, org.nextId(), accountValues, audit);
    org.insert(accounts.def, account);
  }
  const accountRef = account ? org.refOf(accounts.def, account) : null;
  let contact = contactByEmail;
  if (!contact) {
    contact = org.materialize(contacts.def, org.nextId(), { ...contactValues, Account_Name: accountRef }, audit);
    org.insert(contacts.def, contact);
  }
  const contactRef = org.refOf(contacts.def, contact);
  let deal: StoredRecord | null = null;
  if (dealValues) {
    deal = org.materialize(deals.def, org.nextId(), { ...dealValues, Account_Name: accountRef, Contact_Name: contactRef }, audit);
    org.insert(deals.def, deal);
  }
  const dealRef = deal ? org.refOf(deals.def, deal) : null;

  const leadData = org.applyUpdate(leadsDef, lead, {}, ctx.user, now);
  leadData.$converted = true;
  leadData.$converted_detail = { convert_date: leadData.Modified_Time, converted_by: { name: ctx.user.name, id: ctx.user.id }, account: accountRef?.id ?? null, contact: contactRef.id, deal: dealRef?.id ?? null };
  org.update(leadsDef, lead, leadData, now);
  org.moveNotes(lead.id, { def: contacts.def, record: contact }, ctx.user, now);

  if (ctx.version.number < 3) return json(200, { data: [{ Contacts: contactRef.id, Deals: dealRef?.id ?? null, Accounts: accountRef?.id ?? null }] });
  return json(200, {
    data: [
      {
        code: 'SUCCESS',
        details: { Contacts: contactRef, Deals: dealRef, Accounts: accountRef },
        message: 'The record has been converted successfully',
        status: 'success',
      },
    ],
  });
}

export const convertRoutes: RouteDef[] = [{ pattern: 'Leads/:id/actions/convert', handlers: { POST: convert }, heavy: true, credits: 5 }];
