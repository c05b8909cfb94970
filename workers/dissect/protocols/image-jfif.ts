// JPEG File Interchange Format: the markers and marker segments of a JPEG body, as Wireshark's tree lists them
// (SOI, APP0/JFIF, quantization and Huffman tables, the frame and scan headers, the entropy-coded data, EOI).
import type { Packet } from '../packet';
import { declare } from '../registry';
import { mediaHeuristics, mediaTypes } from './media';

const UNITS: Record<number, string> = {
  0: 'No units; Xdensity and Ydensity specify the pixel aspect ratio',
  1: 'Dots per inch',
  2: 'Dots per centimeter',
};

export const hf = declare('image-jfif', 'JPEG File Interchange Format', 'JFIF (JPEG) image', {
  marker: { abbrev: 'image-jfif.marker', name: 'Marker', type: 'uint', base: 'hex' },
  markerSegment: { abbrev: 'image-jfif.marker_segment', name: 'Marker segment', type: 'none' },
  length: { abbrev: 'image-jfif.length', name: 'Length', type: 'uint' },
  identifier: { abbrev: 'image-jfif.identifier', name: 'Identifier', type: 'string' },
  version: { abbrev: 'image-jfif.version', name: 'Version', type: 'none' },
  major: { abbrev: 'image-jfif.version.major', name: 'Major Version', type: 'uint' },
  minor: { abbrev: 'image-jfif.version.minor', name: 'Minor Version', type: 'uint' },
  units: { abbrev: 'image-jfif.units', name: 'Units', type: 'uint', strings: UNITS },
  xdensity: { abbrev: 'image-jfif.Xdensity', name: 'Xdensity', type: 'uint' },
  ydensity: { abbrev: 'image-jfif.Ydensity', name: 'Ydensity', type: 'uint' },
  xthumb: { abbrev: 'image-jfif.Xthumbnail', name: 'Xthumbnail', type: 'uint' },
  ythumb: { abbrev: 'image-jfif.Ythumbnail', name: 'Ythumbnail', type: 'uint' },
  sof: { abbrev: 'image-jfif.sof', name: 'Start of Frame header', type: 'none' },
  precision: { abbrev: 'image-jfif.sof.precision', name: 'Sample Precision (bits)', type: 'uint' },
  lines: { abbrev: 'image-jfif.sof.lines', name: 'Lines', type: 'uint' },
  samples: { abbrev: 'image-jfif.sof.samples_per_line', name: 'Samples per line', type: 'uint' },
  nf: { abbrev: 'image-jfif.sof.nf', name: 'Number of image components in frame', type: 'uint' },
  ci: { abbrev: 'image-jfif.sof.c_i', name: 'Component identifier', type: 'uint' },
  hi: { abbrev: 'image-jfif.sof.h_i', name: 'Horizontal sampling factor', type: 'uint', mask: 0xf0, bits: 8 },
  vi: { abbrev: 'image-jfif.sof.v_i', name: 'Vertical sampling factor', type: 'uint', mask: 0x0f, bits: 8 },
  tqi: { abbrev: 'image-jfif.sof.tq_i', name: 'Quantization table destination selector', type: 'uint' },
  sos: { abbrev: 'image-jfif.header.sos', name: 'Start of Segment header', type: 'none' },
  ns: { abbrev: 'image-jfif.sos.ns', name: 'Number of image components in scan', type: 'uint' },
  cs: { abbrev: 'image-jfif.sos.component_selector', name: 'Scan component selector', type: 'uint' },
  td: {
    abbrev: 'image-jfif.sos.dc_entropy_selector',
    name: 'DC entropy coding table destination selector',
    type: 'uint',
    mask: 0xf0,
    bits: 8,
  },
  ta: {
    abbrev: 'image-jfif.sos.ac_entropy_selector',
    name: 'AC entropy coding table destination selector',
    type: 'uint',
    mask: 0x0f,
    bits: 8,
  },
  ss: { abbrev: 'image-jfif.sos.ss', name: 'Start of spectral or predictor selection', type: 'uint' },
  se: { abbrev: 'image-jfif.sos.se', name: 'End of spectral selection', type: 'uint' },
  ah: {
    abbrev: 'image-jfif.sos.ah',
    name: 'Successive approximation bit position high',
    type: 'uint',
    mask: 0xf0,
    bits: 8,
  },
  al: {
    abbrev: 'image-jfif.sos.al',
    name: 'Successive approximation bit position low or point transform',
    type: 'uint',
    mask: 0x0f,
    bits: 8,
  },
  comment: { abbrev: 'image-jfif.comment', name: 'Comment', type: 'string' },
  remain: { abbrev: 'image-jfif.remain_seg_data', name: 'Remaining segment data', type: 'bytes' },
  entropy: {
    abbrev: 'image-jfif.entropy_coded_segment',
    name: 'Entropy-coded segment (dissection is not yet implemented)',
    type: 'bytes',
  },
});

