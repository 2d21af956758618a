// Fuzzing the 17 actions with fast-check: thousands of generated inputs per action, valid and invalid. Every
// input is validated (cheap); a sample is executed against the in-process sandbox. Nothing may crash or reject
// unhandled; every refusal is an input error whose issues name a path, and sends nothing; every input that is
// sent reaches the sandbox as the Zoho request its action stands for (method, path, query names, auth).
import { fc } from '@fast-check/jest';
import type { ErrorInfo } from '../../runtime/errors';
import { expectedCalls, invalidInputs, validInputs, type Pool } from '../support/reliability-action-inputs';
import { findLeaks } from '../support/reliability-capture';
import { recordFigures } from '../support/reliability-figures';
import { sandboxRecords } from '../support/reliability-sandbox-state';
import { startWorld, type World } from '../support/reliability-world';

const VALID_RUNS = 330;
const INVALID_RUNS = 300;
/** One input in this many is executed (the first of each action always is). */
const EXECUTE_EVERY = 12;
const SEED = Number(process.env.RELIABILITY_SEED ?? 424242);

let world: World;
let pool: Pool;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  world = await startWorld({ label: 'fuzz', sandbox: { seed: 6, counts: { Leads: 60, Notes: 40 } } });
  pool = {
    leadIds: (await sandboxRecords(world.sandbox, 'Leads')).map((r) => r.id),
    contactIds: (await sandboxRecords(world.sandbox, 'Contacts')).map((r) => r.id),
    noteIds: (await sandboxRecords(world.sandbox, 'Notes')).map((r) => r.id),
  };
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await world?.close();
});

const totals = { validated: 0, validInputs: 0, invalidInputs: 0, refusedBySchema: 0, executed: 0, refusedByAction: 0, sent: 0, requests: 0, okResults: 0, remoteErrors: 0, internalErrors: 0, crashes: 0 };
const refusalCodes = new Map<string, number>();
const problems: string[] = [];

