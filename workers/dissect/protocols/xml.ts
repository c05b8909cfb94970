// eXtensible Markup Language bodies: the Protocol column becomes "HTTP/XML" as in Wireshark (elements are not broken
// down yet; the body is shown as one item).
import type { Packet } from '../packet';
import { declare } from '../registry';
import { mediaProtocols, mediaTypes } from './media';

export const hf = declare('xml', 'eXtensible Markup Language', 'XML', {});

export function dissectXml(p: Packet, off: number, end: number): boolean {
  const stop = Math.min(end, p.data.length);
  p.addLayer('xml');
  p.setProtocol(p.protocol ? `${p.protocol}/XML` : 'XML');
  if (p.sink.active) {
    p.open(hf.proto, off, stop - off, null, 0, 'eXtensible Markup Language');
    p.close();
  }
  return true;
}

for (const t of [
  'text/xml',
  'application/xml',
  'application/soap+xml',
  'application/xhtml+xml',
  'application/atom+xml',
  'application/rss+xml',
  'application/rdf+xml',
  'application/xml-dtd',
  'image/svg+xml',
  'application/vnd.wap.wbxml',
]) {
  mediaTypes.set(t, dissectXml);
  mediaProtocols.add(t, 'XML');
}
