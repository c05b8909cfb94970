// Follow TCP stream and Follow HTTP stream (#view=follow&stream=N) on the lab capture, through the real worker in the
// production build: the GET in the client's colour and the 200 in the server's, tshark's byte count, one direction
// only, Find, the next stream, the URL, and the HTTP messages with their decoded body.
import { expect, test, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const row = (page: Page, n: number) => packetList(page).locator(`[role="row"][data-frame="${n}"]`);
const view = (page: Page) => page.getByRole('region', { name: 'Follow stream' });
const content = (page: Page) => view(page).getByRole('log', { name: 'Stream content' });
const lines = (page: Page) => content(page).locator('.line');

async function openLab(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
}

/** Right-click frame 4 (the GET of TCP stream 0) and follow its stream. */
async function followFrame4(page: Page, item = 'Follow TCP stream'): Promise<void> {
  await openLab(page);
  await row(page, 4).click({ button: 'right' });
  await page.getByRole('menuitem', { name: item }).click();
  await expect(page).toHaveURL(/#frame=4&view=follow&stream=0$/);
  await expect(lines(page).first()).toBeVisible();
}

test('Follow TCP stream of frame 4: the GET in the client colour, the 200 in the server colour', async ({ page }) => {
  await followFrame4(page);
  const get = lines(page).filter({ hasText: /^GET \/ HTTP\/1\.1$/ });
  const ok = lines(page)
    .filter({ hasText: /^HTTP\/1\.1 200 OK$/ })
    .first();
  await expect(get).toHaveAttribute('data-direction', 'client');
  await expect(get).toHaveAttribute('data-frame', '4');
  await expect(ok).toHaveAttribute('data-direction', 'server');
  const colours = async (l: typeof get) =>
    l.evaluate((e) => {
      const s = getComputedStyle(e);
      return `${s.color} ${s.backgroundColor}`;
    });
  expect(await colours(get)).not.toBe(await colours(ok));
  // tshark -r lab-null.pcapng -q -z follow,tcp,raw,0: 1779 bytes from the client, 710354 from the server.
  const direction = view(page).getByRole('combobox', { name: 'Direction' });
  await expect(direction.locator('option').first()).toHaveText('Entire conversation (712,133 bytes)');
  await expect(direction.locator('option').nth(1)).toHaveText('127.0.0.1:42960 \u2192 127.0.0.1:8080 (1,779 bytes)');
  // A large stream stays light: only the rows in view are in the page.
  expect(await lines(page).count()).toBeLessThan(200);
  // Clicking a line selects its packet.
  await ok.click();
  await expect(row(page, 9)).toHaveAttribute('aria-selected', 'true');
});

test('one direction only, Find, and the next stream', async ({ page }) => {
  await followFrame4(page);
  const direction = view(page).getByRole('combobox', { name: 'Direction' });
  await direction.selectOption({ index: 1 });
  await expect(lines(page).first()).toHaveText('GET / HTTP/1.1');
  await expect(content(page).locator('.line[data-direction="server"]')).toHaveCount(0);
  await direction.selectOption({ index: 2 });
  await expect(lines(page).first()).toHaveText('HTTP/1.1 200 OK');
  await expect(content(page).locator('.line[data-direction="client"]')).toHaveCount(0);
  await direction.selectOption({ index: 0 });

  const find = view(page).getByRole('searchbox', { name: 'Find' });
  await find.fill('icon.jpg');
  await find.press('Enter');
  await expect(content(page).locator('mark')).toHaveText('icon.jpg');
  await expect(view(page).getByText(/^1 of \d+$/)).toBeVisible();
  await find.press('Enter');
  await expect(view(page).getByText(/^2 of \d+$/)).toBeVisible();
  await expect(content(page).locator('mark')).toHaveText(/^icon\.jpg$/i);

  await view(page).getByRole('button', { name: 'Next stream' }).click();
  await expect(page).toHaveURL(/[#&]view=follow&stream=1$/);
  await expect(view(page).getByRole('spinbutton', { name: 'Stream' })).toHaveValue('1');
  await expect(view(page).getByText('127.0.0.1:42966', { exact: true })).toBeVisible();
  await expect(lines(page).first()).toHaveText(/^GET \/intro\.mp3 HTTP\/1\.1$/);
});

test('#view=follow&stream=1 opens stream 1', async ({ page }) => {
  await openLab(page, '#view=follow&stream=1');
  await expect(view(page).getByRole('spinbutton', { name: 'Stream' })).toHaveValue('1');
  const direction = view(page).getByRole('combobox', { name: 'Direction' });
  // tshark -r lab-null.pcapng -q -z follow,tcp,raw,1: 499 + 2097554 bytes.
  await expect(direction.locator('option').first()).toHaveText('Entire conversation (2,098,053 bytes)');
  await view(page).getByRole('combobox', { name: 'Show data as' }).selectOption('hexdump');
  await expect(lines(page).first()).toHaveText(
    /^00000000 {2}47 45 54 20 2f 69 6e 74 {2}72 6f 2e 6d 70 33 20 48 {2}GET \/intro\.mp3 H$/,
  );
});

test('Follow HTTP stream shows the page’s decoded body as text', async ({ page }) => {
  await followFrame4(page, 'Follow HTTP stream');
  await expect(view(page).getByRole('combobox', { name: 'Follow' })).toHaveValue('http');
  await view(page).getByRole('combobox', { name: 'Show data as' }).selectOption('utf8');
  // The page's body (frame 9), its Chinese title decoded as UTF-8, its markup as text.
  const title = lines(page).filter({ hasText: '<title>\u6211\u7684\u4e2a\u4eba\u4ecb\u7ecd</title>' });
  await expect(title).toHaveAttribute('data-direction', 'server');
  await expect(title).toHaveAttribute('data-frame', '9');
  // Further down (found with Find): the <audio> element, as source text, not an element of the page.
  const find = view(page).getByRole('searchbox', { name: 'Find' });
  await find.fill('<audio');
  await find.press('Enter');
  const audio = lines(page).filter({ has: page.locator('mark') });
  await expect(audio).toContainText('<audio controls preload="auto" src="intro.mp3">');
  await expect(audio).toHaveAttribute('data-direction', 'server');
  await expect(page.locator('audio')).toHaveCount(0);
});
