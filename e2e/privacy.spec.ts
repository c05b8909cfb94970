// "Nothing leaves the machine" (issue 8): a whole session on the lab capture — open, list, tree, bytes, filter,
// every view in the Views row, previews of the JPEG and the MP3, exports and a copied link, the service worker
// installing — and Playwright sees no request to any origin but the app's (Blob and data URLs are the capture's own
// bytes). Expectations from tshark 4.0 on public/samples/lab-null.pcapng:
//   tshark -r public/samples/lab-null.pcapng -Y http.request -T fields -e frame.number -e http.request.uri
//     4 /   11 /icon.jpg   41 /intro.mp3   101 /icon2.jpg
import { expect, test, type Page } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 1000 } });
test.setTimeout(90_000);

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const row = (page: Page, n: number) => packetList(page).locator(`[role="row"][data-frame="${n}"]`);
const nav = (page: Page) => page.getByRole('navigation', { name: 'Views' });

/** Each view of the Views row, and something of lab-null it must show (so each one really ran). */
const VIEWS: { label: string; shows: (page: Page) => Promise<void> }[] = [
  {
    label: 'Sequence diagram',
    shows: (page) => expect(page.getByRole('option', { name: /GET \/icon\.jpg/ }).first()).toBeAttached(),
  },
  { label: 'Follow stream', shows: (page) => expect(page.getByText('GET / HTTP/1.1').first()).toBeVisible() },
  {
    label: 'HTTP objects',
    shows: (page) =>
      expect(page.getByRole('table', { name: 'HTTP object list' }).getByText('intro.mp3').first()).toBeVisible(),
  },
  { label: 'Conversations', shows: (page) => expect(page.getByText('127.0.0.1').first()).toBeVisible() },
  { label: 'Endpoints', shows: (page) => expect(page.getByText('127.0.0.1').first()).toBeVisible() },
  {
    label: 'Protocol hierarchy',
    shows: (page) => expect(page.getByRole('row', { name: /^http 5\.3% 8 / })).toBeVisible(),
  },
  { label: 'HTTP statistics', shows: (page) => expect(page.getByText(/200 OK/).first()).toBeVisible() },
  {
    label: 'I/O graph',
    shows: (page) => expect(page.getByRole('region', { name: 'I/O graph' }).locator('svg').first()).toBeVisible(),
  },
  {
    label: 'Expert information',
    shows: (page) =>
      expect(page.getByRole('region', { name: 'Expert information' }).getByText(/Chat/).first()).toBeVisible(),
  },
  { label: 'Capture properties', shows: (page) => expect(page.getByText('lab-null.pcapng').first()).toBeVisible() },
];

test('a whole session on the lab capture asks nothing of any origin but the app’s', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const requests: string[] = [];
  // The context sees the page's requests and its workers' (the engine worker, the service worker).
  context.on('request', (r) => requests.push(r.url()));
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await page.goto('/');
  await page.getByRole('button', { name: 'Open the sample' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

  // List, tree, bytes; a filter; Copy link.
  await row(page, 11).click();
  await expect(page.getByRole('tree', { name: 'Packet details' })).toHaveAttribute('data-frame', '11');
  await page
    .getByRole('tree', { name: 'Packet details' })
    .getByRole('treeitem', { name: /^Hypertext Transfer Protocol$/ })
    .click();
  await expect(page.getByRole('region', { name: 'Packet bytes' }).locator('.byte.lit').first()).toBeVisible();
  const filter = page.getByRole('textbox', { name: 'Display filter' });
  await filter.fill('http');
  await filter.press('Enter');
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '9');
  await filter.fill('');
  await filter.press('Enter');
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '153');
  await row(page, 4).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Packet' }).getByRole('menuitem', { name: 'Copy link' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/#frame=4/);

  // Every view, each showing what it found.
  for (const view of VIEWS) {
    await nav(page).getByRole('link', { name: view.label }).click();
    await expect(page.getByRole('region', { name: view.label })).toBeVisible();
    await view.shows(page);
  }

  // The objects' previews: the JPEG decoded and the MP3 ready to play, both from Blob URLs.
  await nav(page).getByRole('link', { name: 'HTTP objects' }).click();
  const objects = page.getByRole('table', { name: 'HTTP object list' });
  await objects.getByText('icon.jpg', { exact: true }).first().click();
  const image = page.getByRole('region', { name: 'Object preview' }).locator('img');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await objects.getByText('intro.mp3', { exact: true }).first().click();
  const audio = page.getByRole('region', { name: 'Object preview' }).locator('audio');
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThan(0);
  const har = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HAR' }).click();
  expect((await har).suggestedFilename()).toMatch(/\.har$/);

  // The sequence diagram's SVG export.
  await nav(page).getByRole('link', { name: 'Sequence diagram' }).click();
  const svg = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export SVG' }).click();
  expect((await svg).suggestedFilename()).toMatch(/\.svg$/);

  const foreign = requests.filter((url) => !/^(blob|data):/.test(url) && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
  // The session did make requests — to the app's own origin (the page, its scripts, the worker, the sample).
  expect(requests.some((url) => url.endsWith('/samples/lab-null.pcapng'))).toBe(true);
  expect(requests.some((url) => /\/assets\/.*worker.*\.js$/.test(url))).toBe(true);
});
