// Classic libpcap files: both byte orders, microsecond and nanosecond magic (and the "modified" Kuznetzov variant
// with its longer record header), the FCS bits of the link-type field, records cut by the snaplen.
import type { ChunkReader } from './chunk-reader';
import type { CaptureInfo, CaptureProblem, RecordCallback } from './types';
import { newRecord } from './types';
import { cutShort, damaged, unsupported } from './problems';

/** Wireshark's limit for one record of most link types (WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_PCAP_RECORD = 262144;

const MAGIC_USEC = 0xa1b2c3d4;
const MAGIC_NSEC = 0xa1b23c4d;
/** Alexey Kuznetzov's patched libpcap: microseconds, and 8 more bytes in each record header. */
const MAGIC_MODIFIED = 0xa1b2cd34;

/** The largest captured length Wireshark accepts for a link type (D-Bus, USB and EBHSCR allow more). */
export function maxSnaplenFor(linkType: number): number {
  switch (linkType) {
    case 231: // D-Bus
    case 249: // USBPcap
    case 189: // Linux USB
    case 220: // Linux USB, memory-mapped
      return 128 * 1024 * 1024;
    case 279: // EBHSCR
      return 32 * 1024 * 1024;
    default:
      return MAX_PCAP_RECORD;
  }
}

export interface PcapKind {
  littleEndian: boolean;
  nanos: boolean;
  /** Bytes in each record header: 16, or 24 for the modified format. */
  recordHeader: number;
}

/** Does this look like the start of a pcap file? Returns the byte order and resolution, or null. */
export function sniffPcap(head: Uint8Array): PcapKind | null {
  if (head.length < 4) return null;
  const le = (head[0] | (head[1] << 8) | (head[2] << 16) | (head[3] << 24)) >>> 0;
  const be = ((head[0] << 24) | (head[1] << 16) | (head[2] << 8) | head[3]) >>> 0;
  for (const [v, littleEndian] of [
    [le, true],
    [be, false],
  ] as const) {
    if (v === MAGIC_USEC) return { littleEndian, nanos: false, recordHeader: 16 };
    if (v === MAGIC_NSEC) return { littleEndian, nanos: true, recordHeader: 16 };
    if (v === MAGIC_MODIFIED) return { littleEndian, nanos: false, recordHeader: 24 };
  }
  return null;
}

/**
 * Files with the standard (or the modified) magic number were also written by patched libpcaps whose record headers
 * are longer. Like Wireshark 4.0, judge each layout by the first two record headers (a fraction of a second of a
 * million or more, a length over the limit or the snaplen, a captured length over the original one are odd) and keep
 * the first layout without oddities, else the least odd one. Returns the record header size.
 */
function guessVariant(
  b: Uint8Array,
  start: number,
  end: number,
  le: boolean,
  sizes: readonly number[],
  snaplen: number,
  max: number,
): number {
  const u32 = (o: number) =>
    le
      ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
      : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  const oddities = (at: number, hdr: number) => {
    const incl = u32(at + 8);
    const orig = u32(at + 12);
    return (
      (hdr === 20 && !nokiaStuff(u32(at + 16)) ? 1 : 0) +
      (u32(at + 4) >= 1000000 ? 1 : 0) +
      (incl > max ? 1 : 0) +
      (orig > 128 * 1024 * 1024 ? 1 : 0) +
      (incl > snaplen ? 1 : 0) +
      (incl > orig ? 1 : 0)
    );
  };
  let best = sizes[0];
  let bestMerit = Infinity;
  for (const hdr of sizes) {
    let merit = 0;
    // A file too short for a record header is taken to be in this layout (reading it will say it is cut short).
    if (end - start >= hdr) {
      merit = oddities(start, hdr);
      const next = start + hdr + u32(start + 8);
      if (merit === 0 && end - next >= hdr) merit = oddities(next, hdr);
    }
    if (merit === 0) return hdr;
    if (merit < bestMerit) {
      best = hdr;
      bestMerit = merit;
    }
  }
  return best;
}

/** The 4 extra bytes of Nokia's record header have only been seen as 0xXfbfYZ0W with a few values of X, Y, Z, W. */
function nokiaStuff(ns: number): boolean {
  const top = ns >>> 28;
  return (
    (ns & 0x0fff00f0) === 0x0fbf0000 &&
    (top === 0x9 || top === 0xb) &&
    ((ns & 0xf000) === 0xb000 || (ns & 0xf000) === 0xd000) &&
    ((ns & 0xf00) === 0x600 || (ns & 0xf00) === 0x900) &&
    ((ns & 0xf) === 1 || (ns & 0xf) === 2)
  );
}

