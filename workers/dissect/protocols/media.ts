// Message bodies by media type (Wireshark's "media_type" table): HTTP hands the body of a message to the dissector
// registered for its Content-Type ("text/html" → Line-based text data, "image/jpeg" → JFIF …). A type no one claims
// is shown as "Media Type"; a body without a type as Data.
import type { Dissector } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';

export const hf = declare('media', 'Media Type', 'Media', {
  type: { abbrev: 'media.type', name: 'Media type', type: 'bytes' },
});

/** Body dissectors keyed by media type, lowercase, without parameters ("text/html"). */
export const mediaTypes = new Map<string, Dissector>();

/** Image dissectors tried by signature on an image/* body whose own type's dissector declined (a GIF sent as image/png). */
export const mediaHeuristics: Dissector[] = [];

/**
 * Media types whose dissector changes the Protocol column ("application/json" → "JSON", so HTTP shows "HTTP/JSON").
 * The first pass reads it on the raw header bytes, without building strings.
 */
export const mediaProtocols = {
  /** Lowercase media types, and the suffix of each (same index): plain arrays, so that matching allocates nothing. */
  types: [] as string[],
  suffixes: [] as string[],
  /** Register a media type (lowercase, no parameters) and its Protocol-column suffix. */
  add(type: string, suffix: string): void {
    this.types.push(type);
    this.suffixes.push(suffix);
  },
  /** The suffix for the Content-Type value in d[from, to) (parameters ignored, case-insensitive), or undefined. */
  match(d: Uint8Array, from: number, to: number): string | undefined {
    let end = from;
    while (end < to && d[end] !== 0x3b) end++;
    while (end > from && (d[end - 1] === 0x20 || d[end - 1] === 0x09)) end--;
    const types = this.types;
    outer: for (let t = 0; t < types.length; t++) {
      const type = types[t];
      if (type.length !== end - from) continue;
      for (let i = 0; i < type.length; i++) {
        let b = d[from + i];
        if (b >= 0x41 && b <= 0x5a) b += 0x20;
        if (b !== type.charCodeAt(i)) continue outer;
      }
      return this.suffixes[t];
    }
    return undefined;
  },
};

/** The body being handed to a media dissector: its type (lowercase, no parameters) and the full header value. */
export const currentMedia = { type: '', header: '' };

/** The media type of a Content-Type value: lowercase, parameters and surrounding spaces removed. */
export function mediaTypeOf(value: string): string {
  const semi = value.indexOf(';');
  return (semi >= 0 ? value.slice(0, semi) : value).trim().toLowerCase();
}

/** Dissect a message body [off, end) of p.data whose media type is `type` ('' when the message gave none). */
export function dissectBody(p: Packet, off: number, end: number, type: string, header = type): void {
  if (end <= off) return;
  currentMedia.type = type;
  currentMedia.header = header;
  const own = type ? mediaTypes.get(type) : undefined;
  if (own && own(p, off, end) !== false) return;
  if (type.startsWith('image/')) for (const h of mediaHeuristics) if (h(p, off, end) !== false) return;
  if (!type || type === 'application/octet-stream') dissectData(p, off, end);
  else dissectMedia(p, off, end);
}

/** "Media Type": bytes of a type no dissector knows; Info gets the type in parentheses. */
export function dissectMedia(p: Packet, off: number, end: number): void {
  const n = Math.max(0, Math.min(end, p.data.length) - off);
  p.addLayer('media');
  const type = currentMedia.type;
  if (p.cols && type) p.appendInfo(` (${type})`);
  if (p.sink.active) {
    p.open(hf.proto, off, n, null, 0, 'Media Type');
    p.add(hf.type, off, n, undefined, 0, `Media type: ${type} (${n} byte${n === 1 ? '' : 's'})`);
    p.close();
  }
}
