// 802.1Q VLAN tags (EtherType 0x8100, and 0x9100 for the old Q-in-Q outer tag) and 802.1ad provider tags (0x88a8,
// with the customer tag that usually follows shown in the same item, as Wireshark does).
import { etherTypes } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { addEtherTypeTrailer, addEthernetTrailer, dissect8023Payload, dissectEtherType, etherTypeName } from './eth';

const PRIORITY_NAMES: Record<number, string> = {
  0: 'Best Effort (default)',
  1: 'Background',
  2: 'Excellent Effort',
  3: 'Critical Applications',
  4: 'Video, < 100ms latency and jitter',
  5: 'Voice, < 10ms latency and jitter',
  6: 'Internetwork Control',
  7: 'Network Control',
};

export const hf = declare('vlan', '802.1Q Virtual LAN', 'VLAN', {
  priority: {
    abbrev: 'vlan.priority',
    name: 'Priority',
    type: 'uint',
    mask: 0xe000,
    bits: 16,
    strings: PRIORITY_NAMES,
    description: 'Descriptions are recommendations from IEEE standard 802.1Q-2014',
  },
  dei: {
    abbrev: 'vlan.dei',
    name: 'DEI',
    type: 'bool',
    mask: 0x1000,
    bits: 16,
    tf: ['Eligible', 'Ineligible'],
    description: 'Drop Eligible Indicator',
  },
  id: { abbrev: 'vlan.id', name: 'ID', type: 'uint', mask: 0x0fff, bits: 16, description: 'VLAN ID' },
  etype: { abbrev: 'vlan.etype', name: 'Type', type: 'uint', base: 'hex', bits: 16, strings: etherTypeName },
  len: { abbrev: 'vlan.len', name: 'Length', type: 'uint' },
  trailer: { abbrev: 'vlan.trailer', name: 'Trailer', type: 'bytes', description: 'VLAN Trailer' },
});

export const hfAd = declare('ieee8021ad', 'IEEE 802.1ad', 'IEEE 802.1AD', {
  priority: { abbrev: 'ieee8021ad.priority', name: 'Priority', type: 'uint', mask: 0xe000, bits: 16 },
  dei: { abbrev: 'ieee8021ad.dei', name: 'DEI', type: 'uint', mask: 0x1000, bits: 16, description: 'Drop Eligibility' },
  id: { abbrev: 'ieee8021ad.id', name: 'ID', type: 'uint', mask: 0x0fff, bits: 16, description: 'Vlan ID' },
  svid: { abbrev: 'ieee8021ad.svid', name: 'ID', type: 'uint', mask: 0x0fff, bits: 16, description: 'S-Vlan ID' },
  cvid: { abbrev: 'ieee8021ad.cvid', name: 'ID', type: 'uint', mask: 0x0fff, bits: 16, description: 'C-Vlan ID' },
  trailer: { abbrev: 'ieee8021ah.trailer', name: 'Trailer', type: 'bytes', description: '802.1ah Trailer' },
});

/** Dissect what follows a tag: an EtherType, or (≤ 1500) an 802.3 length and LLC. */
function dissectAfterTag(p: Packet, etype: number, off: number, end: number): void {
  if (etype <= 1500) {
    dissect8023Payload(p, off, Math.min(end, off + etype));
    return;
  }
  p.addLayer('ethertype');
  dissectEtherType(p, etype, off, end);
}

/** Padding and trailer after a tag's payload (Wireshark adds them under the tag; no FCS at this level). */
function addTagTrailer(p: Packet, etype: number, off: number, end: number, trailerField: number): void {
  const spec = { trailerField, fcsLen: 0 };
  if (etype <= 1500) addEthernetTrailer(p, Math.min(off + etype, p.origLen), spec);
  else addEtherTypeTrailer(p, etype, off, end, spec);
}

export function dissectVlan(p: Packet, off: number, end: number): void {
  p.addLayer('vlan');
  p.setProtocol('VLAN');
  p.need(off, 4, end);
  const tci = p.dv.getUint16(off);
  const etype = p.dv.getUint16(off + 2);
  const pri = tci >> 13;
  const dei = (tci >> 12) & 1;
  const id = tci & 0xfff;
  if (p.cols) p.setInfo(`PRI: ${pri}  DEI: ${dei}  ID: ${id}`);
  if (p.sink.active) {
    p.open(hf.proto, off, 4, null, 0, `802.1Q Virtual LAN, PRI: ${pri}, DEI: ${dei}, ID: ${id}`);
    p.add(hf.priority, off, 2);
    p.add(hf.dei, off, 2);
    p.add(hf.id, off, 2);
    p.add(etype <= 1500 ? hf.len : hf.etype, off + 2, 2);
    addTagTrailer(p, etype, off + 4, end, hf.trailer);
    p.close();
  }
  dissectAfterTag(p, etype, off + 4, end);
}

export function dissectIeee8021ad(p: Packet, off: number, end: number): void {
  p.addLayer('ieee8021ad');
  p.setProtocol('IEEE 802.1ad');
  p.need(off, 4, end);
  const stci = p.dv.getUint16(off);
  let etype = p.dv.getUint16(off + 2);
  let hdr = 4;
  let ctci = -1;
  if (etype === 0x8100 && end - off >= 8) {
    ctci = p.dv.getUint16(off + 4);
    etype = p.dv.getUint16(off + 6);
    hdr = 8;
  }
  if (p.cols) p.setInfo(`PRI: ${stci >> 13}  DROP: ${(stci >> 12) & 1} ID: ${stci & 0xfff}`);
  if (p.sink.active) {
    const label =
      ctci >= 0 ? `IEEE 802.1ad, S-VID: ${stci & 0xfff}, C-VID: ${ctci & 0xfff}` : `IEEE 802.1ad, ID: ${stci & 0xfff}`;
    p.open(hfAd.proto, off, hdr, null, 0, label);
    p.add(hfAd.priority, off, 2);
    p.add(hfAd.dei, off, 2);
    p.add(ctci >= 0 ? hfAd.svid : hfAd.id, off, 2);
    if (ctci >= 0) {
      p.add(hf.etype, off + 2, 2);
      p.add(hfAd.priority, off + 4, 2);
      p.add(hfAd.dei, off + 4, 2);
      p.add(hfAd.cvid, off + 4, 2);
    }
    p.add(etype <= 1500 ? hf.len : hf.etype, off + hdr - 2, 2);
    addTagTrailer(p, etype, off + hdr, end, hfAd.trailer);
    p.close();
  }
  dissectAfterTag(p, etype, off + hdr, end);
}

etherTypes.add(0x8100, dissectVlan);
etherTypes.add(0x9100, dissectVlan);
etherTypes.add(0x88a8, dissectIeee8021ad);
