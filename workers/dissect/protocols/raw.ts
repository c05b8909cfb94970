// Raw IP link types: no link header at all. 101 (and 12, 14, which some systems wrote for the same thing) carry IPv4
// or IPv6 told apart by the version nibble; 228 is IPv4 and 229 IPv6 (a 228 frame holding IPv6 still reaches IPv6:
// the IPv4 dissector hands version 6 on, as Wireshark's does).
import { etherTypes, linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';

export const hf = declare('raw', 'Raw packet data', 'Raw', {});

export function dissectRaw(p: Packet, off: number, end: number): void {
  p.addLayer('raw');
  p.setProtocol('N/A');
  p.setInfo('Raw packet data');
  if (p.sink.active) {
    p.add(hf.proto, off, 0, null, 0, 'Raw packet data');
  }
  if (end - off >= 2 && p.data[off] === 0xff && p.data[off + 1] === 0x03) {
    // PPP in HDLC-like framing.
    const ppp = linkTypes.get(50);
    if (ppp && ppp(p, off, end) !== false) return;
  }
  const version = off < end ? p.data[off] >> 4 : 0;
  if (version === 4 && etherTypes.call(0x0800, p, off, end)) return;
  if (version === 6 && etherTypes.call(0x86dd, p, off, end)) return;
  dissectData(p, off, end);
}

function dissectIPv4Link(p: Packet, off: number, end: number): void {
  if (!etherTypes.call(0x0800, p, off, end)) dissectData(p, off, end);
}

function dissectIPv6Link(p: Packet, off: number, end: number): void {
  if (!etherTypes.call(0x86dd, p, off, end)) dissectData(p, off, end);
}

linkTypes.add(101, dissectRaw);
linkTypes.add(12, dissectRaw);
linkTypes.add(14, dissectRaw);
linkTypes.add(228, dissectIPv4Link);
linkTypes.add(229, dissectIPv6Link);
