// The I/O graph's data (issue 7; Wireshark's Statistics › I/O Graphs, tshark -z io,stat): for each line, the packets
// that match its display filter counted per time interval, with their bytes (frame.len) and the first packet of
// each interval. Intervals start at the capture's first packet (frame.time_relative 0), as tshark's do. Each line's
// packets come from the display-filter engine (filterPackets: decided from the first pass's columns where it can,
// yielding while it dissects); bucketing is one loop over the packet index's typed arrays. Plain data with
// typed-array columns, so that a million packets cross to the page as a few buffers.
import type { Engine } from '../engine';
import type { IoGraph, IoGraphLine } from '../types';
import { compileFilterBar, filterPackets } from '../filter';

export type { IoGraph, IoGraphLine };

/** The intervals offered (microseconds): 1 ms … 10 s, and 1 min and 10 min for long captures. */
export const IO_INTERVALS_US: readonly number[] = [
  1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000,
  60_000_000, 600_000_000,
];

/** The default interval gives at most this many intervals (the smallest interval that does). */
export const AUTO_MAX_BUCKETS = 500;
/** Never more intervals than this (a finer interval asked for is widened). */
export const MAX_BUCKETS = 1_000_000;

/** Nanoseconds from the capture's first packet to packet i (0 without a timestamp, never negative). */
function relNs(engine: Engine, i: number): number {
  const idx = engine.index;
  const ref = engine.state.refSec;
  if (Number.isNaN(ref)) return 0;
  const sec = idx.rawSeconds(i);
  const ns = (sec - ref) * 1e9 + (idx.tsNs[i] - engine.state.refNs);
  return ns > 0 ? ns : 0;
}

/** Nanoseconds from the first packet to the latest one (the capture's duration as io,stat counts it). */
export function durationNs(engine: Engine): number {
  let max = 0;
  const n = engine.count;
  for (let i = 0; i < n; i++) {
    const t = relNs(engine, i);
    if (t > max) max = t;
  }
  return max;
}

/**
 * The interval (µs) for a capture of `duration` ns: `wanted` when it is one of IO_INTERVALS_US and gives at most
 * MAX_BUCKETS intervals (else the next one that does); without `wanted`, the smallest that gives at most
 * AUTO_MAX_BUCKETS intervals.
 */
export function pickInterval(duration: number, wanted?: number): number {
  const buckets = (us: number) => Math.floor(duration / (us * 1000)) + 1;
  const limit = wanted ? MAX_BUCKETS : AUTO_MAX_BUCKETS;
  const from = wanted ? IO_INTERVALS_US.findIndex((us) => us >= wanted) : 0;
  for (let k = Math.max(0, from); k < IO_INTERVALS_US.length; k++)
    if (buckets(IO_INTERVALS_US[k]) <= limit) return IO_INTERVALS_US[k];
  // Longer than the largest interval allows: intervals of a whole number of hours.
  const hour = 3_600_000_000;
  return Math.ceil(duration / 1000 / hour / (limit - 1)) * hour;
}

export interface IoOptions {
  /** Interval in microseconds (see pickInterval); default: picked for about AUTO_MAX_BUCKETS intervals at most. */
  intervalUs?: number;
  /** Only packets of this set (0-based indices, ascending: the displayed packets) count; null: all packets. */
  within?: Uint32Array | null;
  signal?: AbortSignal;
  /** Packets decided so far, over all lines (each line walks the capture once). */
  onProgress?: (done: number, total: number) => void;
}

/** Count per interval the packets in `indices` (ascending 0-based indices): packets, bytes, first packet. */
export function bucket(engine: Engine, indices: ArrayLike<number>, intervalUs: number, buckets: number) {
  const packets = new Uint32Array(buckets);
  const bytes = new Float64Array(buckets);
  const first = new Int32Array(buckets).fill(-1);
  const width = intervalUs * 1000;
  const index = engine.index;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    let b = Math.floor(relNs(engine, i) / width);
    if (b >= buckets) b = buckets - 1;
    packets[b]++;
    bytes[b] += index.origLen(i);
    if (first[b] < 0 || i < first[b]) first[b] = i;
  }
  return { packets, bytes, first };
}

/** The packets of `a` that are also in `b` (both ascending). */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out[n++] = a[i];
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/**
 * The I/O graph of `filters` (one line each; "" for all packets) over the open capture. An invalid filter gives a
 * line with its error and zero counts. Rejects with the signal's reason when aborted.
 */
export async function ioGraphOf(engine: Engine, filters: readonly string[], opts: IoOptions = {}): Promise<IoGraph> {
  const duration = durationNs(engine);
  const intervalUs = pickInterval(duration, opts.intervalUs);
  const buckets = Math.floor(duration / (intervalUs * 1000)) + 1;
  const total = engine.count * filters.length;
  const lines: IoGraphLine[] = [];
  for (let l = 0; l < filters.length; l++) {
    const text = filters[l];
    const compiled = compileFilterBar(text);
    if (!compiled.ok) {
      lines.push({ filter: text, error: compiled.error.message, ...bucket(engine, [], intervalUs, buckets) });
      continue;
    }
    let indices = await filterPackets(engine, compiled.filter, {
      signal: opts.signal,
      onProgress: opts.onProgress ? (p) => opts.onProgress?.(l * engine.count + p.done, total) : undefined,
    });
    if (opts.within) indices = intersect(indices, opts.within);
    lines.push({ filter: text, error: '', ...bucket(engine, indices, intervalUs, buckets) });
  }
  opts.onProgress?.(total, total);
  return { intervalUs, buckets, durationNs: duration, lines, complete: true };
}

/** The typed arrays of a graph, for Comlink.transfer. */
export function ioGraphTransfer(g: IoGraph): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const l of g.lines)
    out.push(l.packets.buffer as ArrayBuffer, l.bytes.buffer as ArrayBuffer, l.first.buffer as ArrayBuffer);
  return out;
}
