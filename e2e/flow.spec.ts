// The sequence diagram (#view=flow) on the lab capture, through the real worker in the production build: one arrow
// with data-frame per displayed frame of the chosen conversation, clicking an arrow selects its row, selecting a row
// scrolls the diagram, the handshake bracket, zoom, the display filter, raw numbers, and the SVG and Mermaid exports.
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const diagram = (page: Page) => page.getByRole('region', { name: 'Sequence diagram' });
const canvas = (page: Page) => page.getByRole('listbox', { name: 'Arrows of the sequence diagram' });
const arrow = (page: Page, n: number) => diagram(page).locator(`g.arrow[data-frame="${n}"]`);
const row = (page: Page, n: number) => packetList(page).locator(`[role="row"][data-frame="${n}"]`);

/** tshark -r lab-null.pcapng -Y "tcp.stream == 0" -T fields -e frame.number */
const STREAM_0 = [
  ...[1, 2, 3, 4, 5, 9, 10, 11, 12],
  ...Array.from({ length: 40 - 13 + 1 }, (_, i) => 13 + i),
  ...[42, 43, 44, 45, 46, 47, 48, 49, 50, 54, 101, 112, 116, 147, 148, 149, 150],
];

async function openLab(page: Page, hash = ''): Promise<void> {
  await page.goto(`/${hash}`);
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
}

/** The conversation of frame 1 (TCP stream 0), as a user opens it: right-click a row, "Show in sequence diagram". */
async function showStream0(page: Page): Promise<void> {
  await openLab(page);
  await row(page, 1).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Show in sequence diagram' }).click();
  await expect(page).toHaveURL(/#frame=1&view=flow$/);
  await expect(diagram(page).getByText(/^TCP stream 0 \(/)).toBeVisible();
  await expect(arrow(page, 1)).toBeVisible();
}

/** Frames of the arrows drawn now. */
const drawnFrames = (page: Page) =>
  diagram(page)
    .locator('g.arrow[data-frame]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-frame'))));

test('one arrow per frame of the chosen conversation, found by scrolling the diagram', async ({ page }) => {
  await showStream0(page);
  const seen = new Set<number>();
  const box = await canvas(page).boundingBox();
  if (!box) throw new Error('no diagram');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40 && seen.size < STREAM_0.length; i++) {
    (await drawnFrames(page)).forEach((f) => seen.add(f));
    await page.mouse.wheel(0, box.height * 0.6);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  expect([...seen].sort((a, b) => a - b)).toEqual(STREAM_0);
  // The first arrows carry Wireshark's flow-graph labels.
  await canvas(page).focus();
  await canvas(page).press('Home');
  await expect(arrow(page, 1).locator('text.label')).toHaveText('SYN Seq=0');
  await expect(arrow(page, 2).locator('text.label')).toHaveText('SYN, ACK Seq=0 Ack=1');
  await expect(arrow(page, 3).locator('text.label')).toHaveText('ACK Seq=1 Ack=1');
  await expect(arrow(page, 1).locator('text.state')).toHaveText(['SYN-SENT', 'SYN-RECEIVED']);
});

test('clicking the arrow of frame N selects row N, and selecting a row scrolls the diagram to it', async ({ page }) => {
  await showStream0(page);
  await arrow(page, 4).click();
  await expect(row(page, 4)).toHaveAttribute('aria-selected', 'true');
  await expect(arrow(page, 4)).toHaveClass(/current/);
  // Frame 150 is far below: Ctrl+G selects it in the list, and the diagram brings its arrow into view.
  await expect(arrow(page, 150)).toHaveCount(0);
  await packetList(page).focus();
  await page.keyboard.press('Control+g');
  const goto = page.getByRole('textbox', { name: 'Go to packet' });
  await goto.fill('150');
  await goto.press('Enter');
  await expect(row(page, 150)).toHaveAttribute('aria-selected', 'true');
  await expect(arrow(page, 150)).toBeInViewport();
  // The keyboard moves from arrow to arrow.
  await canvas(page).focus();
  await canvas(page).press('ArrowUp');
  await expect(row(page, 149)).toHaveAttribute('aria-selected', 'true');
});

