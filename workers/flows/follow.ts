// Follow TCP stream and Follow HTTP stream (issue 7): the payload of one TCP stream in order, as Wireshark's
// Analyze › Follow › TCP Stream shows it, or its HTTP messages with their bodies de-chunked and decompressed.
//
// TCP: each direction's bytes are put in sequence order — a retransmitted or overlapping segment adds only the bytes
// not seen yet, a segment ahead of the expected sequence number waits until the gap is filled — and come out as one
// chunk per segment that delivered new bytes, in the order they were delivered (tshark -z follow,tcp,raw prints one
// line per such chunk). A gap that the other side acknowledges past (the bytes were lost before the capture point),
// or that is still open at the end, is skipped: the chunk after it carries how many bytes are missing.
//
// HTTP: the HTTP dissector's messages as the second pass builds them (reassembled, then the body de-chunked and
// decompressed in data sources of their own), collected by a small sink that watches the HTTP items: the header
// block as sent, then `http.file_data` (the decoded body). Bytes that are not the start of a message (Continuation)
// come as they are.
//
// The stream's packets are found in the first pass's column (TcpConversations.streamOf) and dissected again in slices
// that yield to the event loop every ~25 ms. Results cross to the page as one byte buffer plus typed-array columns.
import type { Engine } from '../engine';
import type { Packet } from '../dissect/packet';
import { decodeValue, LE } from '../dissect/sinks';
import type { FieldValue, Sink } from '../dissect/sinks';
import { fieldById, fieldByName } from '../dissect/registry';
import { SeqUnwrapper } from './stream-graph';
import { TCP_CONVERSATIONS } from './tcp';
import { macrotask } from '../macrotask';

// Wire types (kept here rather than in workers/types.ts while that file is being edited by others; plain data).

/** Follow a TCP stream's bytes, or its HTTP messages with decoded bodies. */
export type FollowKind = 'tcp' | 'http';

/**
 * One TCP stream's payload for the Follow view: chunks in the order their bytes were delivered, each from one side.
 * Chunk i is data[offsets[i] .. offsets[i + 1]), sent by direction[i] (0: the client, the side that sent the
 * stream's first packet; 1: the server) in frame frame[i] (1-based; for HTTP, the frame that completed the message).
 */
export interface FollowStream {
  stream: number;
  kind: FollowKind;
  /** False when the capture has no such TCP stream (no chunks then). */
  exists: boolean;
  /** False when a newer call (or a new capture) stopped it. */
  complete: boolean;
  /** How many TCP streams the capture has (streams are 0 … streams − 1). */
  streams: number;
  /** "host:port" of the client and of the server ("[v6addr]:port" for IPv6). */
  endpoints: [string, string];
  /** Payload bytes from the client and from the server (what the chunks hold). */
  bytes: [number, number];
  count: number;
  direction: Uint8Array;
  frame: Uint32Array;
  /** Bytes missing in the capture just before chunk i (lost before the capture point), 0 when none. */
  missing: Uint32Array;
  offsets: Uint32Array;
  data: Uint8Array;
}

export interface FollowOptions {
  /** Stop at the next yield: the result comes back with no chunks and complete: false. */
  signal?: AbortSignal;
  /** Packets of the stream handled so far, after each slice of work. */
  onProgress?: (done: number, total: number) => void;
}

const YIELD_MS = 25;
const SLICE = 1024;
const TWO_32 = 2 ** 32;
const SYN = 0x02;
const RST = 0x04;
const ACK = 0x10;

function id(name: string): number {
  return fieldByName(name)?.id ?? -1;
}

function num(v: FieldValue | undefined): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? +v : -1;
}

