// Ethernet: Ethernet II (DIX) frames dispatched by EtherType, and IEEE 802.3 frames (a length, then 802.2 LLC).
// After the payload, the bytes the payload did not claim are shown as Wireshark does: padding up to the 60-byte
// minimum frame, a trailer, and the frame check sequence when the interface says one is there (or, when it does not
// say, when the frame is 64 bytes or more and at least 4 bytes are left over).
import { etherTypes, linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, be16, formatEther } from '../packet';
import { declare } from '../registry';
import { GENERATED, HIDDEN } from '../sinks';
import { dissectData } from './data';
import { dissectLlc } from './llc';

const LG_TF = [
  'Locally administered address (this is NOT the factory default)',
  'Globally unique address (factory default)',
] as const;
const IG_TF = ['Group address (multicast/broadcast)', 'Individual address (unicast)'] as const;

/** Names of EtherTypes ("Type: IPv4 (0x0800)"), as Wireshark's etype_vals. */
export const ETHERTYPE_NAMES: Record<number, string> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x0842: 'Wake on LAN',
  0x22f0: 'IEEE 1722 Audio Video Bridging Transport Protocol',
  0x22f3: 'TRILL',
  0x6558: 'Transparent Ethernet bridging',
  0x8035: 'RARP',
  0x809b: 'AppleTalk LLAP bridging',
  0x80f3: 'AARP',
  0x8100: '802.1Q Virtual LAN',
  0x8137: 'Netware IPX/SPX',
  0x8809: 'Slow Protocols',
  0x86dd: 'IPv6',
  0x880b: 'PPP',
  0x8847: 'MPLS label switched packet',
  0x8848: 'MPLS multicast label switched packet',
  0x8863: 'PPPoE Discovery',
  0x8864: 'PPPoE Session',
  0x888e: '802.1X Authentication',
  0x8892: 'PROFINET',
  0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x88cc: '802.1 Link Layer Discovery Protocol (LLDP)',
  0x88e5: '802.1AE (MACsec)',
  0x88f7: 'PTPv2 over Ethernet (IEEE1588)',
  0x8902: 'IEEE 802.1ag Connectivity Fault Management (CFM) Protocol',
  0x9000: 'Loopback',
  0x9100: 'VLAN tagged frame',
};

export function etherTypeName(type: number): string {
  return ETHERTYPE_NAMES[type] ?? 'Unknown';
}

export const hf = declare('eth', 'Ethernet II', 'Ethernet', {
  dst: { abbrev: 'eth.dst', name: 'Destination', type: 'ether', description: 'Destination Hardware Address' },
  dstResolved: { abbrev: 'eth.dst_resolved', name: 'Destination (resolved)', type: 'string' },
  dstLg: { abbrev: 'eth.dst.lg', name: 'LG bit', type: 'bool', mask: 0x020000, bits: 24, tf: LG_TF },
  dstIg: { abbrev: 'eth.dst.ig', name: 'IG bit', type: 'bool', mask: 0x010000, bits: 24, tf: IG_TF },
  src: { abbrev: 'eth.src', name: 'Source', type: 'ether', description: 'Source Hardware Address' },
  srcResolved: { abbrev: 'eth.src_resolved', name: 'Source (resolved)', type: 'string' },
  srcLg: { abbrev: 'eth.src.lg', name: 'LG bit', type: 'bool', mask: 0x020000, bits: 24, tf: LG_TF },
  srcIg: { abbrev: 'eth.src.ig', name: 'IG bit', type: 'bool', mask: 0x010000, bits: 24, tf: IG_TF },
  addr: { abbrev: 'eth.addr', name: 'Address', type: 'ether', description: 'Source or Destination Hardware Address' },
  addrResolved: { abbrev: 'eth.addr_resolved', name: 'Address (resolved)', type: 'string' },
  lg: { abbrev: 'eth.lg', name: 'LG bit', type: 'bool', mask: 0x020000, bits: 24, tf: LG_TF },
  ig: { abbrev: 'eth.ig', name: 'IG bit', type: 'bool', mask: 0x010000, bits: 24, tf: IG_TF },
  type: { abbrev: 'eth.type', name: 'Type', type: 'uint', base: 'hex', bits: 16, strings: etherTypeName },
  len: { abbrev: 'eth.len', name: 'Length', type: 'uint' },
  invalidLentype: {
    abbrev: 'eth.invalid_lentype',
    name: 'Invalid length/type',
    type: 'uint',
    base: 'hex_dec',
    bits: 16,
  },
  padding: { abbrev: 'eth.padding', name: 'Padding', type: 'bytes', description: 'Ethernet Padding' },
  trailer: { abbrev: 'eth.trailer', name: 'Trailer', type: 'bytes', description: 'Ethernet Trailer or Checksum' },
  fcs: { abbrev: 'eth.fcs', name: 'Frame check sequence', type: 'uint', base: 'hex', bits: 32 },
  fcsStatus: {
    abbrev: 'eth.fcs.status',
    name: 'FCS Status',
    type: 'uint',
    base: 'none',
    strings: { 0: 'Bad', 1: 'Good', 2: 'Unverified', 3: 'Not present', 4: 'Illegal' },
  },
});

