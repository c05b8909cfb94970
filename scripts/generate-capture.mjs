#!/usr/bin/env node
// Writes a synthetic, realistic HTTP/1.1 capture of exactly N packets, for benchmarks and for checking the engine
// against tshark on something large: classic pcap (microsecond timestamps), Ethernet, IPv4, TCP to a web server at
// 192.168.10.2:8080, seen from the server's side of a LAN.
//
// Each connection is what Linux and a browser put on the wire: a three-way handshake with the options Linux sends
// (MSS, SACK_PERM, timestamps, NOP, window scale 7), timestamps on every later segment, a GET, the server's immediate
// ACK, a 200 OK whose headers and body span several full-size segments (1448 bytes of payload), so the receiver has
// to reassemble it, the client ACKing every second segment, and a four-way close. About one connection in five is
// kept alive for a second request and closed by the client; the others ask for `Connection: close` and the server
// closes first. Connections overlap in time (they start about every 3 ms; round trips of 0.2–2 ms, server think
// times of 0.1–20 ms). IPv4 and TCP checksums are valid. Bodies are text (HTML, CSS, JavaScript, plain text).
//
// The output depends only on N, and a smaller N gives a prefix of a larger one: the same bytes every run (a seeded
// generator; no clock, no randomness from the system). The last connections may end mid-way at packet N.
//
// Size: about 450 bytes per packet on average (431 of frame). 1,000,000 packets are 447 MB (447,469,367 bytes:
// 61,311 connections over about 3 minutes of capture time), written in about 4 s; 20,000 packets are 9.1 MB.
//
//   node scripts/generate-capture.mjs OUT.pcap [PACKETS=1000000]
import { createWriteStream } from 'node:fs';

const out = process.argv[2];
const total = Number(process.argv[3] ?? 1_000_000);
if (!out || !Number.isInteger(total) || total <= 0) {
  console.error('usage: generate-capture.mjs OUT.pcap [PACKETS=1000000]');
  process.exit(2);
}

// ---- deterministic randomness -------------------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit generator; the same seed gives the same sequence everywhere. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(0x5eed_2023);
/** An integer in [lo, hi]. */
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const u32 = () => Math.floor(random() * 4294967296) >>> 0;

// ---- the hosts ------------------------------------------------------------------------------------------------------

const SERVER = { ip: 0xc0a80a02, mac: Buffer.from([0x52, 0x54, 0x00, 0x12, 0x34, 0x02]), port: 8080 };
SERVER.tsBase = u32();
const CLIENTS = [];
for (let i = 0; i < 200; i++) {
  CLIENTS.push({
    ip: 0xc0a80a00 + 20 + i, // 192.168.10.20 … 192.168.10.219
    mac: Buffer.from([0x52, 0x54, 0x00, 0xab, (i >> 8) & 0xff, i & 0xff]),
    // Linux picks ephemeral ports in 32768–60999; connect() prefers even ports and walks on from there.
    nextPort: 32768 + 2 * int(0, 14000),
    tsBase: u32(),
    rtt: int(200, 2000), // µs, fixed per host
  });
}

// ---- what is asked for and what comes back ----------------------------------------------------------------------

const PAGES = [
  { path: '/', type: 'text/html; charset=utf-8', kind: 'html' },
  { path: '/index.html', type: 'text/html; charset=utf-8', kind: 'html' },
  { path: '/articles/', type: 'text/html; charset=utf-8', kind: 'html', numbered: '.html' },
  { path: '/css/site.css', type: 'text/css', kind: 'css' },
  { path: '/js/app.js', type: 'application/javascript', kind: 'js' },
  { path: '/notes/', type: 'text/plain; charset=utf-8', kind: 'text', numbered: '.txt' },
];
const AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
];
const ACCEPT = {
  html: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  css: 'text/css,*/*;q=0.1',
  js: '*/*',
  text: 'text/plain,*/*;q=0.8',
};

