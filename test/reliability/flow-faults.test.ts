// A flow that creates 1,000 leads and updates them in calls of 100, run while the sandbox answers 10% 429, 5%
// 500, and drops 2% of connections before and 2% after applying the write. Every stop is handled the way a user
// would: an OUTCOME_UNKNOWN is checked in the sandbox with the data the report gives, then resumed with
// --assume-done or --rerun; other failures are resumed. At the end the sandbox's state must match the journal:
// nothing lost without a report, nothing duplicated.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFlowFile, readRun, resumeFlow, runFlow, type RunResult } from '../../runtime/flow';
import type { ErrorInfo } from '../../runtime/errors';
import { findLeaks, filesUnder } from '../support/reliability-capture';
import { recordFigures } from '../support/reliability-figures';
import { sandboxRecords, type StoredRecord } from '../support/reliability-sandbox-state';
import { startWorld, type World } from '../support/reliability-world';

// Backoff is what makes retries slow, not what is under test here: waits are cut to a hundredth.
jest.mock('../../connector/sleep', () => {
  const actual = jest.requireActual<typeof import('../../connector/sleep')>('../../connector/sleep');
  return { ...actual, sleep: (ms: number, signal?: AbortSignal) => actual.sleep(ms / 100, signal) };
});

const RECORDS = 1000;
const BATCH = 100;
const MARKER = 'rel1k';
const pad = (n: number) => String(n).padStart(4, '0');
const lastName = (i: number) => `${MARKER}-${pad(i)}`;

/** Rules are tried in order and only one answers a call, so each rate is taken of what the earlier ones left. */
const FAULTS = [
  { path: '/crm/**', respond: 429, rate: 0.1 },
  { path: '/crm/**', respond: 500, rate: 0.05 / 0.9 },
  { path: '/crm/**', drop: 'before', rate: 0.02 / 0.85 },
  { path: '/crm/**', drop: 'after', rate: 0.02 / 0.83 },
];

function flowDefinition() {
  const creates = Array.from({ length: RECORDS }, (_, k) => ({
    id: `c${pad(k + 1)}`,
    action: 'create-record',
    input: { module: 'Leads', record: { Last_Name: lastName(k + 1), Company: 'Reliability Ltd' } },
  }));
  const updates = Array.from({ length: RECORDS / BATCH }, (_, b) => ({
    id: `u${String(b + 1).padStart(2, '0')}`,
    action: 'update-records',
    input: {
      module: 'Leads',
      records: Array.from({ length: BATCH }, (_x, j) => {
        const i = b * BATCH + j + 1;
        return { id: `{{ steps.c${pad(i)}.output.id }}`, Description: `updated ${lastName(i)}`, Lead_Status: 'Contacted' };
      }),
    },
  }));
  return { name: 'create-then-update-1000', steps: [...creates, ...updates] };
}

let world: World;
beforeAll(async () => {
  world = await startWorld({ label: 'faults', sandbox: { seed: 79, counts: { Leads: 0 } } });
});
afterAll(async () => {
  await world?.close();
});

interface Tally {
  stops: number;
  outcomeUnknown: number;
  unknownApplied: number;
  unknownNotApplied: number;
  failedStops: number;
  /** A step reported as a plain failure whose write had in fact happened (the resume would duplicate it). */
  failedButApplied: number;
  /** An OUTCOME_UNKNOWN report that lacked the step, method, path, input sent or hint. */
  reportsMissingData: number;
  duplicatesSeen: number;
  resumesByCli: number;
  resumesByApi: number;
}

function byLastName(records: StoredRecord[]): Map<string, StoredRecord[]> {
  const map = new Map<string, StoredRecord[]>();
  for (const r of records) {
    const name = String(r.data.Last_Name ?? '');
    if (!name.startsWith(`${MARKER}-`)) continue;
    map.set(name, [...(map.get(name) ?? []), r]);
  }
  return map;
}

