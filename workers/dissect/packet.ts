// The packet being dissected: its bytes, the columns being written, the sink receiving fields, and the capture-wide
// state of the first pass. One Packet object is reused for every packet of a pass: nothing in it survives a packet.
import type { FieldValue, Sink } from './sinks';
import { NULL_SINK } from './sinks';
import type { CaptureState } from './state';
import type { ProtocolStacks } from '../index/stacks';

/** Address kinds for the Source and Destination columns (Wireshark's AT_*). */
export const enum AddrType {
  None = 0,
  Ether = 1,
  IPv4 = 2,
  IPv6 = 3,
  /** A string given as is (e.g. an FC address, a D-Bus name). */
  Str = 4,
}

/** The packet-list columns of one packet. Only built when someone will read them (pass 2). */
export interface Columns {
  protocol: string;
  info: string;
  src: string;
  dst: string;
}

/** Reading past the captured bytes of a packet (Wireshark's BoundsError). */
export class BoundsError extends Error {
  constructor() {
    super('read past the captured data');
  }
}

/** The packet contradicts itself (Wireshark's ReportedBoundsError / malformed). */
export class MalformedError extends Error {
  constructor(why = 'malformed packet') {
    super(why);
  }
}

export interface Expert {
  severity: 'chat' | 'note' | 'warn' | 'error';
  group: string;
  /** Wireshark's expert field name, e.g. "tcp.analysis.retransmission". */
  name: string;
  message: string;
}

/** A buffer holding bytes of the packet: the frame itself, or a reassembled/decompressed buffer shown as its own tab. */
export interface DataSource {
  name: string;
  data: Uint8Array;
}

export class Packet {
  /** 0-based position in the capture (packetIndex). */
  index = 0;
  /** 1-based number shown to people (frameNumber). */
  get frameNumber(): number {
    return this.index + 1;
  }
  /** 1 in the first pass (state is built), 2 when re-dissecting for display (state is only read). */
  pass: 1 | 2 = 1;
  /** The current bytes: the frame, or a reassembled buffer while a dissector works on one. */
  data: Uint8Array = new Uint8Array(0);
  /** A DataView over `data`, made on first use (most packets never need one: a DataView per packet cost 10%). */
  get dv(): DataView {
    return (this.dvCache ??= new DataView(this.data.buffer, this.data.byteOffset, this.data.byteLength));
  }
  private dvCache: DataView | null = null;
  /** Captured and original length of the frame. */
  capLen = 0;
  origLen = 0;
  linkType = 0;
  interfaceId = 0;
  /** Timestamp as read (seconds since the epoch, may be NaN; nanoseconds may exceed 1e9 in broken files). */
  tsSec = 0;
  tsNs = 0;
  /** pcapng epb_flags. */
  flags = 0;
  comments: string[] | null = null;
  blockType = 0;
  pen = 0;

  /** Columns, when they are wanted; null in the first pass. */
  cols: Columns | null = null;
  /** Where fields go. NULL_SINK when no one is listening. */
  sink: Sink = NULL_SINK;
  /** Items opened and not yet closed (open/text with open): a caller can close back to its own level with unwind. */
  openDepth = 0;
  /** Capture-wide state (conversations, fragments, …). */
  state!: CaptureState;
  /** Expert notes of this packet (only collected when cols or sink are active). */
  experts: Expert[] = [];
  /** Protocol filter names in order, as frame.protocols ("eth:ethertype:ip:tcp"). */
  layers: string[] = [];
  /** The capture's protocol stacks (first pass only: the stack id of each packet goes to the index). */
  stacks: ProtocolStacks | null = null;
  /** This packet's stack id in `stacks`. */
  stack = 0;
  /** The data sources after the frame itself (reassembled buffers), in order of creation. */
  sources: DataSource[] = [];
  /** Index into [frame, ...sources] of the buffer in `data`: 0 for the frame. */
  sourceIndex = 0;

