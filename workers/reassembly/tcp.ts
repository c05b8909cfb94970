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
import { prefs } from '../dissect/prefs';
import { dissectData } from '../dissect/protocols/data';
import { declare } from '../dissect/registry';
import { GENERATED, TOP_LEVEL } from '../dissect/sinks';
import { registerFirstPassEnd, registerPrefetch, stateKey } from '../dissect/state';
import { TcpAnalysis } from '../flows/tcp';
import { seqAdd, seqDiff, seqGe, seqLe, seqLt, seqMax, seqMin } from './seq';
import type { Msp } from './tcp-stream';
import {
  MSP_ENTIRE_SEGMENT,
  MSP_UNTIL_FIN,
  NOT_IN_FRAME,
  Op,
  OP_WORDS,
  TcpReassemblyState,
  assemble,
} from './tcp-stream';

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

// ---- reassembly -------------------------------------------------------------------------------------------------

/** Fields of the reassembly (the others of TCP are declared in dissect/protocols/tcp.ts; same names, same ids). */
export const hfr = declare('tcp', 'Transmission Control Protocol', 'TCP', {
  reassembledIn: { abbrev: 'tcp.reassembled_in', name: 'Reassembled PDU in frame', type: 'framenum' },
  reassembledLength: { abbrev: 'tcp.reassembled.length', name: 'Reassembled TCP length', type: 'uint' },
  reassembledData: { abbrev: 'tcp.reassembled.data', name: 'Reassembled TCP Data', type: 'bytes' },
  segmentData: { abbrev: 'tcp.segment_data', name: 'TCP segment data', type: 'bytes' },
  segments: { abbrev: 'tcp.segments', name: 'Reassembled TCP Segments', type: 'none' },
  segment: { abbrev: 'tcp.segment', name: 'TCP Segment', type: 'framenum' },
  segmentCount: { abbrev: 'tcp.segment.count', name: 'Segment count', type: 'uint' },
});

/** The capture's TCP reassembly state (built in the first pass, read in the second). */
export const TCP_REASSEMBLY = stateKey('tcp.reassembly', () => new TcpReassemblyState());

// Messages still in flight when the file ends are never completed; the second pass reads only the plans and pieces.
registerFirstPassEnd((state, packets) => state.peek(TCP_REASSEMBLY)?.endFirstPass(packets));

/** Wireshark does not start a message whose first piece is already larger than this. */
const MAX_FIRST_PIECE = 1 << 20;
/** How far ahead "until FIN" puts the end of a message. */
const UNTIL_FIN_SPAN = 0x40000000;
const TAG = '[TCP segment of a reassembled PDU]';
/** Wireshark's longest tree label (ITEM_LABEL_LENGTH − 1). */
const MAX_LABEL = 239;

/**
 * Analysis bits whose bytes the reassembly skips, as Wireshark does: retransmissions and spurious ones. A fast
 * retransmission is handed over (it may fill the gap its loss left).
 */
const RETRANSMITTED = TcpAnalysis.Retransmission | TcpAnalysis.SpuriousRetransmission;

const plural = (n: number) => (n === 1 ? '' : 's');

/**
 * Hand a segment's payload to the application layer: the stream's own dissector, then the server port's, the lower
 * port's, the higher's, heuristics, or data. `info` (currentTcp) has been filled in by TCP. With desegmentation on,
 * the bytes go through the stream's reassembly: messages that span segments are handed over whole, once, in the
 * packet that completes them.
 */
export function dissectTcpPayload(p: Packet, off: number, end: number, server: number): void {
  const info = currentTcp;
  info.desegmentOffset = -1;
  info.desegmentLen = 0;
  info.reassembled = false;
  // Reassembly needs the whole segment (not cut by the snapshot length), a stream, and a real packet (not the copy
  // inside an ICMP error).
  const whole = end - off === info.payloadLength;
  if (!prefs.tcp.desegment || info.stream < 0 || p.inError || !whole || end <= off) {
    callApplication(p, off, end, server);
    return;
  }
  if (p.pass === 1) firstPass(p, off, end, server);
  else replay(p, off, end, server, p.cols ? p.cols.info : '', p.layers.length);
}

/**
 * A FIN without payload: a message that was to run until the sender's FIN (DESEGMENT_UNTIL_FIN) ends here and is
 * handed over whole, as Wireshark does when it meets the FIN. `off` is where the (empty) payload would start.
 */
