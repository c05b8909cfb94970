// Opening captures through the real worker in the production build: the sample button, the file picker, a drop,
// and files that are not captures or are damaged.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

/** Every value body[data-state] takes, in order, from the first paint on. */
async function recordStates(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { wlStates: string[] }).wlStates = seen;
    const note = () => {
      const s = document.body?.dataset.state;
      if (s && seen[seen.length - 1] !== s) seen.push(s);
    };
    new MutationObserver(note).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
    document.addEventListener('DOMContentLoaded', note);
  });
}

const states = (page: Page) => page.evaluate(() => (window as unknown as { wlStates: string[] }).wlStates);

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });

/** The cells of the row of frame `n`: No., Time, Source, Destination, Protocol, Length, Info. */
const cells = (page: Page, n: number) =>
  packetList(page).locator(`[role="row"][data-frame="${n}"]`).getByRole('gridcell');

test('"Open the sample" reads the lab capture through the worker', async ({ page }) => {
  await recordStates(page);
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'empty');
  await page.getByRole('button', { name: 'Open the sample' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  expect(await states(page)).toEqual(['empty', 'loading', 'ready']);
  await expect(page.getByText('152 packets', { exact: true })).toBeVisible();
  // One header row and a row per frame (the rows on screen are drawn; the others as the list scrolls).
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '153');
  const first = cells(page, 1);
  await expect(first.nth(0)).toHaveText('1');
  await expect(first.nth(2)).toHaveText('127.0.0.1');
  await expect(first.nth(3)).toHaveText('127.0.0.1');
  await expect(first.nth(4)).toHaveText('TCP');
  await expect(first.nth(6)).toHaveText(
    '42960 → 8080 [SYN] Seq=0 Win=65495 Len=0 MSS=65495 SACK_PERM TSval=3987542406 TSecr=0 WS=1024',
  );
});

test('the file picker opens a pcap, read by the engine worker', async ({ page }) => {
  await page.goto('/');
  // The engine worker is started once the page is idle, before any file is chosen.
  const engineWorkers = () => page.workers().filter((w) => /engine\.worker.*\.js$/.test(w.url())).length;
  await expect.poll(engineWorkers).toBe(1);
  await page.locator('input[type="file"]').setInputFiles(fixture('5-pings.pcap'));
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  expect(engineWorkers()).toBe(1);
  await expect(page.getByText('10 packets', { exact: true })).toBeVisible();
  await expect(packetList(page).locator('[role="row"][data-frame]')).toHaveCount(10);
  await expect(cells(page, 10).nth(0)).toHaveText('10');
  await expect(cells(page, 1).nth(4)).toHaveText('ICMP');
  await expect(page.getByText('5-pings.pcap')).toBeVisible();
});

test('a file that is not a capture says so', async ({ page }) => {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('These are my notes about the lab, not a capture.\n'.repeat(20)),
  });
  await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('not a capture file');
  await expect(page.getByText('notes.txt')).toBeVisible();
  await expect(packetList(page)).toHaveCount(0);
});

test('a file cut short shows the packets before the damage and says it was cut short', async ({ page }) => {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(fixture('get.cut-mid-record.pcap'));
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByText('6 packets', { exact: true })).toBeVisible();
  await expect(packetList(page).locator('[role="row"][data-frame]')).toHaveCount(6);
  await expect(page.getByRole('status')).toContainText('cut short');
});

test('dropping a file on the page opens it', async ({ page }) => {
  await page.goto('/');
  const bytes = (await readFile(fixture('5-pings.pcap'))).toString('base64');
  await page.evaluate((b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], 'dropped.pcap', { type: 'application/vnd.tcpdump.pcap' }));
    const target = document.querySelector('main') ?? document.body;
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }, bytes);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByText('dropped.pcap')).toBeVisible();
  await expect(page.getByText('10 packets', { exact: true })).toBeVisible();
});

test('nothing is requested from other sites', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const elsewhere: string[] = [];
  const seen: string[] = [];
  page.context().on('request', (r) => {
    seen.push(r.url());
    if (!r.url().startsWith(origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) {
      elsewhere.push(r.url());
    }
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Open the sample' }).click();
  await expect(page.locator('body')).not.toHaveAttribute('data-state', /empty|loading/);
  expect(seen.some((u) => u.endsWith('/samples/lab-null.pcapng'))).toBe(true);
  expect(elsewhere).toEqual([]);
});

test('if the engine cannot start, the page says so instead of waiting forever', async ({ page }) => {
  await page.route(/engine\.worker[^/]*\.js$/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'throw new Error("this engine is broken");' }),
  );
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(fixture('5-pings.pcap'));
  await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText('the engine stopped working');
});