  /** Network-layer and link-layer addresses for Source/Destination (last set wins, as in Wireshark). */
  srcType: AddrType = AddrType.None;
  dstType: AddrType = AddrType.None;
  /** The current protocol column text; set by every layer (cheap: a string reference). */
  protocol = '';
  /**
   * Network-layer addresses of the innermost IP header, set by IPv4/IPv6 on every pass (for transport conversations and
   * pseudo-headers). The address bytes are `netData[netSrcOff..]` / `netData[netDstOff..]` (4 or 16 bytes by netType);
   * `netData` is the buffer IP read them from (the frame, or a reassembled buffer). For IPv4 also as uint32 numbers.
   */
  netType: AddrType = AddrType.None;
  netData: Uint8Array = new Uint8Array(0);
  netSrcOff = 0;
  netDstOff = 0;
  netSrc4 = 0;
  netDst4 = 0;
  /** Transport ports, when a transport layer set them. */
  srcPort = 0;
  dstPort = 0;
  /**
   * Length of the start of Info that setInfo keeps (Wireshark's column fence): the TCP analysis tags put in front of
   * Info stay when an application dissector replaces the text after them. 0: no fence.
   */
  infoFence = 0;
  /** Set when a dissector threw; the reason is appended to Info as Wireshark does. */
  truncated = false;
  malformed = false;
  /**
   * True while dissecting the copy of an offending datagram inside an ICMP/ICMPv6 error message: layers above
   * should not count it as traffic (no conversations, no analysis), only show it.
   */
  inError = false;
  /**
   * True while dissecting the payload of one fragment of an IP datagram that was not reassembled (Wireshark's
   * pinfo->fragmented): transport lengths may then exceed the bytes at hand without being wrong.
   */
  fragmented = false;

  private frameData: Uint8Array = new Uint8Array(0);
  /** Second pass: bytes of other packets this one needs (see registerPrefetch), by packetIndex. */
  peers: ReadonlyMap<number, Uint8Array> | null = null;

  /** Prepare for a new packet. */
  reset(index: number, data: Uint8Array): void {
    this.index = index;
    this.setData(data);
    this.frameData = data;
    // Truncating an array costs even when it is empty; these are empty in the first pass.
    if (this.experts.length) this.experts.length = 0;
    if (this.layers.length) this.layers.length = 0;
    this.stack = 0;
    if (this.sources.length) this.sources.length = 0;
    this.sourceIndex = 0;
    this.openDepth = 0;
    this.srcType = AddrType.None;
    this.dstType = AddrType.None;
    this.protocol = '';
    this.netType = AddrType.None;
    this.netData = data;
    this.netSrcOff = 0;
    this.netDstOff = 0;
    this.netSrc4 = 0;
    this.netDst4 = 0;
    this.srcPort = 0;
    this.dstPort = 0;
    this.truncated = false;
    this.malformed = false;
    this.inError = false;
    this.fragmented = false;
    this.infoFence = 0;
    if (this.cols) {
      this.cols.protocol = '';
      this.cols.info = '';
      this.cols.src = '';
      this.cols.dst = '';
    }
  }

  private setData(data: Uint8Array): void {
    this.data = data;
    this.dvCache = null;
  }

  /** True when anything (columns or a sink) will look at text built for this packet. */
  get verbose(): boolean {
    return this.cols !== null || this.sink.active;
  }

  // ---- columns ---------------------------------------------------------------------------------------------

  /** Set the Protocol column (cheap; call it in every pass). */
  setProtocol(name: string): void {
    this.protocol = name;
  }

  /** Replace the Info column. Build the text only when `p.cols` is set. */
  setInfo(text: string): void {
    if (this.cols) this.cols.info = this.infoFence ? this.cols.info.slice(0, this.infoFence) + text : text;
  }

  /** Put `text` in front of Info and keep it there when later layers set Info (like col_prepend_fence_fstr). */
  prependInfoFenced(text: string): void {
    if (this.cols && text) {
      this.cols.info = text + this.cols.info;
      this.infoFence += text.length;
    }
  }

