// The state behind TCP reassembly: messages (PDUs) in flight per direction of a stream, the pieces every message was
// built from, and a small per-packet plan that lets the second pass redo, for any one packet, what the first pass did
// with its payload.
//
// Memory: bytes are copied only for messages still in flight and dropped once a message is final (or abandoned);
// what stays is a few numbers per piece and per message, and a few per packet that took part in reassembly.
import { PacketColumnNear } from '../flows/conversations';
import { grown, trimmed } from '../index/grow';
import { seqGe, seqLe, seqLt } from './seq';

/** A growable list of unsigned 32-bit numbers. */
export class U32List {
  data = new Uint32Array(256);
  length = 0;

  push(v: number): number {
    if (this.length === this.data.length) this.data = grown(this.data, this.length + 1);
    this.data[this.length] = v >>> 0;
    return this.length++;
  }

  get(i: number): number {
    return this.data[i];
  }

  set(i: number, v: number): void {
    this.data[i] = v >>> 0;
  }

  /** Give back the spare room (no more items will be added). */
  trim(): void {
    this.data = trimmed(this.data, this.length);
  }
}

/** A growable list of bytes, written as LEB128 varints. */
export class ByteList {
  data = new Uint8Array(1024);
  length = 0;

  /** Append an unsigned 32-bit number in 1–5 bytes (7 bits each, low first; the top bit says "more follows"). */
  pushVarint(v: number): void {
    if (this.length + 5 > this.data.length) this.data = grown(this.data, this.length + 5);
    const d = this.data;
    let at = this.length;
    let x = v >>> 0;
    while (x >= 0x80) {
      d[at++] = (x & 0x7f) | 0x80;
      x >>>= 7;
    }
    d[at++] = x;
    this.length = at;
  }

  /** Give back the spare room (no more bytes will be added). */
  trim(): void {
    this.data = trimmed(this.data, this.length);
  }
}

/** Msp.flags: the dissector asked for "one more segment": take the whole next segment. */
export const MSP_ENTIRE_SEGMENT = 1;
/** Msp.flags: the message runs until the sender's FIN. */
export const MSP_UNTIL_FIN = 2;

/** Marks a piece whose bytes are not in a frame (e.g. TCP over reassembled IP fragments): kept in `owned`. */
export const NOT_IN_FRAME = 0xffffffff;

/** A message in flight in the first pass (Wireshark's multi-segment PDU). */
export class Msp {
  /** Sequence number of the message's first byte, and of the byte after its (currently known) end. */
  seq: number;
  nxtpdu: number;
  flags = 0;
  /** End offset of the piece that reached nxtpdu (the last piece), or -1 while it has not come. */
  lastEnd = -1;
  /** Bytes [0, contig) are all present. */
  contig = 0;
  /** Offsets and lengths of the pieces, in the order they came. */
  offsets: number[] = [];
  lens: number[] = [];
  /** Pieces beyond a gap, waiting: indexes into offsets/lens. */
  pending: number[] = [];
  /** True once complete and no more bytes were asked for (or given up). */
  done = false;
  /**
   * The bytes. While every piece has followed the one before it exactly (nearly always), they sit one after another
   * in `buf` ([0, fill)): one buffer per message instead of a copy per segment and another to put them together.
   * The first piece out of order (a gap, an overlap) turns the message into a list of pieces (`bytes`), put together
   * by `assemble` with Wireshark's overlap rule.
   */
  private buf: Uint8Array | null = null;
  private fill = 0;
  /** Copies of each piece's bytes (aligned with offsets), once the message has had a piece out of order. */
  private bytes: Uint8Array[] | null = null;

  constructor(
    readonly id: number,
    seq: number,
    nxtpdu: number,
    private readonly pool: BufferPool | null = null,
  ) {
    this.seq = seq >>> 0;
    this.nxtpdu = nxtpdu >>> 0;
  }

  /** How many pieces the message has had. */
  get pieceCount(): number {
    return this.offsets.length;
  }

  /** True while bytes of the message are held (it is in flight). */
  get holding(): boolean {
    return this.offsets.length > 0;
  }

