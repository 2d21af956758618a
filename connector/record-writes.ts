/**
 * One-record writes (create, update, delete, clone): the request body Zoho expects, the call, and its single
 * result item read into a receipt (id, audit times and users), or that item's error thrown as a ZohoError.
 */
import { apiPath } from './client/base-url';
import type { RequestOptions, ZohoClient } from './client/zoho-client';
import { ZohoError, zohoErrorFromResponse, type ZohoRequestInfo } from './errors';

/** Which automation a write runs: any of Zoho's trigger names; [] runs none; absent runs all (Zoho's default). */
export type WriteTrigger = readonly string[] | undefined;

export interface UserRef {
  id: string;
  name?: string;
  email?: string;
}

export interface WriteReceipt {
  id: string;
  createdTime?: string;
  modifiedTime?: string;
  createdBy?: UserRef;
  modifiedBy?: UserRef;
}

type Details = Record<string, unknown>;

/** `{ trigger?, data }`, the body of every record write (trigger first, so truncated body previews still show it). */
export function writeBody(records: readonly unknown[], trigger: WriteTrigger): { trigger?: string[]; data: unknown[] } {
  return { ...(trigger ? { trigger: [...trigger] } : {}), data: [...records] };
}

function requestInfo(options: RequestOptions): ZohoRequestInfo {
  return { method: options.method, path: apiPath(options.path).split('?')[0]! };
}

function unexpected(status: number, request: ZohoRequestInfo, what: string): ZohoError {
  return new ZohoError({
    httpStatus: status,
    item: { code: 'UNEXPECTED_RESPONSE', message: what, details: {} },
    request,
    category: 'remote',
    message: `Zoho CRM answered ${request.method} ${request.path} with HTTP ${status} but ${what}.`,
    hint: 'The write may have happened: check the record in Zoho CRM before trying again.',
  });
}

/** Sends one write and returns the `details` of Zoho's one result item; an error item is thrown as a ZohoError. */
export async function writeOne(client: ZohoClient, options: RequestOptions): Promise<Details> {
  const res = await client.request(options);
  const request = requestInfo(options);
  const data = res.data && typeof res.data === 'object' ? (res.data as { data?: unknown }).data : undefined;
  const item = Array.isArray(data) ? (data[0] as Details | undefined) : undefined;
  if (!item || typeof item !== 'object') throw unexpected(res.status, request, 'without a result item');
  if (item.status === 'error') {
    throw zohoErrorFromResponse(res.status < 400 ? 400 : res.status, res.data, request, { nickname: client.connection.nickname, grantedScopes: client.connection.scopes });
  }
  const details = item.details;
  return details && typeof details === 'object' && !Array.isArray(details) ? (details as Details) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A user as Zoho writes it in Created_By / Modified_By / deleted_by, or undefined when absent. */
export function userRef(value: unknown): UserRef | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Details;
  const id = typeof v.id === 'number' ? String(v.id) : text(v.id);
  if (!id) return undefined;
  const name = text(v.name);
  const email = text(v.email);
  return { id, ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

/** The receipt of a write from its details; `fallbackId` (the id in the URL) when Zoho leaves the id out. */
export function receiptOf(details: Details, fallbackId?: string): WriteReceipt {
  const id = (typeof details.id === 'number' ? String(details.id) : text(details.id)) ?? fallbackId;
  if (!id) {
    throw new ZohoError({
      httpStatus: 200,
      item: { code: 'UNEXPECTED_RESPONSE', message: 'the result item has no id', details: {} },
      category: 'remote',
      message: 'Zoho CRM reported success without the record id.',
      hint: 'Find the record in Zoho CRM (sort by Modified_Time) before trying again.',
    });
  }
  const receipt: WriteReceipt = { id };
  const createdTime = text(details.Created_Time);
  const modifiedTime = text(details.Modified_Time);
  const createdBy = userRef(details.Created_By);
  const modifiedBy = userRef(details.Modified_By);
  if (createdTime) receipt.createdTime = createdTime;
  if (modifiedTime) receipt.modifiedTime = modifiedTime;
  if (createdBy) receipt.createdBy = createdBy;
  if (modifiedBy) receipt.modifiedBy = modifiedBy;
  return receipt;
}
