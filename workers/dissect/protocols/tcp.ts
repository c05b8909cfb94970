// Transmission Control Protocol (RFC 9293): the header, its options, the stream index, relative sequence numbers,
// window scaling learned from the handshake, and hand-off of the payload by port (server port, lower, higher), then
// heuristics, then data. Columns and fields follow Wireshark 4.0 with its default preferences (relative sequence
// numbers, no checksum validation). The sequence analysis (retransmissions, dup ACKs …) is in tcp-analysis.ts.
import type { Packet } from '../packet';
import { AddrType, MalformedError, be16, be32 } from '../packet';
import { CHECKSUM_STATUS } from '../checksum';
import { declare } from '../registry';
import { GENERATED, HIDDEN, NsTime, VALUE_LABEL } from '../sinks';
import { timeDelta } from '../time';
import { currentTcp, dissectTcpEmptyFin, dissectTcpPayload } from '../../reassembly/tcp';
import { ipProtos } from '../dispatch';
import {
  ANALYSIS_PRESENT,
  Completeness,
  TCP_CONVERSATIONS,
  TcpAnalysis,
  WSCALE_NONE,
  WSCALE_UNKNOWN,
} from '../../flows/tcp';
import type { TcpConversations } from '../../flows/tcp';
import { addAnalysis, analysisInfoPrefix, analyzeSegment } from './tcp-analysis';
import { frameTimes } from './frame';

// ---- flags -----------------------------------------------------------------------------------------------------

export const TH_FIN = 0x001;
export const TH_SYN = 0x002;
export const TH_RST = 0x004;
export const TH_PUSH = 0x008;
export const TH_ACK = 0x010;
export const TH_URG = 0x020;
export const TH_ECE = 0x040;
export const TH_CWR = 0x080;
export const TH_NS = 0x100;
export const TH_RES = 0xe00;

/** Names of the flag bits, lowest first, as Wireshark 4.0 lists them in Info ("[SYN, ACK]"). */
const FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECN', 'CWR', 'NS'];

/** "SYN, ACK" — the flag names in Info and in the Flags tree item; "<None>" when no flag is set. */
export function tcpFlagsText(flags: number): string {
  let s = '';
  for (let i = 0; i < 9; i++) {
    if (flags & (1 << i)) s = s ? `${s}, ${FLAG_NAMES[i]}` : FLAG_NAMES[i];
  }
  if (flags & TH_RES) s = s ? `${s}, Reserved` : 'Reserved';
  return s || '<None>';
}

const FLAG_LETTERS = 'RRRNCEUAPRSF';

/** tcp.flags.str: one letter per bit from the highest (reserved) to FIN, "·" for a clear bit ("·······A··S·"). */
export function tcpFlagsLetters(flags: number): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += (flags >> (11 - i)) & 1 ? FLAG_LETTERS[i] : '\u00b7';
  return s;
}

// ---- option kinds ------------------------------------------------------------------------------------------------

const OPT_EOL = 0;
const OPT_NOP = 1;
const OPT_MSS = 2;
const OPT_WSCALE = 3;
const OPT_SACK_PERM = 4;
const OPT_SACK = 5;
const OPT_ECHO = 6;
const OPT_ECHOREPLY = 7;
const OPT_TIMESTAMP = 8;
const OPT_MD5 = 19;
const OPT_MPTCP = 30;
const OPT_TFO = 34;
const OPT_EXP_FD = 253;
const OPT_EXP_FE = 254;
/** Experiment identifier of TCP Fast Open in the experimental options (RFC 6994 / RFC 7413). */
const EXID_TFO = 0xf989;

/** IANA names of TCP option kinds (the value strings of tcp.option_kind). */
export const TCP_OPTION_KINDS: Record<number, string> = {
  0: 'End of Option List',
  1: 'No-Operation',
  2: 'Maximum Segment Size',
  3: 'Window Scale',
  4: 'SACK Permitted',
  5: 'SACK',
  6: 'Echo',
  7: 'Echo Reply',
  8: 'Time Stamp Option',
  9: 'Partial Order Connection Permitted',
  10: 'Partial Order Service Profile',
  11: 'CC',
  12: 'CC.NEW',
  13: 'CC.ECHO',
  14: 'TCP Alternate Checksum Request',
  15: 'TCP Alternate Checksum Data',
  16: 'Skeeter',
  17: 'Bubba',
  18: 'Trailer Checksum Option',
  19: 'MD5 Signature Option',
  20: 'SCPS Capabilities',
  21: 'Selective Negative Acknowledgements',
  22: 'Record Boundaries',
  23: 'Corruption experienced',
  24: 'SNAP',
  25: 'Unassigned',
  26: 'TCP Compression Filter',
  27: 'Quick-Start Response',
  28: 'User Timeout Option',
  29: 'TCP Authentication Option',
  30: 'Multipath TCP',
  34: 'TCP Fast Open Cookie',
  69: 'Encryption Negotiation',
  253: 'RFC3692-style Experiment 1',
  254: 'RFC3692-style Experiment 2',
};

/** Short names of the options with their own tree item ("Options: (20 bytes), Maximum segment size, …"). */
const OPTION_SHORT_NAMES: Record<number, string> = {
  0: 'End of Option List (EOL)',
  1: 'No-Operation (NOP)',
  2: 'Maximum segment size',
  3: 'Window scale',
  4: 'SACK permitted',
  5: 'SACK',
  6: 'Echo',
  7: 'Echo reply',
  8: 'Timestamps',
  19: 'TCP MD5 signature',
  30: 'Multipath TCP',
  34: 'TCP Fast Open',
  253: 'Experimental',
  254: 'Experimental',
};

const MPTCP_SUBTYPES: Record<number, string> = {
  0: 'Multipath Capable',
  1: 'Join Connection',
  2: 'Data Sequence Signal',
  3: 'Add Address',
  4: 'Remove Address',
  5: 'Change Subflow Priority',
  6: 'TCP Fallback',
  7: 'Fast Close',
  8: 'TCP Reset',
};

// ---- fields ------------------------------------------------------------------------------------------------------

const flagBit = (abbrev: string, name: string, mask: number) =>
  ({ abbrev, name, type: 'bool', mask, bits: 12 }) as const;

