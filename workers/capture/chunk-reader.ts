// Sequential reading of a byte stream in chunks. Readers parse synchronously from `buf` and call
// `ensure(n)` only when fewer than n bytes remain, so most records are parsed without awaiting.
// The whole file is never held as one buffer.

export interface ChunkHooks {
  onChunk?: (bytes: number) => void;
  between?: () => Promise<void> | undefined;
}

export class ChunkReader {
  /** Bytes available from `pos` on: buf[start..end). */
  buf: Uint8Array = new Uint8Array(0);
  /** Index in buf of the current read position. */
  start = 0;
  /** Index in buf one past the last valid byte. */
  end = 0;
  /** Absolute stream offset of buf[start]. */
  pos = 0;
  /** True once the underlying stream has ended. */
  done = false;
  /** The error that ended the stream early (a broken gzip member, a failed read), if any. */
  error: unknown = null;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private pending: Uint8Array | null = null;

  /**
   * `hooks.onChunk` hears the size of every chunk read; `hooks.between` runs after each one and may return a promise
   * to wait for (the worker gives its event loop a turn there).
   */
  constructor(
    stream: ReadableStream<Uint8Array>,
    initial?: Uint8Array,
    private readonly hooks: ChunkHooks = {},
  ) {
    this.reader = stream.getReader();
    if (initial && initial.length) {
      this.buf = initial;
      this.end = initial.length;
    }
  }

  get available(): number {
    return this.end - this.start;
  }

  /**
   * Make at least n bytes available from the current position. Resolves to the number available,
   * which is less than n only at the end of the stream.
   */
  async ensure(n: number): Promise<number> {
    while (this.end - this.start < n && !this.done) {
      const chunk = this.pending ?? (await this.next());
      this.pending = null;
      if (!chunk) break;
      this.append(chunk, n);
    }
    return this.end - this.start;
  }

  /** Advance the read position by n bytes (n may exceed what is buffered: the rest is skipped as it arrives). */
  async skip(n: number): Promise<boolean> {
    while (n > 0) {
      const have = this.end - this.start;
      if (have >= n) {
        this.start += n;
        this.pos += n;
        return true;
      }
      this.start = this.end;
      this.pos += have;
      n -= have;
      if ((await this.ensure(Math.min(n, 1 << 20))) === 0) return false;
    }
    return true;
  }

  /** Advance within what is buffered (caller has checked `available`). */
  advance(n: number): void {
    this.start += n;
    this.pos += n;
  }

  async cancel(): Promise<void> {
    this.done = true;
    await this.reader.cancel().catch(() => undefined);
  }

  private async next(): Promise<Uint8Array | null> {
    for (;;) {
      let result: { done: boolean; value?: Uint8Array };
      try {
        result = await this.reader.read();
      } catch (e) {
        // A stream that fails is treated as one that ends here: the reader reports a cut-short file.
        this.error = e;
        this.done = true;
        return null;
      }
      if (result.done || !result.value) {
        this.done = true;
        return null;
      }
      if (result.value.length) {
        this.hooks.onChunk?.(result.value.length);
        const wait = this.hooks.between?.();
        if (wait) await wait;
        return result.value;
      }
    }
  }

  private append(chunk: Uint8Array, want: number): void {
    const have = this.end - this.start;
    if (have === 0) {
      this.buf = chunk;
      this.start = 0;
      this.end = chunk.length;
      return;
    }
    // A record that straddles two chunks: put together only that record (what is wanted), and keep the rest of the
    // chunk for later. Copying the whole chunk each time would copy the whole file once more.
    if (want > have && want - have < chunk.length && this.end + (want - have) > this.buf.length) {
      const need = want - have;
      const next = new Uint8Array(want);
      next.set(this.buf.subarray(this.start, this.end), 0);
      next.set(chunk.subarray(0, need), have);
      this.buf = next;
      this.start = 0;
      this.end = want;
      this.pending = chunk.subarray(need);
      return;
    }
    // Grow into a new buffer large enough for what is wanted, keeping the unread bytes.
    const size = Math.max(have + chunk.length, want);
    if (this.end + chunk.length <= this.buf.length) {
      // Spare room left from an earlier allocation.
      this.buf.set(chunk, this.end);
      this.end += chunk.length;
      return;
    }
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(this.start, this.end), 0);
    next.set(chunk, have);
    this.buf = next;
    this.start = 0;
    this.end = have + chunk.length;
  }
}