/** "host:port", "[v6addr]:port". */
function endpoint(addr: string, port: number): string {
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/**
 * A sink that keeps the wanted fields of one packet in the order the dissector adds them (so that the fields of one
 * TCP header stay together when a tunnel carries two), and, when `http` is set, the HTTP messages of the packet.
 */
class FollowSink implements Sink {
  readonly active = true;
  /** Field id and value of each wanted field, in order. */
  readonly ids: number[] = [];
  readonly values: FieldValue[] = [];
  /** HTTP messages of this packet: their bytes (header block + decoded body, or continuation bytes). */
  readonly messages: Uint8Array[] = [];
  /** Field ids of the open items, innermost last (-1 for a text item). */
  private stack: number[] = [];
  /** The HTTP item being read: where its bytes are, whether it is a message, its decoded body. */
  private http: { data: Uint8Array; pos: number; len: number; message: boolean; body: Uint8Array | null } | null = null;
  private httpDepth = -1;

  constructor(
    private readonly wanted: Set<number>,
    private readonly httpIds: { proto: number; request: number; response: number; fileData: number } | null,
  ) {}

  clear(): void {
    this.ids.length = 0;
    this.values.length = 0;
    this.messages.length = 0;
    this.stack.length = 0;
    this.http = null;
    this.httpDepth = -1;
  }

  wants(fid: number): boolean {
    return this.wanted.has(fid) || (this.httpIds !== null && this.isHttp(fid));
  }

  private isHttp(fid: number): boolean {
    const h = this.httpIds;
    return h !== null && (fid === h.proto || fid === h.request || fid === h.response || fid === h.fileData);
  }

  add(p: Packet, fid: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    const h = this.httpIds;
    if (h && this.http) {
      if (fid === h.request || fid === h.response) this.http.message = true;
      else if (fid === h.fileData && this.http.body === null)
        this.http.body = p.data.slice(offset, Math.min(p.data.length, offset + length));
    }
    if (!this.wanted.has(fid)) return;
    let v: FieldValue;
    if (fid === this.payloadId) v = p.data.subarray(offset, Math.min(p.data.length, offset + length)).slice();
    else v = value === undefined ? decodeValue(fieldById(fid), p.data, offset, length, flags & LE) : value;
    this.ids.push(fid);
    this.values.push(v);
  }

  /** tcp.payload: kept as a copy of its bytes. */
  payloadId = -1;

  open(p: Packet, fid: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    this.add(p, fid, offset, length, value, flags);
    this.stack.push(fid);
    const h = this.httpIds;
    if (h && fid === h.proto && !this.http) {
      this.http = {
        data: p.data,
        pos: offset,
        len: Math.min(length, p.data.length - offset),
        message: false,
        body: null,
      };
      this.httpDepth = this.stack.length;
    }
  }

  close(): void {
    if (this.http && this.stack.length === this.httpDepth) this.finishHttp();
    this.stack.pop();
  }

  drop(): void {
    this.close();
  }

  text(_p: Packet, _offset: number, _length: number, _label: string, open: boolean): void {
    if (open) this.stack.push(-1);
  }

  /** The HTTP item closes: its message (or continuation bytes) is one piece of the stream. */
  private finishHttp(): void {
    const m = this.http;
    this.http = null;
    this.httpDepth = -1;
    if (!m || m.len <= 0) return;
    const raw = m.data.subarray(m.pos, m.pos + m.len);
    if (!m.message) {
      this.messages.push(raw.slice());
      return;
    }
    const head = headerBlockEnd(raw);
    if (m.body === null || head < 0) {
      this.messages.push(raw.slice());
      return;
    }
    const out = new Uint8Array(head + m.body.length);
    out.set(raw.subarray(0, head));
    out.set(m.body, head);
    this.messages.push(out);
  }
}

/** Length of an HTTP header block (through the empty line), or -1 when it has none. */
export function headerBlockEnd(b: Uint8Array): number {
  for (let i = 0; i + 1 < b.length; i++) {
    if (b[i] !== 0x0a) continue;
    if (b[i + 1] === 0x0a) return i + 2;
    if (b[i + 1] === 0x0d && b[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Growing output: chunk columns and one byte buffer (typed arrays that double when full, no object per chunk). */
class ChunkWriter {
  count = 0;
  dir = new Uint8Array(256);
  frame = new Uint32Array(256);
  missing = new Uint32Array(256);
  offsets = new Uint32Array(257);
  data = new Uint8Array(64 * 1024);
  size = 0;
  bytes: [number, number] = [0, 0];

  push(d: 0 | 1, frame: number, part: Uint8Array, missing = 0): void {
    if (!part.length) return;
    if (this.count + 1 >= this.dir.length) {
      const n = this.dir.length * 2;
      this.dir = grow(this.dir, new Uint8Array(n));
      this.frame = grow(this.frame, new Uint32Array(n));
      this.missing = grow(this.missing, new Uint32Array(n));
      this.offsets = grow(this.offsets, new Uint32Array(n + 1));
    }
    if (this.size + part.length > this.data.length)
      this.data = grow(this.data, new Uint8Array(Math.max(this.data.length * 2, this.size + part.length)));
    const k = this.count++;
    this.dir[k] = d;
    this.frame[k] = frame;
    this.missing[k] = missing;
    this.offsets[k] = this.size;
    this.data.set(part, this.size);
    this.size += part.length;
    this.offsets[k + 1] = this.size;
    this.bytes[d] += part.length;
  }
}

function grow<T extends Uint8Array | Uint32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** One direction's reassembly: the next sequence number expected and the segments waiting ahead of it. */
class DirectionState {
  base = -1;
  readonly unwrap = new SeqUnwrapper();
  /** Next expected (unwrapped) sequence number; -1 before the first segment. */
  next = -1;
  /** Bytes lost before the next chunk (a gap skipped). */
  missing = 0;
  waiting: { seq: number; data: Uint8Array; frame: number }[] = [];

  /** The unwrapped offset of a raw sequence number in this direction. */
  place(raw: number): number {
    if (this.base < 0) this.base = raw;
    const x = this.unwrap.place((raw - this.base + TWO_32) % TWO_32);
    this.unwrap.saw(x);
    return x;
  }
}

/** Deliver what `st` can now deliver in order: new bytes of `data` at `seq`, then whatever waited for them. */
function deliver(out: ChunkWriter, d: 0 | 1, st: DirectionState, seq: number, data: Uint8Array, frame: number): void {
  const end = seq + data.length;
  if (st.next < 0) st.next = seq;
  if (seq > st.next) {
    wait(st, seq, data, frame);
    return;
  }
  if (end <= st.next) return; // all seen before (a retransmission)
  out.push(d, frame, data.subarray(st.next - seq), st.missing);
  st.missing = 0;
  st.next = end;
  drain(out, d, st);
}

/** Keep a segment ahead of the expected sequence number, in sequence order (the same bytes once). */
function wait(st: DirectionState, seq: number, data: Uint8Array, frame: number): void {
  const w = st.waiting;
  // After every segment that starts at or before it.
  let lo = 0;
  let hi = w.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w[mid].seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0 && w[k].seq === seq; k--) if (w[k].data.length >= data.length) return;
  w.splice(lo, 0, { seq, data, frame });
}

/** Deliver the waiting segments that now continue the stream (the waiting list is in sequence order). */
function drain(out: ChunkWriter, d: 0 | 1, st: DirectionState): void {
  const w = st.waiting;
  while (w.length && w[0].seq <= st.next) {
    const x = w.shift()!;
    const end = x.seq + x.data.length;
    if (end > st.next) {
      out.push(d, x.frame, x.data.subarray(st.next - x.seq), st.missing);
      st.missing = 0;
      st.next = end;
    }
  }
}

/** Give up on the gap before the first waiting segment (lost before the capture point), if `upTo` is past it. */
function skipGap(out: ChunkWriter, d: 0 | 1, st: DirectionState, upTo: number): void {
  while (st.waiting.length && upTo > st.next) {
    const s = st.waiting[0].seq;
    if (s > st.next) {
      st.missing += s - st.next;
      st.next = s;
    }
    drain(out, d, st);
  }
}

/** A result without chunks. */
export function emptyFollow(stream: number, kind: FollowKind, exists: boolean, complete: boolean): FollowStream {
  return {
    stream,
    kind,
    exists,
    complete,
    streams: 0,
    endpoints: ['', ''],
    bytes: [0, 0],
    count: 0,
    direction: new Uint8Array(0),
    frame: new Uint32Array(0),
    missing: new Uint32Array(0),
    offsets: new Uint32Array(1),
    data: new Uint8Array(0),
  };
}

/** The transferable buffers of a result (for Comlink.transfer). */
export function followTransfer(f: FollowStream): ArrayBuffer[] {
  return [f.direction, f.frame, f.missing, f.offsets, f.data].map((x) => x.buffer as ArrayBuffer);
}

/**
 * The payload of TCP stream `stream` of the open capture (every packet of it, whatever the display filter, as in
 * Wireshark), as TCP bytes or HTTP messages. A stream the capture does not have gives exists: false.
 */
export async function followOf(
  engine: Engine,
  stream: number,
  kind: FollowKind,
  opts: FollowOptions = {},
): Promise<FollowStream> {
  const tcp = engine.state.get(TCP_CONVERSATIONS);
  if (!(Number.isInteger(stream) && stream >= 0 && stream < tcp.count))
    return { ...emptyFollow(stream, kind, false, true), streams: tcp.count };

  const total = engine.count;
  let n = 0;
  for (let i = 0; i < total; i++) if (tcp.streamOf(i) === stream) n++;
  const todo = new Uint32Array(n);
  n = 0;
  for (let i = 0; i < total; i++) if (tcp.streamOf(i) === stream) todo[n++] = i;

  const f = {
    stream: id('tcp.stream'),
    seq: id('tcp.seq_raw'),
    ack: id('tcp.ack_raw'),
    flags: id('tcp.flags'),
    payload: id('tcp.payload'),
  };
  const httpIds =
    kind === 'http'
      ? {
          proto: id('http'),
          request: id('http.request'),
          response: id('http.response'),
          fileData: id('http.file_data'),
        }
      : null;
  // HTTP: only the HTTP items are watched (no copies of the TCP payloads).
  const sink = new FollowSink(new Set(kind === 'tcp' ? Object.values(f).filter((x) => x >= 0) : []), httpIds);
  sink.payloadId = f.payload;

  const first = n ? tcp.directionOf(todo[0]) : 0;
  const ports: [number, number] = [tcp.port[stream * 2 + first], tcp.port[stream * 2 + (first ^ 1)]];
  const names: [string, string] = ['', ''];
  const out = new ChunkWriter();
  const dirs = [new DirectionState(), new DirectionState()];

  const each = (p: Packet, cols: { src: string; dst: string }) => {
    try {
      if (p.layers.includes('icmp') || p.layers.includes('icmpv6')) return;
      const d = (tcp.directionOf(p.index) ^ first) as 0 | 1;
      if (!names[d]) {
        names[d] = endpoint(cols.src, ports[d]);
        names[d ^ 1] ||= endpoint(cols.dst, ports[d ^ 1]);
      }
      if (kind === 'http') {
        for (const m of sink.messages) out.push(d, p.index + 1, m);
        return;
      }
      // The fields of this stream's TCP header: from its tcp.stream to the next one.
      const { ids, values } = sink;
      let at = -1;
      for (let k = 0; k < ids.length; k++)
        if (ids[k] === f.stream && num(values[k]) === stream) {
          at = k;
          break;
        }
      if (at < 0) return;
      let seq = -1;
      let ack = -1;
      let flags = 0;
      let payload: Uint8Array | null = null;
      for (let k = at + 1; k < ids.length && ids[k] !== f.stream; k++) {
        if (ids[k] === f.seq && seq < 0) seq = num(values[k]);
        else if (ids[k] === f.ack && ack < 0) ack = num(values[k]);
        else if (ids[k] === f.flags) flags = Math.max(0, num(values[k]));
        else if (ids[k] === f.payload && !payload) payload = values[k] as Uint8Array;
      }
      if (seq < 0) return;
      const st = dirs[d];
      // The other side acknowledges bytes of ours it got: a gap it acknowledges past was lost before the capture.
      const other = dirs[d ^ 1];
      if (flags & ACK && ack >= 0 && other.base >= 0 && other.waiting.length)
        skipGap(out, (d ^ 1) as 0 | 1, other, other.place(ack));
      let s = st.place(seq);
      if (flags & SYN) {
        s += 1;
        if (st.next < 0) st.next = s;
      }
      if (payload && payload.length && !(flags & RST)) deliver(out, d, st, s, payload, p.index + 1);
    } finally {
      sink.clear();
    }
  };

  const aborted = () => opts.signal?.aborted === true;
  let lastYield = performance.now();
  for (let done = 0; done < n;) {
    if (aborted()) return emptyFollow(stream, kind, true, false);
    const part = todo.subarray(done, Math.min(n, done + SLICE));
    await engine.dissectPackets(part, sink, each);
    done += part.length;
    opts.onProgress?.(done, n);
    if (performance.now() - lastYield >= YIELD_MS && done < n) {
      await macrotask();
      lastYield = performance.now();
    }
  }
  if (aborted()) return emptyFollow(stream, kind, true, false);
  // Gaps still open at the end: what waited behind them comes after them.
  for (const d of [0, 1] as const) skipGap(out, d, dirs[d], Infinity);

  const count = out.count;
  return {
    stream,
    kind,
    exists: true,
    complete: true,
    streams: tcp.count,
    endpoints: names,
    bytes: out.bytes,
    count,
    direction: out.dir.slice(0, count),
    frame: out.frame.slice(0, count),
    missing: out.missing.slice(0, count),
    offsets: out.offsets.slice(0, count + 1),
    data: out.data.slice(0, out.size),
  };
}

/** The TCP and UDP stream of a packet (0-based index): tcp.stream and udp.stream, -1 when it has none. */
export async function streamsOfPacket(engine: Engine, packetIndex: number): Promise<{ tcp: number; udp: number }> {
  if (!Number.isInteger(packetIndex) || packetIndex < 0 || packetIndex >= engine.count) return { tcp: -1, udp: -1 };
  const tcpStream = engine.state.get(TCP_CONVERSATIONS).streamOf(packetIndex);
  const udpId = id('udp.stream');
  let udp = -1;
  if (udpId >= 0) {
    const sink = new FollowSink(new Set([udpId]), null);
    await engine.dissectPackets([packetIndex], sink, () => {
      const k = sink.ids.indexOf(udpId);
      if (k >= 0) udp = num(sink.values[k]);
      sink.clear();
    });
  }
  return { tcp: tcpStream, udp };
}