function issuesHavePaths(error: ErrorInfo): boolean {
  const issues = (error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues;
  return Array.isArray(issues) && issues.length > 0 && issues.every((i) => typeof i.path === 'string' && (i.path === '' || i.path.startsWith('/')) && typeof i.message === 'string' && i.message.length > 0);
}

/** Runs one input and checks the result against the sandbox's request log. */
async function execute(action: string, input: unknown, schemaValid: boolean): Promise<void> {
  totals.executed++;
  const before = world.sandbox.stats().requests;
  let result;
  try {
    result = await world.host.execute(action, input, { connection: world.nickname, timeoutMs: 20_000 });
  } catch (err) {
    totals.crashes++;
    problems.push(`${action}: execute threw ${(err as Error).message} for ${JSON.stringify(input)}`);
    return;
  }
  const sent = world.sandbox.stats().requests - before;
  const entries = sent > 0 ? world.sandbox.requests(sent).filter((e) => e.url.startsWith('/crm/')) : [];
  if (!result.ok && result.error.category === 'internal') {
    totals.internalErrors++;
    problems.push(`${action}: internal error ${result.error.code} ${result.error.message} for ${JSON.stringify(input).slice(0, 300)}`);
    return;
  }
  if (!result.ok && result.error.category === 'input') {
    totals.refusedByAction++;
    refusalCodes.set(result.error.code, (refusalCodes.get(result.error.code) ?? 0) + 1);
    if (!issuesHavePaths(result.error)) problems.push(`${action}: refusal ${result.error.code} without issue paths: ${JSON.stringify(result.error).slice(0, 300)}`);
    if (entries.length > 0) problems.push(`${action}: refused (${result.error.code}) but ${entries.length} request(s) went out`);
    return;
  }
  if (!schemaValid) {
    problems.push(`${action}: an input the schema refuses was run: ${JSON.stringify(input).slice(0, 300)}`);
    return;
  }
  if (result.ok) totals.okResults++;
  else totals.remoteErrors++;
  totals.sent++;
  totals.requests += entries.length;
  if (entries.length === 0) problems.push(`${action}: ${result.ok ? 'succeeded' : result.error.code} without a request to Zoho`);
  const allowed = expectedCalls(action, input as Record<string, unknown>);
  for (const entry of entries) {
    const url = new URL(entry.url, 'http://sandbox.invalid');
    const match = allowed.find((c) => c.method === entry.method && c.path.test(url.pathname));
    const unknownParams = [...url.searchParams.keys()].filter((k) => !match?.query.includes('*') && !match?.query.includes(k));
    if (!match || unknownParams.length > 0 || entry.authorization !== 'Zoho-oauthtoken ***') {
      problems.push(`${action}: unexpected request ${entry.method} ${entry.url} (auth ${entry.authorization}, params ${unknownParams.join(',')}) for ${JSON.stringify(input).slice(0, 200)}`);
    }
  }
}

const ACTIONS = [
  'create-record',
  'get-record',
  'list-records',
  'update-record',
  'update-records',
  'delete-record',
  'delete-records',
  'clone-record',
  'list-deleted-records',
  'convert-lead',
  'search-records',
  'execute-coql',
  'get-note',
  'list-notes',
  'delete-note',
  'delete-notes',
  'custom-api-request',
];

test('the 17 actions are all fuzzed', () => {
  expect([...world.host.actionIds()].sort()).toEqual([...ACTIONS].sort());
});

describe.each(ACTIONS)('%s', (action) => {
  test('valid inputs pass the schema; the executed ones reach Zoho well-formed or are refused with a path', async () => {
    const arbitrary = validInputs(pool)[action]!;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        totals.validated++;
        totals.validInputs++;
        const issues = world.host.validateInput(action, input);
        // The generator follows the schema; an issue here means the generator (or the schema) is wrong.
        expect(issues).toEqual([]);
        if (n++ % EXECUTE_EVERY === 0) await execute(action, input, true);
      }),
      { numRuns: VALID_RUNS, seed: SEED, endOnFailure: true },
    );
    expect(problems).toEqual([]);
  }, 60_000);

  test('invalid inputs: every issue names a path, and executed ones send nothing', async () => {
    const arbitrary = invalidInputs(validInputs(pool)[action]!);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        totals.validated++;
        totals.invalidInputs++;
        const issues = world.host.validateInput(action, input);
        if (issues.length > 0) {
          totals.refusedBySchema++;
          expect(issues.every((i) => typeof i.path === 'string' && (i.path === '' || i.path.startsWith('/')) && i.message.length > 0)).toBe(true);
        }
        if (n++ % EXECUTE_EVERY === 0) await execute(action, input, issues.length === 0);
      }),
      { numRuns: INVALID_RUNS, seed: SEED + 1, endOnFailure: true },
    );
    expect(problems).toEqual([]);
  }, 60_000);
});

test('no crash, no unhandled rejection, no secret in the logs; figures', () => {
  expect(unhandled).toEqual([]);
  expect(totals.crashes).toBe(0);
  expect(totals.validated).toBeGreaterThanOrEqual(10_000);
  const leaks = findLeaks(world.sandbox.issuedSecrets(), [{ label: 'host log', text: world.capture.text() }]);
  expect(leaks.occurrences).toBe(0);
  recordFigures('6 fuzzing (actions)', `17 actions, ${VALID_RUNS} valid + ${INVALID_RUNS} invalid inputs each (fast-check seed ${SEED}), 1 in ${EXECUTE_EVERY} executed against the sandbox`, {
    'inputs generated and validated': totals.validated,
    'valid / invalid': `${totals.validInputs} / ${totals.invalidInputs}`,
    'invalid inputs refused by the schema (every issue with a path)': totals.refusedBySchema,
    'inputs executed': totals.executed,
    'refused by the action before sending (with paths)': `${totals.refusedByAction} (${[...refusalCodes].map(([c, k]) => `${c} ${k}`).join(', ')})`,
    'sent to the sandbox: ok / Zoho errors': `${totals.okResults} / ${totals.remoteErrors}`,
    'requests checked against the Zoho shape': totals.requests,
    'internal errors (bugs)': totals.internalErrors,
    'crashes / unhandled rejections': `${totals.crashes} / ${unhandled.length}`,
    'secrets found in the trace logs': leaks.occurrences,
  });
});
