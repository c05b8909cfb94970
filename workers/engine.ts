// The engine: opens a capture (first pass: index, conversations, state) and dissects packets again on demand
// (second pass: columns, fields, tree). The worker and the CLI both wrap this class.
import { readCapture, type ReadResult } from './capture/open';
import { isOutOfMemory, outOfMemory, packetLimit } from './capture/problems';
import type { ByteSource } from './capture/source';
import type { CaptureInfo, CaptureProblem, CaptureRecord } from './capture/types';
import { LINKTYPE_PCAPNG_BLOCK } from './capture/types';
import type { Columns } from './dissect/packet';
import { Packet } from './dissect/packet';
import './dissect/protocols';
import { dissectFrame, frameTimes, relativeTime } from './dissect/protocols/frame';
import { loadDecryptionSecrets, loadKeyLog } from './dissect/protocols/tls';
import type { Sink } from './dissect/sinks';
import { NULL_SINK } from './dissect/sinks';
import { CaptureState, endFirstPass, prefetchNeeds } from './dissect/state';
import { formatRelTime } from './dissect/time';
import { PacketIndex, RowFlag } from './index/packet-index';
import { packetDetail } from './detail';
import type { PacketDetail } from './types';

export interface OpenProgress {
  bytesRead: number;
  totalBytes: number;
  packets: number;
}

export interface OpenResult {
  packets: number;
  info: CaptureInfo;
  problem: CaptureProblem | null;
  /** False when the load was cancelled before the end. */
  complete: boolean;
}

/** One packet-list row, as the UI and the CLI show it. */
export interface PacketRow {
  frameNumber: number;
  /** Seconds since the first packet, as text with the interface's precision ("" when there is no timestamp). */
  time: string;
  source: string;
  destination: string;
  protocol: string;
  length: number;
  info: string;
}

export interface OpenOptions {
  onProgress?: (p: OpenProgress) => void;
  /** How often (in packets) onProgress is called at most. */
  progressEvery?: number;
  signal?: AbortSignal;
  /** An NSS key log (text) for TLS, like tshark's -o tls.keylog_file: loaded before the first packet. */
  keyLog?: string;
  /** Read only the first this many packets (a file too big for the memory at hand). */
  maxPackets?: number;
  /** Called after each chunk of the file; a promise returned is waited for (the worker's event loop gets a turn). */
  between?: () => Promise<void> | undefined;
}

/** Packets read per batch when re-reading bytes for many consecutive packets. */
const BATCH_BYTES = 4 << 20;

export class Engine {
  index = new PacketIndex();
  state = new CaptureState();
  info: CaptureInfo | null = null;
  problem: CaptureProblem | null = null;
  private bytes: ByteSource | null = null;
  /** The packet of the first pass. */
  private readonly packet = new Packet();
  /**
   * The packet of later passes (rows, fields, the tree): its own object, so that the page can ask for rows while the
   * first pass is still reading the file.
   */
  private readonly shown = new Packet();

  get count(): number {
    return this.index.count;
  }

