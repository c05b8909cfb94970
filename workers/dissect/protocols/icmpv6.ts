// ICMPv6 (RFC 4443), neighbour discovery (RFC 4861) with its options, MLD/MLDv2 (RFC 2710, RFC 3810), echo pairing
// and the datagram quoted inside error messages.
import { ipProtos } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, formatEther, formatIPv6 } from '../packet';
import { declare } from '../registry';
import { GENERATED, HIDDEN, VALUE_LABEL } from '../sinks';
import { stateKey } from '../state';
import { dissectData } from './data';
import { EchoPairs, dissectQuoted } from './icmp';
import { addChecksum, CHECKSUM_STATUS, foldSum, onesSum } from '../checksum';
import { dissectIpv6, ipv6Last } from './ipv6';
import { frameTimes } from './frame';
import { timeDelta } from '../time';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'Destination Unreachable',
  2: 'Packet Too Big',
  3: 'Time Exceeded',
  4: 'Parameter Problem',
  100: 'Private experimentation',
  101: 'Private experimentation',
  127: 'Reserved for expansion of ICMPv6 error messages',
  128: 'Echo (ping) request',
  129: 'Echo (ping) reply',
  130: 'Multicast Listener Query',
  131: 'Multicast Listener Report',
  132: 'Multicast Listener Done',
  133: 'Router Solicitation',
  134: 'Router Advertisement',
  135: 'Neighbor Solicitation',
  136: 'Neighbor Advertisement',
  137: 'Redirect',
  138: 'Router Renumbering',
  139: 'Node Information Query',
  140: 'Node Information Reply',
  141: 'Inverse Neighbor Discovery Solicitation',
  142: 'Inverse Neighbor Discovery Advertisement',
  143: 'Multicast Listener Report Message v2',
  144: 'Home Agent Address Discovery Request',
  145: 'Home Agent Address Discovery Reply',
  146: 'Mobile Prefix Solicitation',
  147: 'Mobile Prefix Advertisement',
  148: 'Certification Path Solicitation',
  149: 'Certification Path Advertisement',
  150: 'Experimental Mobility',
  151: 'Multicast Router Advertisement',
  152: 'Multicast Router Solicitation',
  153: 'Multicast Router Termination',
  154: 'FMIPv6',
  155: 'RPL Control',
  156: 'Locator Update',
  157: 'Duplicate Address Request',
  158: 'Duplicate Address Confirmation',
  159: 'MPL Control Message',
  160: 'Extended Echo request',
  161: 'Extended Echo reply',
  200: 'Private experimentation',
  201: 'Private experimentation',
  255: 'Reserved for expansion of ICMPv6 informational messages',
};

const UNREACH_CODES: Readonly<Record<number, string>> = {
  0: 'no route to destination',
  1: 'Administratively prohibited',
  2: 'Beyond scope of source address',
  3: 'Address unreachable',
  4: 'Port unreachable',
  5: 'Source address failed ingress/egress policy',
  6: 'Reject route to destination',
  7: 'Error in Source Routing Header',
};
const TIMEX_CODES: Readonly<Record<number, string>> = {
  0: 'hop limit exceeded in transit',
  1: 'fragment reassembly time exceeded',
};
const PARAMPROB_CODES: Readonly<Record<number, string>> = {
  0: 'erroneous header field encountered',
  1: 'unrecognized Next Header type encountered',
  2: 'unrecognized IPv6 option encountered',
  3: 'IPv6 First Fragment has incomplete IPv6 Header Chain',
};

function codeName(type: number, code: number): string {
  const table = type === 1 ? UNREACH_CODES : type === 3 ? TIMEX_CODES : type === 4 ? PARAMPROB_CODES : undefined;
  if (!table) return '';
  return table[code] ?? 'Unknown';
}

