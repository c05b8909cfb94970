// The three panes with the lab capture, through the real worker in the production build: every frame in the list,
// the tree and bytes of the JPEG response (reassembled from many segments), highlighting both ways, the keyboard,
// sorting, time formats and colouring.
import { expect, test, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const tree = (page: Page) => page.getByRole('tree', { name: 'Packet details' });
const bytesPane = (page: Page) => page.getByRole('region', { name: 'Packet bytes' });
const row = (page: Page, n: number) => packetList(page).locator(`[role="row"][data-frame="${n}"]`);

async function openLab(page: Page): Promise<void> {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
}

/** Go to a frame with Ctrl+G, as a user would. */
async function goTo(page: Page, n: number): Promise<void> {
  await packetList(page).focus();
  await page.keyboard.press('Control+g');
  const box = page.getByRole('textbox', { name: 'Go to packet' });
  await box.fill(String(n));
  await box.press('Enter');
  await expect(tree(page)).toHaveAttribute('data-frame', String(n));
}

test('the list has every frame of the lab capture, in order, as the user scrolls', async ({ page }) => {
  await openLab(page);
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '153');
  const body = packetList(page).locator('.body');
  const rows = packetList(page).locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])');
  const seen = new Set<number>();
  for (let i = 0; i < 60 && seen.size < 152; i++) {
    // Wait until every drawn row has its data (no placeholder left), then note their frames.
    await expect(packetList(page).locator('.row.placeholder')).toHaveCount(0);
    const frames = await rows.evaluateAll((els) => els.map((r) => Number(r.getAttribute('data-frame'))));
    frames.forEach((f) => seen.add(f));
    // Scroll by less than a screen, as a wheel does.
    // The scroll event comes with the next frame; the rows follow it.
    await body.evaluate(async (el) => {
      el.scrollTop += el.clientHeight * 0.6;
      for (let f = 0; f < 3; f++) await new Promise(requestAnimationFrame);
    });
  }
  expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 152 }, (_, i) => i + 1));
});

