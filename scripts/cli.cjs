#!/usr/bin/env node
// `npm run cli`: runs the built CLI (dist/cli.cjs), building it first when a source under workers/ is newer.
// CommonJS, because Node starts a CommonJS script faster than an ES module.
'use strict';
const { execFileSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
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

if (isStale()) execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
require(join(root, 'dist/cli.cjs'));
