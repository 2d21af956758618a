import { NICKNAME, benchHost, recordIds, sandboxConnection } from './lib/sandbox-host';
import { startSandboxProcess } from './lib/sandbox-process';
import { destroySharedAgents } from '../connector/http-agents';
(async () => {
  const sb = await startSandboxProcess();
  const host = benchHost(sandboxConnection(sb));
  const ids = await recordIds(host, 'Leads', 30);
  for (let i = 0; i < 300; i++) await host.execute('get-record', { module: 'Leads', id: ids[i % 30] }, { connection: NICKNAME });
  const cpu = process.cpuUsage(); const t = performance.now();
  for (let i = 0; i < 5000; i++) await host.execute('get-record', { module: 'Leads', id: ids[i % 30] }, { connection: NICKNAME });
  const c = process.cpuUsage(cpu);
  console.log(((performance.now() - t) / 5000).toFixed(3), 'ms/call', ((c.user + c.system) / 5000 / 1000).toFixed(3), 'cpu ms/call');
  destroySharedAgents(); await sb.close();
})();
