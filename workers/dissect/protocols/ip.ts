// Internet Protocol version 4 (RFC 791): header, options, fragment reassembly, and dispatch on the protocol number.
import { FragmentTable } from '../../reassembly/fragments';
import type { FragmentPart } from '../../reassembly/fragments';
import { etherTypes, ipProtos, pppProtocols } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, be16, formatIPv4 } from '../packet';
import { CHECKSUM_STATUS, CHECKSUM_UNVERIFIED } from '../checksum';
import { declare } from '../registry';
import { GENERATED, HIDDEN, VALUE_LABEL } from '../sinks';
import { stateKey } from '../state';
import { dissectData } from './data';

/** IP protocol numbers as Wireshark names them (IANA's registry, Wireshark's short names). */
export const IP_PROTO_NAMES: Readonly<Record<number, string>> = {
  0: 'IPv6 hop-by-hop option',
  1: 'ICMP',
  2: 'IGMP',
  3: 'GGP',
  4: 'IPIP',
  5: 'Stream',
  6: 'TCP',
  7: 'CBT',
  8: 'EGP',
  9: 'IGRP',
  12: 'PUP',
  17: 'UDP',
  22: 'IDP',
  27: 'Reliable Data',
  29: 'ISO TP4',
  33: 'Datagram Congestion Control Protocol',
  41: 'IPv6',
  43: 'IPv6 routing',
  44: 'IPv6 fragment',
  46: 'Reservation Protocol',
  47: 'Generic Routing Encapsulation',
  50: 'Encap Security Payload',
  51: 'Authentication Header',
  58: 'ICMPv6',
  59: 'IPv6 no next header',
  60: 'IPv6 destination option',
  88: 'EIGRP',
  89: 'OSPF IGP',
  94: 'IP in IP',
  97: 'Ether in IP',
  103: 'PIM',
  108: 'IPComp',
  112: 'VRRP',
  113: 'PGM',
  115: 'Layer 2 Tunneling',
  132: 'SCTP',
  135: 'Mobile IPv6',
  136: 'UDPlite',
  137: 'MPLS in IP',
  139: 'Host Identity Protocol',
  140: 'Shim6 Protocol',
  143: 'Ethernet',
  253: 'Experimentation and testing',
  254: 'Experimentation and testing',
  255: 'Reserved',
};

export function ipProtoName(n: number): string {
  return IP_PROTO_NAMES[n] ?? 'Unknown';
}

export const DSCP_NAMES: Readonly<Record<number, string>> = {
  0: 'Default',
  8: 'Class Selector 1',
  10: 'Assured Forwarding 11',
  12: 'Assured Forwarding 12',
  14: 'Assured Forwarding 13',
  16: 'Class Selector 2',
  18: 'Assured Forwarding 21',
  20: 'Assured Forwarding 22',
  22: 'Assured Forwarding 23',
  24: 'Class Selector 3',
  26: 'Assured Forwarding 31',
  28: 'Assured Forwarding 32',
  30: 'Assured Forwarding 33',
  32: 'Class Selector 4',
  34: 'Assured Forwarding 41',
  36: 'Assured Forwarding 42',
  38: 'Assured Forwarding 43',
  40: 'Class Selector 5',
  44: 'Voice Admit',
  46: 'Expedited Forwarding',
  48: 'Class Selector 6',
  56: 'Class Selector 7',
};
export const DSCP_SHORT: Readonly<Record<number, string>> = {
  0: 'CS0',
  8: 'CS1',
  10: 'AF11',
  12: 'AF12',
  14: 'AF13',
  16: 'CS2',
  18: 'AF21',
  20: 'AF22',
  22: 'AF23',
  24: 'CS3',
  26: 'AF31',
  28: 'AF32',
  30: 'AF33',
  32: 'CS4',
  34: 'AF41',
  36: 'AF42',
  38: 'AF43',
  40: 'CS5',
  44: 'VA',
  46: 'EF',
  48: 'CS6',
  56: 'CS7',
};
export const ECN_NAMES: Readonly<Record<number, string>> = {
  0: 'Not ECN-Capable Transport',
  1: 'ECN-Capable Transport codepoint \u002701\u0027',
  2: 'ECN-Capable Transport codepoint \u002710\u0027',
  3: 'Congestion Experienced',
};
export const ECN_SHORT: Readonly<Record<number, string>> = { 0: 'Not-ECT', 1: 'ECT(1)', 2: 'ECT(0)', 3: 'CE' };