export const hf = declare('tcp', 'Transmission Control Protocol', 'TCP', {
  srcport: { abbrev: 'tcp.srcport', name: 'Source Port', type: 'uint' },
  dstport: { abbrev: 'tcp.dstport', name: 'Destination Port', type: 'uint' },
  port: { abbrev: 'tcp.port', name: 'Source or Destination Port', type: 'uint' },
  stream: { abbrev: 'tcp.stream', name: 'Stream index', type: 'uint' },
  completeness: { abbrev: 'tcp.completeness', name: 'Conversation completeness', type: 'uint' },
  len: { abbrev: 'tcp.len', name: 'TCP Segment Len', type: 'uint' },
  seq: { abbrev: 'tcp.seq', name: 'Sequence Number', type: 'uint' },
  seqRaw: { abbrev: 'tcp.seq_raw', name: 'Sequence Number (raw)', type: 'uint' },
  nxtseq: { abbrev: 'tcp.nxtseq', name: 'Next Sequence Number', type: 'uint' },
  ack: { abbrev: 'tcp.ack', name: 'Acknowledgment Number', type: 'uint' },
  ackRaw: { abbrev: 'tcp.ack_raw', name: 'Acknowledgment number (raw)', type: 'uint' },
  hdrLen: { abbrev: 'tcp.hdr_len', name: 'Header Length', type: 'uint', mask: 0xf0, bits: 8 },
  flags: { abbrev: 'tcp.flags', name: 'Flags', type: 'uint', base: 'hex', mask: 0x0fff, bits: 16 },
  flagsRes: flagBit('tcp.flags.res', 'Reserved', TH_RES),
  flagsNs: flagBit('tcp.flags.ns', 'Nonce', TH_NS),
  flagsCwr: flagBit('tcp.flags.cwr', 'Congestion Window Reduced', TH_CWR),
  flagsEcn: flagBit('tcp.flags.ecn', 'ECN-Echo', TH_ECE),
  flagsUrg: flagBit('tcp.flags.urg', 'Urgent', TH_URG),
  flagsAck: flagBit('tcp.flags.ack', 'Acknowledgment', TH_ACK),
  flagsPush: flagBit('tcp.flags.push', 'Push', TH_PUSH),
  flagsReset: flagBit('tcp.flags.reset', 'Reset', TH_RST),
  flagsSyn: flagBit('tcp.flags.syn', 'Syn', TH_SYN),
  flagsFin: flagBit('tcp.flags.fin', 'Fin', TH_FIN),
  // Wireshark 4.0 shows the NS bit as "Accurate ECN" (tcp.flags.ae); the older names stay as hidden aliases.
  flagsAe: flagBit('tcp.flags.ae', 'Accurate ECN', TH_NS),
  flagsEce: flagBit('tcp.flags.ece', 'ECN-Echo', TH_ECE),
  flagsStr: { abbrev: 'tcp.flags.str', name: 'TCP Flags', type: 'string' },
  windowValue: { abbrev: 'tcp.window_size_value', name: 'Window', type: 'uint' },
  window: { abbrev: 'tcp.window_size', name: 'Calculated window size', type: 'uint' },
  scaleFactor: {
    abbrev: 'tcp.window_size_scalefactor',
    name: 'Window size scaling factor',
    type: 'int',
    description: 'The window size scaling factor (-1 when unknown, -2 when no scaling is used)',
  },
  checksum: { abbrev: 'tcp.checksum', name: 'Checksum', type: 'uint', base: 'hex', bits: 16 },
  checksumStatus: {
    abbrev: 'tcp.checksum.status',
    name: 'Checksum Status',
    type: 'uint',
    base: 'none',
    strings: CHECKSUM_STATUS,
  },
  urgentPointer: { abbrev: 'tcp.urgent_pointer', name: 'Urgent Pointer', type: 'uint' },
  options: { abbrev: 'tcp.options', name: 'TCP Options', type: 'bytes' },
  optionKind: { abbrev: 'tcp.option_kind', name: 'Kind', type: 'uint', strings: TCP_OPTION_KINDS },
  optionLen: { abbrev: 'tcp.option_len', name: 'Length', type: 'uint' },
  optNop: { abbrev: 'tcp.options.nop', name: 'TCP Option - No-Operation (NOP)', type: 'bytes' },
  optEol: { abbrev: 'tcp.options.eol', name: 'TCP Option - End of Option List (EOL)', type: 'bytes' },
  optMss: { abbrev: 'tcp.options.mss', name: 'TCP Option - Maximum segment size', type: 'bytes' },
  mssVal: { abbrev: 'tcp.options.mss_val', name: 'MSS Value', type: 'uint' },
  optWscale: { abbrev: 'tcp.options.wscale', name: 'TCP Option - Window scale', type: 'bytes' },
  wscaleShift: { abbrev: 'tcp.options.wscale.shift', name: 'Shift count', type: 'uint' },
  wscaleMultiplier: { abbrev: 'tcp.options.wscale.multiplier', name: 'Multiplier', type: 'uint' },
  optSackPerm: { abbrev: 'tcp.options.sack_perm', name: 'TCP Option - SACK permitted', type: 'bytes' },
  optSack: { abbrev: 'tcp.options.sack', name: 'TCP Option - SACK', type: 'bytes' },
  sackLe: { abbrev: 'tcp.options.sack_le', name: 'TCP SACK Left Edge', type: 'uint' },
  sackRe: { abbrev: 'tcp.options.sack_re', name: 'TCP SACK Right Edge', type: 'uint' },
  sackCount: { abbrev: 'tcp.options.sack.count', name: 'TCP SACK Count', type: 'uint' },
  dsackLe: { abbrev: 'tcp.options.sack.dsack_le', name: 'D-SACK Left Edge', type: 'uint' },
  dsackRe: { abbrev: 'tcp.options.sack.dsack_re', name: 'D-SACK Right Edge', type: 'uint' },
  dsack: { abbrev: 'tcp.options.sack.dsack', name: 'D-SACK Sequence', type: 'none' },
  optEcho: { abbrev: 'tcp.options.echo', name: 'TCP Option - Echo', type: 'bytes' },
  echoValue: { abbrev: 'tcp.options.echo_value', name: 'TCP Echo Option', type: 'uint' },
  optTimestamp: { abbrev: 'tcp.options.timestamp', name: 'TCP Option - Timestamps', type: 'bytes' },
  tsval: { abbrev: 'tcp.options.timestamp.tsval', name: 'Timestamp value', type: 'uint' },
  tsecr: { abbrev: 'tcp.options.timestamp.tsecr', name: 'Timestamp echo reply', type: 'uint' },
  optMd5: { abbrev: 'tcp.options.md5', name: 'TCP Option - TCP MD5 signature', type: 'bytes' },
  optTfo: { abbrev: 'tcp.options.tfo', name: 'TCP Option - TCP Fast Open', type: 'bytes' },
  tfoRequest: { abbrev: 'tcp.options.tfo.request', name: 'Fast Open Cookie Request', type: 'none' },
  tfoCookie: { abbrev: 'tcp.options.tfo.cookie', name: 'Fast Open Cookie', type: 'bytes' },
  optExp: { abbrev: 'tcp.options.experimental', name: 'TCP Option - Experimental', type: 'bytes' },
  expExid: {
    abbrev: 'tcp.options.experimental.exid',
    name: 'Experiment Identifier',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: { 0xf989: 'Fast Open' },
  },
  expMagic: {
    abbrev: 'tcp.options.experimental.magic_number',
    name: 'Magic Number',
    type: 'uint',
    base: 'hex',
    bits: 16,
  },
  expData: { abbrev: 'tcp.options.experimental.data', name: 'Data', type: 'bytes' },
  mptcpSubtype: {
    abbrev: 'tcp.options.mptcp.subtype',
    name: 'Multipath TCP subtype',
    type: 'uint',
    mask: 0xf0,
    bits: 8,
    strings: MPTCP_SUBTYPES,
  },
  optUnknown: { abbrev: 'tcp.options.unknown', name: 'TCP Option - Unknown', type: 'bytes' },
  unknownPayload: { abbrev: 'tcp.options.unknown.payload', name: 'Payload', type: 'bytes' },
  timeRelative: {
    abbrev: 'tcp.time_relative',
    name: 'Time since first frame in this TCP stream',
    type: 'rel_time',
    unit: 'seconds',
  },
  timeDelta: {
    abbrev: 'tcp.time_delta',
    name: 'Time since previous frame in this TCP stream',
    type: 'rel_time',
    unit: 'seconds',
  },
  payload: { abbrev: 'tcp.payload', name: 'TCP payload', type: 'bytes' },
  // Sequence analysis (tcp-analysis.ts) and reassembly results.
  analysis: { abbrev: 'tcp.analysis', name: 'SEQ/ACK analysis', type: 'none' },
  analysisFlags: { abbrev: 'tcp.analysis.flags', name: 'TCP Analysis Flags', type: 'none' },
  acksFrame: { abbrev: 'tcp.analysis.acks_frame', name: 'This is an ACK to the segment in frame', type: 'framenum' },
  ackRtt: { abbrev: 'tcp.analysis.ack_rtt', name: 'The RTT to ACK the segment was', type: 'rel_time', unit: 'seconds' },
  initialRtt: { abbrev: 'tcp.analysis.initial_rtt', name: 'iRTT', type: 'rel_time', unit: 'seconds' },
  bytesInFlight: { abbrev: 'tcp.analysis.bytes_in_flight', name: 'Bytes in flight', type: 'uint' },
  pushBytesSent: { abbrev: 'tcp.analysis.push_bytes_sent', name: 'Bytes sent since last PSH flag', type: 'uint' },
  retransmission: { abbrev: 'tcp.analysis.retransmission', name: 'Retransmission', type: 'none' },
  fastRetransmission: { abbrev: 'tcp.analysis.fast_retransmission', name: 'Fast Retransmission', type: 'none' },
  spuriousRetransmission: {
    abbrev: 'tcp.analysis.spurious_retransmission',
    name: 'Spurious Retransmission',
    type: 'none',
  },
  outOfOrder: { abbrev: 'tcp.analysis.out_of_order', name: 'Out-Of-Order', type: 'none' },
  lostSegment: { abbrev: 'tcp.analysis.lost_segment', name: 'Previous segment(s) not captured', type: 'none' },
  ackLostSegment: { abbrev: 'tcp.analysis.ack_lost_segment', name: "ACKed segment that wasn't captured", type: 'none' },
  duplicateAck: { abbrev: 'tcp.analysis.duplicate_ack', name: 'Duplicate ACK', type: 'none' },
  duplicateAckNum: { abbrev: 'tcp.analysis.duplicate_ack_num', name: 'Duplicate ACK #', type: 'uint' },
  duplicateAckFrame: {
    abbrev: 'tcp.analysis.duplicate_ack_frame',
    name: 'Duplicate to the ACK in frame',
    type: 'framenum',
  },
  windowUpdate: { abbrev: 'tcp.analysis.window_update', name: 'Window update', type: 'none' },
  windowFull: { abbrev: 'tcp.analysis.window_full', name: 'Window full', type: 'none' },
  zeroWindow: { abbrev: 'tcp.analysis.zero_window', name: 'Zero Window', type: 'none' },
  zeroWindowProbe: { abbrev: 'tcp.analysis.zero_window_probe', name: 'Zero Window Probe', type: 'none' },
  zeroWindowProbeAck: { abbrev: 'tcp.analysis.zero_window_probe_ack', name: 'Zero Window Probe Ack', type: 'none' },
  keepAlive: { abbrev: 'tcp.analysis.keep_alive', name: 'Keep Alive', type: 'none' },
  keepAliveAck: { abbrev: 'tcp.analysis.keep_alive_ack', name: 'Keep Alive ACK', type: 'none' },
  reusedPorts: { abbrev: 'tcp.analysis.reused_ports', name: 'TCP Port numbers reused', type: 'none' },
  rto: { abbrev: 'tcp.analysis.rto', name: 'The RTO for this segment was', type: 'rel_time', unit: 'seconds' },
  rtoFrame: { abbrev: 'tcp.analysis.rto_frame', name: 'RTO based on delta from frame', type: 'framenum' },
  reassembledIn: { abbrev: 'tcp.reassembled_in', name: 'Reassembled PDU in frame', type: 'framenum' },
  reassembledLength: { abbrev: 'tcp.reassembled.length', name: 'Reassembled TCP length', type: 'uint' },
  resetCause: { abbrev: 'tcp.reset_cause', name: 'Reset cause', type: 'string' },
});

