// DNS (RFC 1034/1035) over UDP and TCP, and the two protocols that share its message format: multicast DNS
// (RFC 6762, port 5353) and LLMNR (RFC 4795, port 5355). One parser; each protocol keeps its own name and filter
// prefix for the protocol item while the fields are the common dns.* ones, as in Wireshark.
import { tcpPorts, udpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { BoundsError, formatIPv4, formatIPv6, MalformedError } from '../packet';
import { declare } from '../registry';
import { GENERATED, NsTime, VALUE_LABEL } from '../sinks';
import { bitPattern } from '../tree';
import { secondsText } from '../format';
import { stateKey } from '../state';
import { timeDelta } from '../time';
import { currentTcp } from './tcp';
import { DESEGMENT_ONE_MORE_SEGMENT } from '../../reassembly/tcp';
import { currentUdpStream } from './udp';

export const OPCODES: Record<number, string> = {
  0: 'Standard query',
  1: 'Inverse query',
  2: 'Server status request',
  4: 'Zone change notification',
  5: 'Dynamic update',
  6: 'DNS Stateful operations (DSO)',
};

export const RCODES: Record<number, string> = {
  0: 'No error',
  1: 'Format error',
  2: 'Server failure',
  3: 'No such name',
  4: 'Not implemented',
  5: 'Refused',
  6: 'Name exists',
  7: 'RRset exists',
  8: 'RRset does not exist',
  9: 'Not authoritative',
  10: 'Name out of zone',
  11: 'DSO-Type not implemented',
  16: 'Bad OPT Version OR Bad signature',
  17: 'Bad key',
  18: 'Bad time',
  19: 'Bad mode',
  20: 'Bad name',
  21: 'Bad algorithm',
  22: 'Bad truncation',
  23: 'Bad server cookie',
};

/** Resource record types by number, with the mnemonics Wireshark shows. */
export const RR_TYPES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  3: 'MD',
  4: 'MF',
  5: 'CNAME',
  6: 'SOA',
  7: 'MB',
  8: 'MG',
  9: 'MR',
  10: 'NULL',
  11: 'WKS',
  12: 'PTR',
  13: 'HINFO',
  14: 'MINFO',
  15: 'MX',
  16: 'TXT',
  17: 'RP',
  18: 'AFSDB',
  19: 'X25',
  20: 'ISDN',
  21: 'RT',
  22: 'NSAP',
  23: 'NSAP-PTR',
  24: 'SIG',
  25: 'KEY',
  26: 'PX',
  27: 'GPOS',
  28: 'AAAA',
  29: 'LOC',
  30: 'NXT',
  31: 'EID',
  32: 'NIMLOC',
  33: 'SRV',
  34: 'ATMA',
  35: 'NAPTR',
  36: 'KX',
  37: 'CERT',
  38: 'A6',
  39: 'DNAME',
  40: 'SINK',
  41: 'OPT',
  42: 'APL',
  43: 'DS',
  44: 'SSHFP',
  45: 'IPSECKEY',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  49: 'DHCID',
  50: 'NSEC3',
  51: 'NSEC3PARAM',
  52: 'TLSA',
  53: 'SMIMEA',
  55: 'HIP',
  56: 'NINFO',
  57: 'RKEY',
  58: 'TALINK',
  59: 'CDS',
  60: 'CDNSKEY',
  61: 'OPENPGPKEY',
  62: 'CSYNC',
  63: 'ZONEMD',
  64: 'SVCB',
  65: 'HTTPS',
  99: 'SPF',
  100: 'UINFO',
  101: 'UID',
  102: 'GID',
  103: 'UNSPEC',
  104: 'NID',
  105: 'L32',
  106: 'L64',
  107: 'LP',
  108: 'EUI48',
  109: 'EUI64',
  249: 'TKEY',
  250: 'TSIG',
  251: 'IXFR',
  252: 'AXFR',
  253: 'MAILB',
  254: 'MAILA',
  255: 'ANY',
  256: 'URI',
  257: 'CAA',
  258: 'AVC',
  259: 'DOA',
  260: 'AMTRELAY',
  32768: 'TA',
  32769: 'DLV',
  65281: 'WINS',
  65282: 'WINS-R',
  65422: 'XPF',
};

const CLASSES: Record<number, string> = { 1: 'IN', 2: 'CS', 3: 'CH', 4: 'HS', 254: 'NONE', 255: 'ANY' };

export function typeName(t: number): string {
  return RR_TYPES[t] ?? `Unknown (${t})`;
}

/** The names the tree gives record types ("A (Host Address)"); others as in Info. */
const TYPE_DESCRIPTIONS: Record<number, string> = {
  1: 'A (Host Address)',
  2: 'NS (authoritative Name Server)',
  5: 'CNAME (Canonical NAME for an alias)',
  6: 'SOA (Start Of a zone of Authority)',
  12: 'PTR (domain name PoinTeR)',
  13: 'HINFO (host information)',
  15: 'MX (Mail eXchange)',
  16: 'TXT (Text strings)',
  28: 'AAAA (IPv6 Address)',
  33: 'SRV (Server Selection)',
  47: 'NSEC (Next Secure)',
  255: '* (A request for all records the server/cache has available)',
};

function typeDescription(t: number): string {
  return TYPE_DESCRIPTIONS[t] ?? typeName(t);
}

const TYPE_A = 1;
const TYPE_OPT = 41;