  /**
   * Add a piece: `data` (not kept: its bytes are copied) at `off` in the message. Returns true when [0, lastEnd) is
   * now complete. `sizeHint` is how long the message is expected to be (0: unknown), to size the buffer once.
   */
  addBytes(off: number, data: Uint8Array, last: boolean, sizeHint = 0): boolean {
    const index = this.offsets.length;
    this.offsets.push(off);
    this.lens.push(data.length);
    if (this.bytes === null && off === this.fill && this.pending.length === 0) {
      const need = this.fill + data.length;
      if (!this.buf || need > this.buf.length) {
        const size = Math.max(
          need,
          sizeHint > need && sizeHint <= MAX_HINT ? sizeHint : 0,
          (this.buf?.length ?? 0) * 2,
        );
        const next = this.pool ? this.pool.take(size) : new Uint8Array(size);
        if (this.buf) {
          next.set(this.buf.subarray(0, this.fill));
          this.pool?.give(this.buf);
        }
        this.buf = next;
      }
      this.buf.set(data, this.fill);
      this.fill = need;
    } else {
      if (this.bytes === null) {
        // From here on, one copy per piece; the earlier pieces are views of the buffer.
        const buf = this.buf ?? new Uint8Array(0);
        this.bytes = [];
        for (let i = 0; i < index; i++) this.bytes.push(buf.subarray(this.offsets[i], this.offsets[i] + this.lens[i]));
      }
      this.bytes.push(data.slice());
    }
    return this.cover(index, off, data.length, last);
  }

  /** Account for a new piece at `off` of `len` bytes: returns true when [0, lastEnd) is now complete. */
  private cover(index: number, off: number, len: number, last: boolean): boolean {
    if (last && this.lastEnd < 0) this.lastEnd = off + len;
    if (off <= this.contig) {
      if (off + len > this.contig) this.contig = off + len;
      // Absorb pieces that were waiting beyond the gap, as long as they now touch.
      let moved = true;
      while (moved && this.pending.length) {
        moved = false;
        for (let i = 0; i < this.pending.length; i++) {
          const j = this.pending[i];
          if (this.offsets[j] <= this.contig) {
            const end = this.offsets[j] + this.lens[j];
            if (end > this.contig) this.contig = end;
            this.pending.splice(i, 1);
            moved = true;
            break;
          }
        }
      }
    } else {
      this.pending.push(index);
    }
    return this.lastEnd >= 0 && this.contig >= this.lastEnd;
  }

  /** The message's bytes [0, lastEnd) (first pass). Valid until the next piece is added. */
  build(): Uint8Array {
    if (this.bytes === null && this.buf && this.lastEnd <= this.fill) return this.buf.subarray(0, this.lastEnd);
    const bytes = this.bytes ?? [];
    return assemble(
      this.lastEnd,
      this.offsets.length,
      (i) => this.offsets[i],
      (i) => bytes[i],
    );
  }

  /** The message needs more bytes after all (the dissector said so when given it): reopen it. */
  reopen(): void {
    this.lastEnd = -1;
  }

  /** Drop the bytes (the message is final, abandoned or forgotten). */
  release(): void {
    this.offsets = [];
    this.lens = [];
    this.pending = [];
    if (this.buf) this.pool?.give(this.buf);
    this.buf = null;
    this.fill = 0;
    this.bytes = null;
  }
}

/**
 * Message buffers of the first pass, handed out again once their message is released: most messages are a few
 * kilobytes and live for a few packets, and a fresh buffer for each (zeroed, then soon garbage) cost more than the
 * copying itself. Buffers are powers of two from 4 KB. A buffer given back is not handed out again before the next
 * packet: the message's bytes may still be in use while the packet that released it is dissected.
 */
export class BufferPool {
  private readonly free: Uint8Array[][] = [];
  private readonly resting: Uint8Array[] = [];
  private packet = -1;
  private held = 0;

  /** The first pass is at `packet`: buffers given back during earlier packets can be handed out again. */
  at(packet: number): void {
    if (packet === this.packet) return;
    this.packet = packet;
    for (const b of this.resting) {
      const c = 31 - Math.clz32(b.length);
      (this.free[c] ??= []).push(b);
    }
    this.resting.length = 0;
  }

  /** A buffer of at least `min` bytes (its contents are whatever they were). */
  take(min: number): Uint8Array {
    const c = Math.max(POOL_MIN_CLASS, 32 - Math.clz32(Math.max(1, min) - 1));
    const b = this.free[c]?.pop();
    if (b) {
      this.held -= b.length;
      return b;
    }
    return new Uint8Array(2 ** c);
  }

