// TCP sequence analysis, as Wireshark 4.0 does it with its default preferences: retransmissions (plain, fast,
// spurious), out-of-order segments, segments not captured, duplicate ACKs, windows (zero, full, update), zero-window
// probes, keep-alives, the segment each ACK acknowledges with its RTT, bytes in flight and the initial RTT.
//
// The first pass walks every segment of a stream in file order and keeps per-direction state in columns of
// TcpConversations; the result for each packet goes into its per-packet columns. The second pass only reads those columns, so a
// packet shows the same analysis whatever was dissected before it.
import type { Packet } from '../packet';
import { frameTimes } from './frame';
import { GENERATED, HIDDEN, NsTime } from '../sinks';
import type { TcpConversations } from '../../flows/tcp';
import { ANALYSIS_PRESENT, TcpAnalysis as A, WSCALE_NONE, WSCALE_UNKNOWN } from '../../flows/tcp';

const SYN = 0x002;
const FIN = 0x001;
const RST = 0x004;
const PSH = 0x008;
const ACK = 0x010;

/** At most this many unacknowledged segments are remembered per direction (ACKs not captured). */
const MAX_UNACKED = 10000;
/** Numbers per unacknowledged segment in TcpConversations.seg: frame number, sequence number, next sequence number. */
const SEG = 3;
/** Nothing to grow from (a flow's first unacknowledged segment). */
/** A segment repeating data within this time of two or more duplicate ACKs is a fast retransmission (ns). */
const FAST_RETRANSMISSION_NS = 20_000_000;
/** Out-of-order threshold when the initial RTT is not known (ns). */
const DEFAULT_OOO_NS = 3_000_000;

// Sequence-space comparisons (RFC 1982 style, on 32-bit values).
const gtSeq = (a: number, b: number): boolean => ((b - a) | 0) < 0;
const ltSeq = (a: number, b: number): boolean => ((a - b) | 0) < 0;
const leSeq = (a: number, b: number): boolean => ((a - b) | 0) <= 0;

/** Nanoseconds from (sec2, ns2) to (sec, ns); may be negative. */
function since(sec: number, ns: number, sec2: number, ns2: number): number {
  return (sec - sec2) * 1e9 + (ns - ns2);
}

/**
 * Nanoseconds from frame `frame` to packet `p` (a frame without a timestamp counts as time 0, as in the first pass),
 * from the packet index: the times of earlier frames are not kept again. tcp.analysis.ack_rtt and the RTO read it.
 */
function sinceFrame(p: Packet, frame: number): number {
  const index = p.state.get(frameTimes).index;
  if (!index || frame < 1 || frame > index.count) return 0;
  const sec = Number.isNaN(p.tsSec) ? 0 : p.tsSec;
  const then = index.seconds(frame - 1);
  return since(sec, p.tsNs, Number.isNaN(then) ? 0 : then, index.tsNs[frame - 1]);
}

/**
 * First pass: analyse one segment (raw sequence/ack numbers, unscaled window) of stream `stream`, sent in `direction`.
 * Returns the TcpAnalysis bits found (also stored in c.analysis). The state of both directions is read from and
 * written to the columns of `c` (flow `f` sends this segment, flow `r` is the other side).
 */
