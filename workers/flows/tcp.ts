// TCP conversations (streams): which stream each packet belongs to, and the per-direction facts the first pass learns
// (initial sequence numbers, window scale, server port). One small object per stream, typed-array columns per packet.
// The TCP sequence analysis (retransmissions, dup ACKs, windows; dissect/protocols/tcp-analysis.ts) keeps its
// per-direction state on TcpFlow and its per-packet results as columns of TcpConversations.
import { registerFirstPassEnd, stateKey } from '../dissect/state';
import { ConversationTable, PacketColumnF64, PacketColumnU32 } from './conversations';

/** Window scale not known (the handshake was not seen): windows are shown as sent. */
export const WSCALE_UNKNOWN = -1;
/** The handshake showed that no window scaling is used. */
export const WSCALE_NONE = -2;

/** Bits of TcpStream.completeness, as Wireshark's tcp.completeness. */
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
export const ANALYSIS_PRESENT = 0x10000;

/** One direction of a TCP stream (the segments one endpoint sends). */
export class TcpFlow {
  /** The sequence number that relative sequence numbers count from (ISN, or first seen seq − 1). */
  baseSeq = 0;
  baseSet = false;
  /** Shift count from this endpoint's Window Scale option, or WSCALE_UNKNOWN / WSCALE_NONE. */
  winScale = WSCALE_UNKNOWN;

  // ---- sequence analysis (first pass), raw sequence numbers as on the wire; 0 means "not seen yet"
  /** Highest next sequence number sent so far, the frame that sent it and when. */
  nextSeq = 0;
  nextSeqFrame = 0;
  nextSeqSec = 0;
  nextSeqNs = 0;
  /** The highest sequence number up to which everything sent was seen (for ACKed unseen segment). */
  maxSeqToBeAcked = 0;
  /** The last acknowledgement number this side sent, and when. */
  lastAck = 0;
  lastAckSec = 0;
  lastAckNs = 0;
  /** The last window value this side sent (unscaled). */
  window = 0;
  /** TcpAnalysis bits of this side's latest segment. */
  lastSegmentFlags = 0;
  /** Duplicate ACKs in a row, and the frame number of the ACK they repeat. */
  dupAckNum = 0;
  lastNonDupAck = 0;
  /** Bytes in flight are only counted while no segment is known to be missing. */
  validBif = true;
  pushBytesSent = 0;
  pushSetLast = false;
  /**
   * Segments sent and not yet acknowledged, oldest first: frame number, seq, next seq (three numbers each, in one
   * list: one object per flow rather than one per column). Their times are read from the packet index.
   */
  seg: number[] = [];
}

export class TcpStream {
  /** The two directions, indexed by ConversationTable.direction (0: A → B, 1: B → A). */
  readonly flows: [TcpFlow, TcpFlow] = [new TcpFlow(), new TcpFlow()];
  /** The server port learned from a SYN (its destination) or SYN/ACK (its source); 0 when unknown. */
  serverPort = 0;
  /** The source port of direction 0 and of direction 1 (what a filter on tcp.srcport/dstport reads). */
  readonly ports: [number, number] = [0, 0];
  /** tcp.completeness bits. */
  completeness = 0;
  /** Time of the stream's first packet (for tcp.time_relative). */
  firstSec: number;
  firstNs: number;
  /** Time of the stream's latest packet in the first pass (for tcp.time_delta). */
  prevSec: number;
  prevNs: number;
  /** Time of the latest SYN, and the initial round-trip time (SYN to the handshake's ACK) in ns; 0 when unknown. */
  synSec = 0;
  synNs = 0;
  synSeen = false;
  firstRttNs = 0;
  /** The direction (0/1) whose FIN came first: it initiates the close (-1 before any FIN). */
  closingInitiator = -1;

  /** Record the ports of the packet that opened the stream, going in `direction`. */
  setPorts(direction: 0 | 1, sport: number, dport: number): void {
    this.ports[direction] = sport;
    this.ports[direction ^ 1] = dport;
  }

  constructor(
    readonly index: number,
    sec: number,
    ns: number,
  ) {
    this.firstSec = sec;
    this.firstNs = ns;
    this.prevSec = sec;
    this.prevNs = ns;
  }
}

/** Every TCP stream of a capture, and which stream and direction each packet belongs to. */
export class TcpConversations {
  readonly table = new ConversationTable();
  readonly streams: TcpStream[] = [];
  /** Per packet: (stream index + 1) × 2 + direction (0/1); 0: the packet has no TCP stream. */
  private readonly streamCol = new PacketColumnU32();
  /** Per packet: nanoseconds since the previous packet of its stream (tcp.time_delta). */
  readonly deltaNs = new PacketColumnF64();
  /** Per packet: TcpAnalysis bits, plus ANALYSIS_PRESENT when Wireshark would show [SEQ/ACK analysis]. */
  readonly analysis = new PacketColumnU32();
  /**
   * Per packet: frame number of the segment this packet acknowledges (0: none). The RTT to the ACK is the time
   * between the two frames, read from the packet index when shown (tcp-analysis.ts).
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

  /**
   * Stream of a packet in the first pass: finds or creates it. `direction` is left in `this.table.direction`.
   * Also records the packet's stream and direction.
   */
  open(packetIndex: number, stream: number, direction: 0 | 1): void {
    this.streamCol.set(packetIndex, (stream + 1) * 2 + direction);
  }

  /** Create the stream object for a conversation id just made by the table. */
  newStream(id: number, sec: number, ns: number): TcpStream {
    const s = new TcpStream(id, sec, ns);
    this.streams[id] = s;
    return s;
  }

  /** The stream a packet was put in by the first pass, or -1. */
  streamOf(packetIndex: number): number {
    return (this.streamCol.get(packetIndex) >>> 1) - 1;
  }

  /** The direction of a packet within its stream (as recorded by the first pass). */
  directionOf(packetIndex: number): 0 | 1 {
    return (this.streamCol.get(packetIndex) & 1) as 0 | 1;
  }

  get count(): number {
    return this.streams.length;
  }

  /** Give back the columns' spare room once every packet is in (`packets`: how many there are). */
  trim(packets: number): void {
    for (const c of [this.streamCol, this.deltaNs, this.analysis, this.ackedFrame, this.bytesInFlight, this.pushBytes])
      c.trim(packets);
  }
}

/** The capture's TCP conversations (built in the first pass, read in the second). */
export const TCP_CONVERSATIONS = stateKey('tcp.conversations', () => new TcpConversations());

/** Shared by every flow once the first pass is over: later passes never add segments. */
const NO_SEGMENTS: number[] = Object.freeze([]) as unknown as number[];

// The unacknowledged segments matter only while the first pass reads; afterwards one empty list serves every flow.
registerFirstPassEnd((state, packets) => {
  const convs = state.peek(TCP_CONVERSATIONS);
  if (!convs) return;
  for (const stream of convs.streams) for (const f of stream.flows) f.seg = NO_SEGMENTS;
  convs.trim(packets);
});
