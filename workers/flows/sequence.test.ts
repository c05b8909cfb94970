import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { AddrType } from '../dissect/packet';
import { Engine } from '../engine';
import { createEngineApi } from '../engine-api';
import type { SequenceDiagram } from './sequence';
import { StringPacker, stringAt, unpackStrings } from './packed-strings';
import { PHASE_KINDS, TCP_STATES, conversationOf, flowFlags, sequenceOf, tcpLabel } from './sequence';

const capture = join(import.meta.dirname, '../testdata/lab-null.pcapng');

/** 5-pings.pcap (5 echo requests and their replies) with its packets repeated `times` times. */
function pings(times: number): Blob {
  const bytes = readFileSync(join(import.meta.dirname, '../../e2e/fixtures/5-pings.pcap'));
  const body = bytes.subarray(24);
  return new Blob([bytes.subarray(0, 24), ...Array.from({ length: times }, () => body)]);
}

let engine: Engine;
const all = () => Uint32Array.from({ length: engine.count }, (_, i) => i);

beforeAll(async () => {
  engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(capture)), capture));
});

/** One arrow as a plain object (for readable expectations). */
function arrow(d: SequenceDiagram, k: number) {
  return {
    frame: d.frame[k],
    from: d.endpoints[d.from[k]],
    to: d.endpoints[d.to[k]],
    label: stringAt(d.strings, d.label[k]),
    protocol: stringAt(d.strings, d.protocol[k]),
    comment: stringAt(d.strings, d.comment[k]),
    states: [TCP_STATES[d.fromState[k]], TCP_STATES[d.toState[k]]],
  };
}

function phases(d: SequenceDiagram) {
  const out = [];
  for (let i = 0; i < d.phases.count; i++)
    out.push({
      kind: PHASE_KINDS[d.phases.kind[i]],
      frames: [d.frame[d.phases.first[i]], d.frame[d.phases.last[i]]],
      stream: d.phases.stream[i],
      label: stringAt(d.strings, d.phases.label[i]),
    });
  return out;
}

describe('TCP labels', () => {
  it('writes flags as the flow graph does, with relative numbers', () => {
    expect(flowFlags(0x012)).toBe('SYN, ACK');
    expect(tcpLabel(0x002, 0, 0, 0)).toBe('SYN Seq=0');
    expect(tcpLabel(0x012, 0, 1, 0)).toBe('SYN, ACK Seq=0 Ack=1');
    expect(tcpLabel(0x018, 1, 1, 658)).toBe('PSH, ACK Seq=1 Ack=1 Len=658');
    expect(tcpLabel(0x011, 710355, 1780, 0)).toBe('FIN, ACK Seq=710355 Ack=1780');
  });
});

