// pcapng: sections with their own byte order, interfaces, enhanced/simple/obsolete packet blocks, name resolution,
// decryption secrets, interface statistics and custom blocks.
//
// Every block is buffered whole (its length is checked first) and parsed synchronously from the reader's buffer,
// reading integers straight from the bytes: no DataView, no object per packet. The one CaptureRecord is reused.
import type { ChunkReader } from './chunk-reader';
import type { CaptureInfo, CaptureProblem, CaptureRecord, InterfaceInfo, RecordCallback, SectionInfo } from './types';
import { LINKTYPE_PCAPNG_BLOCK, newRecord } from './types';
import { cutShort, damaged, notACapture, unsupported } from './problems';
import { maxSnaplenFor } from './pcap';

/** Block type of the Section Header Block; also the file's magic number (the same in both byte orders). */
export const PCAPNG_SHB = 0x0a0d0d0a;

export const BLOCK_IDB = 0x00000001;
export const BLOCK_PB = 0x00000002;
export const BLOCK_SPB = 0x00000003;
export const BLOCK_NRB = 0x00000004;
export const BLOCK_ISB = 0x00000005;
export const BLOCK_EPB = 0x00000006;
export const BLOCK_DSB = 0x0000000a;
export const BLOCK_CB_COPY = 0x00000bad;
export const BLOCK_CB_NO_COPY = 0x40000bad;

const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** The magic as read little-endian from a big-endian section. */
const BYTE_ORDER_MAGIC_SWAPPED = 0x4d3c2b1a;
/** Type, length and trailing length. */
const MIN_BLOCK = 12;
const MIN_SHB = MIN_BLOCK + 16;
const MIN_IDB = MIN_BLOCK + 8;
const MIN_EPB = MIN_BLOCK + 20;
const MIN_PB = MIN_BLOCK + 20;
const MIN_SPB = MIN_BLOCK + 4;
const MIN_NRB = MIN_BLOCK + 4;
const MIN_ISB = MIN_BLOCK + 12;
const MIN_DSB = MIN_BLOCK + 8;
const MIN_CB = MIN_BLOCK + 4;
/** The largest block Wireshark accepts: an EPB holding the largest D-Bus message plus 128 KiB of options. */
export const MAX_BLOCK = MIN_EPB + 128 * 1024 * 1024 + 131072;

const TWO32 = 4294967296;
const TWO21 = 2097152;

// Option codes.
const OPT_END = 0;
const OPT_COMMENT = 1;
const SHB_HARDWARE = 2;
const SHB_OS = 3;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_DESCRIPTION = 3;
const IF_SPEED = 8;
const IF_TSRESOL = 9;
const IF_FILTER = 11;
const IF_OS = 12;
const IF_FCSLEN = 13;
const IF_TSOFFSET = 14;
const IF_HARDWARE = 15;
const EPB_FLAGS = 2;
const EPB_HASH = 3;
const EPB_DROPCOUNT = 4;
const EPB_PACKETID = 5;
const EPB_QUEUE = 6;
const EPB_VERDICT = 7;
const ISB_NAMES: Record<number, string> = {
  2: 'isb_starttime',
  3: 'isb_endtime',
  4: 'isb_ifrecv',
  5: 'isb_ifdrop',
  6: 'isb_filteraccept',
  7: 'isb_osdrop',
  8: 'isb_usrdeliv',
};

/** How an interface's timestamps turn into seconds and nanoseconds. */
const enum TsKind {
  /** 10^k units per second, k ≤ 9: exact long division in doubles. */
  Decimal,
  /** 2^k units per second, k ≤ 32: shifts in doubles. */
  Binary,
  /** Anything else: BigInt, with Wireshark's 64-bit wrap-around. */
  Big,
}

/** What the reader keeps per interface of the current section (one object per IDB, never per packet). */
interface Iface {
  info: InterfaceInfo;
  linkType: number;
  snaplen: number;
  maxCap: number;
  kind: TsKind;
  units: number;
  unitsBig: bigint;
  /** Decimal: nanoseconds per unit. Binary: the exponent k. */
  param: number;
  tsOffset: number;
}

// The converted timestamp (module-level so that conversion allocates nothing).
let outSec = 0;
let outNs = 0;

