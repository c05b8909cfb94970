// Many strings packed as two typed arrays (workers/types.ts, PackedStrings): UTF-8 bytes and offsets, so that a
// million texts cross from the worker to the page as two transferable buffers instead of a million structured-cloned
// strings. Pure and without imports: the page reads a diagram's texts with stringAt.

/** The shape of PackedStrings (workers/types.ts), repeated here so that this module imports nothing. */
interface Packed {
  count: number;
  bytes: Uint8Array;
  offsets: Uint32Array;
}

const decoder = new TextDecoder();

/** String `i` of a packed table ("" when out of range). */
export function stringAt(p: Packed, i: number): string {
  if (!(i >= 0 && i < p.count)) return '';
  return decoder.decode(p.bytes.subarray(p.offsets[i], p.offsets[i + 1]));
}

/** Every string of a packed table, in order (for tests and small tables). */
export function unpackStrings(p: Packed): string[] {
  const out: string[] = new Array<string>(p.count);
  for (let i = 0; i < p.count; i++) out[i] = stringAt(p, i);
  return out;
}

/**
 * A string table being built: each distinct text once, numbered in order of first use, packed as it comes. Texts are
 * found again by their bytes (a hash table of numbers over the packed bytes), so the table keeps no JavaScript string.
 */
export class StringPacker {
  private bytes = new Uint8Array(1 << 16);
  /** Text i is bytes[offsets[i], offsets[i + 1]). */
  private offsets = new Uint32Array(1 << 10);
  private hashes = new Uint32Array(1 << 10);
  /** Open addressing: text numbers by hash, -1 for a free slot; at most half full. */
  private slots = new Int32Array(1 << 11).fill(-1);
  private n = 0;
  private readonly encoder = new TextEncoder();

  /** Texts so far. */
  get count(): number {
    return this.n;
  }

  /** The number of `s`, adding it when new. */
  id(s: string): number {
    const start = this.offsets[this.n];
    const end = this.write(s, start);
    const b = this.bytes;
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h >>>= 0;
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (let id = this.slots[slot]; id >= 0; id = this.slots[slot]) {
      if (this.hashes[id] === h && this.same(id, start, end)) return id;
      slot = (slot + 1) & mask;
    }
    // A new text: keep the bytes just written.
    const id = this.n++;
    if (this.n + 1 > this.offsets.length) {
      this.offsets = grow(this.offsets, this.offsets.length * 2);
      this.hashes = grow(this.hashes, this.offsets.length);
    }
    this.offsets[id + 1] = end;
    this.hashes[id] = h;
    this.slots[slot] = id;
    if (this.n * 2 > this.slots.length) this.rehash();
    return id;
  }

  /** The table as PackedStrings, in arrays of their own (transferable); the packer can go on growing after. */
  pack(): Packed {
    const t = this.view();
    return { count: t.count, bytes: t.bytes.slice(), offsets: t.offsets.slice() };
  }

  /** The table as PackedStrings viewing the packer's own arrays (valid until the next id). */
  view(): Packed {
    const n = this.n;
    return { count: n, bytes: this.bytes.subarray(0, this.offsets[n]), offsets: this.offsets.subarray(0, n + 1) };
  }

  /** Write `s` as UTF-8 from byte `at` (past the texts kept); returns where it ends. */
  private write(s: string, at: number): number {
    const n = s.length;
    // Room for the worst case (3 bytes per UTF-16 unit), so that one pass writes it all.
    if (at + 3 * n > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < at + 3 * n) cap *= 2;
      this.bytes = grow(this.bytes, cap);
    }
    return at + this.encoder.encodeInto(s, this.bytes.subarray(at)).written;
  }

  /** Whether text `id` has the bytes [start, end). */
  private same(id: number, start: number, end: number): boolean {
    const from = this.offsets[id];
    if (this.offsets[id + 1] - from !== end - start) return false;
    const b = this.bytes;
    for (let i = 0; i < end - start; i++) if (b[from + i] !== b[start + i]) return false;
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.n; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] >= 0) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    this.slots = slots;
  }
}

function grow<T extends Uint8Array | Uint32Array>(a: T, length: number): T {
  const b = new (a.constructor as new (n: number) => T)(length);
  b.set(a);
  return b;
}
