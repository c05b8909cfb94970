// Internet Control Message Protocol (RFC 792): types and codes, checksum, echo request/reply pairing (first pass),
// and the datagram quoted inside error messages.
import { ipProtos } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, BoundsError, MalformedError } from '../packet';
import { addChecksum, CHECKSUM_STATUS, foldSum, onesSum } from '../checksum';
import { declare } from '../registry';
import { GENERATED, NsTime } from '../sinks';
import { timeDelta } from '../time';
import { frameTimes } from './frame';
import { stateKey } from '../state';
import { dissectData } from './data';
import { dissectIp } from './ip';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  0: 'Echo (ping) reply',
  1: 'Reserved',
  2: 'Reserved',
  3: 'Destination unreachable',
  4: 'Source quench (flow control)',
  5: 'Redirect',
  6: 'Alternate host address',
  8: 'Echo (ping) request',
  9: 'Router advertisement',
  10: 'Router solicitation',
  11: 'Time-to-live exceeded',
  12: 'Parameter problem',
  13: 'Timestamp request',
  14: 'Timestamp reply',
  15: 'Information request',
  16: 'Information reply',
  17: 'Address mask request',
  18: 'Address mask reply',
  19: 'Reserved (for security)',
  30: 'Traceroute',
  31: 'Datagram Conversion Error',
  32: 'Mobile Host Redirect',
  33: 'IPv6 Where-Are-You',
  34: 'IPv6 I-Am-Here',
  35: 'Mobile Registration Request',
  36: 'Mobile Registration Reply',
  37: 'Domain Name Request',
  38: 'Domain Name Reply',
  39: 'SKIP',
  40: 'Photuris',
  41: 'Experimental mobility protocols',
  42: 'Extended Echo request',
  43: 'Extended Echo reply',
  253: 'RFC3692-style Experiment 1',
  254: 'RFC3692-style Experiment 2',
};

const UNREACH_CODES: Readonly<Record<number, string>> = {
  0: 'Network unreachable',
  1: 'Host unreachable',
  2: 'Protocol unreachable',
  3: 'Port unreachable',
  4: 'Fragmentation needed',
  5: 'Source route failed',
  6: 'Destination network unknown',
  7: 'Destination host unknown',
  8: 'Source host isolated',
  9: 'Network administratively prohibited',
  10: 'Host administratively prohibited',
  11: 'Network unreachable for TOS',
  12: 'Host unreachable for TOS',
  13: 'Communication administratively filtered',
  14: 'Host precedence violation',
  15: 'Precedence cutoff in effect',
};
const REDIRECT_CODES: Readonly<Record<number, string>> = {
  0: 'Redirect for network',
  1: 'Redirect for host',
  2: 'Redirect for TOS and network',
  3: 'Redirect for TOS and host',
};
const TIMEX_CODES: Readonly<Record<number, string>> = {
  0: 'Time to live exceeded in transit',
  1: 'Fragment reassembly time exceeded',
};
const PARAMPROB_CODES: Readonly<Record<number, string>> = {
  0: 'Pointer indicates the error',
  1: 'Required option missing',
  2: 'Bad length',
};
const RTRADV_CODES: Readonly<Record<number, string>> = {
  0: 'Normal router advertisement',
  16: 'Does not route common traffic',
};
const PHOTURIS_CODES: Readonly<Record<number, string>> = {
  0: 'Bad SPI',
  1: 'Authentication Failed',
  2: 'Decompression Failed',
  3: 'Decryption Failed',
  4: 'Need Authentication',
  5: 'Need Authorization',
};

function codeName(type: number, code: number): string {
  let table: Readonly<Record<number, string>> | undefined;
  switch (type) {
    case 3:
      table = UNREACH_CODES;
      break;
    case 5:
      table = REDIRECT_CODES;
      break;
    case 9:
      table = RTRADV_CODES;
      break;
    case 11:
      table = TIMEX_CODES;
      break;
    case 12:
      table = PARAMPROB_CODES;
      break;
    case 40:
      table = PHOTURIS_CODES;
      break;
    default:
      return '';
  }
  return table[code] ?? 'Unknown code';
}

