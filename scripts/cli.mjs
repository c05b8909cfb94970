#!/usr/bin/env node
// `npm run cli`: runs the built CLI (dist/cli.mjs), building it first when a source under workers/ is newer.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/cli-bundle.cjs');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function isStale() {
  try {
    const sources = Math.max(newest(join(root, 'workers')), statSync(join(root, 'package-lock.json')).mtimeMs);
    return statSync(built).mtimeMs < sources;
  } catch {
    return true;
  }
}

if (isStale()) await import(pathToFileURL(join(root, 'scripts/build-cli.mjs')).href);
await import(pathToFileURL(join(root, 'dist/cli.mjs')).href);