export const hf = declare('dns', 'Domain Name System', 'DNS', {
  length: { abbrev: 'dns.length', name: 'Length', type: 'uint', description: 'Length of DNS-over-TCP message' },
  id: { abbrev: 'dns.id', name: 'Transaction ID', type: 'uint', base: 'hex', bits: 16 },
  flags: { abbrev: 'dns.flags', name: 'Flags', type: 'uint', base: 'hex', bits: 16 },
  response: {
    abbrev: 'dns.flags.response',
    name: 'Response',
    type: 'bool',
    mask: 0x8000,
    bits: 16,
    tf: ['Message is a response', 'Message is a query'],
  },
  opcode: { abbrev: 'dns.flags.opcode', name: 'Opcode', type: 'uint', mask: 0x7800, bits: 16, strings: OPCODES },
  authoritative: {
    abbrev: 'dns.flags.authoritative',
    name: 'Authoritative',
    type: 'bool',
    mask: 0x0400,
    bits: 16,
    tf: ['Server is an authority for domain', 'Server is not an authority for domain'],
  },
  conflict: { abbrev: 'dns.flags.conflict', name: 'Conflict', type: 'bool', mask: 0x0400, bits: 16 },
  truncated: {
    abbrev: 'dns.flags.truncated',
    name: 'Truncated',
    type: 'bool',
    mask: 0x0200,
    bits: 16,
    tf: ['Message is truncated', 'Message is not truncated'],
  },
  recdesired: {
    abbrev: 'dns.flags.recdesired',
    name: 'Recursion desired',
    type: 'bool',
    mask: 0x0100,
    bits: 16,
    tf: ['Do query recursively', "Don't do query recursively"],
  },
  tentative: { abbrev: 'dns.flags.tentative', name: 'Tentative', type: 'bool', mask: 0x0100, bits: 16 },
  recavail: {
    abbrev: 'dns.flags.recavail',
    name: 'Recursion available',
    type: 'bool',
    mask: 0x0080,
    bits: 16,
    tf: ['Server can do recursive queries', "Server can't do recursive queries"],
  },
  z: { abbrev: 'dns.flags.z', name: 'Z', type: 'bool', mask: 0x0040, bits: 16, tf: ['reserved (1)', 'reserved (0)'] },
  ad: { abbrev: 'dns.flags.ad', name: 'AD bit', type: 'bool', mask: 0x0020, bits: 16 },
  authenticated: {
    abbrev: 'dns.flags.authenticated',
    name: 'Answer authenticated',
    type: 'bool',
    mask: 0x0020,
    bits: 16,
    tf: [
      'Answer/authority portion was authenticated by the server',
      'Answer/authority portion was not authenticated by the server',
    ],
  },
  checkdisable: {
    abbrev: 'dns.flags.checkdisable',
    name: 'Non-authenticated data',
    type: 'bool',
    mask: 0x0010,
    bits: 16,
    tf: ['Acceptable', 'Unacceptable'],
  },
  rcode: { abbrev: 'dns.flags.rcode', name: 'Reply code', type: 'uint', mask: 0x000f, bits: 16, strings: RCODES },
  countQueries: { abbrev: 'dns.count.queries', name: 'Questions', type: 'uint' },
  countAnswers: { abbrev: 'dns.count.answers', name: 'Answer RRs', type: 'uint' },
  countAuth: { abbrev: 'dns.count.auth_rr', name: 'Authority RRs', type: 'uint' },
  countAdd: { abbrev: 'dns.count.add_rr', name: 'Additional RRs', type: 'uint' },
  qryName: { abbrev: 'dns.qry.name', name: 'Name', type: 'string' },
  qryNameLen: { abbrev: 'dns.qry.name.len', name: 'Name Length', type: 'uint' },
  countLabels: { abbrev: 'dns.count.labels', name: 'Label Count', type: 'uint' },
  qryType: { abbrev: 'dns.qry.type', name: 'Type', type: 'uint', strings: (v) => typeDescription(v) },
  qryClass: { abbrev: 'dns.qry.class', name: 'Class', type: 'uint', base: 'hex', bits: 16, strings: CLASSES },
  qryQu: { abbrev: 'dns.qry.qu', name: '"QU" question', type: 'bool', mask: 0x8000, bits: 16, tf: ['True', 'False'] },
  respName: { abbrev: 'dns.resp.name', name: 'Name', type: 'string' },
  respType: { abbrev: 'dns.resp.type', name: 'Type', type: 'uint', strings: (v) => typeDescription(v) },
  respClass: { abbrev: 'dns.resp.class', name: 'Class', type: 'uint', base: 'hex', bits: 16, strings: CLASSES },
  cacheFlush: {
    abbrev: 'dns.resp.cache_flush',
    name: 'Cache flush',
    type: 'bool',
    mask: 0x8000,
    bits: 16,
    tf: ['True', 'False'],
  },
  ttl: { abbrev: 'dns.resp.ttl', name: 'Time to live', type: 'uint' },
  rdLen: { abbrev: 'dns.resp.len', name: 'Data length', type: 'uint' },
  a: { abbrev: 'dns.a', name: 'Address', type: 'ipv4' },
  aaaa: { abbrev: 'dns.aaaa', name: 'AAAA Address', type: 'ipv6' },
  cname: { abbrev: 'dns.cname', name: 'CNAME', type: 'string' },
  ns: { abbrev: 'dns.ns', name: 'Name Server', type: 'string' },
  ptr: { abbrev: 'dns.ptr.domain_name', name: 'Domain Name', type: 'string' },
  mxPref: { abbrev: 'dns.mx.preference', name: 'Preference', type: 'uint' },
  mx: { abbrev: 'dns.mx.mail_exchange', name: 'Mail Exchange', type: 'string' },
  txtLen: { abbrev: 'dns.txt.length', name: 'TXT Length', type: 'uint' },
  txt: { abbrev: 'dns.txt', name: 'TXT', type: 'string' },
  soaMname: { abbrev: 'dns.soa.mname', name: 'Primary name server', type: 'string' },
  soaRname: { abbrev: 'dns.soa.rname', name: "Responsible authority's mailbox", type: 'string' },
  soaSerial: { abbrev: 'dns.soa.serial_number', name: 'Serial Number', type: 'uint' },
  soaRefresh: { abbrev: 'dns.soa.refresh_interval', name: 'Refresh Interval', type: 'uint' },
  soaRetry: { abbrev: 'dns.soa.retry_interval', name: 'Retry Interval', type: 'uint' },
  soaExpire: { abbrev: 'dns.soa.expire_limit', name: 'Expire limit', type: 'uint' },
  soaMinimum: { abbrev: 'dns.soa.minimum_ttl', name: 'Minimum TTL', type: 'uint' },
  srvPriority: { abbrev: 'dns.srv.priority', name: 'Priority', type: 'uint' },
  srvWeight: { abbrev: 'dns.srv.weight', name: 'Weight', type: 'uint' },
  srvPort: { abbrev: 'dns.srv.port', name: 'Port', type: 'uint' },
  srvTarget: { abbrev: 'dns.srv.target', name: 'Target', type: 'string' },
  srvService: { abbrev: 'dns.srv.service', name: 'Service', type: 'string' },
  srvProto: { abbrev: 'dns.srv.proto', name: 'Protocol', type: 'string' },
  srvName: { abbrev: 'dns.srv.name', name: 'Name', type: 'string' },
  nsecNext: { abbrev: 'dns.nsec.next_domain_name', name: 'Next Domain Name', type: 'string' },
  dname: { abbrev: 'dns.dname', name: 'Dname', type: 'string' },
  hinfoCpu: { abbrev: 'dns.hinfo.cpu', name: 'CPU', type: 'string' },
  hinfoOs: { abbrev: 'dns.hinfo.os', name: 'OS', type: 'string' },
  svcbPriority: { abbrev: 'dns.svcb.svcpriority', name: 'SvcPriority', type: 'uint' },
  svcbTarget: { abbrev: 'dns.svcb.targetname', name: 'TargetName', type: 'string' },
  data: { abbrev: 'dns.data', name: 'Data', type: 'bytes' },
  udpPayloadSize: { abbrev: 'dns.rr.udp_payload_size', name: 'UDP payload size', type: 'uint' },
  extRcode: { abbrev: 'dns.resp.ext_rcode', name: 'Higher bits in extended RCODE', type: 'uint', base: 'hex', bits: 8 },
  ednsVersion: { abbrev: 'dns.resp.edns0_version', name: 'EDNS0 version', type: 'uint' },
  ednsZ: { abbrev: 'dns.resp.z', name: 'Z', type: 'uint', base: 'hex', bits: 16 },
  ednsDo: {
    abbrev: 'dns.resp.z.do',
    name: 'DO bit',
    type: 'bool',
    mask: 0x8000,
    bits: 16,
    tf: ['Accepts DNSSEC security RRs', 'Cannot handle DNSSEC security RRs'],
  },
  ednsReserved: { abbrev: 'dns.resp.z.reserved', name: 'Reserved', type: 'uint', base: 'hex', mask: 0x7fff, bits: 16 },
  cookieClient: { abbrev: 'dns.opt.cookie.client', name: 'Client Cookie', type: 'bytes' },
  cookieServer: { abbrev: 'dns.opt.cookie.server', name: 'Server Cookie', type: 'bytes' },
  opt: { abbrev: 'dns.opt', name: 'Option', type: 'none' },
  optCode: { abbrev: 'dns.opt.code', name: 'Option Code', type: 'uint', strings: (v) => EDNS_OPTIONS[v] },
  optLen: { abbrev: 'dns.opt.len', name: 'Option Length', type: 'uint' },
  optData: { abbrev: 'dns.opt.data', name: 'Option Data', type: 'bytes' },
  responseIn: { abbrev: 'dns.response_in', name: 'Response In', type: 'framenum' },
  responseTo: { abbrev: 'dns.response_to', name: 'Request In', type: 'framenum' },
  time: { abbrev: 'dns.time', name: 'Time', type: 'rel_time' },
  retransmission: { abbrev: 'dns.retransmission', name: 'Retransmission', type: 'bool' },
  retransmitRequestIn: {
    abbrev: 'dns.retransmit_request_in',
    name: 'Retransmitted request. Original request in',
    type: 'framenum',
  },
  retransmitResponseIn: {
    abbrev: 'dns.retransmit_response_in',
    name: 'Retransmitted response. Original response in',
    type: 'framenum',
  },
  unsolicited: { abbrev: 'dns.unsolicited', name: 'Unsolicited', type: 'bool' },
});

