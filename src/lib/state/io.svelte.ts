// The I/O graph's state: its lines (each a display filter with a colour), interval, unit and style, and the graph the
// worker counted for them. The worker counts; this class asks again when the capture, the lines or the interval
// change (and the display filter, when only displayed packets count). Drawing helpers are plain functions, tested
// without a DOM.
import type { EngineLike, IoGraph, IoGraphLine } from '../engine/types';

export type IoUnit = 'packets' | 'bytes' | 'bits';
export type IoStyle = 'line' | 'bar';

export interface IoLine {
  /** Shown in the legend. */
  name: string;
  /** Display filter; "" for all packets. */
  filter: string;
  color: string;
  enabled: boolean;
}

/** Colours for new lines, in turn (the first two are the defaults' blue and red). */
export const LINE_COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

/** The intervals offered (µs), as the worker has them; 0 is "automatic". */
export const INTERVALS: readonly { us: number; label: string }[] = [
  { us: 0, label: 'Auto' },
  ...[1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 6e7, 6e8].map((us) => ({
    us,
    label: intervalText(us),
  })),
];

/** "1 ms", "100 ms", "1 s", "1 min". */
export function intervalText(us: number): string {
  if (us < 1000) return `${us} µs`;
  if (us < 1e6) return `${us / 1000} ms`;
  if (us < 6e7) return `${us / 1e6} s`;
  if (us < 3.6e9) return `${us / 6e7} min`;
  return `${us / 3.6e9} h`;
}

/** The value drawn for interval `b` of a line: packets, bytes or bits in that interval. */
export function valueAt(line: IoGraphLine, unit: IoUnit, b: number): number {
  if (unit === 'packets') return line.packets[b];
  return unit === 'bytes' ? line.bytes[b] : line.bytes[b] * 8;
}

/** The largest value of the lines over intervals [from, to). */
export function maxValue(lines: readonly IoGraphLine[], unit: IoUnit, from = 0, to = Infinity): number {
  let max = 0;
  for (const l of lines) {
    const end = Math.min(to, l.packets.length);
    for (let b = Math.max(0, from); b < end; b++) {
      const v = valueAt(l, unit, b);
      if (v > max) max = v;
    }
  }
  return max;
}

export class IoGraphState {
  lines = $state<IoLine[]>([
    { name: 'All packets', filter: '', color: LINE_COLORS[0], enabled: true },
    { name: 'TCP errors', filter: 'tcp.analysis.flags', color: LINE_COLORS[1], enabled: true },
  ]);
  /** µs; 0: picked by the worker for at most 500 intervals. */
  intervalUs = $state(0);
  unit = $state<IoUnit>('packets');
  style = $state<IoStyle>('line');
  /** Count only the packets the display filter shows (Wireshark's graphs count all packets). */
  displayedOnly = $state(false);
  graph = $state.raw<IoGraph | null>(null);
  /** The lines the graph was counted for (graph.lines[k] is drawnLines[k]). */
  drawnLines = $state.raw<IoLine[]>([]);
  building = $state(false);
  progress = $state(0);
  error = $state<string | null>(null);

  private builtFor = '';
  private generation = 0;

  constructor(private readonly engine: EngineLike) {}

  addLine(filter: string, name = filter || 'All packets'): void {
    const used = this.lines.map((l) => l.color);
    const color = LINE_COLORS.find((c) => !used.includes(c)) ?? LINE_COLORS[this.lines.length % LINE_COLORS.length];
    this.lines = [...this.lines, { name, filter: filter.trim(), color, enabled: true }];
  }

  removeLine(k: number): void {
    this.lines = this.lines.filter((_, i) => i !== k);
  }

  /** Count again unless the graph is already for `context` (the viewer's displayKey) and these settings. */
  async ensure(context: string): Promise<void> {
    const shown = this.lines.filter((l) => l.enabled).map((l) => ({ ...l }));
    const key = JSON.stringify([
      this.displayedOnly ? context : context.split('\u0000')[0],
      shown.map((l) => l.filter),
      this.intervalUs,
      this.displayedOnly,
    ]);
    if (key === this.builtFor) {
      // Names and colours need no counting.
      if (this.graph) this.drawnLines = shown;
      return;
    }
    this.builtFor = key;
    const gen = ++this.generation;
    this.building = true;
    this.progress = 0;
    this.error = null;
    try {
      const g = await this.engine.ioGraph(
        shown.map((l) => l.filter),
        { intervalUs: this.intervalUs || undefined, displayedOnly: this.displayedOnly },
        (done, total) => {
          if (gen === this.generation) this.progress = total ? done / total : 0;
        },
      );
      if (gen !== this.generation) return;
      if (!g.complete) {
        this.builtFor = '';
        return;
      }
      this.graph = g;
      this.drawnLines = shown;
    } catch (e) {
      if (gen !== this.generation) return;
      this.builtFor = '';
      this.error = `The I/O graph could not be drawn: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      if (gen === this.generation) this.building = false;
    }
  }
}
