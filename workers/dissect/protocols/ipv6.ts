// Internet Protocol version 6 (RFC 8200): fixed header, extension headers (hop-by-hop, routing, fragment,
// destination options), fragment reassembly, and dispatch on the final next-header value.
import { FragmentTable } from '../../reassembly/fragments';
import { etherTypes, ipProtos, pppProtocols } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, formatIPv6, hex } from '../packet';
import { declare } from '../registry';
import { GENERATED, HIDDEN, NESTED, VALUE_LABEL } from '../sinks';
import { stateKey } from '../state';
import { dissectData } from './data';
import { addFragmentTree, DSCP_NAMES, DSCP_SHORT, ECN_NAMES, ECN_SHORT, IP_PROTO_NAMES, ipProtoName } from './ip';
import type { FragmentFields } from './ip';

const OPT_NAMES: Readonly<Record<number, string>> = {
  0x00: 'Pad1',
  0x01: 'PadN',
  0x04: 'Tunnel Encapsulation Limit',
  0x05: 'Router Alert',
  0x06: 'Quick-Start',
  0x07: 'CALIPSO',
  0x08: 'SMF_DPD',
  0x0f: 'Alternate Marking',
  0x10: 'Minimum Path MTU',
  0x31: 'IOAM',
  0x63: 'RPL Option',
  0xc2: 'Jumbo Payload',
  0xc9: 'Home Address',
  0x8b: 'ILNP Nonce',
  0x8c: 'Line-Identification Option',
  0xee: 'IP_DFF',
};

const ROUTING_TYPES: Readonly<Record<number, string>> = {
  0: 'Source Route',
  1: 'Nimrod',
  2: 'Type 2 Routing',
  3: 'RPL Source Route',
  4: 'Segment Routing',
};

const RTALERT: Readonly<Record<number, string>> = {
  0: 'MLD',
  1: 'RSVP',
  2: 'Active Networks',
};

