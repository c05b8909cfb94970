// Languages: a browser that prefers Chinese gets the Simplified Chinese UI and <html lang="zh-CN">; the switch changes
// the language in place (the open capture, its selection and filter stay) and is remembered; field descriptions
// follow the language in the packet details. Protocol and field names stay Wireshark's English.
import { expect, test, type Page } from '@playwright/test';

const LAB = new URL('../public/samples/lab-null.pcapng', import.meta.url).pathname;

const packetList = (page: Page) => page.getByRole('grid', { name: 'Packet list' });
const tree = (page: Page) => page.getByRole('tree', { name: 'Packet details' });

async function openLab(page: Page): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles(LAB);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
}

test.describe('a browser that prefers Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('gets the Chinese UI and lang="zh-CN"', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '打开示例' })).toBeVisible();
    await expect(page.getByText('文件只在本标签页中读取，不会上传到任何地方。')).toBeVisible();
    await expect(page.getByRole('combobox', { name: '语言' })).toHaveValue('zh-CN');
    await openLab(page);
    await expect(page.getByRole('navigation', { name: '视图' }).getByRole('link', { name: '时序图' })).toBeVisible();
    await expect(page.getByTestId('packet-count')).toHaveText('152 个分组');
    // The columns and the packets keep Wireshark's English.
    await expect(packetList(page).getByRole('columnheader', { name: 'Protocol' })).toBeVisible();
  });
});

test('the switch changes the language in place, keeps the capture, and is remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await openLab(page);
  await page.getByRole('textbox', { name: 'Display filter' }).fill('tcp.port == 8080 && http');
  await page.getByRole('textbox', { name: 'Display filter' }).press('Enter');
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '9');
  await packetList(page).locator('[role="row"][data-frame="9"]').click();
  await expect(tree(page)).toHaveAttribute('data-frame', '9');
  // The IPv4 line of the tree: its tooltip says what the protocol is.
  const ip = tree(page).locator('[data-field="ip"]').first();
  await expect(ip).toHaveAttribute('title', /^ip\nInternet Protocol version 4/);

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('link', { name: '分组', exact: true })).toBeVisible();
  // Same capture, same filter, same selected packet: nothing was reloaded.
  await expect(page.getByTestId('packet-count')).toHaveText('152 个分组');
  await expect(packetList(page)).toHaveAttribute('aria-rowcount', '9');
  await expect(tree(page)).toHaveAttribute('data-frame', '9');
  await expect(ip).toHaveAttribute('title', /^ip\n网际协议第 4 版/);

  // Remembered: a new visit opens in Chinese although the browser prefers English.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '打开示例' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Open the sample' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('explains the selected packet with its own numbers, in the chosen language', async ({ page }) => {
  await page.goto('/');
  await openLab(page);
  const explanation = page.getByRole('region', { name: 'Explain this packet' });
  // Go to a frame with Ctrl+G, as a user would (the list draws only the rows in view).
  const select = async (n: number) => {
    await packetList(page).focus();
    await page.keyboard.press('Control+g');
    const box = page.getByRole('dialog').getByRole('textbox');
    await box.fill(String(n));
    await box.press('Enter');
    await expect(tree(page)).toHaveAttribute('data-frame', String(n));
  };
  await select(2);
  await expect(explanation).toContainText('Second step of the three-way handshake');
  await expect(explanation).toContainText('Ack 1 = client ISN 0 + 1');
  await select(4);
  await expect(explanation).toContainText('Ack 645 (next expected sequence number = Seq 1 + Len 644)');
  await expect(explanation).toContainText('HTTP request: the browser asks 127.0.0.1:8080 to GET /.');
  await select(5);
  await expect(explanation).toContainText('A pure acknowledgment (no data)');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const zh = page.getByRole('region', { name: '解释这个分组' });
  await expect(zh).toContainText('纯确认');
  await select(145);
  await expect(zh).toContainText('FIN 占用序号 2097555，所以对方用 Ack 2097556 确认它');
  // Folding it away is remembered.
  await page.getByText('解释这个分组', { exact: true }).click();
  await expect(zh).toBeHidden();
  await page.reload();
  await openLab(page);
  await select(1);
  await expect(page.locator('details.explain')).not.toHaveAttribute('open', '');
});