export const hfMdns = declare('mdns', 'Multicast Domain Name System', 'MDNS', {});
export const hfLlmnr = declare('llmnr', 'Link-local Multicast Name Resolution', 'LLMNR', {});

/** Which of the three protocols is speaking. */
export const enum DnsFlavor {
  Dns = 0,
  Mdns = 1,
  Llmnr = 2,
}

const FLAVOR_NAMES = ['dns', 'mdns', 'llmnr'] as const;
const FLAVOR_COLUMNS = ['DNS', 'MDNS', 'LLMNR'] as const;
const FLAVOR_TITLES = ['Domain Name System', 'Multicast Domain Name System', 'Link-local Multicast Name Resolution'];

// ---- names -------------------------------------------------------------------------------------------------------

/** Result of reading a name: bytes it takes at its place, and (when asked) its text and label count. */
interface NameResult {
  used: number;
  /** Characters of the name as read (dots included, before any escaping; 0 for the root). */
  length: number;
  text: string;
  labels: number;
}

const nameOut: NameResult = { used: 0, length: 0, text: '', labels: 0 };
/** Longest name Wireshark builds (longer ones are cut, still consuming their bytes). */
const MAX_NAME = 255;

/**
 * Read a (possibly compressed) domain name at `off`; `msg` is where the DNS message starts (pointers count from
 * there) and `end` where it stops. Text is built only when `text` is true. A pointer chain that visits more
 * characters than the message has is reported as a loop instead of being followed forever.
 */
