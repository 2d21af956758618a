// Real axios errors from a local server are logged without headers, config, request or bodies.
import axios, { type AxiosError } from 'axios';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger, safeUrl, serializeError } from '../../runtime/logger';
import { secrets } from '../../runtime/secrets';

let server: Server;
let baseUrl: string;
/** Registered with `secrets`, as the credential store does. */
const registered = `1000.${randomBytes(16).toString('hex')}`;
/** Never registered: only the error serializer's structure keeps them out. */
const headerToken = `hdr-${randomBytes(16).toString('hex')}`;
const queryToken = `qry-${randomBytes(16).toString('hex')}`;
const bodySecret = `body-${randomBytes(16).toString('hex')}`;
const responseSecret = `resp-${randomBytes(16).toString('hex')}`;
const ALL = [registered, headerToken, queryToken, bodySecret, responseSecret];

beforeAll(async () => {
  secrets.add(registered);
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'application/json', 'set-cookie': `session=${responseSecret}` });
      res.end(JSON.stringify({ code: 'INVALID_TOKEN', echoed: req.headers.authorization, refresh_token: responseSecret }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failingRequest(authorization: string): Promise<AxiosError> {
  try {
    await axios.post(`${baseUrl}/crm/things?page=2&access_token=${queryToken}`, `client_secret=${bodySecret}&note=${registered}`, {
      headers: { Authorization: authorization, 'content-type': 'application/x-www-form-urlencoded' },
      params: { refresh_token: queryToken },
    });
  } catch (err) {
    if (axios.isAxiosError(err)) return err;
    throw err;
  }
  throw new Error('the request should have failed');
}

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (s: string) => void lines.push(s) }, text: () => lines.join('') };
}

test('the fixture really carries the secrets: default serialization would leak them', async () => {
  const err = await failingRequest(`Bearer ${headerToken}`);
  const raw = JSON.stringify(err.toJSON());
  expect(raw).toContain(headerToken);
});

test('serializeError keeps only type, message, code, status, method and a cleaned url', async () => {
  const err = await failingRequest(`Bearer ${headerToken}`);
  const out = serializeError(err) as Record<string, unknown>;
  expect(Object.keys(out).sort()).toEqual(['code', 'message', 'method', 'status', 'type', 'url']);
  expect(out).toMatchObject({ type: 'AxiosError', code: 'ERR_BAD_REQUEST', status: 401, method: 'POST' });
  const url = new URL(out.url as string);
  expect(url.pathname).toBe('/crm/things');
  expect(url.searchParams.get('page')).toBe('2');
  expect(url.searchParams.has('access_token')).toBe(false);
  expect(url.searchParams.has('refresh_token')).toBe(false);
});

describe.each([
  ['JSON', false],
  ['pretty', true],
])('%s output', (_mode, pretty) => {
  test('an axios error leaks nothing, wherever it sits in the log call', async () => {
    const err = await failingRequest(`Bearer ${headerToken}`);
    const registeredHeaderErr = await failingRequest(`Custom-scheme ${registered}`);
    const out = capture();
    const log = createLogger({ level: 'trace', pretty, destination: out.destination });
    log.error({ err }, 'as err');
    log.error(err);
    log.error({ request: { attempt: 1, failures: [err, registeredHeaderErr] } }, 'nested in an array');
    log.error({ err: new Error('wrapped', { cause: err }) }, 'as a cause');
    log.error({ err: Object.assign(new Error('has a field'), { original: err }) }, 'as a field');
    log.error({ err: new AggregateError([err, registeredHeaderErr], 'many') }, 'aggregate');
    const text = out.text();
    expect(out.lines.length).toBeGreaterThanOrEqual(6);
    for (const secret of ALL) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/_header|"config"|"headers"|"request":\{"_/);
    expect(text).toContain('401');
  });
});

test('a connection error (nothing listening) serializes with its code and no status', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  let caught: unknown;
  try {
    await axios.get(`http://127.0.0.1:${port}/x?token=${queryToken}`, { headers: { Authorization: `Bearer ${headerToken}` } });
  } catch (err) {
    caught = err;
  }
  const out = capture();
  createLogger({ destination: out.destination }).error({ err: caught }, 'unreachable');
  const line = JSON.parse(out.lines[0]!) as { err: Record<string, unknown> };
  expect(line.err).toMatchObject({ type: 'AxiosError', code: 'ECONNREFUSED', method: 'GET' });
  expect(line.err.status).toBeUndefined();
  expect(out.text()).not.toContain(headerToken);
  expect(out.text()).not.toContain(queryToken);
});

test('safeUrl drops user info and secret-named parameters, and the query of a URL it cannot parse', () => {
  const cleaned = new URL(safeUrl('https://user:pw@api.example.test/v1/x?page=2&access_token=a&Client_Secret=b&code=c')!);
  expect(cleaned.username).toBe('');
  expect(cleaned.password).toBe('');
  expect([...cleaned.searchParams.keys()]).toEqual(['page', 'code']);
  expect(safeUrl('/relative/path?refresh_token=abc')).toBe('/relative/path');
});
