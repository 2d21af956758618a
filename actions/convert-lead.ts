/** Convert a lead: the lead becomes a contact, an account and optionally a deal (POST /Leads/{id}/actions/convert). */
import type { ZohoClient } from '../connector/client-factory';
import { ZohoError, isZohoError } from '../connector/errors';
import { HostError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { ConvertLeadInput, ConvertLeadOutput } from '../types/schemas';

interface ConvertItem {
  code?: string;
  status?: string;
  details?: { Contacts?: { id?: string } | null; Accounts?: { id?: string } | null; Deals?: { id?: string } | null; job_id?: string };
}

function conversionBody(input: ConvertLeadInput): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  if (input.overwrite !== undefined) item.overwrite = input.overwrite;
  if (input.notifyLeadOwner !== undefined) item.notify_lead_owner = input.notifyLeadOwner;
  if (input.notifyNewEntityOwner !== undefined) item.notify_new_entity_owner = input.notifyNewEntityOwner;
  if (input.assignTo) item.assign_to = { id: input.assignTo };
  if (input.account) item.Accounts = { id: input.account };
  if (input.contact) item.Contacts = { id: input.contact };
  if (input.deal) item.Deals = input.deal;
  return { data: [item] };
}

/** Zoho's ID_ALREADY_CONVERTED, with a hint that names the lead and where its contact can be found. */
function alreadyConverted(err: unknown, leadId: string): ZohoError | undefined {
  if (!isZohoError(err) || err.code !== 'ID_ALREADY_CONVERTED') return undefined;
  return new ZohoError({
    httpStatus: err.httpStatus ?? 400,
    item: { code: err.code, message: err.zohoMessage, details: err.zohoDetails },
    ...(err.request ? { request: err.request } : {}),
    hint: `Lead ${leadId} was converted before and cannot be converted again. Find the contact it became with search-records (module Contacts, email of the lead), or open the lead in Zoho CRM.`,
  });
}

export default defineAction<ConvertLeadInput, ConvertLeadOutput, ZohoClient>({
  id: 'convert-lead',
  handler: async ({ input, client, signal }) => {
    const res = await client.request<{ data?: ConvertItem[] }>({ method: 'POST', path: `/Leads/${input.id}/actions/convert`, body: conversionBody(input), signal }).catch((err: unknown) => {
      throw alreadyConverted(err, input.id) ?? err;
    });
    const item = res.data?.data?.[0];
    const details = item?.details ?? {};
    if (res.status === 202 || item?.code === 'SCHEDULED') {
      return { status: 'scheduled', ...(details.job_id ? { jobId: String(details.job_id) } : {}) };
    }
    const contactId = details.Contacts?.id;
    if (!contactId) {
      throw new HostError({ code: 'UNEXPECTED_RESPONSE', category: 'remote', httpStatus: res.status, message: `Zoho answered the conversion of lead ${input.id} without the contact it became.`, hint: `Open lead ${input.id} in Zoho CRM to see whether it was converted before trying again.` });
    }
    const out: ConvertLeadOutput = { status: 'converted', contactId };
    if (details.Accounts?.id) out.accountId = details.Accounts.id;
    if (details.Deals?.id) out.dealId = details.Deals.id;
    return out;
  },
});
