/**
 * The playground in Chromium against an in-process sandbox: the action list, create-record through its
 * generated form (module, picklist and owner dropdowns filled live from the sandbox), search-records finding
 * that record in the table, validation errors shown next to their fields, and a screenshot for the docs.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { eventually } from './support/eventually';
import { startTestPlayground, type TestPlayground } from './support/playground';

const ROOT = join(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const DOCS_SCREENSHOT = join(ROOT, 'docs', 'playground.png');

let pg: TestPlayground;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [pg, browser] = await Promise.all([startTestPlayground(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1600, height: 960 } });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await pg?.close();
});

afterEach(() => {
  // a script error in the page fails the test that caused it
  expect(pageErrors).toEqual([]);
});

const field = (path: string) => page.locator(`[data-path="${path}"]`);
const lastName = `Playwright-${Date.now().toString(36)}`;
const email = `${lastName.toLowerCase()}@zylker.example`;

test('lists the 17 actions in their groups, and the search box filters them', async () => {
  await page.goto(pg.url);
  await eventually(async () => expect(await page.locator('.action-link').count()).toBe(17));
  expect(await page.locator('.group-name').allTextContents()).toEqual([...new Set(pg.host.manifest.actions.map((a) => a.group))]);
  await page.getByLabel('Search actions').fill('note');
  expect(await page.locator('.action-link code').allTextContents()).toEqual(['get-note', 'list-notes', 'delete-note', 'delete-notes']);
  await page.getByLabel('Search actions').fill('');
  await eventually(async () => expect(await page.locator('.action-link').count()).toBe(17));
  await eventually(async () => expect(await page.locator('#connection').textContent()).toContain('sandbox-demo'));
});

test('creates a record through the generated form, with dropdowns filled from the sandbox', async () => {
  await page.locator('.action-link', { hasText: 'create-record' }).click();
  const module = page.getByLabel('Module', { exact: true });
  await eventually(async () => expect(await module.locator('option', { hasText: 'Leads' }).count()).toBe(1));
  await module.selectOption('Leads');
  // choosing the module fetches the form again: the record becomes the Leads fields, required ones marked
  await eventually(async () => expect(await field('/record/Last_Name').textContent()).toContain('*'));
  await page.locator('details.more > summary').click(); // the module's optional fields beyond the first few
  const status = page.getByLabel('Lead Status');
  const statuses = await status.locator('option').allTextContents();
  expect(statuses.length).toBeGreaterThan(2); // the picklist's values, from the sandbox's field metadata
  await page.getByLabel('Last Name').fill(lastName);
  await page.getByLabel('Company').fill('Zylker Test');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await status.selectOption({ label: statuses[1]! });
  // Owner is a lookup: the form offers the org's users and the input gets { Owner: { id } }
  const owner = page.getByLabel('Owner');
  const users = await owner.locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value).filter(Boolean));
  expect(users.length).toBeGreaterThan(1);
  const chosen = JSON.parse(users[1]!) as string;
  await owner.selectOption(users[1]!);
  await page.getByLabel('Return the record').check();
  await page.locator('#run').click();

  await eventually(async () => expect((await page.locator('#result-status').textContent())?.trim()).toBe('ok'));
  await page.getByRole('tab', { name: 'JSON' }).click();
  const output = JSON.parse((await page.locator('pre.json').textContent())!) as { id: string; record: Record<string, any> };
  expect(output.id).toMatch(/^\d+$/);
  expect(output.record).toMatchObject({ Last_Name: lastName, Email: email, Lead_Status: statuses[1], Owner: { id: chosen } });
  await page.getByRole('tab', { name: /HTTP trace/ }).click();
  // the create, then the read-back that returnRecord asked for
  const rows = await page.locator('table.trace tbody tr').allTextContents();
  expect(rows).toEqual([expect.stringMatching(/POST\/crm\/v8\/Leads201\d+ ms$/), expect.stringMatching(new RegExp(`GET/crm/v8/Leads/${output.id}200\\d+ ms$`))]);
});

test('finds the created record with search-records and shows it in the table', async () => {
  await page.locator('.action-link', { hasText: 'search-records' }).click();
  await page.getByLabel('Module', { exact: true }).selectOption('Leads');
  // the fields list is the module's real fields, fetched once the module is chosen
  const chip = (name: string) => page.locator('.multi .chip', { hasText: `(${name})` });
  await eventually(async () => expect(await chip('Last_Name').count()).toBe(1));
  for (const name of ['Last_Name', 'Email', 'Company', 'Lead_Status']) await chip(name).click();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.locator('#run').click();

  await eventually(async () => expect((await page.locator('#result-status').textContent())?.trim()).toBe('ok'));
  const table = page.locator('table.records');
  await eventually(async () => expect(await table.locator('tbody tr').count()).toBe(1));
  await eventually(async () => expect(await table.locator('tbody tr').textContent()).toContain(lastName));
  await eventually(async () => expect(await table.locator('tbody tr').textContent()).toContain('Zylker Test'));
  // only the chosen fields were asked for (id always comes back)
  const [first, ...rest] = await table.locator('th').allTextContents();
  expect([first, rest.sort()]).toEqual(['id', ['Company', 'Email', 'Last_Name', 'Lead_Status']]);

  mkdirSync(ARTIFACTS, { recursive: true });
  const shot = join(ARTIFACTS, 'playground.png');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: shot });
  // The README's picture is refreshed on request only, so test runs leave the docs untouched.
  if (!existsSync(DOCS_SCREENSHOT) || process.env.ZCRM_UPDATE_SCREENSHOT === '1') copyFileSync(shot, DOCS_SCREENSHOT);
});

test('shows validation errors next to the fields they belong to', async () => {
  await page.getByLabel('Limit').fill('5000');
  await page.locator('#run').click();
  await eventually(async () => expect((await field('/limit').locator('.field-error').textContent())?.trim()).toBe('must be <= 2000'));
  await eventually(async () => expect((await page.locator('#result-status').textContent())?.trim()).toBe('invalid input'));
  await eventually(async () => expect((await field('/module').locator('.field-error').textContent())?.trim()).toBe(''));

  // a field the module's metadata makes mandatory is checked too, before anything is sent
  await page.locator('.action-link', { hasText: 'create-record' }).click();
  await page.getByLabel('Module', { exact: true }).selectOption('Contacts');
  await field('/record/Last_Name').waitFor();
  await page.getByLabel('Last Name').fill(''); // the page kept the Leads values, and Contacts has the field too
  await page.getByLabel('First Name').fill('Ann');
  await page.locator('#run').click();
  await eventually(async () => expect((await field('/record/Last_Name').locator('.field-error').textContent())?.trim()).toBe('is required'));
});
