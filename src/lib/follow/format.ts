// The Follow view's text, worked out without a DOM: a stream's chunks (FollowStream) become numbered lines in one of
// Wireshark's "Show data as" formats. Only an index of the lines is built for the whole stream (typed arrays: the
// chunk, first byte and end of each line); a line's text is made when it scrolls into view, so a 700 KB JPEG or a
// 2 MB MP3 costs a few typed arrays, not a string per line. Everything here returns plain text, which the view puts
// in text nodes: bytes from a capture are never markup.
import type { FollowStream } from '../engine/types';

/** Wireshark's "Show data as" choices (YAML left out). */
export type ShowAs = 'ascii' | 'utf8' | 'hexdump' | 'carrays' | 'raw';

export const SHOW_AS: readonly { id: ShowAs; label: string }[] = [
  { id: 'ascii', label: 'ASCII' },
  { id: 'utf8', label: 'UTF-8' },
  { id: 'hexdump', label: 'Hex Dump' },
  { id: 'carrays', label: 'C Arrays' },
  { id: 'raw', label: 'Raw' },
];

/** Which side's chunks are shown: both, the client's (0) or the server's (1). */
export type Side = 'both' | 0 | 1;

/** Text lines longer than this many bytes are wrapped (the view draws rows of one height). */
export const WRAP = 160;
/** Raw hex: bytes per row (each chunk starts a row). */
export const RAW_BYTES = 64;
/** Hex dump: bytes per row. */
export const HEX_BYTES = 16;
/** C arrays: bytes per row. */
export const C_BYTES = 8;
/** LineIndex.offset of a line that says how many bytes are missing, and of a C array's first line. */
const GAP_LINE = -1;
const C_HEAD_LINE = -2;

/** The lines of a stream in one format: line i shows bytes [start[i], end[i]) of chunk chunk[i]. */
export interface LineIndex {
  count: number;
  chunk: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  /** The offset within its direction's bytes of the line's first byte; −1: a "bytes missing" line, −2: a C array's head. */
  offset: Float64Array;
}

class Growing {
  chunk = new Uint32Array(1024);
  start = new Uint32Array(1024);
  end = new Uint32Array(1024);
  offset = new Float64Array(1024);
  count = 0;
  push(chunk: number, start: number, end: number, offset: number): void {
    if (this.count === this.chunk.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.chunk = grow(this.chunk);
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.offset = grow(this.offset);
    }
    const k = this.count++;
    this.chunk[k] = chunk;
    this.start[k] = start;
    this.end[k] = end;
    this.offset[k] = offset;
  }
  done(): LineIndex {
    const n = this.count;
    return {
      count: n,
      chunk: this.chunk.slice(0, n),
      start: this.start.slice(0, n),
      end: this.end.slice(0, n),
      offset: this.offset.slice(0, n),
    };
  }
}

/** Whether chunk k is shown for `side`. */
export function shown(f: FollowStream, k: number, side: Side): boolean {
  return side === 'both' || f.direction[k] === side;
}

/** Where to cut a text line of bytes [from, to) so that it is at most WRAP bytes and no UTF-8 sequence is split. */
function cut(data: Uint8Array, from: number, to: number): number {
  if (to - from <= WRAP) return to;
  let at = from + WRAP;
  // Step back over continuation bytes (10xxxxxx), at most 3.
  for (let i = 0; i < 3 && at > from + 1 && (data[at] & 0xc0) === 0x80; i++) at--;
  return at;
}

/** The line index of a stream for a format and side. */
export function indexLines(f: FollowStream, showAs: ShowAs, side: Side): LineIndex {
  const out = new Growing();
  const data = f.data;
  const sent = [0, 0];
  for (let k = 0; k < f.count; k++) {
    const from = f.offsets[k];
    const to = f.offsets[k + 1];
    const d = f.direction[k];
    if (!shown(f, k, side)) {
      sent[d] += to - from;
      continue;
    }
    // Bytes lost before this chunk: a line of its own saying so (offset −1 marks it).
    if (f.missing[k]) out.push(k, from, from, GAP_LINE);
    if (showAs === 'carrays') out.push(k, from, from, C_HEAD_LINE);
    if (showAs === 'hexdump' || showAs === 'raw' || showAs === 'carrays') {
      const per = showAs === 'hexdump' ? HEX_BYTES : showAs === 'raw' ? RAW_BYTES : C_BYTES;
      for (let s = from; s < to; s += per) out.push(k, s, Math.min(to, s + per), sent[d] + (s - from));
    } else {
      // Text: a line per newline (the \r\n or \n left out of the line), wrapped at WRAP bytes.
      let s = from;
      while (s < to) {
        let nl = data.indexOf(0x0a, s);
        if (nl < 0 || nl >= to) nl = to;
        let lineEnd = nl;
        if (lineEnd > s && data[lineEnd - 1] === 0x0d) lineEnd--;
        let a = s;
        do {
          const b = cut(data, a, lineEnd);
          out.push(k, a, b, sent[d] + (a - from));
          a = b;
        } while (a < lineEnd);
        s = nl + 1;
      }
    }
    sent[d] += to - from;
  }
  return out.done();
}

const utf8 = new TextDecoder('utf-8');
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A byte as Wireshark's ASCII view shows it: printable ASCII and tab as they are, anything else '.'. */
function asciiChar(b: number): string {
  return b === 0x09 || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
}

/** Bytes as ASCII text, one character per byte. */
export function asciiText(data: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += asciiChar(data[i]);
  return s;
}

