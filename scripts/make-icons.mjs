// Rasterise public/icon.svg into the PNG icons of the web app manifest, with Debian's Chromium (headless):
//   node scripts/make-icons.mjs
// Writes public/icons/icon-192.png and icon-512.png (the rounded icon on a transparent background, purpose "any")
// and public/icons/maskable-512.png (full-bleed colour, the drawing inside the 80% safe zone, purpose "maskable").
import { readFile } from 'node:fs/promises';
import { chromium } from '@playwright/test';

const root = new URL('../public/', import.meta.url);
const svg = await readFile(new URL('icon.svg', root), 'utf8');
const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
/** The background colour of the icon's rounded square (also the manifest's theme colour). */
const BRAND = '#1d4f7a';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
try {
  for (const [file, size, maskable] of [
    ['icon-192.png', 192, false],
    ['icon-512.png', 512, false],
    ['maskable-512.png', 512, true],
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inner = maskable ? Math.round(size * 0.8) : size;
    await page.setContent(
      `<body style="margin:0;width:${size}px;height:${size}px;display:grid;place-items:center;` +
        `background:${maskable ? BRAND : 'transparent'}"><img src="${src}" width="${inner}" height="${inner}"></body>`,
    );
    await page.locator('img').evaluate((img) => img.decode());
    await page.screenshot({ path: new URL(`icons/${file}`, root).pathname, omitBackground: !maskable });
    await page.close();
  }
} finally {
  await browser.close();
}