export const hf = declare('ipv6', 'Internet Protocol Version 6', 'IPv6', {
  version: { abbrev: 'ipv6.version', name: 'Version', type: 'uint', mask: 0xf0, bits: 8 },
  ipVersion: { abbrev: 'ip.version', name: 'Version', type: 'uint', mask: 0xf0, bits: 8 },
  tclass: { abbrev: 'ipv6.tclass', name: 'Traffic Class', type: 'uint', base: 'hex', mask: 0x0ff00000, bits: 32 },
  dscp: {
    abbrev: 'ipv6.tclass.dscp',
    name: 'Differentiated Services Codepoint',
    type: 'uint',
    mask: 0x0fc00000,
    bits: 32,
    strings: DSCP_NAMES,
  },
  ecn: {
    abbrev: 'ipv6.tclass.ecn',
    name: 'Explicit Congestion Notification',
    type: 'uint',
    mask: 0x00300000,
    bits: 32,
    strings: ECN_NAMES,
  },
  flow: { abbrev: 'ipv6.flow', name: 'Flow Label', type: 'uint', base: 'hex', mask: 0x0fffff, bits: 24 },
  srcSlaacMac: { abbrev: 'ipv6.src_slaac_mac', name: 'Source SLAAC MAC', type: 'ether' },
  dstSlaacMac: { abbrev: 'ipv6.dst_slaac_mac', name: 'Destination SLAAC MAC', type: 'ether' },
  slaacMac: { abbrev: 'ipv6.slaac_mac', name: 'SLAAC MAC', type: 'ether' },
  reassembledData: { abbrev: 'ipv6.reassembled.data', name: 'Reassembled IPv6 data', type: 'bytes' },
  plen: { abbrev: 'ipv6.plen', name: 'Payload Length', type: 'uint' },
  nxt: { abbrev: 'ipv6.nxt', name: 'Next Header', type: 'uint', strings: IP_PROTO_NAMES },
  hlim: { abbrev: 'ipv6.hlim', name: 'Hop Limit', type: 'uint' },
  src: { abbrev: 'ipv6.src', name: 'Source Address', type: 'ipv6' },
  addr: { abbrev: 'ipv6.addr', name: 'Source or Destination Address', type: 'ipv6' },
  srcHost: { abbrev: 'ipv6.src_host', name: 'Source Host', type: 'string' },
  host: { abbrev: 'ipv6.host', name: 'Source or Destination Host', type: 'string' },
  dst: { abbrev: 'ipv6.dst', name: 'Destination Address', type: 'ipv6' },
  dstHost: { abbrev: 'ipv6.dst_host', name: 'Destination Host', type: 'string' },
  bogusLen: { abbrev: 'ipv6.plen_exceeds_framing', name: 'Payload length exceeds framing length', type: 'none' },
  // Hop-by-hop and destination options
  hopopts: { abbrev: 'ipv6.hopopts', name: 'IPv6 Hop-by-Hop Option', type: 'protocol' },
  hopoptsNxt: { abbrev: 'ipv6.hopopts.nxt', name: 'Next Header', type: 'uint', strings: IP_PROTO_NAMES },
  hopoptsLen: { abbrev: 'ipv6.hopopts.len', name: 'Length', type: 'uint' },
  hopoptsLenOct: { abbrev: 'ipv6.hopopts.len_oct', name: 'Length', type: 'uint', unit: 'bytes' },
  dstopts: { abbrev: 'ipv6.dstopts', name: 'Destination Options for IPv6', type: 'protocol' },
  dstoptsNxt: { abbrev: 'ipv6.dstopts.nxt', name: 'Next Header', type: 'uint', strings: IP_PROTO_NAMES },
  dstoptsLen: { abbrev: 'ipv6.dstopts.len', name: 'Length', type: 'uint' },
  dstoptsLenOct: { abbrev: 'ipv6.dstopts.len_oct', name: 'Length', type: 'uint', unit: 'bytes' },
  opt: { abbrev: 'ipv6.opt', name: 'IPv6 Option', type: 'none' },
  optType: { abbrev: 'ipv6.opt.type', name: 'Type', type: 'uint', base: 'hex', bits: 8, strings: OPT_NAMES },
  optLength: { abbrev: 'ipv6.opt.length', name: 'Length', type: 'uint' },
  optTypeAction: {
    abbrev: 'ipv6.opt.type.action',
    name: 'Action',
    type: 'uint',
    mask: 0xc0,
    bits: 8,
    strings: {
      0: 'Skip and continue',
      1: 'Discard',
      2: 'Discard and send ICMP Parameter Problem',
      3: 'Discard and send ICMP if not multicast',
    },
  },
  optTypeChange: {
    abbrev: 'ipv6.opt.type.change',
    name: 'May Change',
    type: 'bool',
    mask: 0x20,
    bits: 8,
    tf: ['Yes', 'No'],
  },
  optTypeRest: { abbrev: 'ipv6.opt.type.rest', name: 'Low-Order Bits', type: 'uint', base: 'hex', mask: 0x1f, bits: 8 },
  optPad1: { abbrev: 'ipv6.opt.pad1', name: 'Pad1', type: 'none' },
  optPadn: { abbrev: 'ipv6.opt.padn', name: 'PadN', type: 'bytes' },
  optRtalert: { abbrev: 'ipv6.opt.router_alert', name: 'Router Alert', type: 'uint', strings: RTALERT },
  optJumbo: { abbrev: 'ipv6.opt.jumbo', name: 'Payload Length', type: 'uint' },
  optTel: { abbrev: 'ipv6.opt.tel', name: 'Tunnel Encapsulation Limit', type: 'uint' },
  optUnknown: { abbrev: 'ipv6.opt.unknown', name: 'Unknown Option Payload', type: 'bytes' },
  // Routing header
  routing: { abbrev: 'ipv6.routing', name: 'Routing Header for IPv6', type: 'protocol' },
  routingNxt: { abbrev: 'ipv6.routing.nxt', name: 'Next Header', type: 'uint', strings: IP_PROTO_NAMES },
  routingLen: { abbrev: 'ipv6.routing.len', name: 'Length', type: 'uint' },
  routingLenOct: { abbrev: 'ipv6.routing.len_oct', name: 'Length', type: 'uint', unit: 'bytes' },
  routingType: { abbrev: 'ipv6.routing.type', name: 'Type', type: 'uint', strings: ROUTING_TYPES },
  routingSegleft: { abbrev: 'ipv6.routing.segleft', name: 'Segments Left', type: 'uint' },
  routingData: { abbrev: 'ipv6.routing.data', name: 'Data', type: 'bytes' },
  // Fragment header
  fraghdr: { abbrev: 'ipv6.fraghdr', name: 'Fragment Header for IPv6', type: 'protocol' },
  fraghdrNxt: { abbrev: 'ipv6.fraghdr.nxt', name: 'Next header', type: 'uint', strings: IP_PROTO_NAMES },
  fraghdrReservedOctet: { abbrev: 'ipv6.fraghdr.reserved_octet', name: 'Reserved octet', type: 'uint', base: 'hex' },
  fraghdrOffset: { abbrev: 'ipv6.fraghdr.offset', name: 'Offset', type: 'uint', mask: 0xfff8, bits: 16 },
  fraghdrReservedBits: {
    abbrev: 'ipv6.fraghdr.reserved_bits',
    name: 'Reserved bits',
    type: 'uint',
    mask: 0x0006,
    bits: 16,
  },
  fraghdrMore: {
    abbrev: 'ipv6.fraghdr.more',
    name: 'More Fragments',
    type: 'bool',
    mask: 0x0001,
    bits: 16,
    tf: ['Yes', 'No'],
  },
  fraghdrIdent: { abbrev: 'ipv6.fraghdr.ident', name: 'Identification', type: 'uint', base: 'hex', bits: 32 },
  // Reassembly
  fragments: { abbrev: 'ipv6.fragments', name: 'IPv6 Fragments', type: 'none' },
  fragment: { abbrev: 'ipv6.fragment', name: 'IPv6 Fragment', type: 'framenum' },
  fragmentCount: { abbrev: 'ipv6.fragment.count', name: 'Fragment count', type: 'uint' },
  reassembledIn: { abbrev: 'ipv6.reassembled_in', name: 'Reassembled IPv6 in frame', type: 'framenum' },
  reassembledLength: { abbrev: 'ipv6.reassembled.length', name: 'Reassembled IPv6 length', type: 'uint' },
});

