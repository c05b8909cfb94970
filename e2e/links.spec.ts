// Links (issue 8): the view state in the URL fragment (DESIGN.md §5), Back and Forward, "Copy link", and
// `?capture=URL`. Expectations from tshark 4.0:
//   tshark -r public/samples/lab-null.pcapng -Y frame.number==4 -T pdml | grep http.request.method
//     <field name="http.request.method" showname="Request Method: GET" size="3" pos="56" show="GET" value="474554"/>
//   tshark -r public/samples/lab-null.pcapng -Y http.request -T fields -e frame.number -e http.request.uri
//     4 /   11 /icon.jpg   41 /intro.mp3   101 /icon2.jpg
//   tshark -r public/samples/lab-null.pcapng -c 10: frame 9 is "HTTP/1.1 200 OK  (text/html)"
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const tree = (page: Page) => page.getByRole('tree', { name: 'Packet details' });
const bytesPane = (page: Page) => page.getByRole('region', { name: 'Packet bytes' });
const row = (page: Page, n: number) => packetList(page).locator(`[role="row"][data-frame="${n}"]`);
test.use({ viewport: { width: 1280, height: 1000 } });

const ready = (page: Page) => expect(page.locator('body')).toHaveAttribute('data-state', 'ready');

/** Frame 4 selected, its "Request Method: GET" item selected and its three bytes (offset 56) highlighted. */
async function expectFrame4Method(page: Page): Promise<void> {
  await expect(row(page, 4)).toHaveAttribute('aria-selected', 'true');
  await expect(tree(page)).toHaveAttribute('data-frame', '4');
  await expect(tree(page).getByRole('treeitem', { selected: true })).toHaveText(/^Request Method: GET$/);
  const lit = bytesPane(page).locator('.byte.lit');
  await expect(lit).toHaveText(['47', '45', '54']);
  await expect(bytesPane(page).locator('.byte.lit[data-offset="56"]')).toHaveCount(1);
}

test('a frame link opens with the row selected and the field’s bytes highlighted', async ({ page }) => {
  await page.goto('/#frame=4&field=http.request.method');
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await ready(page);
  await expectFrame4Method(page);
  expect(new URL(page.url()).hash).toBe('#frame=4&field=http.request.method');
});

test('?capture= opens a capture from a URL, with the filter, frame and field of the fragment', async ({ page }) => {
  await page.goto('/?capture=./samples/lab-null.pcapng#frame=4&filter=http.request&field=http.request.method');
  await ready(page);
  await expect(page.getByRole('textbox', { name: 'Display filter' })).toHaveValue('http.request');
  // tshark -Y http.request: 4 rows.
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '5');
  await expectFrame4Method(page);
});

test('?capture= from a server that does not allow reading it says so in plain words', async ({ page }) => {
  await page.route('https://captures.example.org/**', (route) => route.abort('failed'));
  await page.goto('/?capture=https://captures.example.org/a.pcapng');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
  await expect(
    page.getByText(
      'The server at captures.example.org did not allow Wirelens to read the file (CORS), or could not be reached.',
    ),
  ).toBeVisible();
});

/**
 * A capture server on another origin (another port of 127.0.0.1): /lab-null.pcapng, /no-cors.pcapng (the same bytes
 * without the CORS header that lets a page read them) and 404 Not Found for anything else. Every request it receives
 * is listed.
 */
