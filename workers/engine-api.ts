// The engine as the page sees it: the object the worker exposes through Comlink (engine.worker.ts) and its type.
// The page imports only the *type* (EngineApi and the wire types below); everything here runs in the worker, or in
// Node for the unit tests.
import type { CaptureProblem, Compression, CaptureFormat } from './capture/types';
import { blobSource } from './capture/source';
import type { ByteSource } from './capture/source';
import { decompress as brotliDecompress } from 'brotli/decompress';
import { codecs } from './dissect/codecs';
import { Engine } from './engine';
import type { OpenProgress, PacketRow } from './engine';
import type { ListColumn, ListRow, PacketDetail, TimeFormat } from './types';
import { PacketView } from './view';

export type { CaptureProblem, OpenProgress, PacketRow };
export type { ListColumn, ListRow, TimeFormat };

/** What the page learns when a capture has been read (or the load stopped). */
export interface OpenSummary {
  name: string;
  /** File size in bytes. */
  size: number;
  packets: number;
  /** False when the load was cancelled before the end of the file. */
  complete: boolean;
  /** Why reading stopped early (damaged, cut short, not a capture), or null. */
  problem: CaptureProblem | null;
  format: CaptureFormat | null;
  compression: Compression | null;
}

/** At most this often (ms) is progress sent to the page: messages cost more than the packets between them. */
const PROGRESS_MS = 50;

/** How long the first pass may run before it lets the worker handle messages (a Cancel, a new file). */
const YIELD_MS = 30;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The source, streamed so that the worker's event loop gets a turn every YIELD_MS: reads of a Blob's stream can be
 * answered from its queue without ever letting a message in, and a Cancel must not wait for the end of the file.
 */
function yielding(source: ByteSource): ByteSource {
  return {
    ...source,
    stream: () => {
      let last = Date.now();
      return source.stream().pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          async transform(chunk, controller) {
            if (Date.now() - last >= YIELD_MS) {
              await macrotask();
              last = Date.now();
            }
            controller.enqueue(chunk);
          },
        }),
      );
    },
  };
}

// In the browser, brotli bodies are decoded by a JavaScript decoder.
codecs.brotli = brotliDecompress;

export function createEngineApi() {
  /** The capture the page is looking at (rows come from it), also while it is still being read. */
  let engine: Engine | null = null;
  /** Its packet list: display order and rows. */
  let view: PacketView | null = null;
  /** The load under way, if any. */
  let loading: AbortController | null = null;

  return {
    /**
     * Read `file` (the File itself, never a copy of its bytes on the main thread), reporting progress. A new open
     * cancels the load under way. Resolves when the first pass has finished or was cancelled.
     */
    async open(file: Blob, onProgress?: (p: OpenProgress) => void): Promise<OpenSummary> {
      loading?.abort();
      const controller = new AbortController();
      loading = controller;
      const next = new Engine();
      // Rows of the new capture can be asked for while it loads; the old one is gone.
      engine = next;
      view = new PacketView(next);
      let last = 0;
      const name = (file as Partial<File>).name ?? 'capture';
      try {
        const result = await next.open(yielding(blobSource(file, name)), {
          signal: controller.signal,
          progressEvery: 256,
          onProgress: (p) => {
            const now = Date.now();
            if (!onProgress || (now - last < PROGRESS_MS && p.bytesRead < p.totalBytes)) return;
            last = now;
            onProgress(p);
          },
        });
        return {
          name,
          size: file.size,
          packets: result.packets,
          complete: result.complete && !controller.signal.aborted,
          problem: result.problem,
          format: next.info?.format ?? null,
          compression: next.info?.compression ?? null,
        };
      } finally {
        if (loading === controller) loading = null;
      }
    },

    /** Stop the load under way; its open() resolves with the packets read so far (complete: false). */
    cancel(): void {
      loading?.abort();
    },

    /**
     * Packet-list rows at display positions [start, start + count) of the open capture, with the Time column in the
     * given format (fewer at the end, none when nothing is open). Works while the capture is still loading.
     */
    rows(start: number, count: number, time: TimeFormat = 'relative'): Promise<ListRow[]> {
      return view ? view.rows(start, count, time) : Promise.resolve([]);
    },

    /** Rows displayed now (packets read so far while loading). */
    count(): number {
      return view ? view.count : 0;
    },

    /** Sort the packet list by a column; resolves with the number of rows displayed. */
    async sort(column: ListColumn, descending: boolean): Promise<number> {
      if (!view) return 0;
      await view.sort(column, descending);
      return view.count;
    },

    /** Display position of a frame number, or -1 when it is not displayed. */
    positionOf(frameNumber: number): number {
      return view ? view.positionOf(frameNumber) : -1;
    },

    /** The detail tree, data sources and related frames of packet `packetIndex` (0-based) of the open capture. */
    detail(packetIndex: number): Promise<PacketDetail> {
      return engine ? engine.detail(packetIndex) : Promise.reject(new Error('no capture is open'));
    },
  };
}

export const engineApi = createEngineApi();

/** The worker's API, as EngineClient sees it through Comlink. */
export type EngineApi = ReturnType<typeof createEngineApi>;
