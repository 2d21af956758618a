// No secret leaves in output: the CLI's commands and flows, run at LOG_LEVEL=trace (and with --verbose) in a
// fresh process whose secret registry knows only what it learned, through successes, validation errors, Zoho
// errors, a 401 and refresh, a 429 retry, a lost answer (exit 4), network failures and a revoked connection.
// Every line printed and every log and journal file written is searched for every token, code and client
// secret the sandbox issued. The other reliability scenarios run the same search over their own output;
// test/logger/axios-error.test.ts covers the serializer of axios errors on its own.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axios from 'axios';
import { createLogger, serializeError } from '../../runtime/logger';
import { startSandbox } from '../../sandbox';
import { findLeaks, filesUnder } from '../support/reliability-capture';
import { REPO } from '../support/reliability-cli-child';
import { recordFigures } from '../support/reliability-figures';
import type { RunningSandbox } from '../support/sandbox-host';

const BATCH = join(REPO, 'test', 'support', 'reliability-cli-batch.ts');

let sandbox: RunningSandbox;
let dir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 4 });
  dir = mkdtempSync(join(tmpdir(), 'zcrm-rel-secrets-'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Result {
  argv: string[];
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the commands in one child process; returns their results and whatever the process itself printed. */
async function batch(name: string, commands: { argv: string[]; env?: Record<string, string> }[], env: NodeJS.ProcessEnv) {
  const commandsFile = join(dir, `${name}.commands.json`);
  const resultsFile = join(dir, `${name}.results.json`);
  writeFileSync(commandsFile, JSON.stringify(commands));
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', BATCH, commandsFile, resultsFile], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout.on('data', (c: Buffer) => (raw += c.toString()));
  child.stderr.on('data', (c: Buffer) => (raw += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  expect({ code, raw: code === 0 ? '' : raw }).toEqual({ code: 0, raw: '' });
  return { results: JSON.parse(readFileSync(resultsFile, 'utf8')) as Result[], raw };
}

const FLOW = `
name: secrets-tour
connection: demo
steps:
  - id: create
    action: create-record
    input: { module: Leads, record: { Last_Name: Tour, Company: Secretless, Email: tour@secret.example }, returnRecord: true }
  - id: read
    action: get-record
    input: { module: Leads, id: "{{ steps.create.output.id }}" }
  - id: note
    action: custom-api-request
    input: { method: POST, relativeUrl: "/v8/Leads/{{ steps.create.output.id }}/Notes", body: { data: [ { Note_Title: Call, Note_Content: Later } ] } }
  - id: notes
    action: list-notes
    input: { parentModule: Leads, parentId: "{{ steps.create.output.id }}" }
  - id: update
    action: update-record
    input: { module: Leads, id: "{{ steps.create.output.id }}", record: { Lead_Status: Contacted } }
  - id: search
    action: search-records
    input: { module: Leads, email: tour@secret.example }
  - id: coql
    action: execute-coql
    input: { query: "select Last_Name from Leads where Last_Name = 'Tour'" }
  - id: delete
    action: delete-record
    input: { module: Leads, id: "{{ steps.create.output.id }}" }
  - id: deleted
    action: list-deleted-records
    input: { module: Leads, limit: 5 }
`;

const UNKNOWN_FLOW = `
name: lost-answer
connection: demo
steps:
  - id: task
    action: create-record
    input: { module: Tasks, record: { Subject: Follow up } }
  - id: read
    action: get-record
    input: { module: Tasks, id: "{{ steps.task.output.id }}" }
`;

const json = (value: unknown) => JSON.stringify(value);

test('every CLI command and flow at trace level, in a fresh process: no issued secret in any line or log file', async () => {
  const home = join(dir, 'home');
  const env = { ZCRM_HOME: home, LOG_LEVEL: 'trace' };
  writeFileSync(join(dir, 'tour.yaml'), FLOW);
  writeFileSync(join(dir, 'lost.yaml'), UNKNOWN_FLOW);

  const first = await batch(
    'happy',
    [
      { argv: ['connect', 'demo', '--sandbox', sandbox.url] },
      { argv: ['connections'] },
      { argv: ['connections', '--json'] },
      { argv: ['connections', 'test', 'demo', '--json'] },
      { argv: ['run', 'list-records', '--input', json({ module: 'Leads', limit: 3 }), '--json'] },
      { argv: ['run', 'custom-api-request', '--input', json({ method: 'GET', relativeUrl: '/v8/users', query: { type: 'CurrentUser' } }), '--json'] },
      { argv: ['run', 'custom-api-request', '--input', json({ method: 'GET', relativeUrl: '/v8/org' }), '-v'] },
      { argv: ['run', 'create-record', '--input', json({ module: 'Leads', recrod: {} }), '--json'] },
      { argv: ['run', 'get-record', '--input', json({ module: 'Nope', id: '1' }), '-v'] },
      { argv: ['run', 'get-record', '--input', json({ module: 'Leads', id: '1' }), '--json'] },
      { argv: ['flow', 'run', join(dir, 'tour.yaml')] },
      { argv: ['flow', 'show', '$RUN_ID', '--json'] },
      { argv: ['flow', 'runs'] },
    ],
    env,
  );
  expect(first.results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 1, 1, 0, 0, 0]);

  // Zoho's clock moves past the token's hour (a 401, then a refresh), and faults hit the next commands.
  sandbox.advanceClock(2 * 3_600_000);
  sandbox.setFaults([
    { method: 'GET', path: '/crm/v8/Contacts', respond: 429, times: 1 },
    { method: 'POST', path: '/crm/v8/Accounts', drop: 'after', times: 2 },
    { method: 'GET', path: '/crm/v8/Deals', drop: 'before', times: 8 },
    { method: 'POST', path: '/crm/v8/Tasks', drop: 'after', times: 1 },
  ]);
  const second = await batch(
    'faults',
    [
      { argv: ['run', 'list-records', '--input', json({ module: 'Contacts', limit: 2 })] },
      { argv: ['run', 'create-record', '--input', json({ module: 'Accounts', record: { Account_Name: 'Lost Answer Ltd' } })] },
      { argv: ['run', 'create-record', '--input', json({ module: 'Accounts', record: { Account_Name: 'Lost Answer Ltd' } }), '--json', '-v'] },
      { argv: ['run', 'list-records', '--input', json({ module: 'Deals', limit: 2 }), '-v'] },
      { argv: ['flow', 'run', join(dir, 'lost.yaml'), '--json'] },
      { argv: ['flow', 'run', join(dir, 'lost.yaml'), '--resume', '$RUN_ID', '--rerun', 'task'] },
      { argv: ['flow', 'show', '$RUN_ID'] },
      { argv: ['disconnect', 'demo'] },
      { argv: ['run', 'list-records', '--input', json({ module: 'Leads', limit: 1 }), '--connection', 'demo', '-v'] },
    ],
    env,
  );
  sandbox.clearFaults();
  expect(second.results.map((r) => r.code)).toEqual([0, 4, 4, 1, 4, 0, 0, 0, 3]);

  const printed = [...first.results, ...second.results].flatMap((r, i) => [
    { label: `#${i} ${r.argv.slice(0, 2).join(' ')} stdout`, text: r.stdout },
    { label: `#${i} ${r.argv.slice(0, 2).join(' ')} stderr`, text: r.stderr },
  ]);
  printed.push({ label: 'process output', text: first.raw + second.raw });
  // Log files and journals: everything under ZCRM_HOME except the encrypted store, its key and sandbox.json
  // (the sandbox's own demo client, kept mode 0600 like the key file).
  const files = filesUnder(home).filter((f) => !/connections\.enc\.json$|[/\\]key$|sandbox\.json$/.test(f.path));
  const issued = sandbox.issuedSecrets();
  const leaks = findLeaks(issued, [...printed, ...files.map((f) => ({ label: f.path, text: f.text }))]);
  expect(leaks).toEqual({ secrets: issued.length, occurrences: 0, where: [] });
  // No Authorization header value, axios config or request object made it into any line.
  const all = printed.map((p) => p.text).join('\n');
  expect(all).not.toMatch(/Zoho-oauthtoken\s+(?!\[REDACTED\]|\*\*\*)[^\s"']/);
  // (custom-api-request's output has the response's headers: only request-side shapes are looked for.)
  expect(all).not.toMatch(/"(config|request|_header|_currentRequest)":|xsrfCookieName|maxContentLength|"authorization":\s*"(?!\[REDACTED\]|\*\*\*)/i);
  // The store itself holds no token in plain text either.
  const store = readFileSync(join(home, 'connections.enc.json'), 'latin1');
  expect(issued.filter((s) => store.includes(s))).toEqual([]);

  recordFigures('4 secrets', 'CLI commands and flows at LOG_LEVEL=trace in a fresh process (successes, 401 refresh, 429, lost answers, network failures, revoked)', {
    'commands run': first.results.length + second.results.length,
    'lines printed': all.split('\n').length,
    'log and journal files searched': files.length,
    'secrets the sandbox issued, searched for': issued.length,
    'occurrences found': leaks.occurrences,
  });
}, 120_000);

test('an axios error from a real refused call, logged with its request, config and headers: none of them is printed', async () => {
  const token = (await (
    await fetch(`${sandbox.url}/oauth/v2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: sandbox.refreshToken, client_id: sandbox.clientId, client_secret: sandbox.clientSecret }) })
  ).json()) as { access_token: string };
  // A client of our own, not the connector's: nothing has registered these values with the scrubber.
  const error = await axios
    .get(`${sandbox.url}/crm/v8/NoSuchModule?client_secret=${sandbox.clientSecret}&fields=Last_Name`, { headers: { Authorization: `Zoho-oauthtoken ${token.access_token}`, Cookie: `session=${sandbox.refreshToken}` } })
    .catch((e: unknown) => e);
  expect(axios.isAxiosError(error)).toBe(true);
  let lines = '';
  const log = createLogger({ level: 'trace', destination: { write: (s: string) => (lines += s) } });
  log.error({ err: error }, 'call failed');
  log.error({ wrapped: { cause: error, list: [error] } }, 'nested');
  log.error(error as Error);
  lines += JSON.stringify(serializeError(error));
  const leaks = findLeaks([token.access_token, sandbox.refreshToken, sandbox.clientSecret], [{ label: 'log', text: lines }]);
  expect(leaks.occurrences).toBe(0);
  expect(lines).not.toMatch(/"(headers|config|request|response)":/);
  expect(lines).toContain('NoSuchModule');
  recordFigures('4 secrets', 'axios error with token, cookie and client_secret logged three ways', { 'occurrences found': leaks.occurrences });
});