  /** Give back a buffer that `take` handed out, when no one reads it any more after this packet. */
  give(b: Uint8Array): void {
    if (b.length > POOL_MAX_BUFFER || b.length & (b.length - 1) || this.held + b.length > POOL_MAX_HELD) return;
    this.held += b.length;
    this.resting.push(b);
  }

  /** Let go of every buffer (the first pass is over). */
  clear(): void {
    this.free.length = 0;
    this.resting.length = 0;
    this.held = 0;
  }
}

const POOL_MIN_CLASS = 12;
const POOL_MAX_BUFFER = 1 << 20;
const POOL_MAX_HELD = 16 << 20;

/** The largest buffer sized up front from what a dissector announced (more grows as the bytes come). */
const MAX_HINT = 4 << 20;

/**
 * Put pieces together into `length` bytes: pieces in order of offset (earlier first on ties), each adding only the
 * bytes beyond what the previous ones covered, as Wireshark's reassembly does with overlapping fragments.
 */
export function assemble(
  length: number,
  count: number,
  offsetOf: (i: number) => number,
  bytesOf: (i: number) => Uint8Array | undefined,
): Uint8Array {
  const out = new Uint8Array(length);
  const order: number[] = [];
  for (let i = 0; i < count; i++) order.push(i);
  order.sort((a, b) => offsetOf(a) - offsetOf(b) || a - b);
  let pos = 0;
  for (const i of order) {
    const b = bytesOf(i);
    if (!b) continue;
    const off = offsetOf(i);
    const end = Math.min(length, off + b.length);
    if (end <= pos) continue;
    const from = Math.max(pos, off);
    out.set(b.subarray(from - off, end - off), from);
    pos = end;
  }
  return out;
}

/** The messages of one direction of a stream that a new segment can still belong to (newest last). */
export class FlowReassembly {
  readonly recent: Msp[] = [];
  /** A message asked to run until FIN. */
  untilFin: Msp | null = null;

  /** The message starting exactly at `seq`, if one is remembered. */
  exact(seq: number): Msp | undefined {
    for (let i = this.recent.length - 1; i >= 0; i--) if (this.recent[i].seq === seq >>> 0) return this.recent[i];
    return undefined;
  }

  /** The remembered message with the highest start at or before `seq`. */
  atOrBefore(seq: number): Msp | undefined {
    let best: Msp | undefined;
    for (const m of this.recent) if (seqLe(m.seq, seq) && (!best || seqGe(m.seq, best.seq))) best = m;
    return best;
  }

  /** Remember a new message; forget (and free) the oldest ones beyond a few. */
  add(m: Msp): void {
    this.recent.push(m);
    while (this.recent.length > 4) (this.recent.shift() as Msp).release();
  }

  /** Drop the copies of unfinished messages that ended before `seq` (their missing bytes will not come in order). */
  abandonBefore(seq: number): void {
    for (const m of this.recent)
      if (!m.done && seqLt(m.nxtpdu, seq) && m.holding) {
        m.release();
        m.done = true;
      }
  }
}

/** Plan ops (per packet, replayed by the second pass). Each op is OP_WORDS numbers: op, a, b, c, d, e. */
export const Op = {
  /** Call the application on the segment's payload from offset a (within the payload). */
  Call: 1,
  /** Call the application on message a, made of its first b pieces (c bytes); payload bytes [d, d + e) end it. */
  Reassembled: 2,
  /** Bytes [a, a + b) of the payload belong to message c, which is not complete here. */
  Piece: 3,
  /** Retransmitted data (a bytes): no call. */
  Retransmitted: 4,
  /** Protocol back to TCP (unless fenced) and the "[TCP segment of a reassembled PDU]" tag. */
  Tag: 5,
  /** What follows is another PDU in the same segment: keep the Protocol and Info written so far. */
  Fence: 6,
  /** Message a (b pieces, c bytes) became complete through an earlier piece arriving late: not handed over. */
  Unclaimed: 7,
} as const;
export const OP_WORDS = 6;