/** IPv4 option types (copied flag, class and number in one byte). */
const OPT_NAMES: Readonly<Record<number, string>> = {
  0x00: 'End of Options List (EOL)',
  0x01: 'No Operation (NOP)',
  0x07: 'Record Route',
  0x0a: 'Experimental Measurement',
  0x0b: 'MTU Probe',
  0x0c: 'MTU Reply',
  0x0f: 'Encode',
  0x19: 'Quick-Start',
  0x1e: 'RFC3692-style Experiment',
  0x44: 'Time Stamp',
  0x52: 'Traceroute',
  0x5e: 'RFC3692-style Experiment',
  0x82: 'Security',
  0x83: 'Loose Source Route',
  0x85: 'Extended Security',
  0x86: 'Commercial IP Security Option',
  0x88: 'Stream ID',
  0x89: 'Strict Source Route',
  0x8e: 'Experimental Access Control',
  0x90: 'IMI Traffic Descriptor',
  0x91: 'Extended Internet Protocol',
  0x93: 'Address Extension',
  0x94: 'Router Alert',
  0x95: 'Selective Directed Broadcast',
  0x97: 'Dynamic Packet State',
  0x98: 'Upstream Multicast Packet',
  0x9e: 'RFC3692-style Experiment',
  0xcd: 'Experimental Flow Control',
  0xde: 'RFC3692-style Experiment',
};
const OPT_CLASS: Readonly<Record<number, string>> = {
  0: 'Control',
  1: 'Reserved for future use',
  2: 'Debugging and measurement',
  3: 'Reserved for future use',
};
const TS_FLAGS: Readonly<Record<number, string>> = {
  0: 'Time stamps only',
  1: 'Time stamp and address',
  3: 'Time stamps for prespecified addresses',
};

