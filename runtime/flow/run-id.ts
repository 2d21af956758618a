/** Run ids: time-sortable and unique (20261124T130501Z-k3x9qa), and safe to use as a file name. */
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors';
import { FLOW_CODES } from './flow-errors';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const suffix = Array.from(randomBytes(6), (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${stamp}-${suffix}`;
}

/** Refuses ids that could leave the journal folder or are not file-name safe. */
export function assertRunId(runId: string): void {
  if (!SAFE.test(runId) || runId.includes('..')) {
    throw new InputError(FLOW_CODES.runIdInvalid, `"${runId}" is not a valid run id.`, 'Run ids look like 20261124T130501Z-k3x9qa; `zcrm flow runs` lists them.');
  }
}
