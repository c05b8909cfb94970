// TCP payloads and their reassembly into application messages (PDUs).
//
// The contract with application dissectors (HTTP, TLS, DNS over TCP …), Wireshark's desegmentation convention:
//
//   An application dissector registered in `tcpPorts` (or set for one stream with setStreamDissector) is called with
//   the payload bytes [off, end) of p.data. It reads `currentTcp` (stream, direction, seq …). When the bytes end in the
//   middle of a message, it stops there and sets
//       currentTcp.desegmentOffset = the offset in p.data where the incomplete message starts
//       currentTcp.desegmentLen    = how many more bytes it needs after `end`, or DESEGMENT_ONE_MORE_SEGMENT when it
//                                    cannot tell yet (e.g. headers not complete), or DESEGMENT_UNTIL_FIN
//   and returns true. The reassembler keeps those bytes and calls the dissector again, in the frame where the message
//   is complete, with p.data = the reassembled buffer (a new data source, "Reassembled TCP (N bytes)") and
//   currentTcp.reassembled = true. Dissectors never keep bytes themselves.
//
// Bytes stay where they are: the first pass copies only the bytes of messages still incomplete and drops them once the
// message is complete; the second pass re-reads the segments of a reassembled message from the file through the
// engine's prefetch hook (engine.ts: registerPrefetch / Packet.peer).
import { tcpHeuristics, tcpPorts } from '../dissect/dispatch';
import type { Dissector } from '../dissect/dispatch';
import type { Packet } from '../dissect/packet';
import { dissectData } from '../dissect/protocols/data';
import { stateKey } from '../dissect/state';

/** desegmentLen: the dissector needs at least one more segment but cannot tell how many bytes. */
export const DESEGMENT_ONE_MORE_SEGMENT = 0x0fffffff;
/** desegmentLen: the message runs until the sender's FIN (HTTP bodies without a length). */
export const DESEGMENT_UNTIL_FIN = 0x0ffffffe;

/**
 * The TCP segment whose payload is being handed to a sub-dissector (one object reused for every packet; valid only
 * during that call). Sequence numbers are relative, as shown.
 */
export interface TcpSegmentInfo {
  /** tcp.stream, or -1 when no stream is known. */
  stream: number;
  /** Direction within the stream (0/1, see ConversationTable.direction). */
  direction: 0 | 1;
  srcPort: number;
  dstPort: number;
  flags: number;
  seq: number;
  nxtseq: number;
  ack: number;
  /** Bytes of payload the IP layer reported (may exceed what was captured). */
  payloadLength: number;
  /**
   * TCP analysis of this segment (set by tcp.ts before the hand-off): bits of TcpAnalysis in flows/tcp.ts, e.g. that
   * the segment retransmits data already seen. The reassembler reads it; 0 when analysis found nothing.
   */
  analysis: number;
  /** Set by the sub-dissector: where (in p.data) an incomplete message starts; -1 when none. */
  desegmentOffset: number;
  /** Set by the sub-dissector: how many more bytes it needs (see DESEGMENT_*); 0 when none. */
  desegmentLen: number;
  /** True while the sub-dissector is given a reassembled buffer rather than one segment's payload. */
  reassembled: boolean;
}

export const currentTcp: TcpSegmentInfo = {
  stream: -1,
  direction: 0,
  srcPort: 0,
  dstPort: 0,
  flags: 0,
  seq: 0,
  nxtseq: 0,
  ack: 0,
  payloadLength: 0,
  analysis: 0,
  desegmentOffset: -1,
  desegmentLen: 0,
  reassembled: false,
};

/**
 * Dissectors set for one TCP stream from a given packet on (Wireshark's conversation dissector): e.g. TLS for the
 * tunnel after an HTTP CONNECT is answered with 200. Set in the first pass; read in both.
 */
export class StreamDissectors {
  private readonly byStream = new Map<number, { from: number; dissector: Dissector }[]>();

  /** From packetIndex `from` on, payloads of `stream` go to `dissector` before any port lookup. */
  set(stream: number, from: number, dissector: Dissector): void {
    const list = this.byStream.get(stream);
    if (list) list.push({ from, dissector });
    else this.byStream.set(stream, [{ from, dissector }]);
  }

  /** The dissector in force for `stream` at packet `index`, if any. */
  get(stream: number, index: number): Dissector | undefined {
    const list = this.byStream.get(stream);
    if (!list) return undefined;
    let found: Dissector | undefined;
    for (const e of list) if (e.from <= index) found = e.dissector;
    return found;
  }
}

export const STREAM_DISSECTORS = stateKey('tcp.stream_dissectors', () => new StreamDissectors());

/** Set the dissector for a stream's payloads from packet `p` onwards (first pass only; later passes read it). */
export function setStreamDissector(p: Packet, stream: number, dissector: Dissector): void {
  if (p.pass === 1 && stream >= 0) p.state.get(STREAM_DISSECTORS).set(stream, p.index + 1, dissector);
}

/**
 * Hand a segment's payload to the application layer: the stream's own dissector, then the server port's, the lower
 * port's, the higher's, heuristics, or data. `info` (currentTcp) has been filled in by TCP.
 */
export function dissectTcpPayload(p: Packet, off: number, end: number, server: number): void {
  const info = currentTcp;
  info.desegmentOffset = -1;
  info.desegmentLen = 0;
  info.reassembled = false;
  callApplication(p, off, end, server);
}

/** One call of the application layer on [off, end) (a segment's payload or a reassembled buffer). */
export function callApplication(p: Packet, off: number, end: number, server: number): void {
  const info = currentTcp;
  const own = info.stream >= 0 ? p.state.get(STREAM_DISSECTORS).get(info.stream, p.index) : undefined;
  if (own && own(p, off, end) !== false) return;
  const sport = info.srcPort;
  const dport = info.dstPort;
  if (server !== 0 && tcpPorts.call(server, p, off, end)) return;
  const low = sport < dport ? sport : dport;
  const high = sport < dport ? dport : sport;
  if (low !== 0 && low !== server && tcpPorts.call(low, p, off, end)) return;
  if (high !== 0 && high !== server && high !== low && tcpPorts.call(high, p, off, end)) return;
  if (tcpHeuristics.call(p, off, end)) return;
  dissectData(p, off, end);
}
