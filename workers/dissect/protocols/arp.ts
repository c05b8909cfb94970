// ARP and RARP (RFC 826, RFC 903), with Wireshark's Info: requests, replies, gratuitous ARP, RFC 5227 probes and
// announcements, reverse and inverse ARP. ARP leaves Source/Destination to the link layer's addresses.
import { etherTypes } from '../dispatch';
import type { Packet } from '../packet';
import { formatEther, formatIPv4 } from '../packet';
import { declare } from '../registry';
import { GENERATED } from '../sinks';
import { etherTypeName } from './eth';

const HW_TYPES: Record<number, string> = {
  0: 'NET/ROM pseudo',
  1: 'Ethernet',
  2: 'Experimental Ethernet',
  3: 'AX.25',
  4: 'ProNET',
  5: 'Chaos',
  6: 'IEEE 802',
  7: 'ARCNET',
  8: 'Hyperchannel',
  9: 'Lanstar',
  10: 'Autonet Short Address',
  11: 'Localtalk',
  12: 'LocalNet',
  13: 'Ultra link',
  14: 'SMDS',
  15: 'Frame Relay DLCI',
  16: 'ATM',
  17: 'HDLC',
  18: 'Fibre Channel',
  19: 'ATM (RFC 2225)',
  20: 'Serial Line',
  21: 'ATM',
  24: 'IEEE 1394.1995',
  32: 'InfiniBand',
};

const OPCODES: Record<number, string> = {
  1: 'request',
  2: 'reply',
  3: 'reverse request',
  4: 'reverse reply',
  5: 'DRARP-Request',
  6: 'DRARP-Reply',
  7: 'DRARP-Error',
  8: 'inverse request',
  9: 'inverse reply',
  10: 'ARP-NAK',
  24: 'Experimental 1',
  25: 'Experimental 2',
};

export const hf = declare('arp', 'Address Resolution Protocol', 'ARP/RARP', {
  hwType: { abbrev: 'arp.hw.type', name: 'Hardware type', type: 'uint', strings: HW_TYPES },
  protoType: {
    abbrev: 'arp.proto.type',
    name: 'Protocol type',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: etherTypeName,
  },
  hwSize: { abbrev: 'arp.hw.size', name: 'Hardware size', type: 'uint' },
  protoSize: { abbrev: 'arp.proto.size', name: 'Protocol size', type: 'uint' },
  opcode: { abbrev: 'arp.opcode', name: 'Opcode', type: 'uint', strings: OPCODES },
  isGratuitous: { abbrev: 'arp.isgratuitous', name: 'Is gratuitous', type: 'bool' },
  isProbe: { abbrev: 'arp.isprobe', name: 'Is probe', type: 'bool' },
  isAnnouncement: { abbrev: 'arp.isannouncement', name: 'Is announcement', type: 'bool' },
  srcHwMac: { abbrev: 'arp.src.hw_mac', name: 'Sender MAC address', type: 'ether' },
  srcHw: { abbrev: 'arp.src.hw', name: 'Sender hardware address', type: 'bytes' },
  srcProtoIpv4: { abbrev: 'arp.src.proto_ipv4', name: 'Sender IP address', type: 'ipv4' },
  srcProto: { abbrev: 'arp.src.proto', name: 'Sender protocol address', type: 'bytes' },
  dstHwMac: { abbrev: 'arp.dst.hw_mac', name: 'Target MAC address', type: 'ether' },
  dstHw: { abbrev: 'arp.dst.hw', name: 'Target hardware address', type: 'bytes' },
  dstProtoIpv4: { abbrev: 'arp.dst.proto_ipv4', name: 'Target IP address', type: 'ipv4' },
  dstProto: { abbrev: 'arp.dst.proto', name: 'Target protocol address', type: 'bytes' },
});

/** Hardware types whose 6-byte addresses are MAC addresses. */
function hwIsEther(hrd: number, hln: number): boolean {
  return hln === 6 && (hrd === 1 || hrd === 6 || hrd === 24 || hrd === 32);
}

function protoIsIPv4(pro: number, pln: number): boolean {
  return pln === 4 && (pro === 0x0800 || pro === 0xcc);
}

/** Bytes as colon-separated hex ("00:1a:2b"), as Wireshark prints addresses it has no format for. */
function colonHex(d: Uint8Array, off: number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ':' : '') + d[off + i].toString(16).padStart(2, '0');
  return s;
}

function allZero(d: Uint8Array, off: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (d[off + i] !== 0) return false;
  return true;
}

function sameBytes(d: Uint8Array, a: number, b: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (d[a + i] !== d[b + i]) return false;
  return true;
}

