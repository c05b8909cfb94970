#!/usr/bin/env node
// Regenerates workers/filter/testdata/bpf.tsv: which frames of a test capture a capture filter selects, as libpcap
// compiles it. For each line of bpf.txt (capture <TAB> capture filter) it asks dumpcap for the BPF program
// (`dumpcap -i lo -d -f FILTER`: the loopback interface is Ethernet, so only Ethernet captures are used), runs that
// program over every packet (a small BPF interpreter below) and writes capture <TAB> filter <TAB> frame numbers.
// Needs dumpcap and editcap (Wireshark); the tests only read the result and compare the display filter the
// capture filter is translated to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'workers/filter/testdata');
const captures = join(root, 'workers/testdata');
const tmp = mkdtempSync(join(tmpdir(), 'golden-bpf-'));

/** The packets of a capture (any format editcap reads) as byte arrays, via a pcap copy. */
function packets(file) {
  const out = join(tmp, 'copy.pcap');
  execFileSync('editcap', ['-F', 'pcap', file, out], { stdio: ['ignore', 'ignore', 'pipe'] });
  const b = readFileSync(out);
  const magic = b.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  if (u32(20) !== 1) throw new Error(`${file}: not Ethernet (link type ${u32(20)})`);
  const list = [];
  for (let o = 24; o + 16 <= b.length;) {
    const cap = u32(o + 8);
    list.push(new Uint8Array(b.subarray(o + 16, o + 16 + cap)));
    o += 16 + cap;
  }
  return list;
}

/** The BPF program of a capture filter, as dumpcap prints it: [op, operand, jt, jf]. */
function program(filter) {
  const text = execFileSync('dumpcap', ['-i', 'lo', '-d', '-f', filter], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return text
    .split('\n')
    .map((l) => l.match(/^\((\d+)\)\s+(\S+)\s*(.*?)\s*(?:jt (\d+)\s+jf (\d+))?\s*$/))
    .filter(Boolean)
    .map((m) => ({
      n: +m[1],
      op: m[2],
      arg: m[3],
      jt: m[4] === undefined ? -1 : +m[4],
      jf: m[5] === undefined ? -1 : +m[5],
    }));
}

/** Run a BPF program over one packet: true when it accepts it. Loads past the end reject, as in the kernel. */
function run(prog, p) {
  let A = 0;
  let X = 0;
  const M = new Uint32Array(16);
  const load = (off, size) => {
    if (off < 0 || off + size > p.length) throw new Error('out of bounds');
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + p[off + i];
    return v >>> 0;
  };
  const num = (s) => Number(s.replace(/^#/, ''));
  try {
    for (let pc = 0; pc < prog.length;) {
      const { op, arg, jt, jf } = prog[pc];
      const k = arg.startsWith('#') ? num(arg) : arg === 'x' ? X : NaN;
      const size = { ld: 4, ldh: 2, ldb: 1 }[op];
      let m;
      if (size && (m = arg.match(/^\[x \+ (\d+)\]$/))) A = load(X + +m[1], size);
      else if (size && (m = arg.match(/^\[(\d+)\]$/))) A = load(+m[1], size);
      else if (op === 'ld' && (m = arg.match(/^M\[(\d+)\]$/))) A = M[+m[1]];
      else if (op === 'ld' && (arg === 'len' || arg === '#pktlen')) A = p.length;
      else if (op === 'ld') A = k >>> 0;
      else if (op === 'ldx' && (m = arg.match(/^M\[(\d+)\]$/))) X = M[+m[1]];
      else if (op === 'ldx') X = k >>> 0;
      else if (op === 'ldxb' && (m = arg.match(/^4\*\(\[(\d+)\]&0xf\)$/))) X = (load(+m[1], 1) & 0xf) * 4;
      else if (op === 'st') M[+arg.match(/\d+/)[0]] = A;
      else if (op === 'stx') M[+arg.match(/\d+/)[0]] = X;
      else if (op === 'tax') X = A;
      else if (op === 'txa') A = X;
      else if (op === 'and') A = (A & k) >>> 0;
      else if (op === 'or') A = (A | k) >>> 0;
      else if (op === 'xor') A = (A ^ k) >>> 0;
      else if (op === 'lsh') A = (A << k) >>> 0;
      else if (op === 'rsh') A = A >>> k;
      else if (op === 'add') A = (A + k) >>> 0;
      else if (op === 'sub') A = (A - k) >>> 0;
      else if (op === 'mul') A = Math.imul(A, k) >>> 0;
      else if (op === 'div') A = k ? Math.floor(A / k) >>> 0 : 0;
      else if (op === 'mod') A = k ? A % k : 0;
      else if (op === 'neg') A = -A >>> 0;
      else if (op === 'ret') return (arg === 'a' ? A : k) !== 0;
      else if (op === 'ja') {
        pc = +arg;
        continue;
      } else if (['jeq', 'jgt', 'jge', 'jset'].includes(op)) {
        const yes =
          op === 'jeq' ? A === k >>> 0 : op === 'jgt' ? A > k >>> 0 : op === 'jge' ? A >= k >>> 0 : (A & k) !== 0;
        pc = yes ? jt : jf;
        continue;
      } else throw new Error(`BPF instruction not handled: ${op} ${arg}`);
      pc++;
    }
  } catch (e) {
    if (e.message === 'out of bounds') return false;
    throw e;
  }
  return false;
}

const lines = readFileSync(join(dir, 'bpf.txt'), 'utf8').split('\n');
const out = ['# capture\tcapture filter\tframes libpcap selects (made by scripts/golden-bpf.mjs with dumpcap -d)'];
const cache = new Map();
for (const line of lines) {
  if (!line || line.startsWith('#')) continue;
  const [capture, filter] = line.split('\t');
  if (!cache.has(capture)) cache.set(capture, packets(join(captures, capture)));
  const prog = program(filter);
  const frames = cache
    .get(capture)
    .map((p, i) => (run(prog, p) ? i + 1 : 0))
    .filter(Boolean);
  out.push(`${capture}\t${filter}\t${frames.join(' ')}`);
}
writeFileSync(join(dir, 'bpf.tsv'), out.join('\n') + '\n');
rmSync(tmp, { recursive: true });
console.log(`${out.length - 1} capture filters`);
