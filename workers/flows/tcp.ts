// TCP conversations (streams): which stream each packet belongs to, and the per-direction facts the first pass learns
// (initial sequence numbers, window scale, server port), as typed-array columns per stream, per direction and per
// packet. The TCP sequence analysis (retransmissions, dup ACKs, windows; dissect/protocols/tcp-analysis.ts) keeps its
// per-direction state and its per-packet results in columns of TcpConversations.
import { registerFirstPassEnd, stateKey } from '../dissect/state';
import { grown, trimmed } from '../index/grow';
import { ConversationTable, PacketColumnNear, PacketColumnU32 } from './conversations';

/** Window scale not known (the handshake was not seen): windows are shown as sent. */
export const WSCALE_UNKNOWN = -1;
/** The handshake showed that no window scaling is used. */
export const WSCALE_NONE = -2;

/** Bits of TcpConversations.completeness, as Wireshark's tcp.completeness. */
export const Completeness = {
  SynSent: 0x01,
  SynAck: 0x02,
  Ack: 0x04,
  Data: 0x08,
  Fin: 0x10,
  Rst: 0x20,
} as const;

/**
 * Bits of the TCP analysis of one segment (Wireshark's tcp.analysis.* flags), kept per packet by the first pass and
 * handed to the reassembler in currentTcp.analysis.
 */
export const TcpAnalysis = {
  Retransmission: 0x0001,
  FastRetransmission: 0x0002,
  SpuriousRetransmission: 0x0004,
  OutOfOrder: 0x0008,
  LostPacket: 0x0010,
  AckLostPacket: 0x0020,
  KeepAlive: 0x0040,
  KeepAliveAck: 0x0080,
  DuplicateAck: 0x0100,
  ZeroWindow: 0x0200,
  ZeroWindowProbe: 0x0400,
  ZeroWindowProbeAck: 0x0800,
  WindowUpdate: 0x1000,
  WindowFull: 0x2000,
  ReusedPorts: 0x4000,
} as const;

/** Bit of TcpConversations.analysis: the packet has a [SEQ/ACK analysis] record (acked frame, flags, bytes in flight). */
export const ANALYSIS_PRESENT = 0x8000;

/** Streams the columns have room for at first; they double as needed. */
const FIRST_ROOM = 256;

/**
 * Every TCP stream of a capture, and which stream and direction each packet belongs to.
 *
 * A stream is its number (tcp.stream); a flow, one direction of a stream, is `stream * 2 + direction`. What the first
 * pass learns about them lives in typed-array columns indexed by those numbers, not in objects: a capture of a million
 * packets has tens of thousands of streams, and an object per stream and per flow cost about 1 KB each in the heap
 * (and the garbage collector's time to copy them). The columns marked "first pass" are dropped when it ends.
 */
export class TcpConversations {
  readonly table = new ConversationTable();
  /** How many streams there are. */
  count = 0;

  // ---- per stream
  /** The server port learned from a SYN (its destination) or SYN/ACK (its source); 0 when unknown. */
  serverPort = new Uint16Array(FIRST_ROOM);
  /** tcp.completeness bits. */
  completeness = new Uint8Array(FIRST_ROOM);
  /** The direction (0/1) whose FIN came first: it initiates the close (-1 before any FIN). */
  closingInitiator = new Int8Array(FIRST_ROOM);
  /** Time of the stream's first packet (for tcp.time_relative). */
  firstSec = new Float64Array(FIRST_ROOM);
  firstNs = new Int32Array(FIRST_ROOM);
  /** The initial round-trip time (SYN to the handshake's ACK) in ns; 0 when unknown. */
  firstRttNs = new Float64Array(FIRST_ROOM);
  /** First pass: the stream's latest packet with a timestamp (its packetIndex), for tcp.time_delta. */
  prevPacket = new Int32Array(FIRST_ROOM);
  /** First pass: time of the latest SYN; synSeen is 1 once there was one. */
  synSec = new Float64Array(FIRST_ROOM);
  synNs = new Int32Array(FIRST_ROOM);
  synSeen = new Uint8Array(FIRST_ROOM);