/** IPv6 fragments of the capture (first pass writes, second pass reads). */
export const IPV6_FRAGMENTS = stateKey('ipv6.fragments', () => new FragmentTable());

/** The hop limit of the innermost IPv6 header being dissected (ICMPv6 shows it in Info). */
export const ipv6Last = { hlim: 0 };

const NH_HOPOPTS = 0;
const NH_ROUTING = 43;
const NH_FRAGMENT = 44;
const NH_NONE = 59;
const NH_DSTOPTS = 60;

export interface InnerIpv6Options {
  /** True inside an ICMPv6 error: no reassembly. */
  inError: boolean;
}

export function dissectIpv6(p: Packet, off: number, end: number, inner?: InnerIpv6Options): void {
  p.need(off, 1, end);
  const version = p.data[off] >> 4;
  p.addLayer('ipv6');
  p.setProtocol('IPv6');
  p.setInfo('');
  if (version !== 6) {
    if (p.cols) p.setInfo(`Bogus IPv6 version (${version}, must be 6)`);
    if (p.sink.active) {
      p.open(hf.proto, off, Math.min(40, end - off), null, 0, 'Internet Protocol Version 6');
      p.add(hf.version, off, 1);
      p.close();
    }
    p.expert('error', 'Protocol', 'ipv6.bogus_ipv6_version', 'Bogus IP version');
    return;
  }
  p.need(off, 40, end);
  const dv = p.dv;
  let plen = dv.getUint16(off + 4);
  const nxt = p.data[off + 6];
  const hlim = p.data[off + 7];
  ipv6Last.hlim = hlim;
  p.setAddresses(AddrType.IPv6, off + 8, off + 24);
  p.setNetAddresses(AddrType.IPv6, off + 8, off + 24);
  const inError = inner?.inError ?? false;

  const reported = end - off - 40;
  let payEnd = end;
  if (plen === 0 && nxt === NH_HOPOPTS) {
    const jumbo = findJumbo(p, off + 40, end);
    if (jumbo > 0) plen = jumbo;
  }
  if (plen === 0) {
    // No length (TSO or a jumbogram without its option): the payload is what the layer below reported.
    payEnd = end;
  } else if (plen > reported) {
    if (!inError)
      p.expert(
        'error',
        'Protocol',
        'ipv6.plen_exceeds_framing',
        `IPv6 payload length exceeds framing length (${reported} bytes)`,
      );
  } else payEnd = off + 40 + plen;

  // The IPv6 item stays open over the extension headers and the payload (they go under it or beside it).
  const depth = p.openDepth;
  if (p.sink.active) addFixedHeader(p, off, plen);
  try {
    headersAndPayload(p, off, nxt, payEnd, inError);
  } finally {
    p.unwind(depth);
  }
}

