// Opening a capture: detect the format by content (never by name), decompress gzip and zstd as streams, and run
// the matching reader over the bytes in chunks.
import { Decompress } from 'fzstd';
import { ChunkReader } from './chunk-reader';
import { readPcap, sniffPcap } from './pcap';
import { readPcapng, PCAPNG_SHB } from './pcapng';
import { notACapture } from './problems';
import type { ByteSource } from './source';
import { ChunkStore } from './source';
import type { CaptureInfo, CaptureProblem, Compression, RecordCallback } from './types';
import { emptyInfo } from './types';

export interface ReadOptions {
  /**
   * Called once, before the first record, with the random-access bytes that record offsets point into (the file, or
   * its decompressed bytes as far as they have been read).
   */
  onSource?: (bytes: ByteSource) => void;
  /** Called now and then with the number of (compressed) file bytes read so far. */
  onBytes?: (bytesRead: number) => void;
  /** Called once the format is known, before the first record, with the info object the reader fills in. */
  onInfo?: (info: CaptureInfo) => void;
  /** Called after each chunk of the file is read; a promise returned is waited for (a turn for the event loop). */
  between?: () => Promise<void> | undefined;
}

export interface ReadResult {
  info: CaptureInfo;
  /** Why reading stopped early, or null when the whole file was read. */
  problem: CaptureProblem | null;
  /** Random access to the decompressed bytes: record offsets point into this. */
  bytes: ByteSource;
}

export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

function zstdStream(): TransformStream<Uint8Array, Uint8Array> {
  let decoder: Decompress;
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      decoder = new Decompress((data) => {
        if (data.length) controller.enqueue(data);
      });
    },
    transform(chunk) {
      decoder.push(chunk);
    },
    flush() {
      decoder.push(new Uint8Array(0), true);
    },
  });
}

function counting(onBytes: ((n: number) => void) | undefined): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      total += chunk.length;
      onBytes?.(total);
      controller.enqueue(chunk);
    },
  });
}

/** Read every record of a capture in file order, calling onRecord for each. */
/** How many bytes at the start of a file are kept in memory for re-reading (about 2,000 packets of HTTP). */
export const HEAD_BYTES = 1 << 20;

/**
 * `source`, with reads that lie within its first `head.length` bytes answered from a copy of `head` (a copy: what a
 * read returns may be transferred to the page, which would empty `head`).
 */
export function withHead(source: ByteSource, head: Uint8Array): ByteSource {
  return {
    name: source.name,
    size: source.size,
    stream: () => source.stream(),
    read: (offset, length) =>
      offset >= 0 && offset + length <= head.length
        ? Promise.resolve(head.slice(offset, offset + length))
        : source.read(offset, length),
  };
}

export async function readCapture(
  source: ByteSource,
  onRecord: RecordCallback,
  opts: ReadOptions = {},
): Promise<ReadResult> {
  // The first bytes are read once and kept: they tell the format, and the first screen of rows is re-read from them
  // while the rest of the file streams in (a read from the File would wait for the first pass to let it through).
  const head = await source.read(0, Math.min(source.size, HEAD_BYTES));
  const compression = sniffCompression(head);
  let stream = source.stream();
  let bytes = compression === 'none' ? withHead(source, head) : source;
  // Uncompressed, the reader counts the file's bytes itself; compressed, they are counted before decompression.
  let raw = 0;
  let onChunk = opts.onBytes && ((n: number) => opts.onBytes?.((raw += n)));
  if (compression !== 'none') {
    onChunk = undefined;
    stream = stream.pipeThrough(counting(opts.onBytes));
    const store = new ChunkStore();
    const decompress =
      compression === 'gzip'
        ? (new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
        : zstdStream();
    stream = stream.pipeThrough(decompress).pipeThrough(store.tap());
    bytes = store.source(source.name);
  }
  const reader = new ChunkReader(stream, undefined, { onChunk, between: opts.between });
  await reader.ensure(4);
  const magic = reader.buf.subarray(reader.start, reader.start + 4);
  const isPcapng =
    magic.length === 4 && new DataView(magic.buffer, magic.byteOffset, 4).getUint32(0, true) === PCAPNG_SHB;
  const isPcap = !isPcapng && sniffPcap(magic) !== null;
  const info = emptyInfo(isPcapng ? 'pcapng' : 'pcap', compression);
  if (!isPcap && !isPcapng) {
    await reader.cancel();
    return { info, problem: notACapture(), bytes };
  }
  opts.onInfo?.(info);
  opts.onSource?.(bytes);
  const problem = isPcapng ? await readPcapng(reader, info, onRecord) : await readPcap(reader, info, onRecord);
  if (!reader.done) await reader.cancel();
  // The copy of the head served the first screen while the file streamed in; from now on reads go to the file.
  return { info, problem, bytes: compression === 'none' ? source : bytes };
}
