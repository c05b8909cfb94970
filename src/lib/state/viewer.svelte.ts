// The page's state: which capture is open, how far the load is, the first rows and what went wrong. Components read
// it and call its methods; they hold no logic of their own. Large results from the worker are $state.raw and are
// replaced, never mutated.
import type { CaptureProblem, EngineLike, OpenProgress, OpenSummary, PacketRow } from '../engine/types';

/** body[data-state]: part of the page contract (DESIGN.md §5). */
export type PageStatus = 'empty' | 'loading' | 'ready' | 'error';

/** Rows shown until the full packet list arrives. */
export const FIRST_ROWS = 200;

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

export class ViewerState {
  status = $state<PageStatus>('empty');
  fileName = $state('');
  fileSize = $state(0);
  progress = $state.raw<OpenProgress | null>(null);
  summary = $state.raw<OpenSummary | null>(null);
  rows = $state.raw<PacketRow[]>([]);
  /** What went wrong with the file, in words for people (also set beside the rows of a damaged file). */
  message = $state<string | null>(null);

  /** Fraction of the file read, 0..1, while loading. */
  fraction = $derived(
    this.progress && this.progress.totalBytes ? this.progress.bytesRead / this.progress.totalBytes : 0,
  );

  /** Each open() gets a number; results of an older one that arrive late are dropped. */
  private generation = 0;

  constructor(private readonly engine: EngineLike) {}

  /** Open a capture. A new file replaces (and cancels) the one being read. */
  async open(file: Blob, name = (file as Partial<File>).name ?? 'capture'): Promise<void> {
    const gen = ++this.generation;
    this.status = 'loading';
    this.fileName = name;
    this.fileSize = file.size;
    this.progress = { bytesRead: 0, totalBytes: file.size, packets: 0 };
    this.summary = null;
    this.rows = [];
    this.message = null;
    try {
      const summary = await this.engine.open(file, (p) => {
        if (gen === this.generation) this.progress = p;
      });
      if (gen !== this.generation) return;
      this.summary = summary;
      this.message = describe(summary);
      if (summary.packets === 0 && summary.problem) {
        this.status = 'error';
        return;
      }
      const rows = await this.engine.rows(0, FIRST_ROWS);
      if (gen !== this.generation) return;
      this.rows = rows;
      this.status = 'ready';
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
