// Conversations: both endpoints of a transport flow (network address + port), keyed the same in both directions, and
// numbered in order of first appearance, the way Wireshark numbers tcp.stream and udp.stream.
//
// The table maps a normalised key to the *current* conversation of that key. A key can be given a new conversation
// later (TCP port reuse: a new SYN on an old address/port pair), so conversation ids are not tied to key slots.
// Looking a packet up allocates nothing: the slots (open addressing) hold conversation ids in an Int32Array, and the
// keys live in one Uint32Array by conversation id, so that empty slots cost 4 bytes, not a key's 40.
import type { Packet } from '../dissect/packet';
import { AddrType } from '../dissect/packet';
import { grown, trimmed } from '../index/grow';

/** Words of one key: [address type, endpoint A address (4 words), endpoint B address (4 words), portA << 16 | portB]. */
const WORDS = 10;

export class ConversationTable {
  /** Number of conversations created so far (the next id). */
  count = 0;
  /**
   * After lookup(): 0 when the packet travels from endpoint A to endpoint B of the normalised key, 1 when it travels
   * from B to A. Endpoint A is the one with the lower address (or, for equal addresses, the lower port).
   */
  direction: 0 | 1 = 0;
  /** After lookup(): true when the call created the conversation. */
  created = false;

  /** The key of every conversation, WORDS numbers each, by conversation id (slots hold only ids). */
  private keys: Uint32Array;
  private ids: Int32Array;
  private mask: number;
  /** Slot of the last key looked up (or -1 when it was absent and not created). */
  private lastSlot = -1;
  /**
   * The conversation last found and its slot (-1: none): the next packet is often of the same conversation (more
   * than half of them in a capture of web traffic), and then it is found without hashing or probing.
   */
  private hit = -1;
  private hitSlot = -1;
  private readonly k = new Uint32Array(WORDS);

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity) cap *= 2;
    this.keys = new Uint32Array((cap / 2) * WORDS);
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /**
   * The conversation of the packet's network addresses (p.netType/netData/netSrcOff/netDstOff, set by IPv4/IPv6) and
   * these ports. When absent: created (with the next id) if `create`, else -1.
   */
  lookup(p: Packet, sport: number, dport: number, create: boolean): number {
    const type = p.netType;
    const n = type === AddrType.IPv4 ? 1 : type === AddrType.IPv6 ? 4 : 0;
    return this.lookupBytes(type, p.netData, p.netSrcOff, p.netDstOff, n, sport, dport, create);
  }

  /** Like lookup(), with the addresses given directly (`words` 32-bit words of address at each offset, 0–4). */
  lookupBytes(
    type: number,
    data: Uint8Array,
    srcOff: number,
    dstOff: number,
    words: number,
    sport: number,
    dport: number,
    create: boolean,
  ): number {
    const k = this.k;
    let order = 0;
    for (let i = 0; i < 4; i++) {
      const s = i < words ? readWord(data, srcOff + 4 * i) : 0;
      const d = i < words ? readWord(data, dstOff + 4 * i) : 0;
      k[1 + i] = s;
      k[5 + i] = d;
      if (order === 0 && s !== d) order = s < d ? -1 : 1;
    }
    if (order === 0) order = sport <= dport ? -1 : 1;
    k[0] = type >>> 0;
    if (order > 0) {
      for (let i = 1; i < 5; i++) {
        const t = k[i];
        k[i] = k[i + 4];
        k[i + 4] = t;
      }
      k[9] = ((dport << 16) | (sport & 0xffff)) >>> 0;
      this.direction = 1;
    } else {
      k[9] = ((sport << 16) | (dport & 0xffff)) >>> 0;
      this.direction = 0;
    }
    this.created = false;
    if (this.hit >= 0 && this.ids[this.hitSlot] === this.hit && this.sameKey(this.hit)) {
      this.lastSlot = this.hitSlot;
      return this.hit;
    }
    let slot = hashKey(k, 0) & this.mask;
    for (;;) {
      const id = this.ids[slot];
      if (id < 0) break;
      if (this.sameKey(id)) {
        this.lastSlot = slot;
        this.hit = id;
        this.hitSlot = slot;
        return id;
      }
      slot = (slot + 1) & this.mask;
    }
    if (!create) {
      this.lastSlot = -1;
      return -1;
    }
    const id = this.newId();
    this.ids[slot] = id;
    this.lastSlot = slot;
    this.hit = id;
    this.hitSlot = slot;
    this.created = true;
    if (this.count * 2 > this.ids.length) this.grow();
    return id;
  }

  /**
   * Give the key of the last lookup a new conversation (the next id) and return it; -1 when the last lookup found
   * nothing. Later lookups of that key return the new conversation.
   */
  renew(): number {
    if (this.lastSlot < 0) return -1;
    const old = this.ids[this.lastSlot];
    const id = this.newId();
    this.keys.copyWithin(id * WORDS, old * WORDS, old * WORDS + WORDS);
    this.ids[this.lastSlot] = id;
    this.created = true;
    return id;
  }

  /** The next conversation id, with the key of the lookup under way (`k`) stored as its key. */
  private newId(): number {
    const id = this.count++;
    if ((id + 1) * WORDS > this.keys.length) this.keys = grown(this.keys, (id + 1) * WORDS);
    this.keys.set(this.k, id * WORDS);
    return id;
  }

  private sameKey(id: number): boolean {
    const base = id * WORDS;
    const keys = this.keys;
    const k = this.k;
    for (let i = 0; i < WORDS; i++) if (keys[base + i] !== k[i]) return false;
    return true;
  }

  private grow(): void {
    const oldIds = this.ids;
    const cap = oldIds.length * 2;
    this.ids = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let s = 0; s < oldIds.length; s++) {
      const id = oldIds[s];
      if (id < 0) continue;
      let slot = hashKey(this.keys, id * WORDS) & this.mask;
      while (this.ids[slot] >= 0) slot = (slot + 1) & this.mask;
      this.ids[slot] = id;
    }
    // The slot of the last lookup moved; it is only used right after a lookup, so forget it.
    this.lastSlot = -1;
    this.hit = -1;
  }
}

