// The detail tree of one packet: a sink that turns the dissectors' add/open/close/text calls (and their expert notes)
// into the lines Wireshark shows, with their fields, filter strings and byte ranges. Only the second pass of the
// selected packet (or the CLI's -V) uses it.
import type { DetailItem } from '../types';
import { formatAbsTimeUtc, exportValue } from './format';
import type { Expert, Packet } from './packet';
import { formatEther, formatIPv4Number, formatIPv6 } from './packet';
import type { FieldDef } from './registry';
import { declare, fieldById, valueString } from './registry';
import type { FieldValue, Sink } from './sinks';
import { decodeValue, GENERATED, HIDDEN, LE, NESTED, NsTime, readUint, TOP_LEVEL, VALUE_LABEL } from './sinks';
import { formatRelTime } from './time';

/** Expert notes as tree items (Wireshark's "_ws.expert" protocol). */
export const hfExpert = declare('_ws.expert', 'Expert Info', 'Expert', {
  message: { abbrev: '_ws.expert.message', name: 'Message', type: 'string' },
  severity: { abbrev: '_ws.expert.severity', name: 'Severity level', type: 'uint', base: 'hex', bits: 32 },
  group: { abbrev: '_ws.expert.group', name: 'Group', type: 'uint', base: 'hex', bits: 32 },
});

const SEVERITY: Record<Expert['severity'], { name: string; code: number }> = {
  chat: { name: 'Chat', code: 0x00200000 },
  note: { name: 'Note', code: 0x00400000 },
  warn: { name: 'Warning', code: 0x00600000 },
  error: { name: 'Error', code: 0x00800000 },
};

/** Wireshark's expert groups and their codes (for the filter of the "[Group: …]" line). */
const GROUPS: Record<string, number> = {
  Checksum: 0x01000000,
  Sequence: 0x02000000,
  'Response code': 0x03000000,
  'Request code': 0x04000000,
  Undecoded: 0x05000000,
  Reassemble: 0x06000000,
  Malformed: 0x07000000,
  Debug: 0x08000000,
  Protocol: 0x09000000,
  Security: 0x0a000000,
  Comments: 0x0b000000,
  Decryption: 0x0c000000,
  Assumption: 0x0d000000,
  Deprecated: 0x0e000000,
};

// ---- labels ----------------------------------------------------------------------------------------------------

/** Width in bits of the integer a bit field lives in. */
function fieldWidth(def: FieldDef): number {
  if (def.bits) return def.bits;
  const m = def.mask ?? 0;
  return m > 0xffffff ? 32 : m > 0xffff ? 24 : m > 0xff ? 16 : 8;
}

/**
 * "0100 ...." — the bits of `raw` under `mask` in a `width`-bit integer, the others as dots, in groups of four
 * (Wireshark's decode_bitfield_value).
 */
export function bitPattern(raw: number, mask: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) {
    const bit = 2 ** i;
    const inMask = Math.floor(mask / bit) % 2 === 1;
    s += inMask ? (Math.floor(raw / bit) % 2 === 1 ? '1' : '0') : '.';
    if (i > 0 && i % 4 === 0) s += ' ';
  }
  return s;
}

/** The raw integer a bit field's pattern is drawn from: the item's bytes, or the value put back under its mask. */
function rawBits(def: FieldDef, data: Uint8Array, offset: number, length: number, flags: number, v: unknown): number {
  const width = fieldWidth(def);
  const bytes = Math.ceil(width / 8);
  const mask = def.mask ?? 0;
  if (length >= bytes && offset + bytes <= data.length) {
    const raw = readUint(data, offset, bytes, (flags & LE) !== 0);
    return width % 8 === 0 ? raw : raw % 2 ** width;
  }
  let shift = 1;
  while (mask && Math.floor(mask / shift) % 2 === 0) shift *= 2;
  const n = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? v : 0;
  return n * shift;
}

const HEX_WIDTH: Record<number, number> = { 8: 2, 12: 3, 16: 4, 24: 6, 32: 8, 48: 12, 64: 16 };