// A pool of words to cut bodies from: the same text every run.
const WORDS = (
  'the packet capture shows a handshake then a request and a response whose body is split into segments ' +
  'that the receiver reassembles before the message can be read sequence numbers count bytes acknowledgements ' +
  'say what arrived window scaling multiplies the advertised window timestamps echo the peer clock keep alive ' +
  'lets one connection carry several requests and the close takes four segments two in each direction'
).split(' ');
const POOL = (() => {
  const parts = [];
  let n = 0;
  while (n < 1 << 17) {
    const w = pick(WORDS);
    parts.push(w);
    n += w.length + 1;
  }
  return parts.join(' ');
})();

function body(kind, size, n) {
  const start = int(0, POOL.length - size - 1);
  const text = POOL.slice(start, start + size);
  let head;
  let tail;
  if (kind === 'html') {
    head = `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Page ${n}</title></head>\n<body>\n<p>`;
    tail = '</p>\n</body>\n</html>\n';
  } else if (kind === 'css') {
    head = `/* site.css, build ${n} */\nbody { font-family: sans-serif; }\n/* `;
    tail = ' */\n';
  } else if (kind === 'js') {
    head = `// app.js, build ${n}\n'use strict';\nconst text = \``;
    tail = '`;\nconsole.log(text.length);\n';
  } else {
    head = `Note ${n}\n\n`;
    tail = '\n';
  }
  const middle = text.slice(0, Math.max(0, size - head.length - tail.length));
  return Buffer.from(head + middle + tail, 'latin1');
}

const httpDate = (us) => new Date(Math.floor(us / 1000)).toUTCString();

function request(page, n, agent, keepAlive) {
  const path = page.numbered ? `${page.path}${n}${page.numbered}` : page.path;
  return Buffer.from(
    `GET ${path} HTTP/1.1\r\n` +
      `Host: 192.168.10.2:8080\r\n` +
      `User-Agent: ${agent}\r\n` +
      `Accept: ${ACCEPT[page.kind]}\r\n` +
      'Accept-Language: en-US,en;q=0.5\r\n' +
      'Accept-Encoding: gzip, deflate\r\n' +
      `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n` +
      (page.kind === 'html' ? 'Upgrade-Insecure-Requests: 1\r\n' : '') +
      '\r\n',
    'latin1',
  );
}

function response(page, n, at, keepAlive) {
  // Mostly small bodies, now and then a larger one: 1.5 KB to about 13 KB, 2 to 10 segments with the headers.
  const size = 1500 + Math.floor(random() * random() * 11500);
  const content = body(page.kind, size, n);
  const head = Buffer.from(
    'HTTP/1.1 200 OK\r\n' +
      'Server: nginx/1.22.1\r\n' +
      `Date: ${httpDate(at)}\r\n` +
      `Content-Type: ${page.type}\r\n` +
      `Content-Length: ${content.length}\r\n` +
      'Last-Modified: Mon, 13 Nov 2023 09:00:00 GMT\r\n' +
      `Connection: ${keepAlive ? 'keep-alive' : 'close'}\r\n` +
      (keepAlive ? 'Keep-Alive: timeout=5\r\n' : '') +
      `ETag: "6551e4d0-${content.length.toString(16)}"\r\n` +
      'Accept-Ranges: bytes\r\n' +
      '\r\n',
    'latin1',
  );
  return Buffer.concat([head, content]);
}

// ---- one connection as a list of segments -----------------------------------------------------------------------

const SYN = 0x02;
const FIN = 0x01;
const PSH = 0x08;
const ACK = 0x10;
const MSS = 1460;
const SEG = MSS - 12; // payload of a full segment with the timestamp option
const WSCALE = 7;

let connections = 0;

