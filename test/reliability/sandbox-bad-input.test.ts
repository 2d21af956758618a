// The sandbox itself under bad input, running as its own process (`zcrm sandbox`) so that a crash is seen as
// a dead process and memory as its resident size: malformed JSON, wrong content types, 10 MB bodies, 10,000
// ids, deeply nested criteria, COQL and JSON. Every answer is a Zoho-like error (or, for a request line past
// the HTTP parser's limit, the parser's own 431), the process never dies, reports no internal error, and its
// memory stays bounded. test/sandbox/sandbox-errors.test.ts checks the error shapes one by one in-process.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc } from '@fast-check/jest';
import { REPO } from '../support/reliability-cli-child';
import { recordFigures } from '../support/reliability-figures';

interface Ready {
  url: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

let child: ChildProcess;
let stderr = '';
let ready: Ready;
let token: string;

beforeAll(async () => {
  child = spawn(process.execPath, ['--require', 'tsx/cjs', join(REPO, 'cli', 'main.ts'), 'sandbox', '--port', '0', '--seed', '8'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  ready = await new Promise<Ready>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as Ready);
    });
    child.once('exit', () => reject(new Error(`the sandbox exited: ${stderr}`)));
  });
  const res = await fetch(`${ready.url}/oauth/v2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: ready.refreshToken, client_id: ready.clientId, client_secret: ready.clientSecret }),
  });
  token = ((await res.json()) as { access_token: string }).access_token;
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

/** Resident and peak memory of the sandbox process, in MB (Linux /proc). */
function memory(): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

interface Answer {
  status: number;
  body: unknown;
  /** The connection was cut instead of answered. */
  cut?: true;
}

async function call(method: string, path: string, options: { body?: string | Buffer; contentType?: string | null; auth?: boolean } = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = `Zoho-oauthtoken ${token}`;
  if (options.contentType) headers['content-type'] = options.contentType;
  try {
    const res = await fetch(`${ready.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: options.body } : {}) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the shape check
    }
    return { status: res.status, body };
  } catch {
    return { status: 0, body: undefined, cut: true };
  }
}

/** Zoho's error shapes: flat `{code, message, status: "error", details}`, or the same items inside `data[]`. */
function zohoLike(answer: Answer): boolean {
  const item = (value: unknown) => {
    const v = value as Record<string, unknown> | null;
    return v !== null && typeof v === 'object' && typeof v.code === 'string' && typeof v.message === 'string' && v.status === 'error';
  };
  const body = answer.body as { data?: unknown[] } | null;
  return answer.status >= 400 && answer.status < 500 && (item(body) || (Array.isArray(body?.data) && body!.data.length > 0 && body!.data.every(item)));
}

const tally = { requests: 0, zohoLike: 0, parserLimit: 0, cut: 0, serverErrors: 0 };
const notZohoLike: { what: string; status: number; body: string }[] = [];

function expectZohoLike(what: string, answer: Answer, allow: { parserLimit?: boolean; cut?: boolean } = {}): void {
  tally.requests++;
  if (answer.status >= 500) tally.serverErrors++;
  if (zohoLike(answer)) tally.zohoLike++;
  else if (allow.parserLimit && (answer.status === 431 || answer.status === 414)) tally.parserLimit++;
  else if (allow.cut && answer.cut) tally.cut++;
  else notZohoLike.push({ what, status: answer.status, body: JSON.stringify(answer.body)?.slice(0, 200) ?? '' });
}

const WRITES: [string, string][] = [
  ['POST', '/crm/v8/Leads'],
  ['PUT', '/crm/v8/Leads'],
  ['POST', '/crm/v8/Leads/upsert'],
  ['POST', '/crm/v8/coql'],
  ['POST', '/crm/v8/Notes'],
  ['PUT', '/crm/v2/Contacts'],
  ['POST', '/crm/v8/Leads/4876876000001000001/actions/convert'],
];