export const hf = declare('ip', 'Internet Protocol Version 4', 'IPv4', {
  version: { abbrev: 'ip.version', name: 'Version', type: 'uint', mask: 0xf0, bits: 8 },
  hdrLen: { abbrev: 'ip.hdr_len', name: 'Header Length', type: 'uint', unit: 'bytes' },
  dsfield: { abbrev: 'ip.dsfield', name: 'Differentiated Services Field', type: 'uint', base: 'hex', bits: 8 },
  dscp: {
    abbrev: 'ip.dsfield.dscp',
    name: 'Differentiated Services Codepoint',
    type: 'uint',
    mask: 0xfc,
    bits: 8,
    strings: DSCP_NAMES,
  },
  ecn: {
    abbrev: 'ip.dsfield.ecn',
    name: 'Explicit Congestion Notification',
    type: 'uint',
    mask: 0x03,
    bits: 8,
    strings: ECN_NAMES,
  },
  len: { abbrev: 'ip.len', name: 'Total Length', type: 'uint' },
  id: { abbrev: 'ip.id', name: 'Identification', type: 'uint', base: 'hex_dec', bits: 16 },
  flags: { abbrev: 'ip.flags', name: 'Flags', type: 'uint', base: 'hex', mask: 0xe0, bits: 8 },
  flagsRb: { abbrev: 'ip.flags.rb', name: 'Reserved bit', type: 'bool', mask: 0x80, bits: 8 },
  flagsDf: { abbrev: 'ip.flags.df', name: "Don't fragment", type: 'bool', mask: 0x40, bits: 8 },
  flagsMf: { abbrev: 'ip.flags.mf', name: 'More fragments', type: 'bool', mask: 0x20, bits: 8 },
  fragOffset: { abbrev: 'ip.frag_offset', name: 'Fragment Offset', type: 'uint', mask: 0x1fff, bits: 16 },
  ttl: { abbrev: 'ip.ttl', name: 'Time to Live', type: 'uint' },
  protocol: { abbrev: 'ip.proto', name: 'Protocol', type: 'uint', strings: IP_PROTO_NAMES },
  checksum: { abbrev: 'ip.checksum', name: 'Header Checksum', type: 'uint', base: 'hex', bits: 16 },
  checksumStatus: {
    abbrev: 'ip.checksum.status',
    name: 'Header checksum status',
    type: 'uint',
    base: 'none',
    strings: CHECKSUM_STATUS,
  },
  src: { abbrev: 'ip.src', name: 'Source Address', type: 'ipv4' },
  addr: { abbrev: 'ip.addr', name: 'Source or Destination Address', type: 'ipv4' },
  srcHost: { abbrev: 'ip.src_host', name: 'Source Host', type: 'string' },
  host: { abbrev: 'ip.host', name: 'Source or Destination Host', type: 'string' },
  dst: { abbrev: 'ip.dst', name: 'Destination Address', type: 'ipv4' },
  dstHost: { abbrev: 'ip.dst_host', name: 'Destination Host', type: 'string' },
  curRt: { abbrev: 'ip.cur_rt', name: 'Current Route', type: 'ipv4' },
  options: { abbrev: 'ip.options', name: 'Options', type: 'none' },
  optType: { abbrev: 'ip.opt.type', name: 'Type', type: 'uint', strings: OPT_NAMES },
  optTypeCopy: { abbrev: 'ip.opt.type.copy', name: 'Copy on fragmentation', type: 'bool', mask: 0x80, bits: 8 },
  optTypeClass: { abbrev: 'ip.opt.type.class', name: 'Class', type: 'uint', mask: 0x60, bits: 8, strings: OPT_CLASS },
  optTypeNumber: { abbrev: 'ip.opt.type.number', name: 'Number', type: 'uint', mask: 0x1f, bits: 8 },
  optLen: { abbrev: 'ip.opt.len', name: 'Length', type: 'uint' },
  optPtr: { abbrev: 'ip.opt.ptr', name: 'Pointer', type: 'uint' },
  optRecRt: { abbrev: 'ip.opt.rec_rt', name: 'Recorded Route', type: 'ipv4' },
  optSrcRt: { abbrev: 'ip.opt.src_rt', name: 'Source Route', type: 'ipv4' },
  optRa: { abbrev: 'ip.opt.ra', name: 'Router Alert', type: 'uint', strings: { 0: 'Router shall examine packet' } },
  optTsOverflow: { abbrev: 'ip.opt.ts_overflow', name: 'Overflow', type: 'uint', mask: 0xf0, bits: 8 },
  optTsFlag: { abbrev: 'ip.opt.ts_flg', name: 'Flag', type: 'uint', mask: 0x0f, bits: 8, strings: TS_FLAGS },
  optTsAddr: { abbrev: 'ip.opt.time_stamp_addr', name: 'Address', type: 'ipv4' },
  optTs: { abbrev: 'ip.opt.time_stamp', name: 'Time stamp', type: 'uint' },
  optSid: { abbrev: 'ip.opt.sid', name: 'Stream Identifier', type: 'uint' },
  optSecRestriction: { abbrev: 'ip.opt.sec_cl', name: 'Classification Level', type: 'uint', base: 'hex', bits: 8 },
  optData: { abbrev: 'ip.opt.data', name: 'Data', type: 'bytes' },
  optPadding: { abbrev: 'ip.opt.padding', name: 'Padding', type: 'bytes' },
  fragments: { abbrev: 'ip.fragments', name: 'IPv4 Fragments', type: 'bytes' },
  fragment: { abbrev: 'ip.fragment', name: 'IPv4 Fragment', type: 'framenum' },
  fragmentCount: { abbrev: 'ip.fragment.count', name: 'Fragment count', type: 'uint' },
  reassembledIn: { abbrev: 'ip.reassembled_in', name: 'Reassembled IPv4 in frame', type: 'framenum' },
  reassembledLength: { abbrev: 'ip.reassembled.length', name: 'Reassembled IPv4 length', type: 'uint' },
  reassembledData: { abbrev: 'ip.reassembled.data', name: 'Reassembled IPv4 data', type: 'bytes' },
  bogusLen: { abbrev: 'ip.bogus_ip_length', name: 'Bogus IP length', type: 'none' },
  bogusVersion: { abbrev: 'ip.bogus_ip_version', name: 'Bogus IP version', type: 'none' },
});

/** IPv4 fragments of the capture (first pass writes, second pass reads). */
export const IPV4_FRAGMENTS = stateKey('ip.fragments', () => new FragmentTable());

