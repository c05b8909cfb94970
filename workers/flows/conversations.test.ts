import { describe, expect, it } from 'vitest';
import { AddrType } from '../dissect/packet';
import { ConversationTable, PacketColumnF64, PacketColumnNear, PacketColumnU32 } from './conversations';

/** Addresses laid out as IP headers keep them: source then destination, 4 (IPv4) or 16 (IPv6) bytes each. */
function v4(src: string, dst: string): Uint8Array {
  return new Uint8Array([...src.split('.').map(Number), ...dst.split('.').map(Number)]);
}

function look(t: ConversationTable, src: string, dst: string, sport: number, dport: number, create = true): number {
  return t.lookupBytes(AddrType.IPv4, v4(src, dst), 0, 4, 1, sport, dport, create);
}

describe('ConversationTable', () => {
  it('gives both directions of a flow the same id, and tells the direction', () => {
    const t = new ConversationTable();
    // lab-classic.pcap: 127.0.0.1:42960 ⇄ 127.0.0.1:8080 is tcp.stream 0, :42966 ⇄ :8080 is stream 1.
    expect(look(t, '127.0.0.1', '127.0.0.1', 42960, 8080)).toBe(0);
    expect(t.created).toBe(true);
    const forward = t.direction;
    expect(look(t, '127.0.0.1', '127.0.0.1', 8080, 42960)).toBe(0);
    expect(t.created).toBe(false);
    expect(t.direction).toBe(forward ^ 1);
    expect(look(t, '127.0.0.1', '127.0.0.1', 42966, 8080)).toBe(1);
    expect(look(t, '127.0.0.1', '127.0.0.1', 8080, 42966)).toBe(1);
    expect(t.count).toBe(2);
  });

  it('orders endpoints by address first, then by port', () => {
    const t = new ConversationTable();
    expect(look(t, '10.0.0.2', '10.0.0.1', 80, 40000)).toBe(0);
    expect(t.direction).toBe(1);
    expect(look(t, '10.0.0.1', '10.0.0.2', 40000, 80)).toBe(0);
    expect(t.direction).toBe(0);
    // Same ports, other hosts: another conversation.
    expect(look(t, '10.0.0.1', '10.0.0.3', 40000, 80)).toBe(1);
  });

  it('keeps IPv4 and IPv6 apart and does not create when asked not to', () => {
    const t = new ConversationTable();
    const v6 = new Uint8Array(32);
    v6[15] = 1;
    v6[31] = 1; // ::1 → ::1
    expect(t.lookupBytes(AddrType.IPv6, v6, 0, 16, 4, 49888, 81, false)).toBe(-1);
    expect(t.lookupBytes(AddrType.IPv6, v6, 0, 16, 4, 49888, 81, true)).toBe(0);
    expect(look(t, '0.0.0.0', '0.0.0.0', 49888, 81, false)).toBe(-1);
    expect(t.lookupBytes(AddrType.IPv6, v6, 0, 16, 4, 81, 49888, false)).toBe(0);
  });

  it('gives a key a new conversation on renew (port reuse)', () => {
    const t = new ConversationTable();
    expect(look(t, '10.0.0.1', '10.0.0.2', 40000, 80)).toBe(0);
    expect(look(t, '10.0.0.9', '10.0.0.2', 40000, 80)).toBe(1);
    expect(look(t, '10.0.0.2', '10.0.0.1', 80, 40000)).toBe(0);
    expect(t.renew()).toBe(2);
    expect(look(t, '10.0.0.1', '10.0.0.2', 40000, 80)).toBe(2);
    expect(look(t, '10.0.0.9', '10.0.0.2', 40000, 80)).toBe(1);
    expect(look(t, '10.0.0.3', '10.0.0.2', 1, 2, false)).toBe(-1);
    expect(t.renew()).toBe(-1);
    // The renewed key is found again after the table grows.
    for (let i = 0; i < 100; i++) look(t, `10.1.0.${i}`, '10.0.0.2', 5000, 80);
    expect(look(t, '10.0.0.2', '10.0.0.1', 80, 40000)).toBe(2);
    expect(t.direction).toBe(1);
  });

  it('finds every conversation again after growing', () => {
    const t = new ConversationTable(16);
    for (let i = 0; i < 5000; i++) expect(look(t, `10.0.${i >> 8}.${i & 255}`, '192.168.0.1', 1024 + i, 443)).toBe(i);
    for (let i = 4999; i >= 0; i--) expect(look(t, '192.168.0.1', `10.0.${i >> 8}.${i & 255}`, 443, 1024 + i)).toBe(i);
    expect(t.count).toBe(5000);
  });
});

describe('per-packet columns', () => {
  it('grow on demand and read unset entries as 0', () => {
    const u = new PacketColumnU32(4);
    u.set(1000, 7);
    expect(u.get(1000)).toBe(7);
    expect(u.get(999)).toBe(0);
    expect(u.get(1 << 20)).toBe(0);
    const f = new PacketColumnF64(0);
    f.set(3, 1.5);
    expect(f.get(3)).toBe(1.5);
    expect(f.data.length).toBeGreaterThanOrEqual(4);
  });

  it('hold 1 byte per entry until a value needs 2, then 4, and keep every earlier value', () => {
    const u = new PacketColumnU32(4);
    u.set(0, 200);
    u.set(5, 3);
    expect(u.width).toBe(1);
    u.set(6, 1448);
    expect(u.width).toBe(2);
    u.set(7, 0x10000);
    expect(u.width).toBe(4);
    u.set(8, 0xffffffff);
    // As a Uint32Array would: values are taken modulo 2^32.
    u.set(9, -1);
    expect([0, 5, 6, 7, 8, 9].map((i) => u.get(i))).toEqual([200, 3, 1448, 0x10000, 0xffffffff, 0xffffffff]);
    u.trim(10);
    expect(u.get(6)).toBe(1448);
  });

  it('near values: 2 bytes per packet around a base per block, any value kept exactly, unset entries 0', () => {
    const col = new PacketColumnNear(16);
    const want = new Map<number, number>();
    let x = 7;
    const rand = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    // Stream numbers that drift upwards with some far jumps, extremes and gaps.
    for (let i = 0; i < 5000; i++) {
      if (i % 7 === 3) continue;
      const r = rand();
      const v = r % 500 === 0 ? r : r % 997 === 0 ? 0xffffffff : (i >> 2) + (r % 300);
      col.set(i, v);
      want.set(i, v);
    }
    // Setting again (a later value wins), to 0, and far after near.
    col.set(10, 0);
    want.set(10, 0);
    col.set(11, 4_000_000_000);
    want.set(11, 4_000_000_000);
    col.set(11, 5);
    want.set(11, 5);
    for (let i = 0; i < 5100; i++) expect(col.get(i)).toBe(want.get(i) ?? 0);
    col.trim(5000);
    for (let i = 0; i < 5000; i++) expect(col.get(i)).toBe(want.get(i) ?? 0);
    expect(col.width).toBeLessThan(3);
  });

  it('near values that are mostly far apart: every value in 4 bytes, none lost', () => {
    const col = new PacketColumnNear(16);
    const value = (i: number) => (Math.imul(i + 1, 2654435761) | 1) >>> 0;
    for (let i = 0; i < 3000; i++) col.set(i, value(i));
    expect(col.width).toBe(4);
    for (let i = 0; i < 3000; i++) expect(col.get(i)).toBe(value(i));
    col.set(5000, 9);
    expect(col.get(5000)).toBe(9);
    expect(col.get(4000)).toBe(0);
  });
});
