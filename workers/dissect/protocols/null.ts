// BSD Null/Loopback (link type 0): a 4-byte address family in the byte order of the machine that captured, then
// the packet. The family is read the way Wireshark does it on a little-endian host: a value with its upper half
// set is taken as byte-swapped (or as a 2-byte value in the upper half), and a large value is an EtherType
// (its low 16 bits).
// A frame starting ff 03 is PPP in HDLC framing.
import { etherTypes, linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';
import { etherTypeName } from './eth';

/** Address families that mean IPv4 or IPv6 somewhere (BSD, Linux, macOS, Windows). */
export const FAMILY_NAMES: Record<number, string> = {
  2: 'IP',
  7: 'OSI',
  10: 'IPv6',
  16: 'Appletalk',
  23: 'Netware IPX/SPX',
  24: 'IPv6',
  28: 'IPv6',
  30: 'IPv6',
};

export const hf = declare('null', 'Null/Loopback', 'NULL', {
  family: { abbrev: 'null.family', name: 'Family', type: 'uint', strings: FAMILY_NAMES },
  type: { abbrev: 'null.type', name: 'Type', type: 'uint', base: 'hex', bits: 16, strings: etherTypeName },
});

/** The IP version of the bytes at `off` (0 when there are none). */
function ipVersion(p: Packet, off: number, end: number): number {
  return off < end && off < p.data.length ? p.data[off] >> 4 : 0;
}

/**
 * Hand the payload to IPv4 or IPv6 for an address family; false when the family means neither.
 * 10 (Linux) and 23 (Windows) are IPv6 only when the payload says so (23 is also IPX on the BSDs).
 */
export function dissectByFamily(p: Packet, family: number, off: number, end: number): boolean {
  switch (family) {
    case 2:
      return etherTypes.call(0x0800, p, off, end);
    case 24:
    case 28:
    case 30:
      return etherTypes.call(0x86dd, p, off, end);
    case 10:
    case 23:
      return ipVersion(p, off, end) === 6 && etherTypes.call(0x86dd, p, off, end);
    default:
      return false;
  }
}

/** The family as a little-endian host reads it, put right when it was written in the other byte order. */
export function nullFamily(raw: number): number {
  let v = raw >>> 0;
  if ((v & 0xffff0000) !== 0) {
    if ((v & 0xff000000) === 0 && (v & 0x00ff0000) < 0x00060000) v = v >>> 16;
    else v = (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
  } else if ((v & 0xff) === 0 && (v & 0xff00) < 0x0600) {
    v = (v >>> 8) & 0xff;
  }
  return v;
}

export function dissectNull(p: Packet, off: number, end: number): void {
  p.need(off, 2, end);
  if (p.data[off] === 0xff && p.data[off + 1] === 0x03) {
    // PPP in HDLC-like framing: address, control, protocol.
    const ppp = linkTypes.get(50);
    if (ppp) {
      ppp(p, off, end);
      return;
    }
  }
  p.addLayer('null');
  p.setProtocol('N/A');
  p.setInfo('Null/Loopback');
  p.need(off, 4, end);
  const family = nullFamily(p.dv.getUint32(off, true));
  if (p.sink.active) {
    p.open(hf.proto, off, 4, null, 0, 'Null/Loopback');
    if (family > 1500) p.add(hf.type, off, 4, family & 0xffff);
    else {
      const name = FAMILY_NAMES[family];
      p.add(hf.family, off, 4, family, 0, `Family: ${name ?? 'Unknown'} (${family})`);
    }
    p.close();
  }
  const next = off + 4;
  if (family > 1500) {
    // Only the low 16 bits are taken as the EtherType (a swapped 0x0f000800 still means IPv4).
    if (!etherTypes.call(family & 0xffff, p, next, end)) dissectData(p, next, end);
    return;
  }
  if (!dissectByFamily(p, family, next, end)) dissectData(p, next, end);
}

linkTypes.add(0, dissectNull);