const IPOPT_EOL = 0;
const IPOPT_NOP = 1;
const IPOPT_LSRR = 0x83;
const IPOPT_SSRR = 0x89;

/**
 * Options: where the final destination of a source-routed datagram is (the last address of a LSRR/SSRR option whose
 * pointer is valid), as an offset from the start of the header; 16 (the destination field) otherwise.
 */
function destinationOffset(data: Uint8Array, start: number, end: number): number {
  let o = start;
  while (o < end) {
    const t = data[o];
    if (t === IPOPT_EOL) break;
    if (t === IPOPT_NOP) {
      o++;
      continue;
    }
    if (o + 1 >= end) break;
    const len = data[o + 1];
    if (len < 2 || o + len > end) break;
    if ((t === IPOPT_LSRR || t === IPOPT_SSRR) && len >= 3) {
      const ptr = data[o + 2];
      if (ptr < 4 || (ptr & 3) !== 0 || ptr > len) return -1;
      if (len >= 7) return o + len - 4;
      return -1;
    }
    o += len;
  }
  return -1;
}

/** Context for an IPv4 header seen inside an ICMP error message. */
export interface InnerIpOptions {
  /** True inside an ICMP error: no reassembly, no length complaints. */
  inError: boolean;
}

/** Dissect an IPv4 datagram at `off` (version nibble must be 4; 6 is handed to IPv6 as Wireshark does). */
export function dissectIp(p: Packet, off: number, end: number, inner?: InnerIpOptions): void {
  p.need(off, 1, end);
  const vhl = p.data[off];
  const version = vhl >> 4;
  const hlen = (vhl & 15) * 4;
  p.addLayer('ip');
  p.setProtocol('IPv4');
  p.setInfo('');
  if (version !== 4) {
    if (p.cols) p.setInfo(`Bogus IPv4 version (${version}, must be 4)`);
    if (p.sink.active) {
      p.open(hf.proto, off, Math.max(0, Math.min(hlen, end - off)), null, 0, 'Internet Protocol Version 4');
      p.add(hf.version, off, 1);
      p.add(hf.bogusVersion, off, 1, null);
      p.close();
    }
    p.expert('error', 'Protocol', 'ip.bogus_ip_version', 'Bogus IPv4 version');
    if (version === 6) {
      const v6 = etherTypes.get(0x86dd);
      if (v6) v6(p, off, end);
    }
    return;
  }
  if (hlen < 20) {
    if (p.cols) p.setInfo(`Bogus IP header length (${hlen}, must be at least 20)`);
    if (p.sink.active) {
      p.open(hf.proto, off, Math.min(hlen, end - off), null, 0, 'Internet Protocol Version 4');
      p.add(hf.version, off, 1);
      p.add(hf.hdrLen, off, 1, hlen, 0, `Header Length: ${hlen} bytes (bogus, must be at least 20)`);
      p.close();
    }
    return;
  }
  p.need(off, 20, end);
  const d = p.data;
  let totalLen = be16(d, off + 2);
  // A zero total length comes from TCP segmentation offload: the datagram is what was captured.
  const tso = totalLen === 0;
  if (tso) totalLen = end - off;
  let ipEnd = end;
  if (totalLen < hlen) {
    if (p.cols) p.setInfo(`Bogus IP length (${totalLen}, less than header length ${hlen})`);
    if (p.sink.active) {
      p.open(hf.proto, off, 20, null, 0, 'Internet Protocol Version 4');
      p.add(hf.version, off, 1);
      p.add(hf.hdrLen, off, 1, hlen, 0, `Header Length: ${hlen} bytes (${hlen >> 2})`);
      p.add(hf.dsfield, off + 1, 1);
      p.add(
        hf.len,
        off + 2,
        2,
        totalLen,
        0,
        `Total Length: ${totalLen} bytes (bogus, less than header length ${hlen})`,
      );
      p.close();
    }
    p.expert('error', 'Protocol', 'ip.bogus_ip_length', 'Bogus IP length');
    return;
  }
  // The layer below may report more bytes than the datagram (Ethernet padding): keep the datagram's own length.
  const reported = end - off;
  if (totalLen <= reported || (inner?.inError ?? false)) ipEnd = Math.min(end, off + totalLen);
  else
    p.expert('error', 'Protocol', 'ip.bogus_ip_length', `IPv4 total length exceeds packet length (${reported} bytes)`);
  // The whole header must be there before anything depends on it.
  p.need(off, hlen, end);
  const id = be16(d, off + 4);
  const offWord = be16(d, off + 6);
  const more = (offWord & 0x2000) !== 0;
  const fragOff = (offWord & 0x1fff) * 8;
  const ttl = p.data[off + 8];
  const proto = p.data[off + 9];
  const dstOpt = hlen > 20 ? destinationOffset(p.data, off + 20, off + hlen) : -1;
  const dstOff = dstOpt >= 0 ? dstOpt : off + 16;
  p.setAddresses(AddrType.IPv4, off + 12, dstOff);
  p.setNetAddresses(AddrType.IPv4, off + 12, dstOff);

  const depth = p.openDepth;
  if (p.sink.active) addHeaderFields(p, off, hlen, totalLen, offWord, ttl, proto, dstOpt);
  try {
    dissectBody(p, off, end, ipEnd, hlen, totalLen, offWord, id, proto, more, fragOff, inner);
  } finally {
    p.unwind(depth);
  }
}

