// The detail tree's state without a DOM: which items show, which field a byte belongs to, which subtrees stay open
// from one packet to the next.
import { describe, expect, it } from 'vitest';
import type { DetailItem, PacketDetail } from '../engine/types';
import { DetailState, itemAtByte, subtreeKey, visibleItems } from './detail.svelte';

function item(label: string, parent: number, depth: number, more: Partial<DetailItem> = {}): DetailItem {
  return {
    label,
    parent,
    depth,
    field: '',
    value: '',
    filter: '',
    source: 0,
    start: 0,
    length: 0,
    generated: false,
    expert: null,
    link: 0,
    hasChildren: false,
    ...more,
  };
}

// Frame › (nothing); TCP › Flags › SYN bit; [Reassembled] in source 1.
const items: DetailItem[] = [
  item('Frame 1: 74 bytes on wire', -1, 0, { field: 'frame', length: 74 }),
  item('Transmission Control Protocol, Src Port: 50417', -1, 0, {
    field: 'tcp',
    start: 34,
    length: 40,
    hasChildren: true,
  }),
  item('Source Port: 50417', 1, 1, { field: 'tcp.srcport', start: 34, length: 2 }),
  item('Flags: 0x002 (SYN)', 1, 1, { field: 'tcp.flags', start: 46, length: 2, hasChildren: true }),
  item('.... .... ..1. = Syn: Set', 3, 2, { field: 'tcp.flags.syn', start: 46, length: 2 }),
  item('[Stream index: 0]', 1, 1, { field: 'tcp.stream', generated: true }),
  item('JPEG File Interchange Format', -1, 0, { field: 'image-jfif', source: 1, start: 0, length: 500 }),
];
const detail = (frameNumber: number): PacketDetail => ({
  frameNumber,
  sources: [
    { name: 'Frame (74 bytes)', bytes: new Uint8Array(74) },
    { name: 'Reassembled TCP (500 bytes)', bytes: new Uint8Array(500) },
  ],
  items,
  related: [],
});

describe('detail tree state', () => {
  it('shows top-level items, and children only under open items', () => {
    expect(visibleItems(items, () => false)).toEqual([0, 1, 6]);
    expect(visibleItems(items, (i) => i === 1)).toEqual([0, 1, 2, 3, 5, 6]);
    expect(visibleItems(items, () => true)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('finds the deepest field under a byte, in the shown data source', () => {
    expect(itemAtByte(items, 0, 46)).toBe(4);
    expect(itemAtByte(items, 0, 35)).toBe(2);
    expect(itemAtByte(items, 0, 40)).toBe(1);
    expect(itemAtByte(items, 0, 5)).toBe(0);
    expect(itemAtByte(items, 1, 5)).toBe(6);
    expect(itemAtByte(items, 1, 600)).toBe(-1);
  });

  it('names subtrees by field, or by label without numbers', () => {
    expect(subtreeKey(items[1])).toBe('tcp');
    expect(subtreeKey(item('[3 Reassembled TCP Segments (2896 bytes): #4(1448), #5(1448)]', -1, 0))).toBe(
      '[# Reassembled TCP Segments (# bytes): ##(#), ##(#)]',
    );
  });

  it('remembers open subtrees from one packet to the next', () => {
    const s = new DetailState();
    s.show(detail(1));
    s.setOpen(1, true);
    s.setOpen(3, true);
    expect(s.visible).toEqual([0, 1, 2, 3, 4, 5, 6]);
    s.show(detail(2));
    expect(s.visible).toEqual([0, 1, 2, 3, 4, 5, 6]);
    s.setOpen(1, false);
    expect(s.visible).toEqual([0, 1, 6]);
  });

  it('highlights the selected field’s bytes, switching to its data source', () => {
    const s = new DetailState();
    s.show(detail(1));
    s.select(2);
    expect(s.highlight).toEqual({ start: 34, end: 36 });
    s.select(6);
    expect(s.source).toBe(1);
    expect(s.highlight).toEqual({ start: 0, end: 500 });
    s.select(5); // generated: no bytes; the shown source stays
    expect(s.source).toBe(1);
    expect(s.highlight).toBeNull();
  });

  it('selects the field under a clicked byte and opens its ancestors', () => {
    const s = new DetailState();
    s.show(detail(1));
    s.selectByte(47);
    expect(s.selected).toBe(4);
    expect(s.visible).toContain(4);
    expect(s.highlight).toEqual({ start: 46, end: 48 });
  });
});
