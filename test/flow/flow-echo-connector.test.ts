// The flow runner with the real runtime Host and a non-Zoho connector (the echo fixture on a local server).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryCredentialStore } from '../../runtime/credentials/memory-store';
import { flowFromDefinition, resumeFlow, runFlow } from '../../runtime/flow';
import { loadHost } from '../../runtime/host';
import { createLogger } from '../../runtime/logger';
import type { Host } from '../../runtime/types';
import { startEchoServer, type EchoServer } from '../support/echo-server';

const MANIFEST = join(__dirname, '..', 'fixtures', 'echo', 'manifest.json');

let server: EchoServer;
let host: Host;
let journalDir: string;

beforeAll(async () => {
  server = await startEchoServer();
  const now = new Date().toISOString();
  const store = new MemoryCredentialStore([{ nickname: 'local', connector: 'echo', createdAt: now, updatedAt: now, settings: { baseUrl: server.url }, secrets: {} }]);
  host = loadHost({ manifestPath: MANIFEST, store, log: createLogger({ level: 'silent' }) });
  journalDir = mkdtempSync(join(tmpdir(), 'flow-echo-'));
});
afterAll(async () => {
  await server.close();
  rmSync(journalDir, { recursive: true, force: true });
});

const isIdempotent = (id: string) => host.action(id).idempotent;

test('steps chain outputs through the real executor, with typed whole-value templates', async () => {
  const flow = flowFromDefinition({
    connection: 'local',
    inputs: { name: {}, times: { default: 2 } },
    steps: [
      { id: 'hello', action: 'echo', input: { message: 'hi {{ inputs.name }}', repeat: '{{ inputs.times }}' } },
      { id: 'store', action: 'post-message', input: { message: '{{ steps.hello.output.echoed }}!' } },
    ],
  });
  const result = await runFlow(flow, { executor: host, inputs: { name: 'Ann' }, journalDir, isIdempotent });
  expect(result.status).toBe('succeeded');
  expect(result.steps.map((s) => s.output)).toEqual([{ echoed: 'hi Annhi Ann', count: expect.any(Number) }, { echoed: 'hi Annhi Ann!', count: expect.any(Number) }]);
  expect(server.messages).toContain('hi Annhi Ann!');
});

test("the executor's own errors (schema, remote) stop the run with their codes, and a resume finishes it", async () => {
  const file = join(journalDir, 'flow.json');
  const definition = {
    connection: 'local',
    inputs: { status: { default: 500 } },
    steps: [
      { id: 'first', action: 'post-message', input: { message: 'once' } },
      { id: 'second', action: 'echo', input: { message: 'x', status: '{{ inputs.status }}' } },
    ],
  };
  writeFileSync(file, JSON.stringify(definition));
  const flow = flowFromDefinition(definition, file);
  const failed = await runFlow(flow, { executor: host, journalDir, isIdempotent, runId: 'echo-remote' });
  expect(failed.error).toMatchObject({ code: 'ECHO_HTTP_500', category: 'remote', step: 'second' });

  const invalid = await runFlow(flowFromDefinition({ connection: 'local', steps: [{ id: 'a', action: 'echo', input: { repeat: 'many' } }] }), { executor: host, journalDir, isIdempotent });
  expect(invalid.error).toMatchObject({ category: 'input', step: 'a' });

  const before = server.messages.filter((m) => m === 'once').length;
  const resumed = await resumeFlow(flow, { executor: host, journalDir, isIdempotent, runId: 'echo-remote', force: false });
  // Inputs are fixed for the run, so the same 500 comes back: but the non-idempotent first step was not repeated.
  expect(resumed.error).toMatchObject({ code: 'ECHO_HTTP_500' });
  expect(server.messages.filter((m) => m === 'once').length).toBe(before);
});
