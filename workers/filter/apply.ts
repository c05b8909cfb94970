// Running a compiled display filter over an open capture: the packets are dissected again (second pass) with a sink
// that collects only the fields the filter reads, and the filter is evaluated on each. The page and the CLI call this.
import type { Engine } from '../engine';
import type { CompiledFilter } from './compile';
import { filterSink } from './sink';

export interface FilterProgress {
  /** Packets looked at so far. */
  done: number;
  total: number;
  /** Packets that matched so far. */
  matched: number;
}

export interface FilterOptions {
  /** Called after every chunk of packets. */
  onProgress?: (p: FilterProgress) => void;
  /** Abort: the promise rejects with the signal's reason between two chunks. */
  signal?: AbortSignal;
  /** Packets [start, end) only (default: all). */
  start?: number;
  end?: number;
  /** Packets per chunk: progress, cancellation and yielding happen between chunks. */
  chunk?: number;
}

/** Yield to the event loop, so that a newer request (a new filter, a cancel) can arrive. */
const yieldNow = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The 0-based indices of the packets that match `filter`, in capture order. The empty filter matches every packet
 * without dissecting any.
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
  opts.signal?.throwIfAborted();
  if (filter.empty) {
    const all = new Uint32Array(total);
    for (let i = 0; i < total; i++) all[i] = start + i;
    opts.onProgress?.({ done: total, total, matched: total });
    return all;
  }
  const sink = filterSink(filter);
  const layerOf = filter.layered.length ? sink.layerOf : undefined;
  let out = new Uint32Array(Math.min(total, 1024));
  let matched = 0;
  const chunk = Math.max(1, opts.chunk ?? 16384);
  for (let from = start; from < end; from += chunk) {
    const to = Math.min(end, from + chunk);
    await engine.dissectRange(from, to, sink, (p) => {
      if (filter.matches(sink.values, layerOf)) {
        if (matched === out.length) {
          const grown = new Uint32Array(Math.min(total, out.length * 2));
          grown.set(out);
          out = grown;
        }
        out[matched++] = p.index;
      }
      sink.clear();
    });
    opts.onProgress?.({ done: to - start, total, matched });
    if (to < end) {
      opts.signal?.throwIfAborted();
      await yieldNow();
      opts.signal?.throwIfAborted();
    }
  }
  return out.slice(0, matched);
}
