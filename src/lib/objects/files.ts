// HTTP objects on the page: safe file names for saving, what kind of preview an object gets, and the text forms of a
// preview (pretty JSON, a hex dump). Plain functions, tested in Node (files.test.ts). The bytes come from the worker;
// nothing here parses packets.
import { zipSync } from 'fflate';
import type { HttpObject } from '../engine/types';

/** Extensions for made-up names, by media type. */
const EXTENSIONS: Record<string, string> = {
  'text/html': '.html',
  'application/xhtml+xml': '.xhtml',
  'text/plain': '.txt',
  'text/css': '.css',
  'text/javascript': '.js',
  'application/javascript': '.js',
  'application/x-javascript': '.js',
  'application/json': '.json',
  'application/xml': '.xml',
  'text/xml': '.xml',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
  'image/x-icon': '.ico',
  'image/vnd.microsoft.icon': '.ico',
  'audio/mpeg': '.mp3',
  'audio/ogg': '.ogg',
  'audio/wav': '.wav',
  'video/mp4': '.mp4',
  'video/webm': '.webm',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
};

/** Windows refuses these names (with any extension). */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A name that is safe to save a file under: no path separators, no "..", no control or bidirectional-override
 * characters, nothing Windows refuses; at most 120 characters (the extension kept). An empty result (the root "/")
 * becomes "index" or "object<frame>", with the extension of the media type.
 */
export function safeFileName(name: string, mime = '', frame = 0): string {
  let n = name
    .normalize('NFC')
    // Control characters, and the invisible ones that make a name read otherwise (bidi overrides, zero widths).
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s._]+|[\s.]+$/g, '');
  if (RESERVED.test(n)) n = `_${n}`;
  if (!/[^_]/.test(n)) {
    const base = name.trim() === '/' ? 'index' : frame ? `object${frame}` : 'object';
    n = base + (EXTENSIONS[mime] ?? '');
  }
  if (n.length > 120) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 && n.length - dot <= 10 ? n.slice(dot) : '';
    n = n.slice(0, 120 - ext.length) + ext;
  }
  return n;
}

/** The name an object is saved under: its safe file name; a stitched resource says so before its extension. */
export function saveName(o: HttpObject): string {
  const n = safeFileName(o.fileName, o.contentType, o.frameNumber);
  if (o.kind !== 'stitched') return n;
  const dot = n.lastIndexOf('.');
  return dot > 0 ? `${n.slice(0, dot)} (stitched)${n.slice(dot)}` : `${n} (stitched)`;
}

/** Names made unique in order: a repeated "a.jpg" becomes "a (2).jpg", "a (3).jpg"… (case-insensitive). */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let n = name;
    const dot = name.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let k = 2; used.has(n.toLowerCase()); k++) n = `${stem} (${k})${ext}`;
    used.add(n.toLowerCase());
    return n;
  });
}

/** A zip (stored, not compressed: bodies are mostly compressed already) of named files. */
export function zipFiles(files: readonly { name: string; bytes: Uint8Array }[]): Uint8Array {
  const names = uniqueNames(files.map((f) => f.name));
  const entries: Record<string, [Uint8Array, { level: 0 }]> = {};
  files.forEach((f, i) => (entries[names[i]] = [f.bytes, { level: 0 }]));
  return zipSync(entries);
}

/** The preview an object gets. HTML is shown as its source, never rendered. */
export type PreviewKind = 'image' | 'audio' | 'video' | 'json' | 'text' | 'hex';

/** What the first bytes say the body is, when its Content-Type does not (a few common signatures). */
export function sniff(bytes: Uint8Array): string {
  const at = (sig: number[], off = 0) => sig.every((b, i) => bytes[off + i] === b);
  if (at([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
  if (at([0x52, 0x49, 0x46, 0x46]) && at([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (at([0x49, 0x44, 0x33]) || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (at([0x4f, 0x67, 0x67, 0x53])) return 'audio/ogg';
  if (at([0x66, 0x74, 0x79, 0x70], 4)) return 'video/mp4';
  if (at([0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (at([0x25, 0x50, 0x44, 0x46])) return 'application/pdf';
  return '';
}

/** Whether bytes read as text: valid UTF-8 without control characters other than tab, CR and LF. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  for (const b of sample) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) return false;
  try {
    // A multi-byte character cut at the end of the sample is fine.
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - 3)));
    return true;
  } catch {
    return false;
  }
}

/** The preview kind and the media type to give a Blob URL, from the Content-Type, else from the bytes. */
export function previewOf(contentType: string, bytes: Uint8Array): { kind: PreviewKind; mime: string } {
  let mime = contentType.toLowerCase();
  if (!mime || mime === 'application/octet-stream') mime = sniff(bytes) || mime;
  if (mime.startsWith('image/')) return { kind: 'image', mime };
  if (mime.startsWith('audio/')) return { kind: 'audio', mime };
  if (mime.startsWith('video/')) return { kind: 'video', mime };
  if (/[/+]json$/.test(mime)) return { kind: 'json', mime };
  if (
    mime.startsWith('text/') ||
    /[/+]xml$/.test(mime) ||
    /(javascript|ecmascript|x-www-form-urlencoded|xhtml)/.test(mime) ||
    (!mime && looksLikeText(bytes))
  )
    return { kind: 'text', mime: mime || 'text/plain' };
  return { kind: 'hex', mime: mime || 'application/octet-stream' };
}

/** At most this much text is shown in a preview (the file can be saved whole). */
export const TEXT_PREVIEW_BYTES = 256 * 1024;
/** The hex preview shows the first bytes only. */
export const HEX_PREVIEW_BYTES = 1024;

/** The text of a body for a preview (UTF-8, replacement characters where it is not), cut at TEXT_PREVIEW_BYTES. */
export function previewText(bytes: Uint8Array): { text: string; cut: boolean } {
  const cut = bytes.length > TEXT_PREVIEW_BYTES;
  return { text: new TextDecoder('utf-8').decode(bytes.subarray(0, TEXT_PREVIEW_BYTES)), cut };
}

/** JSON pretty-printed with two spaces; the text as it is when it does not parse. */
export function prettyJson(bytes: Uint8Array): { text: string; cut: boolean; valid: boolean } {
  if (bytes.length <= 4 * TEXT_PREVIEW_BYTES)
    try {
      const text = JSON.stringify(JSON.parse(new TextDecoder('utf-8').decode(bytes)), null, 2);
      const cut = text.length > TEXT_PREVIEW_BYTES;
      return { text: cut ? text.slice(0, TEXT_PREVIEW_BYTES) : text, cut, valid: true };
    } catch {
      // Not JSON after all: shown as text.
    }
  return { ...previewText(bytes), valid: false };
}

/** The first bytes as a hex dump: offset, 16 bytes in hex, the same as ASCII. */
export function hexPreview(bytes: Uint8Array, max = HEX_PREVIEW_BYTES): string {
  const shown = bytes.subarray(0, max);
  let out = '';
  for (let off = 0; off < shown.length; off += 16) {
    const row = shown.subarray(off, off + 16);
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    out += `${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}\n`;
  }
  return out;
}

/** "1,234 bytes" for the size column. */
export function sizeText(n: number): string {
  return `${n.toLocaleString('en-US')} bytes`;
}