/** Multipath TCP shows as its own protocol item (and Protocol column) inside the TCP options. */
export const hfMptcp = declare('mptcp', 'Multipath Transmission Control Protocol', 'MPTCP', {});

// What sub-dissectors read about the segment (currentTcp) lives with the payload hand-off in reassembly/tcp.ts.
export { currentTcp } from '../../reassembly/tcp';
export type { TcpSegmentInfo } from '../../reassembly/tcp';

// ---- the dissector -----------------------------------------------------------------------------------------------

const MIN_HEADER = 20;

/**
 * Where the bytes of this TCP segment stop as the IP layer reported them. `end` is clipped to what was captured;
 * for a frame cut short by the snapshot length, the IPv4 total length / IPv6 payload length tells the real size.
 */
function reportedEnd(p: Packet, off: number, end: number): number {
  if (p.data !== p.frame || p.capLen >= p.origLen || end < p.data.length || p.netData !== p.data) return end;
  const d = p.data;
  let ipEnd = -1;
  if (p.netType === AddrType.IPv4) {
    const ip = p.netSrcOff - 12;
    if (ip >= 0 && ip < off && d[ip] >> 4 === 4) ipEnd = ip + ((d[ip + 2] << 8) | d[ip + 3]);
  } else if (p.netType === AddrType.IPv6) {
    const ip = p.netSrcOff - 8;
    if (ip >= 0 && ip < off && d[ip] >> 4 === 6) {
      const plen = (d[ip + 4] << 8) | d[ip + 5];
      if (plen > 0) ipEnd = ip + 40 + plen;
    }
  }
  if (ipEnd < 0) return end;
  // The frame's own length (on the wire) bounds what any layer can report.
  return Math.max(end, Math.min(ipEnd, p.origLen));
}

/** Relative or raw numbers for one segment, computed from the stream state. */
interface Numbers {
  seq: number;
  ack: number;
  win: number;
}
const nums: Numbers = { seq: 0, ack: 0, win: 0 };

/**
 * The numbers of the latest TCP header dissected, as its fields show them (tcp.stream, tcp.srcport, tcp.dstport,
 * tcp.flags, tcp.seq, tcp.seq_raw, tcp.ack, tcp.ack_raw, tcp.len; -1 where the field is absent), kept in every pass
 * and without a sink: for callers that dissect with columns only and need just these (the sequence diagram). They
 * belong to the packet just dissected when its layers name tcp once.
 */
export const tcpHeaderSeen = {
  stream: -1,
  srcPort: -1,
  dstPort: -1,
  flags: -1,
  seq: -1,
  seqRaw: -1,
  ack: -1,
  ackRaw: -1,
  len: -1,
};

export function dissectTcp(p: Packet, off: number, end: number): boolean {
  p.need(off, 4, end);
  const d = p.data;
  const sport = be16(d, off);
  const dport = be16(d, off + 2);
  p.addLayer('tcp');
  p.setProtocol('TCP');
  p.srcPort = sport;
  p.dstPort = dport;
  const seen = tcpHeaderSeen;
  seen.stream = seen.flags = seen.seq = seen.seqRaw = seen.ack = seen.ackRaw = seen.len = -1;
  seen.srcPort = sport;
  seen.dstPort = dport;
  if (p.cols) p.setInfo(`${sport} \u2192 ${dport}`);
  if (off + 16 > Math.min(end, p.data.length)) {
    // Too short for the sequence numbers: the ports, then the bounds error.
    if (p.sink.active) {
      p.open(hf.proto, off, Math.max(0, Math.min(end, p.data.length) - off), null, 0, protoLabel(sport, dport));
      addPorts(p, off);
      p.close();
    }
    p.need(off, 16, end);
  }
  dissectHeader(p, off, end, sport, dport);
  return true;
}

function protoLabel(sport: number, dport: number): string {
  return `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}`;
}

function addPorts(p: Packet, off: number): void {
  p.add(hf.srcport, off, 2);
  p.add(hf.dstport, off + 2, 2);
  p.add(hf.port, off, 2, undefined, HIDDEN);
  p.add(hf.port, off + 2, 2, undefined, HIDDEN);
}

