// Conversations, Endpoints, Protocol hierarchy and Capture properties (#view=conversations, endpoints, hierarchy,
// properties) through the real worker in the production build, on the lab capture. Expectations from tshark 4.0.17 /
// capinfos 4.0.17 (workers/testdata/lab-null.pcapng.stats.txt and .capinfos.txt, made by scripts/golden-stats.sh):
//   tshark -n -r lab-null.pcapng -q -z conv,tcp    → 127.0.0.1:42966 <-> :8080 98 frames, 127.0.0.1:42960 <-> :8080 54
//   tshark -n -r lab-null.pcapng -q -z endpoints,ip → 127.0.0.1 304 packets, 5637460 bytes
//   tshark -n -r lab-null.pcapng -q -z io,phs       → null 152 / ip 152 / tcp 152 / http 8 / image-jfif 2 …
//   capinfos lab-null.pcapng                        → 152 packets, SHA256 8746e654…
import { expect, test, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;

async function open(page: Page, view: string): Promise<void> {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('navigation').getByRole('link', { name: view, exact: true }).click();
}

const region = (page: Page, name: string) => page.getByRole('region', { name });
const cells = (page: Page, table: string, col: string) =>
  page
    .getByRole('table', { name: table })
    .locator(`td[data-col="${col}"]`)
    .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));

test('TCP conversations as tshark counts them; Filter on this; Show in sequence diagram', async ({ page }) => {
  await open(page, 'Conversations');
  await expect(page).toHaveURL(/#view=conversations$/);
  const view = region(page, 'Conversations');
  await expect(view.getByRole('tab', { name: /^TCP/ })).toHaveAttribute('aria-selected', 'true');
  const table = view.getByRole('table', { name: 'TCP conversations' });
  await expect(table.locator('tbody tr')).toHaveCount(2);
  expect(await cells(page, 'TCP conversations', 'portA')).toEqual(['42960', '42966']);
  expect(await cells(page, 'TCP conversations', 'packets')).toEqual(['54', '98']);
  expect(await cells(page, 'TCP conversations', 'packetsAB')).toEqual(['28', '41']);
  expect(await cells(page, 'TCP conversations', 'packetsBA')).toEqual(['26', '57']);
  // Sorted by packets, most first.
  await table.getByRole('button', { name: 'Packets', exact: true }).click();
  expect(await cells(page, 'TCP conversations', 'packets')).toEqual(['98', '54']);
  // IPv4: one conversation of all 152 frames.
  await view.getByRole('tab', { name: /^IPv4/ }).click();
  expect(await cells(page, 'IPv4 conversations', 'packets')).toEqual(['152']);
  await view.getByRole('tab', { name: /^TCP/ }).click();

  // Filter on the 98-packet conversation: the list shows 98 rows, and the table follows the filter.
  await view
    .getByRole('table', { name: 'TCP conversations' })
    .locator('tbody tr')
    .first()
    .getByRole('button', { name: 'Filter on this' })
    .click();
  await expect(page.getByText('Displayed: 98', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /filter/i }).first()).toHaveValue(
    'ip.addr==127.0.0.1 && ip.addr==127.0.0.1 && tcp.port==42966 && tcp.port==8080',
  );
  await expect(view.getByRole('table', { name: 'TCP conversations' }).locator('tbody tr')).toHaveCount(1);
  // Without the limit, both again.
  await view.getByRole('checkbox', { name: 'Limit to display filter' }).uncheck();
  await expect(view.getByRole('table', { name: 'TCP conversations' }).locator('tbody tr')).toHaveCount(2);

  // Show in sequence diagram: the flow view opens.
  await view
    .getByRole('table', { name: 'TCP conversations' })
    .locator('tbody tr')
    .first()
    .getByRole('button', { name: 'Show in sequence diagram' })
    .click();
  await expect(page).toHaveURL(/[#&]view=flow(&|$)/);
});

test('IPv4 and TCP endpoints as tshark counts them', async ({ page }) => {
  await open(page, 'Endpoints');
  const view = region(page, 'Endpoints');
  await view.getByRole('tab', { name: /^IPv4/ }).click();
  expect(await cells(page, 'IPv4 endpoints', 'packets')).toEqual(['304']);
  expect(await cells(page, 'IPv4 endpoints', 'bytes')).toEqual(['5,637,460']);
  await view.getByRole('tab', { name: /^TCP/ }).click();
  expect(await cells(page, 'TCP endpoints', 'port')).toEqual(['42960', '8080', '42966']);
  expect(await cells(page, 'TCP endpoints', 'packets')).toEqual(['54', '152', '98']);
  expect(await cells(page, 'TCP endpoints', 'txBytes')).toEqual(['3,355', '2,812,572', '2,803']);
});

test('protocol hierarchy as tshark -z io,phs, following the display filter', async ({ page }) => {
  await open(page, 'Protocol hierarchy');
  const view = region(page, 'Protocol hierarchy');
  const rows = view.getByRole('table', { name: 'Protocol hierarchy' }).locator('tbody tr');
  await expect(rows).toHaveCount(9);
  const frames = () => cells(page, 'Protocol hierarchy', 'frames');
  expect(await frames()).toEqual(['152', '152', '152', '8', '1', '2', '1', '1', '1']);
  expect(await rows.locator('td:first-child').allTextContents()).toEqual([
    'null',
    'ip',
    'tcp',
    'http',
    'data-text-lines',
    'image-jfif',
    'tcp.segments',
    'media',
    'tcp.segments',
  ]);
  // tshark -r lab-null.pcapng -Y http -q -z io,phs → null/ip/tcp/http 8.
  await page
    .getByRole('textbox', { name: /filter/i })
    .first()
    .fill('http');
  await page
    .getByRole('textbox', { name: /filter/i })
    .first()
    .press('Enter');
  await expect(page.getByText('Displayed: 8', { exact: true })).toBeVisible();
  await expect.poll(async () => (await frames()).slice(0, 4)).toEqual(['8', '8', '8', '8']);
});

test('capture properties as capinfos shows them', async ({ page }) => {
  await open(page, 'Capture properties');
  const view = region(page, 'Capture properties');
  const value = (k: string) => view.locator(`dd[data-key="${k}"]`);
  await expect(value('SHA256')).toHaveText('8746e6545ce928818e3a9ae362b824ef35a92e5938d881547d1110df54ab6da6');
  await expect(value('Number of packets')).toHaveText('152');
  await expect(value('File encapsulation')).toHaveText('null');
  await expect(value('Data size')).toHaveText('2,818,730 bytes');
  await expect(value('First packet time')).toHaveText('2026-11-22 01:51:58.048203119 UTC');
  await expect(value('Elapsed')).toHaveText('9.586001701 seconds');
  await expect(value('Capture application')).toHaveText(
    'Dumpcap (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)',
  );
  await expect(view.getByRole('table', { name: 'Interfaces' }).locator('td[data-col="packets"]')).toHaveText(['152']);
});