const OPTION_NAMES: Readonly<Record<number, string>> = {
  1: 'Source link-layer address',
  2: 'Target link-layer address',
  3: 'Prefix information',
  4: 'Redirected header',
  5: 'MTU',
  6: 'NBMA Shortcut Limit Option',
  7: 'Advertisement Interval',
  8: 'Home Agent Information',
  9: 'Source Address List',
  10: 'Target Address List',
  11: 'CGA',
  12: 'RSA Signature',
  13: 'Timestamp',
  14: 'Nonce',
  15: 'Trust Anchor',
  16: 'Certificate',
  17: 'IP Address/Prefix Option',
  18: 'New Router Prefix Information',
  19: 'Link-layer Address',
  20: 'Neighbor Advertisement Acknowledgment',
  23: 'MAP',
  24: 'Route Information',
  25: 'Recursive DNS Server',
  26: 'RA Flags Extension',
  31: 'DNS Search List',
  33: 'Address Registration',
  34: '6LoWPAN Context',
  35: 'Authoritative Border Router',
  37: 'DHCP Captive-Portal',
  38: 'PREF64 Option',
};

const MLDR_RECORD_TYPES: Readonly<Record<number, string>> = {
  1: 'Include',
  2: 'Exclude',
  3: 'Changed to include',
  4: 'Changed to exclude',
  5: 'Allow new sources',
  6: 'Block old sources',
};

