// Portable Network Graphics bodies: the signature and the chunks (length, type, the image header's size);
// Info gets " (PNG)".
import type { Packet } from '../packet';
import { declare } from '../registry';
import { mediaHeuristics, mediaTypes } from './media';

export const hf = declare('png', 'Portable Network Graphics', 'PNG', {
  signature: { abbrev: 'png.signature', name: 'PNG Signature', type: 'bytes' },
  len: { abbrev: 'png.chunk.len', name: 'Len', type: 'uint' },
  type: { abbrev: 'png.chunk.type', name: 'Chunk', type: 'string' },
  crc: { abbrev: 'png.chunk.crc', name: 'CRC', type: 'uint', base: 'hex' },
  width: { abbrev: 'png.ihdr.width', name: 'Width', type: 'uint' },
  height: { abbrev: 'png.ihdr.height', name: 'Height', type: 'uint' },
});

const SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const CHUNK_NAMES: Record<string, string> = {
  IHDR: 'Image Header',
  PLTE: 'Palette',
  IDAT: 'Image data',
  IEND: 'Image Trailer',
  tEXt: 'Textual data',
  zTXt: 'Compressed textual data',
  iTXt: 'International textual data',
  pHYs: 'Physical pixel dimensions',
  tIME: 'Image last-modification time',
  gAMA: 'Image gamma',
  cHRM: 'Primary chromaticities',
  sRGB: 'Standard RGB colour space',
  bKGD: 'Background colour',
  tRNS: 'Transparency',
  iCCP: 'Embedded ICC profile',
};

export function dissectPng(p: Packet, off: number, end: number): boolean {
  const d = p.data;
  const stop = Math.min(end, d.length);
  if (stop - off < 8) return false;
  for (let i = 0; i < 8; i++) if (d[off + i] !== SIG[i]) return false;
  p.addLayer('png');
  if (p.cols) p.appendInfo(' (PNG)');
  if (!p.sink.active) return true;
  p.open(hf.proto, off, stop - off, null, 0, 'Portable Network Graphics');
  p.add(hf.signature, off, 8);
  let i = off + 8;
  while (i + 12 <= stop) {
    const len = p.dv.getUint32(i);
    const type = String.fromCharCode(d[i + 4], d[i + 5], d[i + 6], d[i + 7]);
    const chunkEnd = Math.min(stop, i + 12 + len);
    const name = CHUNK_NAMES[type] ?? 'unknown';
    p.text(i, chunkEnd - i, type in CHUNK_NAMES ? `${name} (${type})` : type, true);
    p.add(hf.len, i, 4);
    p.add(hf.type, i + 4, 4);
    if (type === 'IHDR' && len >= 8 && i + 16 <= stop) {
      p.add(hf.width, i + 8, 4);
      p.add(hf.height, i + 12, 4);
    }
    if (i + 12 + len <= stop) p.add(hf.crc, i + 8 + len, 4);
    p.close();
    if (len > stop) break;
    i += 12 + len;
  }
  p.close();
  return true;
}

mediaTypes.set('image/png', dissectPng);
mediaHeuristics.push(dissectPng);
