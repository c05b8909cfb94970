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

  get<T>(key: StateKey<T>): T {
    let v = this.slots.get(key) as T | undefined;
    if (v === undefined) {
      v = key.create(this);
      this.slots.set(key, v);
    }
    return v;
  }
}