export function dissectTcpEmptyFin(p: Packet, off: number, server: number): void {
  const info = currentTcp;
  if (!prefs.tcp.desegment || info.stream < 0 || p.inError) return;
  const st = p.state.get(TCP_REASSEMBLY);
  if (p.pass === 1) {
    const m = st.flows.get(info.stream * 2 + info.direction)?.untilFin;
    if (!m || m.done) return;
    opCount = 0;
    finishAtFin(p, m, server);
    st.setPlan(p.index, ops, opCount);
  } else if (st.planStart.get(p.index) !== 0) {
    replay(p, off, off, server, p.cols ? p.cols.info : '', p.layers.length);
  }
}

/** Reused between packets (first pass): the plan being written. */
const ops: number[] = [];
/** Words of `ops` in use (the array is reused without truncating it: that costs on every packet). */
let opCount = 0;

function pushOp(op: number, a = 0, b = 0, c = 0, d = 0, e = 0): void {
  ops[opCount] = op;
  ops[opCount + 1] = a;
  ops[opCount + 2] = b;
  ops[opCount + 3] = c;
  ops[opCount + 4] = d;
  ops[opCount + 5] = e;
  opCount += OP_WORDS;
}

function resetRequest(): void {
  currentTcp.desegmentOffset = -1;
  currentTcp.desegmentLen = 0;
  currentTcp.reassembled = false;
}

/** Call the application on a reassembled message (a data source of its own). */
function callReassembled(p: Packet, buf: Uint8Array, server: number, before?: () => void): void {
  const name = p.verbose ? `Reassembled TCP (${buf.length} bytes)` : 'Reassembled TCP';
  currentTcp.reassembled = true;
  try {
    p.withSource(name, buf, () => {
      before?.();
      callApplication(p, 0, buf.length, server);
    });
  } finally {
    currentTcp.reassembled = false;
  }
}