  /** First pass: read every record, index it and let the dissectors build their state. */
  async open(source: ByteSource, opts: OpenOptions = {}): Promise<OpenResult> {
    this.index = new PacketIndex();
    this.state = new CaptureState();
    const index = this.index;
    const state = this.state;
    state.get(frameTimes).index = index;
    if (opts.keyLog) loadKeyLog(state, opts.keyLog);
    const p = this.packet;
    p.pass = 1;
    p.cols = null;
    p.sink = NULL_SINK;
    p.stacks = index.stacks;
    p.state = state;
    let bytesRead = 0;
    const every = opts.progressEvery ?? 10000;
    let complete = true;
    const maxPackets = opts.maxPackets ?? Infinity;
    /** Set when reading stopped early on purpose: out of memory, or the packet limit. */
    let stopped: CaptureProblem | null = null;
    let recordOffset = 0;
    const onRecord = (rec: CaptureRecord): boolean => {
      if (opts.signal?.aborted) {
        complete = false;
        return false;
      }
      recordOffset = rec.offset;
      if (index.count >= maxPackets) {
        stopped = packetLimit(index.count, rec.offset);
        return false;
      }
      try {
        this.firstPass(rec);
      } catch (e) {
        if (!isOutOfMemory(e)) throw e;
        // The packet being read is dropped; those before it stay, with everything learnt from them.
        index.count = Math.min(index.count, this.reading);
        stopped = outOfMemory(index.count, rec.offset, source.size);
        return false;
      }
      if (opts.onProgress && this.reading % every === 0)
        opts.onProgress({ bytesRead, totalBytes: source.size, packets: this.reading + 1 });
      return true;
    };
    this.bytes = null;
    let result: ReadResult;
    try {
      result = await readCapture(source, onRecord, {
        onSource: (bytes) => {
          // Records already read can be re-read while the rest of the file is still coming.
          this.bytes = bytes;
        },
        onBytes: (n) => {
          bytesRead = n;
        },
        between: opts.between,
        onInfo: (info) => {
          // Interfaces are added as the reader meets them; dissectors see the same array.
          state.interfaces = info.interfaces;
          state.get(frameTimes).pcapng = info.format === 'pcapng';
          this.info = info;
        },
      });
    } catch (e) {
      // The reader itself could not get memory for its next chunk.
      if (!isOutOfMemory(e) || !this.bytes || !this.info) throw e;
      result = {
        info: this.info,
        problem: outOfMemory(index.count, recordOffset, source.size),
        bytes: this.bytes,
      };
    }
    if (stopped) result = { ...result, problem: result.problem ?? stopped };
    state.interfaces = result.info.interfaces;
    state.get(frameTimes).pcapng = result.info.format === 'pcapng';
    // Secrets carried in the file itself (pcapng Decryption Secrets Blocks) join the key log.
    if (result.info.secrets.length) loadDecryptionSecrets(state, result.info.secrets);
    endFirstPass(state, index.count);
    index.trim();
    this.info = result.info;
    this.problem = result.problem;
    this.bytes = result.bytes;
    opts.onProgress?.({ bytesRead: source.size, totalBytes: source.size, packets: index.count });
    return { packets: index.count, info: result.info, problem: result.problem, complete };
  }

  /** The packet the first pass is reading (its packetIndex). */
  private reading = 0;

  /** First pass over one record: index it, dissect it, keep its columns. */
  private firstPass(rec: CaptureRecord): void {
    const index = this.index;
    const state = this.state;
    const p = this.packet;
    // Before append: if the index cannot grow, this is the packet that is dropped.
    this.reading = index.count;
    const i = index.append(rec);
    if (i === 0) {
      // Wireshark's reference is the first frame, whatever it is: a frame without a timestamp (a simple packet
      // block, a custom block) counts as time zero, so later frames show their absolute time.
      const noTs = Number.isNaN(rec.tsSec);
      state.refSec = noTs ? 0 : rec.tsSec;
      state.refNs = noTs ? 0 : rec.tsNs;
    }
    this.setupPacket(p, i, rec.data, rec);
    dissectFrame(p);
    index.setProtocol(i, p.protocol);
    index.setStack(i, p.stack);
    if (p.malformed) index.flags[i] |= RowFlag.Malformed;
  }

  private setupPacket(p: Packet, i: number, data: Uint8Array, rec?: CaptureRecord): void {
    const index = this.index;
    p.reset(i, data);
    p.capLen = index.capLen[i];
    p.origLen = index.origLen(i);
    p.tsSec = index.seconds(i);
    p.tsNs = index.tsNs[i];
    const iface = index.interfaceOf(i);
    p.interfaceId = iface;
    if (iface < 0) {
      const block = index.blocks.get(i);
      p.linkType = LINKTYPE_PCAPNG_BLOCK;
      p.blockType = block?.[0] ?? 0;
      p.pen = block?.[1] ?? 0;
    } else {
      p.linkType = rec ? rec.linkType : (this.state.interfaces[iface]?.linkType ?? 0);
      p.blockType = 0;
      p.pen = 0;
    }
    p.flags = rec ? rec.flags : 0;
    p.comments = index.comments.get(i) ?? null;
  }

  /** The captured bytes of one packet. */
  async packetBytes(i: number): Promise<Uint8Array> {
    if (!this.bytes) throw new Error('no capture is open');
    return this.bytes.read(this.index.offsetOf(i), this.index.capLen[i]);
  }

  /**
   * Second pass over packets [start, end): re-read their bytes in large batches and dissect each with columns and
   * the given sink; `each` sees the packet after dissection. Read-only with respect to the first pass's state.
   */
  async dissectRange(start: number, end: number, sink: Sink, each: (p: Packet, cols: Columns) => void): Promise<void> {
    const n = Math.max(0, end - start);
    await this.dissectSome(n, (k) => start + k, sink, each);
  }