function dissectBody(
  p: Packet,
  off: number,
  end: number,
  ipEnd: number,
  hlen: number,
  totalLen: number,
  offWord: number,
  id: number,
  proto: number,
  more: boolean,
  fragOff: number,
  inner: InnerIpOptions | undefined,
): void {
  const payOff = off + hlen;
  const inError = inner?.inError ?? false;
  const fragmented = (offWord & 0x3fff) !== 0;
  if (fragmented && !inError && totalLen >= hlen && off + totalLen <= Math.min(end, p.data.length)) {
    const table = p.state.get(IPV4_FRAGMENTS);
    if (p.pass === 1) {
      const key = `${p.netSrc4}/${p.netDst4}/${id}/${proto}`;
      table.add(key, p.index, fragOff, p.data.subarray(payOff, off + totalLen), more);
    }
    const inIndex = table.reassembledIn(p.index);
    const whole = inIndex === p.index ? table.datagram(p.index) : undefined;
    if (whole) {
      p.withSource(`Reassembled IPv4 (${whole.length} bytes)`, whole, () => {
        if (p.sink.active) addFragmentTree(p, 'IPv4', hfFragments, table.parts(p.index), whole);
        dissectPayload(p, proto, 0, whole.length);
      });
      return;
    }
    fragmentInfo(p, proto, fragOff, id, inIndex);
    if (p.sink.active && inIndex >= 0) p.add(hf.reassembledIn, payOff, 0, inIndex + 1, GENERATED);
    dissectData(p, payOff, ipEnd);
    return;
  }
  if (fragOff !== 0) {
    fragmentInfo(p, proto, fragOff, id, -1);
    dissectData(p, payOff, ipEnd);
    return;
  }
  dissectPayload(p, proto, payOff, ipEnd);
}

/** The fields of a fragment tree ("[6 IPv4 Fragments (8320 bytes): #1(1480), …]"). */
export interface FragmentFields {
  fragments: number;
  fragment: number;
  count: number;
  length: number;
  data: number;
}
const hfFragments: FragmentFields = {
  fragments: hf.fragments,
  fragment: hf.fragment,
  count: hf.fragmentCount,
  length: hf.reassembledLength,
  data: hf.reassembledData,
};

/**
 * Under the IP item of the packet that completed a datagram: its fragments, each linking to its frame, then the
 * count, length and bytes (items point into the reassembled buffer, the current data).
 */
export function addFragmentTree(
  p: Packet,
  kind: string,
  f: FragmentFields,
  parts: readonly FragmentPart[],
  whole: Uint8Array,
): void {
  let label = `${parts.length} ${kind} Fragments (${whole.length} bytes): `;
  parts.forEach((pt, k) => {
    label += `${k ? ', ' : ''}#${pt.packet + 1}(${pt.length})`;
  });
  // Wireshark appends the list, which cuts the label at 239 bytes without a mark.
  p.open(f.fragments, 0, whole.length, null, GENERATED, `[${label.slice(0, 239)}]`);
  for (const pt of parts) {
    const last = pt.offset + pt.length - 1;
    p.add(
      f.fragment,
      pt.offset,
      pt.length,
      pt.packet + 1,
      GENERATED,
      `[Frame: ${pt.packet + 1}, payload: ${pt.offset}-${last} (${pt.length} byte${pt.length === 1 ? '' : 's'})]`,
    );
  }
  p.add(f.count, 0, 0, parts.length, GENERATED);
  p.add(f.length, 0, 0, whole.length, GENERATED);
  p.add(f.data, 0, whole.length, whole, GENERATED);
  p.close();
}