export const hf = declare('icmpv6', 'Internet Control Message Protocol v6', 'ICMPv6', {
  type: { abbrev: 'icmpv6.type', name: 'Type', type: 'uint', strings: TYPE_NAMES },
  code: { abbrev: 'icmpv6.code', name: 'Code', type: 'uint' },
  checksum: { abbrev: 'icmpv6.checksum', name: 'Checksum', type: 'uint', base: 'hex', bits: 16 },
  checksumStatus: {
    abbrev: 'icmpv6.checksum.status',
    name: 'Checksum Status',
    type: 'uint',
    base: 'none',
    strings: CHECKSUM_STATUS,
  },
  reserved: { abbrev: 'icmpv6.reserved', name: 'Reserved', type: 'bytes' },
  mtu: { abbrev: 'icmpv6.mtu', name: 'MTU', type: 'uint' },
  pointer: { abbrev: 'icmpv6.pointer', name: 'Pointer', type: 'uint' },
  echoId: { abbrev: 'icmpv6.echo.identifier', name: 'Identifier', type: 'uint', base: 'hex', bits: 16 },
  echoSeq: { abbrev: 'icmpv6.echo.sequence_number', name: 'Sequence', type: 'uint' },
  respIn: { abbrev: 'icmpv6.resp_in', name: 'Response In', type: 'framenum' },
  respTo: { abbrev: 'icmpv6.resp_to', name: 'Response To', type: 'framenum' },
  noResp: { abbrev: 'icmpv6.no_resp', name: 'No response seen', type: 'none' },
  respTime: { abbrev: 'icmpv6.resptime', name: 'Response Time', type: 'double', unit: 'ms' },
  // Neighbour discovery
  raCurHopLimit: { abbrev: 'icmpv6.nd.ra.cur_hop_limit', name: 'Cur hop limit', type: 'uint' },
  raFlag: { abbrev: 'icmpv6.nd.ra.flag', name: 'Flags', type: 'uint', base: 'hex', bits: 8 },
  raFlagM: { abbrev: 'icmpv6.nd.ra.flag.m', name: 'Managed address configuration', type: 'bool', mask: 0x80, bits: 8 },
  raFlagO: { abbrev: 'icmpv6.nd.ra.flag.o', name: 'Other configuration', type: 'bool', mask: 0x40, bits: 8 },
  raFlagH: { abbrev: 'icmpv6.nd.ra.flag.h', name: 'Home Agent', type: 'bool', mask: 0x20, bits: 8 },
  raFlagPrf: {
    abbrev: 'icmpv6.nd.ra.flag.prf',
    name: 'Prf (Default Router Preference)',
    type: 'uint',
    mask: 0x18,
    bits: 8,
  },
  raRouterLifetime: { abbrev: 'icmpv6.nd.ra.router_lifetime', name: 'Router lifetime (s)', type: 'uint' },
  raReachableTime: { abbrev: 'icmpv6.nd.ra.reachable_time', name: 'Reachable time (ms)', type: 'uint' },
  raRetransTimer: { abbrev: 'icmpv6.nd.ra.retrans_timer', name: 'Retrans timer (ms)', type: 'uint' },
  nsTarget: { abbrev: 'icmpv6.nd.ns.target_address', name: 'Target Address', type: 'ipv6' },
  naFlag: { abbrev: 'icmpv6.nd.na.flag', name: 'Flags', type: 'uint', base: 'hex', bits: 32 },
  naFlagR: { abbrev: 'icmpv6.nd.na.flag.r', name: 'Router', type: 'bool', mask: 0x80000000, bits: 32 },
  naFlagS: { abbrev: 'icmpv6.nd.na.flag.s', name: 'Solicited', type: 'bool', mask: 0x40000000, bits: 32 },
  naFlagO: { abbrev: 'icmpv6.nd.na.flag.o', name: 'Override', type: 'bool', mask: 0x20000000, bits: 32 },
  naFlagRsv: {
    abbrev: 'icmpv6.nd.na.flag.rsv',
    name: 'Reserved',
    type: 'uint',
    mask: 0x1fffffff,
    bits: 32,
  },
  naTarget: { abbrev: 'icmpv6.nd.na.target_address', name: 'Target Address', type: 'ipv6' },
  rdTarget: { abbrev: 'icmpv6.nd.rd.target_address', name: 'Target Address', type: 'ipv6' },
  rdDestination: { abbrev: 'icmpv6.nd.rd.destination_address', name: 'Destination Address', type: 'ipv6' },
  // Options
  opt: { abbrev: 'icmpv6.opt', name: 'ICMPv6 Option', type: 'none' },
  optType: { abbrev: 'icmpv6.opt.type', name: 'Type', type: 'uint', strings: OPTION_NAMES },
  optLength: { abbrev: 'icmpv6.opt.length', name: 'Length', type: 'uint' },
  optLinkaddrMac: { abbrev: 'icmpv6.opt.linkaddr', name: 'Link-layer address', type: 'ether' },
  optSrcLinkaddr: { abbrev: 'icmpv6.opt.src_linkaddr', name: 'Source Link-layer address', type: 'ether' },
  optTargetLinkaddr: { abbrev: 'icmpv6.opt.target_linkaddr', name: 'Target Link-layer address', type: 'ether' },
  optPrefixLength: { abbrev: 'icmpv6.opt.prefix.length', name: 'Prefix Length', type: 'uint' },
  optPrefixFlag: { abbrev: 'icmpv6.opt.prefix.flag', name: 'Flag', type: 'uint', base: 'hex', bits: 8 },
  optPrefixFlagL: { abbrev: 'icmpv6.opt.prefix.flag.l', name: 'On-link flag(L)', type: 'bool', mask: 0x80, bits: 8 },
  optPrefixFlagA: {
    abbrev: 'icmpv6.opt.prefix.flag.a',
    name: 'Autonomous address-configuration flag(A)',
    type: 'bool',
    mask: 0x40,
    bits: 8,
  },
  optPrefixValid: { abbrev: 'icmpv6.opt.prefix.valid_lifetime', name: 'Valid Lifetime', type: 'uint' },
  optPrefixPreferred: { abbrev: 'icmpv6.opt.prefix.preferred_lifetime', name: 'Preferred Lifetime', type: 'uint' },
  optPrefix: { abbrev: 'icmpv6.opt.prefix', name: 'Prefix', type: 'ipv6' },
  optMtu: { abbrev: 'icmpv6.opt.mtu', name: 'MTU', type: 'uint' },
  optRdnssLifetime: { abbrev: 'icmpv6.opt.rdnss.lifetime', name: 'Lifetime', type: 'uint' },
  optRdnss: { abbrev: 'icmpv6.opt.rdnss', name: 'Recursive DNS Servers', type: 'ipv6' },
  optData: { abbrev: 'icmpv6.opt.data', name: 'Data', type: 'bytes' },
  // MLD
  mldMaxDelay: { abbrev: 'icmpv6.mld.maximum_response_delay', name: 'Maximum Response Delay [ms]', type: 'uint' },
  mldMcast: { abbrev: 'icmpv6.mld.multicast_address', name: 'Multicast Address', type: 'ipv6' },
  mldrNbRecords: { abbrev: 'icmpv6.mldr.nb_mcast_records', name: 'Number of Multicast Address Records', type: 'uint' },
  mldrRecord: { abbrev: 'icmpv6.mldr.mar', name: 'Multicast Address Record', type: 'none' },
  mldrRecordType: {
    abbrev: 'icmpv6.mldr.mar.record_type',
    name: 'Record Type',
    type: 'uint',
    strings: MLDR_RECORD_TYPES,
  },
  mldrAuxLen: { abbrev: 'icmpv6.mldr.mar.aux_data_len', name: 'Aux Data Len', type: 'uint' },
  mldrNbSources: { abbrev: 'icmpv6.mldr.mar.nb_sources', name: 'Number of Sources', type: 'uint' },
  mldrMcast: { abbrev: 'icmpv6.mldr.mar.multicast_address', name: 'Multicast Address', type: 'ipv6' },
  mldrSource: { abbrev: 'icmpv6.mldr.mar.source_address', name: 'Source Address', type: 'ipv6' },
  mldqNbSources: { abbrev: 'icmpv6.mld.nb_sources', name: 'Number of Sources', type: 'uint' },
  mldqSource: { abbrev: 'icmpv6.mld.source_address', name: 'Source Address', type: 'ipv6' },
});

