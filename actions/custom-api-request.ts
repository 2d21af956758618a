/** Custom API request: Makes a GET, POST, PUT or DELETE request to a path under the Zoho CRM API (/crm) with the connection's credentials. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { CustomApiRequestInput, CustomApiRequestOutput } from '../types/schemas';

export default defineAction<CustomApiRequestInput, CustomApiRequestOutput, unknown>({
  id: 'custom-api-request',
  handler: async () => {
    throw new NotImplementedError('custom-api-request');
  },
});