test('1,000 creates and 10 bulk updates under 429/500/drops: sandbox and journal agree, resumes finish without duplicates', async () => {
  const file = join(world.home, 'create-update-1000.json');
  writeFileSync(file, JSON.stringify(flowDefinition()));
  const flow = await loadFlowFile(file);
  const host = world.host;
  const isIdempotent = (id: string) => host.action(id).idempotent === true;
  const runId = '20261201T000000Z-faults';
  const common = { executor: host, journalDir: world.journalDir, connection: world.nickname, isIdempotent };
  const steps = new Map(flow.definition.steps.map((s) => [s.id, s]));

  world.sandbox.setFaults(FAULTS);
  world.sandbox.resetStats();
  const tally: Tally = { stops: 0, outcomeUnknown: 0, unknownApplied: 0, unknownNotApplied: 0, failedStops: 0, failedButApplied: 0, reportsMissingData: 0, duplicatesSeen: 0, resumesByCli: 0, resumesByApi: 0 };

  const failureCodes: Record<string, number> = {};
  let result: RunResult = await runFlow(flow, { ...common, runId });
  while (!result.ok) {
    tally.stops++;
    expect(tally.stops).toBeLessThan(400); // a run that stops for ever is a failure, not a slow pass
    const error = result.error as ErrorInfo & { step: string };
    const step = steps.get(error.step)!;
    const isCreate = step.action === 'create-record';
    const name = isCreate ? (step.input as { record: { Last_Name: string } }).record.Last_Name : undefined;
    const found = name ? (byLastName(await sandboxRecords(world.sandbox, 'Leads')).get(name) ?? []) : [];
    if (found.length > 1) tally.duplicatesSeen++;

    const resume: { rerun: string[]; assumeDone: Record<string, unknown> } = { rerun: [], assumeDone: {} };
    if (error.category === 'unknown_outcome') {
      tally.outcomeUnknown++;
      // The report alone must say what to check: which step, what was sent where, and how to look.
      const details = (error.details ?? {}) as { method?: string; path?: string; input?: { record?: { Last_Name?: string } } };
      const complete = Boolean(error.step && error.hint && details.method && details.path && (!isCreate || details.input?.record?.Last_Name === name));
      if (!complete) tally.reportsMissingData++;
      if (found.length >= 1) {
        tally.unknownApplied++;
        resume.assumeDone[step.id] = { id: found[0]!.id };
      } else {
        tally.unknownNotApplied++;
        resume.rerun.push(step.id);
      }
    } else {
      tally.failedStops++;
      failureCodes[error.code] = (failureCodes[error.code] ?? 0) + 1;
      if (found.length > 0) tally.failedButApplied++;
    }

    // The first stops are resumed through the CLI, the way a user would; the rest through the API (faster).
    if (tally.stops <= 3) {
      tally.resumesByCli++;
      const flags = [...resume.rerun.flatMap((id) => ['--rerun', id]), ...Object.entries(resume.assumeDone).flatMap(([id, out]) => ['--assume-done', `${id}=${JSON.stringify(out)}`])];
      const run = await world.cli(['flow', 'run', file, '--resume', runId, ...flags, '--json']);
      const printed = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ok?: boolean; error?: { details?: { run?: RunResult } } } & Partial<RunResult>;
      result = printed.ok === false ? printed.error!.details!.run! : (printed as RunResult);
      expect([0, 1, 3, 4]).toContain(run.code);
      if (result.ok) expect(run.code).toBe(0);
      else expect(run.code).toBe(result.error!.category === 'unknown_outcome' ? 4 : 1);
    } else {
      tally.resumesByApi++;
      result = await resumeFlow(flow, { ...common, runId, ...resume });
    }
  }
  const rules = ((await (await fetch(`${world.sandbox.url}/__sandbox/faults`)).json()) as { rules: { hits: number }[] }).rules;
  world.sandbox.clearFaults();
  const stats = world.sandbox.stats();

  // The sandbox against the journal.
  const run = await readRun(runId, { journalDir: world.journalDir });
  expect(run.status).toBe('succeeded');
  const byName = byLastName(await sandboxRecords(world.sandbox, 'Leads'));
  let lost = 0;
  let duplicated = 0;
  let idMismatch = 0;
  let updated = 0;
  let updateFailuresReported = 0;
  let updateLostUnreported = 0;
  const updateResults = new Map<string, boolean>();
  for (const s of run.steps.filter((x) => x.action === 'update-records')) {
    for (const item of (s.output as { results: { id?: string; ok: boolean }[] }).results) updateResults.set(item.id!, item.ok);
  }
  for (let i = 1; i <= RECORDS; i++) {
    const records = byName.get(lastName(i)) ?? [];
    if (records.length === 0) lost++;
    if (records.length > 1) duplicated += records.length - 1;
    const journaled = run.steps.find((s) => s.id === `c${pad(i)}`)!;
    const record = records[0];
    if (!record || (journaled.output as { id: string }).id !== record.id) idMismatch++;
    if (record?.data.Description === `updated ${lastName(i)}`) updated++;
    else if (record && updateResults.get(record.id) === false) updateFailuresReported++;
    else updateLostUnreported++;
  }
  expect({ lost, duplicated, idMismatch, updateLostUnreported, failedButApplied: tally.failedButApplied, duplicatesSeen: tally.duplicatesSeen, reportsMissingData: tally.reportsMissingData }).toEqual({
    lost: 0,
    duplicated: 0,
    idMismatch: 0,
    updateLostUnreported: 0,
    failedButApplied: 0,
    duplicatesSeen: 0,
    reportsMissingData: 0,
  });
  expect(byName.size).toBe(RECORDS);
  expect(updated + updateFailuresReported).toBe(RECORDS);
  // The faults did happen, so the run was really exercised.
  expect(stats.faultsInjected).toBeGreaterThan(100);
  expect(tally.outcomeUnknown).toBeGreaterThan(0);

  // A resume of the finished run through the CLI sends nothing and reports every step done.
  const before = world.sandbox.stats().requests;
  const again = await world.cli(['flow', 'run', file, '--resume', runId, '--json']);
  expect(again.code).toBe(0);
  expect((JSON.parse(again.stdout) as RunResult).steps.every((s) => s.status === 'succeeded')).toBe(true);
  expect(world.sandbox.stats().requests).toBe(before);

  // Nothing printed, logged or written held a token or secret the sandbox issued.
  const leaks = findLeaks(world.sandbox.issuedSecrets(), [{ label: 'output', text: world.capture.text() }, ...filesUnder(world.home).map((f) => ({ label: f.path, text: f.text }))]);
  expect(leaks.occurrences).toBe(0);

  const routeCounts = (route: string) => Object.values(stats.byRoute[route] ?? {}).reduce((a, b) => a + b, 0);
  recordFigures('1 faults during a flow', `${RECORDS} creates + ${RECORDS / BATCH} bulk updates of ${BATCH}, faults 10% 429, 5% 500, 2% drop before, 2% drop after`, {
    'requests to the sandbox': stats.requests,
    'faults injected (429 / 500 / drop before / drop after)': `${stats.faultsInjected} (${rules.map((r) => r.hits).join(' / ')})`,
    'connections dropped': stats.dropped,
    'POST /Leads calls': routeCounts('POST /crm/{version}/{module}'),
    'PUT /Leads calls': routeCounts('PUT /crm/{version}/{module}'),
    'run stops': tally.stops,
    'OUTCOME_UNKNOWN reports': tally.outcomeUnknown,
    'OUTCOME_UNKNOWN reports lacking the data to check them': tally.reportsMissingData,
    'unknown outcomes found applied (--assume-done)': tally.unknownApplied,
    'unknown outcomes found not applied (--rerun)': tally.unknownNotApplied,
    'other failures resumed': `${tally.failedStops} (${Object.entries(failureCodes).map(([code, n]) => `${code} ${n}`).join(', ')})`,
    'resumes through the CLI / the API': `${tally.resumesByCli} / ${tally.resumesByApi}`,
    'records lost without a report': lost + updateLostUnreported,
    'records duplicated': duplicated,
    'failures reported whose write had happened': tally.failedButApplied,
    'records updated / update failures reported': `${updated} / ${updateFailuresReported}`,
    'secrets found in output and files': leaks.occurrences,
  });
}, 240_000);
