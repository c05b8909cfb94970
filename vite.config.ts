import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { serviceWorker } from './scripts/sw-plugin.ts';

/** .ci/run sets this to collect the counts of passed and failed tests as JSON. */
const REPORTS = process.env.WIRELENS_REPORTS;

export default defineConfig({
  // Relative asset paths: the built app works from any sub-path of a static host.
  base: './',
  // serviceWorker(): the offline app — writes sw.js with the build's file list (scripts/sw-plugin.ts).
  plugins: [svelte(), serviceWorker()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['workers/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60000,
    reporters: REPORTS ? ['default', 'json'] : ['default'],
    outputFile: REPORTS ? { json: `${REPORTS}/unit.json` } : undefined,
  },
});
