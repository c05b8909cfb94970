// The selected packet: its detail tree (which items are open, which is selected) and its bytes (which data source is
// shown, which bytes are highlighted). Which subtrees are open is remembered by kind from one packet to the next, as
// Wireshark remembers its subtree types.
import { SvelteSet } from 'svelte/reactivity';
import type { DetailItem, PacketDetail } from '../engine/types';

/** What identifies a subtree across packets: its field, or its label with the numbers taken out. */
export function subtreeKey(item: DetailItem): string {
  return item.field || item.label.replace(/\d+/g, '#');
}

/** The items shown: those whose ancestors are all open. */
export function visibleItems(items: readonly DetailItem[], isOpen: (i: number) => boolean): number[] {
  const out: number[] = [];
  const shown = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const parent = items[i].parent;
    if (parent < 0 || (shown[parent] && isOpen(parent))) {
      shown[i] = 1;
      out.push(i);
    }
  }
  return out;
}

/**
 * The deepest item covering byte `offset` of data source `source` (the narrowest one on ties), or -1. Protocol items
 * cover their whole layer; the field under the pointer is what people mean.
 */
export function itemAtByte(items: readonly DetailItem[], source: number, offset: number): number {
  let best = -1;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.source !== source || it.length <= 0 || offset < it.start || offset >= it.start + it.length) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = items[best];
    if (it.depth > b.depth || (it.depth === b.depth && it.length < b.length)) best = i;
  }
  return best;
}

export class DetailState {
  detail = $state.raw<PacketDetail | null>(null);
  /** Index of the selected item, or -1. */
  selected = $state(-1);
  /** Data source shown in the bytes pane. */
  source = $state(0);
  /** Keys of the open subtrees (kept across packets). */
  readonly openKeys = new SvelteSet<string>();
  /** Items opened in this packet beyond the remembered kinds (revealing a field found from its bytes). */
  private readonly extraOpen = new SvelteSet<number>();

  show(detail: PacketDetail | null): void {
    this.detail = detail;
    this.selected = -1;
    this.source = 0;
    this.extraOpen.clear();
  }

  isOpen(i: number): boolean {
    const d = this.detail;
    if (!d) return false;
    return this.extraOpen.has(i) || this.openKeys.has(subtreeKey(d.items[i]));
  }

  get visible(): number[] {
    const d = this.detail;
    return d ? visibleItems(d.items, (i) => this.isOpen(i)) : [];
  }

  setOpen(i: number, open: boolean): void {
    const d = this.detail;
    if (!d || !d.items[i]?.hasChildren) return;
    if (open) this.openKeys.add(subtreeKey(d.items[i]));
    else {
      this.openKeys.delete(subtreeKey(d.items[i]));
      this.extraOpen.delete(i);
    }
  }

  /** Open or close an item and everything under it. */
  setOpenAll(i: number, open: boolean): void {
    const d = this.detail;
    if (!d) return;
    const mark = (k: number) => {
      if (!d.items[k].hasChildren) return;
      if (open) this.openKeys.add(subtreeKey(d.items[k]));
      else {
        this.openKeys.delete(subtreeKey(d.items[k]));
        this.extraOpen.delete(k);
      }
    };
    mark(i);
    for (let k = i + 1; k < d.items.length && d.items[k].depth > d.items[i].depth; k++) mark(k);
  }

  /** Select an item: its bytes are highlighted, in its own data source. */
  select(i: number): void {
    const d = this.detail;
    if (!d || i < 0 || i >= d.items.length) return;
    this.selected = i;
    const item = d.items[i];
    if (item.length > 0) this.source = item.source;
  }

  /** Select the field under a byte, opening its ancestors so that it can be seen. */
  selectByte(offset: number): void {
    const d = this.detail;
    if (!d) return;
    const i = itemAtByte(d.items, this.source, offset);
    if (i < 0) return;
    for (let p = d.items[i].parent; p >= 0; p = d.items[p].parent) if (!this.isOpen(p)) this.extraOpen.add(p);
    this.selected = i;
  }

  /** The highlighted byte range in the shown data source, or null. */
  get highlight(): { start: number; end: number } | null {
    const d = this.detail;
    if (!d || this.selected < 0) return null;
    const it = d.items[this.selected];
    if (it.source !== this.source || it.length <= 0) return null;
    return { start: it.start, end: it.start + it.length };
  }
}