test('the handshake bracket covers the first three arrows of the connection', async ({ page }) => {
  await showStream0(page);
  const bracket = diagram(page).locator('path.bracket[data-phase="handshake"]').first();
  await expect(bracket).toHaveAttribute('data-first-frame', '1');
  await expect(bracket).toHaveAttribute('data-last-frame', '3');
  const b = await bracket.boundingBox();
  const lineY = async (n: number) => {
    const r = await arrow(page, n).locator('.line').boundingBox();
    if (!r) throw new Error(`no arrow ${n}`);
    return r.y + r.height / 2;
  };
  if (!b) throw new Error('no bracket');
  for (const n of [1, 2, 3]) {
    const y = await lineY(n);
    expect(y).toBeGreaterThan(b.y);
    expect(y).toBeLessThan(b.y + b.height);
  }
  expect(await lineY(4)).toBeGreaterThan(b.y + b.height);
  await expect(diagram(page).locator('text.phase-label', { hasText: /^Three-way handshake$/ })).toBeVisible();
  // The exchange brackets name the request and the response.
  await expect(diagram(page).locator('path.bracket[data-phase="exchange"]').first()).toHaveAttribute(
    'data-last-frame',
    '9',
  );
});

test('zoom, lane width and raw sequence numbers', async ({ page }) => {
  await showStream0(page);
  const before = (await drawnFrames(page)).length;
  await diagram(page).getByRole('button', { name: 'Zoom out' }).click();
  await diagram(page).getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => (await drawnFrames(page)).length).toBeGreaterThan(before);
  await diagram(page).getByRole('button', { name: 'Reset zoom' }).click();
  await expect.poll(async () => (await drawnFrames(page)).length).toBe(before);

  const lanes = diagram(page).locator('line.lane');
  const gap = async () => {
    const xs = await lanes.evaluateAll((els) => els.map((e) => Number(e.getAttribute('x1'))));
    return xs[1] - xs[0];
  };
  const wide = await gap();
  await diagram(page).getByRole('slider', { name: 'Lane width' }).fill('120');
  await expect.poll(gap).toBeLessThan(wide);

  // tshark: frame 1 tcp.seq_raw 1344290840; frame 2 tcp.seq_raw 832211009, tcp.ack_raw 1344290841.
  await diagram(page).getByRole('slider', { name: 'Lane width' }).fill('300');
  await diagram(page).getByRole('checkbox', { name: 'Raw sequence numbers' }).check();
  await expect(arrow(page, 1).locator('text.label')).toHaveText('SYN Seq=1344290840');
  await expect(arrow(page, 2).locator('title')).toContainText('SYN, ACK Seq=832211009 Ack=1344290841');

  // One lane per host: the loopback conversation is one lane, its arrows loops with the ports written beside them.
  await diagram(page).getByRole('checkbox', { name: 'One lane per host' }).check();
  await expect(diagram(page).locator('text.lane-name')).toHaveCount(1);
  await expect(diagram(page).locator('text.lane-name')).toContainText('127.0.0.1');
  await expect(arrow(page, 1).locator('text.label')).toHaveText('42960 → 8080  SYN Seq=1344290840');
});

test('all flows follow the display filter, and #view=flow opens the diagram', async ({ page }) => {
  await openLab(page, '#view=flow');
  await expect(diagram(page).getByText(/^All flows: 152 arrows between 3 endpoints$/)).toBeVisible();
  const filter = page.getByRole('textbox', { name: 'Display filter' });
  await filter.fill('http');
  await filter.press('Enter');
  // tshark -r lab-null.pcapng -Y http: frames 4 9 11 41 50 101 112 142.
  await expect(diagram(page).getByText(/^All flows: 8 arrows/)).toBeVisible();
  // Zoomed out, all eight fit on the screen.
  await diagram(page).getByRole('button', { name: 'Zoom out' }).click();
  await diagram(page).getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(() => drawnFrames(page)).toEqual([4, 9, 11, 41, 50, 101, 112, 142]);
  // Back returns to the packets view.
  await page.getByRole('link', { name: 'Packets' }).click();
  await expect(diagram(page)).toHaveCount(0);
  await page.goBack();
  await expect(diagram(page)).toBeVisible();
});

