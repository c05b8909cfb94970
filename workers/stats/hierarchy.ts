// Protocol hierarchy (issue 7; Wireshark's Statistics › Protocol Hierarchy, tshark -z io,phs) of the displayed
// packets: as tshark's tap, each packet's top-level tree items in order (its protocols, and items such as
// "tcp.segments", "_ws.short" or "pkt_comment" that sit at the top level) make a path in the tree; every node on the
// path counts the frame and its length. "frame" itself is the root and is not shown.
//
// The first pass's protocol stacks (index.stack) cannot give this alone: they stop before message bodies and
// certificates and know nothing of reassembled-segment items, so the packets are dissected again, with a sink that
// only works out which items are at the top level (as TreeSink places them) and keeps nothing else. Packets with the
// same path share one node path: the work per packet is the dissection.
import type { Engine } from '../engine';
import type { Packet } from '../dissect/packet';
import type { Sink } from '../dissect/sinks';
import { HIDDEN, NESTED, TOP_LEVEL } from '../dissect/sinks';
import { fieldById } from '../dissect/registry';
import type { HierarchyNode, ProtocolHierarchy } from '../types';
import { macrotask } from '../macrotask';

export type { HierarchyNode, ProtocolHierarchy };

const SLICE = 512;

/**
 * Top-level items Wireshark adds after the reassembled message's dissection (so at the end of the path), where this
 * engine's tree has them before it.
 */
const LAST = new Set(['tcp.segments']);
/** Top-level items named differently here: the packet-comment tree is "pkt_comment" to the tap. */
const RENAME: Record<string, string> = { 'frame.comment.expert': 'pkt_comment' };
const YIELD_MS = 25;

interface Item {
  proto: boolean;
}

/** Records the field ids of a packet's top-level items, placing items as TreeSink does. */
export class TopLevelSink implements Sink {
  readonly active = true;
  /** Top-level items of the packet, in order (field ids). */
  readonly top: number[] = [];
  private readonly topItems: Item[] = [];
  private stack: (Item | null)[] = [];
  private hiddenDepth = 0;
  private errorBase: Item | null | undefined = undefined;
  private bases: (Item | null)[] = [];

  clear(): void {
    this.top.length = 0;
    this.topItems.length = 0;
    this.stack.length = 0;
    this.hiddenDepth = 0;
    this.errorBase = undefined;
    this.bases.length = 0;
  }

  wants(): boolean {
    return true;
  }

  nest(on: boolean): void {
    if (on) this.bases.push(this.innermost());
    else this.bases.pop();
  }

  private innermost(): Item | null {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const n = this.stack[i];
      if (n) return n;
    }
    return null;
  }

  private base(p: Packet): Item | null {
    if (this.bases.length) return this.bases[this.bases.length - 1];
    if (p.inError) {
      if (this.errorBase === undefined) this.errorBase = this.innermost();
      return this.errorBase;
    }
    this.errorBase = undefined;
    return null;
  }

  private attach(p: Packet, id: number, flags: number): Item {
    const node: Item = { proto: fieldById(id).type === 'protocol' && !(flags & NESTED) };
    let parent = this.innermost();
    if (flags & TOP_LEVEL || (node.proto && (parent === null || parent.proto))) parent = this.base(p);
    else if (!p.inError) this.errorBase = undefined;
    if (parent === null) {
      this.top.push(id);
      this.topItems.push(node);
    }
    return node;
  }

  add(p: Packet, id: number, _o: number, _l: number, _v: unknown, flags: number): void {
    if (this.hiddenDepth > 0 || flags & HIDDEN) return;
    this.attach(p, id, flags);
  }

  open(p: Packet, id: number, _o: number, _l: number, _v: unknown, flags: number): void {
    if (this.hiddenDepth > 0 || flags & HIDDEN) {
      this.hiddenDepth++;
      this.stack.push(null);
      return;
    }
    this.stack.push(this.attach(p, id, flags));
  }

  close(): void {
    const node = this.stack.pop();
    if (node === null) this.hiddenDepth--;
  }

  drop(): void {
    const node = this.stack.pop();
    if (node === null) {
      this.hiddenDepth--;
      return;
    }
    const k = node ? this.topItems.lastIndexOf(node) : -1;
    if (k >= 0) {
      this.topItems.splice(k, 1);
      this.top.splice(k, 1);
    }
  }

  text(p: Packet, _o: number, _l: number, _label: string, open: boolean): void {
    // A text item is never a protocol; opened, it holds what follows.
    if (this.hiddenDepth > 0) {
      if (open) {
        this.hiddenDepth++;
        this.stack.push(null);
      }
      return;
    }
    const parent = this.innermost();
    const node: Item = { proto: false };
    if (parent === null && !this.bases.length && !p.inError) {
      // A top-level text line has no field: tshark's tap sees it without a protocol name, so it is not counted.
    }
    if (open) this.stack.push(node);
  }
}

