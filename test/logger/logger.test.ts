// The logger: levels, JSON and pretty output, and that no secret reaches a line by any route.
import { randomBytes } from 'node:crypto';
import { isHostError } from '../../runtime/errors';
import { createLogger } from '../../runtime/logger';
import { secrets } from '../../runtime/secrets';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (s: string) => void lines.push(s) }, text: () => lines.join('') };
}

/** A fresh secret, registered like the credential store registers loaded tokens. */
function registeredToken(): string {
  const token = `1000.${randomBytes(12).toString('hex')}.${randomBytes(8).toString('hex')}`;
  secrets.add(token);
  return token;
}

/** A value that was never registered: only key-based redaction can keep it out. */
function unregistered(): string {
  return `unregistered-${randomBytes(10).toString('hex')}`;
}

describe.each([
  ['JSON', false],
  ['pretty', true],
])('%s output', (_mode, pretty) => {
  function logger() {
    const out = capture();
    return { out, log: createLogger({ level: 'trace', pretty, destination: out.destination }) };
  }

  test('a registered token never appears: top level, 5 levels deep, in arrays', () => {
    const token = registeredToken();
    const { out, log } = logger();
    log.info({ note: token }, 'top');
    log.info({ a: { b: { c: { d: { e: { note: `prefix ${token} suffix` } } } } } }, 'deep');
    log.info({ list: [token, [token], { inner: [{ note: token }] }] }, 'arrays');
    expect(out.lines).toHaveLength(3);
    expect(out.text()).not.toContain(token);
    expect(out.text()).toContain('[REDACTED]');
  });

  test('a registered token never appears in an error message, stack or message string', () => {
    const token = registeredToken();
    const { out, log } = logger();
    log.error({ err: new Error(`refresh failed for ${token}`) }, 'with err key');
    log.error(new Error(`thrown with ${token}`));
    log.warn({ wrapped: { errors: [new Error(`nested ${token}`)] } }, 'nested errors');
    log.info(`message mentions ${token}`);
    log.info('printf %s and %j', token, { note: token });
    expect(out.lines).toHaveLength(5);
    expect(out.text()).not.toContain(token);
    expect(out.text()).toContain('refresh failed for [REDACTED]');
  });

  test('secret-named keys are redacted at every depth, registered or not', () => {
    const values = { a: unregistered(), b: unregistered(), c: unregistered(), d: unregistered(), e: unregistered(), f: unregistered() };
    const { out, log } = logger();
    log.info({ access_token: values.a, headers: { Authorization: `Bearer ${values.b}` } }, 'top');
    log.info({ l1: { l2: { l3: { l4: { l5: { refresh_token: values.c, clientSecret: values.d } } } } } }, 'deep');
    log.info({ creds: [{ client_secret: values.e }, { 'set-cookie': [values.f] }] }, 'arrays');
    for (const value of Object.values(values)) expect(out.text()).not.toContain(value);
  });

  test('innocent fields are printed as they are', () => {
    const { out, log } = logger();
    log.info({ code: 'INVALID_TOKEN', token_type: 'Bearer', count: 3, module: 'Leads' }, 'innocent');
    const text = out.text();
    for (const part of ['INVALID_TOKEN', 'Bearer', 'Leads', 'innocent']) expect(text).toContain(part);
  });

  test('child bindings are scrubbed, even for a secret registered after the child was made', () => {
    const token = registeredToken();
    const late = `late-${randomBytes(10).toString('hex')}`;
    const { out, log } = logger();
    const child = log.child({ connection: 'main', token: unregistered(), note: token, later: late });
    secrets.add(late);
    child.info('from child');
    expect(out.text()).not.toContain(token);
    expect(out.text()).not.toContain(late);
    expect(out.text()).toContain('main');
  });

  test('a cyclic object is logged without a crash or a leak', () => {
    const token = registeredToken();
    const node: Record<string, unknown> = { note: token };
    node.self = node;
    const { out, log } = logger();
    log.info({ node }, 'cycle');
    expect(out.lines).toHaveLength(1);
    expect(out.text()).not.toContain(token);
  });
});

test('JSON output is one parseable object per line, with the redacted values in place', () => {
  const token = registeredToken();
  const out = capture();
  createLogger({ level: 'info', destination: out.destination, name: 'unit' }).info({ a: { password: 'pw-123456789', note: token } }, 'hello');
  const line = JSON.parse(out.lines[0]!) as Record<string, unknown>;
  expect(line).toMatchObject({ level: 30, name: 'unit', msg: 'hello', a: { password: '[REDACTED]', note: '[REDACTED]' } });
});

test('scrubbing token shapes inside a finished JSON line keeps it valid JSON', () => {
  const out = capture();
  const log = createLogger({ level: 'info', destination: out.destination });
  const tricky = [
    'GET /x HTTP/1.1\r\nAuthorization: Bearer abc.def.ghi\r\nX: "quoted"\\',
    'https://h.test/cb?access_token=abc"def&x=1',
    '{"refresh_token":"a\\"b","n":1}',
    'Bearer abcdefghijklmnop" and more',
  ];
  log.info({ raw: tricky }, `message with ${tricky.join(' ')}`);
  const line = JSON.parse(out.lines[0]!) as { raw: string[]; msg: string };
  expect(line.raw).toHaveLength(4);
  for (const secret of ['abc.def.ghi', 'abcdefghijklmnop']) expect(out.text()).not.toContain(secret);
});

test('pretty output is human-readable text, not JSON', () => {
  const out = capture();
  createLogger({ level: 'info', pretty: true, destination: out.destination }).info('human line');
  expect(out.text()).toMatch(/INFO.*human line/);
  expect(() => JSON.parse(out.lines[0]!)).toThrow();
});

describe('level', () => {
  const saved = process.env.LOG_LEVEL;
  afterEach(() => {
    if (saved === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = saved;
  });

  function levelsPrinted(options: { level?: string } = {}): string[] {
    const out = capture();
    const log = createLogger({ ...options, destination: out.destination });
    log.trace('trace');
    log.debug('debug');
    log.info('info');
    log.warn('warn');
    log.error('error');
    return out.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
  }

  test('defaults to info', () => {
    delete process.env.LOG_LEVEL;
    expect(levelsPrinted()).toEqual(['info', 'warn', 'error']);
  });

  test('follows LOG_LEVEL (any case)', () => {
    process.env.LOG_LEVEL = 'WARN';
    expect(levelsPrinted()).toEqual(['warn', 'error']);
    process.env.LOG_LEVEL = 'trace';
    expect(levelsPrinted()).toEqual(['trace', 'debug', 'info', 'warn', 'error']);
  });

  test('an explicit level wins over LOG_LEVEL', () => {
    process.env.LOG_LEVEL = 'error';
    expect(levelsPrinted({ level: 'debug' })).toEqual(['debug', 'info', 'warn', 'error']);
  });

  test('silent prints nothing', () => {
    expect(levelsPrinted({ level: 'silent' })).toEqual([]);
  });

  test('an unknown level is a typed input error listing the valid ones', () => {
    process.env.LOG_LEVEL = 'verbose';
    let caught: unknown;
    try {
      createLogger({ destination: capture().destination });
    } catch (err) {
      caught = err;
    }
    expect(isHostError(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'LOG_LEVEL_INVALID', category: 'input' });
    expect((caught as { hint: string }).hint).toContain('debug');
  });
});
