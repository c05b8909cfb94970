// Linux "cooked" captures: SLL (link type 113, 16-byte header) and SLL2 (link type 276, 20-byte header). The header
// gives the packet's direction, the sender's link-layer address (the Source column; there is no destination) and
// a protocol: an EtherType, or one of Linux's own numbers below 1536 (802.2 LLC, raw 802.3, PPP …).
import { linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, formatEther, formatIPv4 } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';
import { addEtherTypeTrailer, dissectEtherType, etherTypeName } from './eth';
import { dissectLlc } from './llc';

const PACKET_TYPES: Record<number, string> = {
  0: 'Unicast to us',
  1: 'Broadcast',
  2: 'Multicast',
  3: 'Unicast to another host',
  4: 'Sent by us',
};

const LINUX_PROTOCOLS: Record<number, string> = {
  0x0001: 'Raw 802.3',
  0x0002: 'AX.25',
  0x0003: 'All',
  0x0004: '802.2 LLC',
  0x0005: 'SNAP',
  0x0006: 'DDCMP',
  0x0007: 'WAN PPP',
  0x0008: 'PPP MP',
  0x0009: 'Localtalk',
  0x000c: 'CAN',
  0x000d: 'CAN FD',
  0x0010: 'PPP TTY',
  0x0011: 'Control',
  0x0014: 'Token ring',
  0x0015: 'IrDA',
  0x0016: 'ECONET',
  0x0017: 'HDLC',
  0x0018: 'ARCNET',
  0x0019: 'DSA',
  0x001a: 'Trailer',
  0x00f5: 'Phonet',
  0x00f6: 'IEEE 802.15.4',
  0x00f7: 'CAIF',
  0x00f8: 'XDSA',
  0x00f9: 'MAP',
  0x00fb: 'Netlink',
};

const HA_TYPES: Record<number, string> = {
  1: 'Ethernet',
  24: 'IEEE 1394',
  32: 'InfiniBand',
  512: 'PPP',
  772: 'Loopback',
  776: 'IPv6-in-IPv4',
  778: 'GRE over IP',
  801: 'IEEE 802.11',
  803: 'IEEE 802.11 + radiotap header',
  820: 'Netlink',
  823: 'IP-over-Infiniband',
  824: 'IEEE 802.15.4',
  65534: 'None',
  65535: 'Void',
};

export const hf = declare('sll', 'Linux cooked capture v1', 'SLL', {
  pkttype: { abbrev: 'sll.pkttype', name: 'Packet type', type: 'uint', strings: PACKET_TYPES },
  hatype: { abbrev: 'sll.hatype', name: 'Link-layer address type', type: 'uint', strings: HA_TYPES },
  halen: { abbrev: 'sll.halen', name: 'Link-layer address length', type: 'uint' },
  srcEth: { abbrev: 'sll.src.eth', name: 'Source', type: 'ether' },
  srcIpv4: { abbrev: 'sll.src.ipv4', name: 'Source', type: 'ipv4' },
  srcOther: { abbrev: 'sll.src.other', name: 'Source', type: 'bytes' },
  unused: { abbrev: 'sll.unused', name: 'Unused', type: 'bytes' },
  ltype: { abbrev: 'sll.ltype', name: 'Protocol', type: 'uint', base: 'hex', bits: 16, strings: LINUX_PROTOCOLS },
  etype: { abbrev: 'sll.etype', name: 'Protocol', type: 'uint', base: 'hex', bits: 16, strings: etherTypeName },
  reserved: { abbrev: 'sll.reserved', name: 'Reserved', type: 'uint', base: 'hex', bits: 16 },
  ifindex: { abbrev: 'sll.ifindex', name: 'Interface index', type: 'uint' },
  trailer: { abbrev: 'sll.trailer', name: 'Trailer', type: 'bytes' },
});

/** Hardware types whose 6-byte addresses are MAC addresses (Ethernet, 802.11, loopback …). */
function isEtherLike(hatype: number, halen: number): boolean {
  return halen === 6 && (hatype === 1 || hatype === 772 || hatype === 801 || hatype === 803 || hatype === 6);
}

