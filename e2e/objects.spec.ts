// The HTTP objects view (#view=objects) on the lab capture, through the real worker in the production build: the
// objects tshark exports with their frames and sizes, the JPEG and MP3 previews from Blob URLs, HTML shown as source,
// a click on an object's frame selecting its row, "Save all" as a zip, "Export HAR" as HAR 1.2, and the two 206 parts
// of a PDF stitched into one.
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { harProblems } from '../workers/flows/har';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;
const PDF_206 = new URL('fixtures/206_example_a.pcap', import.meta.url).pathname;

const objects = (page: Page) => page.getByRole('region', { name: 'HTTP objects' });
const table = (page: Page) => page.getByRole('table', { name: 'HTTP object list' });
const preview = (page: Page) => page.getByRole('region', { name: 'Object preview' });
const objectRow = (page: Page, name: string) =>
  table(page)
    .locator('tbody tr')
    .filter({
      has: page.locator('td.name', { hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }),
    });

async function openObjects(page: Page, file: string): Promise<void> {
  await page.goto('/#view=objects');
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(objects(page)).toBeVisible();
}

/** The rows as [packet, hostname, content type, size, file name]. */
const rows = (page: Page) =>
  table(page)
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent?.trim() ?? '')),
    );

async function saved(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFileSync(path);
}

test('lists the lab objects as tshark --export-objects http does, with their frames and sizes', async ({ page }) => {
  await openObjects(page, LAB);
  // tshark -r lab-null.pcapng -q --export-objects http,DIR (sizes of the files written: %2f 574, icon.jpg 705941,
  // icon2.jpg 2932, intro.mp3 2097198); frames: tshark -Y http.file_data -T fields -e frame.number (9 50 112 142).
  await expect(table(page).locator('tbody tr')).toHaveCount(4);
  expect(await rows(page)).toEqual([
    ['9', '127.0.0.1:8080', 'text/html', '574 bytes', '/'],
    ['50', '127.0.0.1:8080', 'image/jpeg', '705,941 bytes', 'icon.jpg'],
    ['112', '127.0.0.1:8080', 'image/jpeg', '2,932 bytes', 'icon2.jpg'],
    ['142', '127.0.0.1:8080', 'audio/mpeg', '2,097,198 bytes', 'intro.mp3'],
  ]);
  // The list does not follow the display filter, as Wireshark's does not.
  await expect(objects(page)).toContainText('whatever the display filter');
});

test('the JPEG preview loads and the MP3 carried by the 206 plays from a blob: URL', async ({ page }) => {
  await openObjects(page, LAB);
  await objectRow(page, 'icon.jpg').click();
  const img = preview(page).locator('img');
  await expect(img).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  const jpegUrl = await img.getAttribute('src');

  await objectRow(page, 'intro.mp3').click();
  const source = preview(page).locator('audio source');
  await expect(source).toHaveAttribute('src', /^blob:/);
  await expect(source).toHaveAttribute('type', 'audio/mpeg');
  const audio = preview(page).locator('audio');
  await expect(audio).toHaveAttribute('controls', '');
  // Debian's Chromium decodes MP3: the metadata loads and the duration is known.
  expect(await audio.evaluate((a: HTMLAudioElement) => a.canPlayType('audio/mpeg'))).not.toBe('');
  await expect
    .poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 })
    .toBeGreaterThan(0);
  expect(await audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeGreaterThan(0);
  // The JPEG's Blob URL was revoked when its preview went.
  const stillThere = await page.evaluate(async (url) => {
    try {
      await fetch(url!);
      return true;
    } catch {
      return false;
    }
  }, jpegUrl);
  expect(stillThere).toBe(false);
});

test('HTML is shown as its source, never rendered', async ({ page }) => {
  await openObjects(page, LAB);
  await objectRow(page, '/').click();
  await expect(preview(page).getByText('HTML source (not rendered)')).toBeVisible();
  await expect(preview(page).locator('pre.source')).toContainText('<!DOCTYPE html>');
  await expect(preview(page).locator('iframe, object, embed')).toHaveCount(0);
});