test('selecting the image response shows its reassembly and the reassembled bytes in a second tab', async ({
  page,
}) => {
  await openLab(page);
  await goTo(page, 50);
  await expect(row(page, 50)).toHaveAttribute('aria-selected', 'true');
  const items = tree(page).getByRole('treeitem');
  await expect(items.first()).toHaveText(/^Frame 50: 41421 bytes on wire/);
  const reassembly = items.filter({ hasText: /^\[\d+ Reassembled TCP Segments \(\d+ bytes\): #\d+\(\d+\)/ });
  await expect(reassembly).toHaveCount(1);
  await expect(items.filter({ hasText: /^Hypertext Transfer Protocol$/ })).toHaveCount(1);
  await expect(items.filter({ hasText: /^JPEG File Interchange Format$/ })).toHaveCount(1);

  const tabs = bytesPane(page).getByRole('tab');
  await expect(tabs.first()).toHaveText('Frame (41421 bytes)');
  const reassembled = tabs.filter({ hasText: /^Reassembled TCP \(\d+ bytes\)$/ });
  await expect(reassembled).toHaveCount(1);
  await reassembled.click();
  await expect(reassembled).toHaveAttribute('aria-selected', 'true');
  // The reassembled message starts with the HTTP status line.
  await expect(bytesPane(page).locator('.line').first()).toContainText('HTTP/1.1 200');

  // Packets related to it are marked in the list: the request it answers, its segments.
  await packetList(page)
    .locator('.body')
    .evaluate((el) => (el.scrollTop = 8 * 22));
  await expect(row(page, 11).locator('.related')).toHaveAttribute('title', 'The request this packet answers');
  await expect(row(page, 13).locator('.related')).toHaveAttribute('title', 'A segment of the reassembled message');
  await expect(row(page, 12).locator('.related')).toHaveCount(0);
});

test('a tree item highlights its bytes, and a byte selects its field', async ({ page }) => {
  await openLab(page);
  await goTo(page, 1);
  const tcp = tree(page).getByRole('treeitem', { name: /^Transmission Control Protocol, Src Port: 42960/ });
  await tcp.click();
  await page.keyboard.press('ArrowRight');
  await expect(tcp).toHaveAttribute('aria-expanded', 'true');
  const srcPort = tree(page).getByRole('treeitem', { name: 'Source Port: 42960' });
  await srcPort.click();
  // Null/Loopback (4) + IPv4 (20): the TCP source port is bytes 24 and 25, a7 d0 (42960).
  const lit = bytesPane(page).locator('.byte.lit');
  await expect(lit).toHaveCount(2);
  await expect(lit).toHaveText(['a7', 'd0']);
  await expect(bytesPane(page).locator('.byte.lit[data-offset="24"]')).toHaveCount(1);

  // Bytes → tree: the IPv4 time-to-live byte (offset 4 + 8).
  await bytesPane(page).locator('.byte[data-offset="12"]').click();
  const selected = tree(page).locator('[role="treeitem"][aria-selected="true"]');
  await expect(selected).toHaveText(/^Time to Live: \d+$/);
  await expect(bytesPane(page).locator('.byte.lit')).toHaveCount(1);

  // What is open is remembered for the next packet.
  await goTo(page, 2);
  await expect(tree(page).getByRole('treeitem', { name: /^Transmission Control Protocol/ })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
});

test('the keyboard moves through the list and the tree', async ({ page }) => {
  await openLab(page);
  await packetList(page).focus();
  await page.keyboard.press('ArrowDown');
  await expect(tree(page)).toHaveAttribute('data-frame', '1');
  await page.keyboard.press('ArrowDown');
  await expect(tree(page)).toHaveAttribute('data-frame', '2');
  await expect(row(page, 2)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(tree(page)).toHaveAttribute('data-frame', '152');
  await expect(row(page, 152)).toBeVisible();
  await page.keyboard.press('Home');
  await expect(tree(page)).toHaveAttribute('data-frame', '1');
  await page.keyboard.press('PageDown');
  await expect(tree(page)).not.toHaveAttribute('data-frame', '1');
  await page.keyboard.press('ArrowUp');

  // Ctrl+G with a frame that does not exist says so.
  await page.keyboard.press('Control+g');
  const box = page.getByRole('textbox', { name: 'Go to packet' });
  await box.fill('999');
  await box.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Go to packet' }).getByRole('alert')).toHaveText(
    'There is no packet 999 in the list.',
  );
  await box.press('Escape');

  // In the tree: Home, → opens, ↓ moves, ← goes back up.
  await tree(page).focus();
  await page.keyboard.press('Home');
  const frameItem = tree(page).getByRole('treeitem', { name: /^Frame \d+:/ });
  await expect(frameItem).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(frameItem).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(frameItem).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowLeft');
  await expect(frameItem).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(frameItem).toHaveAttribute('aria-expanded', 'false');
});

test('a frame link in the tree jumps to that frame', async ({ page }) => {
  await openLab(page);
  await goTo(page, 4);
  const http = tree(page).getByRole('treeitem', { name: /^Hypertext Transfer Protocol$/ });
  await http.click();
  await page.keyboard.press('ArrowRight');
  await tree(page)
    .getByRole('treeitem', { name: /^\[Response in frame: 9\]$/ })
    .getByRole('link')
    .click();
  await expect(tree(page)).toHaveAttribute('data-frame', '9');
  await expect(row(page, 9)).toHaveAttribute('aria-selected', 'true');
});

test('sorting, time formats and colouring', async ({ page }) => {
  await openLab(page);
  const firstRow = packetList(page).locator('[role="row"][data-frame]').first();
  await packetList(page).getByRole('columnheader', { name: 'Length' }).getByRole('button').click();
  await expect(packetList(page).getByRole('columnheader', { name: /Length/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await packetList(page)
    .getByRole('columnheader', { name: /Length/ })
    .getByRole('button')
    .click();
  await expect(packetList(page).getByRole('columnheader', { name: /Length/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect(firstRow.getByRole('gridcell').nth(5)).toHaveText('65539');

  await packetList(page).getByRole('columnheader', { name: /No\./ }).getByRole('button').click();
  await expect(firstRow).toHaveAttribute('data-frame', '1');

  await page.getByRole('combobox', { name: /^Time/ }).selectOption('epoch');
  await expect(row(page, 1).getByRole('gridcell').nth(1)).toHaveText(/^\d{10}\.\d{9}$/);
  await page.getByRole('combobox', { name: /^Time/ }).selectOption('relative');
  await expect(row(page, 2).getByRole('gridcell').nth(1)).toHaveText('0.000016034');

  // Wireshark's rules: "TCP SYN/FIN" grey for the SYN, "TCP" lavender for the ACK after it, "HTTP" green for the GET.
  await expect(row(page, 1)).toHaveCSS('background-color', 'rgb(160, 160, 160)');
  await expect(row(page, 3)).toHaveCSS('background-color', 'rgb(231, 230, 255)');
  await expect(row(page, 4)).toHaveCSS('background-color', 'rgb(228, 255, 199)');
  await page.getByLabel('Colour packets').uncheck();
  await expect(row(page, 3)).not.toHaveCSS('background-color', 'rgb(231, 230, 255)');
});

test('a field’s value and a filter for it can be copied from the tree', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLab(page);
  await goTo(page, 1);
  const tcp = tree(page).getByRole('treeitem', { name: /^Transmission Control Protocol, Src Port: 42960/ });
  await tcp.click();
  await page.keyboard.press('ArrowRight');
  const dstPort = tree(page).getByRole('treeitem', { name: 'Destination Port: 8080' });
  await dstPort.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy as filter' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('tcp.dstport == 8080');
  await dstPort.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy value' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('8080');
});

test('columns and panes can be resized', async ({ page }) => {
  await openLab(page);
  const header = packetList(page).getByRole('columnheader', { name: /Source/ });
  const before = (await header.boundingBox())?.width ?? 0;
  const handle = packetList(page).getByRole('separator', { name: 'Resize Source' });
  const box = await handle.boundingBox();
  if (!box) throw new Error('no resize handle');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await header.boundingBox())?.width ?? 0).toBeGreaterThan(before + 60);

  const list = page.locator('.pane.list');
  const listBefore = (await list.boundingBox())?.height ?? 0;
  const divider = page.getByRole('separator', { name: 'Resize the packet list' });
  await divider.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect.poll(async () => (await list.boundingBox())?.height ?? 0).toBe(listBefore + 40);
});