function dissectHeader(p: Packet, off: number, end: number, sport: number, dport: number): void {
  const d = p.data;
  const rawSeq = be32(d, off + 4);
  const rawAck = be32(d, off + 8);
  const hlen = (p.data[off + 12] >> 4) * 4;
  const flags = be16(d, off + 12) & 0x0fff;
  const rawWin = be16(d, off + 14);
  const cols = p.cols;
  const active = p.sink.active;

  // ---- the stream (first pass: find or create; second pass: as the first pass recorded it); -1: none
  const convs = p.state.get(TCP_CONVERSATIONS);
  let stream: number;
  let direction: 0 | 1 = 0;
  let isNew = false;
  let reusedPorts = 0;
  if (p.pass === 1) {
    stream = convs.table.lookup(p, sport, dport, true);
    direction = convs.table.direction;
    isNew = convs.table.created;
    if (isNew) {
      convs.newStream(p.index, p.tsSec, p.tsNs, direction, sport, dport);
    } else {
      // A new SYN (not SYN/ACK) with another initial sequence number on a known address/port pair: the ports are
      // being reused for a new connection.
      const known = stream * 2 + direction;
      if ((flags & (TH_SYN | TH_ACK)) === TH_SYN && convs.baseSet[known] && rawSeq !== convs.baseSeq[known]) {
        convs.table.renew();
        stream = convs.newStream(p.index, p.tsSec, p.tsNs, direction, sport, dport);
        convs.completeness[stream] = Completeness.SynSent;
        reusedPorts = TcpAnalysis.ReusedPorts;
      }
    }
    convs.open(p.index, stream, direction);
    recordTime(p, convs, stream);
  } else {
    stream = convs.streamOf(p.index);
    if (stream >= 0) direction = convs.directionOf(p.index);
    else {
      stream = convs.table.lookup(p, sport, dport, false);
      if (stream >= 0) direction = convs.table.direction;
    }
  }
  /** The flow (direction of the stream) of this segment, and the other one; -1 without a stream. */
  const fwd = stream >= 0 ? stream * 2 + direction : -1;
  const rev = stream >= 0 ? fwd ^ 1 : -1;

  if (p.pass === 1 && fwd >= 0 && (flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK)) {
    // A SYN/ACK with another ISN than the one known for this direction: the new one counts.
    if (convs.baseSet[fwd] && rawSeq !== convs.baseSeq[fwd]) convs.baseSeq[fwd] = rawSeq;
  }

  // ---- segment length (from the length IP reported) and relative numbers
  const repEnd = reportedEnd(p, off, end);
  const reported = repEnd - off;
  // Inside an ICMP error the segment's length is unknown (the quote is cut), as in Wireshark.
  const haveSeglen = !p.inError && reported >= hlen;
  if (!haveSeglen && !p.inError && p.verbose)
    p.expert(
      'error',
      'Malformed',
      'tcp.short_segment',
      'Short segment. Segment/fragment does not contain a full TCP header (might be NMAP or someone else deliberately sending unusual packets)',
    );
  const seglen = haveSeglen ? reported - hlen : 0;
  if (haveSeglen && p.pass === 1 && fwd >= 0) {
    if (!convs.baseSet[fwd]) {
      convs.baseSeq[fwd] = flags & TH_SYN ? rawSeq : (rawSeq - 1) >>> 0;
      convs.baseSet[fwd] = 1;
    }
    if (!convs.baseSet[rev] && flags & TH_ACK) {
      convs.baseSeq[rev] = (rawAck - 1) >>> 0;
      convs.baseSet[rev] = 1;
    }
  }
  computeNumbers(nums, convs, fwd, haveSeglen, flags, rawSeq, rawAck, rawWin);
  const seq = nums.seq;
  const ack = nums.ack;
  const win = nums.win;
  const nxtseq = haveSeglen ? (seq + seglen + (flags & (TH_SYN | TH_FIN) ? 1 : 0)) >>> 0 : 0;

  if (cols) {
    let s = ` [${tcpFlagsText(flags)}] Seq=${seq}`;
    if (flags & TH_ACK) s += ` Ack=${ack}`;
    s += ` Win=${win}`;
    p.appendInfo(s);
  }
  if (active) {
    let label = `${protoLabel(sport, dport)}, Seq: ${seq}`;
    if (hlen >= MIN_HEADER) {
      if (flags & TH_ACK) label += `, Ack: ${ack}`;
      if (haveSeglen) label += `, Len: ${seglen}`;
    }
    const shown = Math.max(0, Math.min(hlen, Math.min(end, p.data.length) - off));
    p.open(hf.proto, off, shown, null, 0, label);
    addPorts(p, off);
  }
  try {
    dissectRest(
      p,
      off,
      end,
      repEnd,
      sport,
      dport,
      hlen,
      flags,
      rawSeq,
      rawAck,
      rawWin,
      seglen,
      haveSeglen,
      nxtseq,
      isNew,
      stream,
      direction,
      reusedPorts,
    );
  } finally {
    if (active) p.close();
  }
}