function headersAndPayload(p: Packet, off: number, first: number, payEnd: number, inError: boolean): void {
  let nxt = first;

  // Extension headers. Each one is at least 8 bytes, so the loop always moves on.
  let o = off + 40;
  for (;;) {
    if (nxt === NH_HOPOPTS || nxt === NH_DSTOPTS) {
      p.need(o, 2, payEnd);
      const len = (p.data[o + 1] + 1) * 8;
      p.need(o, len, payEnd);
      const hop = nxt === NH_HOPOPTS;
      p.addLayer(hop ? 'ipv6.hopopts' : 'ipv6.dstopts');
      const next = p.data[o];
      if (p.sink.active) addOptionsHeader(p, o, len, hop);
      nxt = next;
      o += len;
      continue;
    }
    if (nxt === NH_ROUTING) {
      p.need(o, 4, payEnd);
      const len = (p.data[o + 1] + 1) * 8;
      p.need(o, len, payEnd);
      p.addLayer('ipv6.routing');
      const next = p.data[o];
      if (p.sink.active) addRoutingHeader(p, o, len);
      nxt = next;
      o += len;
      continue;
    }
    if (nxt === NH_FRAGMENT) {
      p.need(o, 8, payEnd);
      p.addLayer('ipv6.fraghdr');
      dissectFragment(p, off, o, payEnd, inError);
      return;
    }
    break;
  }
  dissectNext(p, nxt, o, payEnd);
}

/** Dispatch what follows the IPv6 headers; unknown next headers become data with Info "NAME (N)". */
function dissectNext(p: Packet, nxt: number, off: number, end: number): void {
  if (nxt === NH_NONE) return;
  if (end - off <= 0) return;
  if (!ipProtos.call(nxt, p, off, end)) {
    if (p.cols) p.setInfo(`${ipProtoName(nxt)} (${nxt})`);
    dissectData(p, off, end);
  }
}

function dissectFragment(p: Packet, ipOff: number, o: number, payEnd: number, inError: boolean): void {
  const next = p.data[o];
  const offlg = p.dv.getUint16(o + 2);
  const fragOff = offlg & 0xfff8;
  const more = (offlg & 1) !== 0;
  const ident = p.dv.getUint32(o + 4);
  if (p.cols)
    p.setInfo(
      `IPv6 fragment (off=${fragOff} more=${more ? 'y' : 'n'} ident=0x${ident.toString(16).padStart(8, '0')} nxt=${next})`,
    );
  if (p.sink.active) {
    p.open(hf.fraghdr, o, 8, null, NESTED, `Fragment Header for IPv6`);
    p.add(hf.fraghdrNxt, o, 1, next, 0, `Next header: ${ipProtoName(next)} (${next})`);
    p.add(hf.fraghdrReservedOctet, o + 1, 1);
    p.add(hf.fraghdrOffset, o + 2, 2, fragOff >> 3, VALUE_LABEL, `${fragOff >> 3} (${fragOff} bytes)`);
    p.add(hf.fraghdrReservedBits, o + 2, 2);
    p.add(hf.fraghdrMore, o + 2, 2);
    p.add(hf.fraghdrIdent, o + 4, 4);
    p.close();
  }
  const payOff = o + 8;
  if (fragOff === 0 && !more) {
    // An atomic fragment (RFC 6946): nothing to reassemble.
    dissectNext(p, next, payOff, payEnd);
    return;
  }
  const allThere = payEnd <= p.data.length && payOff <= payEnd;
  if (!inError && allThere) {
    const table = p.state.get(IPV6_FRAGMENTS);
    if (p.pass === 1) {
      const key = `${hex(p.data, ipOff + 8, 32)}/${ident}`;
      table.add(key, p.index, fragOff, p.data.subarray(payOff, payEnd), more);
    }
    const inIndex = table.reassembledIn(p.index);
    const whole = inIndex === p.index ? table.datagram(p.index) : undefined;
    if (whole) {
      p.withSource(`Reassembled IPv6 (${whole.length} bytes)`, whole, () => {
        if (p.sink.active) addFragmentTree(p, 'IPv6', hfFragments, table.parts(p.index), whole);
        dissectNext(p, next, 0, whole.length);
      });
      return;
    }
    if (p.sink.active && inIndex >= 0) p.add(hf.reassembledIn, payOff, 0, inIndex + 1, GENERATED);
    dissectData(p, payOff, payEnd);
    return;
  }
  if (fragOff === 0) dissectNext(p, next, payOff, payEnd);
  else dissectData(p, payOff, payEnd);
}