export const hf = declare('icmp', 'Internet Control Message Protocol', 'ICMP', {
  type: { abbrev: 'icmp.type', name: 'Type', type: 'uint', strings: TYPE_NAMES },
  code: { abbrev: 'icmp.code', name: 'Code', type: 'uint' },
  checksum: { abbrev: 'icmp.checksum', name: 'Checksum', type: 'uint', base: 'hex', bits: 16 },
  checksumStatus: {
    abbrev: 'icmp.checksum.status',
    name: 'Checksum Status',
    type: 'uint',
    base: 'none',
    strings: CHECKSUM_STATUS,
  },
  ident: { abbrev: 'icmp.ident', name: 'Identifier (BE)', type: 'uint', base: 'dec_hex', bits: 16 },
  identLe: { abbrev: 'icmp.ident_le', name: 'Identifier (LE)', type: 'uint', base: 'dec_hex', bits: 16 },
  seq: { abbrev: 'icmp.seq', name: 'Sequence Number (BE)', type: 'uint', base: 'dec_hex', bits: 16 },
  seqLe: { abbrev: 'icmp.seq_le', name: 'Sequence Number (LE)', type: 'uint', base: 'dec_hex', bits: 16 },
  respIn: { abbrev: 'icmp.resp_in', name: 'Response frame', type: 'framenum' },
  respTo: { abbrev: 'icmp.resp_to', name: 'Request frame', type: 'framenum' },
  noResp: { abbrev: 'icmp.no_resp', name: 'No response seen', type: 'none' },
  resptime: { abbrev: 'icmp.resptime', name: 'Response time', type: 'double', unit: 'ms' },
  dataTime: { abbrev: 'icmp.data_time', name: 'Timestamp from icmp data', type: 'abs_time' },
  dataTimeRelative: {
    abbrev: 'icmp.data_time_relative',
    name: 'Timestamp from icmp data (relative)',
    type: 'rel_time',
  },
  unused: { abbrev: 'icmp.unused', name: 'Unused', type: 'bytes' },
  pointer: { abbrev: 'icmp.pointer', name: 'Pointer', type: 'uint' },
  redirGw: { abbrev: 'icmp.redir_gw', name: 'Gateway address', type: 'ipv4' },
  mtu: { abbrev: 'icmp.mtu', name: 'MTU of next hop', type: 'uint' },
  length: { abbrev: 'icmp.length', name: 'Length', type: 'uint' },
  numAddrs: { abbrev: 'icmp.num_addrs', name: 'Number of addresses', type: 'uint' },
  addrEntrySize: { abbrev: 'icmp.addr_entry_size', name: 'Address entry size', type: 'uint' },
  lifetime: { abbrev: 'icmp.lifetime', name: 'Lifetime', type: 'uint' },
  routerAddr: { abbrev: 'icmp.router_address', name: 'Router address', type: 'ipv4' },
  prefLevel: { abbrev: 'icmp.pref_level', name: 'Preference level', type: 'int' },
  originateTs: { abbrev: 'icmp.originate_timestamp', name: 'Originate timestamp', type: 'uint' },
  receiveTs: { abbrev: 'icmp.receive_timestamp', name: 'Receive timestamp', type: 'uint' },
  transmitTs: { abbrev: 'icmp.transmit_timestamp', name: 'Transmit timestamp', type: 'uint' },
  addressMask: { abbrev: 'icmp.address_mask', name: 'Address Mask', type: 'ipv4' },
});

// ---- echo request/reply pairing (shared with ICMPv6) ----------------------------------------------------------

/**
 * Pairs echo requests with replies in the first pass. Keys are numbers only: the identifier and sequence number,
 * and a hash of the two addresses taken in a fixed order (the same in both directions).
 */
export class EchoPairs {
  /** (id << 16 | seq) → address-pair hash → packetIndex of the latest request not yet answered. */
  private readonly open = new Map<number, Map<number, number>>();
  /** request packetIndex → reply packetIndex. */
  private readonly replyOf = new Map<number, number>();
  /** reply packetIndex → request packetIndex. */
  private readonly requestOf = new Map<number, number>();

  request(idseq: number, addrs: number, index: number): void {
    let m = this.open.get(idseq);
    if (!m) {
      m = new Map();
      this.open.set(idseq, m);
    }
    m.set(addrs, index);
  }