export function readName(p: Packet, off: number, msg: number, end: number, text: boolean): NameResult {
  const d = p.data;
  const limit = Math.min(end, d.length);
  const size = end - msg;
  let pos = off;
  let used = -1;
  let processed = 0;
  let s = '';
  let labels = 0;
  let rawLen = 0;
  let room = MAX_NAME;
  for (;;) {
    if (pos >= limit) throw new BoundsError();
    const len = d[pos++];
    if (len === 0) break;
    processed++;
    switch (len & 0xc0) {
      case 0x00: {
        if (pos + len > limit) throw new BoundsError();
        labels++;
        rawLen += (rawLen > 0 ? 1 : 0) + len;
        if (text) {
          if (s.length > 0 && room > 0) {
            s += '.';
            room--;
          }
          for (let i = 0; i < len && room > 0; i++, room--) s += labelChar(d[pos + i]);
        }
        pos += len;
        processed += len;
        break;
      }
      case 0x40: {
        nameOut.used = used < 0 ? pos - off : used;
        nameOut.text = '<Unknown extended label>';
        nameOut.length = rawLen;
        nameOut.labels = labels;
        return nameOut;
      }
      case 0x80:
        throw new MalformedError('bad label type');
      default: {
        if (pos >= limit) throw new BoundsError();
        const target = msg + (((len & 0x3f) << 8) | d[pos]);
        pos++;
        processed++;
        if (used < 0) used = pos - off;
        if (processed >= size) {
          nameOut.used = used;
          nameOut.text = '<Name contains a pointer that loops>';
          nameOut.length = rawLen;
          nameOut.labels = labels;
          return nameOut;
        }
        pos = target;
      }
    }
  }
  nameOut.used = used < 0 ? pos - off : used;
  nameOut.text = text ? (s.length === 0 ? '<Root>' : s) : '';
  nameOut.labels = labels;
  nameOut.length = Math.min(rawLen, MAX_NAME);
  return nameOut;
}

/** One byte of a label as Wireshark shows it: printable ASCII as is, the rest escaped. */
function labelChar(b: number): string {
  if (b >= 0x20 && b < 0x7f) return String.fromCharCode(b);
  switch (b) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 9:
      return '\\t';
    case 10:
      return '\\n';
    case 11:
      return '\\v';
    case 12:
      return '\\f';
    case 13:
      return '\\r';
    default:
      return '\\' + b.toString(8).padStart(3, '0');
  }
}

// ---- request/response pairing (first pass) -------------------------------------------------------------------

/** A query that waited this long without an answer is not retransmitted any more but asked again. */
const RETRANSMISSION_SECONDS = 5;

class Transactions {
  count = 0;
  reqFrame = new Uint32Array(256);
  repFrame = new Uint32Array(256);
  reqSec = new Float64Array(256);
  reqNs = new Uint32Array(256);
  /** conversation × 65536 + id → the newest transaction with that key. */
  readonly latest = new Map<number, number>();
  /** packetIndex → transaction, for packets that belong to one. */
  readonly byPacket = new Map<number, number>();
  /** Packets that repeat a request or a response already seen. */
  readonly retransmitted = new Set<number>();

  add(frame: number, sec: number, ns: number): number {
    if (this.count === this.reqFrame.length) {
      const n = this.count * 2;
      const grow = <T extends Uint32Array | Float64Array>(a: T, b: T): T => {
        b.set(a);
        return b;
      };
      this.reqFrame = grow(this.reqFrame, new Uint32Array(n));
      this.repFrame = grow(this.repFrame, new Uint32Array(n));
      this.reqSec = grow(this.reqSec, new Float64Array(n));
      this.reqNs = grow(this.reqNs, new Uint32Array(n));
    }
    const t = this.count++;
    this.reqFrame[t] = frame;
    this.repFrame[t] = 0;
    this.reqSec[t] = sec;
    this.reqNs[t] = ns;
    return t;
  }
}

const TRANSACTIONS = stateKey('dns.transactions', () => new Transactions());

function track(p: Packet, conv: number, id: number, isResponse: boolean): void {
  if (conv < 0) return;
  const tx = p.state.get(TRANSACTIONS);
  const key = conv * 65536 + id;
  const last = tx.latest.get(key);
  const frame = p.frameNumber;
  const sec = Number.isNaN(p.tsSec) ? 0 : p.tsSec;
  if (!isResponse) {
    let fresh = last === undefined || tx.repFrame[last] > 0;
    if (!fresh && last !== undefined) {
      const elapsed = sec - tx.reqSec[last] + (p.tsNs - tx.reqNs[last]) / 1e9;
      if (elapsed > RETRANSMISSION_SECONDS) fresh = true;
    }
    if (fresh) {
      const t = tx.add(frame, sec, p.tsNs);
      tx.latest.set(key, t);
      tx.byPacket.set(p.index, t);
    } else if (last !== undefined) {
      tx.byPacket.set(p.index, last);
      tx.retransmitted.add(p.index);
    }
  } else if (last !== undefined) {
    tx.byPacket.set(p.index, last);
    if (tx.repFrame[last] === 0) tx.repFrame[last] = frame;
    else tx.retransmitted.add(p.index);
  }
}

