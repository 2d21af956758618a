/** A small in-memory Executor for flow tests: handlers by action id, and a record of every call. */
import { HostError, toHostError } from '../../runtime/errors';
import type { ExecuteOptions, ExecuteResult, Executor } from '../../runtime/types';

export type FakeHandler = (input: unknown, options: ExecuteOptions) => unknown;

export interface FakeCall {
  action: string;
  input: unknown;
  connection?: string;
}

export interface FakeExecutor extends Executor {
  calls: FakeCall[];
  count(action: string): number;
}

export function fakeExecutor(handlers: Record<string, FakeHandler>): FakeExecutor {
  const calls: FakeCall[] = [];
  return {
    calls,
    count: (action) => calls.filter((c) => c.action === action).length,
    hasAction: (id) => Object.prototype.hasOwnProperty.call(handlers, id),
    actionIds: () => Object.keys(handlers),
    async execute(action, input, options = {}): Promise<ExecuteResult> {
      calls.push({ action, input: structuredClone(input), ...(options.connection !== undefined ? { connection: options.connection } : {}) });
      const handler = handlers[action];
      if (!handler) return { ok: false, error: new HostError({ code: 'UNKNOWN_ACTION', category: 'input', message: action }).toJSON(), durationMs: 0 };
      try {
        return { ok: true, output: await handler(input, options), durationMs: 1 };
      } catch (err) {
        return { ok: false, error: toHostError(err).toJSON(), durationMs: 1 };
      }
    },
  };
}
