// Literal values in display filters, read as the type of the field they are compared with (Wireshark decides the
// meaning of "80", "aa:bb" or "TCP" from the other side of the comparison). Errors are worded like Wireshark 4.0's.
import type { FieldDef, FieldType } from '../dissect/registry';
import type { FieldValue } from '../dissect/sinks';
import { NsTime } from '../dissect/sinks';
import { FilterSyntaxError } from './lexer';
import type { Span } from './parser';

/** An IPv4 address with a prefix length (32 for a plain address): compared under the shorter of two masks. */
export class IPv4Net {
  constructor(
    readonly addr: number,
    readonly bits: number,
  ) {}
}

/** An IPv6 address with a prefix length (128 for a plain address). */
export class IPv6Net {
  constructor(
    readonly bytes: Uint8Array,
    readonly bits: number,
  ) {}
}

/** A value during evaluation: a field's value, or a literal read for a field's type. */
export type RV = FieldValue | IPv4Net | IPv6Net;

/** How a literal was written. */
export type LiteralForm =
  | { form: 'word'; text: string }
  | { form: 'string'; text: string; value: string; bytes: Uint8Array }
  | { form: 'charconst'; text: string; code: number };

/** Wireshark's names for the field types, as its messages say them. */
export const TYPE_NAMES: Record<FieldType, string> = {
  protocol: 'Protocol',
  none: 'Label',
  uint: 'Unsigned integer',
  int: 'Signed integer',
  uint64: 'Unsigned integer (8 bytes)',
  bool: 'Boolean',
  float: 'Floating point (single-precision)',
  double: 'Floating point (double-precision)',
  string: 'Character string',
  bytes: 'Byte sequence',
  ipv4: 'IPv4 address',
  ipv6: 'IPv6 address',
  ether: 'Ethernet or other MAC address',
  abs_time: 'Date and time',
  rel_time: 'Time offset',
  framenum: 'Frame number',
  guid: 'Globally Unique Identifier',
  oid: 'ASN.1 object identifier',
};

const fail = (message: string, span: Span) => new FilterSyntaxError(message, span.start, span.end - span.start);

const MAX_U64 = (1n << 64n) - 1n;

/** An integer written in C style: decimal, 0x hex, 0b binary, leading-0 octal. Null when it is not one. */
export function parseInteger(text: string): number | bigint | null {
  let big: bigint;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) big = BigInt(text);
  else if (/^0[bB][01]+$/.test(text)) big = BigInt(text);
  else if (/^0[0-7]*$/.test(text)) big = BigInt('0o' + (text.slice(1) || '0'));
  else if (/^[1-9][0-9]*$/.test(text)) big = BigInt(text);
  else return null;
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** The value a value-string names (case-insensitive), for fields with names for their values. */
function fromValueString(def: FieldDef, name: string): number | undefined {
  const s = def.strings;
  if (!s) return undefined;
  const want = name.toLowerCase();
  if (typeof s === 'function') {
    // Names computed by a function: look through the 16-bit values (EtherTypes, DNS types, versions).
    for (let v = 0; v <= 0xffff; v++) if (s(v)?.toLowerCase() === want) return v;
    return undefined;
  }
  for (const key of Object.keys(s)) if (s[Number(key)].toLowerCase() === want) return Number(key);
  return undefined;
}

