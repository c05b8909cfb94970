// JavaScript Object Notation bodies: the Protocol column becomes "HTTP/JSON" as in Wireshark (the members themselves
// are not broken down yet; the body is shown as one item).
import type { Packet } from '../packet';
import { declare } from '../registry';
import { currentMedia, mediaProtocols, mediaTypes } from './media';

export const hf = declare('json', 'JavaScript Object Notation', 'JSON', {});

export function dissectJson(p: Packet, off: number, end: number): boolean {
  const stop = Math.min(end, p.data.length);
  p.addLayer('json');
  p.setProtocol(p.protocol ? `${p.protocol}/JSON` : 'JSON');
  const type = currentMedia.type;
  if (p.cols) p.appendInfoSep(', ', `JavaScript Object Notation${type ? ` (${type})` : ''}`);
  if (p.sink.active) {
    p.open(hf.proto, off, stop - off, null, 0, `JavaScript Object Notation${type ? `: ${type}` : ''}`);
    p.close();
  }
  return true;
}

for (const t of [
  'application/json',
  'application/json-rpc',
  'application/jsonrequest',
  'application/dds-web+json',
  'application/vnd.oma.lwm2m+json',
  'application/x-ndjson',
  'application/problem+json',
]) {
  mediaTypes.set(t, dissectJson);
  mediaProtocols.byType.set(t, 'JSON');
}