export function analyzeSegment(
  p: Packet,
  c: TcpConversations,
  stream: number,
  direction: 0 | 1,
  seq: number,
  ack: number,
  seglen: number,
  flags: number,
  window: number,
  extraFlags: number,
): number {
  const f = stream * 2 + direction;
  const r = f ^ 1;
  const index = p.index;
  const frame = index + 1;
  const sec = Number.isNaN(p.tsSec) ? 0 : p.tsSec;
  const ns = p.tsNs;
  let bits = extraFlags;
  let present = extraFlags !== 0;
  const nextSeqOf = c.nextSeq;
  const lastAckOf = c.lastAck;
  const windowOf = c.window;
  const fwdNextSeq = nextSeqOf[f];
  const fwdLastAck = lastAckOf[f];
  const fwdWindow = windowOf[f];
  const revLastAck = lastAckOf[r];
  const revWindow = windowOf[r];

  // The initial RTT: from the latest SYN to the first ACK of the handshake.
  if (flags & SYN) {
    if (!(flags & ACK)) {
      c.synSec[stream] = sec;
      c.synNs[stream] = ns;
      c.synSeen[stream] = 1;
    }
  } else if (flags & ACK && c.synSeen[stream] && c.firstRttNs[stream] === 0) {
    c.firstRttNs[stream] = since(sec, ns, c.synSec[stream], c.synNs[stream]);
  }

  const noSynFinRst = (flags & (SYN | FIN | RST)) === 0;
  checks: {
    // A zero-window probe: one byte at the next expected sequence number while the other side's window is zero.
    if (seglen === 1 && seq === fwdNextSeq && revWindow === 0) {
      bits |= A.ZeroWindowProbe;
      break checks;
    }
    if (window === 0 && noSynFinRst) bits |= A.ZeroWindow;
    // Beyond the highest next sequence number seen: something in between was not captured.
    if (fwdNextSeq !== 0 && gtSeq(seq, fwdNextSeq) && !(flags & RST)) {
      bits |= A.LostPacket;
      c.validBif[f] = 0;
    }
    // A keep-alive: 0 or 1 byte starting one byte before the next expected sequence number.
    if ((seglen === 0 || seglen === 1) && seq === (fwdNextSeq - 1) >>> 0 && noSynFinRst) bits |= A.KeepAlive;
    const sameSeqAck = seglen === 0 && seq === fwdNextSeq && ack === fwdLastAck && noSynFinRst;
    if (sameSeqAck && window !== 0 && window !== fwdWindow) bits |= A.WindowUpdate;
    // Data up to the edge of the window the other side advertised.
    const revScale = c.winScale[r];
    if (seglen > 0 && revScale !== WSCALE_UNKNOWN && noSynFinRst) {
      const shift = revScale === WSCALE_NONE ? 0 : revScale; // at most 14
      if ((seq + seglen) >>> 0 === (revLastAck + revWindow * (1 << shift)) >>> 0) bits |= A.WindowFull;
    }
    const revFlags = c.lastSegmentFlags[r];
    if (sameSeqAck && window !== 0 && window === fwdWindow && revFlags & A.KeepAlive) {
      bits |= A.KeepAliveAck;
      break checks;
    }
    if (
      seglen === 0 &&
      window === 0 &&
      window === fwdWindow &&
      seq === fwdNextSeq &&
      (ack === fwdLastAck || ack === (fwdLastAck + 1) >>> 0) &&
      revFlags & A.ZeroWindowProbe &&
      noSynFinRst
    ) {
      bits |= A.ZeroWindowProbeAck;
      break checks;
    }
    if (sameSeqAck && window !== 0 && window === fwdWindow) {
      const num = ++c.dupAcksInRow[f];
      bits |= A.DuplicateAck;
      c.dupAckNum.set(index, num);
      c.dupAckFrame.set(index, c.lastNonDupAck[f]);
    }
  }

  if (ack !== fwdLastAck) {
    c.lastNonDupAck[f] = frame;
    c.dupAcksInRow[f] = 0;
  }

  // Acknowledging data never seen from the other side.
  // (Repeating an ACK already reported does not report it again.)
  const revMaxToBeAcked = c.maxSeqToBeAcked[r];
  if (revMaxToBeAcked !== 0 && gtSeq(ack, revMaxToBeAcked) && flags & ACK && ack !== fwdLastAck) {
    bits |= A.AckLostPacket;
    c.maxSeqToBeAcked[r] = nextSeqOf[r];
  }

  // Data (or SYN/FIN) that does not advance the sequence number: retransmission, fast, spurious or out-of-order.
  if ((seglen > 0 || flags & (SYN | FIN)) && !(bits & A.KeepAlive)) {
    // New data starting one byte early (after a possible zero-window probe) does not count as going back.
    const notAdvanced = fwdNextSeq !== 0 && ltSeq(seq, fwdNextSeq) && !(seglen > 1 && (fwdNextSeq - 1) >>> 0 === seq);
    let t = since(sec, ns, c.lastAckSec[r], c.lastAckNs[r]);
    const firstRtt = c.firstRttNs[stream];
    const oooThreshold = firstRtt !== 0 ? firstRtt : DEFAULT_OOO_NS;
    const revDupAcks = c.dupAcksInRow[r];
    // (-1 counts as many: the other side was acknowledging unseen data.)
    if (
      notAdvanced &&
      (revDupAcks >= 2 || revDupAcks === -1) &&
      revLastAck === seq &&
      t >= 0 &&
      t < FAST_RETRANSMISSION_NS
    ) {
      bits |= A.FastRetransmission;
    } else if (seglen > 0 && revLastAck !== 0 && leSeq((seq + seglen) >>> 0, revLastAck)) {
      // Data the receiver had already acknowledged.
      bits |= A.SpuriousRetransmission;
    } else {
      t = since(sec, ns, c.nextSeqSec[f], c.nextSeqNs[f]);
      // A SYN or FIN sent again ends where the first one did: a retransmission, not out of order.
      const end = (seq + seglen + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
      if (notAdvanced && t >= 0 && t < oooThreshold && fwdNextSeq !== end) {
        bits |= A.OutOfOrder;
      } else if (notAdvanced) {
        bits |= A.Retransmission;
        // The RTO counts from the oldest segment still unacknowledged, else from the highest one sent.
        if (c.segLen[f]) {
          const oldest = (c.seg[f] as Uint32Array)[0];
          c.rtoNs.set(index, sinceFrame(p, oldest));
          c.rtoFrame.set(index, oldest);
        } else {
          c.rtoNs.set(index, since(sec, ns, c.nextSeqSec[f], c.nextSeqNs[f]));
          c.rtoFrame.set(index, c.nextSeqFrame[f]);
        }
      }
    }
  }

  let nextSeq = (seq + seglen) >>> 0;
  if (flags & (SYN | FIN)) nextSeq = (nextSeq + 1) >>> 0;
  if ((seglen > 0 || flags & (SYN | FIN)) && c.segLen[f] < MAX_UNACKED * SEG) {
    const at = c.segLen[f];
    const seg = c.segRoom(f, at + SEG);
    seg[at] = frame;
    seg[at + 1] = seq;
    seg[at + 2] = nextSeq;
    c.segLen[f] = at + SEG;
  }
  const probe = (bits & A.ZeroWindowProbe) !== 0;
  if ((gtSeq(nextSeq, fwdNextSeq) || fwdNextSeq === 0) && !probe) {
    nextSeqOf[f] = nextSeq;
    c.nextSeqFrame[f] = frame;
    c.nextSeqSec[f] = sec;
    c.nextSeqNs[f] = ns;
  }
  const fwdMax = c.maxSeqToBeAcked[f];
  if ((seq === fwdMax || fwdMax === 0) && !probe) c.maxSeqToBeAcked[f] = nextSeqOf[f];

  windowOf[f] = window;
  lastAckOf[f] = ack;
  c.lastAckSec[f] = sec;
  c.lastAckNs[f] = ns;
  c.lastSegmentFlags[f] = bits;

  // Drop the other side's segments this ACK covers; note the one it acknowledges exactly.
  if (flags & ACK && c.segLen[r]) present = ackSegments(c, index, ack, r) || present;
  // Bytes in flight, switched off by a segment that was not captured, count again once the other side ACKs.
  if (flags & ACK) c.validBif[r] = 1;

  // Bytes in flight after this segment, and bytes sent since the last PSH.
  const n = c.segLen[f];
  if (seglen > 0 && n && c.validBif[f]) {
    const seg = c.seg[f] as Uint32Array;
    let first = seg[1];
    let last = seg[2];
    for (let i = SEG; i < n; i += SEG) {
      if (ltSeq(seg[i + 1], first)) first = seg[i + 1];
      if (gtSeq(seg[i + 2], last)) last = seg[i + 2];
    }
    const inFlight = (last - first) >>> 0;
    present = true;
    if (inFlight > 0 && inFlight < 2_000_000_000) {
      // A SYN or FIN takes one sequence number but carries no byte.
      c.bytesInFlight.set(index, flags & (SYN | FIN) ? inFlight - 1 : inFlight);
    }
    let sent: number;
    if (flags & PSH) {
      sent = c.pushSetLast[f] ? seglen : c.pushBytesSent[f] + seglen;
      c.pushSetLast[f] = 1;
    } else if (c.pushSetLast[f]) {
      sent = seglen;
      c.pushSetLast[f] = 0;
    } else {
      sent = c.pushBytesSent[f] + seglen;
    }
    c.pushBytesSent[f] = sent;
    c.pushBytes.set(index, c.pushBytesSent[f]);
  }
  if (bits) present = true;
  if (present) c.analysis.set(index, bits | ANALYSIS_PRESENT);
  return bits;
}

/** Remove the segments of flow `r` that `ack` covers; returns true when it acknowledges one exactly. */
function ackSegments(c: TcpConversations, index: number, ack: number, r: number): boolean {
  let acked = false;
  const seg = c.seg[r] as Uint32Array;
  const n = c.segLen[r];
  // Newest first, as the acknowledged frame is the oldest exact match.
  for (let i = n - SEG; i >= 0; i -= SEG) {
    const next = seg[i + 2];
    if (ack === next) {
      acked = true;
      c.ackedFrame.set(index, index + 1 - seg[i]);
      seg[i] = 0;
    } else if (gtSeq(ack, seg[i + 1]) && leSeq(ack, next)) {
      seg[i + 1] = ack; // partly acknowledged: keep the rest
    } else if (!gtSeq(next, ack)) {
      seg[i] = 0; // entirely acknowledged
    }
  }
  // Compact the list, keeping the order.
  let w = 0;
  for (let i = 0; i < n; i += SEG) {
    if (seg[i] === 0) continue;
    if (w !== i) {
      seg[w] = seg[i];
      seg[w + 1] = seg[i + 1];
      seg[w + 2] = seg[i + 2];
    }
    w += SEG;
  }
  if (w === 0) c.segEmpty(r);
  else c.segLen[r] = w;
  return acked;
}

// ---- second pass: the Info prefix, the [SEQ/ACK analysis] tree and the expert notes -------------------------------

/**
 * The tags Wireshark puts in front of Info, in its order (the last one it prepends comes first), e.g.
 * "[TCP Dup ACK 12#3] ". Empty when there are none.
 */
export function analysisInfoPrefix(bits: number, dupFrame: number, dupNum: number): string {
  let s = '';
  const tag = (t: string): void => {
    s = `[${t}] ${s}`;
  };
  if (bits & A.Retransmission) tag('TCP Retransmission');
  if (bits & A.FastRetransmission) tag('TCP Fast Retransmission');
  if (bits & A.SpuriousRetransmission) tag('TCP Spurious Retransmission');
  if (bits & A.OutOfOrder) tag('TCP Out-Of-Order');
  if (bits & A.LostPacket) tag('TCP Previous segment not captured');
  if (bits & A.AckLostPacket) tag('TCP ACKed unseen segment');
  if (bits & A.WindowUpdate) tag('TCP Window Update');
  if (bits & A.WindowFull) tag('TCP Window Full');
  if (bits & A.KeepAlive) tag('TCP Keep-Alive');
  if (bits & A.KeepAliveAck) tag('TCP Keep-Alive ACK');
  if (bits & A.ZeroWindowProbe) tag('TCP ZeroWindowProbe');
  if (bits & A.ZeroWindow) tag('TCP ZeroWindow');
  if (bits & A.ZeroWindowProbeAck) tag('TCP ZeroWindowProbeAck');
  if (bits & A.ReusedPorts) tag('TCP Port numbers reused');
  // Wireshark writes the duplicate ACK tag after all the others (with the duplicate ACK number), so it comes first.
  if (bits & A.DuplicateAck) tag(`TCP Dup ACK ${dupFrame}#${dupNum}`);
  return s;
}

/** Field ids the tree needs (declared by tcp.ts). */
export interface AnalysisFields {
  analysis: number;
  analysisFlags: number;
  acksFrame: number;
  ackRtt: number;
  initialRtt: number;
  bytesInFlight: number;
  pushBytesSent: number;
  retransmission: number;
  fastRetransmission: number;
  spuriousRetransmission: number;
  outOfOrder: number;
  lostSegment: number;
  ackLostSegment: number;
  windowUpdate: number;
  windowFull: number;
  keepAlive: number;
  keepAliveAck: number;
  duplicateAck: number;
  duplicateAckNum: number;
  duplicateAckFrame: number;
  zeroWindowProbe: number;
  zeroWindow: number;
  zeroWindowProbeAck: number;
  reusedPorts: number;
  rto: number;
  rtoFrame: number;
}

function nsTime(v: number): NsTime {
  const sec = Math.trunc(v / 1e9);
  return new NsTime(sec, Math.round(v - sec * 1e9));
}

function secondsText(v: number): string {
  const sign = v < 0 ? '-' : '';
  const a = Math.abs(v);
  const sec = Math.trunc(a / 1e9);
  const ns = Math.round(a - sec * 1e9);
  return `${sign}${sec}.${String(ns).padStart(9, '0')}`;
}

/**
 * The expert notes of a packet's analysis (every pass that shows anything), then, when a sink listens, the
 * [SEQ/ACK analysis] subtree at `off`.
 */
export function addAnalysis(p: Packet, off: number, convs: TcpConversations, stream: number, hf: AnalysisFields): void {
  const index = p.index;
  const word = convs.analysis.get(index);
  if (!(word & ANALYSIS_PRESENT)) return;
  const bits = word & ~ANALYSIS_PRESENT;
  const active = p.sink.active;
  if (active) {
    p.open(hf.analysis, off, 0, null, GENERATED, '[SEQ/ACK analysis]');
    const acked = convs.ackedFrameOf(index);
    if (acked) {
      p.add(hf.acksFrame, off, 0, acked, GENERATED, `[This is an ACK to the segment in frame: ${acked}]`);
      const rtt = sinceFrame(p, acked);
      if (rtt !== 0)
        p.add(
          hf.ackRtt,
          off,
          0,
          nsTime(rtt),
          GENERATED,
          `[The RTT to ACK the segment was: ${secondsText(rtt)} seconds]`,
        );
    }
    const firstRtt = convs.firstRttNs[stream];
    if (firstRtt !== 0)
      p.add(hf.initialRtt, off, 0, nsTime(firstRtt), GENERATED, `[iRTT: ${secondsText(firstRtt)} seconds]`);
    const bif = convs.bytesInFlight.get(index);
    if (bif) p.add(hf.bytesInFlight, off, 0, bif, GENERATED, `[Bytes in flight: ${bif}]`);
    const push = convs.pushBytes.get(index);
    if (push) p.add(hf.pushBytesSent, off, 0, push, GENERATED, `[Bytes sent since last PSH flag: ${push}]`);
  }
  if (bits) {
    if (active) p.open(hf.analysisFlags, off, 0, null, GENERATED, '[TCP Analysis Flags]');
    addFlags(p, off, convs, bits, hf);
    if (active) p.close();
  }
  if (active) {
    if (bits & A.DuplicateAck) {
      const num = convs.dupAckNum.get(index) ?? 0;
      const frame = convs.dupAckFrame.get(index) ?? 0;
      // Wireshark adds the duplicate-ACK flag a second time with the number (tcp.analysis.duplicate_ack reads "1,1").
      p.add(hf.duplicateAck, off, 0, null, GENERATED | HIDDEN);
      p.add(hf.duplicateAckNum, off, 0, num, GENERATED, `[Duplicate ACK #: ${num}]`);
      // The note goes under the frame it duplicates, as in Wireshark.
      p.open(hf.duplicateAckFrame, off, 0, frame, GENERATED, `[Duplicate to the ACK in frame: ${frame}]`);
      p.expert('note', SEQ, 'tcp.analysis.duplicate_ack', `Duplicate ACK (#${num})`);
      p.close();
    }
    p.close();
  }
}

const SEQ = 'Sequence';

function addFlags(p: Packet, off: number, convs: TcpConversations, bits: number, hf: AnalysisFields): void {
  // Wireshark 4.0 shows only the expert note under "[TCP Analysis Flags]"; the flag's field is there for filters.
  const flag = (id: number, severity: 'chat' | 'note' | 'warn', name: string, message: string): void => {
    p.add(id, off, 0, null, GENERATED | HIDDEN, `[${message}]`);
    p.expert(severity, SEQ, name, message);
  };
  const retransmitted = (): void => {
    flag(hf.retransmission, 'note', 'tcp.analysis.retransmission', 'This frame is a (suspected) retransmission');
  };
  if (bits & A.Retransmission) {
    retransmitted();
    const rto = convs.rtoNs.get(p.index);
    if (rto !== undefined && p.sink.active) {
      const from = convs.rtoFrame.get(p.index) ?? 0;
      p.add(hf.rto, off, 0, nsTime(rto), GENERATED, `[The RTO for this segment was: ${secondsText(rto)} seconds]`);
      p.add(hf.rtoFrame, off, 0, from, GENERATED, `[RTO based on delta from frame: ${from}]`);
    }
  }
  if (bits & A.FastRetransmission) {
    flag(
      hf.fastRetransmission,
      'note',
      'tcp.analysis.fast_retransmission',
      'This frame is a (suspected) fast retransmission',
    );
    retransmitted();
  }
  if (bits & A.SpuriousRetransmission) {
    flag(
      hf.spuriousRetransmission,
      'note',
      'tcp.analysis.spurious_retransmission',
      'This frame is a (suspected) spurious retransmission',
    );
    retransmitted();
  }
  if (bits & A.OutOfOrder)
    flag(hf.outOfOrder, 'warn', 'tcp.analysis.out_of_order', 'This frame is a (suspected) out-of-order segment');
  if (bits & A.LostPacket)
    flag(
      hf.lostSegment,
      'warn',
      'tcp.analysis.lost_segment',
      'Previous segment(s) not captured (common at capture start)',
    );
  if (bits & A.AckLostPacket)
    flag(
      hf.ackLostSegment,
      'warn',
      'tcp.analysis.ack_lost_segment',
      "ACKed segment that wasn't captured (common at capture start)",
    );
  if (bits & A.WindowUpdate) flag(hf.windowUpdate, 'chat', 'tcp.analysis.window_update', 'TCP window update');
  if (bits & A.WindowFull)
    flag(
      hf.windowFull,
      'warn',
      'tcp.analysis.window_full',
      'TCP window specified by the receiver is now completely full',
    );
  if (bits & A.KeepAlive) flag(hf.keepAlive, 'note', 'tcp.analysis.keep_alive', 'TCP keep-alive segment');
  if (bits & A.KeepAliveAck)
    flag(hf.keepAliveAck, 'note', 'tcp.analysis.keep_alive_ack', 'ACK to a TCP keep-alive segment');
  if (bits & A.DuplicateAck) {
    const num = convs.dupAckNum.get(p.index) ?? 0;
    p.add(hf.duplicateAck, off, 0, null, GENERATED, '[This is a TCP duplicate ack]');
    // With a tree the note goes under "[Duplicate to the ACK in frame: N]" (addAnalysis).
    if (!p.sink.active) p.expert('note', SEQ, 'tcp.analysis.duplicate_ack', `Duplicate ACK (#${num})`);
  }
  if (bits & A.ZeroWindowProbe)
    flag(hf.zeroWindowProbe, 'note', 'tcp.analysis.zero_window_probe', 'TCP Zero Window Probe');
  if (bits & A.ZeroWindow) flag(hf.zeroWindow, 'warn', 'tcp.analysis.zero_window', 'TCP Zero Window segment');
  if (bits & A.ZeroWindowProbeAck)
    flag(hf.zeroWindowProbeAck, 'note', 'tcp.analysis.zero_window_probe_ack', 'ACK to a TCP Zero Window Probe');
  if (bits & A.ReusedPorts)
    flag(
      hf.reusedPorts,
      'note',
      'tcp.analysis.reused_ports',
      'A new tcp session is started with the same ports as an earlier session in this trace',
    );
}