/** Hex bytes "aa:bb:cc", "aa-bb", "aa.bb", "aabbcc", or a single byte "0xff" / "a". Null when not bytes. */
export function parseBytes(text: string): Uint8Array | null {
  const t = text.startsWith(':') && !text.startsWith('::') ? text.slice(1) : text;
  if (/^0[xX][0-9a-fA-F]{1,2}$/.test(t)) return Uint8Array.of(parseInt(t.slice(2), 16));
  if (/^[0-9a-fA-F]+$/.test(t)) {
    if (t.length <= 2) return Uint8Array.of(parseInt(t, 16));
    if (t.length % 2) return null;
    const out = new Uint8Array(t.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  const sep = t.match(/[:.-]/)?.[0];
  if (!sep) return null;
  const parts = t.split(sep);
  if (parts.some((p) => !/^[0-9a-fA-F]{1,2}$/.test(p))) return null;
  return Uint8Array.from(parts.map((p) => parseInt(p, 16)));
}

function parseEther(text: string): Uint8Array | null | 'few' | 'many' {
  const quad = text.match(/^([0-9a-fA-F]{4})\.([0-9a-fA-F]{4})\.([0-9a-fA-F]{4})$/);
  if (quad) return parseBytes(quad.slice(1).join(''));
  const b = parseBytes(text);
  if (!b) return null;
  if (b.length < 6) return 'few';
  if (b.length > 6) return 'many';
  return b;
}

/** A dotted-quad IPv4 address as a number, or null. */
export function parseIPv4(text: string): number | null {
  const m = text.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (!m) return null;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return null;
  return ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
}

/** An IPv6 address in text form (with "::" and a trailing IPv4 part) as 16 bytes, or null. */
export function parseIPv6(text: string): Uint8Array | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let s = text;
  const tail: number[] = [];
  const v4 = s.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const a = parseIPv4(v4[2]);
    if (a === null) return null;
    tail.push(a >>> 16, a & 0xffff);
    s = v4[1].endsWith('::') ? v4[1] : v4[1].slice(0, -1);
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  const words = [...head.map((g) => parseInt(g, 16))];
  const after = [...rest.map((g) => parseInt(g, 16)), ...tail];
  const total = words.length + after.length;
  if (halves.length === 2) {
    if (total > 7) return null;
    while (words.length + after.length < 8) words.push(0);
  } else if (total !== 8) return null;
  const all = [...words, ...after];
  const out = new Uint8Array(16);
  all.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** An object identifier "1.2.840.113549" as its BER encoding (the bytes a field of type oid holds). */
function parseOid(text: string): Uint8Array | null {
  if (!/^\d+(\.\d+)+$/.test(text)) return null;
  const arcs = text.split('.').map((a) => BigInt(a));
  if (arcs[0] > 2n || (arcs[0] < 2n && arcs[1] > 39n)) return null;
  const out: number[] = [];
  const put = (v: bigint) => {
    const bytes = [Number(v & 0x7fn)];
    for (v >>= 7n; v > 0n; v >>= 7n) bytes.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...bytes);
  };
  put(arcs[0] * 40n + arcs[1]);
  for (const a of arcs.slice(2)) put(a);
  return Uint8Array.from(out);
}

/** Seconds with up to nine decimals ("0.5", "-1.25", "3") as exact seconds and nanoseconds. */
export function parseRelTime(text: string): NsTime | null {
  const m = text.match(/^(-?)(\d+)(?:\.(\d*))?$/);
  if (!m) return null;
  const sec = Number(m[2]);
  const ns = Number(((m[3] ?? '') + '000000000').slice(0, 9));
  return m[1] ? new NsTime(-sec - (ns ? 1 : 0), ns ? 1e9 - ns : 0) : new NsTime(sec, ns);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * An absolute time as Wireshark 4.0 reads it: ISO 8601 ("2020-07-04T12:34:56.5Z", "T" optional, "Z"/"UTC"/offset
 * optional) or "Sep 26, 2004 23:18:04.954975" (optionally followed by "UTC"). Without a zone it is local time.
 */
export function parseAbsTime(text: string): NsTime | null {
  const t = text.trim();
  const iso = t.match(
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i,
  );
  const legacy = t.match(
    /^([A-Za-z]{3})\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:\s+(UTC))?$/i,
  );
  // Year, month (0-based), day, hours, minutes, seconds, fraction, zone.
  let parts: [number, number, number, number, number, number, string, string | undefined];
  if (iso) {
    parts = [+iso[1], +iso[2] - 1, +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0), iso[7] ?? '', iso[8]];
  } else if (legacy) {
    const month = MONTHS.indexOf(legacy[1].toLowerCase());
    if (month < 0) return null;
    parts = [+legacy[3], month, +legacy[2], +legacy[4], +legacy[5], +legacy[6], legacy[7] ?? '', legacy[8]];
  } else return null;
  const [y, mo, d, h, mi, s, frac, zone] = parts;
  if (mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ns = Number((frac + '000000000').slice(0, 9));
  let ms: number;
  if (zone === undefined) ms = new Date(y, mo, d, h, mi, s).getTime();
  else {
    ms = Date.UTC(y, mo, d, h, mi, s);
    const off = zone.match(/^([+-])(\d{2}):?(\d{2})$/);
    if (off) ms -= (off[1] === '-' ? -1 : 1) * (+off[2] * 60 + +off[3]) * 60000;
  }
  if (Number.isNaN(ms)) return null;
  return new NsTime(Math.floor(ms / 1000), ns);
}

/**
 * A literal read as a value of `type` (the type of the other side). `def` is the field on the other side, when it
 * is a plain field: its value strings and true/false names are accepted too. Throws with Wireshark's message.
 * `deprecated` collects forms Wireshark accepts but discourages (an unquoted string).
 */
export function parseLiteral(
  type: FieldType,
  def: FieldDef | undefined,
  lit: LiteralForm,
  span: Span,
  deprecated?: (token: string) => void,
): RV {
  const shown = lit.text;
  const word = lit.form === 'word' ? lit.text : null;
  switch (type) {
    case 'uint':
    case 'int':
    case 'uint64':
    case 'framenum': {
      if (lit.form === 'charconst') return lit.code;
      if (lit.form === 'string') {
        const named = def ? fromValueString(def, lit.value) : undefined;
        if (named !== undefined) return named;
        throw fail(`${TYPE_NAMES[type]} cannot be converted from a string (${shown}).`, span);
      }
      const v = parseInteger(lit.text);
      if (v !== null) {
        if (typeof v === 'bigint' && v > MAX_U64) throw fail(`"${shown}" is too big for this field.`, span);
        return v;
      }
      const named = def ? fromValueString(def, lit.text) : undefined;
      if (named !== undefined) return named;
      if (def?.strings) throw fail(`"${shown}" cannot be found among the possible values for ${def.abbrev}.`, span);
      throw fail(`"${shown}" is not a valid number.`, span);
    }
    case 'bool': {
      const text = lit.form === 'string' ? lit.value : lit.text;
      if (lit.form === 'charconst') return lit.code !== 0;
      if (lit.form === 'word') {
        if (text === 'True' || text === 'TRUE') return true;
        if (text === 'False' || text === 'FALSE') return false;
        const n = parseInteger(text);
        if (n !== null) return n !== 0 && n !== 0n;
      }
      const [t, f] = def?.tf ?? ['Set', 'Not set'];
      if (text.toLowerCase() === t.toLowerCase()) return true;
      if (text.toLowerCase() === f.toLowerCase()) return false;
      if (lit.form === 'string' && (text === 'True' || text === 'TRUE')) return true;
      if (lit.form === 'string' && (text === 'False' || text === 'FALSE')) return false;
      const name = def ? def.abbrev : 'this field';
      throw fail(`"${text}" cannot be found among the possible values for ${name}.`, span);
    }
    case 'float':
    case 'double': {
      if (lit.form === 'charconst') return lit.code;
      if (lit.form === 'word') {
        const t = lit.text;
        if (/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
        if (/^0[xX][0-9a-fA-F]+$/.test(t)) return Number(t);
        if (/^inf(inity)?$/i.test(t)) return Infinity;
        if (/^nan$/i.test(t)) return NaN;
        throw fail(`"${shown}" is not a valid number.`, span);
      }
      throw fail(`${TYPE_NAMES[type]} cannot be converted from a string (${shown}).`, span);
    }
    case 'string': {
      if (lit.form === 'string') return lit.value;
      if (lit.form === 'charconst') return String.fromCharCode(lit.code);
      deprecated?.(lit.text);
      return lit.text;
    }
    case 'ipv4': {
      if (word === null) throw fail(`${TYPE_NAMES.ipv4} cannot be converted from a string (${shown}).`, span);
      const m = word.match(/^(.*)\/(\d+)$/);
      const addr = parseIPv4(m ? m[1] : word);
      if (addr === null) throw fail(`"${m ? m[1] : word}" is not a valid hostname or IPv4 address.`, span);
      if (!m) return new IPv4Net(addr, 32);
      const bits = Number(m[2]);
      if (bits > 32) throw fail(`Netmask bits in a CIDR IPv4 address should be <= 32, not ${bits}`, span);
      return new IPv4Net(addr, bits);
    }
    case 'ipv6': {
      if (word === null) throw fail(`${TYPE_NAMES.ipv6} cannot be converted from a string (${shown}).`, span);
      const m = word.match(/^(.*)\/(\d+)$/);
      const addr = parseIPv6(m ? m[1] : word);
      if (addr === null) throw fail(`"${m ? m[1] : word}" is not a valid IPv6 address.`, span);
      if (!m) return new IPv6Net(addr, 128);
      const bits = Number(m[2]);
      if (bits > 128) throw fail(`Prefix in a IPv6 address should be <= 128, not ${bits}`, span);
      return new IPv6Net(addr, bits);
    }
    case 'ether': {
      if (word === null) throw fail(`${TYPE_NAMES.ether} cannot be converted from a string (${shown}).`, span);
      const b = parseEther(word);
      if (b === 'few') throw fail(`"${shown}" contains too few bytes to be a valid Ethernet address.`, span);
      if (b === 'many') throw fail(`"${shown}" contains too many bytes to be a valid Ethernet address.`, span);
      if (!b) throw fail(`"${shown}" is not a valid Ethernet address.`, span);
      return b;
    }
    case 'oid': {
      if (lit.form === 'string') return lit.bytes;
      const b = word !== null ? (parseOid(word) ?? parseBytes(word)) : null;
      if (!b) throw fail(`"${shown}" is not a valid OID.`, span);
      return b;
    }
    case 'abs_time': {
      const text = lit.form === 'string' ? lit.value : lit.text;
      if (lit.form === 'word' && /^\d+(\.\d+)?$/.test(text)) {
        const r = parseRelTime(text);
        if (r) return r;
      }
      const t = lit.form === 'charconst' ? null : parseAbsTime(text);
      if (!t) {
        throw fail(
          `"${text}" is not a valid absolute time. Example: "Nov 12, 1999 08:55:44.123" or "2011-07-04 12:34:56"`,
          span,
        );
      }
      return t;
    }
    case 'rel_time': {
      const t = word !== null ? parseRelTime(word) : null;
      if (!t) throw fail(`"${lit.form === 'string' ? lit.value : shown}" is not a valid time.`, span);
      return t;
    }
    case 'none':
      throw fail(`${def?.abbrev ?? shown} is a label and has no value to compare.`, span);
    case 'protocol':
    case 'bytes':
    case 'guid':
    default: {
      if (lit.form === 'string') return lit.bytes;
      if (lit.form === 'charconst') return Uint8Array.of(lit.code & 0xff);
      const b = parseBytes(lit.text);
      if (!b) throw fail(`"${shown}" is not a valid byte string.`, span);
      return b;
    }
  }
}
