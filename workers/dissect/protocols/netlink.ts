// Linux netlink captures (link type 253, from the nlmon device): a 16-byte cooked header like SLL's whose protocol
// field is the netlink family, then netlink messages. Routing messages (family 0) are labelled "Netlink route", as
// Wireshark does; the message headers are read in the byte order of the capturing host.
import { linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { LE } from '../sinks';

const FAMILIES: Record<number, string> = {
  0: 'Route',
  4: 'Sock diag',
  9: 'Audit',
  12: 'Netfilter',
  16: 'Generic',
};

/** The Protocol column per family (the families Wireshark has a dissector for). */
const FAMILY_PROTOCOL: Record<number, string> = {
  0: 'Netlink route',
  4: 'Netlink sock_diag',
  12: 'Netlink netfilter',
  16: 'Netlink generic',
};

export const hf = declare('netlink', 'Linux netlink protocol', 'Netlink', {
  hatype: { abbrev: 'netlink.hatype', name: 'Link-layer address type', type: 'uint' },
  family: { abbrev: 'netlink.family', name: 'Family', type: 'uint', base: 'hex', bits: 16, strings: FAMILIES },
  len: { abbrev: 'netlink.len', name: 'Length', type: 'uint' },
  type: { abbrev: 'netlink.type', name: 'Message type', type: 'uint', base: 'hex', bits: 16 },
  flags: { abbrev: 'netlink.flags', name: 'Flags', type: 'uint', base: 'hex', bits: 16 },
  seq: { abbrev: 'netlink.seq', name: 'Sequence', type: 'uint' },
  pid: { abbrev: 'netlink.pid', name: 'Port ID', type: 'uint' },
  data: { abbrev: 'netlink.data', name: 'Data', type: 'bytes' },
});

export function dissectNetlink(p: Packet, off: number, end: number): void {
  p.addLayer('netlink');
  p.setProtocol('Netlink');
  p.setInfo('');
  p.need(off, 16, end);
  const family = p.dv.getUint16(off + 14);
  const proto = FAMILY_PROTOCOL[family];
  if (proto) p.setProtocol(proto);
  if (!p.sink.active) return;
  p.open(hf.proto, off, end - off, null, 0, 'Linux netlink (cooked header)');
  p.add(hf.hatype, off + 2, 2);
  p.add(hf.family, off + 14, 2);
  // The messages' byte order: the one in which the first message's length fits what is there.
  let o = off + 16;
  const little = o + 4 <= end && p.dv.getUint32(o, true) <= end - o;
  const flags = little ? LE : 0;
  while (o + 16 <= end) {
    const len = p.dv.getUint32(o, little);
    if (len < 16 || len > end - o) break;
    p.text(o, len, 'Netlink message', true);
    p.add(hf.len, o, 4, undefined, flags);
    p.add(hf.type, o + 4, 2, undefined, flags);
    p.add(hf.flags, o + 6, 2, undefined, flags);
    p.add(hf.seq, o + 8, 4, undefined, flags);
    p.add(hf.pid, o + 12, 4, undefined, flags);
    if (len > 16) p.add(hf.data, o + 16, len - 16);
    p.close();
    o += (len + 3) & ~3;
  }
  p.close();
}

linkTypes.add(253, dissectNetlink);