/**
 * How many bytes the payload of `type` at `off` claims for itself (Wireshark's payload dissectors shrink their
 * buffer to this, and what is left becomes padding or trailer). Unknown payloads claim everything.
 */
export function etherPayloadLength(p: Packet, type: number, off: number, end: number): number {
  const avail = end - off;
  const d = p.data;
  const cap = d.length - off;
  switch (type) {
    case 0x0800: {
      if (cap < 4 || d[off] >> 4 !== 4 || (d[off] & 15) < 5) return avail;
      const total = (d[off + 2] << 8) | d[off + 3];
      return total >= (d[off] & 15) * 4 && total < avail ? total : avail;
    }
    case 0x86dd: {
      if (cap < 6 || d[off] >> 4 !== 6) return avail;
      const plen = (d[off + 4] << 8) | d[off + 5];
      return plen > 0 && plen + 40 < avail ? plen + 40 : avail;
    }
    case 0x0806:
    case 0x8035: {
      if (cap < 6) return avail;
      const n = 8 + 2 * d[off + 4] + 2 * d[off + 5];
      return n < avail ? n : avail;
    }
    default:
      return avail;
  }
}

/**
 * Where the trailer's fields go: the header's tree (Ethernet, 802.1Q, SLL) gives the field for the trailer proper;
 * padding is always eth.padding.
 */
export interface TrailerSpec {
  trailerField: number;
  /** 0: no FCS; > 0: that many FCS bytes at the end; < 0: unknown (guess as Wireshark does). */
  fcsLen: number;
}

/**
 * Show the bytes from `start` (where the payload ended) to the end of the frame: padding, trailer, FCS.
 * Call it while the header's subtree is open, or right after it with the fields added at top level.
 */
export function addEthernetTrailer(p: Packet, start: number, spec: TrailerSpec): void {
  if (!p.sink.active || p.sourceIndex !== 0) return;
  const frameLen = p.origLen;
  const cap = p.data.length;
  if (start >= frameLen || start < 0) return;
  let reported = frameLen - start;
  let pos = start;
  // Padding up to the 60-byte minimum, when it is zeros; otherwise it is part of the trailer (with a note).
  let badPadding = false;
  if (frameLen >= 60 && start < 60) {
    const padding = 60 - start;
    const seen = Math.max(0, Math.min(padding, cap - pos));
    for (let i = 0; i < seen; i++) if (p.data[pos + i] !== 0) badPadding = true;
    if (!badPadding) {
      if (pos < cap) p.add(hf.padding, pos, seen);
      pos += padding;
      reported -= padding;
    }
  }
  let hasFcs = false;
  if (spec.fcsLen > 0) hasFcs = reported >= spec.fcsLen;
  else if (spec.fcsLen < 0) hasFcs = frameLen >= 64 && reported >= 4;
  const fcsLen = hasFcs ? (spec.fcsLen > 0 ? spec.fcsLen : 4) : 0;
  const trailerLen = reported - fcsLen;
  if (trailerLen > 0 && pos < cap) {
    p.open(spec.trailerField, pos, Math.min(trailerLen, cap - pos));
    if (badPadding)
      p.expert(
        'note',
        'Protocol',
        'eth.padding_bad',
        "Didn't find padding of zeros, and an undecoded trailer exists. There may be padding of non-zeros.",
      );
    p.close();
  }
  pos += trailerLen;
  if (hasFcs && pos + fcsLen <= cap) {
    const v = fcsLen === 4 ? p.dv.getUint32(pos) : null;
    if (v !== null) {
      p.add(hf.fcs, pos, 4, v, 0, `Frame check sequence: 0x${v.toString(16).padStart(8, '0')} [unverified]`);
      p.add(hf.fcsStatus, pos, 0, 2, GENERATED);
    }
  }
}

const typeLabels: string[] = [];

/** The Protocol column for an EtherType no dissector claims ("0x88b5"); one string per type, kept. */
function etherTypeLabel(type: number): string {
  return (typeLabels[type] ??= `0x${type.toString(16).padStart(4, '0')}`);
}

/** Where the payload of a frame ends once a known FCS is kept from it. */
function withoutFcs(p: Packet, off: number, end: number, fcsLen: number): number {
  return fcsLen > 0 && p.capLen >= p.origLen ? Math.max(off, end - fcsLen) : end;
}

/**
 * Add the padding, trailer and FCS that follow the payload of EtherType `type` at `off` (call it while the header's
 * subtree is open: Wireshark shows them there). Unknown payloads become data, which claims every byte.
 */
export function addEtherTypeTrailer(p: Packet, type: number, off: number, end: number, spec: TrailerSpec): void {
  if (!p.sink.active) return;
  // Lengths as the frame reports them (a short capture still had its padding on the wire).
  const repEnd = p.sourceIndex === 0 ? p.origLen - (spec.fcsLen > 0 ? spec.fcsLen : 0) : end;
  if (etherTypes.get(type)) addEthernetTrailer(p, off + etherPayloadLength(p, type, off, repEnd), spec);
  else if (spec.fcsLen > 0) addEthernetTrailer(p, repEnd, spec);
}

