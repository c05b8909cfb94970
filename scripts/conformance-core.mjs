#!/usr/bin/env node
// Packet-list conformance on the rows that need no TCP analysis, TCP reassembly, HTTP or TLS: the engine's core
// (capture readers, link layers, IP, ICMP, UDP and its protocols, the TCP header). Complements
// ../shared/tools/conformance.mjs, which scores every in-scope row.
//
//   npm run build:cli && node scripts/conformance-core.mjs [--show N] PATH...
//
// A row is counted when tshark's Protocol is one Wirelens dissects (the same list as conformance.mjs) and its Info
// carries no TCP analysis or reassembly note ("[TCP …]", "[TCP segment of a reassembled PDU]") and its Protocol is
// not HTTP or TLS. Time, Source, Destination and Length are compared on every row of every file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SCOPE =
  /^(Ethernet|ARP|RARP|IPv4|IPv6|ICMP|ICMPv6|UDP|TCP|DNS|MDNS|LLMNR|NBNS|DHCP|BOOTP|DHCPv6|NTP|SSDP|PPPoED|PPP .*|PCAPNG)$/;
const NEEDS_LATER = /\[TCP |segment of a reassembled PDU|\[Illegal Segments\]/;
const FIELDS = [
  'frame.number',
  'frame.time_relative',
  '_ws.col.Source',
  '_ws.col.Destination',
  '_ws.col.Protocol',
  'frame.len',
  '_ws.col.Info',
];

const args = process.argv.slice(2);
let show = 20;
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--show') show = Number(args[++i]);
  else paths.push(args[i]);
}
if (!paths.length) paths.push('../shared/captures');

const isCapture = (f) => !/\.(tsv|md|txt|keylog)$/.test(f) && fs.existsSync(f + '.cols.tsv');
function walk(p, out) {
  if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e), out);
  else if (isCapture(p)) out.push(p);
  return out;
}
const files = paths.flatMap((p) => walk(p, []));
const norm = (f, v) => {
  v = (v ?? '').replace(/\s+$/, '');
  return f === 'frame.time_relative' && v !== '' && !Number.isNaN(Number(v)) ? Number(v).toFixed(6) : v;
};

let rows = 0;
let base = 0; // time, source, destination, length identical
let scope = 0;
let scopeSame = 0;
let failures = 0;
const diffs = [];
for (const file of files) {
  const golden = fs
    .readFileSync(file + '.cols.tsv', 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(1);
  const run = spawnSync(
    'node',
    ['dist/cli.cjs', '-r', file, '-T', 'fields', '-E', 'separator=/t', ...FIELDS.flatMap((f) => ['-e', f])],
    { encoding: 'utf8', maxBuffer: 1 << 30 },
  );
  if (run.status !== 0 && !fs.existsSync(file + '.stderr.txt')) {
    failures++;
    diffs.push(`${file}: the CLI exited ${run.status}: ${(run.stderr || '').trim().split('\n')[0]}`);
  }
  const ours = new Map();
  for (const line of (run.stdout || '').split('\n').filter(Boolean)) {
    const c = line.split('\t');
    ours.set(c[0], c);
  }
  for (const line of golden) {
    const exp = line.split('\t');
    const got = ours.get(exp[0]) ?? [];
    rows++;
    if ([1, 2, 3, 5].every((i) => norm(FIELDS[i], exp[i]) === norm(FIELDS[i], got[i]))) base++;
    else if (diffs.length < show)
      diffs.push(
        `${file}:${exp[0]} time/addr/len\n    tshark: ${exp.slice(1, 6).join(' | ')}\n    ours:   ${got.slice(1, 6).join(' | ')}`,
      );
    if (!SCOPE.test(exp[4]) || NEEDS_LATER.test(exp[6])) continue;
    scope++;
    if (norm('', exp[4]) === norm('', got[4]) && norm('', exp[6]) === norm('', got[6])) scopeSame++;
    else if (diffs.length < show)
      diffs.push(
        `${file}:${exp[0]}\n    tshark: ${exp[4]} | ${exp[6]}\n    ours:   ${got[4] ?? '(no row)'} | ${got[6] ?? ''}`,
      );
  }
}
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(2) : 'n/a');
console.log(
  `core conformance against tshark 4.0 on ${files.length} files${failures ? `, ${failures} CLI failures` : ''}`,
);
console.log(`  Time, Source, Destination, Length identical: ${pct(base, rows)}% of ${rows} rows`);
console.log(
  `  Protocol and Info identical on in-scope rows needing no TCP analysis/reassembly/HTTP/TLS: ${pct(scopeSame, scope)}% of ${scope}`,
);
for (const d of diffs) console.log('  ' + d);
