// The installable app (issue 8, "Offline app"): the web app manifest, the service worker that precaches the build
// (src/sw.js, written by scripts/sw-plugin.ts), a reload with the network off, the app under a sub-path of a static
// host, and the update prompt when a new version is deployed.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const DIST = resolve(process.env.WIRELENS_DIST ?? 'dist');

/** Wait until the service worker is active and controls the page (the first visit: after it claims the page). */
async function controlled(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
    return registration.scope;
  });
}

async function openSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open the sample' }).click();
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  // tshark -r public/samples/lab-null.pcapng | wc -l → 152
  await expect(page.getByText('152 packets', { exact: true })).toBeVisible();
}

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (b: Buffer) => [b.readUInt32BE(16), b.readUInt32BE(20)];

test('the manifest is served and describes an installable app that opens captures', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBe('./manifest.webmanifest');
  const response = await request.get('/manifest.webmanifest');
  expect(response.ok()).toBe(true);
  const manifest = (await response.json()) as {
    name: string;
    start_url: string;
    scope: string;
    display: string;
    icons: { src: string; sizes: string; type: string; purpose: string }[];
    file_handlers: { action: string; accept: Record<string, string[]> }[];
  };
  expect(manifest).toMatchObject({ name: 'Wirelens', start_url: './', scope: './', display: 'standalone' });
  expect(manifest.file_handlers).toHaveLength(1);
  expect(manifest.file_handlers[0].action).toBe('./');
  expect(Object.values(manifest.file_handlers[0].accept).flat().sort()).toEqual(['.cap', '.gz', '.pcap', '.pcapng']);
  expect(manifest.file_handlers[0].accept['application/vnd.tcpdump.pcap']).toContain('.pcap');
  // Every PNG icon is there, at the size it claims; one is maskable.
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const png = await request.get(`/${icon.src}`);
    expect(png.ok()).toBe(true);
    expect(pngSize(await png.body()).join('x')).toBe(icon.sizes);
  }
  expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
});

test('after the service worker is ready, the app reloads and opens the sample with the network off', async ({
  page,
  context,
}) => {
  await page.goto('/');
  expect(await controlled(page)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  await context.setOffline(true);
  try {
    // Offline indeed: something not precached fails.
    expect(
      await page.evaluate(() =>
        fetch('./not-precached.txt').then(
          () => 'fetched',
          () => 'failed',
        ),
      ),
    ).toBe('failed');
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-state', 'empty');
    await openSample(page);
    // The page under its other name, with a query and a fragment, also opens offline.
    await page.goto('/index.html?source=homescreen#view=io');
    await expect(page.getByRole('button', { name: 'Open the sample' })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test('"Open with Wirelens": a file handed over through the launch queue opens', async ({ page }) => {
  // Chromium fills window.launchQueue only for an installed app launched with a file; this stands in for it.
  await page.addInitScript(() => {
    Object.defineProperty(window, 'launchQueue', {
      configurable: true,
      value: {
        setConsumer(consumer: unknown) {
          (window as unknown as Record<string, unknown>).wlLaunch = consumer;
        },
      },
    });
  });
  await page.goto('/');
  const bytes = [...(await readFile(new URL('./fixtures/5-pings.pcap', import.meta.url)))];
  await page.evaluate((data) => {
    const file = new File([new Uint8Array(data)], '5-pings.pcap');
    const consume = (window as unknown as Record<string, (params: unknown) => void>).wlLaunch;
    consume({ files: [{ name: '5-pings.pcap', getFile: () => Promise.resolve(file) }] });
  }, bytes);
  await expect(page.locator('body')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByText('5-pings.pcap')).toBeVisible();
  // tshark -r e2e/fixtures/5-pings.pcap | wc -l → 10
  await expect(page.getByText('10 packets', { exact: true })).toBeVisible();
});

test.describe('under a sub-path of a static host', () => {
  let server: Server;
  let base = '';
  /** Appended to sw.js as served: changing it deploys a "new version" of the worker. */
  let release = '';

  const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.webmanifest': 'application/manifest+json',
    '.pcapng': 'application/octet-stream',
  };

  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      if (!path.startsWith('/deep/sub/')) {
        res.writeHead(404).end();
        return;
      }
      let file = normalize(path.slice('/deep/sub/'.length) || 'index.html');
      if (file.startsWith('..')) file = 'missing';
      readFile(join(DIST, file)).then(
        (body) => {
          const text = file === 'sw.js' ? Buffer.concat([body, Buffer.from(release)]) : body;
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(text);
        },
        () => res.writeHead(404).end(),
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/deep/sub/`;
  });
  test.afterAll(() => new Promise<void>((done) => server.close(() => done())));

  test('the app, its worker and the service worker work from /deep/sub/, also offline', async ({ page, context }) => {
    await page.goto(base);
    expect(await controlled(page)).toBe(base);
    await openSample(page);
    await context.setOffline(true);
    try {
      await page.reload();
      await openSample(page);
    } finally {
      await context.setOffline(false);
    }
  });

  test('a new version waits until the user chooses Reload in the prompt', async ({ page }) => {
    release = '';
    await page.goto(base);
    await controlled(page);
    const prompt = page.getByRole('status', { name: 'Update' });
    await expect(prompt).toHaveCount(0);
    release = `\n// release ${Date.now()}\n`;
    const first = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    await expect(prompt).toContainText('A new version of Wirelens is ready');
    // The new version waits: the page is still controlled by the old worker.
    const waiting = await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting);
    expect(waiting).toBe(true);
    expect(first).toBe(`${base}sw.js`);
    const reloaded = page.waitForEvent('framenavigated');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    await expect(page.getByRole('button', { name: 'Open the sample' })).toBeVisible();
    expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(false);
    await expect(prompt).toHaveCount(0);
    await openSample(page);
  });
});