  // ---- per flow (stream * 2 + direction)
  /** The source port of the flow (what a filter on tcp.srcport/dstport reads). */
  port = new Uint16Array(2 * FIRST_ROOM);
  /** The sequence number that relative sequence numbers count from (ISN, or first seen seq − 1); baseSet: known. */
  baseSeq = new Uint32Array(2 * FIRST_ROOM);
  baseSet = new Uint8Array(2 * FIRST_ROOM);
  /** Shift count from this endpoint's Window Scale option, or WSCALE_UNKNOWN / WSCALE_NONE. */
  winScale = new Int8Array(2 * FIRST_ROOM);
  // First pass: sequence analysis, raw sequence numbers as on the wire; 0 means "not seen yet".
  /** Highest next sequence number sent so far, the frame that sent it and when. */
  nextSeq = new Uint32Array(2 * FIRST_ROOM);
  nextSeqFrame = new Uint32Array(2 * FIRST_ROOM);
  nextSeqSec = new Float64Array(2 * FIRST_ROOM);
  nextSeqNs = new Int32Array(2 * FIRST_ROOM);
  /** The highest sequence number up to which everything sent was seen (for ACKed unseen segment). */
  maxSeqToBeAcked = new Uint32Array(2 * FIRST_ROOM);
  /** The last acknowledgement number this side sent, and when. */
  lastAck = new Uint32Array(2 * FIRST_ROOM);
  lastAckSec = new Float64Array(2 * FIRST_ROOM);
  lastAckNs = new Int32Array(2 * FIRST_ROOM);
  /** The last window value this side sent (unscaled). */
  window = new Uint32Array(2 * FIRST_ROOM);
  /** TcpAnalysis bits of this side's latest segment. */
  lastSegmentFlags = new Uint32Array(2 * FIRST_ROOM);
  /** Duplicate ACKs in a row (-1: many, the other side acknowledged unseen data), and the frame of the ACK repeated. */
  dupAcksInRow = new Int32Array(2 * FIRST_ROOM);
  lastNonDupAck = new Uint32Array(2 * FIRST_ROOM);
  /** 1 while bytes in flight are counted (no segment is known to be missing). */
  validBif = new Uint8Array(2 * FIRST_ROOM);
  pushBytesSent = new Uint32Array(2 * FIRST_ROOM);
  pushSetLast = new Uint8Array(2 * FIRST_ROOM);
  /**
   * Segments sent and not yet acknowledged, oldest first: frame number, seq, next seq (three numbers each), in a
   * typed array per flow. `segLen` says how many numbers are in use: ACKs lower the count, and a flow whose every
   * segment is acknowledged gives its array back (`segRoom`), for the next flow with data in flight. (Most streams are
   * short: a new array for each cost more than the analysis.) Their times are read from the packet index.
   */
  seg: (Uint32Array | undefined)[] = [];
  segLen = new Int32Array(2 * FIRST_ROOM);
  /** Arrays given back, by size (log2 of their length). */
  private segFree: Uint32Array[][] = [];

  /** Room for `min` numbers in flow f's list, keeping what it holds (first pass). */
  segRoom(f: number, min: number): Uint32Array {
    const old = this.seg[f];
    if (old !== undefined && old.length >= min) return old;
    const c = Math.max(6, 32 - Math.clz32(min - 1));
    const room = this.segFree[c]?.pop() ?? new Uint32Array(2 ** c);
    if (old !== undefined) {
      room.set(old.subarray(0, this.segLen[f]));
      this.segDone(old);
    }
    this.seg[f] = room;
    return room;
  }

  /** Flow f has no segment in flight any more: its array can serve another flow. */
  segEmpty(f: number): void {
    const old = this.seg[f];
    if (old === undefined) return;
    this.seg[f] = undefined;
    this.segLen[f] = 0;
    this.segDone(old);
  }