/**
 * Hand the bytes after an EtherType to its dissector, or to data with the EtherType as the Protocol column, as
 * Wireshark labels unknown types. `end` is the end of the frame's bytes; a known FCS is kept from the payload.
 */
export function dissectEtherType(p: Packet, type: number, off: number, end: number, fcsLen = 0): void {
  const payloadEnd = withoutFcs(p, off, end, fcsLen);
  if (!etherTypes.call(type, p, off, payloadEnd)) {
    p.setProtocol(etherTypeLabel(type));
    dissectData(p, off, payloadEnd);
  }
}

/** The FCS length the capture gives for this packet's interface (-1: not known). */
function interfaceFcsLen(p: Packet): number {
  const iface = p.state.interfaces[p.interfaceId];
  return iface ? iface.fcsLen : -1;
}

function addAddress(p: Packet, field: number, lg: number, ig: number, off: number): void {
  const text = formatEther(p.data, off);
  const name = field === hf.dst ? 'Destination' : 'Source';
  p.open(field, off, 6, undefined, 0, `${name}: ${text}`);
  p.add(hf.addr, off, 6, undefined, 0, `Address: ${text}`);
  p.add(field === hf.dst ? hf.dstResolved : hf.srcResolved, off, 6, text, GENERATED | HIDDEN);
  p.add(hf.addrResolved, off, 6, text, GENERATED | HIDDEN);
  p.add(lg, off, 3);
  p.add(hf.lg, off, 3, undefined, HIDDEN);
  p.add(ig, off, 3);
  p.add(hf.ig, off, 3, undefined, HIDDEN);
  p.close();
}

export function dissectEth(p: Packet, off: number, end: number): void {
  p.addLayer('eth');
  p.setProtocol('Ethernet');
  p.need(off, 14, end);
  const typeOrLen = be16(p.data, off + 12);
  p.setAddresses(AddrType.Ether, off + 6, off);
  const fcsLen = off === 0 ? interfaceFcsLen(p) : 0;
  const ieee8023 = typeOrLen <= 1500;
  p.setInfo(ieee8023 ? 'IEEE 802.3 Ethernet ' : 'Ethernet II');
  // 802.3: the length field bounds the LLC payload (never past the frame, nor into a known FCS).
  let length = typeOrLen;
  if (ieee8023) {
    let reported = p.origLen - (off + 14);
    if (fcsLen > 0) reported = Math.max(0, reported - fcsLen);
    if (length > reported) {
      p.expert('error', 'Malformed', 'eth.len.past_end', 'Length field value goes past the end of the payload');
      length = Math.max(0, reported);
    }
  }
  if (p.sink.active) {
    const src = formatEther(p.data, off + 6);
    const dst = formatEther(p.data, off);
    // An 802.3 frame is Wireshark's "eth" protocol too; only the tree's title differs.
    if (ieee8023) p.open(hf.proto, off, 14, null, 0, `IEEE 802.3 Ethernet, Src: ${src}, Dst: ${dst}`);
    else p.open(hf.proto, off, 14, null, 0, `Ethernet II, Src: ${src}, Dst: ${dst}`);
    addAddress(p, hf.dst, hf.dstLg, hf.dstIg, off);
    addAddress(p, hf.src, hf.srcLg, hf.srcIg, off + 6);
    const spec: TrailerSpec = { trailerField: hf.trailer, fcsLen };
    if (ieee8023) {
      p.add(hf.len, off + 12, 2);
      addEthernetTrailer(p, off + 14 + length, spec);
    } else if (typeOrLen < 0x600) {
      p.add(hf.invalidLentype, off + 12, 2);
    } else {
      p.add(hf.type, off + 12, 2);
      addEtherTypeTrailer(p, typeOrLen, off + 14, end, spec);
    }
    p.close();
  }
  if (ieee8023) {
    dissect8023Payload(p, off + 14, Math.min(end, off + 14 + length));
  } else if (typeOrLen < 0x600) {
    p.expert('warn', 'Protocol', 'eth.invalid_lentype.expert', 'Invalid length/type');
    dissectData(p, off + 14, end);
  } else {
    p.addLayer('ethertype');
    dissectEtherType(p, typeOrLen, off + 14, end, fcsLen);
  }
}

/** An IEEE 802.3 payload (LLC, or Novell's raw IPX when it starts 0xffff). */
export function dissect8023Payload(p: Packet, off: number, end: number): void {
  if (end - off >= 2 && p.data[off] === 0xff && p.data[off + 1] === 0xff) {
    p.setProtocol('IPX');
    dissectData(p, off, end);
  } else {
    dissectLlc(p, off, end);
  }
}

linkTypes.add(1, dissectEth);
// Transparent Ethernet bridging (Ethernet inside GRE, VXLAN …): no FCS.
etherTypes.add(0x6558, dissectEth);
