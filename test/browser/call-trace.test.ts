/**
 * The playground's HTTP trace: the client's debug lines become trace entries of the capture that logged them,
 * with only the fields a trace shows, and lines at the chosen level still reach the terminal.
 */
import { createLogger } from '../../runtime/logger';
import { CallTrace } from '../../web/trace';

function setup(forwardLevel?: string) {
  const trace = new CallTrace();
  const forwarded: string[] = [];
  const log = createLogger({ level: 'debug', destination: trace.destination({ forward: (line) => forwarded.push(line), ...(forwardLevel ? { forwardLevel } : {}) }) });
  return { trace, log, forwarded };
}

test('each capture gets the calls logged inside it, in order, with only method, path, status, duration and attempt', async () => {
  const { trace, log } = setup();
  log.debug({ method: 'GET', path: '/outside', status: 200, durationMs: 1, attempt: 1 }, 'zoho call');
  const { value, calls } = await trace.capture(async () => {
    const child = log.child({ connection: 'demo', action: 'get-record' });
    child.debug('action started');
    child.debug({ connection: 'demo' }, 'access token refreshed');
    child.debug({ method: 'GET', path: '/crm/v8/Leads/1', status: 429, durationMs: 12, attempt: 1, authorization: 'Zoho-oauthtoken abc' }, 'zoho call');
    await new Promise((resolve) => setImmediate(resolve));
    child.debug({ method: 'GET', path: '/crm/v8/Leads/1', attempt: 1, delayMs: 500, reason: 'rate limited' }, 'zoho call will be retried');
    child.debug({ method: 'GET', path: '/crm/v8/Leads/1', attempt: 2, error: 'ECONNRESET', sent: true, durationMs: 3 }, 'zoho call failed');
    return 'done';
  });
  expect(value).toBe('done');
  expect(calls.map(({ atMs: _atMs, ...rest }) => rest)).toEqual([
    { kind: 'token' },
    { kind: 'call', method: 'GET', path: '/crm/v8/Leads/1', status: 429, durationMs: 12, attempt: 1 },
    { kind: 'retry', method: 'GET', path: '/crm/v8/Leads/1', attempt: 1, delayMs: 500, error: 'rate limited' },
    { kind: 'call', method: 'GET', path: '/crm/v8/Leads/1', durationMs: 3, attempt: 2, error: 'ECONNRESET' },
  ]);
  expect(JSON.stringify(calls)).not.toContain('oauthtoken');
});

test('overlapping captures never see each other\'s calls, and a label marks the action', async () => {
  const { trace, log } = setup();
  const call = (path: string) => log.debug({ method: 'GET', path, status: 200, durationMs: 1, attempt: 1 }, 'zoho call');
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = trace.capture(async () => {
    call('/a/1');
    await gate;
    call('/a/2');
  }, { action: 'step-a' });
  const second = trace.capture(async () => {
    call('/b/1');
    release();
    await new Promise((resolve) => setImmediate(resolve));
    call('/b/2');
  });
  const [a, b] = await Promise.all([first, second]);
  expect(a.calls.map((c) => [c.path, c.action])).toEqual([
    ['/a/1', 'step-a'],
    ['/a/2', 'step-a'],
  ]);
  expect(b.calls.map((c) => [c.path, c.action])).toEqual([
    ['/b/1', undefined],
    ['/b/2', undefined],
  ]);
});

test('lines at or above the forward level reach the terminal; debug lines stay in the trace', () => {
  const { log, forwarded } = setup('info');
  log.debug({ method: 'GET', path: '/x', status: 200, durationMs: 1 }, 'zoho call');
  log.info('playground ready');
  log.warn('something odd');
  expect(forwarded.map((line) => (JSON.parse(line) as { msg: string }).msg)).toEqual(['playground ready', 'something odd']);
});
