/**
 * A playground served in-process on 127.0.0.1 port 0 against a sandbox started in-process, the way
 * `zcrm playground --sandbox` wires it: a demo connection in memory, the host logging into the HTTP trace.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHost } from '../../../runtime/host';
import { createLogger } from '../../../runtime/logger';
import type { Host } from '../../../runtime/types';
import { startSandboxDemo, type SandboxDemo } from '../../../web/sandbox-demo';
import { startPlayground, type RunningPlayground } from '../../../web/server';
import { CallTrace } from '../../../web/trace';

export const MANIFEST = join(__dirname, '..', '..', '..', 'manifest.json');

export interface TestPlayground {
  url: string;
  host: Host;
  demo: SandboxDemo;
  playground: RunningPlayground;
  journalDir: string;
  close(): Promise<void>;
}

export async function startTestPlayground(): Promise<TestPlayground> {
  const demo = await startSandboxDemo();
  const trace = new CallTrace();
  const host = loadHost({ manifestPath: MANIFEST, store: demo.store, log: createLogger({ level: 'debug', destination: trace.destination() }) });
  const journalDir = mkdtempSync(join(tmpdir(), 'zcrm-playground-test-'));
  const playground = await startPlayground({ host, connection: demo.nickname, trace, journalDir });
  return {
    url: playground.url,
    host,
    demo,
    playground,
    journalDir,
    close: async () => {
      await playground.close();
      await demo.close();
      rmSync(journalDir, { recursive: true, force: true });
    },
  };
}
