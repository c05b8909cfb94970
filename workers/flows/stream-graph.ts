// The TCP stream graph's data (issue 6): one direction of one TCP stream as tcptrace draws it (Wireshark's
// Statistics › TCP Stream Graphs › Stevens / tcptrace): each data segment of that direction as sequence number over
// time, and what the other side sent back — its acknowledgements, the right edge of its receive window and its SACK
// blocks. Typed-array columns (workers/types.ts, TcpStreamGraph) that cross to the page as transferable buffers.
//
// Every packet of the stream counts, whatever the display filter (as in Wireshark). The stream's packets are found
// in the first pass's column (TcpConversations.streamOf) and dissected again with a field sink for the few TCP
// fields wanted; the retransmission marks come from the first pass's analysis column.
import type { Engine } from '../engine';
import { fieldByName } from '../dissect/registry';
import type { FieldValue } from '../dissect/sinks';
import { FieldSink } from '../dissect/sinks';
import type { TcpStreamGraph } from '../types';
import { TCP_CONVERSATIONS, TcpAnalysis } from './tcp';
import { macrotask } from '../macrotask';

export type { TcpStreamGraph };

export interface StreamGraphOptions {
  /** The direction to draw; by default the one that carried more payload (the server's responses in the lab). */
  direction?: 0 | 1;
  /** Stop at the next yield: the graph comes back with empty columns and complete: false. */
  signal?: AbortSignal;
  /** Packets of the stream handled so far, after each slice of work. */
  onProgress?: (done: number, total: number) => void;
}

const FIELDS = [
  'tcp.stream',
  'tcp.flags',
  'tcp.seq',
  'tcp.ack',
  'tcp.len',
  'tcp.window_size',
  'tcp.options.sack_le',
  'tcp.options.sack_re',
] as const;

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

const TWO_32 = 2 ** 32;

/** How long to work between two yields to the event loop (ms), as the display filter and the diagram do. */
const YIELD_MS = 25;
/** Packets dissected per slice. */
const SLICE = 2048;

function num(v: FieldValue | undefined): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? +v : -1;
}