function dissectRest(
  p: Packet,
  off: number,
  end: number,
  repEnd: number,
  sport: number,
  dport: number,
  hlen: number,
  flags: number,
  rawSeq: number,
  rawAck: number,
  rawWin: number,
  seglen: number,
  haveSeglen: boolean,
  nxtseq: number,
  isNew: boolean,
  stream: number,
  direction: 0 | 1,
  reusedPorts: number,
): void {
  const cols = p.cols;
  const active = p.sink.active;
  const convs = p.state.get(TCP_CONVERSATIONS);
  const fwd = stream >= 0 ? stream * 2 + direction : -1;
  const rev = stream >= 0 ? fwd ^ 1 : -1;
  const seq = nums.seq;
  const ack = nums.ack;
  const win = nums.win;
  const seen = tcpHeaderSeen;
  seen.stream = stream;
  seen.len = haveSeglen ? seglen : -1;
  seen.seq = seq;
  seen.seqRaw = rawSeq;
  if (active && stream >= 0) {
    const c = convs.completeness[stream];
    p.add(hf.stream, off, 0, stream, GENERATED);
    p.add(hf.completeness, off, 0, c, GENERATED, completenessLabel(c));
  }
  if (active && haveSeglen) p.add(hf.len, off + 12, 1, seglen, GENERATED);
  if (active) {
    const relative = haveSeglen && fwd >= 0;
    p.add(hf.seq, off + 4, 4, seq, 0, relative ? `Sequence Number: ${seq}    (relative sequence number)` : undefined);
    p.add(hf.seqRaw, off + 4, 4, rawSeq);
  }

  if (hlen < MIN_HEADER) {
    if (cols) p.appendInfo(`, bogus TCP header length (${hlen}, must be at least ${MIN_HEADER})`);
    if (active)
      p.add(hf.hdrLen, off + 12, 1, hlen, VALUE_LABEL, `${hlen} bytes (bogus, must be at least ${MIN_HEADER})`);
    if (p.verbose)
      p.expert(
        'error',
        'Protocol',
        'tcp.bogus_header_length',
        `Bogus TCP header length (${hlen}, must be at least 20)`,
      );
    return;
  }

  seen.flags = flags;
  seen.ack = ack;
  seen.ackRaw = rawAck;
  if (p.pass === 1 && stream >= 0) updateCompleteness(convs, stream, isNew, flags, seglen);
  // ---- sequence analysis (first pass; later passes read its columns)
  let analysis = 0;
  if (stream >= 0 && haveSeglen) {
    if (p.pass === 1) {
      analysis = analyzeSegment(p, convs, stream, direction, rawSeq, rawAck, seglen, flags, rawWin, reusedPorts);
    } else {
      analysis = convs.analysis.get(p.index) & ~ANALYSIS_PRESENT;
    }
  }

  if (active) {
    if (haveSeglen) {
      const label = fwd >= 0 ? `Next Sequence Number: ${nxtseq}    (relative sequence number)` : undefined;
      p.add(hf.nxtseq, off, 0, nxtseq, GENERATED, label);
    }
    const relAck = flags & TH_ACK && haveSeglen && rev >= 0;
    const ackLabel = relAck ? `Acknowledgment Number: ${ack}    (relative ack number)` : undefined;
    if (!(flags & TH_ACK) && rawAck !== 0) {
      p.open(hf.ack, off + 8, 4, ack, 0, ackLabel);
      ackNonzero(p);
      p.close();
    } else p.add(hf.ack, off + 8, 4, ack, 0, ackLabel);
    p.add(hf.ackRaw, off + 8, 4, rawAck);
    addFlagsTree(
      p,
      off,
      hlen,
      flags,
      sport,
      dport,
      flags & TH_FIN && stream >= 0 ? convs.closingInitiator[stream] : -2,
      direction,
    );
    p.add(hf.windowValue, off + 14, 2, rawWin);
    p.add(hf.window, off + 14, 2, win, GENERATED);
    if (!(flags & TH_SYN) && fwd >= 0) {
      const sf = convs.winScale[fwd];
      const label =
        sf === WSCALE_UNKNOWN
          ? 'Window size scaling factor: -1 (unknown)'
          : sf === WSCALE_NONE
            ? 'Window size scaling factor: -2 (no window scaling used)'
            : undefined;
      p.add(hf.scaleFactor, off + 14, 2, sf >= 0 ? 1 << sf : sf, GENERATED, label);
    }
  }
  if (p.pass === 1 && stream >= 0 && flags & TH_FIN && convs.closingInitiator[stream] !== (direction ^ 1))
    convs.closingInitiator[stream] = direction;
  // With a tree these notes went under their items (addFlagsTree).
  if (p.verbose && !active) {
    if (!(flags & TH_ACK) && rawAck !== 0) ackNonzero(p);
    flagExpert(p, flags & (TH_SYN | TH_FIN | TH_RST), flags, sport, dport);
    if (flags & TH_FIN && stream >= 0) closingExpert(p, convs.closingInitiator[stream], direction);
  }
  if (p.pass === 1 && stream >= 0 && flags & TH_SYN) convs.serverPort[stream] = flags & TH_ACK ? sport : dport;

  // ---- checksum (not validated, as Wireshark's default) and urgent pointer
  p.need(off, 18, end);
  if (active) {
    const sum = be16(p.data, off + 16);
    p.add(hf.checksum, off + 16, 2, sum, 0, `Checksum: 0x${sum.toString(16).padStart(4, '0')} [unverified]`);
    p.add(hf.checksumStatus, off + 16, 0, 2, GENERATED, '[Checksum Status: Unverified]');
  }
  p.need(off, 20, end);
  const urp = be16(p.data, off + 18);
  if (active) p.add(hf.urgentPointer, off + 18, 2, urp);
  if (p.verbose && !(flags & TH_URG) && urp !== 0)
    p.expert(
      'note',
      'Protocol',
      'tcp.urgent_pointer.non_zero',
      'The urgent pointer field is nonzero while the URG flag is not set',
    );
  if (cols) {
    if (flags & TH_URG) p.appendInfo(` Urg=${urp}`);
    if (haveSeglen) p.appendInfo(` Len=${seglen}`);
  }

  // ---- options
  const optlen = hlen - MIN_HEADER;
  if (optlen > 0) dissectOptions(p, off + MIN_HEADER, optlen, end, ack, convs, fwd, (flags & TH_SYN) !== 0);
  if (active && stream >= 0) addTimestamps(p, off, convs, stream);
  if (stream >= 0 && haveSeglen && p.verbose) {
    addAnalysis(p, off, convs, stream, hf);
    if (cols && analysis)
      p.prependInfoFenced(
        analysisInfoPrefix(analysis, convs.dupAckFrame.get(p.index) ?? 0, convs.dupAckNum.get(p.index) ?? 0),
      );
  }
  if (p.pass === 1 && fwd >= 0 && flags & TH_SYN) verifyWindowScaling((flags & TH_ACK) !== 0, convs, fwd);

  // ---- payload
  const payOff = off + hlen;
  const capEnd = Math.min(end, p.data.length);
  if (capEnd <= payOff) {
    // A FIN without data still ends a message that was to run until the FIN (an HTTP body without a length).
    if (flags & TH_FIN && !(flags & TH_RST) && stream >= 0 && repEnd === payOff) {
      fillSegmentInfo(stream, direction, sport, dport, flags, seq, nxtseq, ack, 0, analysis);
      dissectTcpEmptyFin(p, payOff, convs.serverPort[stream]);
    }
    return;
  }
  if (flags & TH_RST) {
    // RFC 1122: a RST may carry text explaining the reset; Wireshark shows it as text.
    if (active) p.add(hf.resetCause, payOff, capEnd - payOff);
    return;
  }
  if (active) {
    const n = repEnd - payOff;
    p.add(hf.payload, payOff, capEnd - payOff, undefined, 0, `TCP payload (${n} byte${n === 1 ? '' : 's'})`);
  }
  fillSegmentInfo(stream, direction, sport, dport, flags, seq, nxtseq, ack, repEnd - payOff, analysis);
  dissectTcpPayload(p, payOff, capEnd, stream >= 0 ? convs.serverPort[stream] : 0);
}

/** What the application layer reads about the segment (currentTcp). */
function fillSegmentInfo(
  stream: number,
  direction: 0 | 1,
  sport: number,
  dport: number,
  flags: number,
  seq: number,
  nxtseq: number,
  ack: number,
  payloadLength: number,
  analysis: number,
): void {
  const info = currentTcp;
  info.stream = stream;
  info.direction = direction;
  info.srcPort = sport;
  info.dstPort = dport;
  info.flags = flags;
  info.seq = flags & TH_SYN ? (seq + 1) >>> 0 : seq;
  info.nxtseq = flags & TH_SYN ? (nxtseq + 1) >>> 0 : nxtseq;
  info.ack = ack;
  info.payloadLength = payloadLength;
  info.analysis = analysis;
}

function computeNumbers(
  out: Numbers,
  convs: TcpConversations,
  fwd: number,
  haveSeglen: boolean,
  flags: number,
  rawSeq: number,
  rawAck: number,
  rawWin: number,
): void {
  out.seq = rawSeq;
  out.ack = rawAck;
  out.win = rawWin;
  if (!haveSeglen || fwd < 0) return;
  out.seq = (rawSeq - convs.baseSeq[fwd]) >>> 0;
  if (flags & TH_ACK) out.ack = (rawAck - convs.baseSeq[fwd ^ 1]) >>> 0;
  // SYNs are never scaled; other segments once the handshake told the shift.
  const shift = convs.winScale[fwd];
  if (!(flags & TH_SYN) && shift >= 0) out.win = rawWin * (1 << shift);
}

/**
 * After a SYN or SYN/ACK (and its options): when this side offered no Window Scale option, neither side scales;
 * a SYN/ACK with the option answering a SYN without it does not turn scaling on either.
 */
function verifyWindowScaling(isSynAck: boolean, convs: TcpConversations, fwd: number): void {
  const scale = convs.winScale;
  if (scale[fwd] === WSCALE_UNKNOWN) {
    scale[fwd] = WSCALE_NONE;
    scale[fwd ^ 1] = WSCALE_NONE;
  } else if (isSynAck && scale[fwd ^ 1] === WSCALE_NONE) {
    scale[fwd] = WSCALE_NONE;
  }
}

