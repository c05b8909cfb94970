import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';
import { createEngineApi } from '../engine-api';
import { SeqUnwrapper, retransmissionKind, streamGraphOf, streamGraphTransfer } from './stream-graph';
import type { TcpStreamGraph } from './stream-graph';
import { TcpAnalysis } from './tcp';

const LAB = join(import.meta.dirname, '../testdata/lab-null.pcapng');
/** The shared captures: net-veth has a lossy 2 MiB transfer (tcp.stream 7) with retransmissions and SACK. */
const VETH = new URL('../../../shared/captures/lab/net-veth.pcapng', import.meta.url).pathname;

async function open(path: string): Promise<Engine> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(path)), path));
  return engine;
}

function segment(g: TcpStreamGraph, k: number) {
  const s = g.segments;
  return { frame: s.frame[k], seq: s.seq[k], len: s.len[k], flags: s.flags[k], retransmission: s.retransmission[k] };
}

function ackAt(g: TcpStreamGraph, k: number) {
  const a = g.acks;
  return { frame: a.frame[k], ack: a.ack[k], window: a.window[k] };
}

describe('SeqUnwrapper', () => {
  it('keeps counting past 2^32 and places late numbers just below the highest', () => {
    const u = new SeqUnwrapper();
    const at = (v: number) => {
      const x = u.place(v);
      u.saw(x);
      return x;
    };
    expect(at(1)).toBe(1);
    expect(at(2_000_000_000)).toBe(2_000_000_000);
    expect(at(4_000_000_000)).toBe(4_000_000_000);
    expect(at(4_294_000_000)).toBe(4_294_000_000);
    expect(at(100)).toBe(2 ** 32 + 100);
    // A retransmission from before the wrap.
    expect(u.place(4_293_000_000)).toBe(4_293_000_000);
    expect(at(5_000)).toBe(2 ** 32 + 5_000);
    // An acknowledgement of less than the first number (relative −1) stays below it.
    expect(new SeqUnwrapper().place(2 ** 32 - 1)).toBe(-1);
  });
});

describe('retransmissionKind', () => {
  it('names the kind from the analysis bits', () => {
    expect(retransmissionKind(0)).toBe(0);
    expect(retransmissionKind(TcpAnalysis.Retransmission)).toBe(1);
    expect(retransmissionKind(TcpAnalysis.FastRetransmission | TcpAnalysis.Retransmission)).toBe(2);
    expect(retransmissionKind(TcpAnalysis.SpuriousRetransmission | TcpAnalysis.Retransmission)).toBe(3);
    expect(retransmissionKind(TcpAnalysis.DuplicateAck)).toBe(0);
  });
});