const SOF_KIND: Record<number, string> = {
  0xc0: 'Start of Frame (non-differential, Huffman coding) - Baseline DCT',
  0xc1: 'Start of Frame (non-differential, Huffman coding) - Extended sequential DCT',
  0xc2: 'Start of Frame (non-differential, Huffman coding) - Progressive DCT',
  0xc3: 'Start of Frame (non-differential, Huffman coding) - Lossless (sequential)',
  0xc5: 'Start of Frame (differential, Huffman coding) - Differential sequential DCT',
  0xc6: 'Start of Frame (differential, Huffman coding) - Differential progressive DCT',
  0xc7: 'Start of Frame (differential, Huffman coding) - Differential lossless (sequential)',
  0xc9: 'Start of Frame (non-differential, arithmetic coding) - Extended sequential DCT',
  0xca: 'Start of Frame (non-differential, arithmetic coding) - Progressive DCT',
  0xcb: 'Start of Frame (non-differential, arithmetic coding) - Lossless (sequential)',
  0xcd: 'Start of Frame (differential, arithmetic coding) - Differential sequential DCT',
  0xce: 'Start of Frame (differential, arithmetic coding) - Differential progressive DCT',
  0xcf: 'Start of Frame (differential, arithmetic coding) - Differential lossless (sequential)',
};

/** Wireshark's names of the JPEG markers (the second byte after 0xFF). */
export function markerName(m: number): string {
  if (SOF_KIND[m]) return SOF_KIND[m];
  if (m >= 0xd0 && m <= 0xd7) return `Restart with modulo 8 count ${m - 0xd0}`;
  if (m >= 0xe0 && m <= 0xef) return `Reserved for application segments - ${m - 0xe0}`;
  if (m >= 0xf0 && m <= 0xfd) return `Reserved for JPEG extensions - ${m - 0xf0}`;
  switch (m) {
    case 0xc4:
      return 'Define Huffman table(s)';
    case 0xc8:
      return 'Reserved for JPEG extensions';
    case 0xcc:
      return 'Define arithmetic coding conditioning(s)';
    case 0xd8:
      return 'Start of Image';
    case 0xd9:
      return 'End of Image';
    case 0xda:
      return 'Start of Scan';
    case 0xdb:
      return 'Define quantization table(s)';
    case 0xdc:
      return 'Define number of lines';
    case 0xdd:
      return 'Define restart interval';
    case 0xde:
      return 'Define hierarchical progression';
    case 0xdf:
      return 'Expand reference component(s)';
    case 0xfe:
      return 'Comment';
    case 0x01:
      return 'For temporary use in arithmetic coding';
    default:
      return 'Reserved';
  }
}

const hex4 = (v: number) => v.toString(16).toUpperCase().padStart(4, '0');

function markerItem(p: Packet, at: number, m: number): void {
  p.add(hf.marker, at, 2, undefined, 0, `Marker: ${markerName(m)} (0x${(0xff00 | m).toString(16)})`);
}

function isJfif(d: Uint8Array, off: number, stop: number): boolean {
  return stop - off >= 3 && d[off] === 0xff && d[off + 1] === 0xd8 && d[off + 2] === 0xff;
}