/** Convert a 64-bit timestamp (high and low 32-bit halves) in the interface's units into outSec/outNs. */
function convertTs(f: Iface, high: number, low: number): void {
  if (f.kind === TsKind.Decimal && high < f.units * TWO21) {
    const u = f.units;
    const qh = Math.floor(high / u);
    let r = high - qh * u;
    let t = r * 65536 + (low >>> 16);
    const q1 = Math.floor(t / u);
    r = t - q1 * u;
    t = r * 65536 + (low & 0xffff);
    const q0 = Math.floor(t / u);
    r = t - q0 * u;
    outSec = qh * TWO32 + q1 * 65536 + q0 + f.tsOffset;
    outNs = r * f.param;
    return;
  }
  if (f.kind === TsKind.Binary && high < 2 ** (21 + f.param)) {
    const k = f.param;
    const div = 2 ** k;
    const rem = low % div;
    outSec = high * 2 ** (32 - k) + (low - rem) / div + f.tsOffset;
    // floor(rem × 10^9 / 2^k), exact: 10^9 = 1953125 × 2^9 and rem × 1953125 < 2^53.
    outNs = k <= 9 ? Math.floor((rem * 1e9) / div) : Math.floor((rem * 1953125) / 2 ** (k - 9));
    return;
  }
  const ts = (BigInt(high) << 32n) | BigInt(low);
  const u = f.unitsBig;
  outSec = Number(ts / u) + f.tsOffset;
  // Wireshark multiplies the remainder by 10^9 in 64 bits (it may wrap) and keeps an int.
  outNs = Number(BigInt.asIntN(32, BigInt.asUintN(64, (ts % u) * 1000000000n) / u));
}

/** Units per second and digits shown for an if_tsresol value, as Wireshark reads it. */
export function tsResolution(v: number): { units: bigint; digits: number } {
  const base = v & 0x80 ? 2n : 10n;
  const exp = v & 0x7f;
  let units: bigint;
  if ((base === 2n && exp < 64) || (base === 10n && exp < 20)) units = base ** BigInt(exp);
  else units = (1n << 64n) - 1n;
  const digits =
    units >= 1000000000n ? 9 : units >= 1000000n ? 6 : units >= 1000n ? 3 : units >= 100n ? 2 : units >= 10n ? 1 : 0;
  return { units, digits };
}

function makeIface(info: InterfaceInfo, units: bigint, tsOffset: number): Iface {
  let kind = TsKind.Big;
  let param = 0;
  if (units <= 1000000000n && 1000000000n % units === 0n && isPowerOf10(units)) {
    kind = TsKind.Decimal;
    param = Number(1000000000n / units);
  } else if (units <= TWO32 && (units & (units - 1n)) === 0n) {
    kind = TsKind.Binary;
    param = units.toString(2).length - 1;
  }
  return {
    info,
    linkType: info.linkType,
    snaplen: info.snaplen,
    maxCap: maxSnaplenFor(info.linkType),
    kind,
    units: Number(units),
    unitsBig: units,
    param,
    tsOffset,
  };
}

function isPowerOf10(n: bigint): boolean {
  while (n >= 10n && n % 10n === 0n) n /= 10n;
  return n === 1n;
}

const utf8 = new TextDecoder('utf-8');

/** A string option: UTF-8, up to the first NUL. */
function str(b: Uint8Array, off: number, len: number): string {
  let end = off;
  const stop = off + len;
  while (end < stop && b[end] !== 0) end++;
  return utf8.decode(b.subarray(off, end));
}

/** An error found while parsing a block: becomes a CaptureProblem at the block's offset. */
class BlockError extends Error {
  constructor(
    readonly kind: 'damaged' | 'unsupported',
    readonly detail: string,
  ) {
    super(detail);
  }
}

function bad(detail: string): BlockError {
  return new BlockError('damaged', detail);
}

// Reading integers from the buffer in the section's byte order.
let B: Uint8Array = new Uint8Array(0);
let LE = true;