test("clicking an object's frame selects that row in the packet list", async ({ page }) => {
  await openObjects(page, LAB);
  await objectRow(page, 'icon2.jpg').getByRole('button', { name: '112' }).click();
  const row = page.getByRole('grid', { name: 'Packet list' }).locator('[role="row"][data-frame="112"]');
  await expect(row).toHaveAttribute('aria-selected', 'true');
});

test('Save all downloads a zip of the four objects; Save one downloads its bytes', async ({ page }) => {
  await openObjects(page, LAB);
  await expect(table(page).locator('tbody tr')).toHaveCount(4);
  const [zipDownload] = await Promise.all([
    page.waitForEvent('download'),
    objects(page).getByRole('button', { name: 'Save all' }).click(),
  ]);
  expect(zipDownload.suggestedFilename()).toBe('lab-null-http-objects.zip');
  const zip = unzipSync(new Uint8Array(await saved(zipDownload)));
  const sizes = Object.fromEntries(Object.entries(zip).map(([name, bytes]) => [name, bytes.length]));
  expect(sizes).toEqual({ 'index.html': 574, 'icon.jpg': 705941, 'icon2.jpg': 2932, 'intro.mp3': 2097198 });
  // The JPEG is a JPEG.
  expect([...zip['icon.jpg'].subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

  const [one] = await Promise.all([
    page.waitForEvent('download'),
    objects(page).getByRole('button', { name: 'Save icon2.jpg' }).click(),
  ]);
  expect(one.suggestedFilename()).toBe('icon2.jpg');
  expect((await saved(one)).length).toBe(2932);
});

test('Export HAR downloads a HAR 1.2 log of the four transactions', async ({ page }) => {
  await openObjects(page, LAB);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    objects(page).getByRole('button', { name: 'Export HAR' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('lab-null.har');
  const har = JSON.parse((await saved(download)).toString('utf8')) as {
    log: { version: string; entries: { request: { url: string }; response: { status: number } }[] };
  };
  expect(harProblems(har)).toEqual([]);
  expect(har.log.version).toBe('1.2');
  expect(har.log.entries.map((e) => [e.request.url, e.response.status])).toEqual([
    ['http://127.0.0.1:8080/', 200],
    ['http://127.0.0.1:8080/icon.jpg', 200],
    ['http://127.0.0.1:8080/intro.mp3', 206],
    ['http://127.0.0.1:8080/icon2.jpg', 200],
  ]);
});

test('two 206 parts of one PDF are stitched into the whole file', async ({ page }) => {
  await openObjects(page, PDF_206);
  // Content-Range bytes 0-32767/555523 (frame 39) and 32768-555522/555523 (frame 667), then the stitched PDF.
  expect(await rows(page)).toEqual([
    ['39', 'cs.gmu.edu', 'application/pdf', '32,768 bytes', 'GMU-CS-TR-2010-20.pdfpart'],
    ['667', 'cs.gmu.edu', 'application/pdf', '522,755 bytes', 'GMU-CS-TR-2010-20.pdfpart'],
    ['667', 'cs.gmu.edu', 'application/pdf', '555,523 bytes', 'GMU-CS-TR-2010-20.pdfstitched'],
  ]);
  const stitched = table(page).locator('tbody tr.stitched');
  await stitched.click();
  await expect(preview(page)).toContainText('stitched from 2 partial responses (frames 39, 667)');
  await expect(preview(page).locator('pre.source')).toContainText('%PDF-');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    stitched.getByRole('button', { name: /^Save / }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('GMU-CS-TR-2010-20 (stitched).pdf');
  const pdf = await saved(download);
  expect(pdf.length).toBe(555523);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.subarray(pdf.length - 8).toString('latin1')).toContain('%%EOF');
});
