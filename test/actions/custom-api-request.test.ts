// custom-api-request against the sandbox: any path under /crm with the connection's token, Zoho's answers
// returned as they are, and every way out of /crm refused before a request is made.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZohoClient } from '../../connector/client-factory';
import { startSandboxHost, type SandboxHost } from '../support/sandbox-host';

let sb: SandboxHost;
let client: ZohoClient;
let leadId: string;

beforeAll(async () => {
  sb = await startSandboxHost();
  client = await sb.client();
  leadId = await sb.createRecord('/Leads', { Last_Name: 'Door', Company: 'Custom Co', Email: 'door@custom.example' });
});
afterAll(() => sb.close());

const ok = (input: unknown) => sb.ok<{ statusCode: number; headers: Record<string, string>; body: unknown }>('custom-api-request', input);
const failure = (input: unknown) => sb.failure('custom-api-request', input);

/** What the sandbox saw: its request count and its latest log entry. */
function sandboxMark(): string {
  return JSON.stringify([sb.sandbox.stats().requests, sb.sandbox.requests(1)]);
}

describe('requests that reach Zoho', () => {
  test("the seed's GET example works as written: /v2/Leads with {fields: 'Last_Name,Email'}", async () => {
    const out = await ok({ method: 'GET', relativeUrl: '/v2/Leads', query: { fields: 'Last_Name,Email' } });
    expect(out.statusCode).toBe(200);
    expect(out.headers['content-type']).toMatch(/application\/json/);
    const body = out.body as { data: Record<string, unknown>[]; info: { more_records: boolean } };
    expect(body.data.length).toBeGreaterThan(0);
    for (const r of body.data) expect(Object.keys(r).sort()).toEqual(['Email', 'Last_Name', 'id']);
    const entry = sb.sandbox.requests(1)[0]!;
    expect(entry.url).toBe('/crm/v2/Leads?fields=Last_Name%2CEmail');
    // The connector added the token; the log keeps only its scheme.
    expect(entry.authorization).toBe('Zoho-oauthtoken ***');
  });

  test('a v8 path with a query string in the relative URL and more in query', async () => {
    const out = await ok({ method: 'GET', relativeUrl: `/v8/Leads/${leadId}?fields=Last_Name`, query: { approved: 'both' } });
    expect(out.statusCode).toBe(200);
    expect((out.body as { data: Record<string, unknown>[] }).data[0]).toEqual({ id: leadId, Last_Name: 'Door' });
    expect(sb.sandbox.requests(1)[0]!.url).toBe(`/crm/v8/Leads/${leadId}?fields=Last_Name&approved=both`);
  });

  test('POST adds a note (201), PUT changes it, DELETE removes it, with JSON bodies', async () => {
    const created = await ok({ method: 'POST', relativeUrl: `/v8/Leads/${leadId}/Notes`, body: { data: [{ Note_Title: 'Via custom', Note_Content: 'first' }] } });
    expect(created.statusCode).toBe(201);
    const noteId = (created.body as { data: { details: { id: string } }[] }).data[0]!.details.id;
    expect(noteId).toMatch(/^\d+$/);

    const updated = await ok({ method: 'PUT', relativeUrl: `/v8/Notes/${noteId}`, body: { data: [{ Note_Content: 'second' }] } });
    expect(updated.statusCode).toBe(200);
    expect(await client.get(`/Notes/${noteId}`, { fields: 'Note_Content' })).toMatchObject({ data: [{ Note_Content: 'second' }] });

    const deleted = await ok({ method: 'DELETE', relativeUrl: `/v8/Notes/${noteId}` });
    expect(deleted).toMatchObject({ statusCode: 200, body: { data: [{ code: 'SUCCESS', details: { id: noteId } }] } });
  });

  test('a string body is sent as it is', async () => {
    const created = await ok({ method: 'POST', relativeUrl: `/v8/Leads/${leadId}/Notes`, body: JSON.stringify({ data: [{ Note_Content: 'as text' }] }) });
    expect(created.statusCode).toBe(201);
  });

  test('204 gives statusCode 204 and body null', async () => {
    const out = await ok({ method: 'GET', relativeUrl: '/v8/Leads/search', query: { criteria: '(Last_Name:equals:Nobody By This Name)' } });
    expect(out).toMatchObject({ statusCode: 204, body: null });
  });

  test("the user's own headers are sent (If-Modified-Since gives 304 and no body)", async () => {
    const out = await ok({ method: 'GET', relativeUrl: `/v8/Notes`, query: { fields: 'Note_Title' }, headers: { 'If-Modified-Since': new Date(Date.now() + 86_400_000).toUTCString() } });
    expect(out).toMatchObject({ statusCode: 304, body: null });
  });

  test("Zoho's error answers are output, not failures, unless failOnError is set", async () => {
    const out = await ok({ method: 'GET', relativeUrl: '/v8/NoSuchModule', query: { fields: 'Name' } });
    expect(out.statusCode).toBe(400);
    expect(out.body).toEqual({ code: 'INVALID_MODULE', details: { resource_path_index: 0 }, message: 'the module name given seems to be invalid', status: 'error' });

    const unknownPath = await ok({ method: 'GET', relativeUrl: '/v8/Leads/actions/nothing/here' });
    expect(unknownPath.statusCode).toBe(404);

    const error = await failure({ method: 'GET', relativeUrl: '/v8/NoSuchModule', query: { fields: 'Name' }, failOnError: true });
    expect(error).toMatchObject({ code: 'INVALID_MODULE', category: 'remote', httpStatus: 400 });
    expect(error.hint).toMatch(/module API name/);
  });
});