function readWord(d: Uint8Array, o: number): number {
  if (o < 0 || o + 4 > d.length) return 0;
  return ((d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3]) >>> 0;
}

/** FNV-1a over the key's words, with a final mix so that nearby keys spread. */
function hashKey(words: Uint32Array, base: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < WORDS; i++) h = Math.imul(h ^ words[base + i], 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * A per-packet column of unsigned 32-bit values indexed by packetIndex, grown by doubling (like PacketIndex's
 * columns). Unset entries read as 0. It holds one byte per packet while every value fits in 8 bits, two while they
 * fit in 16, and four from the first value that needs more: most columns hold small numbers (flags, distances to an
 * earlier packet, byte counts of a segment), and a million packets should not pay 4 MB for each.
 */
export class PacketColumnU32 {
  data: Uint8Array | Uint16Array | Uint32Array;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity);
  }
  get(i: number): number {
    return i < this.data.length ? this.data[i] : 0;
  }
  set(i: number, value: number): void {
    const v = value >>> 0;
    let data = this.data;
    if (v > 0xff && v > MAX_OF[data.BYTES_PER_ELEMENT]) data = this.data = widened(data, v);
    if (i >= data.length) data = this.data = grown(data, i + 1);
    data[i] = v;
  }

  /** Bytes per packet the column uses now (1, 2 or 4). */
  get width(): number {
    return this.data.BYTES_PER_ELEMENT;
  }

  /** Keep room for `n` entries only (the first pass is over). */
  trim(n: number): void {
    this.data = trimmed(this.data, n);
  }
}

/** The largest value a column of 1, 2 or 4 bytes per entry holds. */
const MAX_OF = [0, 0xff, 0xffff, 0, 0xffffffff];

