// The engine as the page sees it: the object the worker exposes through Comlink (engine.worker.ts) and its type.
// The page imports only the *type* (EngineApi and the wire types below); everything here runs in the worker, or in
// Node for the unit tests.
import type { CaptureProblem, Compression, CaptureFormat } from './capture/types';
import { blobSource } from './capture/source';
import { transfer } from 'comlink';
import { decompress as brotliDecompress } from 'brotli/decompress';
import { codecs } from './dissect/codecs';
import { Engine } from './engine';
import type { OpenProgress, PacketRow } from './engine';
import type {
  FieldSuggestion,
  FilterApplied,
  FilterCheck,
  ListColumn,
  ListRow,
  PacketDetail,
  SequenceDiagram,
  TcpStreamGraph,
  TimeFormat,
} from './types';
import { compileFilterBar, filterPackets } from './filter';
import type { FilterBarResult } from './filter';
import { allFields } from './dissect/registry';
import { PacketView } from './view';
import { conversationOf, emptyDiagram, sequenceOf, sequenceTransfer } from './flows/sequence';
import { streamGraphOf, streamGraphTransfer } from './flows/stream-graph';
import { ioGraphOf, ioGraphTransfer } from './stats/io';
import { emptyExpertInfo, expertInfoOf } from './stats/expert';
import { emptyHttpStats, httpStatsOf } from './stats/http-stats';
import type { ExpertInfo, HttpStats, IoGraph } from './types';
import { emptyFollow, followOf, followTransfer, streamsOfPacket } from './flows/follow';
import type { FollowKind, FollowStream } from './flows/follow';
import { httpObjectsOf, objectBody } from './flows/http-objects';
import type { HttpObjects } from './flows/http-objects';
import { harOf } from './flows/har';
import type { HttpObjectList } from './types';
import { conversationsOf, emptyConversations } from './stats/conversations';
import { hierarchyOf } from './stats/hierarchy';
import { capturePropertiesOf } from './stats/properties';
import { sha256OfBlob } from './stats/sha256';
import type { CaptureProperties, ConversationStats, ProtocolHierarchy } from './types';
import { macrotask } from './macrotask';

export type { CaptureProblem, OpenProgress, PacketRow };
export type { FieldSuggestion, FilterApplied, FilterCheck, ListColumn, ListRow, SequenceDiagram, TimeFormat };
export type { TcpStreamGraph };
export type { ExpertInfo, HttpStats, IoGraph };
export type { FollowKind, FollowStream };

/** The filter bar's state for a compiled text. */
function checkOf(text: string, result: FilterBarResult): FilterCheck {
  if (!text.trim()) return { state: 'empty', message: '', start: 0, length: 0, translated: '' };
  if (!result.ok) return { state: 'invalid', ...result.error, translated: '' };
  const translated = result.translated ?? '';
  const w = result.filter.warnings[0];
  if (result.filter.deprecated.length || w)
    return {
      state: 'deprecated',
      message:
        result.filter.warnings.map((x) => x.message).join(' ') || `Deprecated: ${result.filter.deprecated.join(', ')}`,
      start: w?.start ?? 0,
      length: w?.length ?? 0,
      translated,
    };
  return { state: 'valid', message: '', start: 0, length: 0, translated };
}

