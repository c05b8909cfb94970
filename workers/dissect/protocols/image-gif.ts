// Compuserve GIF bodies: the version and logical screen; Info gets the version ("GIF89a") in parentheses.
import type { Packet } from '../packet';
import { declare } from '../registry';
import { mediaHeuristics, mediaTypes } from './media';

export const hf = declare('image-gif', 'Compuserve GIF', 'GIF image', {
  version: { abbrev: 'image-gif.version', name: 'Version', type: 'string' },
  width: { abbrev: 'image-gif.screen.width', name: 'Screen width', type: 'uint', base: 'dec' },
  height: { abbrev: 'image-gif.screen.height', name: 'Screen height', type: 'uint', base: 'dec' },
});

function gifVersion(d: Uint8Array, off: number, stop: number): string | null {
  if (stop - off < 6 || d[off] !== 0x47 || d[off + 1] !== 0x49 || d[off + 2] !== 0x46 || d[off + 3] !== 0x38)
    return null;
  if ((d[off + 4] !== 0x37 && d[off + 4] !== 0x39) || d[off + 5] !== 0x61) return null;
  return d[off + 4] === 0x37 ? 'GIF87a' : 'GIF89a';
}

export function dissectGif(p: Packet, off: number, end: number): boolean {
  const stop = Math.min(end, p.data.length);
  const version = gifVersion(p.data, off, stop);
  if (!version) return false;
  p.addLayer('image-gif');
  if (p.cols) p.appendInfo(` (${version})`);
  if (p.sink.active) {
    p.open(hf.proto, off, stop - off, null, 0, `Compuserve GIF, Version: ${version}`);
    p.add(hf.version, off, 6, version);
    if (off + 10 <= stop) {
      p.add(hf.width, off + 6, 2, p.data[off + 6] | (p.data[off + 7] << 8));
      p.add(hf.height, off + 8, 2, p.data[off + 8] | (p.data[off + 9] << 8));
    }
    p.close();
  }
  return true;
}

mediaTypes.set('image/gif', dissectGif);
mediaHeuristics.push(dissectGif);