describe('a POST is not idempotent, a PUT is', () => {
  test('a POST whose answer was lost is not sent again: OUTCOME_UNKNOWN', async () => {
    sb.sandbox.setFaults([{ method: 'POST', path: `/crm/v8/Leads/${leadId}/Notes`, drop: 'after', times: 1 }]);
    const before = sb.sandbox.stats().byRoute['POST /crm/{version}/{module}/{id}/Notes'];
    const error = await failure({ method: 'POST', relativeUrl: `/v8/Leads/${leadId}/Notes`, body: { data: [{ Note_Content: 'maybe' }] } });
    sb.sandbox.clearFaults();
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', category: 'unknown_outcome' });
    expect(error.hint).toMatch(/notes of Leads record/);
    const posts = sb.sandbox.requests(20).filter((e) => e.method === 'POST' && e.url === `/crm/v8/Leads/${leadId}/Notes`);
    expect(posts.at(-1)!.status).toBe('dropped');
    const after = sb.sandbox.stats().byRoute['POST /crm/{version}/{module}/{id}/Notes'];
    expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));
    expect(Object.values(after ?? {}).reduce((a, b) => a + b, 0) - Object.values(before ?? {}).reduce((a, b) => a + b, 0)).toBe(1);
  });

  test('a PUT whose answer was lost is sent again and succeeds', async () => {
    sb.sandbox.setFaults([{ method: 'PUT', path: `/crm/v8/Leads/${leadId}`, drop: 'after', times: 1 }]);
    const out = await ok({ method: 'PUT', relativeUrl: `/v8/Leads/${leadId}`, body: { data: [{ Lead_Status: 'Contacted' }] } });
    sb.sandbox.clearFaults();
    expect(out.statusCode).toBe(200);
    const puts = sb.sandbox.requests(10).filter((e) => e.method === 'PUT' && e.url === `/crm/v8/Leads/${leadId}`);
    expect(puts.slice(-2).map((e) => e.status)).toEqual(['dropped', 200]);
  });
});