/** "host:port", "[v6addr]:port". */
function endpoint(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** A growable Float64 column. */
class Column {
  data: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Float64Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Relative sequence numbers that keep counting past 2^32: each 32-bit value is placed in the 2^32-wide window
 * centred on the highest number seen so far in the stream's direction.
 */
export class SeqUnwrapper {
  private high = 0;

  /** The unwrapped value of the relative 32-bit number `v`. */
  place(v: number): number {
    let x = Math.floor(this.high / TWO_32) * TWO_32 + v;
    if (x - this.high > TWO_32 / 2) x -= TWO_32;
    else if (this.high - x > TWO_32 / 2) x += TWO_32;
    return x;
  }

  /** Note `x` (unwrapped) as seen: later numbers are placed near the highest. */
  saw(x: number): void {
    if (x > this.high) this.high = x;
  }
}

/** The retransmission kind of a segment from its analysis bits: 1 retransmission, 2 fast, 3 spurious, 0 none. */
export function retransmissionKind(bits: number): number {
  if (bits & TcpAnalysis.SpuriousRetransmission) return 3;
  if (bits & TcpAnalysis.FastRetransmission) return 2;
  if (bits & TcpAnalysis.Retransmission) return 1;
  return 0;
}

/**
 * The graph of TCP stream `stream` of the open capture, for one direction (see StreamGraphOptions). Throws a
 * RangeError for a stream the capture does not have.
 */
export async function streamGraphOf(
  engine: Engine,
  stream: number,
  opts: StreamGraphOptions = {},
): Promise<TcpStreamGraph> {
  const tcp = engine.state.get(TCP_CONVERSATIONS);
  if (!(Number.isInteger(stream) && stream >= 0 && stream < tcp.count)) throw new RangeError(`no TCP stream ${stream}`);
  if (opts.direction !== undefined && opts.direction !== 0 && opts.direction !== 1)
    throw new RangeError(`no direction ${String(opts.direction)} (0 or 1)`);

  // The stream's packets, from the first pass's column.
  const total = engine.count;
  let n = 0;
  for (let i = 0; i < total; i++) if (tcp.streamOf(i) === stream) n++;
  const todo = new Uint32Array(n);
  n = 0;
  for (let i = 0; i < total; i++) if (tcp.streamOf(i) === stream) todo[n++] = i;

  const ids: Record<(typeof FIELDS)[number], number> = {} as never;
  for (const name of FIELDS) ids[name] = fieldByName(name)?.id ?? -1;
  const sink = new FieldSink(
    FIELDS.map((f) => ids[f]).filter((id) => id >= 0),
    Math.max(...FIELDS.map((f) => ids[f])) + 1,
  );

  // ---- every packet of the stream, both directions (the direction drawn may depend on the bytes of both)
  const kept = new Uint32Array(n); // packet index
  const dir = new Uint8Array(n);
  const flags = new Uint16Array(n);
  const seq = new Float64Array(n); // relative, 32-bit
  const ack = new Float64Array(n);
  const len = new Uint32Array(n);
  const win = new Float64Array(n);
  const sackOwner: number[] = [];
  const sackLe: number[] = [];
  const sackRe: number[] = [];
  const bytes: [number, number] = [0, 0];
  const names: [string, string] = ['', ''];
  let count = 0;
  // Directions as the graph numbers them: 0 from the side that sent the stream's first packet. (The first pass's
  // TcpConversations.directionOf counts from the endpoint with the lower address instead.)
  const first = n ? tcp.directionOf(todo[0]) : 0;
  const ports: [number, number] = [tcp.port[stream * 2 + first], tcp.port[stream * 2 + (first ^ 1)]];

  const each = (p: { index: number; layers: string[] }, cols: { src: string; dst: string }) => {
    const v = sink.values;
    try {
      // A TCP header quoted inside an ICMP error is not one of the stream's segments.
      if (p.layers.includes('icmp') || p.layers.includes('icmpv6')) return;
      const streams = v.get(ids['tcp.stream']);
      if (!streams) return;
      // The header of this stream (a tunnel can carry more than one TCP header).
      const at = streams.findIndex((s) => num(s) === stream);
      if (at < 0) return;
      const f = num(v.get(ids['tcp.flags'])?.[at]);
      if (f < 0) return;
      const k = count++;
      const d = tcp.directionOf(p.index) ^ first;
      kept[k] = p.index;
      dir[k] = d;
      flags[k] = f;
      seq[k] = num(v.get(ids['tcp.seq'])?.[at]);
      ack[k] = num(v.get(ids['tcp.ack'])?.[at]);
      len[k] = Math.max(0, num(v.get(ids['tcp.len'])?.[at]));
      win[k] = Math.max(0, num(v.get(ids['tcp.window_size'])?.[at]));
      bytes[d] += len[k];
      if (!names[d]) {
        names[d] = endpoint(cols.src, ports[d]);
        names[d ^ 1] ||= endpoint(cols.dst, ports[d ^ 1]);
      }
      // SACK blocks: only when the packet has one TCP header (else which header they belong to is unclear).
      const le = v.get(ids['tcp.options.sack_le']);
      const re = v.get(ids['tcp.options.sack_re']);
      if (le && re && streams.length === 1)
        for (let b = 0; b < Math.min(le.length, re.length); b++) {
          sackOwner.push(k);
          sackLe.push(num(le[b]));
          sackRe.push(num(re[b]));
        }
    } finally {
      sink.clear();
    }
  };

  const aborted = () => opts.signal?.aborted === true;
  let lastYield = performance.now();
  for (let done = 0; done < n;) {
    if (aborted()) return emptyStreamGraph(stream, opts.direction ?? 0, false);
    const part = todo.subarray(done, Math.min(n, done + SLICE));
    await engine.dissectPackets(part, sink, each);
    done += part.length;
    opts.onProgress?.(done, n);
    if (performance.now() - lastYield >= YIELD_MS && done < n) {
      await macrotask();
      lastYield = performance.now();
    }
  }
  if (aborted()) return emptyStreamGraph(stream, opts.direction ?? 0, false);

  // ---- the direction drawn: asked for, else the one with more payload, else the server's
  let direction: 0 | 1;
  if (opts.direction !== undefined) direction = opts.direction;
  else if (bytes[0] !== bytes[1]) direction = bytes[1] > bytes[0] ? 1 : 0;
  else {
    const server = tcp.serverPort[stream];
    direction = server && ports[1] === server ? 1 : 0;
  }
  const back = direction ^ 1;

  let segs = 0;
  let acks = 0;
  for (let k = 0; k < count; k++) {
    if (dir[k] === direction) {
      if (len[k] > 0 || flags[k] & (SYN | FIN | RST)) segs++;
    } else if (flags[k] & ACK) acks++;
  }
  const g = emptyStreamGraph(stream, direction, true, segs, acks);
  g.bytes = bytes;
  g.src = names[direction];
  g.dst = names[back];
  g.title = `Sequence numbers (tcptrace) for ${g.src} \u2192 ${g.dst}`;
  g.winScale = tcp.winScale[stream * 2 + (back ^ first)];

  const s = g.segments;
  const a = g.acks;
  const sackAck = new Column(16);
  const sackLeft = new Column(16);
  const sackRight = new Column(16);
  // The data direction's numbers and the acknowledgements share one sequence space.
  const unwrap = new SeqUnwrapper();
  let si = 0;
  let ai = 0;
  let sb = 0;
  for (let k = 0; k < count; k++) {
    const i = kept[k];
    const rel = engine.relative(i);
    const time = rel ? rel.sec + rel.ns / 1e9 : 0;
    if (dir[k] === direction) {
      if (!(len[k] > 0 || flags[k] & (SYN | FIN | RST))) continue;
      const x = unwrap.place(seq[k]);
      unwrap.saw(x + len[k]);
      s.frame[si] = i + 1;
      s.time[si] = time;
      s.seq[si] = x;
      s.len[si] = len[k];
      s.flags[si] = flags[k];
      s.retransmission[si] = retransmissionKind(tcp.analysis.get(i));
      si++;
    } else if (flags[k] & ACK) {
      const x = unwrap.place(ack[k]);
      unwrap.saw(x);
      a.frame[ai] = i + 1;
      a.time[ai] = time;
      a.ack[ai] = x;
      a.window[ai] = x + win[k];
      while (sb < sackOwner.length && sackOwner[sb] < k) sb++;
      for (; sb < sackOwner.length && sackOwner[sb] === k; sb++) {
        const left = unwrap.place(sackLe[sb]);
        sackAck.push(ai);
        sackLeft.push(left);
        sackRight.push(left + ((sackRe[sb] - sackLe[sb] + TWO_32) % TWO_32));
      }
      ai++;
    }
  }
  g.sacks = {
    count: sackAck.length,
    ack: Uint32Array.from(sackAck.data.subarray(0, sackAck.length)),
    left: sackLeft.data.slice(0, sackLeft.length),
    right: sackRight.data.slice(0, sackRight.length),
  };
  return g;
}

/** A graph with columns of the given sizes (zeros), or without points. */
export function emptyStreamGraph(
  stream: number,
  direction: 0 | 1,
  complete: boolean,
  segments = 0,
  acks = 0,
): TcpStreamGraph {
  return {
    stream,
    direction,
    src: '',
    dst: '',
    title: '',
    bytes: [0, 0],
    winScale: -1,
    complete,
    segments: {
      count: segments,
      frame: new Uint32Array(segments),
      time: new Float64Array(segments),
      seq: new Float64Array(segments),
      len: new Uint32Array(segments),
      flags: new Uint16Array(segments),
      retransmission: new Uint8Array(segments),
    },
    acks: {
      count: acks,
      frame: new Uint32Array(acks),
      time: new Float64Array(acks),
      ack: new Float64Array(acks),
      window: new Float64Array(acks),
    },
    sacks: { count: 0, ack: new Uint32Array(0), left: new Float64Array(0), right: new Float64Array(0) },
  };
}

/** The transferable buffers of a graph (for Comlink.transfer). */
export function streamGraphTransfer(g: TcpStreamGraph): ArrayBuffer[] {
  const s = g.segments;
  const a = g.acks;
  const k = g.sacks;
  return [
    s.frame,
    s.time,
    s.seq,
    s.len,
    s.flags,
    s.retransmission,
    a.frame,
    a.time,
    a.ack,
    a.window,
    k.ack,
    k.left,
    k.right,
  ].map((x) => x.buffer as ArrayBuffer);
}