  private segDone(a: Uint32Array): void {
    const c = 31 - Math.clz32(a.length);
    const list = (this.segFree[c] ??= []);
    if (list.length < 1024) list.push(a);
  }

  /** Per packet: (stream index + 1) × 2 + direction (0/1); 0: the packet has no TCP stream. */
  private readonly streamCol = new PacketColumnNear();
  /**
   * Per packet: how many packets back the previous packet of its stream is (0: none), so that tcp.time_delta is read
   * from the packet index when shown instead of kept as a double per packet. A distance, not an index: it is small.
   */
  readonly prevInStream = new PacketColumnU32();
  /** Per packet: TcpAnalysis bits, plus ANALYSIS_PRESENT when Wireshark would show [SEQ/ACK analysis]. */
  readonly analysis = new PacketColumnU32();
  /**
   * Per packet: how many frames back the segment this packet acknowledges is (0: none); ackedFrameOf gives its frame
   * number. The RTT to the ACK is the time between the two frames, read from the packet index when shown.
   */
  readonly ackedFrame = new PacketColumnU32();
  /** Per packet: bytes in flight and bytes sent since the last PSH flag (0: not shown). */
  readonly bytesInFlight = new PacketColumnU32();
  readonly pushBytes = new PacketColumnU32();
  /** Duplicate ACKs (sparse): packetIndex → number in the row, and the frame number of the ACK repeated. */
  readonly dupAckNum = new Map<number, number>();
  readonly dupAckFrame = new Map<number, number>();
  /** Retransmissions (sparse): packetIndex → RTO in ns, and the frame it is measured from. */
  readonly rtoNs = new Map<number, number>();
  readonly rtoFrame = new Map<number, number>();

  /** Record the packet's stream and direction (first pass). */
  open(packetIndex: number, stream: number, direction: 0 | 1): void {
    this.streamCol.set(packetIndex, (stream + 1) * 2 + direction);
  }

  /**
   * A new stream (the next number), first seen in packet `packetIndex` at (sec, ns), going in `direction` from port
   * `sport` to `dport`. Returns its number.
   */
  newStream(packetIndex: number, sec: number, ns: number, direction: 0 | 1, sport: number, dport: number): number {
    const id = this.count++;
    if (id >= this.serverPort.length) this.grow(id + 1);
    this.closingInitiator[id] = -1;
    this.firstSec[id] = sec;
    this.firstNs[id] = ns;
    this.prevPacket[id] = packetIndex;
    const f = id * 2;
    this.port[f + direction] = sport;
    this.port[f + (direction ^ 1)] = dport;
    this.winScale[f] = this.winScale[f + 1] = WSCALE_UNKNOWN;
    this.validBif[f] = this.validBif[f + 1] = 1;
    return id;
  }

  /** The frame number of the segment packet `packetIndex` acknowledges, or 0. */
  ackedFrameOf(packetIndex: number): number {
    const back = this.ackedFrame.get(packetIndex);
    return back === 0 ? 0 : packetIndex + 1 - back;
  }

  /** The stream a packet was put in by the first pass, or -1. */
  streamOf(packetIndex: number): number {
    return (this.streamCol.get(packetIndex) >>> 1) - 1;
  }

  /** The direction of a packet within its stream (as recorded by the first pass). */
  directionOf(packetIndex: number): 0 | 1 {
    return (this.streamCol.get(packetIndex) & 1) as 0 | 1;
  }

