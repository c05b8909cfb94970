// End-to-end tests: the production build (vite build, then vite preview) in Debian's Chromium, through the real
// engine worker. `npm run test:e2e` builds first.
import { defineConfig } from '@playwright/test';

// WIRELENS_E2E_PORT and WIRELENS_DIST let several checkouts (or people) test their own build side by side.
const PORT = Number(process.env.WIRELENS_E2E_PORT ?? 4174);
const DIST = process.env.WIRELENS_DIST ?? 'dist';
const CI = !!process.env.CI;
/** .ci/run sets this to collect the counts of passed and failed tests as JSON. */
const REPORTS = process.env.WIRELENS_REPORTS;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: REPORTS ? [['list'], ['json', { outputFile: `${REPORTS}/e2e.json` }]] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !CI,
    timeout: 60_000,
  },
});
