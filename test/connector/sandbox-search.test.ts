// Criteria escaping round-trips through the sandbox's search: values full of ( ) , \ (and & % + = :) find
// exactly the record that holds them, in structured and/or form and for `in`.
import { fc } from '@fast-check/jest';
import { buildCriteria } from '../../connector/criteria';
import { destroySharedAgents } from '../../connector/http-agents';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { sandboxClient } from './support/sandbox';

let sb: RunningSandbox;
let client: ReturnType<typeof sandboxClient>['client'];
let serial = 0;

beforeAll(async () => {
  sb = await startSandbox({ seed: 21 });
  client = sandboxClient(sb).client;
});
afterAll(async () => {
  await sb.close();
  destroySharedAgents();
});

async function createLead(lastName: string, company = 'Acme'): Promise<string> {
  const body = await client.post<{ data: { details: { id: string } }[] }>('/Leads', { data: [{ Last_Name: lastName, Company: company }] });
  return body!.data[0]!.details.id;
}

async function search(criteria: Parameters<typeof buildCriteria>[0]): Promise<{ id: string; Last_Name: string }[]> {
  const body = await client.get<{ data: { id: string; Last_Name: string }[] }>('/Leads/search', { criteria: buildCriteria(criteria), fields: 'Last_Name' });
  return body?.data ?? [];
}

test.each([['Burns (Jr.), B\\'], ['((()))'], [',,,'], ['\\\\\\'], ['a\\(b\\)c'], ['x:equals:y'], ['50% & more + = ?']])('equals %j finds exactly its record', async (value) => {
  const unique = `fixed${++serial} ${value}`;
  const id = await createLead(unique);
  const found = await search({ field: 'Last_Name', operator: 'equals', value: unique });
  expect(found.map((r) => r.id)).toEqual([id]);
  expect(found[0]!.Last_Name).toBe(unique);
});

test('any value made of ( ) , \\ and friends round-trips', async () => {
  const alphabet = fc.constantFrom('(', ')', ',', '\\', 'a', 'Z', '&', '%', '+', '=', ':', '#');
  await fc.assert(
    fc.asyncProperty(fc.string({ unit: alphabet, minLength: 1, maxLength: 24 }), async (value) => {
      const unique = `prop${++serial}-${value}`;
      const id = await createLead(unique);
      const found = await search({ field: 'Last_Name', operator: 'equals', value: unique });
      expect(found.map((r) => r.id)).toEqual([id]);
    }),
    { numRuns: 30 },
  );
});

test('and/or groups and in-lists with escaped commas', async () => {
  const a = `grp${++serial} (a,b)`;
  const b = `grp${serial} \\c`;
  const idA = await createLead(a, 'North, Inc.');
  const idB = await createLead(b, 'South (Ltd)');
  const both = await search({ field: 'Last_Name', operator: 'in', value: [a, b] });
  expect(both.map((r) => r.id).sort()).toEqual([idA, idB].sort());
  const one = await search([{ field: 'Last_Name', operator: 'in', value: [a, b] }, { field: 'Company', operator: 'equals', value: 'South (Ltd)' }]);
  expect(one.map((r) => r.id)).toEqual([idB]);
  const either = await search({ or: [{ field: 'Last_Name', operator: 'equals', value: a }, { field: 'Company', operator: 'equals', value: 'South (Ltd)' }] });
  expect(either.map((r) => r.id).sort()).toEqual([idA, idB].sort());
});