/** Hex digits Wireshark shows for an integer field: by the mask's width when masked, else by the type's width. */
function hexDigits(def: FieldDef, v: number): number {
  if (def.mask !== undefined) {
    let m = def.mask;
    while (m > 0 && m % 2 === 0) m /= 2;
    let bits = 0;
    while (m > 0) {
      bits++;
      m = Math.floor(m / 2);
    }
    return Math.max(1, Math.ceil(bits / 4));
  }
  if (def.bits) return HEX_WIDTH[def.bits] ?? 2;
  return v > 0xffffff ? 8 : v > 0xffff ? 6 : v > 0xff ? 4 : 2;
}

function hexOf(def: FieldDef, v: number | bigint): string {
  const n = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
  const s = (n < 0n ? -n : n).toString(16);
  return '0x' + s.padStart(hexDigits(def, Number(v)), '0');
}

/** Text as Wireshark's labels show it: control characters escaped (\r, \n, \t, \xhh). */
export function escapeText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x7f) {
      out += s[i];
      continue;
    }
    switch (c) {
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      case 0x0c:
        out += '\\f';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x0b:
        out += '\\v';
        break;
      default:
        out += '\\x' + c.toString(16).padStart(2, '0');
    }
  }
  return out;
}

/** Bytes as a label shows them: hex without separators, cut after 36 bytes with "…". */
export function bytesText(b: Uint8Array): string {
  const n = Math.min(b.length, 36);
  let s = '';
  for (let i = 0; i < n; i++) s += b[i].toString(16).padStart(2, '0');
  return b.length > n ? s + '\u2026' : s;
}

/** Any value as text, for values of an unexpected kind. */
function anyText(v: FieldValue): string {
  if (v instanceof Uint8Array) return bytesText(v);
  if (v instanceof NsTime) return formatRelTime(v.sec, v.ns, 9);
  if (typeof v === 'string') return escapeText(v);
  return String(v);
}

