// Long loads: the progress bar, Cancel, and a new file replacing the one being read.
import { readFile, writeFile } from 'node:fs/promises';
import { expect, test, type TestInfo } from '@playwright/test';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

const REPEATS = 150_000;

/** 5-pings.pcap with its 10 packets repeated: 1.5 million real packets, long enough to watch the load. */
async function bigCapture(testInfo: TestInfo): Promise<string> {
  const bytes = await readFile(fixture('5-pings.pcap'));
  const body = bytes.subarray(24);
  const out = Buffer.alloc(24 + body.length * REPEATS);
  bytes.copy(out, 0, 0, 24);
  for (let i = 0; i < REPEATS; i++) body.copy(out, 24 + i * body.length);
  const path = testInfo.outputPath('big.pcap');
  await writeFile(path, out);
  return path;
}

test('Cancel stops a long load and keeps the packets read so far', async ({ page }, testInfo) => {
  const big = await bigCapture(testInfo);
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(big);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'loading');
  await expect(page.getByRole('progressbar', { name: 'Reading the capture' })).toBeVisible();
  // Cancel once the worker has reported packets, so that there is something to keep.
  await expect(page.locator('section.loading')).toContainText(/, [1-9][\d,]* packets?/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const status = page.getByRole('status');
  await expect(status).toContainText('Loading was stopped after');
  const read = Number((await page.getByTestId('packet-count').innerText()).replace(/\D/g, ''));
  expect(read).toBeGreaterThan(0);
  expect(read).toBeLessThan(REPEATS * 10);
  await expect(page.locator('[role="row"][data-frame="1"]')).toBeVisible();
});

test('a new file replaces the one being read', async ({ page }, testInfo) => {
  const big = await bigCapture(testInfo);
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(big);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'loading');
  await page.locator('input[type="file"]').setInputFiles(fixture('get.cut-mid-record.pcap'));
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByText('get.cut-mid-record.pcap')).toBeVisible();
  await expect(page.getByText('6 packets', { exact: true })).toBeVisible();
  await expect(page.locator('[role="row"][data-frame]')).toHaveCount(6);
});