export const ICMPV6_ECHO = stateKey('icmpv6.echo', () => new EchoPairs());

/** The checksum over the IPv6 pseudo-header and the message; 0xffff when correct. */
function checksumOk(p: Packet, off: number, end: number): boolean {
  if (p.netType !== AddrType.IPv6) return false;
  const n = p.netData;
  let s = onesSum(n, p.netSrcOff, p.netSrcOff + 16);
  s = onesSum(n, p.netDstOff, p.netDstOff + 16, s);
  const len = end - off;
  s += Math.floor(len / 0x10000) + (len & 0xffff) + 58;
  s = onesSum(p.data, off, end, s);
  return foldSum(s) === 0xffff;
}

export function dissectIcmpv6(p: Packet, off: number, end: number): void {
  p.addLayer('icmpv6');
  p.setProtocol('ICMPv6');
  p.setInfo('');
  p.need(off, 4, end);
  const type = p.data[off];
  const code = p.data[off + 1];
  const typeName = TYPE_NAMES[type] ?? `Unknown (${type})`;
  const cname = codeName(type, code);
  const hlim = ipv6Last.hlim;
  if (p.cols) p.setInfo(cname ? `${typeName} (${cname})` : typeName);
  if (p.sink.active) {
    const avail = Math.min(end, p.data.length);
    p.open(hf.proto, off, avail - off, null, 0, 'Internet Control Message Protocol v6');
    p.add(hf.type, off, 1, type, 0, `Type: ${typeName} (${type})`);
    p.add(hf.code, off + 1, 1, code, 0, cname ? `Code: ${code} (${cname})` : `Code: ${code}`);
    const sum = p.dv.getUint16(off + 2);
    const verify = end <= p.data.length && !p.inError;
    addChecksum(p, hf.checksum, hf.checksumStatus, off + 2, sum, verify ? checksumOk(p, off, end) : null);
  }
  try {
    dissectBody(p, off, end, type, hlim);
  } finally {
    if (p.sink.active) p.close();
  }
}

