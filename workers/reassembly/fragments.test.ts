import { describe, expect, it } from 'vitest';
import { FragmentTable } from './fragments';

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

describe('FragmentTable', () => {
  it('completes a datagram on the last fragment and tells every fragment where', () => {
    const t = new FragmentTable();
    expect(t.add('k', 0, 0, bytes(8, 1), true)).toBe(false);
    expect(t.add('k', 1, 8, bytes(8, 2), true)).toBe(false);
    expect(t.add('k', 2, 16, bytes(4, 3), false)).toBe(true);
    expect([0, 1, 2].map((i) => t.reassembledIn(i))).toEqual([2, 2, 2]);
    expect(Array.from(t.datagram(2) ?? [])).toEqual([
      ...new Array<number>(8).fill(1),
      ...new Array<number>(8).fill(2),
      3,
      3,
      3,
      3,
    ]);
    expect(t.datagram(0)).toBeUndefined();
  });

  it('waits for a hole to be filled when the last fragment comes early', () => {
    const t = new FragmentTable();
    expect(t.add('k', 0, 16, bytes(4, 3), false)).toBe(false);
    expect(t.add('k', 1, 0, bytes(8, 1), true)).toBe(false);
    expect(t.add('k', 2, 8, bytes(8, 2), true)).toBe(true);
    expect(t.reassembledIn(0)).toBe(2);
    expect(t.datagram(2)?.length).toBe(20);
  });

  it('keeps duplicates in the datagram and starts afresh after completion', () => {
    // As in ip4_fragments.pcap: frames 19/20 repeat offset 0, and a late copy of the last fragment (frame 30)
    // arrives after the datagram was completed in frame 28 — tshark gives it no "Reassembled in".
    const t = new FragmentTable();
    t.add('k', 0, 0, bytes(8, 1), true);
    t.add('k', 1, 0, bytes(8, 1), true);
    expect(t.add('k', 2, 8, bytes(2, 2), false)).toBe(true);
    expect(t.reassembledIn(1)).toBe(2);
    expect(t.add('k', 3, 8, bytes(2, 2), false)).toBe(false);
    expect(t.reassembledIn(3)).toBe(-1);
  });

  it('keeps datagrams with different keys apart and never completes with a hole', () => {
    const t = new FragmentTable();
    t.add('a', 0, 0, bytes(8, 1), true);
    expect(t.add('b', 1, 8, bytes(8, 2), false)).toBe(false);
    expect(t.add('a', 2, 16, bytes(8, 2), false)).toBe(false);
    expect(t.reassembledIn(0)).toBe(-1);
  });
});