  reply(idseq: number, addrs: number, index: number): void {
    const m = this.open.get(idseq);
    const req = m?.get(addrs);
    if (req === undefined || req >= index) return;
    if (!this.replyOf.has(req)) this.replyOf.set(req, index);
    this.requestOf.set(index, req);
  }

  /** packetIndex of the reply to this request, or -1. */
  replyTo(index: number): number {
    return this.replyOf.get(index) ?? -1;
  }

  /** packetIndex of the request this reply answers, or -1. */
  requestFor(index: number): number {
    return this.requestOf.get(index) ?? -1;
  }

  /**
   * Record an echo request or reply (first pass) and, when text is wanted, find its partner: the partner's
   * packetIndex (-1 when none) and Wireshark's " (reply in N)" / " (no response found!)" / " (request in N)" note.
   * `idseq` is the identifier and sequence number as one 32-bit number.
   */
  pair(p: Packet, isRequest: boolean, idseq: number): { partner: number; text: string } {
    if (p.pass === 1) {
      const addrs = addressPairHash(p);
      if (isRequest) this.request(idseq, addrs, p.index);
      else this.reply(idseq, addrs, p.index);
    }
    if (!p.verbose) return NO_PARTNER;
    if (isRequest) {
      const partner = this.replyTo(p.index);
      return { partner, text: partner >= 0 ? ` (reply in ${partner + 1})` : ' (no response found!)' };
    }
    const partner = this.requestFor(p.index);
    return { partner, text: partner >= 0 ? ` (request in ${partner + 1})` : '' };
  }
}

const NO_PARTNER = { partner: -1, text: '' } as const;

/** A hash of the packet's network addresses, equal in both directions (no allocation). */
export function addressPairHash(p: Packet): number {
  const d = p.netData;
  const n = p.netType === AddrType.IPv6 ? 16 : 4;
  const a = p.netSrcOff;
  const b = p.netDstOff;
  // Order the two addresses bytewise so that both directions hash alike.
  let swap = false;
  for (let i = 0; i < n; i++) {
    if (d[a + i] !== d[b + i]) {
      swap = d[a + i] > d[b + i];
      break;
    }
  }
  const lo = swap ? b : a;
  const hi = swap ? a : b;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < n; i++) {
    h1 = Math.imul(h1 ^ d[lo + i], 0x01000193);
    h2 = Math.imul(h2 ^ d[hi + i], 0x5bd1e995) ^ (h2 >>> 15);
  }
  for (let i = 0; i < n; i++) h1 = Math.imul(h1 ^ d[hi + i], 0x01000193);
  // 53 bits: 21 from one hash, 32 from the other.
  return (h1 >>> 11) * 0x100000000 + (h2 >>> 0);
}

export const ICMP_ECHO = stateKey('icmp.echo', () => new EchoPairs());

// ---- the datagram inside an error message --------------------------------------------------------------------

/**
 * Dissect the quoted datagram of an ICMP/ICMPv6 error with the packet's columns and addresses kept as they were:
 * the row shows the error, not the packet it quotes. Bytes missing from the quote are not an error of this packet.
 */
export function dissectQuoted(p: Packet, fn: () => void): void {
  const cols = p.cols;
  const savedCols = cols ? { ...cols } : null;
  const savedProtocol = p.protocol;
  const srcType = p.srcType;
  const dstType = p.dstType;
  const netType = p.netType;
  const netData = p.netData;
  const netSrcOff = p.netSrcOff;
  const netDstOff = p.netDstOff;
  const netSrc4 = p.netSrc4;
  const netDst4 = p.netDst4;
  const savedInError = p.inError;
  const srcPort = p.srcPort;
  const dstPort = p.dstPort;
  p.inError = true;
  try {
    fn();
  } catch (e) {
    if (!(e instanceof BoundsError || e instanceof MalformedError)) throw e;
  } finally {
    p.inError = savedInError;
    if (cols && savedCols) Object.assign(cols, savedCols);
    p.protocol = savedProtocol;
    p.srcType = srcType;
    p.dstType = dstType;
    p.netType = netType;
    p.netData = netData;
    p.netSrcOff = netSrcOff;
    p.netDstOff = netDstOff;
    p.netSrc4 = netSrc4;
    p.netDst4 = netDst4;
    p.srcPort = srcPort;
    p.dstPort = dstPort;
  }
}