/** Every field and protocol name with its description, sorted, for autocomplete (built once). */
let suggestions: FieldSuggestion[] | null = null;
function allSuggestions(): FieldSuggestion[] {
  suggestions ??= allFields()
    .map((f) => ({
      name: f.abbrev,
      label: f.name,
      description: f.type === 'protocol' ? f.name : f.description ? `${f.name}: ${f.description}` : f.name,
      type: f.type,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return suggestions;
}

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
const PROGRESS_MS = 250;

/** Progress goes out without waiting PROGRESS_MS until this many packets are in (more than a screen of rows). */
const FIRST_SCREEN = 300;

/** How long the first pass may run before it lets the worker handle messages (a Cancel, a new file). */
const YIELD_MS = 30;

// In the browser, brotli bodies are decoded by a JavaScript decoder.
codecs.brotli = brotliDecompress;

export function createEngineApi() {
  /** The capture the page is looking at (rows come from it), also while it is still being read. */
  let engine: Engine | null = null;
  /** Its packet list: display order and rows. */
  let view: PacketView | null = null;
  /** The filter being applied, if any: a newer one (or a new capture) aborts it. */
  let filtering: AbortController | null = null;
  /** The load under way, if any. */
  let loading: AbortController | null = null;
  /** The sequence diagram being built, if any: a newer one, a new capture or a cancel stops it. */
  let sequencing: AbortController | null = null;
  /** The TCP stream graph being built, if any: a newer one (or a new capture) cancels it. */
  let graphing: AbortController | null = null;
  /** The I/O graph, Expert Information and HTTP statistics being worked out: a newer call (or capture) stops each. */
  let ioing: AbortController | null = null;
  let experting: AbortController | null = null;
  let httpStating: AbortController | null = null;
  /** Conversations/endpoints and the protocol hierarchy being worked out: a newer call (or a new capture) stops them. */
  let conversing: AbortController | null = null;
  let hierarching: AbortController | null = null;
  /** The file opened (for its size and checksum) and its SHA-256 once computed. */
  let opened: { file: Blob; name: string; sha256: Promise<string> | null } | null = null;

  /** The displayed packets (0-based indices) in capture order, whatever the list's sort. */
  const displayed = (v: PacketView): Uint32Array => {
    const shown = new Uint32Array(v.count);
    let ascending = true;
    for (let pos = 0; pos < shown.length; pos++) {
      shown[pos] = v.packetAt(pos);
      if (pos > 0 && shown[pos] < shown[pos - 1]) ascending = false;
    }
    if (!ascending) shown.sort();
    return shown;
  };
  /** The Follow stream being read, if any: a newer one (or a new capture) cancels it. */
  let following: AbortController | null = null;
  /** The HTTP objects of the open capture, once listed (bodies are read again on demand), and the listing under way. */
  let objects: { of: Engine; list: Promise<HttpObjects | null> } | null = null;
  let listing: AbortController | null = null;

  /**
   * Once a capture is open, and before anyone clicks: build the detail of its first few packets and throw it away.
   * The first detail the engine builds costs over 100 ms more than later ones (the tree code is compiled on first
   * use); done here, the person's first click costs what every later one does.
   */
  const warmUp = (of: Engine): void => {
    const n = Math.min(of.count, 16);
    void (async () => {
      for (let i = 0; i < n && engine === of; i++) await of.detail(i).catch(() => undefined);
    })();
  };

  return {
    /**
     * Read `file` (the File itself, never a copy of its bytes on the main thread), reporting progress. A new open
     * cancels the load under way. Resolves when the first pass has finished or was cancelled.
     */
    async open(file: Blob, onProgress?: (p: OpenProgress) => void, maxPackets?: number): Promise<OpenSummary> {
      loading?.abort();
      filtering?.abort();
      ioing?.abort();
      experting?.abort();
      httpStating?.abort();
      sequencing?.abort();
      graphing?.abort();
      following?.abort();
      listing?.abort();
      objects = null;
      conversing?.abort();
      hierarching?.abort();
      opened = { file, name: (file as Partial<File>).name ?? 'capture', sha256: null };
      const controller = new AbortController();
      loading = controller;
      const next = new Engine();
      // Rows of the new capture can be asked for while it loads; the old one is gone.
      engine = next;
      view = new PacketView(next);
      let last = 0;
      const name = (file as Partial<File>).name ?? 'capture';
      try {
        let lastTurn = Date.now();
        const result = await next.open(blobSource(file, name), {
          // Reads of a Blob's stream can be answered from its queue without ever letting a message in, and a Cancel
          // must not wait for the end of the file: the event loop gets a turn every YIELD_MS.
          between: () => {
            if (Date.now() - lastTurn < YIELD_MS) return undefined;
            return macrotask().then(() => {
              lastTurn = Date.now();
            });
          },
          signal: controller.signal,
          maxPackets,
          progressEvery: 256,
          onProgress: (p) => {
            const now = Date.now();
            // Until a screenful of rows is in, every report goes out: the list shows them at once.
            const early = p.packets <= FIRST_SCREEN;
            if (!onProgress || (now - last < PROGRESS_MS && p.bytesRead < p.totalBytes && !early)) return;
            last = now;
            onProgress(p);
          },
        });
        if (result.packets > 0 && !controller.signal.aborted) setTimeout(() => warmUp(next), 0);
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
      sequencing?.abort();
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

    /** How the filter bar should show `text` (valid, invalid with the error's place, deprecated, a capture filter). */
    checkFilter(text: string): FilterCheck {
      return checkOf(text, compileFilterBar(text));
    },

    /**
     * Apply a display filter (or a capture filter, translated) to the packet list; the empty text shows every packet.
     * A newer call cancels this one, which then resolves with complete: false and leaves the list as it was.
     */
    async applyFilter(text: string, onProgress?: (done: number, total: number) => void): Promise<FilterApplied> {
      filtering?.abort();
      const controller = new AbortController();
      filtering = controller;
      const result = compileFilterBar(text);
      const check = checkOf(text, result);
      const target = view;
      if (!result.ok || !engine || !target) return { ...check, displayed: target?.count ?? 0, complete: true };
      try {
        const indices = result.filter.empty
          ? null
          : await filterPackets(engine, result.filter, {
              signal: controller.signal,
              onProgress: onProgress ? (p) => onProgress(p.done, p.total) : undefined,
            });
        if (controller.signal.aborted || target !== view) return { ...check, displayed: target.count, complete: false };
        await target.setDisplayed(indices);
        return { ...check, displayed: target.count, complete: true };
      } catch (e) {
        if (controller.signal.aborted) return { ...check, displayed: target.count, complete: false };
        throw e;
      } finally {
        if (filtering === controller) filtering = null;
      }
    },

    /** Field and protocol names starting with `prefix`, for autocomplete (at most `limit`). */
    suggest(prefix: string, limit = 50): FieldSuggestion[] {
      const all = allSuggestions();
      const p = prefix.toLowerCase();
      // Binary search for the first name ≥ prefix, then take while it starts with it.
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (all[mid].name < p) lo = mid + 1;
        else hi = mid;
      }
      const out: FieldSuggestion[] = [];
      for (let i = lo; i < all.length && out.length < limit && all[i].name.startsWith(p); i++) out.push(all[i]);
      return out;
    },

    /** The detail tree, data sources and related frames of packet `packetIndex` (0-based) of the open capture. */
    detail(packetIndex: number): Promise<PacketDetail> {
      return engine ? engine.detail(packetIndex) : Promise.reject(new Error('no capture is open'));
    },

    /** The detail of the packet at display position `position` (one call where rows + detail would be two). */
    detailAt(position: number): Promise<PacketDetail | null> {
      if (!engine || !view || position < 0 || position >= view.count) return Promise.resolve(null);
      return engine.detail(view.packetAt(position));
    },

    /**
     * The sequence diagram of the displayed packets (the display filter's result, in frame order whatever the list's
     * sort); with `of` (a 0-based packet index), of that packet's conversation only: its TCP stream, else its UDP
     * stream, else its IP address pair. `raw` for raw sequence numbers in the TCP labels. Built in slices that let
     * other calls in (yielding about every 25 ms), reporting progress; a newer sequence call, a new capture or
     * cancel() stops it, and it resolves with complete: false and no arrows. The typed arrays are transferred.
     */
    async sequence(
      opts: { of?: number; raw?: boolean } = {},
      onProgress?: (done: number, total: number) => void,
    ): Promise<SequenceDiagram> {
      sequencing?.abort();
      const controller = new AbortController();
      sequencing = controller;
      try {
        if (!engine || !view) throw new Error('no capture is open');
        const target = engine;
        const shown = new Uint32Array(view.count);
        let ascending = true;
        for (let pos = 0; pos < shown.length; pos++) {
          shown[pos] = view.packetAt(pos);
          if (pos > 0 && shown[pos] < shown[pos - 1]) ascending = false;
        }
        if (!ascending) shown.sort();
        const of = opts.of === undefined ? { conversation: '' } : await conversationOf(target, opts.of);
        let last = 0;
        const d =
          opts.of !== undefined && of.stream === undefined && of.udpStream === undefined && !of.pair
            ? emptyDiagram(of.conversation, true)
            : await sequenceOf(target, shown, {
                ...of,
                raw: opts.raw,
                signal: controller.signal,
                onProgress: onProgress
                  ? (done, total) => {
                      const now = Date.now();
                      if (now - last < PROGRESS_MS && done < total) return;
                      last = now;
                      onProgress(done, total);
                    }
                  : undefined,
              });
        const result = controller.signal.aborted ? emptyDiagram(d.conversation) : d;
        return transfer(result, sequenceTransfer(result));
      } finally {
        if (sequencing === controller) sequencing = null;
      }
    },

    /**
     * The TCP stream graph (tcptrace / Stevens) of TCP stream `tcpStream` of the open capture, of all its packets
     * whatever the display filter: the segments of `direction` (by default the one that carried more payload) and the
     * other side's ACKs, window and SACK blocks. The columns are transferred, not copied. A newer call (or a new
     * capture) cancels this one, which then resolves with complete: false and empty columns; an unknown stream
     * rejects with a RangeError. `onProgress` hears how many of the stream's packets were read (it takes about 1 s
     * per 100,000).
     */
    async streamGraph(
      tcpStream: number,
      direction?: 0 | 1,
      onProgress?: (done: number, total: number) => void,
    ): Promise<TcpStreamGraph> {
      if (!engine) throw new Error('no capture is open');
      graphing?.abort();
      const controller = new AbortController();
      graphing = controller;
      try {
        const graph = await streamGraphOf(engine, tcpStream, { direction, signal: controller.signal, onProgress });
        return transfer(graph, streamGraphTransfer(graph));
      } finally {
        if (graphing === controller) graphing = null;
      }
    },

    /**
     * Follow TCP stream `stream` (Wireshark's Follow TCP/HTTP Stream), all its packets whatever the display filter:
     * its payload in order as chunks from the client (direction 0, the side that sent the stream's first packet) or
     * the server, or with kind 'http' its HTTP messages with bodies de-chunked and decompressed. The chunks' bytes and
     * columns are transferred. An unknown stream gives exists: false; a newer call or a new capture, complete: false.
     */
    async follow(stream: number, kind: FollowKind = 'tcp'): Promise<FollowStream> {
      following?.abort();
      if (!engine) return emptyFollow(stream, kind, false, true);
      const controller = new AbortController();
      following = controller;
      try {
        const f = await followOf(engine, stream, kind === 'http' ? 'http' : 'tcp', { signal: controller.signal });
        return transfer(f, followTransfer(f));
      } finally {
        if (following === controller) following = null;
      }
    },

    /** The TCP and UDP stream (tcp.stream, udp.stream) of packet `packetIndex` (0-based); -1 when it has none. */
    streamOf(packetIndex: number): Promise<{ tcp: number; udp: number }> {
      return engine ? streamsOfPacket(engine, packetIndex) : Promise.resolve({ tcp: -1, udp: -1 });
    },

    /**
     * The HTTP objects of the whole capture (as Wireshark's Export Objects › HTTP, whatever the display filter): every
     * message body with its frame, host, content type, decoded size and file name, and the resources stitched from
     * 206 parts. Listed once per capture (the first call reads the HTTP messages again, yielding every ~25 ms); a new
     * capture stops it (complete: false).
     */
    async httpObjects(onProgress?: (done: number, total: number) => void): Promise<HttpObjectList> {
      if (!engine) throw new Error('no capture is open');
      if (!objects || objects.of !== engine) {
        listing?.abort();
        const controller = new AbortController();
        listing = controller;
        const target = engine;
        objects = {
          of: target,
          list: httpObjectsOf(target, { signal: controller.signal, onProgress }).finally(() => {
            if (listing === controller) listing = null;
          }),
        };
      }
      const mine = objects;
      const list = await mine.list;
      if (!list) {
        if (objects === mine) objects = null;
        return { objects: [], complete: false };
      }
      return { objects: list.objects, complete: true };
    },

    /** The bytes of HTTP object `id` (of httpObjects), transferred: the body, or the stitched parts in place. */
    async httpObjectBody(id: number): Promise<Uint8Array> {
      if (!engine) throw new Error('no capture is open');
      const list = objects?.of === engine ? await objects.list : null;
      const source = list?.sources[id];
      if (!source) throw new RangeError(`no HTTP object ${id}`);
      const body = await objectBody(engine, source);
      return transfer(body, [body.buffer]);
    },

    /**
     * Every HTTP transaction of the capture as a HAR 1.2 log (JSON, UTF-8 bytes, transferred), whatever the display
     * filter; bodies as text, or base64 when binary.
     */
    async httpHar(onProgress?: (done: number, total: number) => void): Promise<Uint8Array> {
      if (!engine) throw new Error('no capture is open');
      const har = await harOf(engine, { onProgress });
      if (!har) throw new Error('the HAR export was stopped');
      const bytes = new TextEncoder().encode(JSON.stringify(har, null, 1));
      return transfer(bytes, [bytes.buffer]);
    },

    /**
     * The I/O graph (Statistics › I/O Graphs; tshark -z io,stat): for each display filter of `filters` ("" for all
     * packets) a line of packets and bytes per interval of `intervalUs` µs (default: picked for at most 500
     * intervals; an interval giving more than 1,000,000 is widened), from the capture's first packet. With
     * `displayedOnly`, only the displayed packets count. An invalid filter gives a line with its error. A newer call
     * (or a new capture) stops this one: complete: false, no lines. The columns are transferred.
     */
    async ioGraph(
      filters: string[],
      opts: { intervalUs?: number; displayedOnly?: boolean } = {},
      onProgress?: (done: number, total: number) => void,
    ): Promise<IoGraph> {
      ioing?.abort();
      const controller = new AbortController();
      ioing = controller;
      const stopped: IoGraph = { intervalUs: 0, buckets: 0, durationNs: 0, lines: [], complete: false };
      try {
        if (!engine || !view) throw new Error('no capture is open');
        const g = await ioGraphOf(engine, filters, {
          intervalUs: opts.intervalUs,
          within: opts.displayedOnly ? displayed(view) : null,
          signal: controller.signal,
          onProgress,
        });
        return transfer(g, ioGraphTransfer(g));
      } catch (e) {
        if (controller.signal.aborted) return stopped;
        throw e;
      } finally {
        if (ioing === controller) ioing = null;
      }
    },

    /**
     * Expert Information (Analyze › Expert Information; tshark -z expert) of the displayed packets: every note by
     * severity, group, protocol and summary, with its count and frames (one transferred Uint32Array). A newer call (or
     * a new capture) stops this one: complete: false.
     */
    async expertInfo(onProgress?: (done: number, total: number) => void): Promise<ExpertInfo> {
      experting?.abort();
      const controller = new AbortController();
      experting = controller;
      try {
        if (!engine || !view) throw new Error('no capture is open');
        const info = await expertInfoOf(engine, displayed(view), { signal: controller.signal, onProgress });
        return transfer(info, [info.frames.buffer as ArrayBuffer]);
      } catch (e) {
        if (controller.signal.aborted) return emptyExpertInfo(false);
        throw e;
      } finally {
        if (experting === controller) experting = null;
      }
    },

    /**
     * HTTP statistics of the displayed packets (tshark -z http,tree, http_req,tree, http_srv,tree). A newer call (or a
     * new capture) stops this one: complete: false.
     */
    async httpStats(onProgress?: (done: number, total: number) => void): Promise<HttpStats> {
      httpStating?.abort();
      const controller = new AbortController();
      httpStating = controller;
      try {
        if (!engine || !view) throw new Error('no capture is open');
        return await httpStatsOf(engine, displayed(view), { signal: controller.signal, onProgress });
      } catch (e) {
        if (controller.signal.aborted) return emptyHttpStats(false);
        throw e;
      } finally {
        if (httpStating === controller) httpStating = null;
      }
    },

    /**
     * Conversations and endpoints (Statistics › Conversations / Endpoints; tshark -z conv,… / -z endpoints,…) for
     * Ethernet, IPv4, IPv6, TCP and UDP, of the displayed packets (`limit`, the default) or of all packets. A newer call
     * (or a new capture) stops this one: complete: false and empty tables.
     */
    async conversations(limit = true, onProgress?: (done: number, total: number) => void): Promise<ConversationStats> {
      conversing?.abort();
      const controller = new AbortController();
      conversing = controller;
      try {
        if (!engine || !view) throw new Error('no capture is open');
        const which = limit ? displayed(view) : Uint32Array.from({ length: engine.count }, (_, i) => i);
        return await conversationsOf(engine, which, { signal: controller.signal, onProgress });
      } catch (e) {
        if (controller.signal.aborted) return emptyConversations(false);
        throw e;
      } finally {
        if (conversing === controller) conversing = null;
      }
    },

    /**
     * The protocol hierarchy (Statistics › Protocol Hierarchy; tshark -z io,phs) of the displayed packets. A newer
     * call (or a new capture) stops this one: complete: false and no nodes.
     */
    async hierarchy(onProgress?: (done: number, total: number) => void): Promise<ProtocolHierarchy> {
      hierarching?.abort();
      const controller = new AbortController();
      hierarching = controller;
      try {
        if (!engine || !view) throw new Error('no capture is open');
        return await hierarchyOf(engine, displayed(view), { signal: controller.signal, onProgress });
      } catch (e) {
        if (controller.signal.aborted) return { roots: [], frames: 0, bytes: 0, complete: false };
        throw e;
      } finally {
        if (hierarching === controller) hierarching = null;
      }
    },

    /**
     * Capture file properties (Statistics › Capture File Properties; capinfos) of the open capture, with the file's
     * SHA-256 (read from the file in pieces, once per capture).
     */
    async properties(): Promise<CaptureProperties> {
      const target = engine;
      const file = opened;
      if (!target || !file) throw new Error('no capture is open');
      file.sha256 ??= sha256OfBlob(file.file);
      const sha = await file.sha256;
      return capturePropertiesOf(target, { name: file.name, size: file.file.size }, sha);
    },
  };
}

export const engineApi = createEngineApi();

/** The worker's API, as EngineClient sees it through Comlink. */
export type EngineApi = ReturnType<typeof createEngineApi>;
