// The I/O graph (#view=io), HTTP statistics (#view=http) and Expert information (#view=expert) through the real
// worker in the production build: the graph's marks add up to the packets of each line, a line with its own filter
// can be added, clicking a mark selects the first packet of its interval; the lab's GET, 200 and 206 counts; the
// expert groups of a lossy capture with their counts, and a frame of one selected from its list.
import { expect, test, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;
const VETH = new URL('./fixtures/net-veth.cut-3450-3750.pcapng', import.meta.url).pathname;

const row = (page: Page, n: number) =>
  page.getByRole('grid', { name: 'Packet list' }).locator(`[role="row"][data-frame="${n}"]`);

async function open(page: Page, file: string, view: string): Promise<void> {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('navigation').getByRole('link', { name: view, exact: true }).click();
}

const graph = (page: Page) => page.getByRole('region', { name: 'I/O graph' });
const marks = (page: Page, line: number) => graph(page).locator(`g.series[data-line="${line}"] .mark`);

/** Packets of one line as drawn: data-packets summed over its marks. */
async function drawnPackets(page: Page, line: number): Promise<number> {
  const values = await marks(page, line).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-packets'))));
  return values.reduce((a, b) => a + b, 0);
}

test('the I/O graph draws every packet, takes a filtered line, and leads to the packets', async ({ page }) => {
  await open(page, LAB, 'I/O graph');
  await expect(page).toHaveURL(/#view=io$/);
  // Auto: 20 ms intervals for the lab's 9.586 s.
  await expect(graph(page).getByRole('img', { name: 'Packets per 20 ms' })).toBeVisible();
  await expect(marks(page, 0).first()).toBeVisible();
  // capinfos -c lab-null.pcapng → 152 packets; tshark -r lab-null.pcapng -Y tcp.analysis.flags | wc -l → 7.
  await expect.poll(() => drawnPackets(page, 0)).toBe(152);
  await expect.poll(() => drawnPackets(page, 1)).toBe(7);

  // A third line: tshark -r lab-null.pcapng -Y http → frames 4 9 11 41 50 101 112 142.
  await graph(page).getByRole('textbox', { name: 'New line filter' }).fill('http');
  await graph(page).getByRole('button', { name: 'Add line' }).click();
  await expect(marks(page, 2).first()).toBeVisible();
  await expect.poll(() => drawnPackets(page, 2)).toBe(8);
  // The last HTTP interval holds frame 142 (0.8169 s, the 206) alone; clicking it selects that packet.
  await marks(page, 2).last().click();
  await expect(row(page, 142)).toHaveAttribute('aria-selected', 'true');
  // The first interval of all packets starts with frame 1.
  await marks(page, 0).first().click();
  await expect(row(page, 1)).toHaveAttribute('aria-selected', 'true');

  // Bars, and bytes: the same marks, their height in bytes (the packets they carry do not change).
  await graph(page).getByRole('combobox', { name: 'Style' }).selectOption('bar');
  await graph(page).getByRole('combobox', { name: 'Y axis' }).selectOption('bytes');
  await expect(graph(page).locator('g.series[data-line="0"] rect.mark').first()).toBeVisible();
  await expect.poll(() => drawnPackets(page, 0)).toBe(152);

  // A 1 s interval: tshark -q -z io,stat,1 → 144 packets in 0–1 s, 4 in 6–7 s, 4 in 9 s–end.
  await graph(page).getByRole('combobox', { name: 'Interval' }).selectOption({ label: '1 s' });
  await expect(graph(page).getByRole('img', { name: 'Bytes per 1 s' })).toBeVisible();
  await expect
    .poll(() => marks(page, 0).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-packets')))))
    .toEqual([144, 4, 4]);

  // Hover gives the interval's values.
  const box = (await graph(page).locator('.plot').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(graph(page).getByRole('status', { name: 'Interval readout' })).toContainText('All packets');

  // An invalid filter says why.
  await graph(page).getByRole('textbox', { name: 'New line filter' }).fill('no.such.field == 1');
  await graph(page).getByRole('button', { name: 'Add line' }).click();
  await expect(graph(page).getByRole('alert')).toBeVisible();
});

test('HTTP statistics show the lab’s requests and responses, and follow the display filter', async ({ page }) => {
  await open(page, LAB, 'HTTP statistics');
  await expect(page).toHaveURL(/#view=http$/);
  const counter = page.getByRole('table', { name: 'Packet counter' });
  const count = (label: string) => counter.locator(`tr[data-label="${label}"] td`).nth(1);
  // tshark -q -z http,tree on lab-null.pcapng.
  await expect(count('Total HTTP Packets')).toHaveText('8');
  await expect(count('GET')).toHaveText('4');
  await expect(count('200 OK')).toHaveText('3');
  await expect(count('206 Partial Content')).toHaveText('1');
  await expect(count('2xx: Success')).toHaveText('4');
  const requests = page.getByRole('table', { name: 'Requests' });
  await expect(requests.locator('tr[data-label="/intro.mp3"]')).toBeVisible();

  await page.getByRole('textbox', { name: 'Display filter' }).fill('http.response.code == 206');
  await page.getByRole('textbox', { name: 'Display filter' }).press('Enter');
  await expect(count('Total HTTP Packets')).toHaveText('1');
  await expect(count('GET')).toHaveCount(0);
  await expect(count('206 Partial Content')).toHaveText('1');
});

test('Expert information lists the groups of a lossy capture, and a frame of one is selected', async ({ page }) => {
  await open(page, VETH, 'Expert information');
  await expect(page).toHaveURL(/#view=expert$/);
  const view = page.getByRole('region', { name: 'Expert information' });
  // tshark -q -z expert on the fixture: Warns (85), Notes (116), Chats (28), all TCP/HTTP Sequence.
  await expect(view.getByText('Warning: 85')).toBeVisible();
  await expect(view.getByText('Note: 116')).toBeVisible();
  await expect(view.getByText('Chat: 28')).toBeVisible();
  const warn = view.locator('tr.group[data-severity="warn"][data-group="Sequence"]');
  await expect(warn.locator('td.num')).toHaveText('85');
  const note = view.locator('tr.group[data-severity="note"][data-group="Sequence"]');
  await expect(note.locator('td.num')).toHaveText('116');

  await note.getByRole('button').click();
  const retrans = view.locator('tr.entry[data-summary="This frame is a (suspected) retransmission"]');
  await expect(retrans.locator('td.num')).toHaveText('30');
  await retrans.getByRole('button').click();
  // tshark -r … -Y tcp.analysis.retransmission -T fields -e frame.number → 95, 139, 143, …
  const frames = view.getByRole('list', { name: 'Frames of This frame is a (suspected) retransmission' });
  await expect(frames.getByRole('button')).toHaveCount(30);
  await expect(frames.getByRole('button').nth(0)).toHaveText('95');
  await frames.getByRole('button', { name: '139', exact: true }).click();
  await expect(row(page, 139)).toHaveAttribute('aria-selected', 'true');

  // Follows the display filter.
  await page.getByRole('textbox', { name: 'Display filter' }).fill('tcp.analysis.retransmission');
  await page.getByRole('textbox', { name: 'Display filter' }).press('Enter');
  await expect(view.getByText(/in 30 packets displayed/)).toBeVisible();
  await expect(retrans.locator('td.num')).toHaveText('30');
});
