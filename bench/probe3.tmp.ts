import { plainClient } from './lib/plain-axios';
import { NICKNAME, benchHost, recordIds, sandboxConnection } from './lib/sandbox-host';
import { startSandboxProcess } from './lib/sandbox-process';
import { destroySharedAgents } from '../connector/http-agents';
(async () => {
  const sb = await startSandboxProcess();
  const host = benchHost(sandboxConnection(sb));
  const plain = await plainClient(sb);
  const ids = await recordIds(host, 'Leads', 30);
  const variants: Record<string, (id: string) => Promise<unknown>> = {
    plain: (id) => plain.http.get(`/Leads/${id}`),
    runtime: (id) => host.execute('get-record', { module: 'Leads', id }, { connection: NICKNAME }),
    client: async (id) => ((await host.clientFor(NICKNAME)) as any).get(`/Leads/${id}`),
  };
  for (let round = 0; round < 3; round++)
  for (const [k, f] of Object.entries(variants)) {
    for (let i = 0; i < 200; i++) await f(ids[i % 30]!);
    const c = process.cpuUsage(); const t = performance.now();
    for (let i = 0; i < 2000; i++) await f(ids[i % 30]!);
    const u = process.cpuUsage(c);
    console.log(k.padEnd(10), ((performance.now() - t) / 2).toFixed(0), 'µs wall', ((u.user + u.system) / 2000).toFixed(0), 'µs cpu');
  }
  plain.close(); destroySharedAgents(); await sb.close();
})();
