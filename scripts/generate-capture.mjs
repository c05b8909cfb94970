#!/usr/bin/env node
// Writes a synthetic but well-formed HTTP/1.1 capture (classic pcap, Ethernet, IPv4, TCP) of N packets, for
// benchmarks: many short keep-alive-free conversations to port 8080, each a handshake, GET, 200 OK with a body,
// ACKs and the four-way close (11 packets), with valid IPv4 checksums.
//
//   node scripts/generate-capture.mjs OUT.pcap [PACKETS=1000000]
import { createWriteStream } from 'node:fs';

const out = process.argv[2];
const total = Number(process.argv[3] ?? 1_000_000);
if (!out || !(total > 0)) {
  console.error('usage: generate-capture.mjs OUT.pcap [PACKETS]');
  process.exit(2);
}

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

const header = Buffer.alloc(24);
header.writeUInt32LE(0xa1b2c3d4, 0);
header.writeUInt16LE(2, 4);
header.writeUInt16LE(4, 6);
header.writeUInt32LE(262144, 16);
header.writeUInt32LE(1, 20);
header.copy(buf, 0);
pos = 24;

const REQUEST = Buffer.from(
  'GET /index.html HTTP/1.1\r\nHost: 10.0.0.1:8080\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: text/html\r\nAccept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n',
);
const BODY = Buffer.from('<!doctype html><title>Wirelens</title>' + 'x'.repeat(600));
const RESPONSE = Buffer.concat([
  Buffer.from(
    `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n`,
  ),
  BODY,
]);

let sec = 1_700_000_000;
let usec = 0;
let written = 0;

function checksum(b, off, len) {
  let s = 0;
  for (let i = 0; i < len; i += 2) s += (b[off + i] << 8) | b[off + i + 1];
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

async function packet(client, cport, toServer, flags, seq, ack, payload) {
  if (written >= total) return;
  const plen = payload ? payload.length : 0;
  const frameLen = 14 + 20 + 20 + plen;
  if (pos + 16 + frameLen > CHUNK) await flush();
  usec += 7;
  if (usec >= 1_000_000) {
    usec -= 1_000_000;
    sec++;
  }
  buf.writeUInt32LE(sec, pos);
  buf.writeUInt32LE(usec, pos + 4);
  buf.writeUInt32LE(frameLen, pos + 8);
  buf.writeUInt32LE(frameLen, pos + 12);
  let o = pos + 16;
  const srvMac = [0x02, 0, 0, 0, 0, 1];
  const cliMac = [0x02, 0, 0, 0, 0, 2];
  (toServer ? srvMac : cliMac).forEach((b, i) => (buf[o + i] = b));
  (toServer ? cliMac : srvMac).forEach((b, i) => (buf[o + 6 + i] = b));
  buf.writeUInt16BE(0x0800, o + 12);
  o += 14;
  const ip = o;
  buf[o] = 0x45;
  buf[o + 1] = 0;
  buf.writeUInt16BE(20 + 20 + plen, o + 2);
  buf.writeUInt16BE(written & 0xffff, o + 4);
  buf.writeUInt16BE(0x4000, o + 6);
  buf[o + 8] = 64;
  buf[o + 9] = 6;
  buf.writeUInt16BE(0, o + 10);
  const srv = 0x0a000001;
  const src = toServer ? client : srv;
  const dst = toServer ? srv : client;
  buf.writeUInt32BE(src >>> 0, o + 12);
  buf.writeUInt32BE(dst >>> 0, o + 16);
  buf.writeUInt16BE(checksum(buf, ip, 20), o + 10);
  o += 20;
  buf.writeUInt16BE(toServer ? cport : 8080, o);
  buf.writeUInt16BE(toServer ? 8080 : cport, o + 2);
  buf.writeUInt32BE(seq >>> 0, o + 4);
  buf.writeUInt32BE(ack >>> 0, o + 8);
  buf[o + 12] = 5 << 4;
  buf[o + 13] = flags;
  buf.writeUInt16BE(64240, o + 14);
  buf.writeUInt16BE(0, o + 16);
  buf.writeUInt16BE(0, o + 18);
  o += 20;
  if (payload) payload.copy(buf, o);
  pos += 16 + frameLen;
  written++;
}

const SYN = 0x02,
  ACK = 0x10,
  PSH = 0x08,
  FIN = 0x01;
let conv = 0;
while (written < total) {
  const client = 0x0a000000 + 2 + (conv % 250) + (Math.floor(conv / 250) % 250) * 256;
  const cport = 1024 + (conv % 60000);
  const c = 1000 + conv * 7;
  const s = 5000 + conv * 13;
  conv++;
  await packet(client, cport, true, SYN, c, 0);
  await packet(client, cport, false, SYN | ACK, s, c + 1);
  await packet(client, cport, true, ACK, c + 1, s + 1);
  await packet(client, cport, true, PSH | ACK, c + 1, s + 1, REQUEST);
  await packet(client, cport, false, ACK, s + 1, c + 1 + REQUEST.length);
  await packet(client, cport, false, PSH | ACK, s + 1, c + 1 + REQUEST.length, RESPONSE);
  await packet(client, cport, true, ACK, c + 1 + REQUEST.length, s + 1 + RESPONSE.length);
  await packet(client, cport, true, FIN | ACK, c + 1 + REQUEST.length, s + 1 + RESPONSE.length);
  await packet(client, cport, false, FIN | ACK, s + 1 + RESPONSE.length, c + 2 + REQUEST.length);
  await packet(client, cport, true, ACK, c + 2 + REQUEST.length, s + 2 + RESPONSE.length);
}
await flush();
await new Promise((r) => stream.end(r));
console.log(`wrote ${written} packets to ${out}`);