/** The value of a Jumbo Payload option in the hop-by-hop header at `o`, or 0. */
function findJumbo(p: Packet, o: number, end: number): number {
  if (o + 2 > end || o + 2 > p.data.length) return 0;
  const hend = Math.min(end, p.data.length, o + (p.data[o + 1] + 1) * 8);
  let q = o + 2;
  while (q < hend) {
    const t = p.data[q];
    if (t === 0) {
      q++;
      continue;
    }
    if (q + 1 >= hend) break;
    const len = p.data[q + 1];
    if (t === 0xc2 && len === 4 && q + 6 <= hend) return p.dv.getUint32(q + 2);
    q += 2 + len;
  }
  return 0;
}

function addFixedHeader(p: Packet, off: number, plen: number): void {
  const src = formatIPv6(p.data, off + 8);
  const dst = formatIPv6(p.data, off + 24);
  const word = p.dv.getUint32(off);
  const tc = (word >>> 20) & 0xff;
  p.open(hf.proto, off, 40, null, 0, `Internet Protocol Version 6, Src: ${src}, Dst: ${dst}`);
  p.add(hf.version, off, 1);
  p.add(hf.ipVersion, off, 1, undefined, HIDDEN);
  p.open(
    hf.tclass,
    off,
    4,
    undefined,
    VALUE_LABEL,
    `0x${tc.toString(16).padStart(2, '0')} (DSCP: ${DSCP_SHORT[tc >> 2] ?? 'Unknown'}, ECN: ${ECN_SHORT[tc & 3]})`,
  );
  p.add(hf.dscp, off, 4);
  p.add(hf.ecn, off, 4);
  p.close();
  p.add(hf.flow, off + 1, 3);
  p.add(hf.plen, off + 4, 2, plen);
  const nxt = p.data[off + 6];
  p.add(hf.nxt, off + 6, 1, nxt, 0, `Next Header: ${nextHeaderName(nxt)} (${nxt})`);
  p.add(hf.hlim, off + 7, 1);
  p.add(hf.src, off + 8, 16);
  p.add(hf.addr, off + 8, 16, undefined, HIDDEN);
  p.add(hf.srcHost, off + 8, 16, src, HIDDEN | GENERATED);
  p.add(hf.host, off + 8, 16, src, HIDDEN | GENERATED);
  p.add(hf.dst, off + 24, 16);
  p.add(hf.addr, off + 24, 16, undefined, HIDDEN);
  p.add(hf.dstHost, off + 24, 16, dst, HIDDEN | GENERATED);
  p.add(hf.host, off + 24, 16, dst, HIDDEN | GENERATED);
  slaacMac(p, off + 8, hf.srcSlaacMac);
  slaacMac(p, off + 24, hf.dstSlaacMac);
}

/** An address whose interface identifier is a modified EUI-64 (…ff:fe…) shows the MAC it was made from. */
function slaacMac(p: Packet, a: number, id: number): void {
  const d = p.data;
  if (d[a + 11] !== 0xff || d[a + 12] !== 0xfe) return;
  const mac = new Uint8Array([d[a + 8] ^ 0x02, d[a + 9], d[a + 10], d[a + 13], d[a + 14], d[a + 15]]);
  p.add(id, a + 8, 8, mac, GENERATED);
  p.add(hf.slaacMac, a + 8, 8, mac, GENERATED | HIDDEN);
}