describe('streamGraphOf on the lab capture (stream 0)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open(LAB);
  });

  it('draws the direction with more payload: the server’s responses', async () => {
    const g = await streamGraphOf(engine, 0);
    expect(g.complete).toBe(true);
    expect(g.stream).toBe(0);
    expect(g.direction).toBe(1);
    expect(g.src).toBe('127.0.0.1:8080');
    expect(g.dst).toBe('127.0.0.1:42960');
    expect(g.title).toBe('Sequence numbers (tcptrace) for 127.0.0.1:8080 \u2192 127.0.0.1:42960');
    // tshark -r lab-null.pcapng -Y "tcp.stream==0" -T fields -e tcp.srcport -e tcp.len: 1779 bytes up (three
    // requests), 710354 down.
    expect(g.bytes).toEqual([1779, 710354]);
    // The client's Window Scale option: shift 10 (tcp.options.wscale.shift of frame 1).
    expect(g.winScale).toBe(10);
  });

  it('has the segments of that direction as tshark numbers them', async () => {
    const g = await streamGraphOf(engine, 0);
    // tshark … -T fields -e frame.number -e tcp.seq -e tcp.len -e tcp.ack -e tcp.window_size (direction 8080 → 42960):
    // 2  0 0 (SYN, ACK) · 9  1 883 · 13  884 33280 · 15  34164 32557 · 112  707126 3229 · 147  710355 0 (FIN, ACK)
    expect(segment(g, 0)).toEqual({ frame: 2, seq: 0, len: 0, flags: 0x012, retransmission: 0 });
    expect(segment(g, 1)).toEqual({ frame: 9, seq: 1, len: 883, flags: 0x018, retransmission: 0 });
    expect(segment(g, 2)).toEqual({ frame: 13, seq: 884, len: 33280, flags: 0x010, retransmission: 0 });
    expect(segment(g, 3)).toEqual({ frame: 15, seq: 34164, len: 32557, flags: 0x018, retransmission: 0 });
    const last = g.segments.count - 1;
    expect(segment(g, last - 1)).toEqual({ frame: 112, seq: 707126, len: 3229, flags: 0x018, retransmission: 0 });
    expect(segment(g, last)).toEqual({ frame: 147, seq: 710355, len: 0, flags: 0x011, retransmission: 0 });
    // Pure ACKs of the server (5, 12, 150 …) are not segments.
    expect([...g.segments.frame]).not.toContain(5);
    expect([...g.segments.frame]).not.toContain(150);
    // frame.time_relative
    expect(g.segments.time[1]).toBeCloseTo(0.078239473, 9);
    expect(g.segments.time[last]).toBeCloseTo(6.577575243, 9);
    // Frame order, every column the same length.
    for (let k = 1; k < g.segments.count; k++) expect(g.segments.frame[k]).toBeGreaterThan(g.segments.frame[k - 1]);
    expect(g.segments.seq.length).toBe(g.segments.count);
  });

  it('has the client’s acknowledgements and window edges', async () => {
    const g = await streamGraphOf(engine, 0);
    // Frame 1 (the SYN) carries no ACK; 3: ack 1, win 65536; 4 (the GET): ack 1; 14: ack 34164, win 95232;
    // 20: ack 162465, win 0 (ZeroWindow); 149: ack 710356 (FIN, ACK).
    expect(g.acks.frame[0]).toBe(3);
    expect(ackAt(g, 0)).toEqual({ frame: 3, ack: 1, window: 1 + 65536 });
    expect(ackAt(g, 1)).toEqual({ frame: 4, ack: 1, window: 1 + 65536 });
    const at = (frame: number) => ackAt(g, [...g.acks.frame].indexOf(frame));
    expect(at(14)).toEqual({ frame: 14, ack: 34164, window: 34164 + 95232 });
    expect(at(20)).toEqual({ frame: 20, ack: 162465, window: 162465 });
    expect(at(149)).toEqual({ frame: 149, ack: 710356, window: 710356 + 1786880 });
    expect(g.acks.time[0]).toBeCloseTo(0.000031617, 9);
    // tshark -Y "tcp.stream==0 && tcp.srcport==42960 && tcp.flags.ack==1": 27 packets (all the client's but the SYN).
    expect(g.acks.count).toBe(27);
    expect(g.sacks.count).toBe(0);
  });

  it('draws the other direction when asked', async () => {
    const g = await streamGraphOf(engine, 0, { direction: 0 });
    expect(g.direction).toBe(0);
    expect(g.src).toBe('127.0.0.1:42960');
    // 1 SYN (seq 0) · 4 GET (seq 1, 644) · 11 (645, 567) · 101 (1212, 568) · 149 FIN (1780)
    expect([...g.segments.frame]).toEqual([1, 4, 11, 101, 149]);
    expect([...g.segments.seq]).toEqual([0, 1, 645, 1212, 1780]);
    expect([...g.segments.len]).toEqual([0, 644, 567, 568, 0]);
    // The server's ACKs count in the client's numbering: frame 5 acknowledges 645.
    expect(ackAt(g, 1)).toEqual({ frame: 5, ack: 645, window: 645 + 65536 });
  });

  it('refuses a stream the capture does not have, and a direction other than 0 and 1', async () => {
    await expect(streamGraphOf(engine, 99)).rejects.toThrow(RangeError);
    await expect(streamGraphOf(engine, -1)).rejects.toThrow(RangeError);
    await expect(streamGraphOf(engine, 0, { direction: 2 as 0 })).rejects.toThrow(RangeError);
  });

  it('hands over every column buffer for transfer', async () => {
    const g = await streamGraphOf(engine, 0);
    const buffers = streamGraphTransfer(g);
    expect(buffers).toHaveLength(13);
    expect(new Set(buffers).size).toBe(13);
    expect(buffers).toContain(g.segments.seq.buffer);
    expect(buffers).toContain(g.acks.window.buffer);
  });
});

