// MIME multipart bodies (multipart/form-data, multipart/byteranges …): the encapsulation and its boundary. The parts
// themselves are not broken down yet.
import type { Packet } from '../packet';
import { declare } from '../registry';
import { currentMedia, mediaTypes } from './media';

export const hf = declare('mime_multipart', 'MIME Multipart Media Encapsulation', 'MIME multipart', {
  type: { abbrev: 'mime_multipart.type', name: 'Type', type: 'string' },
  boundary: { abbrev: 'mime_multipart.boundary', name: 'Boundary', type: 'string' },
});

/** The boundary parameter of a Content-Type value, without quotes ('' when absent). */
export function boundaryOf(header: string): string {
  const m = /;\s*boundary\s*=\s*("([^"]*)"|[^;\s]*)/i.exec(header);
  return m ? (m[2] ?? m[1]) : '';
}

export function dissectMultipart(p: Packet, off: number, end: number): boolean {
  const stop = Math.min(end, p.data.length);
  p.addLayer('mime_multipart');
  if (p.sink.active) {
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
    p.add(hf.type, off, 0, type);
    p.add(hf.boundary, off, 0, boundary);
    p.close();
  }
  return true;
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