// ---- ICMP ----------------------------------------------------------------------------------------------------

/** The TTL of the IPv4 header that carried this ICMP message (set by the caller through the packet's data). */
function ipTtl(p: Packet): number {
  // The IPv4 header precedes the ICMP message in the same buffer only when it was not reassembled; read it from
  // netData, where IP recorded its addresses (source address at +12 from the header start).
  if (p.netType !== AddrType.IPv4) return -1;
  return p.netData[p.netSrcOff - 4] ?? -1;
}

function padType(s: string): string {
  return s.length >= 20 ? s : s + ' '.repeat(20 - s.length);
}

export function dissectIcmp(p: Packet, off: number, end: number): void {
  p.addLayer('icmp');
  p.setProtocol('ICMP');
  p.setInfo('');
  p.need(off, 4, end);
  const type = p.data[off];
  const code = p.data[off + 1];
  const typeName = TYPE_NAMES[type] ?? 'Unknown ICMP (obsolete or malformed?)';
  const cname = codeName(type, code);
  const isEcho = type === 0 || type === 8;
  let pairText = '';
  /** The echo request (for a reply) or reply (for a request) of this packet: packetIndex, or -1. */
  let partner = -1;
  if (isEcho && !p.inError && end - off >= 8) {
    ({ partner, text: pairText } = p.state.get(ICMP_ECHO).pair(p, type === 8, p.dv.getUint32(off + 4)));
  }
  if (p.cols) {
    let info = padType(typeName);
    if (cname) info += ` (${cname})`;
    if (isEcho && end - off >= 8) {
      const id = p.dv.getUint16(off + 4);
      const seqBe = p.dv.getUint16(off + 6);
      const seqLe = p.dv.getUint16(off + 6, true);
      info += ` id=0x${id.toString(16).padStart(4, '0')}, seq=${seqBe}/${seqLe}`;
      const ttl = ipTtl(p);
      if (ttl >= 0) info += `, ttl=${ttl}`;
      info += pairText;
    }
    p.setInfo(info);
  }
  const depth = p.openDepth;
  if (p.sink.active) {
    addFields(p, off, end, type, code, typeName, cname);
    if (isEcho && !p.inError && end - off >= 8) addEchoPair(p, off, type, partner);
  }
  try {
    // The body after the 8-byte header: under the ICMP item, as in Wireshark.
    const body = off + 8;
    switch (type) {
      case 3:
      case 4:
      case 5:
      case 11:
      case 12: {
        if (body < end && body < p.data.length) {
          const quoteEnd = Math.min(end, p.data.length);
          p.nest(() => dissectQuoted(p, () => dissectIp(p, body, quoteEnd, { inError: true })));
        }
        return;
      }
      case 0:
      case 8: {
        const data = p.sink.active && !p.inError ? echoTimestamp(p, body, end) : body;
        if (data < end) p.nest(() => dissectData(p, data, end));
        return;
      }
      default:
        return;
    }
  } finally {
    p.unwind(depth);
  }
}

/** "[Response frame: N]", or "[Request frame: N]" and "[Response time: x ms]" (tree only). */
function addEchoPair(p: Packet, off: number, type: number, partner: number): void {
  if (type === 8) {
    if (partner >= 0) p.add(hf.respIn, off, 0, partner + 1, GENERATED);
    else p.add(hf.noResp, off, 0, null, GENERATED);
    return;
  }
  if (partner < 0) return;
  p.add(hf.respTo, off, 0, partner + 1, GENERATED);
  const index = p.state.get(frameTimes).index;
  if (!index || Number.isNaN(p.tsSec)) return;
  const t = timeDelta(p.tsSec, p.tsNs, index.seconds(partner), index.tsNs[partner]);
  const ms = t.sec * 1e3 + t.ns / 1e6;
  p.add(hf.resptime, off, 0, ms, GENERATED, `[Response time: ${ms.toFixed(3)} ms]`);
}

const DAY = 24 * 3600;

/**
 * An echo's data often starts with the sender's clock (ping's struct timeval: 32-bit seconds and microseconds, in
 * either byte order). Like Wireshark, take it when the seconds are within a day of the packet's own time; returns
 * where the data after it starts.
 */
