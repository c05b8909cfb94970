// "Line-based text data": a text body shown line by line (text/html, text/plain, text/css …).
import type { Packet } from '../packet';
import { declare } from '../registry';
import { decodeText } from '../sinks';
import { currentMedia, mediaTypes } from './media';

export const hf = declare('data-text-lines', 'Line-based text data', 'Line-based text data', {});

/** A line of text as Wireshark labels it: control characters escaped, the line end written out (\r\n, \n). */
export function textLineLabel(d: Uint8Array, from: number, to: number): string {
  let s = '';
  let run = from;
  const flush = (i: number) => {
    if (i > run) s += decodeText(d.subarray(run, i));
  };
  for (let i = from; i < to; i++) {
    const b = d[i];
    if (b >= 0x20 && b !== 0x7f) continue;
    flush(i);
    run = i + 1;
    if (b === 0x0d) s += '\\r';
    else if (b === 0x0a) s += '\\n';
    else if (b === 0x09) s += '\\t';
    else if (b === 0) s += '\\000';
    else s += '\\' + b.toString(8).padStart(3, '0');
  }
  flush(to);
  return s;
}

export function dissectTextLines(p: Packet, off: number, end: number): boolean {
  const d = p.data;
  const stop = Math.min(end, d.length);
  p.addLayer('data-text-lines');
  const type = currentMedia.type;
  if (p.cols && type) p.appendInfo(` (${type})`);
  // The lines are labels only: a sink that collects a few fields (not this protocol's) has no use for them.
  if (!p.sink.active || !p.sink.wants(hf.proto)) return true;
  // Count lines first: the label of the subtree says how many.
  let lines = 0;
  for (let i = off; i < stop;) {
    let j = i;
    while (j < stop && d[j] !== 0x0a) j++;
    lines++;
    i = j + 1;
  }
  const what = type ? `: ${type}` : '';
  p.open(hf.proto, off, stop - off, null, 0, `Line-based text data${what} (${lines} line${lines === 1 ? '' : 's'})`);
  for (let i = off; i < stop;) {
    let j = i;
    while (j < stop && d[j] !== 0x0a) j++;
    const next = j < stop ? j + 1 : stop;
    p.text(i, next - i, textLineLabel(d, i, next));
    i = next;
  }
  p.close();
  return true;
}

for (const t of [
  'text/plain',
  'text/richtext',
  'text/enriched',
  'text/parameters',
  'text/html',
  'text/css',
  'text/javascript',
  'text/ecmascript',
  'application/ecmascript',
  'application/x-javascript',
  'application/x-ns-proxy-autoconfig',
  'text/vnd.sun.j2me.app-descriptor',
  'application/vnd.poc.refer-to',
  'application/vnd.drm.message',
  'application/x-wms-logplaystats',
  'application/x-rtsp-udp-packetpair',
])
  mediaTypes.set(t, dissectTextLines);
