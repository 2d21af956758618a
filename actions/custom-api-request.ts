/**
 * Custom API request: any GET, POST, PUT or DELETE under the connection's /crm API. The relative URL and
 * headers are checked before anything is sent; Zoho's error answers come back as output (statusCode and body)
 * unless failOnError is set, because a raw request's caller decides what an error status means.
 */
import type { ZohoClient } from '../connector/client-factory';
import type { Query } from '../connector/client/types';
import { checkCustomHeaders, crmPathFromRelativeUrl } from '../connector/custom-request-guard';
import { InputError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { CustomApiRequestInput, CustomApiRequestOutput } from '../types/schemas';

export default defineAction<CustomApiRequestInput, CustomApiRequestOutput, ZohoClient>({
  id: 'custom-api-request',
  handler: async ({ input, client, signal }) => {
    const path = crmPathFromRelativeUrl(input.relativeUrl);
    const headers = checkCustomHeaders(input.headers ?? {});
    if (input.method === 'GET' && input.body !== undefined) {
      throw new InputError('BODY_NOT_ALLOWED', 'A GET request has no body.', 'Remove body, or use POST, PUT or DELETE.', { issues: [{ path: '/body', message: 'is only allowed with POST, PUT or DELETE' }] });
    }
    const res = await client.request({
      method: input.method,
      path,
      query: (input.query ?? {}) as Query,
      headers,
      signal,
      throwOnError: input.failOnError === true,
      ...(input.body !== undefined ? { body: input.body } : {}),
    });
    return { statusCode: res.status, headers: res.headers, body: res.data === undefined ? null : (res.data as CustomApiRequestOutput['body']) };
  },
});
