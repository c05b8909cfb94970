// Running a compiled display filter over an open capture. First every packet is decided, where possible, from what the
// first pass kept (fastpath.ts: protocol stacks, frame columns, TCP streams); the packets left are dissected again
// (second pass) with a sink that collects only the fields the filter reads. The page and the CLI call this.
import type { Engine } from '../engine';
import type { Packet } from '../dissect/packet';
import type { CompiledFilter } from './compile';
import { Decision } from './compile';
import { FirstPassFacts } from './fastpath';
import { filterSink } from './sink';
import { macrotask } from '../macrotask';

export interface FilterProgress {
  /** Packets decided so far. */
  done: number;
  total: number;
  /** Packets that matched so far. */
  matched: number;
}

export interface FilterOptions {
  /** Called between chunks of work. */
  onProgress?: (p: FilterProgress) => void;
  /** Abort: the promise rejects with the signal's reason between two chunks. */
  signal?: AbortSignal;
  /** Packets [start, end) only (default: all). */
  start?: number;
  end?: number;
  /** Packets dissected per chunk: progress, cancellation and yielding happen between chunks. */
  chunk?: number;
  /**
   * Decide what the first pass already knows (protocols, frame numbers and lengths, TCP ports and streams) without
   * dissecting; only the other packets are dissected again. Default true.
   */
  fastPath?: boolean;
}

/** Yield to the event loop, so that a newer request (a new filter, a cancel) can arrive. */
const yieldNow = macrotask;
/**
 * Work this long between two yields. Yielding costs at least 4 ms in a browser (nested timers are clamped), so
 * yielding after every chunk would cost more than the work on a capture decided mostly from the first pass.
 */
const YIELD_MS = 25;

/** Packets decided from the columns between two yields. */
const DECIDE_CHUNK = 1 << 18;
/** Undecided packets this close together are dissected in one range (the packets between are cheap to include). */
const GAP = 0;

/**
 * The 0-based indices of the packets that match `filter`, in capture order. The empty filter matches every packet
 * without dissecting any; packets the first pass's columns decide are not dissected either.
 */
export async function filterPackets(
  engine: Engine,
  filter: CompiledFilter,
  onProgressOrOptions?: FilterOptions['onProgress'] | FilterOptions,
  signal?: AbortSignal,
): Promise<Uint32Array> {
  const opts: FilterOptions =
    typeof onProgressOrOptions === 'function'
      ? { onProgress: onProgressOrOptions, signal }
      : { signal, ...onProgressOrOptions };
  const start = Math.max(0, opts.start ?? 0);
  const end = Math.min(engine.count, opts.end ?? engine.count);
  const total = Math.max(0, end - start);
  const check = () => opts.signal?.throwIfAborted();
  check();
  let lastYield = performance.now();
  const breathe = async () => {
    if (performance.now() - lastYield < YIELD_MS) return;
    check();
    await yieldNow();
    check();
    lastYield = performance.now();
  };
  if (filter.empty) {
    const all = new Uint32Array(total);
    for (let i = 0; i < total; i++) all[i] = start + i;
    opts.onProgress?.({ done: total, total, matched: total });
    return all;
  }

  // 1. Decide from the columns what can be decided.
  const decision = new Uint8Array(total);
  let done = 0;
  let matched = 0;
  if (opts.fastPath === false) {
    decision.fill(Decision.Dissect);
  } else {
    const facts = new FirstPassFacts(engine);
    for (let k = 0; k < total; k++) {
      const d = filter.decide(facts.at(start + k));
      decision[k] = d;
      if (d !== Decision.Dissect) done++;
      if (d === Decision.Yes) matched++;
      if ((k + 1) % DECIDE_CHUNK === 0 && k + 1 < total) await breathe();
    }
    opts.onProgress?.({ done, total, matched });
  }

  // 2. Dissect the rest, in ranges that skip long stretches of decided packets.
  if (done < total) {
    const sink = filterSink(filter);
    const layerOf = filter.layered.length ? sink.layerOf : undefined;
    const chunk = Math.max(1, opts.chunk ?? 16384);
    const each = (p: Packet) => {
      const k = p.index - start;
      if (decision[k] === Decision.Dissect) {
        const yes = filter.matches(sink.values, layerOf);
        decision[k] = yes ? Decision.Yes : Decision.No;
        done++;
        if (yes) matched++;
      }
      sink.clear();
    };
    let k = 0;
    let sinceYield = 0;
    while (k < total) {
      while (k < total && decision[k] !== Decision.Dissect) k++;
      if (k >= total) break;
      // A run of undecided packets, with short gaps of decided ones, at most `chunk` long.
      let last = k;
      let j = k + 1;
      while (j < total && j - k < chunk && j - last <= GAP) {
        if (decision[j] === Decision.Dissect) last = j;
        j++;
      }
      await engine.dissectRange(start + k, start + last + 1, sink, each);
      sinceYield += last + 1 - k;
      k = last + 1;
      if (sinceYield >= chunk && k < total) {
        sinceYield = 0;
        opts.onProgress?.({ done, total, matched });
        await breathe();
      }
    }
    opts.onProgress?.({ done, total, matched });
  }

  const out = new Uint32Array(matched);
  let n = 0;
  for (let k = 0; k < total; k++) if (decision[k] === Decision.Yes) out[n++] = start + k;
  return out;
}