function dissectBody(p: Packet, off: number, end: number, type: number, hlim: number): void {
  const dv = p.dv;
  const body = off + 4;
  switch (type) {
    case 1:
    case 2:
    case 3:
    case 4: {
      p.need(body, 4, end);
      if (p.sink.active) {
        if (type === 2) p.add(hf.mtu, body, 4);
        else if (type === 4) p.add(hf.pointer, body, 4);
        else p.add(hf.reserved, body, 4);
      }
      const q = body + 4;
      if (q < end && q < p.data.length) {
        const quoteEnd = Math.min(end, p.data.length);
        p.nest(() => dissectQuoted(p, () => dissectIpv6(p, q, quoteEnd, { inError: true })));
      }
      return;
    }
    case 128:
    case 129: {
      p.need(body, 4, end);
      const id = dv.getUint16(body);
      const seq = dv.getUint16(body + 2);
      let pair = '';
      let partner = -1;
      if (!p.inError) ({ partner, text: pair } = p.state.get(ICMPV6_ECHO).pair(p, type === 128, dv.getUint32(body)));
      if (p.cols) {
        let s = ` id=0x${id.toString(16).padStart(4, '0')}, seq=${seq}`;
        if (p.netType === AddrType.IPv6) s += `, hop limit=${hlim}`;
        p.appendInfo(s + pair);
      }
      if (p.sink.active) {
        p.add(hf.echoId, body, 2);
        p.add(hf.echoSeq, body + 2, 2);
        if (!p.inError) echoPair(p, off, type, partner);
      }
      // The data goes under the ICMPv6 item, as in Wireshark.
      if (body + 4 < end) p.nest(() => dissectData(p, body + 4, end));
      return;
    }
    case 130:
    case 131:
    case 132: {
      p.need(body, 20, end);
      if (p.sink.active) {
        p.add(hf.mldMaxDelay, body, 2);
        p.add(hf.reserved, body + 2, 2);
        p.add(hf.mldMcast, body + 4, 16);
        if (type === 130 && end - body >= 28 && end <= p.data.length) {
          const n = dv.getUint16(body + 22);
          p.add(hf.mldqNbSources, body + 22, 2);
          for (let i = 0, a = body + 24; i < n && a + 16 <= end; i++, a += 16) p.add(hf.mldqSource, a, 16);
        }
      }
      return;
    }
    case 143: {
      p.need(body, 4, end);
      if (p.sink.active) {
        const n = dv.getUint16(body + 2);
        p.add(hf.reserved, body, 2);
        p.add(hf.mldrNbRecords, body + 2, 2);
        let a = body + 4;
        const stop = Math.min(end, p.data.length);
        for (let i = 0; i < n && a + 20 <= stop; i++) {
          const rtype = p.data[a];
          const aux = p.data[a + 1] * 4;
          const nsrc = dv.getUint16(a + 2);
          const len = 20 + nsrc * 16 + aux;
          const mcast = formatIPv6(p.data, a + 4);
          p.open(
            hf.mldrRecord,
            a,
            Math.min(len, stop - a),
            null,
            0,
            `Multicast Address Record ${MLDR_RECORD_TYPES[rtype] ?? 'Unknown'}: ${mcast}`,
          );
          p.add(hf.mldrRecordType, a, 1);
          p.add(hf.mldrAuxLen, a + 1, 1);
          p.add(hf.mldrNbSources, a + 2, 2);
          p.add(hf.mldrMcast, a + 4, 16);
          for (let s = 0, q = a + 20; s < nsrc && q + 16 <= stop; s++, q += 16) p.add(hf.mldrSource, q, 16);
          p.close();
          a += len;
        }
      }
      return;
    }
    case 133: {
      p.need(body, 4, end);
      if (p.sink.active) p.add(hf.reserved, body, 4);
      ndOptions(p, body + 4, end);
      return;
    }
    case 134: {
      p.need(body, 12, end);
      if (p.sink.active) {
        p.add(hf.raCurHopLimit, body, 1);
        p.open(hf.raFlag, body + 1, 1);
        p.add(hf.raFlagM, body + 1, 1);
        p.add(hf.raFlagO, body + 1, 1);
        p.add(hf.raFlagH, body + 1, 1);
        p.add(hf.raFlagPrf, body + 1, 1);
        p.close();
        p.add(hf.raRouterLifetime, body + 2, 2);
        p.add(hf.raReachableTime, body + 4, 4);
        p.add(hf.raRetransTimer, body + 8, 4);
      }
      ndOptions(p, body + 12, end);
      return;
    }
    case 135: {
      p.need(body, 20, end);
      if (p.cols) p.appendInfo(` for ${formatIPv6(p.data, body + 4)}`);
      if (p.sink.active) {
        p.add(hf.reserved, body, 4);
        p.add(hf.nsTarget, body + 4, 16);
      }
      ndOptions(p, body + 20, end);
      return;
    }
    case 136: {
      p.need(body, 20, end);
      const flags = p.data[body];
      if (p.cols) {
        let s = ` ${formatIPv6(p.data, body + 4)}`;
        const names: string[] = [];
        if (flags & 0x80) names.push('rtr');
        if (flags & 0x40) names.push('sol');
        if (flags & 0x20) names.push('ovr');
        if (names.length) s += ` (${names.join(', ')})`;
        p.appendInfo(s);
      }
      if (p.sink.active) {
        const f = dv.getUint32(body);
        const set = [
          f & 0x80000000 ? 'Router' : '',
          f & 0x40000000 ? 'Solicited' : '',
          f & 0x20000000 ? 'Override' : '',
        ]
          .filter(Boolean)
          .map((n) => `, ${n}`)
          .join('');
        p.open(hf.naFlag, body, 4, undefined, VALUE_LABEL, `0x${f.toString(16).padStart(8, '0')}${set}`);
        p.add(hf.naFlagR, body, 4);
        p.add(hf.naFlagS, body, 4);
        p.add(hf.naFlagO, body, 4);
        p.add(hf.naFlagRsv, body, 4);
        p.close();
        p.add(hf.naTarget, body + 4, 16);
      }
      ndOptions(p, body + 20, end);
      return;
    }
    case 137: {
      p.need(body, 36, end);
      if (p.sink.active) {
        p.add(hf.reserved, body, 4);
        p.add(hf.rdTarget, body + 4, 16);
        p.add(hf.rdDestination, body + 20, 16);
      }
      ndOptions(p, body + 36, end);
      return;
    }
    default:
      if (body < end) dissectData(p, body, end);
  }
}

