// State file: what a sandbox saves on close comes back on the next start, OAuth tokens included.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox';
import { rawCall, tokenFor } from './crm-harness';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zcrm-sandbox-state-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('records, deletions and tokens survive a restart with the same state file', async () => {
  const statePath = join(dir, 'state.json');
  const first = await startSandbox({ statePath, seed: 21 });
  const token = await tokenFor(first);
  const created = await rawCall(`${first.url}/crm/v8/Leads`, 'POST', { token, body: { data: [{ Last_Name: 'Persisted', Email: 'persist@example.com' }] } });
  const id = created.json.data[0].details.id;
  const victim = (await rawCall(`${first.url}/crm/v8/Accounts?fields=Account_Name&per_page=1`, 'GET', { token })).json.data[0].id;
  await rawCall(`${first.url}/crm/v8/Accounts/${victim}`, 'DELETE', { token });
  const { refreshToken, clientId, clientSecret } = first;
  await first.close();
  expect(JSON.parse(readFileSync(statePath, 'utf8')).org.format).toBe('zcrm-sandbox-state');

  const second = await startSandbox({ statePath, seed: 99 });
  try {
    expect([second.refreshToken, second.clientId, second.clientSecret]).toEqual([refreshToken, clientId, clientSecret]);
    const again = await tokenFor(second, refreshToken);
    const got = await rawCall(`${second.url}/crm/v8/Leads/${id}`, 'GET', { token: again });
    expect(got.json.data[0]).toMatchObject({ Last_Name: 'Persisted', Email: 'persist@example.com' });
    expect((await rawCall(`${second.url}/crm/v8/Accounts/${victim}`, 'GET', { token: again })).status).toBe(204);
    expect((await rawCall(`${second.url}/crm/v8/Accounts/deleted`, 'GET', { token: again })).json.data[0].id).toBe(victim);
    // New ids continue after the saved ones; unique values stay unique.
    const next = await rawCall(`${second.url}/crm/v8/Leads`, 'POST', { token: again, body: { data: [{ Last_Name: 'n', Email: 'persist@example.com' }, { Last_Name: 'm' }] } });
    expect(next.json.data[0].code).toBe('DUPLICATE_DATA');
    expect(next.json.data[1].details.id > id).toBe(true);
  } finally {
    await second.close();
  }
});

test('the same seed gives the same org; a broken state file is refused', async () => {
  const a = await startSandbox({ seed: 5, counts: { Leads: 20 } });
  const b = await startSandbox({ seed: 5, counts: { Leads: 20 } });
  try {
    const read = async (sb: typeof a) => (await rawCall(`${sb.url}/crm/v8/Leads?fields=Last_Name,Email,Created_Time`, 'GET', { token: await tokenFor(sb) })).json.data;
    expect(await read(a)).toEqual(await read(b));
  } finally {
    await a.close();
    await b.close();
  }
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{"not":"a state"}');
  await expect(startSandbox({ statePath: broken })).rejects.toThrow(/not a sandbox state file/);
});