function u16(o: number): number {
  return LE ? B[o] | (B[o + 1] << 8) : (B[o] << 8) | B[o + 1];
}
function u32(o: number): number {
  return LE
    ? (B[o] | (B[o + 1] << 8) | (B[o + 2] << 16) | (B[o + 3] << 24)) >>> 0
    : ((B[o] << 24) | (B[o + 1] << 16) | (B[o + 2] << 8) | B[o + 3]) >>> 0;
}
function u64(o: number): number {
  return LE ? u32(o + 4) * TWO32 + u32(o) : u32(o) * TWO32 + u32(o + 4);
}
/** A 64-bit counter or time: a number while exact, else its decimal text. */
function u64Value(o: number): number | string {
  const hi = LE ? u32(o + 4) : u32(o);
  const lo = LE ? u32(o) : u32(o + 4);
  if (hi < 0x200000) return hi * TWO32 + lo;
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString();
}
function i64(o: number): number {
  const hi = LE ? u32(o + 4) : u32(o);
  const lo = LE ? u32(o) : u32(o + 4);
  return (hi | 0) * TWO32 + lo;
}

/**
 * Walk the options in [off, end), calling fn(code, valueOffset, length) for each until opt_endofopt.
 * Errors like Wireshark's when an option runs past the block.
 */
function options(off: number, end: number, fn: (code: number, at: number, len: number) => void): void {
  while (off < end) {
    if (end - off < 4) throw bad('pcapng: Not enough data for option header');
    const code = u16(off);
    const len = u16(off + 2);
    if (code === OPT_END) return;
    if (len > end - off - 4) throw bad(`pcapng: Not enough data to handle option of length ${len}`);
    fn(code, off + 4, len);
    off += 4 + ((len + 3) & ~3);
  }
}

interface Section {
  info: SectionInfo;
  ifaces: Iface[];
}

