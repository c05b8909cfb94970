// Field values as text: as tshark prints them with -T fields (exportValue). The tree's labels build on these.
import { formatEther, formatIPv4Number, formatIPv6 } from './packet';
import type { FieldDef } from './registry';
import type { FieldValue } from './sinks';
import { NsTime } from './sinks';
import { formatRelTime } from './time';

const HEX_DIGITS: Record<number, number> = { 8: 2, 16: 4, 24: 6, 32: 8 };

function hexDigits(def: FieldDef, v: number): number {
  if (def.bits) return HEX_DIGITS[def.bits] ?? 2;
  if (def.mask !== undefined) {
    return Math.max(1, Math.ceil((32 - Math.clz32(def.mask) - countTrailingZeros(def.mask)) / 4));
  }
  return v > 0xffff ? 8 : v > 0xff ? 4 : 2;
}

function countTrailingZeros(m: number): number {
  let n = 0;
  while (n < 32 && ((m >>> n) & 1) === 0) n++;
  return n;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 22, 2026 02:17:57.123456789 UTC", "Dec  8, 2020 …": as Wireshark shows absolute times in UTC. */
export function formatAbsTimeUtc(sec: number, ns: number): string {
  const d = new Date(sec * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')}, ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${String(ns).padStart(9, '0')} UTC`;
}

/** A value as tshark -T fields prints it. */
export function exportValue(def: FieldDef, v: FieldValue): string {
  if (v === null) return def.type === 'none' || def.type === 'protocol' ? '1' : '';
  if (v instanceof NsTime) {
    if (def.type === 'abs_time')
      return def.abbrev.endsWith('epoch') ? `${v.sec}.${String(v.ns).padStart(9, '0')}` : formatAbsTimeUtc(v.sec, v.ns);
    return formatRelTime(v.sec, v.ns, 9);
  }
  switch (def.type) {
    case 'bool':
      return v === true || (typeof v === 'number' && v !== 0) ? '1' : '0';
    case 'uint':
    case 'int':
    case 'uint64':
    case 'framenum': {
      if (typeof v !== 'number' && typeof v !== 'bigint') return String(v);
      if (def.base === 'hex' || def.base === 'hex_dec') {
        const n = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
        return '0x' + n.toString(16).padStart(hexDigits(def, Number(v)), '0');
      }
      return String(v);
    }
    case 'ipv4':
      return typeof v === 'number' ? formatIPv4Number(v) : String(v);
    case 'ipv6':
      return v instanceof Uint8Array && v.length === 16 ? formatIPv6(v, 0) : String(v);
    case 'ether':
      return v instanceof Uint8Array && v.length === 6 ? formatEther(v, 0) : String(v);
    case 'bytes':
      return v instanceof Uint8Array ? bytesColon(v) : String(v);
    case 'rel_time':
      return typeof v === 'number' ? v.toFixed(9) : String(v);
    case 'float':
    case 'double':
      return String(v);
    default:
      return v instanceof Uint8Array ? bytesColon(v) : String(v);
  }
}

/**
 * A value as tshark -T fields prints it: as exportValue, but byte strings without separators ("0101080a"), as
 * tshark 4.0 prints FT_BYTES fields (display filters and the tree write them with colons).
 */
export function fieldsValue(def: FieldDef, v: FieldValue): string {
  if (def.type === 'bytes' && v instanceof Uint8Array) {
    let s = '';
    for (let i = 0; i < v.length; i++) s += v[i].toString(16).padStart(2, '0');
    return s;
  }
  // Line breaks and tabs inside text are escaped, so that one packet stays one line.
  if (def.type === 'string' && typeof v === 'string') return v.replace(/[\r\n\t]/g, (c) => FIELD_ESCAPES[c]);
  return exportValue(def, v);
}

const FIELD_ESCAPES: Record<string, string> = { '\r': '\\r', '\n': '\\n', '\t': '\\t' };

function bytesColon(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i ? ':' : '') + b[i].toString(16).padStart(2, '0');
  return s;
}

/**
 * One packet as tshark prints it without -T: number (right-aligned, 5), time (right, 10), source (right, 12) →
 * destination (left, 12), protocol, length and Info separated by single spaces (Info may be empty: the space stays).
 */
export function formatTextLine(
  frameNumber: number,
  time: string,
  src: string,
  dst: string,
  protocol: string,
  length: number,
  info: string,
): string {
  return `${String(frameNumber).padStart(5)} ${time.padStart(10)} ${src.padStart(12)} \u2192 ${dst.padEnd(12)} ${protocol} ${length} ${info}`;
}

/** "1 hour, 2 minutes": a duration in seconds as Wireshark words it (zero parts left out). */
export function secondsText(total: number): string {
  const parts: string[] = [];
  const unit = (n: number, w: string) => {
    if (n) parts.push(`${n} ${w}${n === 1 ? '' : 's'}`);
  };
  unit(Math.floor(total / 86400), 'day');
  unit(Math.floor((total % 86400) / 3600), 'hour');
  unit(Math.floor((total % 3600) / 60), 'minute');
  unit(total % 60, 'second');
  return parts.length ? parts.join(', ') : '0 seconds';
}
