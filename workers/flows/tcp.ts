// TCP conversations (streams): which stream each packet belongs to, and the per-direction facts the first pass learns
// (initial sequence numbers, window scale, server port). One small object per stream, typed-array columns per packet.
// The TCP analysis of the next step (retransmissions, dup ACKs, windows) adds its per-direction state to TcpFlow and
// its per-packet results as further columns of TcpConversations.
import { stateKey } from '../dissect/state';
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

/** One direction of a TCP stream (the segments one endpoint sends). */
export class TcpFlow {
  /** The sequence number that relative sequence numbers count from (ISN, or first seen seq − 1). */
  baseSeq = 0;
  baseSet = false;
  /** Shift count from this endpoint's Window Scale option, or WSCALE_UNKNOWN / WSCALE_NONE. */
  winScale = WSCALE_UNKNOWN;
}

export class TcpStream {
  /** The two directions, indexed by ConversationTable.direction (0: A → B, 1: B → A). */
  readonly flows: [TcpFlow, TcpFlow] = [new TcpFlow(), new TcpFlow()];
  /** The server port learned from a SYN (its destination) or SYN/ACK (its source); 0 when unknown. */
  serverPort = 0;
  /** tcp.completeness bits. */
  completeness = 0;
  /** Time of the stream's first packet (for tcp.time_relative). */
  firstSec: number;
  firstNs: number;
  /** Time of the stream's latest packet in the first pass (for tcp.time_delta). */
  prevSec: number;
  prevNs: number;

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
  /** Per packet: stream index + 1 (0: the packet has no TCP stream). */
  private readonly streamCol = new PacketColumnU32();
  /** Per packet: direction (0/1) in bit 0. */
  private readonly dirCol = new PacketColumnU32();
  /** Per packet: nanoseconds since the previous packet of its stream (tcp.time_delta). */
  readonly deltaNs = new PacketColumnF64();

  /**
   * Stream of a packet in the first pass: finds or creates it. `direction` is left in `this.table.direction`.
   * Also records the packet's stream and direction.
   */
  open(packetIndex: number, stream: number, direction: 0 | 1): void {
    this.streamCol.set(packetIndex, stream + 1);
    if (direction) this.dirCol.set(packetIndex, 1);
    else if (packetIndex < this.dirCol.data.length) this.dirCol.data[packetIndex] = 0;
  }

  /** Create the stream object for a conversation id just made by the table. */
  newStream(id: number, sec: number, ns: number): TcpStream {
    const s = new TcpStream(id, sec, ns);
    this.streams[id] = s;
    return s;
  }

  /** The stream a packet was put in by the first pass, or -1. */
  streamOf(packetIndex: number): number {
    return this.streamCol.get(packetIndex) - 1;
  }

  /** The direction of a packet within its stream (as recorded by the first pass). */
  directionOf(packetIndex: number): 0 | 1 {
    return this.dirCol.get(packetIndex) ? 1 : 0;
  }

  get count(): number {
    return this.streams.length;
  }
}

/** The capture's TCP conversations (built in the first pass, read in the second). */
export const TCP_CONVERSATIONS = stateKey('tcp.conversations', () => new TcpConversations());
