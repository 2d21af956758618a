/** Convert a lead: Converts a lead into a contact, an account and optionally a deal. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { ConvertLeadInput, ConvertLeadOutput } from '../types/schemas';

export default defineAction<ConvertLeadInput, ConvertLeadOutput, unknown>({
  id: 'convert-lead',
  handler: async () => {
    throw new NotImplementedError('convert-lead');
  },
});