function updateCompleteness(
  convs: TcpConversations,
  stream: number,
  isNew: boolean,
  flags: number,
  seglen: number,
): void {
  let c = convs.completeness[stream];
  if (isNew && (flags & (TH_SYN | TH_ACK)) === TH_SYN) {
    c |= Completeness.SynSent;
    if (seglen > 0) c |= Completeness.Data; // TCP Fast Open
  }
  if ((flags & (TH_SYN | TH_ACK)) === (TH_SYN | TH_ACK)) c |= Completeness.SynAck;
  if ((flags & (TH_SYN | TH_ACK)) === TH_ACK) c |= seglen > 0 ? Completeness.Data : Completeness.Ack;
  if ((flags & (TH_FIN | TH_ACK)) === (TH_FIN | TH_ACK)) c |= Completeness.Fin;
  if (flags & TH_RST) c |= Completeness.Rst;
  convs.completeness[stream] = c;
}

function completenessLabel(c: number): string {
  const handshake = Completeness.SynSent | Completeness.SynAck | Completeness.Ack;
  let what: string;
  if (c === Completeness.SynSent) what = 'Incomplete, SYN_SENT';
  else if (c === (Completeness.SynSent | Completeness.SynAck)) what = 'Incomplete, CLIENT_ESTABLISHED';
  else if (c === handshake) what = 'Incomplete, ESTABLISHED';
  else if (c === (handshake | Completeness.Data)) what = 'Incomplete, DATA';
  else if ((c & ~(Completeness.Fin | Completeness.Rst)) === (handshake | Completeness.Data) && c & 0x30)
    what = 'Complete, WITH_DATA';
  else if ((c & ~(Completeness.Fin | Completeness.Rst)) === handshake && c & 0x30) what = 'Complete, NO_DATA';
  else what = 'Incomplete';
  return `Conversation completeness: ${what} (${c})`;
}

/**
 * First pass: remember the stream's previous packet (with a timestamp), from which tcp.time_delta is measured when
 * the packet is shown. A stream's first packet counts as its own previous one.
 */
function recordTime(p: Packet, convs: TcpConversations, stream: number): void {
  if (Number.isNaN(p.tsSec)) return;
  convs.prevInStream.set(p.index, p.index - convs.prevPacket[stream]);
  convs.prevPacket[stream] = p.index;
}

/** Nanoseconds since the previous packet of the stream (tcp.time_delta), from the packet index; 0 when none. */
function timeDeltaNs(p: Packet, convs: TcpConversations): number {
  const back = convs.prevInStream.get(p.index);
  const prev = p.index - back;
  const index = p.state.get(frameTimes).index;
  if (back === 0 || !index || prev >= index.count) return 0;
  return (p.tsSec - index.seconds(prev)) * 1e9 + (p.tsNs - index.tsNs[prev]);
}

function addTimestamps(p: Packet, off: number, convs: TcpConversations, stream: number): void {
  const firstSec = convs.firstSec[stream];
  if (Number.isNaN(p.tsSec) || Number.isNaN(firstSec)) return;
  p.text(off, 0, '[Timestamps]', true);
  const rel = timeDelta(p.tsSec, p.tsNs, firstSec, convs.firstNs[stream]);
  p.add(hf.timeRelative, off, 0, new NsTime(rel.sec, rel.ns), GENERATED);
  const v = timeDeltaNs(p, convs);
  const sec = Math.trunc(v / 1e9);
  p.add(hf.timeDelta, off, 0, new NsTime(sec, Math.round(v - sec * 1e9)), GENERATED);
  p.close();
}

function ackNonzero(p: Packet): void {
  p.expert(
    'note',
    'Protocol',
    'tcp.ack_nonzero',
    'The acknowledgment number field is nonzero while the ACK flag is not set',
  );
}

/** The notes about SYN, FIN and RST (those of `which`). */
function flagExpert(p: Packet, which: number, flags: number, sport: number, dport: number): void {
  if (which & TH_SYN) {
    const what = flags & TH_ACK ? 'Connection establish acknowledge (SYN+ACK)' : 'Connection establish request (SYN)';
    const name = flags & TH_ACK ? 'tcp.connection.synack' : 'tcp.connection.syn';
    p.expert('chat', 'Sequence', name, `${what}: server port ${flags & TH_ACK ? sport : dport}`);
  }
  if (which & TH_FIN) p.expert('chat', 'Sequence', 'tcp.connection.fin', 'Connection finish (FIN)');
  if (which & TH_RST) p.expert('warn', 'Sequence', 'tcp.connection.rst', 'Connection reset (RST)');
}

/** "This frame initiates/undergoes the connection closing": from the direction whose FIN came first. */
function closingExpert(p: Packet, closingInitiator: number, direction: 0 | 1): void {
  if (closingInitiator === (direction ^ 1))
    p.expert('note', 'Sequence', 'tcp.connection.fin_passive', 'This frame undergoes the connection closing');
  else p.expert('note', 'Sequence', 'tcp.connection.fin_active', 'This frame initiates the connection closing');
}

function addFlagsTree(
  p: Packet,
  off: number,
  hlen: number,
  flags: number,
  sport: number,
  dport: number,
  /** For a FIN of a stream: the direction that initiated the close (TcpConversations.closingInitiator); else -2. */
  closing: number,
  direction: 0 | 1,
): void {
  p.add(hf.hdrLen, off + 12, 1, hlen, VALUE_LABEL, `${hlen} bytes (${hlen >> 2})`);
  p.open(hf.flags, off + 12, 2, flags, 0, `Flags: 0x${flags.toString(16).padStart(3, '0')} (${tcpFlagsText(flags)})`);
  p.add(hf.flagsRes, off + 12, 2);
  p.add(hf.flagsAe, off + 12, 2);
  p.add(hf.flagsNs, off + 12, 2, undefined, HIDDEN);
  p.add(hf.flagsCwr, off + 12, 2);
  p.add(hf.flagsEcn, off + 12, 2);
  p.add(hf.flagsEce, off + 12, 2, undefined, HIDDEN);
  p.add(hf.flagsUrg, off + 12, 2);
  p.add(hf.flagsAck, off + 12, 2);
  p.add(hf.flagsPush, off + 12, 2);
  // The notes about SYN, FIN and RST go under their bits, as in Wireshark.
  const bit = (id: number, mask: number) => {
    if (!(flags & mask)) {
      p.add(id, off + 12, 2);
      return;
    }
    p.open(id, off + 12, 2);
    flagExpert(p, mask, flags, sport, dport);
    p.close();
  };
  bit(hf.flagsReset, TH_RST);
  bit(hf.flagsSyn, TH_SYN);
  bit(hf.flagsFin, TH_FIN);
  const letters = tcpFlagsLetters(flags);
  if (closing !== -2) {
    // Under the "[TCP Flags: …]" line: who closes the connection.
    p.open(hf.flagsStr, off + 12, 2, letters, GENERATED, `[TCP Flags: ${letters}]`);
    closingExpert(p, closing, direction);
    p.close();
  } else p.add(hf.flagsStr, off + 12, 2, letters, GENERATED, `[TCP Flags: ${letters}]`);
  p.close();
}

// ---- options -----------------------------------------------------------------------------------------------------

/**
 * Walk the options: Info text ("MSS=1460 SACK_PERM …"), tree items, and (first pass) the window scale. A bad length
 * stops the walk with an expert note, as Wireshark does; every step consumes at least one byte.
 */
