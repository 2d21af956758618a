/**
 * The playground's flow builder in Chromium: steps added from action forms, a value mapped from an earlier
 * step's output, the flow run against the in-process sandbox, and the downloaded file loading as a flow.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { parseFlowText } from '../../runtime/flow';
import { launchChromium } from './support/chromium';
import { eventually } from './support/eventually';
import { startTestPlayground, type TestPlayground } from './support/playground';

let pg: TestPlayground;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  [pg, browser] = await Promise.all([startTestPlayground(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await pg?.close();
});

afterEach(() => expect(pageErrors).toEqual([]));

async function addToFlow(actionId: string, fill: () => Promise<void>): Promise<void> {
  await page.goto(`${pg.url}#/actions/${actionId}`);
  await page.getByLabel('Module', { exact: true }).selectOption('Leads');
  await fill();
  await page.getByRole('button', { name: 'Add to flow' }).click();
}

test('builds a flow from action forms, maps an output into a later input, and runs it', async () => {
  await addToFlow('create-record', () => page.getByLabel('Last Name').fill('Flow-Lead'));
  await addToFlow('get-record', async () => {
    await page.getByLabel('Record ID').waitFor();
  });
  await eventually(async () => expect(await page.locator('#flow-count').textContent()).toBe('2'));

  await page.getByRole('link', { name: /Flow/ }).click();
  await eventually(async () => expect(await page.locator('li.step').count()).toBe(2));
  expect(await page.locator('.step-id').evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value))).toEqual(['create', 'get']);
  const second = page.locator('li.step').nth(1);
  await second.getByLabel('Output path').fill('id');
  await second.getByLabel('Input key').fill('id');
  await second.getByRole('button', { name: 'Insert' }).click();
  const input = JSON.parse(await second.locator('textarea').inputValue()) as Record<string, unknown>;
  expect(input).toEqual({ module: 'Leads', id: '{{ steps.create.output.id }}' });

  await page.locator('#run-flow').click();
  const results = page.locator('.step-result');
  await eventually(async () => expect(await results.count()).toBe(2));
  expect(await results.locator('.status').allTextContents()).toEqual(['succeeded', 'succeeded']);
  await results.nth(1).locator('summary').click();
  expect(await results.nth(1).locator('pre.json').textContent()).toContain('Flow-Lead'); // read back through the mapped id

  await page.getByRole('tab', { name: /HTTP trace/ }).click();
  const rows = await page.locator('table.trace tbody tr').allTextContents();
  expect(rows.some((r) => r.includes('create') && r.includes('POST') && r.includes('/crm/v8/Leads'))).toBe(true);
  expect(rows.some((r) => r.includes('get') && r.includes('GET') && /\/crm\/v8\/Leads\/\d+/.test(r))).toBe(true);
});

test('downloads the flow as a YAML file that zcrm flow run loads', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download YAML' }).click()]);
  expect(download.suggestedFilename()).toBe('playground-flow.flow.yaml');
  const text = readFileSync(await download.path(), 'utf8');
  const flow = parseFlowText(text, download.suggestedFilename());
  expect(flow.definition.steps.map((s) => [s.id, s.action])).toEqual([
    ['create', 'create-record'],
    ['get', 'get-record'],
  ]);
  expect(flow.definition.steps[1]!.input).toEqual({ module: 'Leads', id: '{{ steps.create.output.id }}' });
});
