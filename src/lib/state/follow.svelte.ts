// The Follow view's state (issue 7): which TCP stream it shows and how — TCP bytes or HTTP messages, the format
// ("Show data as"), one side or both, and Find. The worker reassembles the stream (EngineLike.follow); the line index
// and the text of the lines in view are worked out here (lib/follow/format.ts), never as HTML.
import type { FollowStream } from '../engine/types';
import { findAll, indexLines, lineOfByte } from '../follow/format';
import type { LineIndex, ShowAs, Side } from '../follow/format';
import type { ViewerState } from './viewer.svelte';

const NO_LINES: LineIndex = {
  count: 0,
  chunk: new Uint32Array(0),
  start: new Uint32Array(0),
  end: new Uint32Array(0),
  offset: new Float64Array(0),
};

export class FollowState {
  /** The stream as the worker gave it (replaced, never mutated). */
  data = $state.raw<FollowStream | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  showAs = $state<ShowAs>('ascii');
  side = $state<Side>('both');
  /** The Find box's text, its matches (byte offsets into data.data) and the one stepped to (-1: none yet). */
  query = $state('');
  current = $state(-1);
  /** Bumped when the view must scroll to the current match. */
  reveal = $state(0);

  lines = $derived(this.data ? indexLines(this.data, this.showAs, this.side) : NO_LINES);
  matches = $derived(this.data && this.query ? findAll(this.data, this.query, this.side) : []);
  /** The line the current match starts in, or -1. */
  currentLine = $derived(
    this.current >= 0 && this.current < this.matches.length ? lineOfByte(this.lines, this.matches[this.current]) : -1,
  );

  /** What is loaded or being loaded: "captureId/stream/kind". */
  private loadedFor = '';
  private generation = 0;

  constructor(private readonly viewer: ViewerState) {}

  /** The TCP stream to show: the one asked for (URL, menu), else the selected packet's, else 0. */
  async resolveStream(): Promise<number> {
    const v = this.viewer;
    if (v.followStream !== null) return v.followStream;
    const frame = v.selectedFrame;
    if (frame > 0) {
      const { tcp } = await v.streamOf(frame - 1);
      if (tcp >= 0) return tcp;
    }
    return 0;
  }

  /** Load `stream` as `kind` unless it is already shown (a new capture loads again). */
  async load(stream: number, kind: 'tcp' | 'http'): Promise<void> {
    const key = `${this.viewer.captureId}/${stream}/${kind}`;
    if (key === this.loadedFor) return;
    this.loadedFor = key;
    const gen = ++this.generation;
    this.loading = true;
    this.error = null;
    try {
      const f = await this.viewer.followData(stream, kind);
      if (gen !== this.generation) return;
      if (!f.complete) return;
      this.data = f;
      this.current = -1;
    } catch (e) {
      if (gen !== this.generation) return;
      this.loadedFor = '';
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (gen === this.generation) this.loading = false;
    }
  }

  /** Show another stream (the spinner, previous/next): the URL follows through viewer.followStream. */
  go(stream: number): void {
    const max = this.data ? this.data.streams - 1 : Infinity;
    if (!Number.isInteger(stream) || stream < 0 || stream > max) return;
    this.viewer.followStream = stream;
  }

  /** Step to the next (+1) or previous (−1) match, wrapping around. */
  step(delta: 1 | -1): void {
    const n = this.matches.length;
    if (!n) {
      this.current = -1;
      return;
    }
    this.current = this.current < 0 ? (delta > 0 ? 0 : n - 1) : (this.current + delta + n) % n;
    this.reveal++;
  }

  /** A new search text: the first match becomes current. */
  search(text: string): void {
    this.query = text;
    this.current = -1;
    if (text) this.step(1);
  }
}
