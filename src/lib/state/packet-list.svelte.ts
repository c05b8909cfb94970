// The packet list's state: how many rows are displayed, which window of them is on screen, the rows the worker sent
// for it (a bounded cache: only what is near the screen is kept), sorting, the time format and the selected row.
import type { EngineLike, ListColumn, ListRow, TimeFormat } from '../engine/types';

/** Rows asked for beyond each edge of the visible window, so that small scrolls find them already there. */
export const OVERSCAN = 40;
/** Rows kept in the cache at most; far-away rows are dropped first. */
const CACHE_LIMIT = 4000;

/** The time formats of the Time column, in the order the page lists them (their names: i18n/messages). */
export const TIME_FORMATS: readonly TimeFormat[] = [
  'relative',
  'delta-displayed',
  'delta',
  'absolute',
  'time-of-day',
  'utc',
  'epoch',
];

export class PacketListState {
  /** Rows displayed. */
  count = $state(0);
  /** Bumped whenever cached rows change, so that views re-read the cache. */
  version = $state(0);
  timeFormat = $state<TimeFormat>('relative');
  colors = $state(true);
  sortedBy = $state.raw<{ column: ListColumn; descending: boolean } | null>(null);
  sorting = $state(false);
  /** Display position of the selected row, or -1. */
  selected = $state(-1);
  /** The visible window [first, first + size). */
  first = $state(0);
  size = $state(30);

  // Not reactive on purpose: thousands of rows change at once; `version` tells the views.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly cache = new Map<number, ListRow>();
  /** Changes whenever the cache is emptied: rows of an older request are dropped. */
  private generation = 0;
  private pending: Promise<void> | null = null;
  /** Called once when the first rows land (the page marks the time). */
  onFirstRows: (() => void) | null = null;

  constructor(private readonly engine: EngineLike) {}

  row(position: number): ListRow | undefined {
    return this.cache.get(position);
  }

  /** Forget everything: a new capture. */
  reset(): void {
    this.cache.clear();
    this.generation++;
    this.count = 0;
    this.first = 0;
    this.selected = -1;
    this.sortedBy = null;
    this.version++;
  }

  /** Drop cached rows (time format, sort order or the capture's state changed) and fetch the window again. */
  refresh(): void {
    this.cache.clear();
    this.generation++;
    this.version++;
    void this.fill();
  }

  setCount(n: number): void {
    if (n === this.count) return;
    this.count = n;
    void this.fill();
  }

  setWindow(first: number, size: number): void {
    const f = Math.max(0, Math.min(first, Math.max(0, this.count - 1)));
    if (f === this.first && size === this.size) return;
    this.first = f;
    this.size = size;
    void this.fill();
  }

  setTimeFormat(format: TimeFormat): void {
    if (format === this.timeFormat) return;
    this.timeFormat = format;
    this.refresh();
  }

  /**
   * Sort by a column (again on the same column: the other way round). `selectedFrame` (a frame number, or 0) stays
   * selected wherever it lands.
   */
  async sort(column: ListColumn, selectedFrame = 0): Promise<void> {
    if (this.sorting) return;
    const descending = this.sortedBy?.column === column ? !this.sortedBy.descending : false;
    this.sorting = true;
    try {
      this.count = await this.engine.sort(column, descending);
      this.sortedBy = column === 'number' && !descending ? null : { column, descending };
      this.selected = selectedFrame ? await this.engine.positionOf(selectedFrame) : -1;
    } finally {
      this.sorting = false;
    }
    this.refresh();
  }

  /**
   * Ask the worker for the rows of the window that are not cached yet, one request at a time, until the window (which
   * may move meanwhile) is filled. Resolves when it is.
   */
  fill(): Promise<void> {
    this.pending ??= this.fillLoop().finally(() => (this.pending = null));
    return this.pending;
  }

  private async fillLoop(): Promise<void> {
    for (;;) {
      const from = Math.max(0, this.first - OVERSCAN);
      const to = Math.min(this.count, this.first + this.size + OVERSCAN);
      let start = -1;
      let end = -1;
      for (let pos = from; pos < to; pos++) {
        if (this.cache.has(pos)) continue;
        if (start < 0) start = pos;
        end = pos + 1;
      }
      if (start < 0) return;
      const gen = this.generation;
      const rows = await this.engine.rows(start, end - start, this.timeFormat);
      if (gen !== this.generation) continue;
      for (const r of rows) this.cache.set(r.position, r);
      this.trim();
      this.version++;
      if (rows.length && this.onFirstRows) {
        const done = this.onFirstRows;
        this.onFirstRows = null;
        done();
      }
      // Fewer rows than asked: the end of what has been read so far.
      if (rows.length < end - start) return;
    }
  }

  private trim(): void {
    if (this.cache.size <= CACHE_LIMIT) return;
    const keepFrom = this.first - 2 * OVERSCAN;
    const keepTo = this.first + this.size + 2 * OVERSCAN;
    for (const pos of this.cache.keys()) if (pos < keepFrom || pos >= keepTo) this.cache.delete(pos);
  }
}