describe('refused before any request: relative URLs that could leave /crm', () => {
  const refused: [string, string][] = [
    ['https://evil.example/crm/v8/Leads', 'absolute URL'],
    ['http:/v8/Leads', 'absolute URL'],
    ['//evil.example/v8/Leads', '"//"'],
    ['v8/Leads', 'start with "/"'],
    ['/v8/../oauth/v2/token', '".."'],
    ['/v8/./Leads', '"."'],
    ['/v8/Leads/..', '".."'],
    ['/v8/%2e%2e/oauth', '".."'],
    ['/v8/%2E%2E/oauth', '".."'],
    ['/v8/.%2e/oauth', '".."'],
    ['/v8/%252e%252e/oauth', '".."'],
    ['/v8/%25252e%25252e/oauth', '".."'],
    ['/v8/Leads%2f..%2f..%2foauth', '".."'],
    ['/v8\\..\\oauth', 'backslash'],
    ['/v8/%5c../oauth', 'backslash'],
    ['/v8/Leads@evil.example', '"@"'],
    ['/v8/Leads%40evil.example', '"@"'],
    ['/v8/Leads?email=a@b.example', '"@"'],
    ['/v8/Leads\r\nX-Injected: 1', 'control character'],
    ['/v8/Leads\n', 'control character'],
    ['/v8/Leads%0d%0aX-Injected:%201', 'control character'],
    ['/v8/Le\u0000ads', 'control character'],
    ['/v8/Leads\t', 'control character'],
    ['/v8/\u2024\u2024/oauth', 'outside ASCII'],
    ['/v8/\uff0e\uff0e/oauth', 'outside ASCII'],
    ['/v8/%E2%80%A4%E2%80%A4/oauth', 'outside ASCII'],
    ['/v8/%EF%BC%8E%EF%BC%8E/oauth', 'outside ASCII'],
    ['/v8/\u2215evil', 'outside ASCII'],
    ['/v8//Leads', '"//"'],
    ['/v8/Leads#x', 'fragment'],
    ['/v8/Leads%23x', '"#"'],
    ['/v8/%zz', 'malformed'],
    ['/v8/Le ads', 'spaces'],
    ['/crm/v8/Leads', 'already starts with /crm'],
    ['/%2e%2e%2f%2e%2e%2f', '".."'],
  ];

  test.each(refused)('%j is refused (%s) and nothing is sent', async (relativeUrl, reason) => {
    const mark = sandboxMark();
    const error = await failure({ method: 'GET', relativeUrl });
    expect(error).toMatchObject({ code: 'RELATIVE_URL_REFUSED', category: 'input' });
    expect(error.message).toContain(reason);
    expect(error.details).toEqual({ issues: [{ path: '/relativeUrl', message: expect.any(String) }] });
    expect(sandboxMark()).toBe(mark);
  });

  test('paths with percent-encoding that stays inside /crm are allowed', async () => {
    const out = await ok({ method: 'GET', relativeUrl: `/v8/Le%61ds/${leadId}` });
    expect(out.statusCode).toBe(200);
    const out2 = await ok({ method: 'GET', relativeUrl: '/v8/Leads/search?criteria=(Last_Name%3Aequals%3ADoor)' });
    expect((out2.body as { data: { id: string }[] }).data.map((r) => r.id)).toContain(leadId);
  });
});

describe("refused before any request: headers the connector owns, bodies GET cannot have", () => {
  test.each([['Authorization'], ['authorization'], ['AUTHORIZATION'], ['Host'], ['host'], ['Cookie'], ['cookie'], ['Content-Length'], ['content-length'], ['Proxy-Authorization'], ['Transfer-Encoding'], ['Connection']])(
    'header %s is refused',
    async (name) => {
      const mark = sandboxMark();
      const error = await failure({ method: 'GET', relativeUrl: '/v8/Leads', query: { fields: 'Last_Name' }, headers: { [name]: 'Zoho-oauthtoken 1000.abc' } });
      expect(error).toMatchObject({ code: 'HEADER_REFUSED', category: 'input', details: { issues: [{ path: `/headers/${name}` }] } });
      expect(sandboxMark()).toBe(mark);
    },
  );

  test('malformed header names and values with CR/LF are refused', async () => {
    const mark = sandboxMark();
    expect(await failure({ method: 'GET', relativeUrl: '/v8/org', headers: { 'Bad Name': 'x' } })).toMatchObject({ code: 'HEADER_REFUSED' });
    expect(await failure({ method: 'GET', relativeUrl: '/v8/org', headers: { 'X-Note': 'a\r\nHost: evil.example' } })).toMatchObject({ code: 'HEADER_REFUSED' });
    expect(await failure({ method: 'GET', relativeUrl: '/v8/org', headers: { 'X-Note': 'a', 'x-note': 'b' } })).toMatchObject({ code: 'HEADER_REFUSED' });
    expect(sandboxMark()).toBe(mark);
  });

  test('a GET with a body is refused', async () => {
    const mark = sandboxMark();
    expect(await failure({ method: 'GET', relativeUrl: '/v8/org', body: { a: 1 } })).toMatchObject({ code: 'BODY_NOT_ALLOWED', category: 'input', details: { issues: [{ path: '/body' }] } });
    expect(sandboxMark()).toBe(mark);
  });

  test('schema failures name their paths', async () => {
    const error = await failure({ method: 'PATCH', relativeUrl: '/v8/org', query: { x: { nested: true } }, extra: 1 });
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = (error.details as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['/method', '/query/x', '/extra']));
  });
});