describe('the engine API', () => {
  it('streamGraph(stream, direction) on the open capture; a newer call cancels an older one', async () => {
    const api = createEngineApi();
    await expect(api.streamGraph(0)).rejects.toThrow(/no capture/);
    await api.open(new Blob([readFileSync(LAB)]));
    const first = api.streamGraph(0);
    const second = api.streamGraph(0, 0);
    const [a, b] = await Promise.all([first, second]);
    expect(a.complete).toBe(false);
    expect(a.segments.count).toBe(0);
    expect(b.complete).toBe(true);
    expect(b.direction).toBe(0);
    expect(b.segments.count).toBe(5);
    expect((await api.streamGraph(0)).segments.count).toBeGreaterThan(20);
  });
});

/** tshark's TCP fields of a capture (F.tcp.tsv beside it), by frame. */
function tsharkTcp(path: string) {
  const lines = readFileSync(`${path}.tcp.tsv`, 'utf8').trimEnd().split('\n');
  const head = lines[0].split('\t');
  const col = (name: string) => head.indexOf(name);
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    const flags = f[col('tcp.flags.str')];
    return {
      frame: Number(f[col('frame.number')]),
      stream: Number(f[col('tcp.stream')]),
      sport: Number(f[col('tcp.srcport')]),
      seq: Number(f[col('tcp.seq')]),
      ack: Number(f[col('tcp.ack')]),
      len: Number(f[col('tcp.len')]),
      window: Number(f[col('tcp.window_size')]),
      ackFlag: flags.includes('A'),
      marked: /[SFR]/.test(flags),
      retransmission: f[col('tcp.analysis.retransmission')] !== '',
    };
  });
}

describe.skipIf(!existsSync(VETH))('streamGraphOf on a lossy transfer (net-veth.pcapng, stream 7)', () => {
  let engine: Engine;
  let g: TcpStreamGraph;
  beforeAll(async () => {
    engine = await open(VETH);
    g = await streamGraphOf(engine, 7);
  });

  it('matches tshark segment by segment and ack by ack', () => {
    const rows = tsharkTcp(VETH).filter((r) => r.stream === 7);
    const server = rows.find((r) => r.frame === g.segments.frame[1])!.sport;
    const segs = rows.filter((r) => r.sport === server && (r.len > 0 || r.marked));
    const acks = rows.filter((r) => r.sport !== server && r.ackFlag);
    expect(g.segments.count).toBe(segs.length);
    expect(g.acks.count).toBe(acks.length);
    // The 2 MiB response: the direction with more payload.
    expect(g.bytes[g.direction]).toBeGreaterThan(2 * 1024 * 1024);
    segs.forEach((r, k) => {
      expect([g.segments.frame[k], g.segments.seq[k], g.segments.len[k]]).toEqual([r.frame, r.seq, r.len]);
    });
    acks.forEach((r, k) => {
      expect([g.acks.frame[k], g.acks.ack[k], g.acks.window[k]]).toEqual([r.frame, r.ack, r.ack + r.window]);
    });
  });

  it('marks the retransmissions tshark marks', () => {
    const rows = tsharkTcp(VETH).filter((r) => r.stream === 7);
    const server = rows.find((r) => r.frame === g.segments.frame[1])!.sport;
    // (tshark also marks a bare ACK of the client, frame 6663: not a segment of the direction drawn.)
    const expected = rows.filter((r) => r.retransmission && r.sport === server).map((r) => r.frame);
    const marked = [...g.segments.frame].filter((_, k) => g.segments.retransmission[k] > 0);
    expect(marked.length).toBeGreaterThan(100);
    expect(marked).toEqual(expected);
  });

  it('has SACK blocks inside the acknowledged data, above the cumulative ack', () => {
    const s = g.sacks;
    expect(s.count).toBeGreaterThan(0);
    for (let k = 0; k < s.count; k++) {
      expect(s.ack[k]).toBeLessThan(g.acks.count);
      expect(s.right[k]).toBeGreaterThan(s.left[k]);
    }
    // Blocks of one ack come together, in ack order.
    for (let k = 1; k < s.count; k++) expect(s.ack[k]).toBeGreaterThanOrEqual(s.ack[k - 1]);
  });
});