  private grow(min: number): void {
    const n = Math.max(min, this.serverPort.length * 2);
    this.serverPort = grown(this.serverPort, n);
    this.completeness = grown(this.completeness, n);
    this.closingInitiator = grown(this.closingInitiator, n);
    this.firstSec = grown(this.firstSec, n);
    this.firstNs = grown(this.firstNs, n);
    this.firstRttNs = grown(this.firstRttNs, n);
    this.prevPacket = grown(this.prevPacket, n);
    this.synSec = grown(this.synSec, n);
    this.synNs = grown(this.synNs, n);
    this.synSeen = grown(this.synSeen, n);
    const f = 2 * n;
    this.port = grown(this.port, f);
    this.baseSeq = grown(this.baseSeq, f);
    this.baseSet = grown(this.baseSet, f);
    this.winScale = grown(this.winScale, f);
    this.nextSeq = grown(this.nextSeq, f);
    this.nextSeqFrame = grown(this.nextSeqFrame, f);
    this.nextSeqSec = grown(this.nextSeqSec, f);
    this.nextSeqNs = grown(this.nextSeqNs, f);
    this.maxSeqToBeAcked = grown(this.maxSeqToBeAcked, f);
    this.lastAck = grown(this.lastAck, f);
    this.lastAckSec = grown(this.lastAckSec, f);
    this.lastAckNs = grown(this.lastAckNs, f);
    this.window = grown(this.window, f);
    this.lastSegmentFlags = grown(this.lastSegmentFlags, f);
    this.dupAcksInRow = grown(this.dupAcksInRow, f);
    this.lastNonDupAck = grown(this.lastNonDupAck, f);
    this.validBif = grown(this.validBif, f);
    this.pushBytesSent = grown(this.pushBytesSent, f);
    this.pushSetLast = grown(this.pushSetLast, f);
    this.segLen = grown(this.segLen, f);
  }

  /**
   * The first pass is over (`packets`: how many packets there are): drop what only it needed (the sequence analysis
   * state, unacknowledged segments) and give back the spare room of what stays.
   */
  endFirstPass(packets: number): void {
    const n = this.count;
    this.serverPort = trimmed(this.serverPort, n);
    this.completeness = trimmed(this.completeness, n);
    this.closingInitiator = trimmed(this.closingInitiator, n);
    this.firstSec = trimmed(this.firstSec, n);
    this.firstNs = trimmed(this.firstNs, n);
    this.firstRttNs = trimmed(this.firstRttNs, n);
    this.port = trimmed(this.port, 2 * n);
    this.baseSeq = trimmed(this.baseSeq, 2 * n);
    this.baseSet = trimmed(this.baseSet, 2 * n);
    this.winScale = trimmed(this.winScale, 2 * n);
    this.prevPacket = new Int32Array(0);
    this.synSec = new Float64Array(0);
    this.synNs = new Int32Array(0);
    this.synSeen = new Uint8Array(0);
    this.nextSeq = new Uint32Array(0);
    this.nextSeqFrame = new Uint32Array(0);
    this.nextSeqSec = new Float64Array(0);
    this.nextSeqNs = new Int32Array(0);
    this.maxSeqToBeAcked = new Uint32Array(0);
    this.lastAck = new Uint32Array(0);
    this.lastAckSec = new Float64Array(0);
    this.lastAckNs = new Int32Array(0);
    this.window = new Uint32Array(0);
    this.lastSegmentFlags = new Uint32Array(0);
    this.dupAcksInRow = new Int32Array(0);
    this.lastNonDupAck = new Uint32Array(0);
    this.validBif = new Uint8Array(0);
    this.pushBytesSent = new Uint32Array(0);
    this.pushSetLast = new Uint8Array(0);
    this.seg = [];
    this.segFree = [];
    this.segLen = new Int32Array(0);
    for (const c of [
      this.streamCol,
      this.prevInStream,
      this.analysis,
      this.ackedFrame,
      this.bytesInFlight,
      this.pushBytes,
    ])
      c.trim(packets);
  }
}

/** The capture's TCP conversations (built in the first pass, read in the second). */
export const TCP_CONVERSATIONS = stateKey('tcp.conversations', () => new TcpConversations());

// What only the first pass needed is dropped once it is over.
registerFirstPassEnd((state, packets) => state.peek(TCP_CONVERSATIONS)?.endFirstPass(packets));
