import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';
import { createEngineApi } from '../engine-api';
import type { SequenceDiagram } from './sequence';
import { PHASE_KINDS, TCP_STATES, flowFlags, sequenceOf, tcpLabel } from './sequence';

const capture = join(import.meta.dirname, '../testdata/lab-null.pcapng');

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
    label: d.strings[d.label[k]],
    protocol: d.strings[d.protocol[k]],
    comment: d.strings[d.comment[k]],
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
      label: d.strings[d.phases.label[i]],
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
    expect(d.strings[d.label[0]]).toMatch(/^SYN Seq=\d{5,}$/);
    expect(d.strings[d.label[0]]).not.toBe('SYN Seq=0');
  });
});

describe('the engine API', () => {
  it('draws the displayed packets: the display filter decides the arrows', async () => {
    const api = createEngineApi();
    await expect(api.sequence()).rejects.toThrow('no capture is open');
    await api.open(new Blob([readFileSync(capture)]));
    expect((await api.sequence()).count).toBe(152);
    await api.applyFilter('http');
    const d = await api.sequence();
    expect([...d.frame]).toEqual([4, 9, 11, 41, 50, 101, 112, 142]);
    expect(d.strings[d.label[0]]).toMatch(/^GET \/ HTTP\/1\.1/);
    expect(d.stateNames[d.fromState[0]]).toBe('ESTABLISHED');
    // One stream of what is displayed, and a diagram that survives a structured clone.
    const one = structuredClone(await api.sequence(1));
    expect([...one.frame]).toEqual([41, 142]);
    expect(one.phases.count).toBe(1);
    expect(one.phaseKinds[one.phases.kind[0]]).toBe('exchange');
    expect(one.strings[one.phases.label[0]]).toBe('GET /intro.mp3 → 206 Partial Content');
  });
});