export function dissectJfif(p: Packet, off: number, end: number): boolean {
  const d = p.data;
  const stop = Math.min(end, d.length);
  if (!isJfif(d, off, stop)) return false;
  p.addLayer('image-jfif');
  if (p.cols) p.appendInfo(' (JPEG JFIF image)');
  if (!p.sink.active) return true;
  p.open(hf.proto, off, stop - off, null, 0, 'JPEG File Interchange Format');
  markerItem(p, off, 0xd8);
  let i = off + 2;
  while (i + 4 <= stop && d[i] === 0xff) {
    const m = d[i + 1];
    if (m === 0xd9) break;
    const len = (d[i + 2] << 8) | d[i + 3];
    if (len < 2) break;
    const segEnd = Math.min(i + 2 + len, stop);
    const code = hex4(0xff00 | m);
    if (SOF_KIND[m]) {
      p.open(hf.sof, i, segEnd - i, null, 0, `Start of Frame header: ${markerName(m)} (0x${code})`);
      markerItem(p, i, m);
      p.add(hf.length, i + 2, 2);
      if (i + 10 <= segEnd) {
        p.add(hf.precision, i + 4, 1);
        p.add(hf.lines, i + 5, 2);
        p.add(hf.samples, i + 7, 2);
        p.add(hf.nf, i + 9, 1);
        for (let c = 0, at = i + 10; c < d[i + 9] && at + 3 <= segEnd; c++, at += 3) {
          p.add(hf.ci, at, 1);
          p.add(hf.hi, at + 1, 1);
          p.add(hf.vi, at + 1, 1);
          p.add(hf.tqi, at + 2, 1);
        }
      }
      p.close();
    } else if (m === 0xda) {
      p.open(hf.sos, i, segEnd - i, null, 0, `Start of Segment header: ${markerName(m)} (0x${code})`);
      markerItem(p, i, m);
      p.add(hf.length, i + 2, 2);
      if (i + 5 <= segEnd) {
        const ns = d[i + 4];
        p.add(hf.ns, i + 4, 1);
        let at = i + 5;
        for (let c = 0; c < ns && at + 2 <= segEnd; c++, at += 2) {
          p.add(hf.cs, at, 1);
          p.add(hf.td, at + 1, 1);
          p.add(hf.ta, at + 1, 1);
        }
        if (at + 3 <= segEnd) {
          p.add(hf.ss, at, 1);
          p.add(hf.se, at + 1, 1);
          p.add(hf.ah, at + 2, 1);
          p.add(hf.al, at + 2, 1);
        }
      }
      p.close();
      // The entropy-coded data runs to the End of Image marker at the end of the body.
      const eoi = stop - 2 >= segEnd && d[stop - 2] === 0xff && d[stop - 1] === 0xd9 ? stop - 2 : stop;
      if (eoi > segEnd) p.add(hf.entropy, segEnd, eoi - segEnd);
      i = eoi;
      break;
    } else {
      p.open(hf.markerSegment, i, segEnd - i, null, 0, `Marker segment: ${markerName(m)} (0x${code})`);
      markerItem(p, i, m);
      p.add(hf.length, i + 2, 2);
      let at = i + 4;
      if (m === 0xe0 && segEnd - at >= 14 && d[at] === 0x4a && d[at + 1] === 0x46 && d[at + 4] === 0) {
        p.add(hf.identifier, at, 5);
        p.open(hf.version, at + 5, 2, null, 0, `Version: ${d[at + 5]}.${d[at + 6]}`);
        p.add(hf.major, at + 5, 1);
        p.add(hf.minor, at + 6, 1);
        p.close();
        p.add(hf.units, at + 7, 1);
        p.add(hf.xdensity, at + 8, 2);
        p.add(hf.ydensity, at + 10, 2);
        p.add(hf.xthumb, at + 12, 1);
        p.add(hf.ythumb, at + 13, 1);
        at += 14;
      } else if (m === 0xfe) {
        p.add(hf.comment, at, segEnd - at);
        at = segEnd;
      }
      if (segEnd > at) p.add(hf.remain, at, segEnd - at, undefined, 0, `Remaining segment data: ${segEnd - at} bytes`);
      p.close();
    }
    i = segEnd;
  }
  if (i + 2 <= stop && d[i] === 0xff && d[i + 1] === 0xd9) markerItem(p, i, 0xd9);
  p.close();
  return true;
}

mediaTypes.set('image/jpeg', dissectJfif);
mediaTypes.set('image/jpg', dissectJfif);
mediaTypes.set('image/pjpeg', dissectJfif);
mediaHeuristics.push(dissectJfif);
