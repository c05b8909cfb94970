// MIME multipart bodies (multipart/form-data, multipart/byteranges …): the encapsulation, its boundaries and its
// parts, each part's body handed to the dissector of its own Content-Type (not in the first pass).
import type { Packet } from '../packet';
import { declare } from '../registry';
import { GENERATED } from '../sinks';
import { currentMedia, dissectBody, mediaTypeOf, mediaTypes } from './media';

export const hf = declare('mime_multipart', 'MIME Multipart Media Encapsulation', 'MIME multipart', {
  type: { abbrev: 'mime_multipart.type', name: 'Type', type: 'string' },
  boundary: { abbrev: 'mime_multipart.boundary', name: 'Boundary', type: 'string' },
  preamble: { abbrev: 'mime_multipart.preamble', name: 'Preamble', type: 'bytes' },
  firstBoundary: { abbrev: 'mime_multipart.first_boundary', name: 'First boundary', type: 'string' },
  lastBoundary: { abbrev: 'mime_multipart.last_boundary', name: 'Last boundary', type: 'string' },
  part: { abbrev: 'mime_multipart.part', name: 'Encapsulated multipart part', type: 'string' },
  header: { abbrev: 'mime_multipart.header', name: 'Header', type: 'string' },
});

/** The boundary parameter of a Content-Type value, without quotes ('' when absent). */
export function boundaryOf(header: string): string {
  const m = /;\s*boundary\s*=\s*("([^"]*)"|[^;\s]*)/i.exec(header);
  return m ? (m[2] ?? m[1]) : '';
}

const latin1 = new TextDecoder('latin1');

/** The offset of "--boundary" in d[from, to) at the start or after a line break, or -1. */
function findDelimiter(d: Uint8Array, from: number, to: number, delim: Uint8Array): number {
  outer: for (let i = from; i + delim.length <= to; i++) {
    if (i > from && d[i - 1] !== 0x0a) continue;
    for (let k = 0; k < delim.length; k++) if (d[i + k] !== delim[k]) continue outer;
    return i;
  }
  return -1;
}

/** Just past the line break that ends the line at `o` (or `to`). */
function lineEnd(d: Uint8Array, o: number, to: number): number {
  let i = o;
  while (i < to && d[i] !== 0x0a) i++;
  return Math.min(to, i + 1);
}

/** Text as a label shows it: line breaks written as \r and \n. */
function shown(d: Uint8Array, from: number, to: number): string {
  return latin1.decode(d.subarray(from, to)).replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

export function dissectMultipart(p: Packet, off: number, end: number): boolean {
  const stop = Math.min(end, p.data.length);
  p.addLayer('mime_multipart');
  // The parts are dissected for the columns too: a part's dissector may add to Info ("POST /  (zip)").
  if (p.verbose) {
    const type = currentMedia.type;
    const boundary = boundaryOf(currentMedia.header);
    p.open(
      hf.proto,
      off,
      stop - off,
      null,
      0,
      `MIME Multipart Media Encapsulation, Type: ${type}, Boundary: "${boundary}"`,
    );
    p.add(hf.type, off, 0, type, GENERATED);
    const depth = p.openDepth;
    try {
      if (boundary) parts(p, off, stop, boundary);
    } finally {
      p.unwind(depth);
      p.close();
    }
  }
  return true;
}

/** The parts between the boundaries, each with its headers and its body handed on by its own type (tree only). */
function parts(p: Packet, off: number, stop: number, boundary: string): void {
  const d = p.data;
  const delim = new TextEncoder().encode(`--${boundary}`);
  const at = findDelimiter(d, off, stop, delim);
  if (at < 0) return;
  if (at > off) p.add(hf.preamble, off, at - off);
  let line = lineEnd(d, at, stop);
  p.add(hf.firstBoundary, at, line - at, shown(d, at, line - 2), 0, `First boundary: ${shown(d, at, line)}`);
  const saved = { type: currentMedia.type, header: currentMedia.header };
  try {
    while (line < stop) {
      const next = findDelimiter(d, line, stop, delim);
      // The part ends before the line break that precedes the next delimiter.
      const partEnd = next < 0 ? stop : next >= 2 && d[next - 2] === 0x0d ? next - 2 : next - 1;
      part(p, line, Math.max(line, partEnd));
      if (next < 0) return;
      const closing = d[next + delim.length] === 0x2d && d[next + delim.length + 1] === 0x2d;
      const delimEnd = lineEnd(d, next, stop);
      const text = shown(d, partEnd, delimEnd);
      if (closing) {
        p.add(hf.lastBoundary, partEnd, delimEnd - partEnd, text, 0, `Last boundary: ${text}`);
        return;
      }
      p.add(hf.boundary, partEnd, delimEnd - partEnd, text, 0, `Boundary: ${text}`);
      line = delimEnd;
    }
  } finally {
    currentMedia.type = saved.type;
    currentMedia.header = saved.header;
  }
}

/** One part: "Encapsulated multipart part:  (type)", its header lines, then its body. */
function part(p: Packet, from: number, to: number): void {
  const d = p.data;
  // The headers: lines up to an empty one.
  const lines: [number, number][] = [];
  let o = from;
  let body = to;
  while (o < to) {
    const e = lineEnd(d, o, to);
    const empty = e - o <= 2 && (d[o] === 0x0d || d[o] === 0x0a);
    if (empty) {
      body = e;
      break;
    }
    lines.push([o, e]);
    o = e;
  }
  let type = '';
  let typeHeader = '';
  for (const [a, b] of lines) {
    const text = latin1.decode(d.subarray(a, b)).trim();
    const colon = text.indexOf(':');
    if (colon > 0 && text.slice(0, colon).trim().toLowerCase() === 'content-type') {
      typeHeader = text.slice(colon + 1).trim();
      type = mediaTypeOf(typeHeader);
    }
  }
  p.open(hf.part, from, to - from, type, 0, `Encapsulated multipart part:  (${type})`);
  lines.forEach(([a, b], k) => {
    // The last header line shows the empty line after it too.
    const last = k === lines.length - 1;
    const e = last ? body : b;
    p.add(hf.header, a, e - a, latin1.decode(d.subarray(a, b)).trim(), 0, shown(d, a, e));
  });
  if (body < to) p.nest(() => dissectBody(p, body, to, type, typeHeader));
  p.close();
}

for (const t of [
  'multipart/mixed',
  'multipart/related',
  'multipart/alternative',
  'multipart/form-data',
  'multipart/byteranges',
  'multipart/x-mixed-replace',
  'multipart/report',
  'multipart/signed',
  'multipart/encrypted',
])
  mediaTypes.set(t, dissectMultipart);
