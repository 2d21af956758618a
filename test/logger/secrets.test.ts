// The secret registry: text scrubbing (registered values and token shapes) and deep scrubbing of data.
import fc from 'fast-check';
import { REDACTED, SecretRegistry, isSecretKey, secrets } from '../../runtime/secrets';

describe('SecretRegistry.scrub', () => {
  let registry: SecretRegistry;
  beforeEach(() => {
    registry = new SecretRegistry();
  });

  test('replaces every occurrence of a registered value', () => {
    registry.add('s3cr3t-value-1');
    expect(registry.scrub('a s3cr3t-value-1 b s3cr3t-value-1')).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  test('ignores values shorter than 8 characters, which would match innocent text', () => {
    registry.add('abc1234');
    registry.add('');
    expect(registry.size).toBe(0);
    expect(registry.scrub('abc1234 stays')).toBe('abc1234 stays');
  });

  test('replaces the longer of two overlapping values whole, leaving no tail behind', () => {
    registry.add('abcdefgh');
    registry.add('abcdefgh-ijkl-mnop');
    expect(registry.scrub('x abcdefgh-ijkl-mnop y abcdefgh')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  test('treats regular-expression characters in values literally', () => {
    registry.add('a.b*c+d?(e)[f]{g}|h^$\\/');
    expect(registry.scrub('[a.b*c+d?(e)[f]{g}|h^$\\/]')).toBe(`[${REDACTED}]`);
    expect(registry.scrub('aXb*c+d?(e)[f]{g}|h^$\\/')).toBe('aXb*c+d?(e)[f]{g}|h^$\\/');
  });

  test('also replaces the URL-encoded form of a value', () => {
    registry.add('tok/with+chars=');
    expect(registry.scrub(`https://x.test/?t=${encodeURIComponent('tok/with+chars=')}`)).toBe(`https://x.test/?t=${REDACTED}`);
  });

  test.each([
    ['a raw HTTP header', 'GET / HTTP/1.1\r\nAuthorization: Bearer abc.def.ghi\r\nHost: x\r\n', `GET / HTTP/1.1\r\nAuthorization: Bearer ${REDACTED}\r\nHost: x\r\n`],
    ['a header with another scheme', 'authorization: Custom-scheme 1000.ffff.eeee', `authorization: Custom-scheme ${REDACTED}`],
    ['a header without scheme', 'Authorization: 1000.ffff.eeee', `Authorization: ${REDACTED}`],
    ['a header in JSON text', '{"Authorization":"Bearer abc.def"}', `{"Authorization":"${REDACTED}"}`],
    ['a proxy header', 'Proxy-Authorization: Basic dXNlcjpwYXNz', `Proxy-Authorization: Basic ${REDACTED}`],
    ['a raw Cookie header', 'GET / HTTP/1.1\r\nCookie: sid=abc; theme=dark\r\nHost: x', `GET / HTTP/1.1\r\nCookie: ${REDACTED}\r\nHost: x`],
    ['a Set-Cookie header', 'set-cookie: sid=abc; Path=/; HttpOnly', `set-cookie: ${REDACTED}`],
    ['a bare bearer token', 'sent Bearer eyJhbGciOi.payload.sig to it', `sent Bearer ${REDACTED} to it`],
    ['a URL access_token', 'https://h.test/cb?access_token=tok123&x=1', `https://h.test/cb?access_token=${REDACTED}&x=1`],
    ['a form refresh_token', 'grant_type=refresh_token&refresh_token=1000.aa.bb&client_id=id', `grant_type=refresh_token&refresh_token=${REDACTED}&client_id=id`],
    ['a form client_secret', 'client_id=abc&client_secret=shh-123', `client_id=abc&client_secret=${REDACTED}`],
    ['a JSON token field', '{"access_token":"1000.x.y","expires_in":3600}', `{"access_token":"${REDACTED}","expires_in":3600}`],
    ['a JSON field with escaped quotes', '{"refresh_token":"a\\"b","n":1}', `{"refresh_token":"${REDACTED}","n":1}`],
    ['a camelCase parameter', 'url?clientSecret=abcd&x=1', `url?clientSecret=${REDACTED}&x=1`],
  ])('replaces the value in %s', (_name, input, expected) => {
    expect(registry.scrub(input)).toBe(expected);
  });

  test.each([
    'grant_type=refresh_token',
    'code=INVALID_TOKEN',
    'the token expired; authorization failed',
    '{"token_type":"Bearer","expires_in":3600}',
    'a normal sentence with no secret',
  ])('leaves innocent text alone: %s', (text) => {
    expect(registry.scrub(text)).toBe(text);
  });

  test('never leaves a registered value in any text that contains it', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), fc.array(fc.string(), { maxLength: 5 }), (secret, parts) => {
        const local = new SecretRegistry();
        local.add(secret);
        const text = parts.join(secret) + secret;
        expect(local.scrub(text).includes(secret)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('SecretRegistry.scrubDeep', () => {
  let registry: SecretRegistry;
  const TOKEN = 'registered-token-0123456789';
  beforeEach(() => {
    registry = new SecretRegistry();
    registry.add(TOKEN);
  });

  test.each(['authorization', 'Authorization', 'cookie', 'set-cookie', 'Set-Cookie', 'access_token', 'refresh_token', 'client_secret', 'accessToken', 'refreshToken', 'clientSecret', 'ACCESS_TOKEN', 'password', 'secret', 'secrets', 'token'])(
    'redacts the key %s at any depth',
    (key) => {
      const input = { a: { b: { c: { d: { e: { [key]: 'not-registered-value' } } } } } };
      expect(JSON.stringify(registry.scrubDeep(input))).toBe(JSON.stringify({ a: { b: { c: { d: { e: { [key]: REDACTED } } } } } }));
    },
  );

  test.each(['code', 'token_type', 'tokens_used', 'secretary', 'nickname'])('keeps the innocent key %s', (key) => {
    expect(isSecretKey(key)).toBe(false);
    expect(registry.scrubDeep({ [key]: 'plain' })).toEqual({ [key]: 'plain' });
  });

  test('redacts a whole object held under a secret key', () => {
    expect(registry.scrubDeep({ secrets: { access_token: 'x', other: 'y' }, settings: { dc: 'eu' } })).toEqual({ secrets: REDACTED, settings: { dc: 'eu' } });
  });

  test('scrubs registered values inside strings in arrays, nested arrays and objects in arrays', () => {
    const out = registry.scrubDeep({ list: [`a ${TOKEN}`, [[TOKEN]], { note: TOKEN }, { password: 'p' }] });
    expect(out).toEqual({ list: [`a ${REDACTED}`, [[REDACTED]], { note: REDACTED }, { password: REDACTED }] });
  });

  test('turns Errors into plain data and scrubs message, stack, fields and cause', () => {
    const cause = new Error(`inner ${TOKEN}`);
    const err = Object.assign(new Error(`outer ${TOKEN}`, { cause }), { status: 401, headers: { Authorization: 'Bearer zzz' } });
    const out = registry.scrubDeep({ err }) as { err: Record<string, unknown> };
    const text = JSON.stringify(out);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('zzz');
    expect(out.err).toMatchObject({ type: 'Error', message: `outer ${REDACTED}`, status: 401, headers: { Authorization: REDACTED } });
    expect((out.err.cause as Record<string, unknown>).message).toBe(`inner ${REDACTED}`);
    expect(String(out.err.stack)).toContain('outer [REDACTED]');
  });

  test('uses the serializeError option for errors at any depth', () => {
    const out = registry.scrubDeep({ a: [{ b: new Error('x') }] }, { serializeError: (e) => ({ kind: 'custom', m: `${e.message} ${TOKEN}` }) });
    expect(out).toEqual({ a: [{ b: { kind: 'custom', m: `x ${REDACTED}` } }] });
  });

  test('is cycle-safe: a back-reference becomes "[Circular]" and nothing leaks through it', () => {
    const node: Record<string, unknown> = { name: TOKEN };
    node.self = node;
    node.list = [node, { parent: node }];
    const out = registry.scrubDeep(node) as Record<string, unknown>;
    expect(out.self).toBe('[Circular]');
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(out.name).toBe(REDACTED);
  });

  test('copies a shared (non-cyclic) reference once and scrubs it everywhere', () => {
    const shared = { token: 't', n: TOKEN };
    const out = registry.scrubDeep({ a: shared, b: shared }) as Record<string, unknown>;
    expect(out.a).toEqual({ token: REDACTED, n: REDACTED });
    expect(out.b).toBe(out.a);
  });

  test('returns the same object when nothing needs scrubbing, and never mutates its input', () => {
    const clean = { a: { b: [1, 'two', { c: true }] }, when: new Date(0) };
    expect(registry.scrubDeep(clean)).toBe(clean);
    const dirty = { a: { keep: 1, note: TOKEN }, other: { untouched: true } };
    const out = registry.scrubDeep(dirty) as typeof dirty;
    expect(dirty.a.note).toBe(TOKEN);
    expect(out.a).toEqual({ keep: 1, note: REDACTED });
    expect(out.other).toBe(dirty.other);
  });

  test('scrubs what toJSON returns, since that is what gets printed', () => {
    const value = { toJSON: () => ({ access_token: 'zzz', note: TOKEN }) };
    expect(registry.scrubDeep({ value })).toEqual({ value: { access_token: REDACTED, note: REDACTED } });
  });

  test('stops at a depth limit instead of overflowing the stack on hostile nesting', () => {
    let deep: Record<string, unknown> = { note: TOKEN };
    for (let i = 0; i < 10000; i++) deep = { child: deep };
    const text = JSON.stringify(registry.scrubDeep(deep), (_k, v: unknown) => v);
    expect(text).toContain('[Truncated]');
    expect(text).not.toContain(TOKEN);
  });

  test('passes primitives through', () => {
    expect(registry.scrubDeep(42)).toBe(42);
    expect(registry.scrubDeep(null)).toBe(null);
    expect(registry.scrubDeep(undefined)).toBe(undefined);
    expect(registry.scrubDeep(TOKEN)).toBe(REDACTED);
  });
});

test('the shared `secrets` singleton is a SecretRegistry', () => {
  expect(secrets).toBeInstanceOf(SecretRegistry);
});