/** First pass: feed the segment to its direction's reassembly, call the application as needed, record the plan. */
function firstPass(p: Packet, off: number, end: number, server: number): void {
  const info = currentTcp;
  const st = p.state.get(TCP_REASSEMBLY);
  const flow = st.flow(info.stream, info.direction);
  const inFrame = p.data === p.frame;
  const nxt = seqAdd(info.seq, end - off);
  opCount = 0;
  let fenceProto: string | null = null;
  try {
    // Data already seen: nothing is handed over again.
    if (info.analysis & RETRANSMITTED || flow.exact(info.seq) !== undefined) {
      pushOp(Op.Retransmitted, end - off);
      return;
    }
    let cur = off;
    let s = info.seq;
    for (let round = 0; round < 1 << 16; round++) {
      resetRequest();
      let called = false;
      let mustDesegment = false;
      let desegAt = cur;
      let nothingTaken = true;
      let another = 0;
      let cont = false;
      const msp = flow.atOrBefore(seqAdd(s, -1));
      if (msp && seqLe(msp.seq, s) && seqLt(s, msp.nxtpdu) && msp.done && st.msgIn.get(msp.id) !== 0) {
        // Bytes of a message already reassembled: a retransmission the analysis did not flag.
        pushOp(Op.Retransmitted, end - cur);
        break;
      }
      if (msp && !msp.done && seqLe(msp.seq, s) && seqLt(s, msp.nxtpdu)) {
        const len = msp.flags & MSP_ENTIRE_SEGMENT ? end - cur : seqDiff(seqMin(nxt, msp.nxtpdu), s);
        const last = !seqLt(nxt, msp.nxtpdu);
        const complete = st.addPiece(
          msp,
          p.index,
          inFrame ? cur : NOT_IN_FRAME,
          seqDiff(s, msp.seq),
          p.data.subarray(cur, cur + len),
          last,
        );
        if (msp.flags & MSP_ENTIRE_SEGMENT) {
          msp.flags &= ~MSP_ENTIRE_SEGMENT;
          msp.nxtpdu = nxt;
        }
        if (seqLt(msp.nxtpdu, nxt) && seqGe(msp.nxtpdu, s) && len > 0) another = seqDiff(msp.nxtpdu, s);
        if (complete && seqLt(nxt, msp.nxtpdu)) {
          // A late piece from the middle filled the last gap: Wireshark leaves such a message unclaimed.
          pushOp(Op.Unclaimed, msp.id, msp.pieceCount, msp.lastEnd, cur - off, len);
          st.msgIn.set(msp.id, p.index + 1);
          st.msgLen.set(msp.id, msp.lastEnd);
          finish(msp);
          nothingTaken = false;
        } else if (complete) {
          const buf = msp.build();
          const oldLen = buf.length - len;
          pushOp(Op.Reassembled, msp.id, msp.pieceCount, buf.length, cur - off, another > 0 ? another : end - cur);
          st.msgIn.set(msp.id, p.index + 1);
          st.msgLen.set(msp.id, buf.length);
          const stackBefore = p.stack;
          callReassembled(p, buf, server);
          called = true;
          const want = info.desegmentLen;
          const at = info.desegmentOffset < 0 ? 0 : info.desegmentOffset;
          // A message that turned out to need more shows nothing here: its protocols are not in this frame.
          if (want > 0 && at === 0) p.stack = stackBefore;
          if (want > 0 && at <= oldLen) {
            // The message is longer than the dissector first said: keep collecting.
            msp.reopen();
            if (want === DESEGMENT_ONE_MORE_SEGMENT) {
              msp.nxtpdu = seqAdd(seqMax(seqAdd(s, end - cur), msp.nxtpdu), 1);
              msp.flags |= MSP_ENTIRE_SEGMENT;
            } else if (want === DESEGMENT_UNTIL_FIN) {
              msp.nxtpdu = seqAdd(nxt, UNTIL_FIN_SPAN);
              msp.flags |= MSP_UNTIL_FIN;
              flow.untilFin = msp;
            } else if (seqGe(seqAdd(s, len), msp.nxtpdu)) msp.nxtpdu = seqAdd(s, len + want);
            else msp.nxtpdu = seqAdd(msp.nxtpdu, want);
            nothingTaken = at === 0;
            another = 0;
            cur += len;
            s = seqAdd(s, len);
            cont = cur < end;
          } else {
            finish(msp);
            if (want > 0) {
              mustDesegment = true;
              desegAt = Math.max(cur, Math.min(end, end - (buf.length - at)));
              nothingTaken = false;
            }
          }
        } else {
          pushOp(Op.Piece, cur - off, len, msp.id);
        }
      } else {
        pushOp(Op.Call, cur - off);
        const stackBefore = p.stack;
        callApplication(p, cur, end, server);
        called = true;
        if (info.desegmentLen > 0) {
          mustDesegment = true;
          desegAt = info.desegmentOffset < cur ? cur : info.desegmentOffset > end ? end : info.desegmentOffset;
          // Nothing of this payload was dissected: the application's protocols are not in this frame.
          if (desegAt === cur) p.stack = stackBefore;
          // Wireshark tags the segment only when nothing of its payload was dissected (desegment offset 0).
          nothingTaken = desegAt === off;
        }
      }
      const want = info.desegmentLen;
      if (mustDesegment) {
        const dseq = seqAdd(s, desegAt - cur);
        if (seqDiff(nxt, dseq) <= MAX_FIRST_PIECE) {
          const nxtpdu =
            want === DESEGMENT_ONE_MORE_SEGMENT
              ? seqAdd(nxt, 1)
              : want === DESEGMENT_UNTIL_FIN
                ? seqAdd(nxt, UNTIL_FIN_SPAN)
                : seqAdd(nxt, want);
          const m = st.newMessage(p.index, dseq, nxtpdu);
          if (want === DESEGMENT_ONE_MORE_SEGMENT) m.flags |= MSP_ENTIRE_SEGMENT;
          if (want === DESEGMENT_UNTIL_FIN) {
            m.flags |= MSP_UNTIL_FIN;
            flow.untilFin = m;
          }
          flow.abandonBefore(dseq);
          flow.add(m);
          const last = !seqLt(nxt, nxtpdu);
          const hint = want === DESEGMENT_ONE_MORE_SEGMENT || want === DESEGMENT_UNTIL_FIN ? 0 : seqDiff(nxtpdu, dseq);
          st.addPiece(m, p.index, inFrame ? desegAt : NOT_IN_FRAME, 0, p.data.subarray(desegAt, end), last, hint);
          pushOp(Op.Piece, desegAt - off, end - desegAt, m.id);
        }
      }
      if ((!called || want !== 0) && nothingTaken) {
        pushOp(Op.Tag);
        if (fenceProto === null) p.setProtocol('TCP');
      }
      if (cont) continue;
      if (another > 0) {
        pushOp(Op.Fence);
        if (fenceProto === null) fenceProto = p.protocol;
        cur += another;
        s = seqAdd(s, another);
        continue;
      }
      break;
    }
    // A message that runs until FIN ends with this segment.
    const m = flow.untilFin;
    if (info.flags & 0x001 && m && !m.done) finishAtFin(p, m, server);
  } finally {
    // The plan is kept even when the application threw (the error shows the same way in the second pass).
    if (!(opCount === OP_WORDS && ops[0] === Op.Call && ops[1] === 0)) st.setPlan(p.index, ops, opCount);
    if (fenceProto !== null) p.setProtocol(fenceProto);
  }
}