/** Every segment of one connection that starts at `t0` (µs), in the order they cross the server's interface. */
function connection(t0) {
  const id = connections++;
  const host = CLIENTS[int(0, CLIENTS.length - 1)];
  const port = host.nextPort;
  host.nextPort = host.nextPort >= 60998 ? 32768 : host.nextPort + 2 * int(1, 3);
  const rtt = host.rtt + int(0, 100);
  const agent = AGENTS[host.ip % AGENTS.length];
  const keepAlive = random() < 0.2;
  const segs = [];
  const ipId = [int(0, 0xffff), int(0, 0xffff)];
  // Sequence state: next sequence number of the client (c) and of the server (s).
  let c = u32();
  let s = u32();
  // Receive windows as advertised (already scaled down by 2^7 after the handshake).
  let cWin = 502;
  let sWin = 509;
  const tsC = (t) => (host.tsBase + Math.floor(t / 1000)) >>> 0;
  const tsS = (t) => (SERVER.tsBase + Math.floor(t / 1000)) >>> 0;
  /** A client segment captured at t answers the server segment captured at `seen`, one round trip earlier. */
  const fromClient = (t, flags, payload, seen, extra = {}) =>
    segs.push({
      t,
      toServer: true,
      flags,
      seq: c,
      ack: s,
      win: cWin,
      tsval: tsC(t),
      tsecr: tsS(seen),
      payload,
      ...extra,
    });
  const fromServer = (t, flags, payload, seen, extra = {}) =>
    segs.push({
      t,
      toServer: false,
      flags,
      seq: s,
      ack: c,
      win: sWin,
      tsval: tsS(t),
      tsecr: tsC(seen),
      payload,
      ...extra,
    });

  // Handshake.
  let t = t0;
  fromClient(t, SYN, null, 0, { syn: true, ack: 0, win: 64240, tsecr: 0 });
  c = (c + 1) >>> 0;
  const synAt = t;
  t += int(10, 30);
  fromServer(t, SYN | ACK, null, synAt, { syn: true, win: 65160 });
  s = (s + 1) >>> 0;
  const synAckAt = t;
  t += rtt;
  fromClient(t, ACK, null, synAckAt);

  const requests = keepAlive ? 2 : 1;
  let lastSeen = synAckAt; // the last server segment the client has heard of
  for (let r = 0; r < requests; r++) {
    const last = r === requests - 1;
    const page = pick(PAGES);
    const n = int(1, 999);
    // The client sends its request a little after the handshake, or after a pause when it reuses the connection.
    t += r === 0 ? int(40, 400) : int(1000, 30000);
    const req = request(page, n, agent, keepAlive);
    fromClient(t, PSH | ACK, req, lastSeen);
    const reqAt = t;
    c = (c + req.length) >>> 0;
    // The server ACKs at once (quick ACK at the start of a connection), then answers after it has thought.
    t += int(15, 40);
    sWin += 3;
    fromServer(t, ACK, null, reqAt);
    t += int(100, 20000);
    const res = response(page, n, t, keepAlive);
    const sent = [];
    for (let off = 0; off < res.length; off += SEG) {
      const chunk = res.subarray(off, Math.min(off + SEG, res.length));
      const end = off + SEG >= res.length;
      fromServer(t, end ? PSH | ACK : ACK, chunk, reqAt);
      s = (s + chunk.length) >>> 0;
      sent.push({ at: t, next: s });
      t += int(12, 20); // a full frame takes 12 µs at 1 Gb/s
    }
    // The client ACKs every second segment and the last one, one round trip after each was sent; its window grows.
    let acked = 0;
    for (let i = 1; i < sent.length; i += 2) acked = pushAck(sent[i], i + 1);
    if (acked !== sent.length) pushAck(sent[sent.length - 1], sent.length);
    function pushAck(seg, count) {
      cWin += Math.ceil((count - acked) * 1.5);
      segs.push({
        t: seg.at + rtt,
        toServer: true,
        flags: ACK,
        seq: c,
        ack: seg.next,
        win: cWin,
        tsval: tsC(seg.at + rtt),
        tsecr: tsS(seg.at),
        payload: null,
      });
      return count;
    }
    lastSeen = sent[sent.length - 1].at;
    t = lastSeen;
    if (!keepAlive) {
      // The server closes first: FIN, the client's ACK of it, the client's FIN, the server's last ACK.
      t += int(15, 40);
      fromServer(t, FIN | ACK, null, reqAt);
      const finAt = t;
      s = (s + 1) >>> 0;
      t += rtt;
      segs.push({
        t,
        toServer: true,
        flags: ACK,
        seq: c,
        ack: s,
        win: cWin,
        tsval: tsC(t),
        tsecr: tsS(finAt),
        payload: null,
      });
      t += int(50, 500);
      fromClient(t, FIN | ACK, null, finAt);
      const cFinAt = t;
      c = (c + 1) >>> 0;
      t += int(15, 40);
      fromServer(t, ACK, null, cFinAt);
    } else if (last) {
      // The client closes the idle connection: FIN, the server's ACK, the server's FIN, the client's last ACK.
      t += rtt + int(50_000, 2_000_000);
      fromClient(t, FIN | ACK, null, lastSeen);
      const cFinAt = t;
      c = (c + 1) >>> 0;
      t += int(15, 40);
      fromServer(t, ACK, null, cFinAt);
      t += int(50, 300);
      fromServer(t, FIN | ACK, null, cFinAt);
      const finAt = t;
      s = (s + 1) >>> 0;
      t += rtt;
      fromClient(t, ACK, null, finAt);
    } else t += rtt;
  }
  segs.sort((a, b) => a.t - b.t);
  for (const seg of segs) {
    seg.host = host;
    seg.port = port;
    seg.ipId = seg.toServer ? ipId[0]++ & 0xffff : ipId[1]++ & 0xffff;
  }
  return { id, segs, i: 0 };
}

