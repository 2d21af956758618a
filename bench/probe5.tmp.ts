// starts a sandbox + store in a temp home and prints env lines for manual runs; stays up 120 s
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDefaultStore } from '../runtime/credentials';
import { recordIds, sandboxConnection, startBenchSandbox } from './lib/sandbox-host';
(async () => {
  const b = await startBenchSandbox();
  const home = mkdtempSync(join(tmpdir(), 'zcrm-probe-'));
  await openDefaultStore({ ZCRM_HOME: home }).put(sandboxConnection(b.sandbox));
  const id = (await recordIds(b.host, 'Leads', 1))[0];
  console.log(`export ZCRM_HOME=${home}; ID=${id}`);
  setTimeout(() => b.close(), 300_000);
})();