test('malformed JSON bodies (generated): a Zoho-like 4xx every time', async () => {
  const malformed = fc.oneof(
    fc.string({ minLength: 1, maxLength: 60 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
    fc.json({ maxDepth: 4 }).filter((s) => s.length > 2).map((s) => s.slice(0, Math.max(1, s.length - 1))),
    fc.constantFrom('{"data": [', '{"data":[{"Last_Name":"x",}]}', "{'data': []}", 'NaN', '{"data": [1e999999]}', '\ufeff{"data":[]}', '{"a":1}{"b":2}', '[]]', '{"data": "\\ud800"}', 'null', '"just a string"', '{"data":[{"Last_Name":"x"}]} trailing'),
    // Raw bytes (invalid UTF-8 among them) where JSON syntax is expected.
    fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((bytes) => Buffer.concat([Buffer.from('{"data":[{"Last_Name":'), Buffer.from([0xff]), Buffer.from(bytes), Buffer.from('}]}')])),
  );
  const mark = notZohoLike.length;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...WRITES), malformed, async ([method, path], body) => {
      expectZohoLike(`${method} ${path} ${typeof body === 'string' ? body : `<${body.length} bytes>`}`, await call(method, path, { body, contentType: 'application/json' }));
    }),
    { numRuns: 300 },
  );
  expect(notZohoLike.slice(mark)).toEqual([]);
}, 60_000);

test('wrong content types: 415 or a Zoho error, never a crash', async () => {
  const mark = notZohoLike.length;
  const wrong = ['text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'image/png', 'a/b/c', 'application/jsonx'];
  // No type, an empty one or JSON with an odd charset: read as JSON (Zoho's clients often send no type).
  const lenient = [';;;', 'application/json; charset=utf-16', '', null];
  let lenientAnswers = 0;
  for (const [method, path] of WRITES) {
    for (const contentType of wrong) {
      const answer = await call(method, path, { body: '{"data":[{"Last_Name":"Typed"}]}', contentType });
      expectZohoLike(`${method} ${path} as ${contentType}`, answer);
    }
    for (const contentType of lenient) {
      const answer = await call(method, path, { body: '{"data":[{"Last_Name":"Typed"}]}', contentType });
      tally.requests++;
      if (answer.status >= 500 || typeof answer.body !== 'object') notZohoLike.push({ what: `${method} ${path} as ${contentType}`, status: answer.status, body: String(answer.body).slice(0, 200) });
      else lenientAnswers++;
    }
  }
  expect(notZohoLike.slice(mark)).toEqual([]);
  recordFigures('8 sandbox under bad input', 'content types', { 'non-JSON types refused per write route': wrong.length, 'missing or odd JSON types read as JSON': lenientAnswers });
});

test('10 MB bodies (past the 5 MiB limit), ten at once and then 50 MB: 413 or a cut connection, memory bounded', async () => {
  const mark = notZohoLike.length;
  const before = memory();
  const ten = `{"data":[{"Last_Name":"${'x'.repeat(10 * 1024 * 1024)}"}]}`;
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => call(WRITES[i % WRITES.length]![0], WRITES[i % WRITES.length]![1], { body: ten, contentType: 'application/json' })));
  answers.forEach((a, i) => expectZohoLike(`10 MB #${i}`, a, { cut: true }));
  expect(answers.filter((a) => a.status === 413).length).toBeGreaterThan(0);
  // Past eight times the limit the sandbox stops reading and cuts the connection.
  expectZohoLike('50 MB', await call('POST', '/crm/v8/Leads', { body: Buffer.alloc(50 * 1024 * 1024, 0x61), contentType: 'application/json' }), { cut: true });
  expectZohoLike('10 MB to the token endpoint', await call('POST', '/oauth/v2/token', { body: `refresh_token=${'y'.repeat(10 * 1024 * 1024)}`, contentType: 'application/x-www-form-urlencoded', auth: false }), { cut: true });
  const after = memory();
  expect(notZohoLike.slice(mark)).toEqual([]);
  expect(after.rss - before.rss).toBeLessThan(200);
  recordFigures('8 sandbox under bad input', '10 MB bodies', { 'sandbox memory before / after / peak (MB)': `${before.rss} / ${after.rss} / ${after.peak}` });
}, 60_000);

