// Linux netfilter NFLOG (link type 239): a 4-byte header (address family, version, resource id) then TLVs whose
// length and type are in the capturing host's byte order (little-endian in practice); the NFULA_PAYLOAD TLV (9)
// holds the packet itself, from its network header on.
import { etherTypes, linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';

const TLV_TYPES: Record<number, string> = {
  1: 'NFULA_PACKET_HDR',
  2: 'NFULA_MARK',
  3: 'NFULA_TIMESTAMP',
  4: 'NFULA_IFINDEX_INDEV',
  5: 'NFULA_IFINDEX_OUTDEV',
  6: 'NFULA_IFINDEX_PHYSINDEV',
  7: 'NFULA_IFINDEX_PHYSOUTDEV',
  8: 'NFULA_HWADDR',
  9: 'NFULA_PAYLOAD',
  10: 'NFULA_PREFIX',
  11: 'NFULA_UID',
  12: 'NFULA_SEQ',
  13: 'NFULA_SEQ_GLOBAL',
  14: 'NFULA_GID',
  15: 'NFULA_HWTYPE',
  16: 'NFULA_HWHEADER',
  17: 'NFULA_HWLEN',
  18: 'NFULA_CT',
  19: 'NFULA_CT_INFO',
};

export const hf = declare('nflog', 'Linux Netfilter NFLOG', 'NFLOG', {
  family: { abbrev: 'nflog.family', name: 'Family', type: 'uint', strings: { 2: 'IP', 10: 'IPv6' } },
  version: { abbrev: 'nflog.version', name: 'Version', type: 'uint' },
  resid: { abbrev: 'nflog.res_id', name: 'Resource id', type: 'uint' },
  tlvLength: { abbrev: 'nflog.tlv_length', name: 'Length', type: 'uint' },
  tlvType: { abbrev: 'nflog.tlv_type', name: 'Type', type: 'uint', mask: 0x7fff, bits: 16, strings: TLV_TYPES },
  tlv: { abbrev: 'nflog.tlv', name: 'Value', type: 'bytes' },
  prefix: { abbrev: 'nflog.prefix', name: 'Prefix', type: 'string' },
});

export function dissectNflog(p: Packet, off: number, end: number): void {
  p.addLayer('nflog');
  p.setProtocol('NFLOG');
  p.setInfo('');
  p.need(off, 4, end);
  const family = p.data[off];
  if (p.sink.active) {
    p.open(hf.proto, off, end - off, null, 0, 'Linux Netfilter NFLOG');
    p.add(hf.family, off, 1);
    p.add(hf.version, off + 1, 1);
    p.add(hf.resid, off + 2, 2);
  }
  let payloadOff = -1;
  let payloadLen = 0;
  try {
    let o = off + 4;
    while (o + 4 <= end) {
      const len = p.dv.getUint16(o, true);
      const type = p.dv.getUint16(o + 2, true) & 0x7fff;
      if (len < 4 || o + len > end) {
        p.expert('error', 'Malformed', 'nflog.tlv_length.bad', 'TLV length is invalid');
        break;
      }
      if (p.sink.active) {
        p.text(o, len, `TLV Type: ${TLV_TYPES[type] ?? 'Unknown'} (${type}), Length: ${len}`, true);
        p.add(hf.tlvLength, o, 2, undefined, 4);
        p.add(hf.tlvType, o + 2, 2, undefined, 4);
        if (type === 10) p.add(hf.prefix, o + 4, len - 4);
        else if (len > 4) p.add(hf.tlv, o + 4, len - 4);
        p.close();
      }
      if (type === 9) {
        payloadOff = o + 4;
        payloadLen = len - 4;
      }
      o += (len + 3) & ~3;
    }
  } finally {
    p.close();
  }
  if (payloadOff < 0) return;
  const payloadEnd = Math.min(end, payloadOff + payloadLen);
  const type = family === 2 ? 0x0800 : family === 10 ? 0x86dd : -1;
  if (type < 0 || !etherTypes.call(type, p, payloadOff, payloadEnd)) dissectData(p, payloadOff, payloadEnd);
}

linkTypes.add(239, dissectNflog);
