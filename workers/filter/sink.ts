// The sink a display filter runs with: collects the values of the few fields a filter reads while a packet is
// dissected, reusing its arrays from one packet to the next (a filter runs over a million packets).
//
// Besides FieldSink's values it keeps what filters need and FieldSink does not: the bytes a protocol item spans
// ("http contains …", "frame[0:2]", len(tcp)), whether a protocol's item was added (presence), and the layer of each
// value ("ip.src#2": the how-manieth occurrence of its protocol in the packet).
import type { Packet } from '../dissect/packet';
import { allFields, fieldById } from '../dissect/registry';
import type { FieldValue, Sink } from '../dissect/sinks';
import { decodeValue } from '../dissect/sinks';
import type { CompiledFilter } from './compile';

const VALUE = 1;
/** A protocol item: the bytes it spans (else its value is null). */
const SPAN = 2;
/** Record the layer of each value. */
const LAYER = 4;

const EMPTY: readonly FieldValue[] = [];

export class FilterSink implements Sink {
  readonly active = true;
  private readonly mode: Uint8Array;
  private readonly isProtocol: Uint8Array;
  private readonly slots: FieldValue[][] = [];
  private readonly layerSlots: number[][] = [];
  private readonly touched: number[] = [];
  /** Open items, innermost last: the field id, and where its value is (to fix its length on close). */
  private readonly stackSlot: number[] = [];
  private readonly stackIndex: number[] = [];
  private readonly stackData: (Uint8Array | null)[] = [];
  private readonly stackOffset: number[] = [];
  private readonly stackCopy: boolean[] = [];

  /**
   * @param fields field ids whose values are wanted (a protocol's values are its items: null)
   * @param spans protocol ids whose items' bytes are wanted instead of null
   * @param layered field ids whose values need their layer numbers
   */
  constructor(fields: Iterable<number>, spans: Iterable<number> = [], layered: Iterable<number> = []) {
    const count = allFields().length;
    this.mode = new Uint8Array(count + 1);
    this.isProtocol = new Uint8Array(count + 1);
    for (const def of allFields()) if (def.type === 'protocol') this.isProtocol[def.id] = 1;
    for (const id of fields) this.want(id, VALUE);
    for (const id of spans) this.want(id, VALUE | SPAN);
    for (const id of layered) this.want(id, LAYER);
  }

  private want(id: number, m: number): void {
    this.mode[id] |= m;
    this.slots[id] ??= [];
    if (m & LAYER) this.layerSlots[id] ??= [];
  }

  /** The values of a field in the packet just dissected, in order of occurrence. */
  readonly values = (id: number): readonly FieldValue[] => this.slots[id] ?? EMPTY;

  /** The layer of the i-th value of a field (1: in the first occurrence of its protocol). */
  readonly layerOf = (id: number, i: number): number => this.layerSlots[id]?.[i] ?? 0;

  /** Forget the previous packet's values. */
  clear(): void {
    const t = this.touched;
    for (let i = 0; i < t.length; i++) {
      this.slots[t[i]].length = 0;
      const l = this.layerSlots[t[i]];
      if (l) l.length = 0;
    }
    t.length = 0;
    this.stackSlot.length = 0;
    this.stackIndex.length = 0;
    this.stackData.length = 0;
    this.stackOffset.length = 0;
    this.stackCopy.length = 0;
  }

  wants(id: number): boolean {
    return this.mode[id] !== 0;
  }

  /** Record a value; returns its index in the field's list, or -1. */
  private record(
    p: Packet,
    id: number,
    offset: number,
    length: number,
    value: FieldValue | undefined,
    flags: number,
  ): number {
    const m = this.mode[id];
    if (m === 0) return -1;
    // Bytes from a buffer other than the frame (reassembled, decompressed) may be reused: keep a copy.
    const copy = p.data !== p.frame;
    let v: FieldValue;
    if (this.isProtocol[id] === 1) {
      v = m & SPAN ? p.data.subarray(offset, offset + length) : null;
    } else {
      v = value === undefined ? decodeValue(fieldById(id), p.data, offset, length, flags) : value;
    }
    if (copy && v instanceof Uint8Array) v = v.slice();
    const list = this.slots[id];
    if (list.length === 0) this.touched.push(id);
    list.push(v);
    if (m & LAYER) {
      const proto = fieldById(id).protocol;
      let n = 0;
      for (const l of p.layers) if (l === proto) n++;
      this.layerSlots[id].push(Math.max(1, n));
    }
    return list.length - 1;
  }

  add(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    this.record(p, id, offset, length, value, flags);
  }

  open(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    const i = this.record(p, id, offset, length, value, flags);
    const bytes = i >= 0 && this.isProtocol[id] === 1 && (this.mode[id] & SPAN) !== 0;
    this.stackSlot.push(bytes ? id : -1);
    this.stackIndex.push(i);
    this.stackData.push(bytes ? p.data : null);
    this.stackOffset.push(offset);
    this.stackCopy.push(p.data !== p.frame);
  }

  close(length?: number): void {
    if (this.stackSlot.length === 0) return;
    const id = this.stackSlot.pop() as number;
    const i = this.stackIndex.pop() as number;
    const data = this.stackData.pop();
    const off = this.stackOffset.pop() as number;
    const copy = this.stackCopy.pop();
    if (id < 0 || length === undefined || !data) return;
    const b = data.subarray(off, off + length);
    this.slots[id][i] = copy ? b.slice() : b;
  }

  text(_p: Packet, _offset: number, _length: number, _label: string, open: boolean): void {
    if (!open) return;
    this.stackSlot.push(-1);
    this.stackIndex.push(-1);
    this.stackData.push(null);
    this.stackOffset.push(0);
    this.stackCopy.push(false);
  }
}

/** A sink that collects what `filter` reads. */
export function filterSink(filter: CompiledFilter): FilterSink {
  return new FilterSink(filter.fields, filter.spans, filter.layered);
}
