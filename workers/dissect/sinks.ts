// Where a dissector's fields go. A protocol writes `p.add(hf.ttl, off, 1)` and does not know whether the sink builds
// the detail tree, collects the few fields a filter or the CLI's -e asked for, or (first pass) nothing at all.
import type { Expert, Packet } from './packet';
import { fieldById } from './registry';
import type { FieldDef } from './registry';

/** Field flags (bit set). */
export const GENERATED = 1;
export const HIDDEN = 2;
/** Decode the bytes as little-endian (integers only). */
export const LE = 4;
/**
 * The label given is the value part only (Wireshark's *_format_value): the tree sink writes "Name: " (and the bit
 * pattern of a bit field) in front of it.
 */
export const VALUE_LABEL = 8;
/** The item goes at the top level of the tree (or the current nesting base), not under the open item. */
export const TOP_LEVEL = 16;
/** A protocol's item that stays under the open item (IPv6 extension headers): not the next layer's top-level item. */
export const NESTED = 32;

/** An exact time: whole seconds and nanoseconds (absolute since the epoch, or relative). */
export class NsTime {
  constructor(
    readonly sec: number,
    readonly ns: number,
  ) {}
}

/**
 * A field value: integers as numbers (or bigint past 2^53), IPv4 addresses as numbers, other addresses and byte
 * strings as bytes, text as strings, times as NsTime (or seconds as a number).
 */
export type FieldValue = number | bigint | boolean | string | Uint8Array | NsTime | null;

export interface Sink {
  /** False when nothing is recorded: dissectors may skip building values and labels. */
  readonly active: boolean;
  /** Whether this field's value is wanted (a collecting sink wants only a few). */
  wants(id: number): boolean;
  /** Add a field. `value` undefined: decode it from the packet's current data by the field's type. */
  add(
    p: Packet,
    id: number,
    offset: number,
    length: number,
    value: FieldValue | undefined,
    flags: number,
    label: string | undefined,
  ): void;
  /** Like add, and what follows goes under this item until close(). */
  open(
    p: Packet,
    id: number,
    offset: number,
    length: number,
    value: FieldValue | undefined,
    flags: number,
    label: string | undefined,
  ): void;
  /** Close the innermost open item; a length given here replaces the one given to open(). */
  close(length?: number): void;
  /** A text-only item (no field), optionally opened as a subtree. */
  text(p: Packet, offset: number, length: number, label: string, open: boolean): void;
  /** An expert note raised by p.expert(): the tree shows it under the innermost open item. */
  expert?(p: Packet, e: Expert): void;
  /** Start (true) or end (false) a nested dissection: the layers dissected meanwhile go under the open item. */
  nest?(on: boolean): void;
  /** Close the innermost open item and take it out of the tree (a layer that found nothing to show after all). */
  drop?(): void;
}

class NullSink implements Sink {
  readonly active = false;
  wants(): boolean {
    return false;
  }
  add(): void {}
  open(): void {}
  close(): void {}
  text(): void {}
}

export const NULL_SINK: Sink = new NullSink();

/** Decode a field's value from bytes, by its type (and mask for bit fields). */
export function decodeValue(
  def: FieldDef,
  data: Uint8Array,
  offset: number,
  length: number,
  flags: number,
): FieldValue {
  switch (def.type) {
    case 'uint':
    case 'int':
    case 'bool':
    case 'uint64': {
      let v = readUint(data, offset, length, (flags & LE) !== 0);
      if (def.mask !== undefined) {
        v = maskValue(v, def.mask);
      }
      if (def.type === 'bool') return v !== 0;
      if (def.type === 'int' && length > 0 && length <= 4 && def.mask === undefined) {
        const bits = length * 8;
        if (v >= 2 ** (bits - 1)) v -= 2 ** bits;
      }
      return v;
    }
    case 'ipv4':
      return readUint(data, offset, 4, false);
    case 'string':
      return decodeText(data.subarray(offset, offset + length));
    case 'none':
    case 'protocol':
      return null;
    default:
      return data.subarray(offset, offset + length);
  }
}

/** Apply a bit mask and shift the result down to bit 0. Works for masks up to 2^53. */
export function maskValue(v: number, mask: number): number {
  if (mask <= 0xffffffff && v <= 0xffffffff) {
    const m = (v & mask) >>> 0;
    let shift = 0;
    while (shift < 32 && ((mask >>> shift) & 1) === 0) shift++;
    return m >>> shift;
  }
  let shiftDiv = 1;
  let m = mask;
  while (m % 2 === 0) {
    m /= 2;
    shiftDiv *= 2;
  }
  return Math.floor((v % (mask * 2)) / shiftDiv) & m;
}

export function readUint(data: Uint8Array, offset: number, length: number, littleEndian: boolean): number {
  let v = 0;
  if (littleEndian) for (let i = length - 1; i >= 0; i--) v = v * 256 + (data[offset + i] ?? 0);
  else for (let i = 0; i < length; i++) v = v * 256 + (data[offset + i] ?? 0);
  return v;
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** Text as Wireshark shows string fields: UTF-8 when valid, else byte by byte. Stops at the first NUL. */
export function decodeText(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  const b = nul >= 0 ? bytes.subarray(0, nul) : bytes;
  let ascii = true;
  for (let i = 0; i < b.length; i++)
    if (b[i] >= 0x80) {
      ascii = false;
      break;
    }
  // Short ASCII (most names, methods, header values) is quicker made here than through a TextDecoder call.
  if (ascii) return b.length <= 64 ? String.fromCharCode.apply(null, b as unknown as number[]) : latin1.decode(b);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return utf8.decode(b);
  }
}

/**
 * Collects the values of a few fields (the CLI's -e, a display filter). Every occurrence is kept in order.
 * Values are copied out of the packet, so they stay valid after it.
 */
export class FieldSink implements Sink {
  readonly active = true;
  private readonly wanted: Uint8Array;
  /** fieldId → values in order of occurrence (for this packet). */
  readonly values = new Map<number, FieldValue[]>();
  /** Field ids of the open items, innermost last (only those wanted are kept, -1 otherwise). */
  private depth = 0;

  constructor(ids: Iterable<number>, fieldCount: number) {
    this.wanted = new Uint8Array(fieldCount + 1);
    for (const id of ids) this.wanted[id] = 1;
  }

  /** Forget the previous packet's values. */
  clear(): void {
    this.values.clear();
    this.depth = 0;
  }

  wants(id: number): boolean {
    return this.wanted[id] === 1;
  }

  add(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    if (this.wanted[id] !== 1) return;
    const def = fieldById(id);
    let v = value === undefined ? decodeValue(def, p.data, offset, length, flags) : value;
    if (v instanceof Uint8Array) v = v.slice();
    const list = this.values.get(id);
    if (list) list.push(v);
    else this.values.set(id, [v]);
  }

  open(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    this.depth++;
    this.add(p, id, offset, length, value, flags);
  }

  close(): void {
    if (this.depth > 0) this.depth--;
  }

  text(): void {}
}