export class TcpReassemblyState {
  readonly flows = new Map<number, FlowReassembly>();
  /** Per message: first packet, packet it was (last) reassembled in + 1, length, first/last piece + 1. */
  readonly msgFirst = new U32List();
  readonly msgIn = new U32List();
  readonly msgLen = new U32List();
  readonly msgHead = new U32List();
  readonly msgTail = new U32List();
  /** Per piece: packet, offset of its first byte in that frame (or NOT_IN_FRAME), offset in the message, length, next piece + 1. */
  readonly piecePacket = new U32List();
  readonly pieceFrameOff = new U32List();
  readonly pieceMsgOff = new U32List();
  readonly pieceLen = new U32List();
  readonly pieceNext = new U32List();
  /** Bytes of pieces that are not in a frame. */
  readonly owned = new Map<number, Uint8Array>();
  /**
   * Per packet: index + 1 into `plan` of its plan (near the previous packets' plans: 2 bytes each); 0 when the payload
   * was simply handed over. A plan is its op count and then every op's OP_WORDS numbers, each number as a LEB128
   * varint: most are small (offsets in a segment, lengths, message ids), so a plan takes about 10 bytes instead of 28.
   */
  readonly planStart = new PacketColumnNear();
  readonly plan = new ByteList();
  /** Buffers of messages in flight (first pass). */
  private readonly pool = new BufferPool();

  /** The first pass is over (`packets` packets): messages in flight are dropped, the lists keep no spare room. */
  endFirstPass(packets: number): void {
    this.flows.clear();
    this.pool.clear();
    for (const list of [
      this.msgFirst,
      this.msgIn,
      this.msgLen,
      this.msgHead,
      this.msgTail,
      this.piecePacket,
      this.pieceFrameOff,
      this.pieceMsgOff,
      this.pieceLen,
      this.pieceNext,
      this.plan,
    ])
      list.trim();
    this.planStart.trim(packets);
  }

  flow(stream: number, direction: number): FlowReassembly {
    const key = stream * 2 + direction;
    let f = this.flows.get(key);
    if (!f) {
      f = new FlowReassembly();
      this.flows.set(key, f);
    }
    return f;
  }

  newMessage(firstPacket: number, seq: number, nxtpdu: number): Msp {
    const id = this.msgFirst.push(firstPacket);
    this.msgIn.push(0);
    this.msgLen.push(0);
    this.msgHead.push(0);
    this.msgTail.push(0);
    this.pool.at(firstPacket);
    return new Msp(id, seq, nxtpdu, this.pool);
  }

  /**
   * Record a piece of message `m` (first pass). `bytes` may be a view of the frame: the message copies what it keeps.
   * `frameOff` is NOT_IN_FRAME when `bytes` are not the frame's (they are then kept in `owned`).
   */
  addPiece(
    m: Msp,
    packet: number,
    frameOff: number,
    msgOff: number,
    bytes: Uint8Array,
    last: boolean,
    sizeHint = 0,
  ): boolean {
    this.pool.at(packet);
    const i = this.piecePacket.push(packet);
    this.pieceFrameOff.push(frameOff);
    this.pieceMsgOff.push(msgOff);
    this.pieceLen.push(bytes.length);
    this.pieceNext.push(0);
    if (frameOff === NOT_IN_FRAME) this.owned.set(i, bytes.slice());
    const tail = this.msgTail.get(m.id);
    if (tail) this.pieceNext.set(tail - 1, i + 1);
    else this.msgHead.set(m.id, i + 1);
    this.msgTail.set(m.id, i + 1);
    return m.addBytes(msgOff, bytes, last, sizeHint);
  }

  /** Pieces of a message in the order they were added: up to `count` piece indexes. */
  pieces(msg: number, count: number): number[] {
    const out: number[] = [];
    let i = this.msgHead.get(msg);
    while (i && out.length < count) {
      out.push(i - 1);
      i = this.pieceNext.get(i - 1);
    }
    return out;
  }

  /** Store a packet's plan (first pass): `count` numbers of `ops`, OP_WORDS per op. */
  setPlan(packet: number, ops: readonly number[], count: number): void {
    if (count === 0) return;
    const start = this.plan.length;
    this.plan.pushVarint(count / OP_WORDS);
    for (let i = 0; i < count; i++) this.plan.pushVarint(ops[i]);
    this.planStart.set(packet, start + 1);
  }

  /** The ops of a packet's plan (OP_WORDS numbers each), or null when it has none. */
  planOps(packet: number): number[] | null {
    const start = this.planStart.get(packet);
    if (start === 0) return null;
    const d = this.plan.data;
    let at = start - 1;
    const next = (): number => {
      let v = 0;
      let shift = 0;
      for (;;) {
        const b = d[at++];
        v += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) return v;
        shift += 7;
      }
    };
    const n = next() * OP_WORDS;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = next();
    return out;
  }
}