function showTracking(p: Packet, isResponse: boolean, flavor: DnsFlavor): void {
  const tx = p.state.get(TRANSACTIONS);
  const t = tx.byPacket.get(p.index);
  const retrans = tx.retransmitted.has(p.index);
  if (!isResponse) {
    if (t !== undefined && tx.repFrame[t]) p.add(hf.responseIn, 0, 0, tx.repFrame[t], GENERATED);
    if (retrans && t !== undefined) {
      p.add(hf.retransmitRequestIn, 0, 0, tx.reqFrame[t], GENERATED);
      p.add(hf.retransmission, 0, 0, true, GENERATED);
      p.expert(
        'note',
        'Sequence',
        'dns.retransmit_request',
        `Retransmitted request. Original request in ${tx.reqFrame[t]}`,
      );
    }
    return;
  }
  if (t === undefined) {
    // Multicast DNS answers are often unsolicited: Wireshark notes it without a warning.
    if (flavor === DnsFlavor.Mdns) p.add(hf.unsolicited, 0, 0, true, GENERATED);
    else {
      p.open(hf.unsolicited, 0, 0, true, GENERATED);
      p.expert('warn', 'Sequence', 'dns.unsolicited', 'Unsolicited response');
      p.close();
    }
    return;
  }
  if (retrans) {
    p.add(hf.retransmitResponseIn, 0, 0, tx.repFrame[t], GENERATED);
    p.add(hf.retransmission, 0, 0, true, GENERATED);
    p.expert(
      'note',
      'Sequence',
      'dns.retransmit_response',
      `Retransmitted response. Original response in ${tx.repFrame[t]}`,
    );
    return;
  }
  p.add(hf.responseTo, 0, 0, tx.reqFrame[t], GENERATED);
  if (!Number.isNaN(p.tsSec)) {
    const dt = timeDelta(p.tsSec, p.tsNs, tx.reqSec[t], tx.reqNs[t]);
    p.add(hf.time, 0, 0, new NsTime(dt.sec, dt.ns), GENERATED);
  }
}

// ---- the message -----------------------------------------------------------------------------------------------

/**
 * Dissect one DNS message in p.data[off, end). `conv` is the conversation the pairing of requests and responses is
 * kept in (-1: none). The caller has set the protocol layer.
 */
export function dissectDnsMessage(p: Packet, off: number, end: number, flavor: DnsFlavor, conv: number): void {
  p.need(off, 12, end);
  const dv = p.dv;
  const id = dv.getUint16(off);
  const flags = dv.getUint16(off + 2);
  const qd = dv.getUint16(off + 4);
  const an = dv.getUint16(off + 6);
  const ns = dv.getUint16(off + 8);
  const ar = dv.getUint16(off + 10);
  const isResponse = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  if (p.pass === 1 && !p.inError) track(p, conv, id, isResponse);

  if (p.cols) {
    let info = `${OPCODES[opcode] ?? `Unknown operation (${opcode})`}${isResponse ? ' response' : ''} 0x${id.toString(16).padStart(4, '0')}`;
    if (isResponse && rcode !== 0) info += ` ${RCODES[rcode] ?? `Unknown error (${rcode})`}`;
    p.setInfo(info);
  }
  const active = p.sink.active;
  const verbose = p.verbose;
  if (active) {
    const title = `${FLAVOR_TITLES[flavor]} (${isResponse ? 'response' : 'query'})`;
    const protoId = flavor === DnsFlavor.Mdns ? hfMdns.proto : flavor === DnsFlavor.Llmnr ? hfLlmnr.proto : hf.proto;
    p.open(protoId, off, end - off, null, 0, title);
    p.add(hf.id, off, 2);
    p.open(hf.flags, off + 2, 2, undefined, 0, flagsLabel(flags));
    p.add(hf.response, off + 2, 2);
    p.add(hf.opcode, off + 2, 2);
    if (flavor === DnsFlavor.Llmnr) {
      if (isResponse) p.add(hf.conflict, off + 2, 2);
      p.add(hf.truncated, off + 2, 2);
      p.add(hf.tentative, off + 2, 2);
    } else {
      if (isResponse) p.add(hf.authoritative, off + 2, 2);
      p.add(hf.truncated, off + 2, 2);
      p.add(hf.recdesired, off + 2, 2);
      if (isResponse) p.add(hf.recavail, off + 2, 2);
      p.add(hf.z, off + 2, 2);
      if (isResponse) p.add(hf.authenticated, off + 2, 2);
      else if (flags & 0x0020) p.add(hf.ad, off + 2, 2);
      p.add(hf.checkdisable, off + 2, 2);
    }
    if (isResponse) p.add(hf.rcode, off + 2, 2);
    p.close();
    p.add(hf.countQueries, off + 4, 2);
    p.add(hf.countAnswers, off + 6, 2);
    p.add(hf.countAuth, off + 8, 2);
    p.add(hf.countAdd, off + 10, 2);
  }
  try {
    let pos = off + 12;
    if (qd > 0) {
      if (active) p.text(pos, 0, 'Queries', true);
      try {
        for (let i = 0; i < qd; i++) pos = dissectQuery(p, pos, off, end, flavor, verbose);
      } finally {
        if (active) p.close();
      }
    }
    for (let section = 0; section < 3; section++) {
      const count = section === 0 ? an : section === 1 ? ns : ar;
      if (count === 0) continue;
      if (active) p.text(pos, 0, SECTION_TITLES[section], true);
      try {
        for (let i = 0; i < count; i++) pos = dissectRecord(p, pos, off, end, flavor, verbose);
      } finally {
        if (active) p.close();
      }
    }
    // The request/response links come last, as in Wireshark.
    if (active) showTracking(p, isResponse, flavor);
  } finally {
    if (active) p.close();
  }
}

