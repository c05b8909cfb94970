// OpenBSD loopback (link type 108): like Null/Loopback, but the 4-byte address family is in network byte order.
import { etherTypes, linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { dissectData } from './data';
import { dissectByFamily, FAMILY_NAMES, hf } from './null';

export function dissectLoop(p: Packet, off: number, end: number): void {
  p.addLayer('null');
  p.setProtocol('N/A');
  p.setInfo('Null/Loopback');
  p.need(off, 4, end);
  const family = p.dv.getUint32(off);
  if (p.sink.active) {
    p.open(hf.proto, off, 4, null, 0, 'Null/Loopback');
    if (family > 1500) p.add(hf.type, off, 4, family & 0xffff);
    else p.add(hf.family, off, 4, family, 0, `Family: ${FAMILY_NAMES[family] ?? 'Unknown'} (${family})`);
    p.close();
  }
  const next = off + 4;
  const done = family > 1500 ? etherTypes.call(family & 0xffff, p, next, end) : dissectByFamily(p, family, next, end);
  if (!done) dissectData(p, next, end);
}

linkTypes.add(108, dissectLoop);
