#!/usr/bin/env node
// Compares the CLI's detail trees (-V) with a locally installed tshark's (`tshark -2 -n -V`), packet by packet, on
// capture files or folders: the share of identical lines per file and the first differences.
//
//   npm run build:cli && node scripts/compare-tree.mjs [--show N] [--context N] [--keylog] [--cli CMD] PATH…
//
// Lines are matched within each packet (longest common subsequence), so one extra line costs one line, not the rest of
// the packet. tshark runs with TZ=UTC and an empty configuration folder, like scripts/compare-tshark.mjs.
// Exit status: 0 when every file is identical, 1 otherwise, 2 on a usage or run error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const paths = [];
let show = 20;
let context = 0;
let extra = [];
let cli = ['node', 'dist/cli.cjs'];
let useKeylog = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--show') show = Number(args[++i]);
  else if (args[i] === '--context') context = Number(args[++i]);
  else if (args[i] === '--ours-args') extra = args[++i].split(/\s+/).filter(Boolean);
  else if (args[i] === '--cli') cli = args[++i].split(/\s+/).filter(Boolean);
  else if (args[i] === '--keylog') useKeylog = true;
  else paths.push(args[i]);
}
if (!paths.length) {
  console.error('usage: compare-tree.mjs [--show N] [--context N] PATH…');
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
// With --keylog, a key log beside the capture (NAME.keylog) is given to both (the goldens are made without).
function keylogArgs(file) {
  if (!useKeylog) return [];
  const dir = path.dirname(file);
  const base = path.basename(file).replace(/\.(pcap|pcapng|cap)(\.gz|\.zst)?$/, '');
  const k = path.join(dir, `${base}.keylog`);
  return fs.existsSync(k) ? ['-o', `tls.keylog_file:${k}`] : [];
}

/**
 * Packets of -V text: blocks separated by a blank line (a tree line is never empty), except that tshark prints the
 * bytes of a "Data" item after a blank line inside its packet: a block starting with a hex dump line continues.
 */
function packets(text) {
  const out = [];
  let cur = [];
  let blank = false;
  for (const line of text.split('\n')) {
    if (line === '') {
      blank = true;
      continue;
    }
    if (blank && cur.length && !/^[0-9a-f]{4,} {2}/.test(line)) {
      out.push(cur);
      cur = [];
    } else if (blank && cur.length) cur.push('');
    blank = false;
    cur.push(line);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Longest common subsequence of two line lists: the edit script as [op, line] with op ' ', '-', '+'. The common
 * start and end are taken first; a middle too large for the table is compared as multisets (an estimate).
 */
function diff(a, b) {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const head = a.slice(0, pre).map((l) => [' ', l]);
  const tail = a.slice(a.length - suf).map((l) => [' ', l]);
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  if (am.length * bm.length > 20_000_000) {
    const count = new Map();
    for (const l of am) count.set(l, (count.get(l) ?? 0) + 1);
    let same = 0;
    for (const l of bm) {
      const c = count.get(l) ?? 0;
      if (c > 0) {
        same++;
        count.set(l, c - 1);
      }
    }
    const ops = [...head, ...am.map((l) => ['-', l]), ...bm.map((l) => ['+', l]), ...tail];
    return { same: pre + suf + same, ops };
  }
  const d = lcs(am, bm);
  return { same: pre + suf + d.same, ops: [...head, ...d.ops, ...tail] };
}

function lcs(a, b) {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push([' ', a[i]]);
      i++;
      j++;
    } else if (j < m && (i >= n || dp[i * w + j + 1] >= dp[(i + 1) * w + j])) {
      ops.push(['+', b[j]]);
      j++;
    } else {
      ops.push(['-', a[i]]);
      i++;
    }
  }
  return { same: dp[0], ops };
}

let allSame = true;
const totals = { same: 0, lines: 0 };
for (const file of files) {
  const env = { ...process.env, TZ: 'UTC', WIRESHARK_CONFIG_DIR: config };
  const keys = keylogArgs(file);
  const ts = spawnSync('tshark', ['-2', '-n', '-V', ...keys, '-r', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env,
  });
  if (ts.error) {
    console.error(`tshark could not run: ${ts.error.message}`);
    process.exit(2);
  }
  const ours = spawnSync(cli[0], [...cli.slice(1), '-V', ...keys, ...extra, '-r', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env,
  });
  if (ours.status !== 0 && !ours.stdout) {
    console.error(`${file}: the CLI failed: ${ours.stderr.trim()}`);
    allSame = false;
    continue;
  }
  const theirs = packets(ts.stdout);
  const mine = packets(ours.stdout);
  let same = 0;
  let lines = 0;
  let samePackets = 0;
  const shown = [];
  const count = Math.max(theirs.length, mine.length);
  for (let k = 0; k < count; k++) {
    const a = theirs[k] ?? [];
    const b = mine[k] ?? [];
    const d = diff(a, b);
    same += d.same;
    lines += Math.max(a.length, b.length);
    if (d.same === a.length && a.length === b.length) {
      samePackets++;
      continue;
    }
    if (shown.length >= show) continue;
    // Differing lines with their tree path, so that a line can be found in both outputs.
    const keep = d.ops.map((op) => op[0] !== ' ');
    const near = keep.map((_, i) => keep.slice(Math.max(0, i - context), i + context + 1).some(Boolean));
    const hunk = [];
    d.ops.forEach((op, i) => {
      if (near[i]) hunk.push(`  ${op[0]} ${op[1]}`);
    });
    shown.push(`frame ${k + 1} (- tshark, + ours):\n${hunk.join('\n')}`);
  }
  totals.same += same;
  totals.lines += lines;
  const pct = lines ? ((100 * same) / lines).toFixed(2) : '100.00';
  if (same !== lines) allSame = false;
  console.log(`${file}: ${pct}% identical lines (${same}/${lines}), ${samePackets}/${count} packets identical`);
  for (const s of shown) console.log(s);
}
if (files.length > 1) {
  const pct = totals.lines ? ((100 * totals.same) / totals.lines).toFixed(2) : '100.00';
  console.log(`all: ${pct}% identical lines (${totals.same}/${totals.lines})`);
}
process.exit(allSame ? 0 : 1);
