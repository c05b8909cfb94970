// Comparing values while a filter runs: one comparator per class of type, written for the representations the
// sinks produce (numbers or bigints, booleans, strings, bytes, NsTime or seconds) and for the literals of literals.ts.
import type { FieldType } from '../dissect/registry';
import { NsTime } from '../dissect/sinks';
import type { RV } from './literals';
import { IPv4Net, IPv6Net } from './literals';

/** Types that compare with each other. */
export type TypeClass =
  'int' | 'bool' | 'float' | 'string' | 'bytes' | 'ipv4' | 'ipv6' | 'abs_time' | 'rel_time' | 'none';

export function classOf(t: FieldType): TypeClass {
  switch (t) {
    case 'uint':
    case 'int':
    case 'uint64':
    case 'framenum':
      return 'int';
    case 'bool':
      return 'bool';
    case 'float':
    case 'double':
      return 'float';
    case 'string':
      return 'string';
    case 'ipv4':
      return 'ipv4';
    case 'ipv6':
      return 'ipv6';
    case 'abs_time':
      return 'abs_time';
    case 'rel_time':
      return 'rel_time';
    case 'none':
      return 'none';
    default:
      // bytes, ether, guid, oid, protocol: sequences of bytes.
      return 'bytes';
  }
}

/** Negative, zero or positive; NaN when the two cannot be ordered (then only != holds). */
export type Comparator = (a: RV, b: RV) => number;

const sign = (d: number) => (d < 0 ? -1 : d > 0 ? 1 : 0);

function toBig(v: RV): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
}

export const cmpInt: Comparator = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const x = toBig(a);
  const y = toBig(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

const truth = (v: RV) => v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'bigint' && v !== 0n);

export const cmpBool: Comparator = (a, b) => Number(truth(a)) - Number(truth(b));

export const cmpFloat: Comparator = (a, b) => {
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A value as text: strings as they are, numbers in decimal, bytes as hex. */
export function textOf(v: RV): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v === null) return '';
  if (v instanceof Uint8Array) return Array.from(v, (b) => b.toString(16).padStart(2, '0')).join(':');
  if (v instanceof NsTime) return `${v.sec}.${String(v.ns).padStart(9, '0')}`;
  if (v instanceof IPv4Net) return `${v.addr}/${v.bits}`;
  return Array.from(v.bytes, (b) => b.toString(16).padStart(2, '0')).join(':') + `/${v.bits}`;
}

export const cmpString: Comparator = (a, b) => {
  const x = textOf(a);
  const y = textOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Byte sequences order by length first, then by their bytes (as Wireshark's). */
export function compareBytes(x: Uint8Array, y: Uint8Array): number {
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

const textEncoder = new TextEncoder();

/** A value as bytes (strings as UTF-8), for byte comparisons and slices. */
export function asBytes(v: RV): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return textEncoder.encode(v);
  if (v instanceof IPv6Net) return v.bytes;
  if (typeof v === 'number' || v instanceof IPv4Net) {
    const n = typeof v === 'number' ? v : v.addr;
    return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
  }
  return new Uint8Array(0);
}

export const cmpBytes: Comparator = (a, b) => compareBytes(asBytes(a), asBytes(b));

export const cmpIPv4: Comparator = (a, b) => {
  const x = a instanceof IPv4Net ? a.addr : Number(a);
  const y = b instanceof IPv4Net ? b.addr : Number(b);
  const bits = Math.min(a instanceof IPv4Net ? a.bits : 32, b instanceof IPv4Net ? b.bits : 32);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const mx = (x & mask) >>> 0;
  const my = (y & mask) >>> 0;
  return mx < my ? -1 : mx > my ? 1 : 0;
};

export const cmpIPv6: Comparator = (a, b) => {
  const x = a instanceof IPv6Net ? a.bytes : asBytes(a);
  const y = b instanceof IPv6Net ? b.bytes : asBytes(b);
  const bits = Math.min(a instanceof IPv6Net ? a.bits : 128, b instanceof IPv6Net ? b.bits : 128);
  for (let i = 0; i < 16; i++) {
    const left = bits - i * 8;
    if (left <= 0) return 0;
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    const p = (x[i] ?? 0) & mask;
    const q = (y[i] ?? 0) & mask;
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
};

/** A time as whole seconds and nanoseconds (times are NsTime, or seconds as a number). */
function timeParts(v: RV): [number, number] {
  if (v instanceof NsTime) return [v.sec, v.ns];
  const n = Number(v);
  const sec = Math.floor(n);
  return [sec, Math.round((n - sec) * 1e9)];
}

export const cmpTime: Comparator = (a, b) => {
  const [s1, n1] = timeParts(a);
  const [s2, n2] = timeParts(b);
  return s1 !== s2 ? sign(s1 - s2) : sign(n1 - n2);
};

export function comparatorFor(c: TypeClass): Comparator {
  switch (c) {
    case 'int':
      return cmpInt;
    case 'bool':
      return cmpBool;
    case 'float':
      return cmpFloat;
    case 'string':
      return cmpString;
    case 'ipv4':
      return cmpIPv4;
    case 'ipv6':
      return cmpIPv6;
    case 'abs_time':
    case 'rel_time':
      return cmpTime;
    default:
      return cmpBytes;
  }
}

/** Whether `hay` contains `needle` (strings as text, anything else as bytes). */
export function contains(hay: RV, needle: RV): boolean {
  if (typeof hay === 'string' && typeof needle === 'string') return hay.includes(needle);
  const h = asBytes(hay);
  const n = asBytes(needle);
  if (n.length === 0) return true;
  const first = n[0];
  const last = h.length - n.length;
  outer: for (let i = h.indexOf(first); i !== -1 && i <= last; i = h.indexOf(first, i + 1)) {
    for (let j = 1; j < n.length; j++) if (h[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}

/** Bytes as a string of code points 0–255, for regular expressions over binary data. */
export function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

/** A value's text for `matches`: strings as they are, bytes one character per byte. */
export function matchText(v: RV): string {
  if (typeof v === 'string') return v;
  return latin1(asBytes(v));
}

/** Whether a value counts as true where a test stands alone ("tcp.flags & 0x02"): not zero, not empty. */
export function isTruthy(v: RV): boolean {
  if (v instanceof Uint8Array) return v.some((b) => b !== 0);
  if (v instanceof NsTime) return v.sec !== 0 || v.ns !== 0;
  if (typeof v === 'string') return v.length > 0;
  return truth(v) || (typeof v === 'number' && Number.isNaN(v));
}

/** The number of bytes of a value (strings in UTF-8): len(). */
export function byteLength(v: RV): number {
  if (typeof v === 'string') {
    let n = 0;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if (c >= 0xd800 && c <= 0xdbff) {
        n += 4;
        i++;
      } else n += 3;
    }
    return n;
  }
  if (typeof v === 'number' || v instanceof IPv4Net) return 4;
  return asBytes(v).length;
}
