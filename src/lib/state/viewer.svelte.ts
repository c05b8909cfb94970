// The page's state: which capture is open, how far the load is, the first rows and what went wrong. Components read
// it and call its methods; they hold no logic of their own. Large results from the worker are $state.raw and are
// replaced, never mutated.
import { tick } from 'svelte';
import type { CaptureProblem, EngineLike, ListColumn, OpenProgress, OpenSummary } from '../engine/types';
import { DetailState } from './detail.svelte';
import { PacketListState } from './packet-list.svelte';

/** body[data-state]: part of the page contract (DESIGN.md §5). */
export type PageStatus = 'empty' | 'loading' | 'ready' | 'error';

const fmt = (n: number) => n.toLocaleString('en-US');

export function packetsText(n: number): string {
  return `${fmt(n)} ${n === 1 ? 'packet' : 'packets'}`;
}

export function bytesText(n: number): string {
  if (n < 1024) return `${fmt(n)} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Performance marks the benchmark reads (scripts/bench.mjs). */
function mark(name: 'open' | 'first-rows' | 'ready' | 'select' | 'detail'): void {
  performance.mark(`wirelens:${name}`);
}

export class ViewerState {
  status = $state<PageStatus>('empty');
  fileName = $state('');
  fileSize = $state(0);
  progress = $state.raw<OpenProgress | null>(null);
  summary = $state.raw<OpenSummary | null>(null);
  /** What went wrong with the file, in words for people (also set beside the rows of a damaged file). */
  message = $state<string | null>(null);
  /** Milliseconds from handing the file to the worker to the fully indexed list. */
  loadMs = $state<number | null>(null);
  /** Set when a frame number asked for is not in the list. */
  notice = $state<string | null>(null);
  /** Bumped when the selected row must be scrolled into view. */
  reveal = $state(0);

  readonly list: PacketListState;
  readonly detail = new DetailState();

  /** Fraction of the file read, 0..1, while loading. */
  fraction = $derived(
    this.progress && this.progress.totalBytes ? this.progress.bytesRead / this.progress.totalBytes : 0,
  );

  /** Each open() gets a number; results of an older one that arrive late are dropped. */
  private generation = 0;
  /** Each selection gets a number; a slower detail of an earlier selection is dropped. */
  private selection = 0;

  constructor(private readonly engine: EngineLike) {
    this.list = new PacketListState(engine);
  }

  /** Open a capture. A new file replaces (and cancels) the one being read. */
  async open(file: Blob, name = (file as Partial<File>).name ?? 'capture'): Promise<void> {
    const gen = ++this.generation;
    this.status = 'loading';
    this.fileName = name;
    this.fileSize = file.size;
    this.progress = { bytesRead: 0, totalBytes: file.size, packets: 0 };
    this.summary = null;
    this.message = null;
    this.notice = null;
    this.loadMs = null;
    this.list.reset();
    this.detail.show(null);
    this.list.onFirstRows = () => mark('first-rows');
    const started = performance.now();
    mark('open');
    try {
      const summary = await this.engine.open(file, (p) => {
        if (gen !== this.generation) return;
        this.progress = p;
        // Rows appear while the rest of the file is read.
        this.list.setCount(p.packets);
      });
      if (gen !== this.generation) return;
      this.summary = summary;
      this.message = describe(summary);
      if (summary.packets === 0 && summary.problem) {
        this.status = 'error';
        return;
      }
      this.loadMs = performance.now() - started;
      // Rows read during the load may change now that every packet is known (reassembly, analysis).
      this.list.count = await this.engine.count();
      this.list.refresh();
      this.status = 'ready';
      mark('ready');
    } catch (e) {
      if (gen !== this.generation) return;
      this.status = 'error';
      this.message = `Wirelens could not read “${name}”: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Open a capture served by this site (the bundled sample). The worker still does all the reading. */
  async openUrl(url: string, name: string): Promise<void> {
    const gen = ++this.generation;
    this.status = 'loading';
    this.fileName = name;
    this.progress = null;
    this.message = null;
    let blob: Blob;
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
      blob = await response.blob();
    } catch (e) {
      if (gen !== this.generation) return;
      this.status = 'error';
      this.message = `Wirelens could not fetch “${name}”: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    if (gen === this.generation) await this.open(blob, name);
  }

  /** Stop reading: the packets read so far stay on screen. */
  async cancel(): Promise<void> {
    if (this.status === 'loading') await this.engine.cancel();
  }

  /** Select the row at a display position and show its packet's tree and bytes. */
  async select(position: number): Promise<void> {
    const list = this.list;
    if (position < 0 || position >= list.count) return;
    const sel = ++this.selection;
    mark('select');
    list.selected = position;
    this.notice = null;
    let row = list.row(position);
    if (!row) {
      [row] = await this.engine.rows(position, 1, list.timeFormat);
      if (sel !== this.selection || !row) return;
    }
    const detail = await this.engine.detail(row.frameNumber - 1);
    if (sel !== this.selection) return;
    this.detail.show(detail);
    await tick();
    mark('detail');
  }

  /** Move the selection by `delta` rows (keyboard), keeping it on screen. */
  async move(delta: number): Promise<void> {
    const list = this.list;
    if (!list.count) return;
    const from = list.selected < 0 ? (delta > 0 ? -1 : list.count) : list.selected;
    const to = Math.max(0, Math.min(list.count - 1, from + delta));
    if (to === list.selected) return;
    this.reveal++;
    await this.select(to);
  }

  /** Go to a frame by its number (Ctrl+G, frame links in the tree). */
  async goToFrame(frameNumber: number): Promise<boolean> {
    const pos = await this.engine.positionOf(frameNumber);
    if (pos < 0) {
      this.notice = `There is no packet ${frameNumber} in the list.`;
      return false;
    }
    this.reveal++;
    await this.select(pos);
    return true;
  }

  /** Sort the packet list by a column; the selected packet stays selected and on screen. */
  async sort(column: ListColumn): Promise<void> {
    await this.list.sort(column, this.selectedFrame);
    this.reveal++;
  }

  /** Frame number of the selected row, or 0. */
  get selectedFrame(): number {
    return this.detail.detail?.frameNumber ?? 0;
  }
}

/** The sentence shown beside (or instead of) the rows, or null when the whole file was read. */
export function describe(s: OpenSummary): string | null {
  if (s.problem) return problemText(s.problem);
  if (!s.complete) return `Loading was stopped after ${packetsText(s.packets)}.`;
  return null;
}

function problemText(p: CaptureProblem): string {
  return p.detail ? `${p.message} (${p.detail})` : p.message;
}