/** A copy of `data` in entries wide enough for `v`. */
function widened(data: Uint8Array | Uint16Array | Uint32Array, v: number): Uint16Array | Uint32Array {
  const wider = v > 0xffff ? new Uint32Array(data.length) : new Uint16Array(data.length);
  wider.set(data);
  return wider;
}

/**
 * A per-packet column of unsigned 32-bit values that lie close to the values of nearby packets (a TCP stream number,
 * an offset into a list that grows as the packets are read). Each block of 64 packets keeps the first value set in it
 * as its base, and each packet its distance from that base in 2 bytes: about 2.1 bytes per packet where
 * PacketColumnU32 would need 4. The rare value too far from its base is kept in a Map. Unset entries read as 0.
 */
export class PacketColumnNear {
  /** Per packet: 0 unset, FAR in `far`, else value − base + 1 (−32767 … 32767). */
  private delta: Int16Array;
  /** Per block of 64 packets: base + 1, 0 while nothing is set in the block. */
  private bases: Float64Array;
  private far = new Map<number, number>();
  /** Every value in full, once too many were far from their base (the Map would cost more than 4 bytes a packet). */
  private full: Uint32Array | null = null;

  constructor(capacity = 1024) {
    this.delta = new Int16Array(capacity);
    this.bases = new Float64Array(Math.ceil(capacity / NEAR_BLOCK));
  }

  get(i: number): number {
    if (this.full !== null) return i < this.full.length ? this.full[i] : 0;
    if (i >= this.delta.length) return 0;
    const e = this.delta[i];
    if (e === 0) return 0;
    if (e === FAR) return this.far.get(i) ?? 0;
    return this.bases[i >>> NEAR_SHIFT] + e - 2;
  }

  set(i: number, value: number): void {
    const v = value >>> 0;
    if (this.full !== null) {
      if (i >= this.full.length) this.full = grown(this.full, i + 1);
      this.full[i] = v;
      return;
    }
    if (i >= this.delta.length) this.delta = grown(this.delta, i + 1);
    const b = i >>> NEAR_SHIFT;
    if (b >= this.bases.length) this.bases = grown(this.bases, b + 1);
    if (this.delta[i] === FAR) this.far.delete(i);
    if (v === 0) {
      this.delta[i] = 0;
      return;
    }
    if (this.bases[b] === 0) this.bases[b] = v + 1;
    const d = v - this.bases[b] + 2;
    if (d > -0x8000 && d <= 0x7fff && d !== 0) {
      this.delta[i] = d;
      return;
    }
    this.delta[i] = FAR;
    this.far.set(i, v);
    if (this.far.size > Math.max(1024, this.delta.length / 32)) this.widen();
  }

  /** Bytes per packet the column uses now. */
  get width(): number {
    if (this.full !== null) return 4;
    return 2 + 8 / NEAR_BLOCK + (this.far.size * 40) / Math.max(1, this.delta.length);
  }

  /** Keep room for `n` entries only (the first pass is over). */
  trim(n: number): void {
    if (this.full !== null) {
      this.full = trimmed(this.full, n);
      return;
    }
    this.delta = trimmed(this.delta, n);
    this.bases = trimmed(this.bases, Math.ceil(n / NEAR_BLOCK));
  }

  private widen(): void {
    const full = new Uint32Array(this.delta.length);
    for (let i = 0; i < full.length; i++) full[i] = this.get(i);
    this.full = full;
    this.delta = new Int16Array(0);
    this.bases = new Float64Array(0);
    this.far = new Map();
  }
}

const NEAR_SHIFT = 6;
const NEAR_BLOCK = 1 << NEAR_SHIFT;
const FAR = -0x8000;

/** A per-packet column of doubles indexed by packetIndex, grown by doubling. Unset entries read as 0. */
export class PacketColumnF64 {
  data: Float64Array;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  get(i: number): number {
    return i < this.data.length ? this.data[i] : 0;
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) this.data = grown(this.data, i + 1);
    this.data[i] = v;
  }

  /** Keep room for `n` entries only (the first pass is over). */
  trim(n: number): void {
    this.data = trimmed(this.data, n);
  }
}
