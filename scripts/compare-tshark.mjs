#!/usr/bin/env node
// Compares any fields between the CLI and a locally installed tshark, row by row, on capture files or folders.
// For fields the shared goldens do not hold (frame.protocols, frame.coloring_rule.name, tcp.analysis.*, http.*).
//
//   npm run build:cli && node scripts/compare-tshark.mjs [--show N] [--color] -e FIELD [-e FIELD …] PATH…
//
// --color asks tshark to apply its colouring rules (needed for frame.coloring_rule.*). Rows are joined on their
// position. Needs tshark (Debian: apt-get install tshark); tshark runs with TZ=UTC and an empty configuration folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const fields = [];
const paths = [];
let show = 10;
let color = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '-e') fields.push(args[++i]);
  else if (args[i] === '--show') show = Number(args[++i]);
  else if (args[i] === '--color') color = true;
  else paths.push(args[i]);
}
if (!fields.length || !paths.length) {
  console.error('usage: compare-tshark.mjs [--show N] [--color] -e FIELD … PATH…');
  process.exit(2);
}

const isCapture = (f) => /\.(pcap|pcapng|cap)(\.gz|\.zst)?$/.test(f);
function walk(p, out) {
  if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e), out);
  else if (isCapture(p)) out.push(p);
  return out;
}
const files = paths.flatMap((p) => walk(p, []));
const config = fs.mkdtempSync(path.join(os.tmpdir(), 'wirelens-tshark-'));
const fieldArgs = fields.flatMap((f) => ['-e', f]);

const same = fields.map(() => 0);
let rows = 0;
const diffs = [];
for (const file of files) {
  const ts = spawnSync(
    'tshark',
    [...(color ? ['--color'] : []), '-n', '-2', '-r', file, '-T', 'fields', ...fieldArgs],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, TZ: 'UTC', WIRESHARK_CONFIG_DIR: config },
    },
  );
  if (ts.error) {
    console.error(`tshark could not run: ${ts.error.message}`);
    process.exit(2);
  }
  const ours = spawnSync('node', ['dist/cli.cjs', '-r', file, '-T', 'fields', ...fieldArgs], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const a = ts.stdout.split('\n');
  const b = (ours.stdout || '').split('\n');
  for (let r = 0; r < a.length - 1; r++) {
    rows++;
    const x = a[r].split('\t');
    const y = (b[r] ?? '').split('\t');
    fields.forEach((f, k) => {
      if ((x[k] ?? '') === (y[k] ?? '')) same[k]++;
      else if (diffs.length < show)
        diffs.push(`${file}:${r + 1} ${f}\n    tshark: ${x[k] ?? ''}\n    ours:   ${y[k] ?? ''}`);
    });
  }
}
const pct = (n) => (rows ? ((100 * n) / rows).toFixed(2) : 'n/a');
console.log(`compared with tshark on ${files.length} files, ${rows} rows`);
fields.forEach((f, k) => console.log(`  ${f}: ${pct(same[k])}% identical`));
for (const d of diffs) console.log('  ' + d);