async function downloaded(page: Page, button: string): Promise<string> {
  const wait = page.waitForEvent('download');
  await diagram(page).getByRole('button', { name: button }).click();
  const download: Download = await wait;
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

test('exports: the SVG has the labels, the Mermaid text is a sequenceDiagram', async ({ page }) => {
  await showStream0(page);
  const svg = await downloaded(page, 'Export SVG');
  expect(svg).toContain('SYN Seq=0');
  expect(svg).toContain('SYN, ACK Seq=0 Ack=1');
  expect(svg).toContain('Three-way handshake');
  expect(svg).toContain('GET /icon.jpg');
  expect(svg.match(/data-frame="\d+"/g)).toHaveLength(STREAM_0.length);
  // The browser reads it as SVG (no parser error) and draws it.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName('parsererror').length };
  }, svg);
  expect(parsed).toEqual({ root: 'svg', errors: 0 });

  const mermaid = await downloaded(page, 'Export Mermaid');
  const lines = mermaid.trimEnd().split('\n');
  expect(lines[0]).toBe('sequenceDiagram');
  const participants = lines.filter((l) => /^\s*participant /.test(l));
  expect(participants).toHaveLength(2);
  for (const p of participants) expect(p).toMatch(/^\s*participant P\d+ as 127\.0\.0\.1:(42960|8080)$/);
  const messages = lines.filter((l) => /^\s*P\d+-/.test(l));
  expect(messages).toHaveLength(STREAM_0.length);
  for (const m of messages) expect(m).toMatch(/^\s*P[01]-(>>|\)|x)P[01]: \S.*$/);
  expect(messages[0]).toMatch(/P\d->>P\d: SYN Seq=0$/);

  // The visible part only: fewer arrows.
  await diagram(page).getByRole('checkbox', { name: 'Visible part only' }).check();
  const part = await downloaded(page, 'Export SVG');
  const drawn = (part.match(/data-frame="\d+"/g) ?? []).length;
  expect(drawn).toBeGreaterThan(3);
  expect(drawn).toBeLessThan(STREAM_0.length);
  const png = page.waitForEvent('download');
  await diagram(page).getByRole('button', { name: 'Export PNG' }).click();
  const file = readFileSync(await (await png).path());
  expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test('the TCP stream graph of the conversation: segments, ACKs, and a click selects the frame', async ({ page }) => {
  await showStream0(page);
  await diagram(page).getByRole('button', { name: 'TCP stream graph' }).click();
  const graph = page.getByRole('region', { name: 'TCP stream graph' });
  await expect(graph).toBeVisible();
  await expect(graph.getByText('Sequence numbers (tcptrace) for 127.0.0.1:8080 → 127.0.0.1:42960')).toBeVisible();
  // The server's direction of stream 0 (tshark: its SYN/ACK, data segments and FIN), and the client's ACKs.
  const segments = graph.locator('[data-kind="segment"][data-frame]');
  await expect(segments).toHaveCount(23);
  await expect(segments.first()).toHaveAttribute('data-frame', '2');
  await expect(segments.last()).toHaveAttribute('data-frame', '147');
  await expect(graph.locator('[data-kind="ack"][data-frame]')).toHaveCount(27);
  // At full scale the 200 OK's segment and the ACK of frame 10 share a pixel: zoom in on them with the wheel (d3-zoom
  // keeps the point under the pointer), until the segment's I-beam stands clear of the ACK at its top.
  const segment9 = graph.locator('[data-kind="segment"][data-frame="9"]');
  for (let i = 0; i < 12; i++) {
    const at = await segment9.boundingBox();
    if (!at || at.height > 40) break;
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.wheel(0, -400);
    await page.evaluate(() => new Promise(requestAnimationFrame));
  }
  await segment9.click();
  await expect(row(page, 9)).toHaveAttribute('aria-selected', 'true');
  await diagram(page).getByRole('button', { name: 'Back to the sequence diagram' }).click();
  await expect(arrow(page, 9)).toHaveClass(/current/);
});