  /** Append to the Info column (no separator added). */
  appendInfo(text: string): void {
    if (this.cols) this.cols.info += text;
  }

  /** Append with a separator, like Wireshark's col_append_sep_str: only when Info is not empty. */
  appendInfoSep(sep: string, text: string): void {
    if (this.cols) this.cols.info = this.cols.info ? this.cols.info + sep + text : text;
  }

  /** Set Source/Destination to addresses in the current data (offsets of the address bytes). */
  setAddresses(type: AddrType, srcOff: number, dstOff: number): void {
    this.srcType = type;
    this.dstType = type;
    if (this.cols) {
      this.cols.src = formatAddress(type, this.data, srcOff);
      this.cols.dst = formatAddress(type, this.data, dstOff);
    }
  }

  /** Record the network-layer addresses (IPv4/IPv6) found at these offsets of the current data. */
  setNetAddresses(type: AddrType, srcOff: number, dstOff: number): void {
    this.netType = type;
    this.netData = this.data;
    this.netSrcOff = srcOff;
    this.netDstOff = dstOff;
    if (type === AddrType.IPv4) {
      this.netSrc4 = be32(this.data, srcOff);
      this.netDst4 = be32(this.data, dstOff);
    } else {
      this.netSrc4 = 0;
      this.netDst4 = 0;
    }
  }

  /** Set Source/Destination to given strings (names, not addresses). */
  setAddressStrings(src: string, dst: string): void {
    this.srcType = AddrType.Str;
    this.dstType = AddrType.Str;
    if (this.cols) {
      this.cols.src = src;
      this.cols.dst = dst;
    }
  }

  // ---- layers, experts, data sources -------------------------------------------------------------------

  /**
   * Record that a protocol is present: the packet's stack id always (cheap), and frame.protocols as names when
   * columns or a sink will read it.
   */
  addLayer(filterName: string): void {
    if (this.stacks) this.stack = this.stacks.push(this.stack, filterName);
    if (this.cols !== null || this.sink.active) this.layers.push(filterName);
  }

  expert(severity: Expert['severity'], group: string, name: string, message: string): void {
    if (!this.verbose) return;
    const e: Expert = { severity, group, name, message };
    this.experts.push(e);
    if (this.sink.active) this.sink.expert?.(this, e);
  }

  /**
   * Dissect `data` (a reassembled or decompressed buffer) as a new data source named `name`, then come back to the
   * current buffer. Offsets inside `fn` refer to `data`.
   */
  withSource(name: string, data: Uint8Array, fn: () => void): void {
    const savedData = this.data;
    const savedIndex = this.sourceIndex;
    this.sources.push({ name, data });
    this.sourceIndex = this.sources.length;
    this.setData(data);
    try {
      fn();
    } finally {
      this.sourceIndex = savedIndex;
      this.setData(savedData);
    }
  }

  /**
   * The captured bytes of another packet, in the second pass, when a prefetch provider asked for it (state.ts,
   * registerPrefetch). Undefined in the first pass: keep what you need then.
   */
  peer(packetIndex: number): Uint8Array | undefined {
    return this.peers?.get(packetIndex);
  }

  /** The frame's own bytes (data source 0). */
  get frame(): Uint8Array {
    return this.frameData;
  }

  // ---- fields (forwarded to the sink; nothing happens when it is inactive) ------------------------------

  /** Add a field; `value` undefined decodes it from the current data by the field's type. */
  add(id: number, offset: number, length: number, value?: FieldValue, flags = 0, label?: string): void {
    if (this.sink.active) this.sink.add(this, id, offset, length, value, flags, label);
  }

  /** Add a field and put what follows under it until close(). */
  open(id: number, offset: number, length: number, value?: FieldValue, flags = 0, label?: string): void {
    if (!this.sink.active) return;
    this.openDepth++;
    this.sink.open(this, id, offset, length, value, flags, label);
  }

