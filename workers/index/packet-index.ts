// One row per packet, as typed-array columns, each as narrow as its values allow: what the first pass keeps. No per-packet object survives the pass;
// rare extras (comments, pseudo-frame block types) live in sparse maps keyed by packetIndex.
import type { CaptureRecord } from '../capture/types';
import { ProtocolStacks } from './stacks';
import { grown, trimmed } from './grow';

/** Bits of the `flags` column. */
export const enum RowFlag {
  /** capLen < origLen. */
  Truncated = 1,
  /** A dissector found the packet malformed. */
  Malformed = 2,
  /** The record has a comment. */
  Commented = 4,
  /** The record has no timestamp (pcapng simple packet block). */
  NoTimestamp = 8,
}

/** Offsets are kept in full for every this-many-th packet; the others are worked out from the gaps before them. */
const MARK_EVERY = 64;

/** 32-bit columns become 64-bit floats the first time a value does not fit (a time past 2106, a file over 4 GB). */
const fitsU32 = (v: number): boolean => v >>> 0 === v;

export class PacketIndex {
  count = 0;
  private capacity: number;
  /**
   * Whole seconds of the timestamp since `secBase` (the first timestamp; 0 for a packet without one): 2 bytes a
   * packet while they fit in 16 bits (a capture shorter than 18 hours), 4 while they fit in 32, and from the first
   * value that does not (time going back before the first packet, a fraction), absolute seconds as 64-bit floats.
   * Read them with seconds() or rawSeconds().
   */
  private secs: Uint16Array | Uint32Array | Float64Array;
  private secBase = NaN;
  /** Nanoseconds as read: a 32-bit signed value (out of range in broken files). */
  tsNs: Int32Array;
  /**
   * Where each packet's bytes start in the (decompressed) byte stream, read with offsetOf(). Records follow one
   * another with a small gap (a pcap record header is 16 bytes; a pcapng block adds 32 or so), so what is kept is the
   * offset of every 64th packet (`marks`) and, per packet, its gap after the previous packet's bytes (`gaps`, one
   * byte). From the first gap that does not fit (a long comment, other blocks between packets), every offset is kept
   * in full (`full`: 32 bits up to 4 GB, then 64-bit floats).
   */
  private marks: Float64Array;
  private gaps: Uint8Array | null;
  private full: Uint32Array | Float64Array | null = null;
  /** Where the previous packet's bytes end (first pass), and the last offset worked out (packet, offset). */
  private prevEnd = 0;
  private memoPacket = -1;
  private memoOffset = 0;
  /** Captured length: two bytes a packet until a packet longer than 65,535 bytes comes. */
  capLen: Uint16Array | Uint32Array;
  /** Lengths on the wire, made only when a packet was cut short (capLen < origLen); until then they equal capLen. */
  private wireLen: Uint32Array | null = null;
  /**
   * Interface id, or -1 for pseudo-frames: made at the first packet whose id is not 0 (until then every packet's is 0),
   * one byte a packet until an id above 127 comes.
   */
  private iface: Int8Array | Int32Array | null = null;
  /** Id of the Protocol column text in `protocolNames` (setProtocol): one byte until there are more than 256. */
  protocol: Uint8Array | Uint16Array;
  flags: Uint8Array;
  /** The packet's protocol stack (ProtocolStacks id) as the first pass saw it (setStack): one byte, then two. */
  stack: Uint8Array | Uint16Array;
  readonly stacks = new ProtocolStacks();
  readonly protocolNames: string[] = [];
  private readonly protocolIds = new Map<string, number>();
  readonly comments = new Map<number, string[]>();
  /** For pseudo-frames: [blockType, pen]. */
  readonly blocks = new Map<number, [number, number]>();

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.secs = new Uint16Array(initialCapacity);
    this.tsNs = new Int32Array(initialCapacity);
    this.marks = new Float64Array(Math.ceil(initialCapacity / MARK_EVERY));
    this.gaps = new Uint8Array(initialCapacity);
    this.capLen = new Uint16Array(initialCapacity);
    this.protocol = new Uint8Array(initialCapacity);
    this.flags = new Uint8Array(initialCapacity);
    this.stack = new Uint8Array(initialCapacity);
  }

  /** Append a record; returns its packetIndex. */
  append(rec: CaptureRecord): number {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    const noTs = Number.isNaN(rec.tsSec);
    if (!noTs && Number.isNaN(this.secBase)) this.secBase = rec.tsSec;
    this.storeSeconds(i, noTs ? 0 : rec.tsSec - this.secBase);
    this.tsNs[i] = rec.tsNs;
    this.storeOffset(i, rec.offset, rec.capLen);
    if (rec.capLen > 0xffff && this.capLen instanceof Uint16Array) this.capLen = Uint32Array.from(this.capLen);
    this.capLen[i] = rec.capLen;
    if (this.wireLen === null && rec.origLen !== rec.capLen) this.wireLen = Uint32Array.from(this.capLen);
    if (this.wireLen !== null) this.wireLen[i] = rec.origLen;
    const iface = rec.interfaceId < 0 ? -1 : rec.interfaceId;
    if (iface !== 0 && this.iface === null) this.iface = new Int8Array(this.capacity);
    if (iface > 127 && this.iface instanceof Int8Array) this.iface = Int32Array.from(this.iface);
    if (this.iface !== null) this.iface[i] = iface;
    let f = 0;
    if (rec.capLen < rec.origLen) f |= RowFlag.Truncated;
    if (noTs) f |= RowFlag.NoTimestamp;
    if (rec.comments && rec.comments.length) {
      f |= RowFlag.Commented;
      this.comments.set(i, rec.comments.slice());
    }
    if (rec.interfaceId < 0) this.blocks.set(i, [rec.blockType, rec.pen]);
    this.flags[i] = f;
    return i;
  }

  private storeSeconds(i: number, v: number): void {
    const col = this.secs;
    if (!(col instanceof Float64Array)) {
      if (!fitsU32(v)) {
        // From here on, absolute seconds: exact whatever they are.
        const base = Number.isNaN(this.secBase) ? 0 : this.secBase;
        this.secs = Float64Array.from(col, (x) => x + base);
        this.secBase = 0;
        v += base;
      } else if (v > 0xffff && col instanceof Uint16Array) this.secs = Uint32Array.from(col);
    }
    this.secs[i] = v;
  }

  private storeOffset(i: number, offset: number, capLen: number): void {
    const gaps = this.gaps;
    if (gaps !== null) {
      const gap = offset - this.prevEnd;
      if (i === 0 || (gap >= 0 && gap <= 0xff && Number.isInteger(gap))) {
        if (i % MARK_EVERY === 0) this.marks[i / MARK_EVERY] = offset;
        gaps[i] = i === 0 ? 0 : gap;
      } else {
        // Every offset in full from here on.
        const full = new Float64Array(gaps.length);
        for (let k = 0; k < i; k++) full[k] = this.offsetOf(k);
        this.full = full.every(fitsU32) ? Uint32Array.from(full) : full;
        this.gaps = null;
        this.marks = new Float64Array(0);
      }
    }
    const full = this.full;
    if (full !== null) {
      if (!fitsU32(offset) && full instanceof Uint32Array) this.full = Float64Array.from(full);
      this.full![i] = offset;
    }
    this.prevEnd = offset + capLen;
  }

  /** Where packet i's bytes start in the byte stream. */
  offsetOf(i: number): number {
    if (this.full !== null) return this.full[i];
    if (i === this.memoPacket) return this.memoOffset;
    const gaps = this.gaps!;
    const capLen = this.capLen;
    let v: number;
    if (i === this.memoPacket + 1 && i % MARK_EVERY !== 0 && this.memoPacket >= 0) {
      // The next packet after the last one asked for (reading packets in order).
      v = this.memoOffset + capLen[i - 1] + gaps[i];
    } else {
      const mark = i - (i % MARK_EVERY);
      v = this.marks[mark / MARK_EVERY];
      for (let at = mark + 1; at <= i; at++) v += capLen[at - 1] + gaps[at];
    }
    this.memoPacket = i;
    this.memoOffset = v;
    return v;
  }

  /** Seconds of packet i, or NaN when it has no timestamp. */
  seconds(i: number): number {
    return this.flags[i] & RowFlag.NoTimestamp ? NaN : this.secBase + this.secs[i];
  }

  /** Seconds of packet i, or 0 when it has no timestamp. */
  rawSeconds(i: number): number {
    return this.flags[i] & RowFlag.NoTimestamp ? 0 : this.secBase + this.secs[i];
  }

  /** Bytes per packet of the seconds column now (2, 4 or 8). */
  get secondsWidth(): number {
    return this.secs.BYTES_PER_ELEMENT;
  }

  /** Bytes per packet of interface ids: 0 while every packet is of interface 0, then 1, then 4. */
  get interfaceWidth(): number {
    return this.iface ? this.iface.BYTES_PER_ELEMENT : 0;
  }

  /** The packet's interface id (-1: a pseudo-frame). */
  interfaceOf(i: number): number {
    return this.iface !== null ? this.iface[i] : 0;
  }

  /** Set packet i's Protocol column text. */
  setProtocol(i: number, name: string): void {
    const id = this.protocolId(name);
    if (id > 0xff && this.protocol instanceof Uint8Array) this.protocol = Uint16Array.from(this.protocol);
    this.protocol[i] = id;
  }

  /** Set packet i's protocol stack (a ProtocolStacks id). */
  setStack(i: number, id: number): void {
    if (id > 0xff && this.stack instanceof Uint8Array) this.stack = Uint16Array.from(this.stack);
    this.stack[i] = id;
  }

  /** Length of packet i on the wire (frame.len). */
  origLen(i: number): number {
    return this.wireLen !== null ? this.wireLen[i] : this.capLen[i];
  }

  protocolId(name: string): number {
    let id = this.protocolIds.get(name);
    if (id === undefined) {
      id = this.protocolNames.length;
      this.protocolNames.push(name);
      this.protocolIds.set(name, id);
    }
    return id;
  }

  /** Bytes held by the columns (for memory accounting). */
  get byteSize(): number {
    const wide = (a: { BYTES_PER_ELEMENT: number }) => a.BYTES_PER_ELEMENT;
    const perPacket =
      wide(this.secs) +
      4 +
      (this.full ? wide(this.full) : 1 + 8 / MARK_EVERY) +
      wide(this.capLen) +
      (this.wireLen ? 4 : 0) +
      (this.iface ? wide(this.iface) : 0) +
      wide(this.protocol) +
      1 +
      wide(this.stack);
    return this.capacity * perPacket;
  }

  /** Give back the spare room of the columns once every packet is in. */
  trim(): void {
    const n = this.count;
    this.secs = trimmed(this.secs, n);
    this.tsNs = trimmed(this.tsNs, n);
    if (this.full) this.full = trimmed(this.full, n);
    if (this.gaps) this.gaps = trimmed(this.gaps, n);
    this.marks = trimmed(this.marks, Math.ceil(n / MARK_EVERY));
    this.capLen = trimmed(this.capLen, n);
    if (this.wireLen) this.wireLen = trimmed(this.wireLen, n);
    if (this.iface) this.iface = trimmed(this.iface, n);
    this.protocol = trimmed(this.protocol, n);
    this.flags = trimmed(this.flags, n);
    this.stack = trimmed(this.stack, n);
    this.capacity = this.secs.length;
  }

  private grow(): void {
    const cap = Math.max(16, this.capacity * 2);
    this.secs = grown(this.secs, cap);
    this.tsNs = grown(this.tsNs, cap);
    if (this.full) this.full = grown(this.full, cap);
    if (this.gaps) this.gaps = grown(this.gaps, cap);
    this.marks = grown(this.marks, Math.ceil(cap / MARK_EVERY));
    this.capLen = grown(this.capLen, cap);
    if (this.wireLen) this.wireLen = grown(this.wireLen, cap);
    if (this.iface) this.iface = grown(this.iface, cap);
    this.protocol = grown(this.protocol, cap);
    this.flags = grown(this.flags, cap);
    this.stack = grown(this.stack, cap);
    this.capacity = cap;
  }
}