/** "[Response In: N]", or "[Response To: N]" and "[Response Time: x ms]" (tree only). */
function echoPair(p: Packet, off: number, type: number, partner: number): void {
  if (type === 128) {
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
  p.add(hf.respTime, off, 0, ms, GENERATED, `[Response Time: ${ms.toFixed(3)} ms]`);
}

/** Neighbour-discovery options. A zero length is invalid and stops the walk (each option is at least 8 bytes). */
function ndOptions(p: Packet, start: number, end: number): void {
  let o = start;
  while (o < end) {
    p.need(o, 2, end);
    const type = p.data[o];
    const len = p.data[o + 1] * 8;
    if (len === 0) {
      p.expert('error', 'Malformed', 'icmpv6.invalid_option_length', 'Invalid option length (Zero)');
      if (p.sink.active) p.text(o, 2, `ICMPv6 Option (${OPTION_NAMES[type] ?? 'Unknown'}): invalid length 0`);
      return;
    }
    p.need(o, len, end);
    const name = OPTION_NAMES[type] ?? `Unknown (${type})`;
    const v = o + 2;
    if ((type === 1 || type === 2) && len === 8 && p.cols) {
      p.appendInfo(`${type === 1 ? ' from' : ' is at'} ${formatEther(p.data, v)}`);
    }
    if (p.sink.active) {
      let label = `ICMPv6 Option (${name})`;
      if ((type === 1 || type === 2) && len === 8) label = label.slice(0, -1) + ` : ${formatEther(p.data, v)})`;
      p.open(hf.opt, o, len, null, 0, label);
      p.add(hf.optType, o, 1);
      p.add(hf.optLength, o + 1, 1, len, 0, `Length: ${len >> 3} (${len} bytes)`);
      switch (type) {
        case 1:
        case 2:
          if (len === 8) {
            p.add(hf.optLinkaddrMac, v, 6);
            p.add(type === 1 ? hf.optSrcLinkaddr : hf.optTargetLinkaddr, v, 6, undefined, HIDDEN);
          } else p.add(hf.optData, v, len - 2);
          break;
        case 3:
          if (len >= 32) {
            p.add(hf.optPrefixLength, v, 1);
            p.open(hf.optPrefixFlag, v + 1, 1);
            p.add(hf.optPrefixFlagL, v + 1, 1);
            p.add(hf.optPrefixFlagA, v + 1, 1);
            p.close();
            p.add(hf.optPrefixValid, v + 2, 4);
            p.add(hf.optPrefixPreferred, v + 6, 4);
            p.add(hf.optPrefix, v + 14, 16);
          }
          break;
        case 5:
          if (len >= 8) p.add(hf.optMtu, v + 2, 4);
          break;
        case 25:
          if (len >= 8) {
            p.add(hf.optRdnssLifetime, v + 2, 4);
            for (let a = o + 8; a + 16 <= o + len; a += 16) p.add(hf.optRdnss, a, 16);
          }
          break;
        default:
          if (len > 2) p.add(hf.optData, v, len - 2);
      }
      p.close();
    }
    o += len;
  }
}

ipProtos.add(58, dissectIcmpv6);