  /**
   * Second pass over some packets (0-based indices, ascending): like dissectRange, but packets whose bytes lie
   * close together are read at once even when others lie between them (the rows of a filtered list).
   */
  async dissectPackets(
    indices: ArrayLike<number>,
    sink: Sink,
    each: (p: Packet, cols: Columns) => void,
  ): Promise<void> {
    await this.dissectSome(indices.length, (k) => indices[k], sink, each);
  }

  private async dissectSome(
    n: number,
    at: (k: number) => number,
    sink: Sink,
    each: (p: Packet, cols: Columns) => void,
  ): Promise<void> {
    if (!this.bytes) throw new Error('no capture is open');
    const index = this.index;
    const p = this.shown;
    const cols: Columns = { protocol: '', info: '', src: '', dst: '' };
    const batch: number[] = [];
    let k = 0;
    while (k < n) {
      // A batch: packets whose bytes lie in one window of the file.
      const first = at(k);
      const from = index.offsetOf(first);
      batch.length = 0;
      batch.push(first);
      let end = from + index.capLen[first];
      k++;
      while (k < n) {
        const i = at(k);
        const stop = index.offsetOf(i) + index.capLen[i];
        if (index.offsetOf(i) < from || stop - from > BATCH_BYTES) break;
        batch.push(i);
        if (stop > end) end = stop;
        k++;
      }
      const buf = await this.bytes.read(from, end - from);
      const peers = await this.prefetch(batch, from, buf);
      for (const i of batch) {
        const rel = index.offsetOf(i) - from;
        p.pass = 2;
        p.state = this.state;
        p.cols = cols;
        p.sink = sink;
        this.setupPacket(p, i, buf.subarray(rel, rel + index.capLen[i]));
        p.peers = peers;
        dissectFrame(p);
        cols.protocol = p.protocol;
        each(p, cols);
      }
    }
    p.cols = null;
    p.sink = NULL_SINK;
    p.peers = null;
    p.pass = 1;
  }

  /**
   * The bytes of other packets that the batch's packets need in the second pass (reassembled messages), read from
   * the file: from the batch buffer when they lie in it, else one read each. Null when none are needed.
   */
  private async prefetch(
    batch: readonly number[],
    from: number,
    buf: Uint8Array,
  ): Promise<Map<number, Uint8Array> | null> {
    const needs = new Set<number>();
    for (const k of batch) prefetchNeeds(this.state, k, needs);
    if (needs.size === 0 || !this.bytes) return null;
    const index = this.index;
    const out = new Map<number, Uint8Array>();
    for (const n of needs) {
      if (n < 0 || n >= index.count) continue;
      const rel = index.offsetOf(n) - from;
      if (rel >= 0 && rel + index.capLen[n] <= buf.length) out.set(n, buf.subarray(rel, rel + index.capLen[n]));
      else out.set(n, await this.bytes.read(index.offsetOf(n), index.capLen[n]));
    }
    return out;
  }

  /** Packet-list rows for [start, start + count). */
  async rows(start: number, count: number): Promise<PacketRow[]> {
    const end = Math.min(this.index.count, start + count);
    const out: PacketRow[] = [];
    await this.dissectRange(start, end, NULL_SINK, (p, cols) => {
      out.push({
        frameNumber: p.frameNumber,
        time: this.timeText(p.index),
        source: cols.src,
        destination: cols.dst,
        protocol: cols.protocol,
        length: p.origLen,
        info: cols.info,
      });
    });
    return out;
  }

  /** The detail tree of packet `i` (dissected again with a tree sink), its data sources and related frames. */
  detail(i: number): Promise<PacketDetail> {
    return packetDetail(this, i);
  }

  /** Seconds since the first packet, with the digits of the packet's timestamp resolution (the Time column). */
  timeText(i: number): string {
    const t = this.relative(i);
    if (!t) return '';
    const iface = this.state.interfaces[this.index.interfaceOf(i)];
    return formatRelTime(t.sec, t.ns, iface?.tsDigits ?? 6);
  }

  /** frame.time_relative as exact seconds and nanoseconds, or null without timestamps. */
  relative(i: number): { sec: number; ns: number } | null {
    const p = this.shown;
    p.state = this.state;
    p.tsSec = this.index.seconds(i);
    p.tsNs = this.index.tsNs[i];
    return relativeTime(p);
  }
}