function echoTimestamp(p: Packet, body: number, end: number): number {
  if (end - body < 8 || body + 8 > p.data.length || Number.isNaN(p.tsSec)) return body;
  const dv = p.dv;
  let sec = dv.getUint32(body);
  let usec = dv.getUint32(body + 4);
  if (!(sec > p.tsSec - DAY && sec < p.tsSec + DAY)) {
    sec = dv.getUint32(body, true);
    usec = dv.getUint32(body + 4, true);
    if (!(sec > p.tsSec - DAY && sec < p.tsSec + DAY)) return body;
  }
  if (usec >= 1e6) return body;
  const ns = usec * 1000;
  p.add(hf.dataTime, body, 8, new NsTime(sec, ns));
  const rel = timeDelta(p.tsSec, p.tsNs, sec, ns);
  p.add(hf.dataTimeRelative, body, 8, new NsTime(rel.sec, rel.ns), GENERATED);
  return body + 8;
}

function addFields(
  p: Packet,
  off: number,
  end: number,
  type: number,
  code: number,
  typeName: string,
  cname: string,
): void {
  const dv = p.dv;
  const avail = Math.min(end, p.data.length);
  p.open(hf.proto, off, avail - off, null, 0, 'Internet Control Message Protocol');
  p.add(hf.type, off, 1, type, 0, `Type: ${type} (${typeName})`);
  p.add(hf.code, off + 1, 1, code, 0, cname ? `Code: ${code} (${cname})` : `Code: ${code}`);
  const sum = dv.getUint16(off + 2);
  const whole = end <= p.data.length && !p.inError;
  addChecksum(
    p,
    hf.checksum,
    hf.checksumStatus,
    off + 2,
    sum,
    whole ? foldSum(onesSum(p.data, off, end)) === 0xffff : null,
  );
  if (avail - off < 8) return;
  switch (type) {
    case 0:
    case 8:
    case 13:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18: {
      const id = dv.getUint16(off + 4);
      const seq = dv.getUint16(off + 6);
      p.add(hf.ident, off + 4, 2);
      p.add(hf.identLe, off + 4, 2, dv.getUint16(off + 4, true));
      p.add(hf.seq, off + 6, 2);
      p.add(hf.seqLe, off + 6, 2, dv.getUint16(off + 6, true));
      void id;
      void seq;
      if ((type === 13 || type === 14) && avail - off >= 20) {
        p.add(hf.originateTs, off + 8, 4);
        p.add(hf.receiveTs, off + 12, 4);
        p.add(hf.transmitTs, off + 16, 4);
      }
      if ((type === 17 || type === 18) && avail - off >= 12) p.add(hf.addressMask, off + 8, 4);
      break;
    }
    case 3:
      if (code === 4) {
        p.add(hf.unused, off + 4, 2);
        p.add(hf.mtu, off + 6, 2);
      } else {
        p.add(hf.unused, off + 4, 1);
        p.add(hf.length, off + 5, 1);
        p.add(hf.unused, off + 6, 2);
      }
      break;
    case 5:
      p.add(hf.redirGw, off + 4, 4);
      break;
    case 11:
      p.add(hf.unused, off + 4, 1);
      p.add(hf.length, off + 5, 1);
      p.add(hf.unused, off + 6, 2);
      break;
    case 12:
      p.add(hf.pointer, off + 4, 1);
      p.add(hf.length, off + 5, 1);
      p.add(hf.unused, off + 6, 2);
      break;
    case 9: {
      const n = p.data[off + 4];
      const size = p.data[off + 5];
      p.add(hf.numAddrs, off + 4, 1);
      p.add(hf.addrEntrySize, off + 5, 1);
      p.add(hf.lifetime, off + 6, 2);
      if (size >= 2) {
        for (let i = 0, a = off + 8; i < n && a + 8 <= avail; i++, a += size * 4) {
          p.add(hf.routerAddr, a, 4);
          p.add(hf.prefLevel, a + 4, 4);
        }
      }
      break;
    }
    default:
      break;
  }
  // The ICMP item stays open: the echo pairing and the body go under it (dissectIcmp closes it).
}

ipProtos.add(1, dissectIcmp);