/** Bytes as UTF-8 text; control characters other than tab become '.' (U+FFFD stays for bad sequences). */
export function utf8Text(data: Uint8Array, from: number, to: number): string {
  // eslint-disable-next-line no-control-regex
  return utf8.decode(data.subarray(from, to)).replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '.');
}

/** A hex dump line: "00000010  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  HTTP/1.1 200 OK.". */
export function hexDumpText(data: Uint8Array, from: number, to: number, offset: number): string {
  let hex = '';
  for (let i = 0; i < HEX_BYTES; i++) {
    if (i === 8) hex += ' ';
    hex += from + i < to ? `${HEX[data[from + i]]} ` : '   ';
  }
  let ascii = '';
  for (let i = from; i < to; i++) ascii += data[i] >= 0x20 && data[i] < 0x7f ? String.fromCharCode(data[i]) : '.';
  return `${offset.toString(16).padStart(8, '0')}  ${hex} ${ascii}`;
}

/** Bytes as hex digits, no separators (tshark's raw follow). */
export function rawText(data: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += HEX[data[i]];
  return s;
}

/** The text of line `i`. */
export function lineText(f: FollowStream, lines: LineIndex, i: number, showAs: ShowAs): string {
  const a = lines.start[i];
  const b = lines.end[i];
  const k = lines.chunk[i];
  if (lines.offset[i] === GAP_LINE) return `[${bytesText(f.missing[k])} missing in capture file]`;
  if (lines.offset[i] === C_HEAD_LINE) return cArrayHead(f, k);
  switch (showAs) {
    case 'ascii':
      return asciiText(f.data, a, b);
    case 'utf8':
      return utf8Text(f.data, a, b);
    case 'hexdump':
      return hexDumpText(f.data, a, b, lines.offset[i]);
    case 'raw':
      return rawText(f.data, a, b);
    case 'carrays':
      return cArrayText(f.data, a, b, b === f.offsets[k + 1]);
  }
}

/** A C array's first line, as Wireshark names them: "char peer0_3[] = { /* Packet 11 *\/". */
export function cArrayHead(f: FollowStream, k: number): string {
  const d = f.direction[k];
  let n = 0;
  for (let j = 0; j < k; j++) if (f.direction[j] === d) n++;
  return `char peer${d}_${n}[] = { /* Packet ${f.frame[k]} */`;
}

/** A C array's row of bytes: "0x47, 0x45, 0x54, 0x20, ", the last one closed with "};". */
export function cArrayText(data: Uint8Array, from: number, to: number, last: boolean): string {
  const bytes: string[] = [];
  for (let i = from; i < to; i++) bytes.push(`0x${HEX[data[i]]}`);
  return last ? `${bytes.join(', ')} };` : `${bytes.join(', ')}, `;
}

/**
 * Line `i` cut into pieces around a highlighted byte range [hiFrom, hiTo) (a Find match), for ASCII and UTF-8:
 * [before, match, after]; the other formats get the whole line as `before` (the row itself is marked).
 */
export function lineParts(
  f: FollowStream,
  lines: LineIndex,
  i: number,
  showAs: ShowAs,
  hiFrom: number,
  hiTo: number,
): [string, string, string] {
  const a = lines.start[i];
  const b = lines.end[i];
  const from = Math.max(a, Math.min(b, hiFrom));
  const to = Math.max(from, Math.min(b, hiTo));
  if ((showAs !== 'ascii' && showAs !== 'utf8') || from === to) return [lineText(f, lines, i, showAs), '', ''];
  const text = showAs === 'ascii' ? asciiText : utf8Text;
  return [text(f.data, a, from), text(f.data, from, to), text(f.data, to, b)];
}

/** The first line whose bytes end after `byte` (binary search over ascending lines), or count. */
export function lineOfByte(lines: LineIndex, byte: number): number {
  let lo = 0;
  let hi = lines.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines.end[mid] <= byte) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Every place `needle` occurs in the shown chunks' bytes (as UTF-8; ASCII letters match either case), at most
 * `limit`: byte offsets into f.data. A match does not run across two chunks.
 */
export function findAll(f: FollowStream, needle: string, side: Side, limit = 10_000): number[] {
  const pat = new TextEncoder().encode(needle);
  const out: number[] = [];
  if (!pat.length) return out;
  const lower = (b: number) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);
  const p = pat.map(lower);
  const data = f.data;
  for (let k = 0; k < f.count && out.length < limit; k++) {
    if (!shown(f, k, side)) continue;
    const end = f.offsets[k + 1] - p.length;
    for (let i = f.offsets[k]; i <= end; i++) {
      if (lower(data[i]) !== p[0]) continue;
      let j = 1;
      while (j < p.length && lower(data[i + j]) === p[j]) j++;
      if (j === p.length) {
        out.push(i);
        if (out.length >= limit) break;
        i += p.length - 1;
      }
    }
  }
  return out;
}

/** "1,779 bytes" style counts. */
export function bytesText(n: number): string {
  return `${n.toLocaleString('en-US')} byte${n === 1 ? '' : 's'}`;
}

/** The side picker's texts, as Wireshark words them. */
export function sideLabels(f: FollowStream): { id: Side; label: string }[] {
  const [c, s] = f.endpoints;
  return [
    { id: 'both', label: `Entire conversation (${bytesText(f.bytes[0] + f.bytes[1])})` },
    { id: 0, label: `${c} \u2192 ${s} (${bytesText(f.bytes[0])})` },
    { id: 1, label: `${s} \u2192 ${c} (${bytesText(f.bytes[1])})` },
  ];
}
