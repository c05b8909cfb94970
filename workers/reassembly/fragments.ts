// Fragment reassembly for IPv4 and IPv6 (and anything else that splits a datagram by byte offset).
//
// The first pass adds every fragment in file order. Only fragment payloads are copied (fragmented traffic is rare), so
// memory grows with fragmented traffic only. When a datagram is complete, every packet that carried a piece of it
// learns which packet completed it, and the completing packet keeps the whole reassembled payload. The second pass
// only reads: `reassembledIn(i)` and `datagram(i)`.

/** One fragment of a reassembled datagram: the packet it came in, where it goes and how long it is. */
export interface FragmentPart {
  packet: number;
  offset: number;
  length: number;
}

interface Piece {
  offset: number;
  data: Uint8Array;
}

interface Pending {
  pieces: Piece[];
  /** packetIndex of every packet that added a piece (in order, duplicates possible). */
  packets: number[];
  /** Total length once the last fragment was seen; -1 before. */
  total: number;
}

/** Upper bound of a reassembled datagram (IPv4 and IPv6 both cap a datagram at 64 KiB without jumbograms). */
const MAX_DATAGRAM = 0x10000 + 0x10000;

export class FragmentTable {
  private readonly pending = new Map<string, Pending>();
  /** packetIndex → packetIndex of the packet that completed its datagram. */
  private readonly completedIn = new Map<number, number>();
  /** packetIndex of a completing packet → the reassembled payload. */
  private readonly datagrams = new Map<number, Uint8Array>();
  /** packetIndex of a completing packet → its fragments (packet, offset, length), in order of offset. */
  private readonly partsOf = new Map<number, FragmentPart[]>();

  /**
   * Add a fragment (first pass only). `key` identifies the datagram (addresses, identification, protocol);
   * `offset` is the fragment's byte offset in the datagram; `more` is false for the last fragment.
   * The payload is copied. Returns true when this packet completed the datagram.
   */
  add(key: string, packetIndex: number, offset: number, payload: Uint8Array, more: boolean): boolean {
    let d = this.pending.get(key);
    if (!d) {
      d = { pieces: [], packets: [], total: -1 };
      this.pending.set(key, d);
    }
    const end = offset + payload.length;
    if (end > MAX_DATAGRAM) return false;
    d.pieces.push({ offset, data: payload.slice() });
    d.packets.push(packetIndex);
    if (!more && d.total < 0) d.total = end;
    if (d.total < 0 || !covers(d.pieces, d.total)) return false;
    const buf = new Uint8Array(d.total);
    // Earlier pieces win where fragments overlap: copy in reverse order of arrival.
    for (let i = d.pieces.length - 1; i >= 0; i--) {
      const pc = d.pieces[i];
      if (pc.offset >= d.total) continue;
      buf.set(pc.data.subarray(0, Math.min(pc.data.length, d.total - pc.offset)), pc.offset);
    }
    for (const pi of d.packets) this.completedIn.set(pi, packetIndex);
    this.datagrams.set(packetIndex, buf);
    this.partsOf.set(
      packetIndex,
      d.pieces
        .map((pc, k) => ({ packet: d.packets[k], offset: pc.offset, length: pc.data.length }))
        .sort((a, b) => a.offset - b.offset || a.packet - b.packet),
    );
    this.pending.delete(key);
    return true;
  }

  /** The packetIndex of the packet that completed the datagram this packet belongs to, or -1. */
  reassembledIn(packetIndex: number): number {
    return this.completedIn.get(packetIndex) ?? -1;
  }

  /** The reassembled payload completed by this packet, if any. */
  datagram(packetIndex: number): Uint8Array | undefined {
    return this.datagrams.get(packetIndex);
  }

  /** The fragments of the datagram completed by this packet, in order of offset. */
  parts(packetIndex: number): readonly FragmentPart[] {
    return this.partsOf.get(packetIndex) ?? [];
  }
}

/** True when the pieces cover every byte of [0, total). */
function covers(pieces: Piece[], total: number): boolean {
  const sorted = pieces.slice().sort((a, b) => a.offset - b.offset);
  let reach = 0;
  for (const pc of sorted) {
    if (pc.offset > reach) return false;
    reach = Math.max(reach, pc.offset + pc.data.length);
    if (reach >= total) return true;
  }
  return reach >= total;
}
