// SSRF and injection through custom-api-request, run through the CLI: crafted relative URLs, queries and
// headers are refused with exit code 2 and the sandbox's request log shows that nothing went out for them.
// test/actions/custom-api-request.test.ts covers the guard through the executor; this adds the CLI, the exit
// code and more variants (Java-style ..; segments, overlong UTF-8, headers outside Latin-1, long paths).
import { findLeaks } from '../support/reliability-capture';
import { recordFigures } from '../support/reliability-figures';
import { startWorld, type World } from '../support/reliability-world';

let world: World;
beforeAll(async () => {
  world = await startWorld({ label: 'ssrf', sandbox: { seed: 3 } });
});
afterAll(async () => {
  await world?.close();
});

type Variant = [kind: 'relativeUrl' | 'query' | 'header', name: string, input: Record<string, unknown>];

const url = (relativeUrl: string, method = 'GET'): Record<string, unknown> => ({ method, relativeUrl });
const header = (name: string, value: string): Record<string, unknown> => ({ method: 'GET', relativeUrl: '/v8/org', headers: { [name]: value } });
const query = (q: unknown): Record<string, unknown> => ({ method: 'GET', relativeUrl: '/v8/Leads', query: q });

const VARIANTS: Variant[] = [
  ['relativeUrl', 'absolute https URL', url('https://evil.example/crm/v8/Leads')],
  ['relativeUrl', 'absolute URL, upper-case scheme', url('HTTP://evil.example/v8/Leads', 'POST')],
  ['relativeUrl', 'file: URL', url('file:///etc/passwd')],
  ['relativeUrl', 'javascript: URL', url('javascript:alert(1)')],
  ['relativeUrl', 'scheme-relative //host', url('//evil.example/v8/Leads')],
  ['relativeUrl', 'triple slash ///host', url('///evil.example/v8/Leads')],
  ['relativeUrl', 'slash-backslash host', url('/\\evil.example/v8/Leads')],
  ['relativeUrl', 'UNC backslashes', url('\\\\evil.example\\v8')],
  ['relativeUrl', '/..%2f.. to the token endpoint', url('/v8/..%2f..%2foauth/v2/token', 'POST')],
  ['relativeUrl', '%2e%2e segments', url('/v8/%2e%2e/%2e%2e/oauth/v2/token')],
  ['relativeUrl', 'mixed-case %2E%2e%2F', url('/v8/%2E%2e%2Foauth')],
  ['relativeUrl', '.%2e segment', url('/v8/.%2e/oauth')],
  ['relativeUrl', 'double-encoded %252e%252e', url('/v8/%252e%252e/oauth', 'DELETE')],
  ['relativeUrl', 'triple-encoded dots', url('/v8/%25252e%25252e/oauth')],
  ['relativeUrl', 'overlong UTF-8 dots %c0%ae', url('/v8/%c0%ae%c0%ae/oauth')],
  ['relativeUrl', 'IIS %u002e dots', url('/v8/%u002e%u002e/oauth')],
  ['relativeUrl', 'Java path parameter ..;/', url('/v8/..;/..;/oauth/v2/token', 'POST')],
  ['relativeUrl', 'Java path parameter .;/', url('/v8/.;x/Leads')],
  ['relativeUrl', 'encoded ..%3b', url('/v8/..%3b/oauth')],
  ['relativeUrl', 'plain ../../', url('/v8/Leads/../../../oauth/v2/token', 'PUT')],
  ['relativeUrl', 'trailing %2e', url('/v8/Leads/%2e')],
  ['relativeUrl', 'bare ..', url('/..')],
  ['relativeUrl', 'encoded backslash ..%5c', url('/v8/..%5c..%5coauth')],
  ['relativeUrl', 'encoded //host', url('/v8/%2f%2fevil.example')],
  ['relativeUrl', 'ideographic full stops', url('/v8/\u3002\u3002/oauth')],
  ['relativeUrl', 'fullwidth full stops', url('/v8/\uff0e\uff0e/oauth')],
  ['relativeUrl', 'one-dot leaders, encoded', url('/v8/%E2%80%A4%E2%80%A4/oauth')],
  ['relativeUrl', 'division slash', url('/v8/\u2215\u2215evil.example')],
  ['relativeUrl', 'user info @host', url('/@evil.example/v8')],
  ['relativeUrl', '@ after the path', url('/v8/Leads@evil.example')],
  ['relativeUrl', 'encoded %40', url('/v8/Leads%40evil.example')],
  ['relativeUrl', '@ in the query string', url('/v8/Leads?x=1@evil.example')],
  ['relativeUrl', 'CRLF header injection', url('/v8/Leads\r\nHost: evil.example')],
  ['relativeUrl', 'encoded CRLF', url('/v8/Leads%0d%0aHost:%20evil.example')],
  ['relativeUrl', 'encoded LF', url('/v8/Leads%0aX-Injected:1')],
  ['relativeUrl', 'NUL byte', url('/v8/Leads\u0000.json')],
  ['relativeUrl', 'encoded NUL', url('/v8/Leads%00')],
  ['relativeUrl', 'line separator U+2028', url('/v8/Leads\u2028')],
  ['relativeUrl', 'fragment', url('/v8/Leads#@evil.example')],
  ['relativeUrl', 'leading space', url(' /v8/Leads')],
  ['relativeUrl', 'tab', url('/v8/Leads\t')],
  ['relativeUrl', 'non-ASCII in the query string', url('/v8/Leads?name=\u00e9')],
  ['relativeUrl', 'malformed percent-encoding', url('/v8/%ZZ')],
  ['relativeUrl', 'lone %', url('/v8/Leads%')],
  ['relativeUrl', 'already /crm', url('/crm/v8/Leads')],
  ['relativeUrl', 'very long path (4,000 segments)', url(`/v8/${'a/'.repeat(4000)}Leads`)],
  ['relativeUrl', 'very long path (one 10,000-character segment)', url(`/v8/${'L'.repeat(10_000)}`)],
  ['query', 'nested object value', query({ fields: { nested: 'Last_Name' } })],
  ['query', 'null value', query({ fields: null })],
  ['query', 'list of lists', query({ ids: [['1', '2']] })],
  ['query', 'list holding an object', query({ ids: [{ id: '1' }] })],
  ['query', 'not an object', query('fields=Last_Name&x=@evil.example')],
  ['header', 'Authorization', header('Authorization', 'Zoho-oauthtoken 1000.aaaa.bbbb')],
  ['header', 'authorization, lower case', header('authorization', 'Bearer x')],
  ['header', 'Proxy-Authorization', header('Proxy-Authorization', 'Basic eA==')],
  ['header', 'Host', header('Host', 'evil.example')],
  ['header', 'HOST, upper case', header('HOST', 'evil.example')],
  ['header', 'Cookie', header('Cookie', 'session=1')],
  ['header', 'Content-Length', header('Content-Length', '0')],
  ['header', 'Transfer-Encoding', header('Transfer-Encoding', 'chunked')],
  ['header', 'Connection', header('Connection', 'close')],
  ['header', 'X-Forwarded-Host', header('X-Forwarded-Host', 'evil.example')],
  ['header', 'Forwarded', header('Forwarded', 'host=evil.example')],
  ['header', 'Proxy-Connection', header('Proxy-Connection', 'keep-alive')],
  ['header', 'CRLF in a value', header('X-Note', 'a\r\nHost: evil.example')],
  ['header', 'LF in a value', header('X-Note', 'a\nAuthorization: x')],
  ['header', 'NUL in a value', header('X-Note', 'a\u0000b')],
  ['header', 'NEL (C1) in a value', header('X-Note', 'a\u0085b')],
  ['header', 'line separator in a value', header('X-Note', 'a\u2028b')],
  ['header', 'value outside Latin-1', header('X-Note', 'price \u20ac 5')],
  ['header', 'emoji value', header('X-Note', '\ud83d\ude00')],
  ['header', 'space in the name', header('X Note', 'x')],
  ['header', 'colon in the name', header('X-Note:', 'x')],
  ['header', 'CRLF in the name', header('X-Note\r\nHost', 'evil.example')],
  ['header', 'empty name', header('', 'x')],
  ['header', 'value over 8 KiB', header('X-Note', 'x'.repeat(9000))],
  ['header', 'twice, by case', { method: 'GET', relativeUrl: '/v8/org', headers: { 'X-Note': 'a', 'x-note': 'b' } }],
];