function fragmentInfo(p: Packet, proto: number, fragOff: number, id: number, inIndex: number): void {
  if (!p.cols) return;
  let s = `Fragmented IP protocol (proto=${ipProtoName(proto)} ${proto}, off=${fragOff}, ID=${id.toString(16).padStart(4, '0')})`;
  if (inIndex >= 0 && inIndex !== p.index) s += ` [Reassembled in #${inIndex + 1}]`;
  p.setInfo(s);
}

function dissectPayload(p: Packet, proto: number, off: number, end: number): void {
  if (end - off <= 0) return;
  if (!ipProtos.call(proto, p, off, end)) {
    if (p.cols) p.setInfo(`${ipProtoName(proto)} (${proto})`);
    dissectData(p, off, end);
  }
}

function addHeaderFields(
  p: Packet,
  off: number,
  hlen: number,
  totalLen: number,
  offWord: number,
  ttl: number,
  proto: number,
  dstOpt: number,
): void {
  const data = p.data;
  const src = formatIPv4(data, off + 12);
  const dstOff = dstOpt >= 0 ? dstOpt : off + 16;
  const dst = formatIPv4(data, dstOff);
  p.open(hf.proto, off, hlen, null, 0, `Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`);
  p.add(hf.version, off, 1);
  p.add(
    hf.hdrLen,
    off,
    1,
    hlen,
    0,
    `.... ${((hlen >> 2) & 15).toString(2).padStart(4, '0')} = Header Length: ${hlen} bytes (${hlen >> 2})`,
  );
  const tos = data[off + 1];
  p.open(
    hf.dsfield,
    off + 1,
    1,
    undefined,
    0,
    `Differentiated Services Field: 0x${tos.toString(16).padStart(2, '0')} (DSCP: ${DSCP_SHORT[tos >> 2] ?? 'Unknown'}, ECN: ${ECN_SHORT[tos & 3]})`,
  );
  p.add(hf.dscp, off + 1, 1);
  p.add(hf.ecn, off + 1, 1);
  p.close();
  p.add(hf.len, off + 2, 2);
  p.add(
    hf.id,
    off + 4,
    2,
    undefined,
    0,
    `Identification: 0x${p.dv
      .getUint16(off + 4)
      .toString(16)
      .padStart(4, '0')} (${be16(p.data, off + 4)})`,
  );
  const flags = offWord >> 13;
  const flagText = flags & 2 ? ", Don't fragment" : flags & 1 ? ', More fragments' : '';
  p.open(hf.flags, off + 6, 1, undefined, VALUE_LABEL, `0x${flags.toString(16)}${flagText}`);
  p.add(hf.flagsRb, off + 6, 1);
  p.add(hf.flagsDf, off + 6, 1);
  p.add(hf.flagsMf, off + 6, 1);
  p.close();
  p.add(hf.fragOffset, off + 6, 2, (offWord & 0x1fff) * 8);
  p.add(hf.ttl, off + 8, 1, ttl);
  p.add(hf.protocol, off + 9, 1, proto, 0, `Protocol: ${ipProtoName(proto)} (${proto})`);
  const sum = be16(p.data, off + 10);
  p.add(
    hf.checksum,
    off + 10,
    2,
    sum,
    0,
    `Header Checksum: 0x${sum.toString(16).padStart(4, '0')} [validation disabled]`,
  );
  p.add(hf.checksumStatus, off + 10, 0, CHECKSUM_UNVERIFIED, GENERATED);
  p.add(hf.src, off + 12, 4);
  p.add(hf.addr, off + 12, 4, undefined, HIDDEN);
  p.add(hf.srcHost, off + 12, 4, src, HIDDEN | GENERATED);
  p.add(hf.host, off + 12, 4, src, HIDDEN | GENERATED);
  if (dstOpt >= 0) {
    p.add(hf.curRt, off + 16, 4);
  }
  p.add(hf.dst, dstOff, 4, undefined, 0);
  p.add(hf.addr, dstOff, 4, undefined, HIDDEN);
  p.add(hf.dstHost, dstOff, 4, dst, HIDDEN | GENERATED);
  p.add(hf.host, dstOff, 4, dst, HIDDEN | GENERATED);
  if (hlen > 20) addOptions(p, off + 20, off + hlen);
  void totalLen;
}

