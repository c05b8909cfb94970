// The display filter bar with the lab capture, through the real worker: a filter narrows the list and the status bar
// says how many are displayed; an invalid one says what is wrong and where; a capture filter is translated and
// applied; a field in the tree becomes a filter; field names are suggested.
import { expect, test, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;
const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const bar = (page: Page) => page.getByRole('textbox', { name: 'Display filter' });
const frames = (page: Page) =>
  packetList(page)
    .locator('[role="row"][data-frame]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-frame'))));

async function openLab(page: Page): Promise<void> {
  await page.goto('/');
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
}

test('a display filter narrows the list and the status bar counts what is displayed', async ({ page }) => {
  await openLab(page);
  await bar(page).fill('tcp.port == 8080 && http');
  await expect(page.locator('.filter')).toHaveAttribute('data-state', 'valid');
  await bar(page).press('Enter');
  // tshark -r lab-null.pcapng -Y 'tcp.port == 8080 && http': frames 4 9 11 41 50 101 112 142.
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '9');
  await expect(page.getByText('Displayed: 8')).toBeVisible();
  await expect.poll(() => frames(page)).toEqual([4, 9, 11, 41, 50, 101, 112, 142]);

  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(page.getByText('Displayed: 152')).toBeVisible();

  await page.getByRole('group', { name: 'Saved filters' }).getByRole('button', { name: 'tcp.analysis.flags' }).click();
  await expect(bar(page)).toHaveValue('tcp.analysis.flags');
  await expect(page.getByText(/^Displayed: \d+$/)).not.toHaveText('Displayed: 152');
});

test('an invalid filter is shown as such, with the error and its place, and is not applied', async ({ page }) => {
  await openLab(page);
  await bar(page).fill('tcp.port == 8080 &&');
  await expect(page.locator('.filter')).toHaveAttribute('data-state', 'invalid');
  await expect(bar(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#filter-message')).toContainText('Unexpected end of filter expression.');
  await expect(page.locator('#filter-message')).toContainText('character 20');
  await bar(page).press('Enter');
  await expect(page.getByText('Displayed: 152')).toBeVisible();

  // A deprecated form is accepted and flagged.
  await bar(page).fill('http.host ~= "127"');
  await expect(page.locator('.filter')).toHaveAttribute('data-state', 'deprecated');
  await expect(page.locator('#filter-message')).not.toBeEmpty();

  await bar(page).fill('tcpp.port == 1');
  // tshark 4.0's words for it.
  await expect(page.locator('#filter-message')).toContainText(
    'Left side of "==" expression must be a field or function, not tcpp.port.',
  );
});

test('a capture filter typed in the bar is translated and applied', async ({ page }) => {
  await openLab(page);
  await bar(page).fill('tcp port 8080 and host 127.0.0.1');
  await expect(page.locator('#filter-message')).toContainText('Capture filter read as the display filter');
  await expect(page.locator('#filter-message code')).toContainText('tcp.port == 8080');
  await bar(page).press('Enter');
  await expect(page.getByText('Displayed: 152')).toBeVisible();
  await bar(page).fill('udp port 53');
  await bar(page).press('Enter');
  await expect(page.getByText('Displayed: 0')).toBeVisible();
});

test('a field in the tree becomes a filter, and field names are suggested as you type', async ({ page }) => {
  await openLab(page);
  await packetList(page).locator('[role="row"][data-frame="4"]').click();
  const http = page.getByRole('tree', { name: 'Packet details' }).getByRole('treeitem', { name: /^Hypertext/ });
  await http.click();
  await page.keyboard.press('ArrowRight');
  const method = page.getByRole('treeitem', { name: /^GET \/ HTTP\/1\.1\\r\\n$/ });
  await method.click();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('treeitem', { name: 'Request Method: GET' }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Apply as filter', exact: true }).click();
  await expect(bar(page)).toHaveValue('http.request.method == "GET"');
  await expect(page.getByText('Displayed: 4')).toBeVisible();

  await bar(page).fill('');
  await bar(page).pressSequentially('http.res');
  const list = page.getByRole('listbox', { name: 'Suggestions' });
  await expect(list.getByRole('option', { name: /^http\.response\.code / })).toBeVisible();
  await bar(page).press('ArrowDown');
  await bar(page).press('Tab');
  await expect(bar(page)).toHaveValue(/^http\.res\S+$/);
});