export async function readPcap(
  r: ChunkReader,
  info: CaptureInfo,
  onRecord: RecordCallback,
): Promise<CaptureProblem | null> {
  if ((await r.ensure(24)) < 24) return cutShort(r.pos, true);
  let b = r.buf;
  let at = r.start;
  const kind = sniffPcap(b.subarray(at, at + 4));
  if (!kind) return damaged(r.pos, 'pcap: bad magic number');
  const le = kind.littleEndian;
  const u16 = (o: number) => (le ? b[o] | (b[o + 1] << 8) : (b[o] << 8) | b[o + 1]);
  const u32 = (o: number) =>
    le
      ? (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
      : ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
  const versionMajor = u16(at + 4);
  const versionMinor = u16(at + 6);
  const snaplen = u32(at + 16);
  const network = u32(at + 20);
  info.byteOrder = le ? 'little' : 'big';
  info.versionMajor = versionMajor;
  info.versionMinor = versionMinor;
  if (versionMajor < 2) return unsupported(r.pos, `pcap: major version ${versionMajor} unsupported`);
  const linkType = network & 0xffff;
  // The upper bits of the link-type field may say that every frame ends in an FCS, in 16-bit units.
  const fcsPresent = (network & 0x04000000) !== 0;
  info.interfaces.push({
    id: 0,
    section: 0,
    linkType,
    snaplen,
    tsUnitsPerSec: kind.nanos ? 1e9 : 1e6,
    tsDigits: kind.nanos ? 9 : 6,
    tsOffset: 0,
    fcsLen: fcsPresent ? ((network >>> 28) & 0xf) * 2 : -1,
    comments: [],
  });
  r.advance(24);
  const max = maxSnaplenFor(linkType);

  // Before 2.3 the two lengths were the other way round; in 2.3 files either order occurs (and so in DG/UX's 543.0).
  const swapped = versionMajor === 543 || (versionMajor === 2 && versionMinor < 3);
  const maybeSwapped = versionMajor === 2 && versionMinor === 3;
  let hdr = kind.recordHeader;
  if (!kind.nanos && !swapped && !maybeSwapped) {
    const sizes = kind.recordHeader === 24 ? MODIFIED_LAYOUTS : STANDARD_LAYOUTS;
    await r.ensure(2 * 28 + MAX_PCAP_RECORD);
    hdr = guessVariant(r.buf, r.start, r.end, le, sizes, snaplen, max);
  }

  const rec = newRecord();
  rec.interfaceId = 0;
  rec.linkType = linkType;
  const nanos = kind.nanos;
  for (;;) {
    if (r.available < hdr && (await r.ensure(hdr)) < hdr) {
      if (r.available === 0) return null;
      return cutShort(r.pos, false);
    }
    b = r.buf;
    at = r.start;
    const tsSec = u32(at);
    const tsFrac = u32(at + 4);
    let capLen = u32(at + 8);
    let origLen = u32(at + 12);
    if (swapped || (maybeSwapped && capLen > origLen)) {
      const t = capLen;
      capLen = origLen;
      origLen = t;
    }
    if (capLen > max) {
      return damaged(r.pos, `pcap: File has ${capLen}-byte packet, bigger than maximum of ${max}`);
    }
    if (r.available < hdr + capLen && (await r.ensure(hdr + capLen)) < hdr + capLen) return cutShort(r.pos, false);
    b = r.buf;
    at = r.start;
    rec.tsSec = tsSec;
    // Kept as Wireshark keeps it, out-of-range values included: a 32-bit int, microseconds × 1000 wrapping.
    rec.tsNs = nanos ? tsFrac | 0 : Math.imul(tsFrac, 1000);
    rec.capLen = capLen;
    rec.origLen = origLen;
    rec.offset = r.pos + hdr;
    rec.data = b.subarray(at + hdr, at + hdr + capLen);
    r.advance(hdr + capLen);
    if (onRecord(rec) === false) return null;
  }
}

/** Record header sizes tried for the standard magic: plain pcap, the 1999-04-17 patch, Nokia. */
const STANDARD_LAYOUTS = [16, 24, 20] as const;
/** For the modified magic: the 1999-10-29 patch, then the 1999-09-15 patch. */
const MODIFIED_LAYOUTS = [24, 28] as const;
