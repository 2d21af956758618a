/**
 * Benchmark 1, call economy: bulk writes go 100 items per call, lists 200 records per call (by page_token past
 * Zoho's 2,000-record page reach), COQL 2,000 rows per call. Calls are counted at the sandbox.
 */
import { check, info, type Benchmark, type Check } from './lib/report';
import { NICKNAME, crmCalls, expectOk, recordIds, startBenchSandbox } from './lib/sandbox-host';

interface Sizes {
  bulk: number;
  list: number;
  coql: number;
}

const FULL: Sizes = { bulk: 1_000, list: 10_000, coql: 10_000 };
const SMOKE: Sizes = { bulk: 150, list: 2_400, coql: 2_400 };

export const callEconomy: Benchmark = {
  name: 'call-economy',
  title: 'Call economy (HTTP calls vs Zoho\'s minimum)',
  async run({ smoke }) {
    const n = smoke ? SMOKE : FULL;
    const bench = await startBenchSandbox({ counts: { Leads: Math.max(n.list, n.coql, n.bulk) + 10, Notes: n.bulk + 10 } });
    const { sandbox, host } = bench;
    const checks: Check[] = [];
    let operations = 0;
    let atMinimum = 0;
    const figures: Record<string, number> = {};
    const measure = async (key: string, label: string, minimum: number, work: () => Promise<unknown>) => {
      sandbox.resetStats();
      await work();
      const calls = crmCalls(sandbox);
      figures[`${key}Calls`] = calls;
      figures[`${key}Minimum`] = minimum;
      checks.push(check(label, `${calls} / ${minimum}`, `= ${minimum} (calls / minimum)`, calls === minimum));
      operations += 1;
      if (calls === minimum) atMinimum += 1;
    };
    try {
      const leadIds = await recordIds(host, 'Leads', n.bulk);
      const noteIds = expectOk<{ notes: { id: string }[] }>(await host.execute('list-notes', { limit: n.bulk }, { connection: NICKNAME }), 'list notes').notes.map((x) => x.id);
      const perBatch = Math.ceil(n.bulk / 100);

      await measure('updateRecords', `update-records of ${n.bulk}`, perBatch, async () => {
        const records = leadIds.map((id, i) => ({ id, Description: `bench ${i}` }));
        const out = expectOk<{ succeeded: number }>(await host.execute('update-records', { module: 'Leads', records }, { connection: NICKNAME }), 'update-records');
        if (out.succeeded !== n.bulk) throw new Error(`update-records updated ${out.succeeded} of ${n.bulk}`);
      });
      // Notes first: deleting a record deletes its notes too.
      await measure('deleteNotes', `delete-notes of ${n.bulk}`, perBatch, async () => {
        const out = expectOk<{ succeeded: number }>(await host.execute('delete-notes', { ids: noteIds }, { connection: NICKNAME }), 'delete-notes');
        if (out.succeeded !== n.bulk) throw new Error(`delete-notes deleted ${out.succeeded} of ${n.bulk}`);
      });

      await measure('deleteRecords', `delete-records of ${n.bulk}`, perBatch, async () => {
        const out = expectOk<{ succeeded: number }>(await host.execute('delete-records', { module: 'Leads', ids: leadIds }, { connection: NICKNAME }), 'delete-records');
        if (out.succeeded !== n.bulk) throw new Error(`delete-records deleted ${out.succeeded} of ${n.bulk}`);
      });
      // The deletes above removed records: top the module up so the list and the query have enough rows.
      sandbox.seed('Leads', n.bulk);
      const listMinimum = Math.ceil(n.list / 200);
      let tokenPages = 0;
      await measure('listRecords', `list-records of ${n.list}`, listMinimum, async () => {
        const out = expectOk<{ count: number }>(await host.execute('list-records', { module: 'Leads', fields: ['Last_Name', 'Email'], limit: n.list }, { connection: NICKNAME }), 'list-records');
        if (out.count !== n.list) throw new Error(`list-records returned ${out.count} of ${n.list}`);
        const lists = sandbox.requests(listMinimum).filter((r) => r.method === 'GET' && r.url.startsWith('/crm/v8/Leads?'));
        tokenPages = lists.filter((r) => /[?&]page_token=/.test(r.url)).length;
      });
      const expectedTokenPages = Math.max(0, listMinimum - 2_000 / 200);
      figures.listRecordsPageTokenCalls = tokenPages;
      checks.push(check('  of which by page_token (past 2,000)', `${tokenPages}`, `= ${expectedTokenPages}`, tokenPages === expectedTokenPages));

      const coqlMinimum = Math.ceil(n.coql / 2_000);
      await measure('executeCoql', `execute-coql of ${n.coql} rows`, coqlMinimum, async () => {
        const out = expectOk<{ count: number }>(
          await host.execute('execute-coql', { query: 'select Last_Name from Leads where id is not null', limit: n.coql }, { connection: NICKNAME }),
          'execute-coql',
        );
        if (out.count !== n.coql) throw new Error(`execute-coql returned ${out.count} of ${n.coql}`);
      });
      checks.push(info('operations at the minimum', `${atMinimum} of ${operations}`));
      return { checks, figures, notes: ['Calls counted at the sandbox (/__sandbox/stats), token requests excluded.'] };
    } finally {
      await bench.close();
    }
  },
};