// ---- writing ----------------------------------------------------------------------------------------------------

const stream = createWriteStream(out);
const CHUNK = 8 << 20;
let buf = Buffer.alloc(CHUNK);
let pos = 0;
async function flush() {
  if (!pos) return;
  const data = buf.subarray(0, pos);
  buf = Buffer.alloc(CHUNK);
  pos = 0;
  if (!stream.write(data)) await new Promise((r) => stream.once('drain', r));
}

// pcap file header: microsecond timestamps, version 2.4, snaplen 262144, Ethernet.
buf.writeUInt32LE(0xa1b2c3d4, 0);
buf.writeUInt16LE(2, 4);
buf.writeUInt16LE(4, 6);
buf.writeUInt32LE(262144, 16);
buf.writeUInt32LE(1, 20);
pos = 24;

/** One's-complement sum of 16-bit words, not yet folded. */
function sum16(b, off, len, s = 0) {
  const end = off + (len & ~1);
  for (let i = off; i < end; i += 2) s += (b[i] << 8) | b[i + 1];
  if (len & 1) s += b[off + len - 1] << 8;
  return s;
}
function fold(s) {
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
  return ~s & 0xffff;
}

const T0 = 1_700_000_000_000_000; // µs: Tue, 14 Nov 2023 22:13:20 UTC
let written = 0;