function optName(t: number): string {
  return OPT_NAMES[t] ?? `Unknown (0x${t.toString(16).padStart(2, '0')})`;
}

/** The options of the header, as a subtree (tree only: nothing here affects columns). */
function addOptions(p: Packet, start: number, end: number): void {
  const data = p.data;
  const optLen = end - start;
  p.open(hf.options, start, optLen, null, 0, `Options: (${optLen} bytes)`);
  let o = start;
  while (o < end) {
    const t = data[o];
    if (t === IPOPT_EOL || t === IPOPT_NOP) {
      p.open(hf.optType, o, 1, t, 0, `IP Option - ${optName(t)}`);
      addOptType(p, o);
      p.close();
      o++;
      if (t === IPOPT_EOL) {
        if (o < end) p.add(hf.optPadding, o, end - o);
        break;
      }
      continue;
    }
    if (o + 1 >= end) {
      p.text(o, end - o, `IP Option - ${optName(t)}: length byte past the end of the options`);
      break;
    }
    const len = data[o + 1];
    if (len < 2 || o + len > end) {
      p.text(o, end - o, `IP Option - ${optName(t)}: bad length ${len}`);
      break;
    }
    p.open(hf.optType, o, len, t, 0, `IP Option - ${optName(t)} (${len} bytes)`);
    addOptType(p, o);
    p.add(hf.optLen, o + 1, 1);
    const body = o + 2;
    const bodyEnd = o + len;
    switch (t) {
      case 0x07: // record route
      case IPOPT_LSRR:
      case IPOPT_SSRR: {
        if (body < bodyEnd) p.add(hf.optPtr, body, 1);
        const field = t === 0x07 ? hf.optRecRt : hf.optSrcRt;
        for (let a = body + 1; a + 4 <= bodyEnd; a += 4) p.add(field, a, 4);
        break;
      }
      case 0x44: {
        // time stamp
        if (body + 2 <= bodyEnd) {
          p.add(hf.optPtr, body, 1);
          p.add(hf.optTsOverflow, body + 1, 1);
          p.add(hf.optTsFlag, body + 1, 1);
          const flag = data[body + 1] & 15;
          const step = flag === 0 ? 4 : 8;
          for (let a = body + 2; a + step <= bodyEnd; a += step) {
            if (flag !== 0) {
              p.add(hf.optTsAddr, a, 4);
              p.add(hf.optTs, a + 4, 4);
            } else p.add(hf.optTs, a, 4);
          }
        }
        break;
      }
      case 0x94: // router alert
        if (bodyEnd - body === 2) p.add(hf.optRa, body, 2);
        break;
      case 0x88: // stream id
        if (bodyEnd - body === 2) p.add(hf.optSid, body, 2);
        break;
      case 0x82: // security (RFC 1108)
        if (body < bodyEnd) p.add(hf.optSecRestriction, body, 1);
        if (body + 1 < bodyEnd) p.add(hf.optData, body + 1, bodyEnd - body - 1);
        break;
      default:
        if (body < bodyEnd) p.add(hf.optData, body, bodyEnd - body);
    }
    p.close();
    o += len;
  }
  p.close();
}

function addOptType(p: Packet, o: number): void {
  p.add(hf.optTypeCopy, o, 1);
  p.add(hf.optTypeClass, o, 1);
  p.add(hf.optTypeNumber, o, 1);
}

function dissectIpEntry(p: Packet, off: number, end: number): void {
  dissectIp(p, off, end);
}

etherTypes.add(0x0800, dissectIpEntry);
pppProtocols.add(0x0021, dissectIpEntry);
ipProtos.add(4, dissectIpEntry);
