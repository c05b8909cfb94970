// UDP (RFC 768): the header, the conversation (stream) index, and hand-off of the payload by port, lower port first.
import { ipProtos, udpHeuristics, udpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, be16 } from '../packet';
import { declare } from '../registry';
import { GENERATED, HIDDEN, NsTime } from '../sinks';
import { timeDelta } from '../time';
import { stateKey } from '../state';
import { ConversationTable, PacketColumnF64 } from '../../flows/conversations';
import { dissectData } from './data';

export const hf = declare('udp', 'User Datagram Protocol', 'UDP', {
  srcport: { abbrev: 'udp.srcport', name: 'Source Port', type: 'uint' },
  dstport: { abbrev: 'udp.dstport', name: 'Destination Port', type: 'uint' },
  port: { abbrev: 'udp.port', name: 'Source or Destination Port', type: 'uint' },
  length: {
    abbrev: 'udp.length',
    name: 'Length',
    type: 'uint',
    description: 'Length in octets including this header and the data',
  },
  checksum: { abbrev: 'udp.checksum', name: 'Checksum', type: 'uint', base: 'hex', bits: 16 },
  checksumStatus: {
    abbrev: 'udp.checksum.status',
    name: 'Checksum Status',
    type: 'uint',
    base: 'none',
    strings: { 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' },
  },
  stream: { abbrev: 'udp.stream', name: 'Stream index', type: 'uint' },
  payload: { abbrev: 'udp.payload', name: 'Payload', type: 'bytes' },
  timeRelative: { abbrev: 'udp.time_relative', name: 'Time since first frame', type: 'rel_time' },
  timeDelta: { abbrev: 'udp.time_delta', name: 'Time since previous frame', type: 'rel_time' },
});

const UDP_CONVERSATIONS = stateKey('udp.conversations', () => new ConversationTable());

/** Times of each UDP stream (first pass), for the "[Timestamps]" of its packets. */
class UdpTimes {
  /** Per stream: time of its first and of its latest packet (seconds, nanoseconds). */
  readonly first: number[] = [];
  readonly prev: number[] = [];
  /** Per packet: nanoseconds since the previous packet of its stream (0 when none). */
  readonly deltaNs = new PacketColumnF64();
}
const UDP_TIMES = stateKey('udp.times', () => new UdpTimes());

/** First pass: remember when the stream began and the time since its previous packet. */
function recordTime(p: Packet, stream: number): void {
  // A packet without a timestamp counts as time zero, as in Wireshark.
  const sec = Number.isNaN(p.tsSec) ? 0 : p.tsSec;
  const ns = Number.isNaN(p.tsSec) ? 0 : p.tsNs;
  const t = p.state.get(UDP_TIMES);
  if (t.first[2 * stream] === undefined) {
    t.first[2 * stream] = sec;
    t.first[2 * stream + 1] = ns;
  } else {
    const v = (sec - t.prev[2 * stream]) * 1e9 + (ns - t.prev[2 * stream + 1]);
    if (v !== 0) t.deltaNs.set(p.index, v);
  }
  t.prev[2 * stream] = sec;
  t.prev[2 * stream + 1] = ns;
}

/** "[Timestamps]": time since the stream's first packet and since its previous one (tree only). */
function addTimestamps(p: Packet, off: number, stream: number): void {
  const t = p.state.get(UDP_TIMES);
  const firstSec = t.first[2 * stream];
  if (firstSec === undefined) return;
  p.text(off, 0, '[Timestamps]', true);
  const noTime = Number.isNaN(p.tsSec);
  const rel = timeDelta(noTime ? 0 : p.tsSec, noTime ? 0 : p.tsNs, firstSec, t.first[2 * stream + 1]);
  p.add(hf.timeRelative, off, 0, new NsTime(rel.sec, rel.ns), GENERATED);
  const v = t.deltaNs.get(p.index);
  const sec = Math.trunc(v / 1e9);
  p.add(hf.timeDelta, off, 0, new NsTime(sec, Math.round(v - sec * 1e9)), GENERATED);
  p.close();
}

/** The udp.stream of the packet being dissected (valid after dissectUdp ran in this packet), or -1. */
export let currentUdpStream = -1;

// ---- the header ----------------------------------------------------------------------------------------------

/** The length the layer below reported for these bytes, even where the capture cut them short. */
function reportedEnd(p: Packet, end: number): number {
  // Bytes missing from a truncated capture count as reported, as in Wireshark's reported length.
  if (end >= p.data.length && p.sourceIndex === 0 && p.origLen > p.capLen) return end + (p.origLen - p.capLen);
  return end;
}

export function dissectUdp(p: Packet, off: number, end: number): void {
  p.need(off, 8, end);
  const d = p.data;
  const sport = be16(d, off);
  const dport = be16(d, off + 2);
  let ulen = be16(d, off + 4);
  const sum = be16(d, off + 6);
  p.addLayer('udp');
  currentUdpStream = -1;
  // Inside an ICMP error the columns belong to ICMP.
  const inError = p.inError;
  if (!inError) p.setProtocol('UDP');
  p.srcPort = sport;
  p.dstPort = dport;
  const reported = reportedEnd(p, end) - off;
  let jumbo = false;
  if (ulen === 0 && p.netType === AddrType.IPv6) {
    ulen = reported;
    jumbo = true;
  }
  const fragmented = p.fragmented;
  const active = p.sink.active;
  const cols = p.cols !== null && !inError;
  if (cols) p.setInfo(`${sport} \u2192 ${dport}`);
  if (active) {
    p.open(hf.proto, off, 8, null, 0, `User Datagram Protocol, Src Port: ${sport}, Dst Port: ${dport}`);
    p.add(hf.srcport, off, 2);
    p.add(hf.dstport, off + 2, 2);
    p.add(hf.port, off, 2, undefined, HIDDEN);
    p.add(hf.port, off + 2, 2, undefined, HIDDEN);
  }
  if (ulen < 8) {
    if (active) {
      p.add(hf.length, off + 4, 2, ulen, 0, `Length: ${ulen} (bogus, must be >= 8)`);
      p.close();
    }
    p.expert('error', 'Malformed', 'udp.length.bad', `Bad length value ${ulen} < 8`);
    if (cols) p.appendInfo(` [BAD UDP LENGTH ${ulen} < 8]`);
    return;
  }
  const tooLong = ulen > reported && !fragmented && !inError;
  if (active) {
    const label = tooLong ? `Length: ${ulen} (bogus, payload length ${reported})` : undefined;
    p.add(hf.length, off + 4, 2, ulen, 0, label);
  }
  if (tooLong) {
    p.expert('error', 'Malformed', 'udp.length.bad', `Bad length value ${ulen} > IP payload length`);
    if (cols) p.appendInfo(` [BAD UDP LENGTH ${ulen} > IP PAYLOAD LENGTH]`);
  }
  if (cols) p.appendInfo(` Len=${ulen - 8}${jumbo ? ' [Jumbogram]' : ''}`);

  // Checksum: Wireshark does not verify it by default; zero means "none" over IPv4 and is illegal over IPv6.
  let status = 2;
  if (sum === 0) {
    if (p.netType === AddrType.IPv6 && !inError) {
      status = 4;
      p.expert('error', 'Checksum', 'udp.checksum.zero', 'Illegal checksum value (0)');
      if (cols) p.appendInfo(' [ILLEGAL CHECKSUM (0)]');
    } else {
      status = 3;
    }
  }
  if (active) {
    const hexSum = '0x' + sum.toString(16).padStart(4, '0');
    const note = sum !== 0 ? ' [unverified]' : status === 3 ? ' [zero-value ignored]' : ' [zero-value illegal]';
    p.add(hf.checksum, off + 6, 2, sum, 0, `Checksum: ${hexSum}${note}`);
    p.add(hf.checksumStatus, off + 6, 0, status, GENERATED);
  }

  const conversations = p.state.get(UDP_CONVERSATIONS);
  const stream = conversations.lookup(p, sport, dport, p.pass === 1);
  currentUdpStream = stream;
  if (p.pass === 1 && stream >= 0 && !inError) recordTime(p, stream);
  if (active && stream >= 0) {
    p.add(hf.stream, off + 8, 0, stream, GENERATED);
    if (!inError) addTimestamps(p, off + 8, stream);
  }

  if (ulen === 8) {
    if (active) p.close();
    return;
  }
  // The payload ends where the UDP length says, or earlier when the packet does.
  const payloadEnd = Math.min(end, off + ulen);
  const payloadOff = off + 8;
  if (active) {
    const n = Math.max(0, Math.min(payloadEnd, p.data.length) - payloadOff);
    p.add(hf.payload, payloadOff, n, undefined, 0, `UDP payload (${n} byte${n === 1 ? '' : 's'})`);
    p.close();
  }
  decodeUdpPorts(p, payloadOff, payloadEnd, sport, dport);
}

/** Hand the payload to the dissector of the lower port, then the higher one, then heuristics, else data. */
export function decodeUdpPorts(p: Packet, off: number, end: number, sport: number, dport: number): void {
  const low = sport > dport ? dport : sport;
  const high = sport > dport ? sport : dport;
  if (low !== 0 && udpPorts.call(low, p, off, end)) return;
  if (high !== 0 && high !== low && udpPorts.call(high, p, off, end)) return;
  if (udpHeuristics.call(p, off, end)) return;
  dissectData(p, off, end);
}

ipProtos.add(17, dissectUdp);