async function write(seg) {
  const { host, port, toServer, payload } = seg;
  const optLen = seg.syn ? 20 : 12;
  const plen = payload ? payload.length : 0;
  const tcpLen = 20 + optLen + plen;
  const frameLen = 14 + 20 + tcpLen;
  if (pos + 16 + frameLen > CHUNK) await flush();
  const sec = Math.floor(seg.t / 1_000_000);
  buf.writeUInt32LE(sec, pos);
  buf.writeUInt32LE(seg.t - sec * 1_000_000, pos + 4);
  buf.writeUInt32LE(frameLen, pos + 8);
  buf.writeUInt32LE(frameLen, pos + 12);
  let o = pos + 16;
  // Ethernet
  (toServer ? SERVER.mac : host.mac).copy(buf, o);
  (toServer ? host.mac : SERVER.mac).copy(buf, o + 6);
  buf.writeUInt16BE(0x0800, o + 12);
  o += 14;
  // IPv4, DF set, TTL 64
  const ip = o;
  const src = toServer ? host.ip : SERVER.ip;
  const dst = toServer ? SERVER.ip : host.ip;
  buf[o] = 0x45;
  buf[o + 1] = 0;
  buf.writeUInt16BE(20 + tcpLen, o + 2);
  buf.writeUInt16BE(seg.ipId, o + 4);
  buf.writeUInt16BE(0x4000, o + 6);
  buf[o + 8] = 64;
  buf[o + 9] = 6;
  buf.writeUInt16BE(0, o + 10);
  buf.writeUInt32BE(src, o + 12);
  buf.writeUInt32BE(dst, o + 16);
  buf.writeUInt16BE(fold(sum16(buf, ip, 20)), o + 10);
  o += 20;
  // TCP
  const tcp = o;
  buf.writeUInt16BE(toServer ? port : SERVER.port, o);
  buf.writeUInt16BE(toServer ? SERVER.port : port, o + 2);
  buf.writeUInt32BE(seg.seq >>> 0, o + 4);
  buf.writeUInt32BE(seg.ack >>> 0, o + 8);
  buf[o + 12] = ((20 + optLen) / 4) << 4;
  buf[o + 13] = seg.flags;
  buf.writeUInt16BE(seg.win, o + 14);
  buf.writeUInt16BE(0, o + 16); // checksum, below
  buf.writeUInt16BE(0, o + 18);
  o += 20;
  if (seg.syn) {
    // MSS, SACK_PERM, timestamps, NOP, window scale: the order Linux uses.
    buf[o] = 2;
    buf[o + 1] = 4;
    buf.writeUInt16BE(MSS, o + 2);
    buf[o + 4] = 4;
    buf[o + 5] = 2;
    o += 6;
  } else {
    buf[o] = 1;
    buf[o + 1] = 1;
    o += 2;
  }
  buf[o] = 8;
  buf[o + 1] = 10;
  buf.writeUInt32BE(seg.tsval >>> 0, o + 2);
  buf.writeUInt32BE(seg.tsecr >>> 0, o + 6);
  o += 10;
  if (seg.syn) {
    buf[o] = 1;
    buf[o + 1] = 3;
    buf[o + 2] = 3;
    buf[o + 3] = WSCALE;
    o += 4;
  }
  if (payload) payload.copy(buf, o);
  // Pseudo-header: addresses, protocol, TCP length.
  const pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + 6 + tcpLen;
  buf.writeUInt16BE(fold(sum16(buf, tcp, tcpLen, pseudo)), tcp + 16);
  pos += 16 + frameLen;
  written++;
}

// Connections start about every 3 ms (exponential gaps) and overlap; a heap picks the next segment by time.
const heap = [];
const before = (a, b) => a.segs[a.i].t < b.segs[b.i].t || (a.segs[a.i].t === b.segs[b.i].t && a.id < b.id);
function push(x) {
  heap.push(x);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!before(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}
function pop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}

let nextStart = T0;
let lastT = T0;
while (written < total) {
  if (!heap.length || nextStart <= heap[0].segs[heap[0].i].t) {
    push(connection(nextStart));
    nextStart += Math.max(50, Math.round(-Math.log(1 - random()) * 3000));
    continue;
  }
  const conn = pop();
  const seg = conn.segs[conn.i++];
  // Two segments never share a timestamp, and time never goes backwards.
  seg.t = Math.max(seg.t, lastT + 1);
  lastT = seg.t;
  await write(seg);
  if (conn.i < conn.segs.length) push(conn);
}
await flush();
await new Promise((r) => stream.end(r));
console.log(`wrote ${written} packets (${connections} connections) to ${out}`);