/** The message is final: its copies go. */
function finish(m: Msp): void {
  m.done = true;
  m.release();
}

/** First pass: a message that was to run until FIN ends here with the bytes it has. */
function finishAtFin(p: Packet, m: Msp, server: number): void {
  const st = p.state.get(TCP_REASSEMBLY);
  m.lastEnd = m.contig;
  const buf = m.build();
  pushOp(Op.Reassembled, m.id, m.pieceCount, buf.length, 0, 0);
  st.msgIn.set(m.id, p.index + 1);
  st.msgLen.set(m.id, buf.length);
  finish(m);
  resetRequest();
  callReassembled(p, buf, server);
}

/** Second pass: do again what the first pass did with this payload, with columns and fields. */
function replay(p: Packet, off: number, end: number, server: number, tcpInfo: string, layers: number): void {
  const st = p.state.get(TCP_REASSEMBLY);
  const plan = st.planOps(p.index);
  if (plan === null) {
    callApplication(p, off, end, server);
    return;
  }
  const n = plan.length / OP_WORDS;
  let fenceProto: string | null = null;
  let tagged = false;
  const tag = (restore: boolean) => {
    if (tagged) return;
    tagged = true;
    if (fenceProto === null) p.setProtocol('TCP');
    // Nothing of this payload was dissected: TCP's own Info stays, whatever the application wrote while trying.
    if (restore && fenceProto === null) {
      if (p.cols) p.cols.info = tcpInfo;
      // …and the protocols the application named while trying are not in the frame (frame.protocols).
      if (p.layers.length > layers) p.layers.length = layers;
    }
    p.appendInfoSep(' ', TAG);
  };
  try {
    for (let k = 0; k < n; k++) {
      const o = k * OP_WORDS;
      const op = plan[o];
      const a = plan[o + 1];
      const b = plan[o + 2];
      const c = plan[o + 3];
      const d = plan[o + 4];
      const e = plan[o + 5];
      resetRequest();
      switch (op) {
        case Op.Call:
          callApplication(p, off + a, end, server);
          break;
        case Op.Retransmitted:
          if (p.sink.active)
            p.add(hfr.segmentData, end - a, a, undefined, 0, `Retransmitted TCP segment data (${a} byte${plural(a)})`);
          break;
        case Op.Piece:
          piece(p, st, c, off + a, b);
          break;
        case Op.Unclaimed: {
          if (p.sink.active)
            p.add(hfr.segmentData, off + d, e, undefined, 0, `TCP segment data (${e} byte${plural(e)})`);
          const buf = p.sink.active ? rebuild(p, st, a, b, c) : null;
          if (buf) p.withSource(`Reassembled TCP (${buf.length} bytes)`, buf, () => addSegmentTree(p, st, a, b, buf));
          break;
        }
        case Op.Reassembled: {
          if (st.msgIn.get(a) - 1 !== p.index) {
            // Reassembled here first, then found to need more: in the end only a piece of the message.
            piece(p, st, a, off + d, e);
            tag(false);
            break;
          }
          const buf = rebuild(p, st, a, b, c);
          if (!buf) break;
          callReassembled(p, buf, server, () => addSegmentTree(p, st, a, b, buf));
          if (p.sink.active && e > 0)
            p.add(hfr.segmentData, off + d, e, undefined, 0, `TCP segment data (${e} byte${plural(e)})`);
          break;
        }
        case Op.Tag:
          tag(true);
          break;
        case Op.Fence:
          // Another PDU follows in the same segment: it may add to Info (as after Wireshark's column fence) but not
          // take over the columns.
          if (fenceProto === null) fenceProto = p.protocol;
          if (p.cols) p.infoFence = p.cols.info.length;
          break;
      }
    }
  } finally {
    if (fenceProto !== null) p.setProtocol(fenceProto);
  }
}

