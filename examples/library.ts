/**
 * The connector as a library, end to end on the local sandbox: list the actions, build a form with live
 * options, run actions, and run the lead-lifecycle flow. Run it with `npx tsx examples/library.ts`.
 * In a platform's own code, import from 'zoho-crm-connector' instead of '../index'.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, flow, formFor, loadConnector, MemoryCredentialStore, sandboxConnection, startSandbox } from '../index';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  const journalDir = mkdtempSync(join(tmpdir(), 'zcrm-example-'));
  try {
    // A platform keeps connections in its own store; any object with the CredentialStore methods will do.
    const store = new MemoryCredentialStore([sandboxConnection(sandbox, 'demo')]);
    const host = loadConnector({ store, log: createLogger({ level: 'warn' }) });
    console.log(`${host.actionIds().length} actions: ${host.actionIds().join(', ')}`);

    const form = await formFor(host, 'create-record', { connection: 'demo', values: { module: 'Leads' } });
    const record = form.fields.find((f) => f.name === 'record');
    console.log(`create-record form for Leads: ${record?.fields?.filter((f) => f.required).map((f) => f.label).join(', ')} required`);

    const created = await host.execute('create-record', { module: 'Leads', record: { Last_Name: 'Library', Company: 'Zylker' } }, { connection: 'demo' });
    if (!created.ok) throw new Error(`create-record failed: ${created.error.code} ${created.error.hint ?? ''}`);
    const { id } = created.output as { id: string };
    const read = await host.execute('get-record', { module: 'Leads', id, fields: ['Last_Name', 'Company'] }, { connection: 'demo' });
    console.log(`created lead ${id}; read back: ${JSON.stringify(read.ok ? (read.output as { record: unknown }).record : read.error)}`);

    const lifecycle = await flow.loadFlowFile(join(__dirname, 'flows', 'lead-lifecycle.yaml'));
    const run = await flow.runFlow(lifecycle, { executor: host, connection: 'demo', journalDir, inputs: { lastName: 'Flowers', email: 'flowers@zylker.example' } });
    console.log(`flow ${run.runId}: ${run.ok ? 'succeeded' : `failed: ${run.error?.code}`} (${run.steps.length} steps)`);
    if (!run.ok) process.exitCode = 1;
  } finally {
    await sandbox.close();
    rmSync(journalDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
