// Capture-wide state built in the first pass (conversations, fragments, request/response pairs) and only read in
// later passes. Each protocol keeps its own slot, created on first use.
import type { InterfaceInfo } from '../capture/types';

export interface StateKey<T> {
  readonly name: string;
  create(state: CaptureState): T;
}

export function stateKey<T>(name: string, create: (state: CaptureState) => T): StateKey<T> {
  return { name, create };
}

export class CaptureState {
  /** Interfaces of the capture file, by interface id. */
  interfaces: InterfaceInfo[] = [];
  /** Reference time (the first packet's timestamp), set by the first pass. NaN until known. */
  refSec = NaN;
  refNs = 0;
  private readonly slots = new Map<StateKey<unknown>, unknown>();

  /** The slot of `key` if a dissector has made it, without making it. */
  peek<T>(key: StateKey<T>): T | undefined {
    return this.slots.get(key) as T | undefined;
  }

  get<T>(key: StateKey<T>): T {
    let v = this.slots.get(key) as T | undefined;
    if (v === undefined) {
      v = key.create(this);
      this.slots.set(key, v);
    }
    return v;
  }
}

/**
 * Second-pass needs: the packets whose bytes must be at hand to dissect packet `packetIndex` again (e.g. the earlier
 * segments of a message reassembled in it). Returns null or an empty list when it needs none. Read-only on state.
 */
export type PrefetchProvider = (state: CaptureState, packetIndex: number) => readonly number[] | null;

const prefetchers: PrefetchProvider[] = [];

/** Register a provider (at module load, like a dissector table entry). */
export function registerPrefetch(provider: PrefetchProvider): void {
  prefetchers.push(provider);
}

/** Every packet another packet's second pass needs, by all providers. */
export function prefetchNeeds(state: CaptureState, packetIndex: number, out: Set<number>): void {
  for (const f of prefetchers) {
    const list = f(state, packetIndex);
    if (list) for (const i of list) out.add(i);
  }
}

/**
 * Called once the first pass has read every packet: each protocol drops what only the first pass needed (messages in
 * flight, unacknowledged segments) and gives back the spare room of its columns (`packets`: how many packets there
 * are), so that what stays is what later passes read.
 */
export type FirstPassEnd = (state: CaptureState, packets: number) => void;

const firstPassEnds: FirstPassEnd[] = [];

/** Register a clean-up for the end of the first pass (at module load). */
export function registerFirstPassEnd(f: FirstPassEnd): void {
  firstPassEnds.push(f);
}

/** Run every clean-up registered for the end of the first pass. */
export function endFirstPass(state: CaptureState, packets: number): void {
  for (const f of firstPassEnds) f(state, packets);
}
