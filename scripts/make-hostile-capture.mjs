#!/usr/bin/env node
// Writes a small, hostile HTTP capture (classic pcap, Ethernet): a request whose URI, header and body carry markup
// and script, and a text/html response whose body tries to run script and whose Content-Disposition file name tries
// to climb out of the download folder. Every byte of it must be shown as text and nothing of it may run.
//
//   node scripts/make-hostile-capture.mjs OUT.pcap
import { writeFileSync } from 'node:fs';

/** What a successful injection would set; the end-to-end test checks it stays undefined. */
export const MARKER = '__wirelensPwned';

const request = [
  `GET /<script>window.${MARKER}=1</script>/../../etc/passwd?q="><img src=x onerror=window.${MARKER}=2> HTTP/1.1`,
  'Host: <b>evil</b>.example',
  `X-Evil: <img src=x onerror="window.${MARKER}=3">`,
  `User-Agent: ]]><svg onload=window.${MARKER}=4>`,
  '',
  '',
].join('\r\n');

const body = `<!doctype html><script>window.${MARKER}=5</script><img src=x onerror="window.${MARKER}=6"><iframe src="javascript:window.${MARKER}=7"></iframe>`;
const response = [
  'HTTP/1.1 200 OK',
  'Content-Type: text/html',
  'Content-Disposition: attachment; filename="../../evil<script>.html"',
  `Content-Length: ${Buffer.byteLength(body)}`,
  '',
  body,
].join('\r\n');

const CLIENT = [10, 0, 0, 1];
const SERVER = [10, 0, 0, 2];
const CPORT = 51000;
const SPORT = 80;

function checksum(buf) {
  let sum = 0;
  for (let i = 0; i + 1 < buf.length; i += 2) sum += buf.readUInt16BE(i);
  if (buf.length % 2) sum += buf[buf.length - 1] << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

function frame(fromClient, flags, seq, ack, payload = Buffer.alloc(0)) {
  const [src, dst, sport, dport] = fromClient ? [CLIENT, SERVER, CPORT, SPORT] : [SERVER, CLIENT, SPORT, CPORT];
  const tcp = Buffer.alloc(20);
  tcp.writeUInt16BE(sport, 0);
  tcp.writeUInt16BE(dport, 2);
  tcp.writeUInt32BE(seq >>> 0, 4);
  tcp.writeUInt32BE(ack >>> 0, 8);
  tcp[12] = 5 << 4;
  tcp[13] = flags;
  tcp.writeUInt16BE(65535, 14);
  const pseudo = Buffer.concat([
    Buffer.from(src),
    Buffer.from(dst),
    Buffer.from([0, 6]),
    Buffer.from([(20 + payload.length) >> 8, (20 + payload.length) & 0xff]),
  ]);
  tcp.writeUInt16BE(checksum(Buffer.concat([pseudo, tcp, payload])), 16);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 20 + payload.length, 2);
  ip[8] = 64;
  ip[9] = 6;
  Buffer.from(src).copy(ip, 12);
  Buffer.from(dst).copy(ip, 16);
  ip.writeUInt16BE(checksum(ip), 10);
  const eth = Buffer.from([2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00]);
  if (!fromClient) eth.set([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2], 0);
  return Buffer.concat([eth, ip, tcp, payload]);
}

export function hostileCapture() {
  const SYN = 0x02;
  const ACK = 0x10;
  const PSH = 0x08;
  const FIN = 0x01;
  const req = Buffer.from(request, 'latin1');
  const res = Buffer.from(response, 'utf8');
  const c = 1000;
  const s = 5000;
  const frames = [
    frame(true, SYN, c, 0),
    frame(false, SYN | ACK, s, c + 1),
    frame(true, ACK, c + 1, s + 1),
    frame(true, PSH | ACK, c + 1, s + 1, req),
    frame(false, PSH | ACK, s + 1, c + 1 + req.length, res),
    frame(true, FIN | ACK, c + 1 + req.length, s + 1 + res.length),
    frame(false, FIN | ACK, s + 1 + res.length, c + 2 + req.length),
    frame(true, ACK, c + 2 + req.length, s + 2 + res.length),
  ];
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  const records = frames.map((f, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1700000000, 0);
    r.writeUInt32LE(i * 1000, 4);
    r.writeUInt32LE(f.length, 8);
    r.writeUInt32LE(f.length, 12);
    return Buffer.concat([r, f]);
  });
  return Buffer.concat([header, ...records]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: make-hostile-capture.mjs OUT.pcap');
    process.exit(2);
  }
  writeFileSync(out, hostileCapture());
}