/** How the tree names next-header values (extension headers by their full names). */
const NEXT_HEADER_NAMES: Readonly<Record<number, string>> = {
  0: 'IPv6 Hop-by-Hop Option',
  43: 'Routing Header for IPv6',
  44: 'Fragment Header for IPv6',
  59: 'No Next Header for IPv6',
  60: 'Destination Options for IPv6',
};

function nextHeaderName(n: number): string {
  return NEXT_HEADER_NAMES[n] ?? ipProtoName(n);
}

const hfFragments: FragmentFields = {
  fragments: hf.fragments,
  fragment: hf.fragment,
  count: hf.fragmentCount,
  length: hf.reassembledLength,
  data: hf.reassembledData,
};

function addOptionsHeader(p: Packet, o: number, len: number, hop: boolean): void {
  const next = p.data[o];
  p.open(
    hop ? hf.hopopts : hf.dstopts,
    o,
    len,
    null,
    NESTED,
    hop ? 'IPv6 Hop-by-Hop Option' : 'Destination Options for IPv6',
  );
  p.add(hop ? hf.hopoptsNxt : hf.dstoptsNxt, o, 1, next, 0, `Next Header: ${ipProtoName(next)} (${next})`);
  p.add(hop ? hf.hopoptsLen : hf.dstoptsLen, o + 1, 1);
  p.add(hop ? hf.hopoptsLenOct : hf.dstoptsLenOct, o + 1, 1, len, GENERATED);
  const end = o + len;
  let q = o + 2;
  while (q < end) {
    const t = p.data[q];
    if (t === 0) {
      p.open(hf.opt, q, 1, null, 0, 'Pad1');
      p.add(hf.optType, q, 1);
      p.add(hf.optPad1, q, 1, null);
      p.close();
      q++;
      continue;
    }
    if (q + 2 > end) break;
    const olen = p.data[q + 1];
    const oend = Math.min(end, q + 2 + olen);
    const name = OPT_NAMES[t] ?? `Unknown IPv6 Option (0x${t.toString(16).padStart(2, '0')})`;
    p.open(hf.opt, q, oend - q, null, 0, name);
    // The type's bits: what to do with an unknown option, whether it may change en route, and the rest.
    p.open(hf.optType, q, 1);
    p.add(hf.optTypeAction, q, 1);
    p.add(hf.optTypeChange, q, 1);
    p.add(hf.optTypeRest, q, 1);
    p.close();
    p.add(hf.optLength, q + 1, 1);
    const body = q + 2;
    if (t === 1) {
      if (olen > 0) p.add(hf.optPadn, body, oend - body);
      else p.add(hf.optPadn, body, 0, new Uint8Array(0), 0, 'PadN: <none>');
    } else if (t === 5 && oend - body === 2) p.add(hf.optRtalert, body, 2);
    else if (t === 0xc2 && oend - body === 4) p.add(hf.optJumbo, body, 4);
    else if (t === 4 && oend - body === 1) p.add(hf.optTel, body, 1);
    else if (oend > body) p.add(hf.optUnknown, body, oend - body);
    p.close();
    q = body + olen;
  }
  p.close();
}

function addRoutingHeader(p: Packet, o: number, len: number): void {
  const next = p.data[o];
  const type = p.data[o + 2];
  p.open(hf.routing, o, len, null, NESTED, `Routing Header for IPv6 (${ROUTING_TYPES[type] ?? 'Unknown'})`);
  p.add(hf.routingNxt, o, 1, next, 0, `Next Header: ${ipProtoName(next)} (${next})`);
  p.add(hf.routingLen, o + 1, 1);
  p.add(hf.routingLenOct, o + 1, 1, len, GENERATED);
  p.add(hf.routingType, o + 2, 1);
  p.add(hf.routingSegleft, o + 3, 1);
  if (len > 4) p.add(hf.routingData, o + 4, len - 4);
  p.close();
}

function dissectIpv6Entry(p: Packet, off: number, end: number): void {
  dissectIpv6(p, off, end);
}

etherTypes.add(0x86dd, dissectIpv6Entry);
pppProtocols.add(0x0057, dissectIpv6Entry);
ipProtos.add(41, dissectIpv6Entry);
