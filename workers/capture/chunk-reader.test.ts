import { describe, expect, it } from 'vitest';
import { ChunkReader } from './chunk-reader';
import { ChunkStore, streamOf } from './source';

const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);

function streamOfChunks(chunks: Uint8Array[], fail?: Error): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) controller.enqueue(chunks[i++]);
      else if (fail) controller.error(fail);
      else controller.close();
    },
  });
}

/** A byte stream (as a Blob's is) that answers each read with at most `most` bytes. */
function byteStream(data: Uint8Array, most: number): ReadableStream<Uint8Array> {
  let pos = 0;
  return new ReadableStream({
    type: 'bytes',
    pull(controller) {
      const req = controller.byobRequest;
      if (pos >= data.length) {
        controller.close();
        req?.respond(0);
        return;
      }
      if (!req?.view) throw new Error('expected a BYOB read');
      const n = Math.min(most, req.view.byteLength, data.length - pos);
      new Uint8Array(req.view.buffer, req.view.byteOffset, n).set(data.subarray(pos, pos + n));
      pos += n;
      req.respond(n);
    },
  });
}

describe('ChunkReader', () => {
  it('reads a byte stream into a few buffers of its own, used again, with the same bytes as any other stream', async () => {
    const big = Uint8Array.from({ length: 5_000_000 }, (_, i) => (i * 7919) >>> 3);
    const r = new ChunkReader(byteStream(big, 300_000));
    let pos = 0;
    let chunks = 0;
    let last: ArrayBufferLike | null = null;
    const step = [5, 170_001, 1, 1000, 400_000, 3, 7, 11];
    for (let k = 0; pos < big.length; k++) {
      const n = Math.min(step[k % step.length], big.length - pos);
      expect(await r.ensure(n)).toBeGreaterThanOrEqual(n);
      if (r.buf.buffer !== last && r.buf.buffer.byteLength === 1 << 20) chunks++;
      last = r.buf.buffer;
      const got = r.buf.subarray(r.start, r.start + n);
      expect(got.every((v, i) => v === big[pos + i])).toBe(true);
      r.advance(n);
      pos += n;
    }
    expect(await r.ensure(1)).toBe(0);
    // Many chunks were read straight into the reader's own buffers, and there are only a few of those.
    expect(chunks).toBeGreaterThan(5);
    expect(r.ownBuffers).toBeGreaterThan(0);
    expect(r.ownBuffers).toBeLessThanOrEqual(3);
  });

  it('puts together only the record that straddles two chunks, and reads on in the next chunk itself', async () => {
    const chunks = [bytes.slice(0, 400), bytes.slice(400, 1000)];
    const r = new ChunkReader(streamOfChunks(chunks));
    await r.ensure(390);
    r.advance(390);
    // A 30-byte record: 10 bytes left in the first chunk, 20 from the second.
    expect(await r.ensure(30)).toBe(30);
    expect(r.buf.length).toBe(30);
    expect(Array.from(r.buf.subarray(r.start, r.start + 30))).toEqual(Array.from(bytes.subarray(390, 420)));
    r.advance(30);
    // The rest is the second chunk's own bytes, not a copy of them.
    expect(await r.ensure(100)).toBe(580);
    expect(r.buf.buffer).toBe(chunks[1].buffer);
    expect(Array.from(r.buf.subarray(r.start, r.start + 100))).toEqual(Array.from(bytes.subarray(420, 520)));
    expect(r.pos).toBe(420);
  });

  it('makes n bytes available across any chunking, keeping unread bytes in order', async () => {
    for (const size of [1, 3, 7, 64, 999, 5000]) {
      const r = new ChunkReader(streamOf(bytes, size));
      let pos = 0;
      const step = [5, 17, 1, 100, 300];
      for (let k = 0; pos < bytes.length; k++) {
        const n = Math.min(step[k % step.length], bytes.length - pos);
        expect(await r.ensure(n)).toBeGreaterThanOrEqual(n);
        expect(Array.from(r.buf.subarray(r.start, r.start + n))).toEqual(Array.from(bytes.subarray(pos, pos + n)));
        expect(r.pos).toBe(pos);
        r.advance(n);
        pos += n;
      }
      expect(await r.ensure(1)).toBe(0);
      expect(r.done).toBe(true);
    }
  });

  it('reports fewer bytes than asked only at the end of the stream', async () => {
    const r = new ChunkReader(streamOf(bytes, 64));
    expect(await r.ensure(2000)).toBe(1000);
    expect(r.done).toBe(true);
  });

  it('skips past buffered and unbuffered bytes', async () => {
    const r = new ChunkReader(streamOf(bytes, 10));
    await r.ensure(4);
    expect(await r.skip(505)).toBe(true);
    await r.ensure(1);
    expect(r.pos).toBe(505);
    expect(r.buf[r.start]).toBe(505 & 0xff);
    expect(await r.skip(1000)).toBe(false);
  });

  it('treats a stream that fails as one that ends there, and keeps the error', async () => {
    const err = new Error('disk gone');
    const r = new ChunkReader(streamOfChunks([bytes.subarray(0, 100), bytes.subarray(100, 150)], err));
    expect(await r.ensure(200)).toBe(150);
    expect(r.done).toBe(true);
    expect(r.error).toBe(err);
  });

  it('ignores empty chunks', async () => {
    const r = new ChunkReader(
      streamOfChunks([new Uint8Array(0), bytes.subarray(0, 3), new Uint8Array(0), bytes.subarray(3, 8)]),
    );
    expect(await r.ensure(8)).toBe(8);
    expect(Array.from(r.buf.subarray(r.start, r.start + 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('ChunkStore', () => {
  it('reads any range back across the chunks that passed through it', async () => {
    const store = new ChunkStore();
    const reader = streamOf(bytes, 37).pipeThrough(store.tap()).getReader();
    while (!(await reader.read()).done) {
      /* drain */
    }
    expect(store.size).toBe(1000);
    for (const [off, len] of [
      [0, 10],
      [30, 20],
      [36, 1],
      [37, 37],
      [500, 300],
      [990, 50],
      [1000, 5],
    ]) {
      expect(Array.from(store.read(off, len))).toEqual(Array.from(bytes.subarray(off, Math.min(1000, off + len))));
    }
    const src = store.source('x');
    expect(Array.from(await src.read(74, 3))).toEqual([74, 75, 76]);
  });
});