test(`${VARIANTS.length} crafted relative URLs, queries and headers: exit code 2 through the CLI, no request sent`, async () => {
  const outcomes: { name: string; code: number; requestsSent: number; stack: boolean; namesPath: boolean }[] = [];
  for (const [kind, name, input] of VARIANTS) {
    const before = { count: world.sandbox.stats().requests, last: JSON.stringify(world.sandbox.requests(1)) };
    const run = await world.cli(['run', 'custom-api-request', '--input', JSON.stringify(input)]);
    const after = { count: world.sandbox.stats().requests, last: JSON.stringify(world.sandbox.requests(1)) };
    outcomes.push({
      name: `${kind}: ${name}`,
      code: run.code,
      requestsSent: after.count - before.count + (after.last === before.last ? 0 : 1),
      stack: /\n\s+at /.test(run.stderr),
      namesPath: /relativeUrl|\/query|\/headers|header "/.test(run.stderr),
    });
  }
  const wrong = outcomes.filter((o) => o.code !== 2 || o.requestsSent !== 0 || o.stack || !o.namesPath);
  expect(wrong).toEqual([]);
  expect(VARIANTS.length).toBeGreaterThanOrEqual(40);

  // The same connection still works: the refusals were about the input, not a broken client.
  const ok = await world.cli(['run', 'custom-api-request', '--input', JSON.stringify({ method: 'GET', relativeUrl: '/v8/org' }), '--json']);
  expect(ok.code).toBe(0);
  const leaks = findLeaks(world.sandbox.issuedSecrets(), [{ label: 'output', text: world.capture.text() }]);
  expect(leaks.occurrences).toBe(0);

  const count = (kind: string) => VARIANTS.filter((v) => v[0] === kind).length;
  recordFigures('5 SSRF and injection', 'custom-api-request through the CLI', {
    'variants (relative URL / query / header)': `${VARIANTS.length} (${count('relativeUrl')} / ${count('query')} / ${count('header')})`,
    'refused with exit code 2': outcomes.filter((o) => o.code === 2).length,
    'requests that reached the sandbox': outcomes.reduce((n, o) => n + o.requestsSent, 0),
    'stack traces printed': outcomes.filter((o) => o.stack).length,
  });
}, 120_000);