function numberOf(v: FieldValue): number | bigint | null {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

/** The value part of a label ("TCP (6)", "0x0800", "64 bytes", "Set"). */
export function valueText(def: FieldDef, v: FieldValue): string {
  if (v === null) return '';
  switch (def.type) {
    case 'bool': {
      const on = v === true || (typeof v === 'number' && v !== 0);
      if (def.tf) return on ? def.tf[0] : def.tf[1];
      if (def.mask !== undefined) return on ? 'Set' : 'Not set';
      return on ? 'True' : 'False';
    }
    case 'uint':
    case 'int':
    case 'uint64':
    case 'framenum': {
      const n = numberOf(v);
      if (n === null) return typeof v === 'string' ? escapeText(v) : anyText(v);
      const unit = def.unit ? ` ${def.unit}` : '';
      const hexBase = def.base === 'hex' || def.base === 'hex_dec';
      if (def.strings) {
        const s = valueString(def, Number(n));
        if (def.base === 'none') return s ?? 'Unknown';
        const num = hexBase ? hexOf(def, n) : String(n);
        return `${s ?? 'Unknown'} (${num})`;
      }
      switch (def.base) {
        case 'hex':
          return hexOf(def, n) + unit;
        case 'hex_dec':
          return `${hexOf(def, n)} (${n})${unit}`;
        case 'dec_hex':
          return `${n} (${hexOf(def, n)})${unit}`;
        case 'oct':
          return `0${n.toString(8)}${unit}`;
        default:
          return `${n}${unit}`;
      }
    }
    case 'ipv4':
      return typeof v === 'number' ? formatIPv4Number(v) : anyText(v);
    case 'ipv6':
      return v instanceof Uint8Array && v.length === 16 ? formatIPv6(v, 0) : anyText(v);
    case 'ether':
      return v instanceof Uint8Array && v.length === 6 ? formatEther(v, 0) : anyText(v);
    case 'abs_time':
      if (v instanceof NsTime) {
        if (def.abbrev.endsWith('epoch')) return `${v.sec}.${String(v.ns).padStart(9, '0')} seconds`;
        return formatAbsTimeUtc(v.sec, v.ns);
      }
      return typeof v === 'number' ? formatAbsTimeUtc(Math.floor(v), Math.round((v % 1) * 1e9)) : anyText(v);
    case 'rel_time':
      if (v instanceof NsTime) return `${formatRelTime(v.sec, v.ns, 9)} seconds`;
      return typeof v === 'number' ? `${v.toFixed(9)} seconds` : anyText(v);
    case 'string':
      return typeof v === 'string' ? escapeText(v) : v instanceof Uint8Array ? bytesText(v) : anyText(v);
    case 'bytes':
    case 'guid':
    case 'oid':
      if (v instanceof Uint8Array) return v.length ? bytesText(v) : '<MISSING>';
      return typeof v === 'string' ? escapeText(v) : anyText(v);
    case 'float':
    case 'double':
      return anyText(v) + (def.unit ? ` ${def.unit}` : '');
    default:
      return typeof v === 'string' ? escapeText(v) : anyText(v);
  }
}

/**
 * The label Wireshark builds for a field from the registry: "Name: value", with the bit pattern in front of a bit
 * field ("0100 .... = Version: 4"). `value` is the field's value; `valuePart` replaces the value text when given.
 */
export function autoLabel(
  def: FieldDef,
  value: FieldValue,
  data: Uint8Array,
  offset: number,
  length: number,
  flags: number,
  valuePart?: string,
): string {
  let label: string;
  if (def.type === 'protocol' || def.type === 'none') label = valuePart !== undefined ? valuePart : def.name;
  else label = `${def.name}: ${valuePart !== undefined ? valuePart : valueText(def, value)}`;
  if (def.mask !== undefined && def.type !== 'protocol' && def.type !== 'none') {
    label = `${bitPattern(rawBits(def, data, offset, length, flags, value), def.mask, fieldWidth(def))} = ${label}`;
  }
  return label;
}

/** The value as "Apply as Filter" writes it: strings and times quoted, bytes with colons. */
export function filterValue(def: FieldDef, v: FieldValue): string {
  if (v === null || def.type === 'none' || def.type === 'protocol') return '';
  switch (def.type) {
    case 'bool':
      return v === true || (typeof v === 'number' && v !== 0) ? '1' : '0';
    case 'string':
      return typeof v === 'string' ? quote(v) : exportValue(def, v);
    case 'abs_time':
      if (def.abbrev.endsWith('epoch')) return exportValue(def, v);
      return quote(exportValue(def, v));
    case 'uint':
    case 'int':
    case 'uint64':
    case 'framenum': {
      const n = numberOf(v);
      if (n === null) return typeof v === 'string' ? quote(v) : anyText(v);
      if (def.base === 'hex' || def.base === 'hex_dec') return hexOf(def, n);
      return String(n);
    }
    default:
      return exportValue(def, v);
  }
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// ---- long labels --------------------------------------------------------------------------------------------

const utf8 = new TextEncoder();
/** Wireshark keeps a label in 240 bytes: a longer one is cut and marked "[truncated]". */
const LABEL_MAX = 239;
/** What is kept of a longer label before the mark goes in. */
const LABEL_KEPT = 226;

function byteLength(s: string): number {
  // Only labels long enough to matter are measured in bytes.
  return s.length * 3 <= LABEL_MAX ? s.length : utf8.encode(s).length;
}

/** The first `bytes` bytes of `s` (UTF-8), never cutting a character. */
export function cutBytes(s: string, bytes: number): string {
  let n = 0;
  let i = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const w = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (n + w > bytes) break;
    n += w;
    i += ch.length;
  }
  return s.slice(0, i);
}

/**
 * A label as Wireshark keeps it: past 239 bytes it is cut, and " [truncated]" goes after the field's name
 * ("JA3 Fullstring [truncated]: 771,…"), or in front of a label of another form (" [truncated]Range: …").
 */
export function truncateLabel(label: string, name: string | null): string {
  if (byteLength(label) <= LABEL_MAX) return label;
  const kept = cutBytes(label, LABEL_KEPT);
  if (name && kept.startsWith(name) && kept[name.length] === ':')
    return `${name} [truncated]${kept.slice(name.length)}`;
  return ` [truncated]${kept}`;
}

// ---- the sink --------------------------------------------------------------------------------------------------

interface Node {
  item: DetailItem;
  children: Node[] | null;
  /** A protocol's own item (Frame, IPv4, TCP …): the protocol of the next layer goes beside it, not under it. */
  proto: boolean;
}

/** Marks a hidden item opened as a subtree: what goes under it is hidden too. */
const HIDDEN_OPEN = null;

/**
 * Builds the detail tree. Items go under the innermost open item, except a protocol's own item opened directly
 * inside another protocol's item, which goes to the top level like Wireshark's next layer (or, inside an ICMP error,
 * beside the quoted datagram's other layers); TOP_LEVEL forces the top level. Hidden items are left out.
 */
export class TreeSink implements Sink {
  readonly active = true;
  private roots: Node[] = [];
  private stack: (Node | null)[] = [];
  private hiddenDepth = 0;
  /** Inside an ICMP error's quote: where the quoted layers go. */
  private errorBase: Node | null | undefined = undefined;
  /** Nested dissections (Packet.nest): where their layers go, innermost last. */
  private bases: (Node | null)[] = [];
  /** Fields not asked for (e.g. the colouring rule, which tshark -V leaves out). */
  private readonly skip: ReadonlySet<number>;

  constructor(opts: { skip?: Iterable<number> } = {}) {
    this.skip = new Set(opts.skip ?? []);
  }

  wants(id: number): boolean {
    return !this.skip.has(id);
  }

  /** Start again for another packet. */
  clear(): void {
    this.roots = [];
    this.stack.length = 0;
    this.hiddenDepth = 0;
    this.errorBase = undefined;
    this.bases.length = 0;
  }

  nest(on: boolean): void {
    if (on) this.bases.push(this.innermost());
    else this.bases.pop();
  }

  private innermost(): Node | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const n = this.stack[i];
      if (n) return n;
    }
    return null;
  }

  /** Where the next layer's protocol item goes (null: the top level). */
  private base(p: Packet): Node | null {
    if (this.bases.length) return this.bases[this.bases.length - 1];
    if (p.inError) {
      if (this.errorBase === undefined) this.errorBase = this.innermost();
      return this.errorBase;
    }
    this.errorBase = undefined;
    return null;
  }

  private attach(p: Packet, node: Node, topLevel: boolean): void {
    let parent = this.innermost();
    if (topLevel || (node.proto && (parent === null || parent.proto))) parent = this.base(p);
    else if (!p.inError) this.errorBase = undefined;
    if (parent) {
      (parent.children ??= []).push(node);
      parent.item.hasChildren = true;
    } else this.roots.push(node);
  }

  private build(
    p: Packet,
    id: number,
    offset: number,
    length: number,
    value: FieldValue | undefined,
    flags: number,
    label: string | undefined,
  ): Node {
    const def = fieldById(id);
    const v = value === undefined ? decodeValue(def, p.data, offset, length, flags) : value;
    let text: string;
    if (label === undefined) text = autoLabel(def, v, p.data, offset, length, flags);
    else if (flags & VALUE_LABEL) text = autoLabel(def, v, p.data, offset, length, flags, label);
    else text = label;
    // A whole label given by the dissector is cut with the mark in front, as Wireshark does for *_format items.
    const named = label === undefined || (flags & VALUE_LABEL) !== 0;
    const generated = (flags & GENERATED) !== 0;
    // Generated items are shown in brackets; the dissector may have written them already.
    if (generated && text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
    text = truncateLabel(text, named ? def.name : null);
    if (generated) text = `[${text}]`;
    const fv = filterValue(def, v);
    const isFrame = def.type === 'framenum' && typeof v === 'number';
    return {
      item: {
        label: text,
        parent: -1,
        depth: 0,
        field: def.abbrev,
        value: fv,
        filter: fv ? `${def.abbrev} == ${fv}` : def.type === 'none' || def.type === 'protocol' ? def.abbrev : '',
        source: p.sourceIndex,
        start: offset,
        length,
        generated,
        expert: null,
        link: isFrame ? v : 0,
        hasChildren: false,
      },
      children: null,
      proto: def.type === 'protocol',
    };
  }

  add(
    p: Packet,
    id: number,
    offset: number,
    length: number,
    value: FieldValue | undefined,
    flags: number,
    label: string | undefined,
  ): void {
    if (this.hiddenDepth > 0 || flags & HIDDEN) return;
    const node = this.build(p, id, offset, length, value, flags, label);
    if (flags & NESTED) node.proto = false;
    this.attach(p, node, (flags & TOP_LEVEL) !== 0);
  }

  open(
    p: Packet,
    id: number,
    offset: number,
    length: number,
    value: FieldValue | undefined,
    flags: number,
    label: string | undefined,
  ): void {
    if (this.hiddenDepth > 0 || flags & HIDDEN) {
      this.hiddenDepth++;
      this.stack.push(HIDDEN_OPEN);
      return;
    }
    const node = this.build(p, id, offset, length, value, flags, label);
    if (flags & NESTED) node.proto = false;
    this.attach(p, node, (flags & TOP_LEVEL) !== 0);
    this.stack.push(node);
  }

  close(length?: number): void {
    if (!this.stack.length) return;
    const node = this.stack.pop();
    if (node === HIDDEN_OPEN) {
      this.hiddenDepth--;
      return;
    }
    if (node && length !== undefined) node.item.length = length;
  }

  drop(): void {
    const node = this.stack.pop();
    if (node === undefined) return;
    if (node === HIDDEN_OPEN) {
      this.hiddenDepth--;
      return;
    }
    const remove = (list: Node[]) => {
      const i = list.lastIndexOf(node);
      if (i >= 0) list.splice(i, 1);
      return i >= 0;
    };
    if (remove(this.roots)) return;
    const visit = (nodes: Node[]): boolean => {
      for (let i = nodes.length - 1; i >= 0; i--) {
        const c = nodes[i].children;
        if (c && (remove(c) || visit(c))) return true;
      }
      return false;
    };
    visit(this.roots);
  }

  text(p: Packet, offset: number, length: number, label: string, open: boolean): void {
    if (this.hiddenDepth > 0) {
      if (open) {
        this.hiddenDepth++;
        this.stack.push(HIDDEN_OPEN);
      }
      return;
    }
    const node: Node = {
      item: {
        label: truncateLabel(label, null),
        parent: -1,
        depth: 0,
        field: '',
        value: '',
        filter: '',
        source: p.sourceIndex,
        start: offset,
        length,
        generated: false,
        expert: null,
        link: 0,
        hasChildren: false,
      },
      children: null,
      proto: false,
    };
    this.attach(p, node, false);
    if (open) this.stack.push(node);
  }

  /** "[Expert Info (Chat/Sequence): message]" with its message, severity and group, under the innermost open item. */
  expert(p: Packet, e: Expert): void {
    if (this.hiddenDepth > 0) return;
    const parent = this.innermost();
    const source = parent ? parent.item.source : p.sourceIndex;
    const start = parent ? parent.item.start : 0;
    const length = parent ? parent.item.length : 0;
    const sev = SEVERITY[e.severity];
    const msg = escapeText(e.message);
    const item = (label: string, field: string, value: string, filter: string): Node => ({
      item: {
        label,
        parent: -1,
        depth: 0,
        field,
        value,
        filter,
        source,
        start,
        length,
        generated: true,
        expert: e.severity,
        link: 0,
        hasChildren: false,
      },
      children: null,
      proto: false,
    });
    const top = item(`[Expert Info (${sev.name}/${e.group}): ${msg}]`, '_ws.expert', '', '_ws.expert');
    const sevHex = '0x' + sev.code.toString(16).padStart(8, '0');
    const group = GROUPS[e.group];
    const groupHex = group === undefined ? '' : '0x' + group.toString(16).padStart(8, '0');
    top.children = [
      item(`[${msg}]`, e.name, '', e.name),
      item(`[Severity level: ${sev.name}]`, '_ws.expert.severity', sevHex, `_ws.expert.severity == ${sevHex}`),
      item(
        `[Group: ${e.group}]`,
        '_ws.expert.group',
        groupHex,
        groupHex ? `_ws.expert.group == ${groupHex}` : '_ws.expert.group',
      ),
    ];
    top.item.hasChildren = true;
    if (parent) {
      (parent.children ??= []).push(top);
      parent.item.hasChildren = true;
    } else this.roots.push(top);
  }

  /** The items in document order (pre-order), with parents and depths. */
  items(): DetailItem[] {
    const out: DetailItem[] = [];
    const walk = (nodes: Node[], parent: number, depth: number) => {
      for (const n of nodes) {
        const it = n.item;
        it.parent = parent;
        it.depth = depth;
        it.hasChildren = n.children !== null && n.children.length > 0;
        const at = out.length;
        out.push(it);
        if (n.children) walk(n.children, at, depth + 1);
      }
    };
    walk(this.roots, -1, 0);
    return out;
  }
}

/** The tree as tshark -V prints it: four spaces of indent per level. */
export function formatTree(items: readonly DetailItem[]): string {
  let s = '';
  for (const it of items) s += ' '.repeat(4 * it.depth) + it.label + '\n';
  return s;
}