function dissectOptions(
  p: Packet,
  start: number,
  length: number,
  end: number,
  ack: number,
  convs: TcpConversations,
  fwd: number,
  syn: boolean,
): void {
  const active = p.sink.active;
  const data = p.data;
  const stop = start + length;
  let mss = false;
  if (active) {
    const shown = Math.max(0, Math.min(length, data.length - start));
    p.open(hf.options, start, shown, undefined, 0, `Options: (${length} bytes)${optionNames(data, start, stop)}`);
  }
  let sackRanges = 0;
  try {
    let o = start;
    let eolSeen = false;
    while (o < stop) {
      p.need(o, 1, end);
      const kind = data[o];
      if (eolSeen && kind !== OPT_EOL) {
        p.expert('error', 'Protocol', 'tcp.non_zero_bytes_after_eol', 'Non-zero header padding');
        break;
      }
      if (kind === OPT_EOL || kind === OPT_NOP) {
        if (active) {
          const eol = kind === OPT_EOL;
          p.open(
            eol ? hf.optEol : hf.optNop,
            o,
            1,
            undefined,
            0,
            eol ? 'TCP Option - End of Option List (EOL)' : 'TCP Option - No-Operation (NOP)',
          );
          p.add(hf.optionKind, o, 1);
          p.close();
        }
        if (kind === OPT_EOL) eolSeen = true;
        o += 1;
        continue;
      }
      const olen = optionLength(data, o, stop);
      if (olen < 0) {
        if (p.verbose) p.expert('error', 'Protocol', 'tcp.option.len.invalid', badLengthText(data, o, stop));
        break;
      }
      if (kind === OPT_SACK)
        sackRanges = dissectSack(p, o, olen, end, ack, fwd >= 0 ? convs.baseSeq[fwd ^ 1] : 0, sackRanges);
      else dissectOption(p, kind, o, olen, end, convs, fwd);
      if (kind === OPT_MSS) mss = true;
      o += olen;
    }
    // Under the Options item: an MSS belongs in a SYN, and only there.
    if (syn && !mss && p.verbose)
      p.expert('note', 'Protocol', 'tcp.options.mss.absent', 'The SYN packet does not contain a MSS option');
    else if (!syn && mss && p.verbose)
      p.expert('note', 'Protocol', 'tcp.options.mss.present', 'The non-SYN packet does contain a MSS option');
  } finally {
    if (active) p.close();
  }
}

/** The length of the option at `o` (kind byte not EOL/NOP), or -1 when its length byte is missing or impossible. */
function optionLength(data: Uint8Array, o: number, stop: number): number {
  if (o + 1 >= stop || o + 1 >= data.length) return -1;
  const olen = data[o + 1];
  if (olen < 2 || o + olen > stop) return -1;
  return olen;
}

function optionName(kind: number): string {
  return OPTION_SHORT_NAMES[kind] ?? `Unknown (0x${kind.toString(16).padStart(2, '0')})`;
}

function badLengthText(data: Uint8Array, o: number, stop: number): string {
  const name = optionName(data[o]);
  if (o + 1 >= stop || o + 1 >= data.length) return `${name} (length byte past end of options)`;
  const olen = data[o + 1];
  if (olen < 2) return `${name} (with too-short option length = ${olen} byte${olen === 1 ? '' : 's'})`;
  return `${name} (option length = ${olen} bytes says option goes past end of options)`;
}

/** ", Maximum segment size, No-Operation (NOP), …" — the names the Options item lists (tree only). */
function optionNames(data: Uint8Array, start: number, stop: number): string {
  let s = '';
  let o = start;
  let eolSeen = false;
  while (o < stop && o < data.length) {
    const kind = data[o];
    if (eolSeen && kind !== OPT_EOL) break;
    if (kind === OPT_EOL || kind === OPT_NOP) {
      s += `, ${OPTION_SHORT_NAMES[kind]}`;
      if (kind === OPT_EOL) eolSeen = true;
      o += 1;
      continue;
    }
    const olen = optionLength(data, o, stop);
    if (olen < 0) break;
    s += `, ${optionName(kind)}`;
    o += olen;
  }
  return s;
}

function optionLengthOk(p: Packet, olen: number, want: number): boolean {
  if (olen === want) return true;
  if (p.verbose) p.expert('error', 'Protocol', 'tcp.option.len.invalid', `option length should be ${want}`);
  return false;
}

/** Bytes of [o, o + len) that were captured (for item lengths). */
function shownLength(p: Packet, o: number, len: number, end: number): number {
  return Math.max(0, Math.min(len, Math.min(end, p.data.length) - o));
}

/** An option's item (label known beforehand) with its Kind and Length; close it with p.close(). */
function openOption(p: Packet, id: number, o: number, olen: number, end: number, label?: string): void {
  p.open(id, o, shownLength(p, o, olen, end), undefined, 0, label);
  p.add(hf.optionKind, o, 1);
  p.add(hf.optionLen, o + 1, 1);
}