/** Second pass: payload bytes [from, from + len) belong to message `msg`, reassembled (if ever) elsewhere. */
function piece(p: Packet, st: TcpReassemblyState, msg: number, from: number, len: number): void {
  if (!p.sink.active) return;
  const inFrame = st.msgIn.get(msg);
  if (inFrame !== 0 && inFrame - 1 !== p.index)
    p.add(hfr.reassembledIn, from, 0, inFrame, GENERATED, `[Reassembled PDU in frame: ${inFrame}]`);
  p.add(hfr.segmentData, from, len, undefined, 0, `TCP segment data (${len} byte${plural(len)})`);
}

/** Second pass: the bytes of message `msg` as its first `count` pieces made them (`length` bytes). */
function rebuild(p: Packet, st: TcpReassemblyState, msg: number, count: number, length: number): Uint8Array | null {
  const pieces = st.pieces(msg, count);
  const sources: (Uint8Array | undefined)[] = [];
  for (const i of pieces) {
    const frameOff = st.pieceFrameOff.get(i);
    const len = st.pieceLen.get(i);
    if (frameOff === NOT_IN_FRAME) {
      sources.push(st.owned.get(i));
      continue;
    }
    const packet = st.piecePacket.get(i);
    const frame = p.peer(packet) ?? (packet === p.index ? p.frame : undefined);
    if (!frame || frameOff + len > frame.length) return null;
    sources.push(frame.subarray(frameOff, frameOff + len));
  }
  return assemble(
    length,
    pieces.length,
    (i) => st.pieceMsgOff.get(pieces[i]),
    (i) => sources[i],
  );
}

/** "[N Reassembled TCP Segments (X bytes): #a(len), …]" with one item per piece, then count, length and data. */
function addSegmentTree(p: Packet, st: TcpReassemblyState, msg: number, count: number, buf: Uint8Array): void {
  if (!p.sink.active) return;
  const pieces = st.pieces(msg, count).sort((x, y) => st.pieceMsgOff.get(x) - st.pieceMsgOff.get(y) || x - y);
  let label = `${pieces.length} Reassembled TCP Segments (${buf.length} bytes): `;
  pieces.forEach((i, k) => {
    label += `${k ? ', ' : ''}#${st.piecePacket.get(i) + 1}(${st.pieceLen.get(i)})`;
  });
  if (label.length > MAX_LABEL) label = label.slice(0, MAX_LABEL);
  p.open(hfr.segments, 0, buf.length, null, GENERATED | TOP_LEVEL, `[${label}]`);
  for (const i of pieces) {
    const from = st.pieceMsgOff.get(i);
    const len = st.pieceLen.get(i);
    const frame = st.piecePacket.get(i) + 1;
    p.add(
      hfr.segment,
      from,
      len,
      frame,
      GENERATED,
      `[Frame: ${frame}, payload: ${from}-${from + len - 1} (${len} byte${plural(len)})]`,
    );
  }
  p.add(hfr.segmentCount, 0, 0, pieces.length, GENERATED, `[Segment count: ${pieces.length}]`);
  p.add(hfr.reassembledLength, 0, 0, buf.length, GENERATED, `[Reassembled TCP length: ${buf.length}]`);
  p.add(hfr.reassembledData, 0, buf.length, undefined, GENERATED);
  p.close();
}

/** Second pass: the earlier segments of the messages reassembled in a packet must be read with it. */
registerPrefetch((state, packetIndex) => {
  const st = state.get(TCP_REASSEMBLY);
  const plan = st.planOps(packetIndex);
  if (plan === null) return null;
  let out: number[] | null = null;
  for (let o = 0; o < plan.length; o += OP_WORDS) {
    if (plan[o] !== Op.Reassembled && plan[o] !== Op.Unclaimed) continue;
    if (st.msgIn.get(plan[o + 1]) - 1 !== packetIndex) continue;
    out ??= [];
    for (const i of st.pieces(plan[o + 1], plan[o + 2])) {
      if (st.pieceFrameOff.get(i) !== NOT_IN_FRAME) out.push(st.piecePacket.get(i));
    }
  }
  return out;
});

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