function setSource(p: Packet, hatype: number, halen: number, addrOff: number): void {
  if (isEtherLike(hatype, halen)) {
    p.srcType = AddrType.Ether;
    p.dstType = AddrType.None;
    if (p.cols) {
      p.cols.src = formatEther(p.data, addrOff);
      p.cols.dst = '';
    }
  } else if (halen === 4 && (hatype === 768 || hatype === 776 || hatype === 778)) {
    p.srcType = AddrType.IPv4;
    p.dstType = AddrType.None;
    if (p.cols) {
      p.cols.src = formatIPv4(p.data, addrOff);
      p.cols.dst = '';
    }
  }
}

function addSource(p: Packet, hatype: number, halen: number, addrOff: number): void {
  const n = Math.min(halen, 8);
  if (isEtherLike(hatype, halen)) {
    p.add(hf.srcEth, addrOff, 6);
    p.add(hf.unused, addrOff + 6, 2);
  } else if (halen === 4 && (hatype === 768 || hatype === 776 || hatype === 778)) {
    p.add(hf.srcIpv4, addrOff, 4);
    p.add(hf.unused, addrOff + 4, 4);
  } else if (n > 0) {
    p.add(hf.srcOther, addrOff, n);
    if (n < 8) p.add(hf.unused, addrOff + n, 8 - n);
  } else {
    p.add(hf.unused, addrOff, 8);
  }
}

/** The payload by the header's protocol number. */
function dissectSllPayload(p: Packet, protocol: number, off: number, end: number): void {
  if (protocol >= 1536) {
    p.addLayer('ethertype');
    dissectEtherType(p, protocol, off, end);
    return;
  }
  if (protocol === 0x0004) dissectLlc(p, off, end);
  else dissectData(p, off, end);
}

export function dissectSll(p: Packet, off: number, end: number): void {
  p.addLayer('sll');
  p.setProtocol('SLL');
  p.need(off, 16, end);
  const dv = p.dv;
  const pkttype = dv.getUint16(off);
  const hatype = dv.getUint16(off + 2);
  const halen = dv.getUint16(off + 4);
  const protocol = dv.getUint16(off + 14);
  if (p.cols) p.setInfo(PACKET_TYPES[pkttype] ?? `Unknown (${pkttype})`);
  setSource(p, hatype, halen, off + 6);
  if (p.sink.active) {
    p.open(hf.proto, off, 16, null, 0, 'Linux cooked capture v1');
    p.add(hf.pkttype, off, 2);
    p.add(hf.hatype, off + 2, 2);
    p.add(hf.halen, off + 4, 2);
    addSource(p, hatype, halen, off + 6);
    if (protocol >= 1536) {
      p.add(hf.etype, off + 14, 2);
      addEtherTypeTrailer(p, protocol, off + 16, end, { trailerField: hf.trailer, fcsLen: 0 });
    } else p.add(hf.ltype, off + 14, 2);
    p.close();
  }
  dissectSllPayload(p, protocol, off + 16, end);
}

export function dissectSll2(p: Packet, off: number, end: number): void {
  p.addLayer('sll');
  p.setProtocol('SLL');
  p.need(off, 20, end);
  const dv = p.dv;
  const protocol = dv.getUint16(off);
  const hatype = dv.getUint16(off + 8);
  const pkttype = p.data[off + 10];
  const halen = p.data[off + 11];
  if (p.cols) p.setInfo(PACKET_TYPES[pkttype] ?? `Unknown (${pkttype})`);
  setSource(p, hatype, halen, off + 12);
  if (p.sink.active) {
    p.open(hf.proto, off, 20, null, 0, 'Linux cooked capture v2');
    if (protocol >= 1536) p.add(hf.etype, off, 2);
    else p.add(hf.ltype, off, 2);
    p.add(hf.reserved, off + 2, 2);
    p.add(hf.ifindex, off + 4, 4);
    p.add(hf.hatype, off + 8, 2);
    p.add(hf.pkttype, off + 10, 1);
    p.add(hf.halen, off + 11, 1);
    addSource(p, hatype, halen, off + 12);
    if (protocol >= 1536) addEtherTypeTrailer(p, protocol, off + 20, end, { trailerField: hf.trailer, fcsLen: 0 });
    p.close();
  }
  dissectSllPayload(p, protocol, off + 20, end);
}

linkTypes.add(113, dissectSll);
linkTypes.add(276, dissectSll2);