function dissectOption(
  p: Packet,
  kind: number,
  o: number,
  olen: number,
  end: number,
  convs: TcpConversations,
  fwd: number,
): void {
  const active = p.sink.active;
  const cols = p.cols;
  const d = p.data;
  switch (kind) {
    case OPT_MSS: {
      const ok = olen === 4;
      if (ok) p.need(o, 4, end);
      const mss = ok ? be16(d, o + 2) : 0;
      if (active) {
        openOption(p, hf.optMss, o, olen, end, ok ? `TCP Option - Maximum segment size: ${mss} bytes` : undefined);
        if (ok) p.add(hf.mssVal, o + 2, 2);
        p.close();
      }
      if (!optionLengthOk(p, olen, 4)) return;
      if (cols) p.appendInfo(` MSS=${mss}`);
      return;
    }
    case OPT_WSCALE: {
      const ok = olen === 3;
      if (ok) p.need(o, 3, end);
      const raw = ok ? p.data[o + 2] : 0;
      const shift = raw > 14 ? 14 : raw;
      if (active) {
        const label = ok ? `TCP Option - Window scale: ${raw} (multiply by ${1 << shift})` : undefined;
        openOption(p, hf.optWscale, o, olen, end, label);
        if (ok) {
          p.add(hf.wscaleShift, o + 2, 1);
          p.add(hf.wscaleMultiplier, o + 2, 1, 1 << shift, GENERATED);
        }
        p.close();
      }
      if (!optionLengthOk(p, olen, 3)) return;
      if (raw > 14 && p.verbose)
        p.expert('warn', 'Protocol', 'tcp.option.wscale.shift.invalid', 'Window scale shift exceeds 14');
      if (cols) p.appendInfo(` WS=${1 << shift}`);
      if (p.pass === 1 && fwd >= 0) convs.winScale[fwd] = shift;
      return;
    }
    case OPT_SACK_PERM:
      if (active) {
        openOption(p, hf.optSackPerm, o, olen, end, 'TCP Option - SACK permitted');
        p.close();
      }
      if (cols) p.appendInfo(' SACK_PERM');
      optionLengthOk(p, olen, 2);
      return;
    case OPT_TIMESTAMP: {
      const ok = olen === 10;
      if (ok) p.need(o, 10, end);
      const tsval = ok ? be32(d, o + 2) : 0;
      const tsecr = ok ? be32(d, o + 6) : 0;
      if (active) {
        const label = ok ? `TCP Option - Timestamps: TSval ${tsval}, TSecr ${tsecr}` : undefined;
        openOption(p, hf.optTimestamp, o, olen, end, label);
        if (ok) {
          p.add(hf.tsval, o + 2, 4);
          p.add(hf.tsecr, o + 6, 4);
        }
        p.close();
      }
      if (!optionLengthOk(p, olen, 10)) return;
      if (cols) p.appendInfo(` TSval=${tsval} TSecr=${tsecr}`);
      return;
    }
    case OPT_ECHO:
    case OPT_ECHOREPLY: {
      const ok = olen === 6;
      if (ok) p.need(o, 6, end);
      const v = ok ? be32(d, o + 2) : 0;
      if (active) {
        openOption(p, hf.optEcho, o, olen, end, ok ? `TCP Option - Echo: ${v}` : undefined);
        if (ok) p.add(hf.echoValue, o + 2, 4);
        p.close();
      }
      if (!optionLengthOk(p, olen, 6)) return;
      if (cols) p.appendInfo(` ECHO=${v}`);
      return;
    }
    case OPT_TFO:
      if (active) openOption(p, hf.optTfo, o, olen, end);
      try {
        tfoPayload(p, o, olen, end);
      } finally {
        if (active) p.close();
      }
      return;
    case OPT_EXP_FD:
    case OPT_EXP_FE: {
      const tfo = olen >= 4 && o + 4 <= Math.min(end, p.data.length) && be16(d, o + 2) === EXID_TFO;
      if (active) openOption(p, hf.optExp, o, olen, end, tfo ? 'TCP Option - Experimental: Fast Open' : undefined);
      try {
        if (olen >= 4) {
          p.need(o + 2, 2, end);
          const magic = be16(d, o + 2);
          if (active) p.add(magic === EXID_TFO ? hf.expExid : hf.expMagic, o + 2, 2);
          if (magic === EXID_TFO) tfoPayload(p, o + 2, olen - 2, end);
          else if (active && olen > 4) p.add(hf.expData, o + 4, shownLength(p, o + 4, olen - 4, end));
        } else if (active && olen > 2) {
          p.add(hf.expData, o + 2, shownLength(p, o + 2, olen - 2, end));
        }
      } finally {
        if (active) p.close();
      }
      return;
    }
    case OPT_MPTCP: {
      // Multipath TCP is named, not analysed: the Protocol column says MPTCP as in Wireshark.
      p.setProtocol('MPTCP');
      if (active) {
        const sub = olen >= 3 && o + 2 < Math.min(end, p.data.length) ? p.data[o + 2] >> 4 : -1;
        const label =
          sub >= 0
            ? `Multipath Transmission Control Protocol: ${MPTCP_SUBTYPES[sub] ?? `Unknown (${sub})`}`
            : 'Multipath Transmission Control Protocol';
        p.open(hfMptcp.proto, o, shownLength(p, o, olen, end), null, 0, label);
        p.add(hf.optionKind, o, 1);
        p.add(hf.optionLen, o + 1, 1);
        if (sub >= 0) p.add(hf.mptcpSubtype, o + 2, 1);
        p.close();
      }
      return;
    }
    case OPT_MD5:
      if (active) {
        openOption(p, hf.optMd5, o, olen, end);
        p.close();
      }
      return;
    default:
      if (active) {
        openOption(p, hf.optUnknown, o, olen, end);
        if (olen > 2) p.add(hf.unknownPayload, o + 2, shownLength(p, o + 2, olen - 2, end));
        p.close();
      }
  }
}

/** TCP Fast Open: a cookie request when there is no cookie (length 2), otherwise the cookie. */
function tfoPayload(p: Packet, o: number, len: number, end: number): void {
  if (len === 2) {
    if (p.sink.active) p.add(hf.tfoRequest, o, 2, null);
    p.appendInfo(' TFO=R');
  } else if (len > 2) {
    if (p.sink.active) p.add(hf.tfoCookie, o + 2, shownLength(p, o + 2, len - 2, end));
    p.appendInfo(' TFO=C');
  }
}

/** a ≤ b in sequence space (with wrap-around). */
const seqLe = (a: number, b: number) => ((a - b) | 0) <= 0;

/**
 * RFC 2883: a first SACK block below the ACK number, or inside the second block, reports a duplicate segment
 * (D-SACK), which Wireshark shows with a warning.
 */
function dsack(p: Packet, o: number, d: Uint8Array, base: number, ack: number, blocks: number): void {
  const le0 = (be32(d, o + 2) - base) >>> 0;
  const re0 = (be32(d, o + 6) - base) >>> 0;
  let is = seqLe(re0, ack);
  if (!is && blocks > 1) {
    const le1 = (be32(d, o + 10) - base) >>> 0;
    const re1 = (be32(d, o + 14) - base) >>> 0;
    is = seqLe(le1, le0) && seqLe(re0, re1);
  }
  if (!is) return;
  if (p.sink.active) {
    p.add(hf.dsackLe, o + 2, 4, le0, GENERATED, `[D-SACK Left Edge = ${le0} (relative)]`);
    p.add(hf.dsackRe, o + 6, 4, re0, GENERATED, `[D-SACK Right Edge = ${re0} (relative)]`);
    p.open(hf.dsack, o + 2, 8, null, 0, 'D-SACK Sequence');
  }
  p.expert('warn', 'Sequence', 'tcp.options.sack.dsack', 'D-SACK Sequence');
  if (p.sink.active) p.close();
}

/**
 * SACK blocks, relative to the other direction's base sequence number. As in Wireshark, a SACK option without any
 * complete block makes the D-SACK check read past the option, which marks the packet malformed.
 */
function dissectSack(
  p: Packet,
  o: number,
  olen: number,
  end: number,
  ack: number,
  /** The other direction's base sequence number (0 without a stream). */
  base: number,
  rangesBefore: number,
): number {
  const active = p.sink.active;
  const cols = p.cols;
  const blocks = Math.floor((olen - 2) / 8);
  p.need(o, 2 + blocks * 8, end);
  const d = p.data;
  if (active) {
    let label = 'TCP Option - SACK';
    for (let i = 0; i < blocks; i++) {
      const q = o + 2 + 8 * i;
      label += ` ${(be32(d, q) - base) >>> 0}-${(be32(d, q + 4) - base) >>> 0}`;
    }
    openOption(p, hf.optSack, o, olen, end, label);
  }
  try {
    for (let i = 0; i < blocks; i++) {
      const q = o + 2 + 8 * i;
      const le = (be32(d, q) - base) >>> 0;
      const re = (be32(d, q + 4) - base) >>> 0;
      if (active) {
        p.add(hf.sackLe, q, 4, le, 0, `left edge = ${le} (relative)`);
        p.add(hf.sackRe, q + 4, 4, re, 0, `right edge = ${re} (relative)`);
      }
      if (cols) p.appendInfo(` SLE=${le} SRE=${re}`);
    }
    const rest = (olen - 2) % 8;
    if (rest) {
      // A left edge without its right edge, or a piece of one.
      if (active && rest >= 4) {
        const q = o + 2 + 8 * blocks;
        p.need(q, 4, end);
        const le = (be32(d, q) - base) >>> 0;
        p.add(hf.sackLe, q, 4, le, 0, `left edge = ${le} (relative)`);
      }
      p.expert('error', 'Malformed', 'tcp.suboption_malformed', 'suboption would go past end of option');
    }
    if (active) p.add(hf.sackCount, o, 0, blocks, GENERATED);
    if (blocks > 0 && rangesBefore === 0 && p.verbose) dsack(p, o, d, base, ack, blocks);
    // The D-SACK test compares the first block's right edge (0 when there is none) with the ACK number.
    if (rangesBefore + blocks === 0 && ack <= 0x80000000) throw new MalformedError('SACK option without blocks');
  } finally {
    if (active) p.close();
  }
  return rangesBefore + blocks;
}

ipProtos.add(6, dissectTcp);