async function captureServer(): Promise<{ origin: string; seen: string[]; server: Server }> {
  const bytes = readFileSync(LAB);
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url !== '/no-cors.pcapng') res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.url === '/lab-null.pcapng' || req.url === '/no-cors.pcapng') {
      res.setHeader('Content-Type', 'application/vnd.tcpdump.pcap');
      res.setHeader('Content-Length', String(bytes.length));
      res.end(bytes);
    } else {
      res.statusCode = 404;
      res.end('Not Found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

test('?capture= on another origin opens; the policy still refuses every other origin', async ({ page }) => {
  const files = await captureServer();
  const elsewhere = await captureServer();
  try {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await page.goto(`/?capture=${encodeURIComponent(`${files.origin}/lab-null.pcapng`)}#frame=4`);
    await ready(page);
    await expect(packetList(page)).toHaveAttribute('aria-rowcount', '153');
    await expect(row(page, 4)).toHaveAttribute('aria-selected', 'true');
    expect(files.seen).toEqual(['/lab-null.pcapng']);
    expect(violations).toEqual([]);

    // The page may reach the capture's origin, but not a third one (the same machine on another port).
    const fetched = await page.evaluate(
      async ([allowed, other]) => {
        const attempt = (url: string) =>
          fetch(url).then(
            (r) => `status ${r.status}`,
            (e: unknown) => (e instanceof Error ? e.name : String(e)),
          );
        return [await attempt(`${allowed}/lab-null.pcapng`), await attempt(`${other}/lab-null.pcapng`)];
      },
      [files.origin, elsewhere.origin],
    );
    expect(fetched).toEqual(['status 200', 'TypeError']);
    expect(elsewhere.seen).toEqual([]);
    await expect.poll(() => violations.join('\n')).toMatch(/connect-src/);
  } finally {
    files.server.close();
    elsewhere.server.close();
  }
});

test('?capture= on another origin that does not allow reading it (no CORS header) says so', async ({ page }) => {
  const files = await captureServer();
  try {
    await page.goto(`/?capture=${encodeURIComponent(`${files.origin}/no-cors.pcapng`)}`);
    await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
    await expect(
      page.getByText(
        'The server at 127.0.0.1:' +
          files.origin.split(':').pop() +
          ' did not allow Wirelens to read the file (CORS), or could not be reached.',
      ),
    ).toBeVisible();
    // The request reached the server (so it was not the policy that stopped it): the browser kept the answer.
    expect(files.seen).toEqual(['/no-cors.pcapng']);
  } finally {
    files.server.close();
  }
});

test('?capture= says the server answered 404', async ({ page }) => {
  const files = await captureServer();
  try {
    await page.goto(`/?capture=${encodeURIComponent(`${files.origin}/no-such-capture.pcapng`)}`);
    await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
    await expect(
      page.getByText(/answered 404 Not Found for http:\/\/127\.0\.0\.1:\d+\/no-such-capture\.pcapng/),
    ).toBeVisible();
    expect(files.seen).toEqual(['/no-such-capture.pcapng']);
  } finally {
    files.server.close();
  }
});

test('Back and Forward move between two selections and a filter', async ({ page }) => {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await ready(page);
  await row(page, 4).click();
  await expect(page).toHaveURL(/#frame=4$/);
  await row(page, 9).click();
  await expect(page).toHaveURL(/#frame=9$/);
  await tree(page)
    .getByRole('treeitem', { name: /^Hypertext Transfer Protocol$/ })
    .click();
  await expect(page).toHaveURL(/#frame=9&field=http$/);

  await page.goBack();
  await expect(page).toHaveURL(/#frame=9$/);
  await expect(tree(page).getByRole('treeitem', { selected: true })).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(/#frame=4$/);
  await expect(row(page, 4)).toHaveAttribute('aria-selected', 'true');
  await expect(tree(page)).toHaveAttribute('data-frame', '4');
  await page.goForward();
  await expect(row(page, 9)).toHaveAttribute('aria-selected', 'true');
  await expect(tree(page)).toHaveAttribute('data-frame', '9');
  await page.goForward();
  await expect(tree(page).getByRole('treeitem', { selected: true })).toHaveText(/^Hypertext Transfer Protocol$/);

  // A filter goes into the fragment, and Back takes it off again.
  const filter = page.getByRole('textbox', { name: 'Display filter' });
  await filter.fill('http.request');
  await filter.press('Enter');
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '5');
  await expect(page).toHaveURL(/filter=http.request/);
  await page.goBack();
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '153');
  await expect(row(page, 9)).toHaveAttribute('aria-selected', 'true');
});

test('Copy link on a row and on a field; the link opens the same state in a fresh context', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?capture=./samples/lab-null.pcapng');
  await ready(page);
  await row(page, 9).click({ button: 'right' });
  await page.getByRole('menu', { name: 'Packet' }).getByRole('menuitem', { name: 'Copy link' }).click();
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(clipboard).toMatch(/\/\?capture=\.\/samples\/lab-null\.pcapng#frame=9&h=[0-9a-f]{16}$/);
  // Everyone sees the confirmation, not only screen readers; it goes away by itself.
  const toast = page.getByText(/^Copied link: .*#frame=9&h=/);
  await expect(toast).toBeVisible();
  await expect(toast).toHaveCSS('opacity', '1');
  await expect(toast).toHaveCSS('opacity', '0', { timeout: 8000 });

  await row(page, 4).click();
  await tree(page)
    .getByRole('treeitem', { name: /^Hypertext Transfer Protocol$/ })
    .click({ button: 'right' });
  await page.getByRole('menu', { name: 'Field' }).getByRole('menuitem', { name: 'Expand subtrees' }).click();
  await tree(page)
    .getByRole('treeitem', { name: /^Request Method: GET$/ })
    .click({ button: 'right' });
  await page.getByRole('menu', { name: 'Field' }).getByRole('menuitem', { name: 'Copy link' }).click();
  await expect.poll(clipboard).toMatch(/#frame=4&field=http\.request\.method&h=[0-9a-f]{16}$/);
  const fieldLink = await clipboard();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(fieldLink);
  await ready(other);
  await expectFrame4Method(other);
  await expect(other.getByText(/This link was made on another capture/)).toHaveCount(0);
  await fresh.close();
});

test('a link made on another capture warns', async ({ page }) => {
  await page.goto('/#frame=4&field=http.request.method&h=0123456789abcdef');
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await ready(page);
  await expect(row(page, 4)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'This link was made on another capture' })).toHaveText(
    'This link was made on another capture than “lab-null.pcapng”: packet 4 may not be the one it meant.',
  );
});

// tshark -r e2e/fixtures/5-pings.pcap: 10 packets; frame 3 is "Echo (ping) request id=0x04ca, seq=2/512, ttl=64".
const PINGS = new URL('fixtures/5-pings.pcap', import.meta.url).pathname;

test('a small capture travels inside the link and opens in a fresh context, with no request for it', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(PINGS);
  await ready(page);
  await row(page, 3).click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Packet' })
    .getByRole('menuitem', { name: 'Copy link with the capture inside' })
    .click();
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(clipboard).toMatch(/#c=[A-Za-z0-9_-]+&frame=3$/);
  const link = await clipboard();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const requests: string[] = [];
  other.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await other.goto(link);
  await ready(other);
  await expect(packetList(other)).toHaveAttribute('aria-rowcount', '11');
  await expect(row(other, 3)).toHaveAttribute('aria-selected', 'true');
  await expect(tree(other)).toHaveAttribute('data-frame', '3');
  await expect(row(other, 3)).toContainText('Echo (ping) request');
  // Selecting another row keeps the capture in the fragment.
  await row(other, 4).click();
  await expect(other).toHaveURL(/#c=[A-Za-z0-9_-]+&frame=4$/);
  expect(requests.filter((p) => /pcap/i.test(p))).toEqual([]);
  await fresh.close();
});

test('a damaged capture inside a link is explained', async ({ page }) => {
  await page.goto('/#c=AAAA&frame=1');
  await expect(page.locator('body')).toHaveAttribute('data-state', 'error');
  await expect(page.getByText(/The capture inside this link is damaged/)).toBeVisible();
});
