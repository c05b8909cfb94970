// Sequential reading of a byte stream in chunks. Readers parse synchronously from `buf` and call
// `ensure(n)` only when fewer than n bytes remain, so most records are parsed without awaiting.
// The whole file is never held as one buffer.

export interface ChunkHooks {
  onChunk?: (bytes: number) => void;
  between?: () => Promise<void> | undefined;
}

/** Size of the buffers a byte stream is read into. */
const BYOB_CHUNK = 1 << 20;

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
  private readonly reader: ReadableStreamDefaultReader<Uint8Array> | ReadableStreamBYOBReader;
  /** True when the stream is a byte stream (a Blob's is) and is read into buffers of our own, used again and again. */
  private readonly byob: boolean;
  /** Buffers read into (byte streams) that hold a chunk, and those free to be read into again. */
  private readonly lent: ArrayBuffer[] = [];
  private readonly spare: ArrayBuffer[] = [];
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
    // A byte stream is read into a few buffers of our own, in turn: a new buffer for every chunk (what the default
    // reader hands out) costs more, in allocation and garbage collection, than reading the file.
    let byob: ReadableStreamBYOBReader | null;
    try {
      byob = stream.getReader({ mode: 'byob' });
    } catch {
      byob = null; // not a byte stream
    }
    this.byob = byob !== null;
    this.reader = byob ?? stream.getReader();
    if (initial && initial.length) {
      this.buf = initial;
      this.end = initial.length;
    }
  }

  /** How many buffers of its own the reader has made to read a byte stream into (0 for other streams). */
  get ownBuffers(): number {
    return this.lent.length + this.spare.length;
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
        result = this.byob
          ? await this.readInto()
          : await (this.reader as ReadableStreamDefaultReader<Uint8Array>).read();
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

  /**
   * Read the next chunk into a buffer of our own. Buffers that neither `buf` nor `pending` is a view of any more are
   * read into again: views of a chunk stay valid until the `ensure` after the one that moved past it.
   */
  private async readInto(): Promise<{ done: boolean; value?: Uint8Array }> {
    for (let i = this.lent.length - 1; i >= 0; i--) {
      const b = this.lent[i];
      if (b !== this.buf.buffer && b !== this.pending?.buffer) {
        this.spare.push(b);
        this.lent.splice(i, 1);
      }
    }
    const into = this.spare.pop() ?? new ArrayBuffer(BYOB_CHUNK);
    const result = await (this.reader as ReadableStreamBYOBReader).read(new Uint8Array(into));
    // The buffer read into is moved to the result (the one given is left empty).
    if (result.value && result.value.buffer.byteLength === BYOB_CHUNK) this.lent.push(result.value.buffer);
    return result;
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