const SECTION_TITLES = ['Answers', 'Authoritative nameservers', 'Additional records'];

function flagsLabel(flags: number): string {
  const hex = '0x' + flags.toString(16).padStart(4, '0');
  const opcode = (flags >> 11) & 0xf;
  let s = `Flags: ${hex} ${OPCODES[opcode] ?? `Unknown operation (${opcode})`}`;
  if (flags & 0x8000) s += ` response, ${RCODES[flags & 0xf] ?? `Unknown error (${flags & 0xf})`}`;
  return s;
}

function dissectQuery(p: Packet, pos: number, msg: number, end: number, flavor: DnsFlavor, verbose: boolean): number {
  const name = readName(p, pos, msg, end, verbose);
  const used = name.used;
  const text = name.text;
  const labels = name.labels;
  const nameLength = name.length;
  const tpos = pos + used;
  p.need(tpos, 4, end);
  const type = p.dv.getUint16(tpos);
  const rawClass = p.dv.getUint16(tpos + 2);
  const qu = flavor === DnsFlavor.Mdns && (rawClass & 0x8000) !== 0;
  const cls = flavor === DnsFlavor.Mdns ? rawClass & 0x7fff : rawClass;
  if (p.cols) {
    p.appendInfo(` ${typeName(type)} ${text}`);
    if (flavor === DnsFlavor.Mdns) p.appendInfo(`, "${qu ? 'QU' : 'QM'}" question`);
  }
  if (p.sink.active) {
    const clsName = CLASSES[cls] ?? 'Unknown';
    let label = `${text}: type ${typeName(type)}, class ${clsName}`;
    if (flavor === DnsFlavor.Mdns) label += `, "${qu ? 'QU' : 'QM'}" question`;
    p.text(pos, used + 4, label, true);
    p.add(hf.qryName, pos, used, text);
    p.add(hf.qryNameLen, pos, used, nameLength, GENERATED);
    p.add(hf.countLabels, pos, used, labels, GENERATED);
    p.add(hf.qryType, tpos, 2);
    if (flavor === DnsFlavor.Mdns) {
      p.add(hf.qryClass, tpos + 2, 2, cls, 0, mdnsClassLabel(rawClass));
      p.add(hf.qryQu, tpos + 2, 2);
    } else {
      p.add(hf.qryClass, tpos + 2, 2);
    }
    p.close();
  }
  return tpos + 4;
}

function dissectRecord(p: Packet, pos: number, msg: number, end: number, flavor: DnsFlavor, verbose: boolean): number {
  const owner = readName(p, pos, msg, end, verbose);
  const used = owner.used;
  const ownerText = owner.text;
  const tpos = pos + used;
  p.need(tpos, 10, end);
  const dv = p.dv;
  const type = dv.getUint16(tpos);
  const rawClass = dv.getUint16(tpos + 2);
  const flush = flavor === DnsFlavor.Mdns && type !== TYPE_OPT && (rawClass & 0x8000) !== 0;
  const cls = flavor === DnsFlavor.Mdns && type !== TYPE_OPT ? rawClass & 0x7fff : rawClass;
  const rdLen = dv.getUint16(tpos + 8);
  const rd = tpos + 10;
  const total = used + 10 + rdLen;
  const cols = p.cols !== null;
  const active = p.sink.active;
  if (cols) {
    p.appendInfo(` ${typeName(type)}`);
    if (flush) p.appendInfo(', cache flush');
  }
  if (active) {
    const clsName = CLASSES[cls] ?? 'Unknown';
    let label = type === TYPE_OPT ? `${ownerText}: type OPT` : `${ownerText}: type ${typeName(type)}, class ${clsName}`;
    if (flush) label += ', cache flush';
    if (type !== TYPE_OPT && rdLen > 0) label += rdataSummary(p, type, rd, rdLen, msg, end);
    p.text(pos, total, label, true);
    if (type === 33 && flavor === DnsFlavor.Mdns) srvOwner(p, pos, used, ownerText);
    else p.add(hf.respName, pos, used, ownerText);
    p.add(hf.respType, tpos, 2);
    if (type === TYPE_OPT) {
      p.add(hf.udpPayloadSize, tpos + 2, 2);
      p.add(hf.extRcode, tpos + 4, 1);
      p.add(hf.ednsVersion, tpos + 5, 1);
      p.open(hf.ednsZ, tpos + 6, 2);
      p.add(hf.ednsDo, tpos + 6, 2);
      p.add(hf.ednsReserved, tpos + 6, 2);
      p.close();
    } else {
      if (flavor === DnsFlavor.Mdns) {
        p.add(hf.respClass, tpos + 2, 2, cls, 0, mdnsClassLabel(rawClass));
        p.add(hf.cacheFlush, tpos + 2, 2);
      } else p.add(hf.respClass, tpos + 2, 2, cls);
      const ttl = dv.getUint32(tpos + 4);
      p.add(hf.ttl, tpos + 4, 4, ttl, VALUE_LABEL, `${ttl} (${secondsText(ttl)})`);
    }
    p.add(hf.rdLen, tpos + 8, 2);
  }
  try {
    if (rdLen > 0) dissectRdata(p, type, cls, rd, rdLen, msg, end, verbose, ownerText);
  } finally {
    if (active) p.close();
  }
  return pos + total;
}