test('10,000 ids: in a URL (past the HTTP parser limit), in a body, in COQL; 10,000-record writes', async () => {
  const mark = notZohoLike.length;
  const ids = Array.from({ length: 10_000 }, (_, i) => String(4876876000001000000 + i));
  expectZohoLike('DELETE ?ids= x 10,000', await call('DELETE', `/crm/v8/Leads?ids=${ids.join(',')}`), { parserLimit: true });
  expectZohoLike('GET ?ids= x 10,000', await call('GET', `/crm/v8/Leads?fields=Last_Name&ids=${ids.join(',')}`), { parserLimit: true });
  expectZohoLike('DELETE ?ids= x 800 (fits the parser)', await call('DELETE', `/crm/v8/Leads?ids=${ids.slice(0, 800).join(',')}`));
  expectZohoLike('PUT 10,000 records', await call('PUT', '/crm/v8/Leads', { body: JSON.stringify({ data: ids.map((id) => ({ id, Last_Name: 'x' })) }), contentType: 'application/json' }));
  expectZohoLike('POST 10,000 records', await call('POST', '/crm/v8/Leads', { body: JSON.stringify({ data: ids.map(() => ({ Last_Name: 'x' })) }), contentType: 'application/json' }));
  expectZohoLike('COQL in (10,000 ids)', await call('POST', '/crm/v8/coql', { body: JSON.stringify({ select_query: `select Last_Name from Leads where id in (${ids.join(',')})` }), contentType: 'application/json' }));
  expectZohoLike('DELETE /Notes?ids= x 800', await call('DELETE', `/crm/v8/Notes?ids=${ids.slice(0, 800).join(',')}`));
  expect(notZohoLike.slice(mark)).toEqual([]);
});

test('deeply nested criteria, COQL and JSON: a quick Zoho error, no stack overflow', async () => {
  const mark = notZohoLike.length;
  for (const depth of [60, 1_000, 10_000]) {
    const criteria = `${'('.repeat(depth)}Last_Name:equals:x${')'.repeat(depth)}`;
    expectZohoLike(`criteria depth ${depth}`, await call('GET', `/crm/v8/Leads/search?criteria=${encodeURIComponent(criteria)}`), { parserLimit: true });
    const where = `${'('.repeat(depth)}Last_Name = 'x'${')'.repeat(depth)}`;
    expectZohoLike(`COQL depth ${depth}`, await call('POST', '/crm/v8/coql', { body: JSON.stringify({ select_query: `select Last_Name from Leads where ${where}` }), contentType: 'application/json' }));
    const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expectZohoLike(`JSON depth ${depth} as data`, await call('POST', '/crm/v8/Leads', { body: `{"data":${nested}}`, contentType: 'application/json' }));
    expectZohoLike(`JSON depth ${depth} in a field`, await call('POST', '/crm/v8/Leads', { body: `{"data":[{"Last_Name":"Deep","Description":${nested},"Owner":${nested}}]}`, contentType: 'application/json' }));
    expectZohoLike(`JSON depth ${depth} to the control API`, await call('POST', '/__sandbox/faults', { body: `{"rules":${nested}}`, contentType: 'application/json', auth: false }));
  }
  // Many conditions side by side instead of nested: Zoho's 15-condition cap.
  const wide = Array.from({ length: 5_000 }, (_, i) => `(Last_Name:equals:n${i})`).join('or');
  expectZohoLike('5,000 conditions', await call('GET', `/crm/v8/Leads/search?criteria=${encodeURIComponent(`(${wide})`)}`), { parserLimit: true });
  expectZohoLike('5,000 conditions in a body', await call('POST', '/crm/v8/coql', { body: JSON.stringify({ select_query: `select Last_Name from Leads where ${Array.from({ length: 5_000 }, (_, i) => `Last_Name = 'n${i}'`).join(' or ')}` }), contentType: 'application/json' }));
  expect(notZohoLike.slice(mark)).toEqual([]);
});

test('afterwards the sandbox still serves, reported no internal error, and its memory is bounded', async () => {
  const ok = await call('GET', '/crm/v8/Leads?fields=Last_Name&per_page=2');
  expect(ok.status).toBe(200);
  expect(child.exitCode).toBeNull();
  expect(stderr).not.toMatch(/internal error/i);
  const mem = memory();
  expect(mem.rss).toBeLessThan(400);
  recordFigures('8 sandbox under bad input', 'malformed JSON (300 generated), wrong content types, 10-50 MB bodies, 10,000 ids, nesting to 10,000, as a separate process', {
    'bad requests sent': tally.requests,
    'answered with a Zoho-like 4xx error': tally.zohoLike,
    "answered by the HTTP parser's 431 (request line over its limit)": tally.parserLimit,
    'connections cut (bodies past 8x the limit)': tally.cut,
    'answers that were not Zoho-like': notZohoLike.length,
    '5xx answers': tally.serverErrors,
    'crashes / internal errors': `${child.exitCode === null ? 0 : 1} / ${(stderr.match(/internal error/gi) ?? []).length}`,
    'sandbox memory at the end / peak (MB)': `${mem.rss} / ${mem.peak}`,
  });
});