export async function readPcapng(
  r: ChunkReader,
  info: CaptureInfo,
  onRecord: RecordCallback,
): Promise<CaptureProblem | null> {
  const rec = newRecord();
  let section: Section | null = null;
  let first = true;
  for (;;) {
    // Block header: type and length (and, for a section header, the byte-order magic).
    if (r.available < 12 && (await r.ensure(12)) < 12) {
      if (r.available === 0 && !first) return null;
      return cutShort(r.pos, first);
    }
    B = r.buf;
    let at = r.start;
    // The section header's type reads the same in both byte orders; other blocks use their section's.
    let type = (B[at] | (B[at + 1] << 8) | (B[at + 2] << 16) | (B[at + 3] << 24)) >>> 0;
    if (type === PCAPNG_SHB) {
      // The section's byte order comes from its byte-order magic.
      LE = true;
      const bom = u32(at + 8);
      if (bom === BYTE_ORDER_MAGIC) LE = true;
      else if (bom === BYTE_ORDER_MAGIC_SWAPPED) LE = false;
      else if (first) return notACapture();
      else return damaged(r.pos, `pcapng: unknown byte-order magic number 0x${hex8(bom)}`);
    } else if (first) {
      return notACapture();
    } else if (section) {
      LE = section.info.byteOrder === 'little';
      type = u32(at);
    }
    const len = u32(at + 4);
    if (type === PCAPNG_SHB && len < MIN_SHB) {
      return damaged(r.pos, `pcapng: total block length ${len} of an SHB is less than the minimum SHB size ${MIN_SHB}`);
    }
    if (len < MIN_BLOCK) {
      return damaged(
        r.pos,
        `pcapng: total block length ${len} of an unknown block type is less than the minimum block size ${MIN_BLOCK}`,
      );
    }
    if (len > MAX_BLOCK) return damaged(r.pos, `pcapng: total block length ${len} is too large (> ${MAX_BLOCK})`);
    if (r.available < len && (await r.ensure(len)) < len) return cutShort(r.pos, false);
    B = r.buf;
    at = r.start;
    const blockPos = r.pos;
    if (type === PCAPNG_SHB) {
      const major = u16(at + 12);
      const minor = u16(at + 14);
      if (!(major === 1 && (minor === 0 || minor === 2))) {
        return unsupported(blockPos, `pcapng: unknown SHB version ${major}.${minor}`);
      }
    }
    const trailer = u32(at + len - 4);
    if (trailer !== len) {
      return damaged(blockPos, `pcapng: total block lengths (first ${len} and second ${trailer}) don't match`);
    }
    let emit = false;
    try {
      switch (type) {
        case PCAPNG_SHB:
          section = readShb(at, len, info);
          first = false;
          break;
        case BLOCK_IDB:
          readIdb(at, len, info, section as Section);
          break;
        case BLOCK_EPB:
        case BLOCK_PB:
          emit = readPacket(at, len, type === BLOCK_EPB, (section as Section).ifaces, rec, r.pos);
          break;
        case BLOCK_SPB:
          emit = readSimple(at, len, (section as Section).ifaces, rec, r.pos);
          break;
        case BLOCK_NRB:
          readNrb(at, len, info);
          break;
        case BLOCK_ISB:
          readIsb(at, len, info, (section as Section).ifaces);
          break;
        case BLOCK_DSB:
          readDsb(at, len, info);
          break;
        case BLOCK_CB_COPY:
        case BLOCK_CB_NO_COPY:
          if (len < MIN_CB) throw bad(`pcapng: total block length ${len} of a CB is too small (< ${MIN_CB})`);
          rec.tsSec = NaN;
          rec.tsNs = 0;
          rec.interfaceId = -1;
          rec.linkType = LINKTYPE_PCAPNG_BLOCK;
          rec.blockType = type;
          rec.pen = u32(at + 8);
          rec.capLen = rec.origLen = len - MIN_CB;
          rec.offset = r.pos + 12;
          rec.data = B.subarray(at + 12, at + len - 4);
          rec.flags = 0;
          rec.comments = null;
          emit = true;
          break;
        default:
          // Unknown or unsupported block types are skipped by their length.
          break;
      }
    } catch (e) {
      if (e instanceof BlockError) {
        return e.kind === 'damaged' ? damaged(blockPos, e.detail) : unsupported(blockPos, e.detail);
      }
      throw e;
    }
    if (emit && onRecord(rec) === false) return null;
    r.advance(len);
  }
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

function readShb(at: number, len: number, info: CaptureInfo): Section {
  const s: SectionInfo = {
    byteOrder: LE ? 'little' : 'big',
    versionMajor: u16(at + 12),
    versionMinor: u16(at + 14),
    comments: [],
  };
  options(at + 24, at + len - 4, (code, o, n) => {
    if (code === OPT_COMMENT) s.comments.push(str(B, o, n));
    else if (code === SHB_HARDWARE) s.hardware = str(B, o, n);
    else if (code === SHB_OS) s.os = str(B, o, n);
    else if (code === SHB_USERAPPL) s.userAppl = str(B, o, n);
  });
  if (!info.sections.length) {
    info.byteOrder = s.byteOrder;
    info.versionMajor = s.versionMajor;
    info.versionMinor = s.versionMinor;
  }
  info.sections.push(s);
  return { info: s, ifaces: [] };
}

function readIdb(at: number, len: number, info: CaptureInfo, section: Section): void {
  if (len < MIN_IDB) {
    throw bad(`pcapng: total block length ${len} of an IDB is less than the minimum IDB size ${MIN_IDB}`);
  }
  const linkType = u16(at + 8);
  const iface: InterfaceInfo = {
    id: info.interfaces.length,
    section: info.sections.length - 1,
    linkType,
    snaplen: u32(at + 12),
    tsUnitsPerSec: 1e6,
    tsDigits: 6,
    tsOffset: 0,
    fcsLen: -1,
    comments: [],
  };
  let units = 1000000n;
  options(at + 16, at + len - 4, (code, o, n) => {
    switch (code) {
      case OPT_COMMENT:
        iface.comments.push(str(B, o, n));
        break;
      case IF_NAME:
        iface.name = str(B, o, n);
        break;
      case IF_DESCRIPTION:
        iface.description = str(B, o, n);
        break;
      case IF_SPEED:
        if (n === 8) iface.speed = u64(o);
        break;
      case IF_TSRESOL:
        if (n === 1) {
          const res = tsResolution(B[o]);
          units = res.units;
          iface.tsDigits = res.digits;
        }
        break;
      case IF_FILTER:
        if (n < 1) throw bad(`pcapng: packet block verdict option length ${n} is < 1`);
        if (B[o] === 0) iface.filter = str(B, o + 1, n - 1);
        break;
      case IF_OS:
        iface.os = str(B, o, n);
        break;
      case IF_FCSLEN:
        // The specification counts bits (16, 32); some writers put bytes (2, 4). Kept in bytes either way.
        if (n === 1) iface.fcsLen = B[o] >= 8 ? B[o] >> 3 : B[o];
        break;
      case IF_TSOFFSET:
        if (n === 8) iface.tsOffset = i64(o);
        break;
      case IF_HARDWARE:
        iface.hardware = str(B, o, n);
        break;
    }
  });
  iface.tsUnitsPerSec = Number(units);
  info.interfaces.push(iface);
  section.ifaces.push(makeIface(iface, units, iface.tsOffset));
}

/**
 * The options every packet block may carry: sets rec.flags and rec.comments. A plain loop (no callback): this runs
 * for every packet that has options.
 */
function packetOptions(off: number, end: number, rec: CaptureRecord): void {
  rec.flags = 0;
  rec.comments = null;
  while (off < end) {
    if (end - off < 4) throw bad('pcapng: Not enough data for option header');
    const code = u16(off);
    const n = u16(off + 2);
    if (code === OPT_END) return;
    if (n > end - off - 4) throw bad(`pcapng: Not enough data to handle option of length ${n}`);
    const o = off + 4;
    switch (code) {
      case OPT_COMMENT:
        (rec.comments ??= []).push(str(B, o, n));
        break;
      case EPB_FLAGS:
        if (n !== 4) throw bad(`pcapng: packet block flags option length ${n} is not 4`);
        rec.flags = u32(o);
        break;
      case EPB_HASH:
        if (n < 1) throw bad(`pcapng: packet block hash option length ${n} is < 1`);
        break;
      case EPB_DROPCOUNT:
        if (n !== 8) throw bad(`pcapng: packet block drop count option length ${n} is not 8`);
        break;
      case EPB_PACKETID:
        if (n !== 8) throw bad(`pcapng: packet block packet id option length ${n} is not 8`);
        break;
      case EPB_QUEUE:
        if (n !== 4) throw bad(`pcapng: packet block queue option length ${n} is not 4`);
        break;
      case EPB_VERDICT:
        if (n < 1) throw bad(`pcapng: packet block verdict option length ${n} is < 1`);
        break;
    }
    off = o + ((n + 3) & ~3);
  }
}

function readPacket(
  at: number,
  len: number,
  enhanced: boolean,
  ifaces: Iface[],
  rec: CaptureRecord,
  pos: number,
): boolean {
  const name = enhanced ? 'an EPB' : 'a PB';
  const min = enhanced ? MIN_EPB : MIN_PB;
  if (len < min) {
    throw bad(
      `pcapng: total block length ${len} of ${name} is less than the minimum ${enhanced ? 'EPB' : 'PB'} size ${min}`,
    );
  }
  const ifId = enhanced ? u32(at + 8) : u16(at + 8);
  const high = u32(at + 12);
  const low = u32(at + 16);
  const capLen = u32(at + 20);
  const origLen = u32(at + 24);
  const padded = capLen + ((4 - (capLen % 4)) % 4);
  if (len < min + padded) {
    throw bad(`pcapng: total block length ${len} of ${name} is too small for ${capLen} bytes of packet data`);
  }
  if (ifId >= ifaces.length) {
    throw bad(`pcapng: interface index ${ifId} is not less than section interface count ${ifaces.length}`);
  }
  const f = ifaces[ifId];
  if (capLen > f.maxCap) throw bad(`pcapng: cap_len ${capLen} is larger than ${f.maxCap}`);
  packetOptions(at + 28 + padded, at + len - 4, rec);
  convertTs(f, high, low);
  rec.tsSec = outSec;
  rec.tsNs = outNs;
  rec.capLen = capLen;
  rec.origLen = origLen;
  rec.interfaceId = f.info.id;
  rec.linkType = f.linkType;
  rec.offset = pos + 28;
  rec.data = B.subarray(at + 28, at + 28 + capLen);
  rec.blockType = 0;
  rec.pen = 0;
  return true;
}

function readSimple(at: number, len: number, ifaces: Iface[], rec: CaptureRecord, pos: number): boolean {
  if (len < MIN_SPB) {
    throw bad(`pcapng: total block length ${len} of an SPB is less than the minimum SPB size ${MIN_SPB}`);
  }
  if (!ifaces.length) throw bad('pcapng: SPB appeared before any IDBs in the section');
  const f = ifaces[0];
  const origLen = u32(at + 8);
  // The captured length is not stored: the packet's length, cut to the interface's snaplen (0: no limit).
  const capLen = f.snaplen !== 0 && origLen > f.snaplen ? f.snaplen : origLen;
  const padded = capLen + ((4 - (capLen % 4)) % 4);
  if (len < MIN_SPB + padded) {
    throw bad(`pcapng: total block length ${len} of an SPB is too small for ${origLen} bytes of packet data`);
  }
  if (capLen > f.maxCap) throw bad(`pcapng: cap_len ${capLen} is larger than ${f.maxCap}`);
  rec.tsSec = NaN;
  rec.tsNs = 0;
  rec.capLen = capLen;
  rec.origLen = origLen;
  rec.interfaceId = f.info.id;
  rec.linkType = f.linkType;
  rec.offset = pos + 12;
  rec.data = B.subarray(at + 12, at + 12 + capLen);
  rec.flags = 0;
  rec.comments = null;
  rec.blockType = 0;
  rec.pen = 0;
  return true;
}

function readNrb(at: number, len: number, info: CaptureInfo): void {
  if (len < MIN_NRB) {
    throw bad(`pcapng: total block length ${len} of an NRB is less than the minimum NRB size ${MIN_NRB}`);
  }
  const end = at + len - 4;
  let o = at + 8;
  for (;;) {
    if (end - o < 4) throw bad(`pcapng: ${end - o} bytes left in the block < NRB record header size 4`);
    const type = u16(o);
    const n = u16(o + 2);
    const padded = (n + 3) & ~3;
    if (end - o - 4 < padded) {
      throw bad(`pcapng: ${end - o - 4} bytes left in the block < NRB record length + padding ${padded}`);
    }
    o += 4;
    if (type === 0) break;
    if (type === 1 || type === 2) {
      const alen = type === 1 ? 4 : 16;
      if (n < alen) {
        throw bad(`pcapng: NRB record length for ${type === 1 ? 'IPv4' : 'IPv6'} record ${n} < minimum length ${alen}`);
      }
      const address = type === 1 ? formatV4(o) : formatV6(o);
      const names: string[] = [];
      let s = o + alen;
      const stop = o + n;
      while (s < stop) {
        let e = s;
        while (e < stop && B[e] !== 0) e++;
        if (e === stop) throw bad('pcapng: NRB record has non-null-terminated host name');
        names.push(utf8.decode(B.subarray(s, e)));
        s = e + 1;
      }
      info.names.push({ address, names });
    }
    o += padded;
  }
  // Options (ns_dnsname, …) are not needed.
}

function formatV4(o: number): string {
  return `${B[o]}.${B[o + 1]}.${B[o + 2]}.${B[o + 3]}`;
}

function formatV6(o: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 16; i += 2) parts.push(((B[o + i] << 8) | B[o + i + 1]).toString(16));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (parts[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && parts[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return parts.join(':');
  return `${parts.slice(0, best).join(':')}::${parts.slice(best + bestLen).join(':')}`;
}

function readIsb(at: number, len: number, info: CaptureInfo, ifaces: Iface[]): void {
  if (len < MIN_ISB) throw bad(`pcapng: total block length ${len} of an ISB is too small (< ${MIN_ISB})`);
  const ifId = u32(at + 8);
  const high = u32(at + 12);
  const low = u32(at + 16);
  const f = ifaces[ifId];
  let tsSec = NaN;
  let tsNs = 0;
  if (f) {
    convertTs(f, high, low);
    tsSec = outSec;
    tsNs = outNs;
  }
  const stats = {
    interfaceId: f ? f.info.id : ifId,
    tsSec,
    tsNs,
    values: {} as Record<string, number | string>,
    comments: [] as string[],
  };
  options(at + 20, at + len - 4, (code, o, n) => {
    if (code === OPT_COMMENT) stats.comments.push(str(B, o, n));
    else if (ISB_NAMES[code] && n === 8) stats.values[ISB_NAMES[code]] = u64Value(o);
  });
  info.statistics.push(stats);
}

function readDsb(at: number, len: number, info: CaptureInfo): void {
  if (len < MIN_DSB) throw bad(`pcapng: total block length ${len} of a DSB is too small (< ${MIN_DSB})`);
  const type = u32(at + 8);
  const n = u32(at + 12);
  if (n > 1024 * 1024 * 1024) throw bad(`pcapng: secrets block is too large: ${n}`);
  if (n > len - MIN_DSB) throw bad(`pcapng: total block length ${len} of a DSB is too small for ${n} bytes of secrets`);
  info.secrets.push({ type, data: B.slice(at + 16, at + 16 + n) });
}