function dissectRdata(
  p: Packet,
  type: number,
  cls: number,
  rd: number,
  len: number,
  msg: number,
  end: number,
  verbose: boolean,
  owner: string,
): void {
  const dv = p.dv;
  const active = p.sink.active;
  switch (type) {
    case TYPE_A: {
      if (cls !== 1) break;
      p.need(rd, 4, end);
      if (p.cols) p.appendInfo(` ${formatIPv4(p.data, rd)}`);
      if (active) p.add(hf.a, rd, 4);
      return;
    }
    case 28: {
      p.need(rd, 16, end);
      if (p.cols) p.appendInfo(` ${formatIPv6(p.data, rd)}`);
      if (active) p.add(hf.aaaa, rd, 16);
      return;
    }
    case 2:
    case 5:
    case 12:
    case 39: {
      const n = readName(p, rd, msg, end, verbose);
      if (p.cols) p.appendInfo(` ${n.text}`);
      const id = type === 2 ? hf.ns : type === 5 ? hf.cname : type === 12 ? hf.ptr : hf.dname;
      if (active) p.add(id, rd, n.used, n.text);
      return;
    }
    case 6: {
      const m = readName(p, rd, msg, end, verbose);
      const mUsed = m.used;
      const mText = m.text;
      if (p.cols) p.appendInfo(` ${mText}`);
      const r = readName(p, rd + mUsed, msg, end, verbose);
      const rUsed = r.used;
      const rText = r.text;
      const nums = rd + mUsed + rUsed;
      p.need(nums, 20, end);
      if (active) {
        p.add(hf.soaMname, rd, mUsed, mText);
        p.add(hf.soaRname, rd + mUsed, rUsed, rText);
        p.add(hf.soaSerial, nums, 4);
        const interval = (id: number, at: number) => {
          const v = dv.getUint32(at);
          p.add(id, at, 4, v, VALUE_LABEL, `${v} (${secondsText(v)})`);
        };
        interval(hf.soaRefresh, nums + 4);
        interval(hf.soaRetry, nums + 8);
        interval(hf.soaExpire, nums + 12);
        interval(hf.soaMinimum, nums + 16);
      }
      return;
    }
    case 15: {
      p.need(rd, 2, end);
      const pref = dv.getUint16(rd);
      const n = readName(p, rd + 2, msg, end, verbose);
      if (p.cols) p.appendInfo(` ${pref} ${n.text}`);
      if (active) {
        p.add(hf.mxPref, rd, 2);
        p.add(hf.mx, rd + 2, n.used, n.text);
      }
      return;
    }
    case 13: {
      p.need(rd, 1, end);
      const cpuLen = p.data[rd];
      p.need(rd + 1 + cpuLen, 1, end);
      const osLen = p.data[rd + 1 + cpuLen];
      p.need(rd + 2 + cpuLen, osLen, end);
      if (verbose) {
        const cpu = asciiText(p.data, rd + 1, cpuLen);
        const os = asciiText(p.data, rd + 2 + cpuLen, osLen);
        if (p.cols) p.appendInfo(` ${cpu} ${os}`);
        if (active) {
          p.add(hf.hinfoCpu, rd + 1, cpuLen, cpu);
          p.add(hf.hinfoOs, rd + 2 + cpuLen, osLen, os);
        }
      }
      return;
    }
    case 16: {
      let pos = rd;
      let left = len;
      while (left > 0) {
        p.need(pos, 1, end);
        const n = p.data[pos];
        p.need(pos + 1, n, end);
        if (active) {
          p.add(hf.txtLen, pos, 1);
          p.add(hf.txt, pos + 1, n, asciiText(p.data, pos + 1, n));
        }
        pos += 1 + n;
        left -= 1 + n;
      }
      return;
    }
    case 33: {
      p.need(rd, 6, end);
      const prio = dv.getUint16(rd);
      const weight = dv.getUint16(rd + 2);
      const port = dv.getUint16(rd + 4);
      const n = readName(p, rd + 6, msg, end, verbose);
      if (p.cols) p.appendInfo(` ${prio} ${weight} ${port} ${n.text}`);
      if (active) {
        p.add(hf.srvPriority, rd, 2);
        p.add(hf.srvWeight, rd + 2, 2);
        p.add(hf.srvPort, rd + 4, 2);
        p.add(hf.srvTarget, rd + 6, n.used, n.text);
      }
      return;
    }
    case 30:
    case 47: {
      const n = readName(p, rd, msg, end, verbose);
      if (p.cols) p.appendInfo(` ${n.text}`);
      if (active) p.add(hf.nsecNext, rd, n.used, n.text);
      p.need(rd, len, end);
      return;
    }
    case 64:
    case 65: {
      p.need(rd, 2, end);
      const n = readName(p, rd + 2, msg, end, verbose);
      if (active) {
        p.add(hf.svcbPriority, rd, 2);
        p.add(hf.svcbTarget, rd + 2, n.used, n.text);
      }
      p.need(rd, len, end);
      return;
    }
    case TYPE_OPT: {
      let pos = rd;
      let left = len;
      while (left > 0) {
        p.need(pos, 4, end);
        const code = dv.getUint16(pos);
        const olen = dv.getUint16(pos + 2);
        p.need(pos + 4, olen, end);
        if (active) {
          p.open(hf.opt, pos, 4 + olen, null, 0, `Option: ${EDNS_OPTIONS[code] ?? `Unknown (${code})`}`);
          p.add(hf.optCode, pos, 2);
          p.add(hf.optLen, pos + 2, 2);
          if (olen > 0) p.add(hf.optData, pos + 4, olen);
          if (code === 10 && olen >= 8) {
            p.add(hf.cookieClient, pos + 4, 8);
            if (olen > 8) p.add(hf.cookieServer, pos + 12, olen - 8);
            else p.add(hf.cookieServer, pos + 12, 0, new Uint8Array(0));
          }
          p.close();
        }
        pos += 4 + olen;
        left -= 4 + olen;
      }
      return;
    }
    // Types whose Info shows the owner name again (Wireshark's habit for these rarer records).
    case 3:
    case 4:
    case 7:
    case 8:
    case 9:
    case 10:
    case 14:
    case 17:
    case 18:
    case 19:
    case 20:
    case 21:
    case 22:
    case 23:
    case 26:
    case 27:
    case 42:
      if (p.cols) p.appendInfo(` ${owner}`);
      break;
  }
  p.need(rd, len, end);
  if (active) p.add(hf.data, rd, len);
}