export function dissectArp(p: Packet, off: number, end: number): void {
  p.addLayer('arp');
  p.setProtocol('ARP');
  p.setInfo('');
  p.need(off, 8, end);
  const dv = p.dv;
  const d = p.data;
  const hrd = dv.getUint16(off);
  const pro = dv.getUint16(off + 2);
  const hln = d[off + 4];
  const pln = d[off + 5];
  const op = dv.getUint16(off + 6);
  const total = 8 + 2 * hln + 2 * pln;
  if (op === 3 || op === 4) p.setProtocol('RARP');
  else if (op >= 5 && op <= 7) p.setProtocol('DRARP');
  else if (op === 8 || op === 9) p.setProtocol('Inverse ARP');
  p.need(off, total, end);
  const sha = off + 8;
  const spa = sha + hln;
  const tha = spa + pln;
  const tpa = tha + hln;
  const ether = hwIsEther(hrd, hln);
  const ipv4 = protoIsIPv4(pro, pln);
  let gratuitous = false;
  let announcement = false;
  let probe = false;
  if ((op === 1 || op === 2) && sameBytes(d, spa, tpa, pln)) {
    gratuitous = true;
    announcement = op === 1 && hln >= 6 && allZero(d, tha, 6);
  } else if (op === 1 && hln >= 6 && pln >= 4 && allZero(d, tha, 6) && allZero(d, spa, 4)) {
    probe = true;
  }
  if (!p.verbose) return;
  const hw = (o: number): string => (ether ? formatEther(d, o) : hln === 0 ? '<No address>' : colonHex(d, o, hln));
  const pa = (o: number): string => (ipv4 ? formatIPv4(d, o) : pln === 0 ? '<No address>' : colonHex(d, o, pln));
  if (p.cols) {
    let info: string;
    switch (op) {
      case 1:
        if (gratuitous)
          info = announcement ? `ARP Announcement for ${pa(tpa)}` : `Gratuitous ARP for ${pa(tpa)} (Request)`;
        else if (probe) info = `Who has ${pa(tpa)}? (ARP Probe)`;
        else info = `Who has ${pa(tpa)}? Tell ${pa(spa)}`;
        break;
      case 2:
        info = gratuitous ? `Gratuitous ARP for ${pa(spa)} (Reply)` : `${pa(spa)} is at ${hw(sha)}`;
        break;
      case 3:
      case 5:
      case 8:
        info = `Who is ${hw(tha)}? Tell ${hw(sha)}`;
        break;
      case 4:
      case 6:
        info = `${hw(tha)} is at ${pa(tpa)}`;
        break;
      case 7:
        info = 'DRARP Error';
        break;
      case 9:
        info = `${hw(sha)} is at ${pa(spa)}`;
        break;
      case 10:
        info = 'ARP NAK';
        break;
      case 24:
        info = `Experimental 1 ( opcode ${op} )`;
        break;
      case 25:
        info = `Experimental 2 ( opcode ${op} )`;
        break;
      case 0:
      case 65535:
        info = `Reserved opcode ${op}`;
        break;
      default:
        info = `Unknown ARP opcode 0x${op.toString(16).padStart(4, '0')}`;
    }
    p.setInfo(info);
  }
  if (p.sink.active) {
    let opText = OPCODES[op];
    if (opText !== undefined) {
      if (gratuitous) opText = op === 1 ? 'request/gratuitous ARP' : 'reply/gratuitous ARP';
      if (probe) opText = 'ARP Probe';
      if (announcement) opText = 'ARP Announcement';
    }
    const title = op === 3 || op === 4 ? 'Reverse Address Resolution Protocol' : 'Address Resolution Protocol';
    const suffix = opText !== undefined ? ` (${opText})` : ` (opcode 0x${op.toString(16).padStart(4, '0')})`;
    p.open(hf.proto, off, total, null, 0, title + suffix);
    p.add(hf.hwType, off, 2);
    p.add(hf.protoType, off + 2, 2);
    p.add(hf.hwSize, off + 4, 1);
    p.add(hf.protoSize, off + 5, 1);
    p.add(hf.opcode, off + 6, 2);
    if (gratuitous) p.add(hf.isGratuitous, off, 0, true, GENERATED);
    if (probe) p.add(hf.isProbe, off, 0, true, GENERATED);
    if (announcement) p.add(hf.isAnnouncement, off, 0, true, GENERATED);
    if (hln) p.add(ether ? hf.srcHwMac : hf.srcHw, sha, hln);
    if (pln) p.add(ipv4 ? hf.srcProtoIpv4 : hf.srcProto, spa, pln);
    if (hln) p.add(ether ? hf.dstHwMac : hf.dstHw, tha, hln);
    if (pln) p.add(ipv4 ? hf.dstProtoIpv4 : hf.dstProto, tpa, pln);
    p.close();
  }
}

etherTypes.add(0x0806, dissectArp);
etherTypes.add(0x8035, dissectArp);
