/** Execute COQL query: Runs a COQL (SQL-like) SELECT query. */
import { NotImplementedError } from '../runtime/errors';
import { defineAction } from '../runtime/types';
import type { ExecuteCoqlInput, ExecuteCoqlOutput } from '../types/schemas';

export default defineAction<ExecuteCoqlInput, ExecuteCoqlOutput, unknown>({
  id: 'execute-coql',
  handler: async () => {
    throw new NotImplementedError('execute-coql');
  },
});