/** mDNS keeps a flag in the class's top bit: the class is shown as the other 15 bits. */
function mdnsClassLabel(raw: number): string {
  const cls = raw & 0x7fff;
  return `${bitPattern(raw, 0x7fff, 16)} = Class: ${CLASSES[cls] ?? 'Unknown'} (0x${cls.toString(16).padStart(4, '0')})`;
}

/** ", addr 192.0.2.1", ", cname x", …: what the record summary line says of the record's data (tree only). */
function rdataSummary(p: Packet, type: number, rd: number, len: number, msg: number, end: number): string {
  const d = p.data;
  const dv = p.dv;
  if (rd + len > Math.min(end, d.length)) return '';
  switch (type) {
    case TYPE_A:
      return len === 4 ? `, addr ${formatIPv4(d, rd)}` : '';
    case 28:
      return len === 16 ? `, addr ${formatIPv6(d, rd)}` : '';
    case 2:
      return `, ns ${readName(p, rd, msg, end, true).text}`;
    case 5:
      return `, cname ${readName(p, rd, msg, end, true).text}`;
    case 12:
      return `, ${readName(p, rd, msg, end, true).text}`;
    case 6:
      return `, mname ${readName(p, rd, msg, end, true).text}`;
    case 15:
      return len >= 3 ? `, preference ${dv.getUint16(rd)}, mx ${readName(p, rd + 2, msg, end, true).text}` : '';
    case 33:
      if (len < 7) return '';
      return `, priority ${dv.getUint16(rd)}, weight ${dv.getUint16(rd + 2)}, port ${dv.getUint16(rd + 4)}, target ${readName(p, rd + 6, msg, end, true).text}`;
    case 47:
      return `, next domain name ${readName(p, rd, msg, end, true).text}`;
    default:
      return '';
  }
}

/** An mDNS service record's owner split as Wireshark shows it: "Service: x", "Protocol: _tcp", "Name: …". */
function srvOwner(p: Packet, pos: number, used: number, owner: string): void {
  const parts = owner.split('.');
  if (parts.length < 3 || !parts[1].startsWith('_')) {
    p.add(hf.respName, pos, used, owner);
    return;
  }
  p.add(hf.srvService, pos, used, parts[0]);
  p.add(hf.srvProto, pos, used, parts[1]);
  p.add(hf.srvName, pos, used, parts.slice(2).join('.'));
}

const EDNS_OPTIONS: Record<number, string> = {
  3: 'NSID',
  5: 'DAU',
  6: 'DHU',
  7: 'N3U',
  8: 'CSUBNET - Client subnet',
  9: 'EDNS EXPIRE',
  10: 'COOKIE',
  11: 'EDNS TCP KEEPALIVE',
  12: 'PADDING',
  13: 'CHAIN',
  14: 'EDNS KEY TAG',
  15: 'Extended DNS Error',
};

function asciiText(d: Uint8Array, off: number, len: number): string {
  let s = '';
  for (let i = 0; i < len; i++) s += labelChar(d[off + i]);
  return s;
}

// ---- entry points --------------------------------------------------------------------------------------------

function udpEntry(flavor: DnsFlavor) {
  return (p: Packet, off: number, end: number): boolean => {
    p.addLayer(FLAVOR_NAMES[flavor]);
    p.setProtocol(FLAVOR_COLUMNS[flavor]);
    dissectDnsMessage(p, off, end, flavor, currentUdpStream);
    return true;
  };
}

/** DNS over TCP: a two-byte length before each message. Declines a message that does not fit in this segment. */
export function dissectDnsTcp(p: Packet, off: number, end: number): boolean {
  const avail = Math.min(end, p.data.length) - off;
  if (avail < 2) {
    // Not even the length: ask TCP for the next segment.
    currentTcp.desegmentOffset = off;
    currentTcp.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
    return true;
  }
  const first = p.dv.getUint16(off);
  if (first === 0) return false;
  // Requests and responses pair within the TCP stream (kept apart from UDP conversations with the same numbers).
  const conv = currentTcp.stream >= 0 ? 0x40000000 + currentTcp.stream : -1;
  let pos = off;
  let named = false;
  while (pos < end && pos < p.data.length) {
    if (pos + 2 > end) {
      currentTcp.desegmentOffset = pos;
      currentTcp.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      break;
    }
    const len = p.dv.getUint16(pos);
    if (len === 0) break;
    if (pos + 2 + len > end) {
      // The message goes on in later segments: TCP reassembles it and calls again with all of it.
      currentTcp.desegmentOffset = pos;
      currentTcp.desegmentLen = pos + 2 + len - end;
      break;
    }
    if (!named) {
      p.addLayer('dns');
      p.setProtocol('DNS');
      named = true;
    }
    if (p.sink.active) p.add(hf.length, pos, 2);
    dissectDnsMessage(p, pos + 2, pos + 2 + len, DnsFlavor.Dns, conv);
    pos += 2 + len;
  }
  return true;
}

udpPorts.add(53, udpEntry(DnsFlavor.Dns));
udpPorts.add(5353, udpEntry(DnsFlavor.Mdns));
udpPorts.add(5355, udpEntry(DnsFlavor.Llmnr));
tcpPorts.add(53, dissectDnsTcp);
