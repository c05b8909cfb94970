// Ethernet II (and IEEE 802.3 frames, handed to LLC).
import { etherTypes, linkTypes, llcSaps } from '../dispatch';
import type { Packet } from '../packet';
import { AddrType, formatEther } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';
import { HIDDEN } from '../sinks';

export const hf = declare('eth', 'Ethernet II', 'Ethernet', {
  dst: { abbrev: 'eth.dst', name: 'Destination', type: 'ether' },
  src: { abbrev: 'eth.src', name: 'Source', type: 'ether' },
  addr: { abbrev: 'eth.addr', name: 'Address', type: 'ether' },
  type: { abbrev: 'eth.type', name: 'Type', type: 'uint', base: 'hex', bits: 16 },
  len: { abbrev: 'eth.len', name: 'Length', type: 'uint' },
  padding: { abbrev: 'eth.padding', name: 'Padding', type: 'bytes' },
  trailer: { abbrev: 'eth.trailer', name: 'Trailer', type: 'bytes' },
});

/** Names of EtherTypes for the tree ("Type: IPv4 (0x0800)"). */
export const ETHERTYPE_NAMES: Record<number, string> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x8035: 'RARP',
  0x86dd: 'IPv6',
  0x8100: '802.1Q Virtual LAN',
  0x88a8: '802.1ad Provider Bridge (Q-in-Q)',
  0x9100: 'VLAN tagged frame',
  0x8863: 'PPPoE Discovery',
  0x8864: 'PPPoE Session',
};

/**
 * Dispatch a payload by EtherType; unknown types become data. Returns the offset where the payload dissector's
 * bytes end is not known, so callers pass `end`; padding after the payload is shown by the caller.
 */
export function dissectEtherType(p: Packet, type: number, off: number, end: number): void {
  if (!etherTypes.call(type, p, off, end)) {
    dissectData(p, off, end);
  }
}

export function dissectEth(p: Packet, off: number, end: number): void {
  p.need(off, 14, end);
  const typeOrLen = p.dv.getUint16(off + 12);
  p.addLayer('eth');
  p.setProtocol('Ethernet');
  p.setAddresses(AddrType.Ether, off + 6, off);
  if (p.sink.active) {
    const label = `Ethernet II, Src: ${formatEther(p.data, off + 6)}, Dst: ${formatEther(p.data, off)}`;
    p.open(hf.proto, off, 14, null, 0, label);
    p.add(hf.dst, off, 6);
    p.add(hf.addr, off, 6, undefined, HIDDEN);
    p.add(hf.src, off + 6, 6);
    p.add(hf.addr, off + 6, 6, undefined, HIDDEN);
    if (typeOrLen >= 0x600) p.add(hf.type, off + 12, 2);
    else p.add(hf.len, off + 12, 2);
    p.close();
  }
  if (typeOrLen < 0x600) {
    // IEEE 802.3: a length, then LLC.
    const payloadEnd = Math.min(end, off + 14 + typeOrLen);
    if (!llcSaps.call(-1, p, off + 14, payloadEnd)) dissectData(p, off + 14, payloadEnd);
    return;
  }
  p.addLayer('ethertype');
  dissectEtherType(p, typeOrLen, off + 14, end);
}

linkTypes.add(1, dissectEth);