  /** Close the innermost open item (optionally fixing its length now that it is known). */
  close(length?: number): void {
    if (!this.sink.active || this.openDepth === 0) return;
    this.openDepth--;
    this.sink.close(length);
  }

  /** Close the innermost open item and remove it, with what is under it (a layer that found nothing to show). */
  drop(): void {
    if (!this.sink.active || this.openDepth === 0) return;
    this.openDepth--;
    if (this.sink.drop) this.sink.drop();
    else this.sink.close();
  }

  /** A text-only line in the tree (optionally opened as a subtree: close it with close()). */
  text(offset: number, length: number, label: string, open = false): void {
    if (!this.sink.active) return;
    if (open) this.openDepth++;
    this.sink.text(this, offset, length, label, open);
  }

  /**
   * Dissect more layers (`fn`) inside the open item, as Wireshark does when a protocol hands bytes to another with its
   * own subtree (the data of an ICMP echo, the datagram quoted in an ICMP error): their items go under it, not at the
   * top level.
   */
  nest(fn: () => void): void {
    if (!this.sink.active) {
      fn();
      return;
    }
    const sink = this.sink;
    const depth = this.openDepth;
    sink.nest?.(true);
    try {
      fn();
    } finally {
      this.unwind(depth);
      sink.nest?.(false);
    }
  }

  /** Close the items still open above `depth` (a value of openDepth taken before): after a layer that threw. */
  unwind(depth: number): void {
    while (this.openDepth > depth) this.close();
  }

  // ---- bounds --------------------------------------------------------------------------------------------

  /** Throw BoundsError unless `n` bytes from `off` are in the current data and before `end`. */
  need(off: number, n: number, end = this.data.length): void {
    if (off + n > end || off + n > this.data.length) throw new BoundsError();
  }
}

// ---- address formatting (Wireshark's address_to_str with name resolution off) ----------------------------------

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function formatEther(data: Uint8Array, off: number): string {
  return `${HEX[data[off]]}:${HEX[data[off + 1]]}:${HEX[data[off + 2]]}:${HEX[data[off + 3]]}:${HEX[data[off + 4]]}:${HEX[data[off + 5]]}`;
}

export function formatIPv4(data: Uint8Array, off: number): string {
  return `${data[off]}.${data[off + 1]}.${data[off + 2]}.${data[off + 3]}`;
}

export function formatIPv4Number(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** RFC 5952 text form: lowercase, longest run of two or more zero groups as "::", IPv4-mapped/compatible forms as Wireshark shows them. */
export function formatIPv6(data: Uint8Array, off: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((data[off + 2 * i] << 8) | data[off + 2 * i + 1]);
  // Longest run of zeros (length ≥ 2), first one on ties.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, not :: or ::1).
  if (bestStart === 0 && bestLen === 5 && g[5] === 0xffff) return `::ffff:${formatIPv4(data, off + 12)}`;
  if (bestStart === 0 && bestLen === 6 && g[6] !== 0) return `::${formatIPv4(data, off + 12)}`;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += i === 0 ? '::' : ':';
      i += bestLen - 1;
      continue;
    }
    out += g[i].toString(16);
    if (i < 7) out += ':';
  }
  return out;
}

export function formatAddress(type: AddrType, data: Uint8Array, off: number): string {
  switch (type) {
    case AddrType.Ether:
      return formatEther(data, off);
    case AddrType.IPv4:
      return formatIPv4(data, off);
    case AddrType.IPv6:
      return formatIPv6(data, off);
    default:
      return '';
  }
}

export function hex(data: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += HEX[data[off + i]];
  return s;
}

/** The big-endian 16-bit number at `o` (no bounds check: the caller has checked with need()). */
export function be16(d: Uint8Array, o: number): number {
  return (d[o] << 8) | d[o + 1];
}

/** The big-endian 32-bit number at `o`, unsigned. */
export function be32(d: Uint8Array, o: number): number {
  return ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;
}