interface Building {
  node: HierarchyNode;
  next: Map<string, Building>;
}

export interface HierarchyOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * The protocol hierarchy of the packets `indices` (0-based, ascending). Dissects them again in slices, letting other
 * messages in about every 25 ms; rejects with the signal's reason when aborted.
 */
export async function hierarchyOf(
  engine: Engine,
  indices: ArrayLike<number>,
  opts: HierarchyOptions = {},
): Promise<ProtocolHierarchy> {
  const root: Building = { node: { protocol: 'frame', frames: 0, bytes: 0, children: [] }, next: new Map() };
  const sink = new TopLevelSink();
  const index = engine.index;
  const names: string[] = [];
  const nameOf = (id: number) => (names[id] ??= RENAME[fieldById(id).abbrev] ?? fieldById(id).abbrev);
  const path: string[] = [];
  const total = indices.length;
  let last = Date.now();
  for (let start = 0; start < total; start += SLICE) {
    opts.signal?.throwIfAborted();
    const end = Math.min(total, start + SLICE);
    const slice = Array.prototype.slice.call(indices, start, end) as number[];
    sink.clear();
    await engine.dissectPackets(slice, sink, (p) => {
      const len = index.origLen(p.index);
      let at = root;
      at.node.frames++;
      at.node.bytes += len;
      path.length = 0;
      let deferred = '';
      for (const id of sink.top) {
        const name = nameOf(id);
        if (name === 'frame') continue;
        if (LAST.has(name)) deferred = name;
        else path.push(name);
      }
      if (deferred) path.push(deferred);
      for (const name of path) {
        let next = at.next.get(name);
        if (!next) {
          next = { node: { protocol: name, frames: 0, bytes: 0, children: [] }, next: new Map() };
          at.next.set(name, next);
          at.node.children.push(next.node);
        }
        next.node.frames++;
        next.node.bytes += len;
        at = next;
      }
      sink.clear();
    });
    opts.onProgress?.(end, total);
    if (Date.now() - last >= YIELD_MS) {
      await macrotask();
      last = Date.now();
    }
  }
  opts.signal?.throwIfAborted();
  return { roots: root.node.children, frames: root.node.frames, bytes: root.node.bytes, complete: true };
}

/** tshark -z io,phs's lines ("  ip   frames:152 bytes:2818730" at depth 1), for comparing. */
export function hierarchyLines(
  h: ProtocolHierarchy,
): { depth: number; protocol: string; frames: number; bytes: number }[] {
  const out: { depth: number; protocol: string; frames: number; bytes: number }[] = [];
  const walk = (nodes: HierarchyNode[], depth: number) => {
    for (const n of nodes) {
      out.push({ depth, protocol: n.protocol, frames: n.frames, bytes: n.bytes });
      walk(n.children, depth + 1);
    }
  };
  walk(h.roots, 0);
  return out;
}