describe('answers that are not JSON (a gateway page, a text endpoint)', () => {
  let server: Server;
  let seen: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      if (req.url?.startsWith('/crm/v8/text')) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words');
      } else if (req.url?.startsWith('/crm/v8/gateway')) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not found</body></html>');
      } else if (req.url?.startsWith('/crm/v8/broken-json')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [');
      } else {
        res.writeHead(204).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = (await sb.store.get(sb.nickname))!;
    // Tokens from the sandbox's accounts server, calls to this server: the connection's own API domain.
    await sb.store.put({ ...base, nickname: 'texty', settings: { ...base.settings, apiDomain: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }, secrets: { ...base.secrets } });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const runTexty = (input: unknown) => sb.run('custom-api-request', input, { connection: 'texty' });

  test('a text body is returned as text, a broken JSON body as its text', async () => {
    expect(await runTexty({ method: 'GET', relativeUrl: '/v8/text' })).toMatchObject({ ok: true, output: { statusCode: 200, body: 'plain words', headers: { 'content-type': 'text/plain' } } });
    expect(await runTexty({ method: 'GET', relativeUrl: '/v8/broken-json' })).toMatchObject({ ok: true, output: { statusCode: 200, body: '{"data": [' } });
  });

  test("a proxy's HTML error page is output as text; with failOnError it is a typed HTTP_404", async () => {
    expect(await runTexty({ method: 'DELETE', relativeUrl: '/v8/gateway' })).toMatchObject({ ok: true, output: { statusCode: 404, body: '<html><body>Not found</body></html>' } });
    const failed = await runTexty({ method: 'GET', relativeUrl: '/v8/gateway', failOnError: true });
    expect(failed).toMatchObject({ ok: false, error: { code: 'HTTP_404', category: 'remote', httpStatus: 404 } });
  });

  test("the user's headers arrive; Authorization is the connector's", async () => {
    seen = [];
    expect(await runTexty({ method: 'GET', relativeUrl: '/v8/anything', headers: { 'X-Custom': 'yes', Accept: 'text/plain' } })).toMatchObject({ ok: true, output: { statusCode: 204, body: null } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!['x-custom']).toBe('yes');
    expect(seen[0]!.accept).toBe('text/plain');
    expect(seen[0]!.authorization).toMatch(/^Zoho-oauthtoken \S+$/);
  });
});

describe('the CLI', () => {
  test('zcrm run custom-api-request with the seed example prints the answer as JSON', async () => {
    const res = await sb.cli(['run', 'custom-api-request', '--input', JSON.stringify({ method: 'GET', relativeUrl: '/v2/Leads', query: { fields: 'Last_Name,Email' } }), '--json']);
    expect(res.code).toBe(0);
    const printed = JSON.parse(res.stdout) as { ok: boolean; output: { statusCode: number; body: { data: unknown[] } } };
    expect(printed.ok).toBe(true);
    expect(printed.output.statusCode).toBe(200);
    expect(printed.output.body.data.length).toBeGreaterThan(0);
    expect(res.stdout + res.stderr).not.toMatch(/1000\.[0-9a-f]{8,}/);
  });

  test('a refused relative URL exits 2 and names the path', async () => {
    const mark = sandboxMark();
    const res = await sb.cli(['run', 'custom-api-request', '--input', JSON.stringify({ method: 'GET', relativeUrl: '/v8/%2e%2e/oauth/v2/token' })]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('relativeUrl was refused');
    expect(res.stderr).toContain('".."');
    expect(sandboxMark()).toBe(mark);
  });
});