describe('sequenceOf on the lab capture', () => {
  it('draws one arrow per displayed frame of a stream, between its two lanes', async () => {
    const d = await sequenceOf(engine, all(), { stream: 0 });
    expect(d.endpoints).toEqual(['127.0.0.1:42960', '127.0.0.1:8080']);
    // tshark -r lab-null.pcapng -Y "tcp.stream == 0" -T fields -e frame.number
    const stream0 = [
      ...[1, 2, 3, 4, 5, 9, 10, 11, 12],
      ...Array.from({ length: 40 - 13 + 1 }, (_, i) => 13 + i),
      ...[42, 43, 44, 45, 46, 47, 48, 49, 50, 54, 101, 112, 116, 147, 148, 149, 150],
    ];
    expect([...d.frame]).toEqual(stream0);
    expect(d.count).toBe(54);
    expect([...d.stream].every((s) => s === 0)).toBe(true);
    expect(d.time[0]).toBe(0);
    expect(d.time[1]).toBeCloseTo(0.000016034, 9);
  });

  it('labels the handshake as Wireshark does and brackets it', async () => {
    const d = await sequenceOf(engine, all(), { stream: 0 });
    expect([0, 1, 2].map((k) => arrow(d, k))).toMatchObject([
      {
        frame: 1,
        from: '127.0.0.1:42960',
        to: '127.0.0.1:8080',
        label: 'SYN Seq=0',
        protocol: 'TCP',
        states: ['SYN-SENT', 'SYN-RECEIVED'],
      },
      {
        frame: 2,
        from: '127.0.0.1:8080',
        to: '127.0.0.1:42960',
        label: 'SYN, ACK Seq=0 Ack=1',
        protocol: 'TCP',
        states: ['SYN-RECEIVED', 'ESTABLISHED'],
      },
      {
        frame: 3,
        from: '127.0.0.1:42960',
        to: '127.0.0.1:8080',
        label: 'ACK Seq=1 Ack=1',
        protocol: 'TCP',
        states: ['ESTABLISHED', 'ESTABLISHED'],
      },
    ]);
    expect(arrow(d, 0).comment).toContain('42960 → 8080 [SYN] Seq=0 Win=65495');
    expect(arrow(d, 1).comment).toContain('[SYN, ACK]');
    expect(arrow(d, 2).comment).toContain('[ACK] Seq=1 Ack=1');
    expect(phases(d)[0]).toEqual({ kind: 'handshake', frames: [1, 3], stream: 0, label: 'Three-way handshake' });
  });

  it('labels HTTP with its Info and brackets each request with its whole response', async () => {
    const d = await sequenceOf(engine, all(), { stream: 0 });
    const get = arrow(d, 3);
    expect(get.frame).toBe(4);
    expect(get.protocol).toBe('HTTP');
    expect(get.label).toBe(get.comment.trim());
    expect(get.label).toMatch(/^GET \/ HTTP\/1\.1/);
    const ex = phases(d).filter((x) => x.kind === 'exchange');
    expect(ex[0]).toEqual({ kind: 'exchange', frames: [4, 9], stream: 0, label: 'GET / → 200 OK' });
    // The image's response is reassembled from segments 13 … 50: its bracket runs to its last segment.
    expect(ex[1]).toEqual({ kind: 'exchange', frames: [11, 50], stream: 0, label: 'GET /icon.jpg → 200 OK' });
    // A segment of a reassembled response is drawn as TCP, with the Info as comment.
    const seg = arrow(d, [...d.frame].indexOf(15));
    expect(seg.label).toBe('PSH, ACK Seq=34164 Ack=1212 Len=32557');
    expect(seg.comment).toContain('[TCP segment of a reassembled PDU]');
  });

  it('follows the four-way close through both sides’ states', async () => {
    const d = await sequenceOf(engine, all(), { stream: 0 });
    const frames = [...d.frame];
    const close = [147, 148, 149, 150].map((f) => arrow(d, frames.indexOf(f)));
    expect(close.map((a) => a.label)).toEqual([
      'FIN, ACK Seq=710355 Ack=1780',
      'ACK Seq=1780 Ack=710356',
      'FIN, ACK Seq=1780 Ack=710356',
      'ACK Seq=710356 Ack=1781',
    ]);
    // The server (8080) closes first: FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT; the client CLOSE-WAIT → LAST-ACK → CLOSED.
    const server = close.map((a) => (a.from === '127.0.0.1:8080' ? a.states[0] : a.states[1]));
    const client = close.map((a) => (a.from === '127.0.0.1:42960' ? a.states[0] : a.states[1]));
    expect(server).toEqual(['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'TIME-WAIT']);
    expect(client).toEqual(['CLOSE-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    expect(phases(d).at(-1)).toEqual({ kind: 'close', frames: [147, 150], stream: 0, label: 'Four-way close' });
  });

  it('shows all flows of the displayed packets, each with its own phases', async () => {
    const d = await sequenceOf(engine, all());
    expect(d.count).toBe(engine.count);
    expect(d.endpoints).toEqual(['127.0.0.1:42960', '127.0.0.1:8080', '127.0.0.1:42966']);
    const ph = phases(d);
    expect(ph.filter((x) => x.kind === 'handshake').map((x) => x.frames)).toEqual([
      [1, 3],
      [6, 8],
    ]);
    expect(ph.filter((x) => x.kind === 'close').map((x) => x.frames)).toEqual([
      [145, 152],
      [147, 150],
    ]);
    expect(ph.filter((x) => x.kind === 'exchange').map((x) => x.label)).toEqual([
      'GET / → 200 OK',
      'GET /icon.jpg → 200 OK',
      'GET /intro.mp3 → 206 Partial Content',
      'GET /icon2.jpg → 200 OK',
    ]);
  });

  it('keeps only displayed packets, and raw numbers on request', async () => {
    const d = await sequenceOf(engine, Uint32Array.of(0, 1, 2, 3), { raw: true });
    expect(d.count).toBe(4);
    expect(stringAt(d.strings, d.label[0])).toMatch(/^SYN Seq=\d{5,}$/);
    expect(stringAt(d.strings, d.label[0])).not.toBe('SYN Seq=0');
  });
});

describe('the engine API', () => {
  it('draws the displayed packets: the display filter decides the arrows', async () => {
    const api = createEngineApi();
    await expect(api.sequence()).rejects.toThrow('no capture is open');
    await api.open(new Blob([readFileSync(capture)]));
    const everything = await api.sequence();
    expect(everything.count).toBe(152);
    expect(everything.complete).toBe(true);
    expect(everything.conversation).toBe('');
    await api.applyFilter('http');
    const d = await api.sequence();
    expect([...d.frame]).toEqual([4, 9, 11, 41, 50, 101, 112, 142]);
    expect(stringAt(d.strings, d.label[0])).toMatch(/^GET \/ HTTP\/1\.1/);
    expect(d.stateNames[d.fromState[0]]).toBe('ESTABLISHED');
    // The conversation of one packet among what is displayed, and a diagram that survives a structured clone.
    const one = structuredClone(await api.sequence({ of: 40 }));
    expect([...one.frame]).toEqual([41, 142]);
    expect(one.conversation).toBe('TCP stream 1 (127.0.0.1:42966 \u2194 127.0.0.1:8080)');
    expect(one.phases.count).toBe(1);
    expect(one.phaseKinds[one.phases.kind[0]]).toBe('exchange');
    expect(stringAt(one.strings, one.phases.label[0])).toBe('GET /intro.mp3 \u2192 206 Partial Content');
  });

  it('draws the TCP stream of a packet, named by the side that opened it', async () => {
    const api = createEngineApi();
    await api.open(new Blob([readFileSync(capture)]));
    // Frame 2 is the server's SYN/ACK: the title still starts with the client.
    const d = await api.sequence({ of: 1 });
    expect(d.conversation).toBe('TCP stream 0 (127.0.0.1:42960 \u2194 127.0.0.1:8080)');
    expect(d.count).toBe(54);
    expect([...d.stream].every((s) => s === 0)).toBe(true);
    expect(d.endpoints).toEqual(['127.0.0.1:42960', '127.0.0.1:8080']);
    expect(stringAt(d.strings, d.label[0])).toBe('SYN Seq=0');
    const raw = await api.sequence({ of: 1, raw: true });
    expect(stringAt(raw.strings, raw.label[0])).toMatch(/^SYN Seq=\d{5,}$/);
    await expect(api.sequence({ of: 152 })).rejects.toThrow(RangeError);
  });

  it('draws the UDP stream of a packet, else its address pair', async () => {
    const api = createEngineApi();
    await api.open(new Blob([readFileSync(join(import.meta.dirname, '../testdata/zeek-wikipedia.pcap'))]));
    // tshark -r zeek-wikipedia.pcap -Y "udp.stream == 3": frames 16 and 17, a DNS query and its answer.
    const dns = await api.sequence({ of: 16 });
    expect(dns.conversation).toBe('UDP stream 3 (141.142.2.2:53 \u2194 141.142.220.118:43927)');
    expect([...dns.frame]).toEqual([16, 17]);
    expect([...dns.stream]).toEqual([3, 3]);
    expect(dns.endpoints).toEqual(['141.142.220.118:43927', '141.142.2.2:53']);
    expect(stringAt(dns.strings, dns.label[0])).toBe('Standard query 0xa7f4 AAAA upload.wikimedia.org');
    expect([...dns.fromState]).toEqual([255, 255]);
    // ICMP has neither stream: the address pair, in both directions.
    const pingApi = createEngineApi();
    await pingApi.open(pings(1));
    const ping = await pingApi.sequence({ of: 1 });
    expect(ping.conversation).toBe('IPv4 172.217.11.78 \u2194 172.16.133.2');
    expect(ping.count).toBe(10);
    expect(ping.endpoints).toEqual(['172.16.133.2', '172.217.11.78']);
    expect(stringAt(ping.strings, ping.protocol[0])).toBe('ICMP');
    // ARP has no conversation: an empty diagram that says so.
    const arp = await api.sequence({ of: 4 });
    expect(arp.count).toBe(0);
    expect(arp.complete).toBe(true);
    expect(arp.conversation).toBe('Frame 5 (no IP conversation)');
  });

  it('is stopped by a newer call, a new capture or cancel, and reports its progress', async () => {
    const api = createEngineApi();
    await api.open(pings(4000));
    const progress: [number, number][] = [];
    const first = api.sequence({}, (done, total) => progress.push([done, total]));
    const newer = api.sequence();
    const [stopped, built] = await Promise.all([first, newer]);
    expect(stopped.complete).toBe(false);
    expect(stopped.count).toBe(0);
    expect(built.complete).toBe(true);
    expect(built.count).toBe(40000);
    expect(stringAt(built.strings, built.protocol[0])).toBe('ICMP');

    // Progress while building, the last report at the end; other work gets turns meanwhile.
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    const reports: [number, number][] = [];
    const d = await api.sequence({}, (done, total) => reports.push([done, total]));
    clearInterval(tick);
    expect(d.complete).toBe(true);
    expect(reports.length).toBeGreaterThan(1);
    expect(reports.at(-1)).toEqual([40000, 40000]);
    expect(reports.every(([done, total], i) => total === 40000 && (i === 0 || done > reports[i - 1][0]))).toBe(true);
    expect(turns).toBeGreaterThan(0);

    const cancelled = api.sequence();
    api.cancel();
    expect((await cancelled).complete).toBe(false);
    const reopened = api.sequence();
    await api.open(new Blob([readFileSync(capture)]));
    expect((await reopened).complete).toBe(false);
  });
});

describe('packed strings', () => {
  it('round-trip any text, each distinct one once', () => {
    const texts = [
      '',
      'SYN Seq=0',
      'GET / \u2192 200 OK',
      'caf\u00e9',
      '\u{1F600} emoji',
      'x'.repeat(70000),
      'SYN Seq=0',
    ];
    const packer = new StringPacker();
    const ids = texts.map((t) => packer.id(t));
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 1]);
    const packed = structuredClone(packer.pack());
    expect(packed.count).toBe(6);
    expect(packed.offsets.length).toBe(7);
    expect(packed.bytes.length).toBe(new TextEncoder().encode(texts.slice(0, 6).join('')).length);
    texts.forEach((t, i) => expect(stringAt(packed, ids[i])).toBe(t));
    expect(unpackStrings(packed)).toEqual(texts.slice(0, 6));
    expect(stringAt(packed, 6)).toBe('');
    expect(stringAt(packed, -1)).toBe('');
  });
});

describe('sequenceOf of an address pair', () => {
  it('keeps the packets between the two addresses, either way', async () => {
    const wiki = new Engine();
    const file = join(import.meta.dirname, '../testdata/zeek-wikipedia.pcap');
    await wiki.open(bytesSource(new Uint8Array(readFileSync(file)), file));
    const pair = {
      type: AddrType.IPv4,
      a: Uint8Array.of(141, 142, 2, 2),
      b: Uint8Array.of(141, 142, 220, 118),
    } as const;
    const d = await sequenceOf(
      wiki,
      Uint32Array.from({ length: wiki.count }, (_, i) => i),
      { pair },
    );
    // tshark -Y "ip.addr==141.142.220.118 && ip.addr==141.142.2.2" -T fields -e frame.number
    expect([...d.frame]).toEqual([
      16, 17, 18, 19, 20, 21, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 35, 36, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49,
    ]);
    expect(new Set(d.endpoints.map((e) => e.split(':')[0]))).toEqual(new Set(['141.142.220.118', '141.142.2.2']));
  });
});

describe('conversationOf', () => {
  it('names the conversation of a packet', async () => {
    await expect(conversationOf(engine, 6)).resolves.toEqual({
      stream: 1,
      conversation: 'TCP stream 1 (127.0.0.1:42966 \u2194 127.0.0.1:8080)',
    });
  });
});
