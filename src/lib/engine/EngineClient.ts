// The one place that owns the engine's Web Worker and Comlink. The rest of the page talks to this class and imports
// only the engine API's types: no packet bytes are parsed on the main thread.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { Remote } from 'comlink';
import type { EngineApi } from '../../../workers/engine-api';
import type {
  CaptureProperties,
  ConversationStats,
  ProtocolHierarchy,
  EngineLike,
  ExpertInfo,
  HttpStats,
  IoGraph,
  FieldSuggestion,
  FollowKind,
  FollowStream,
  FilterApplied,
  FilterCheck,
  HttpObjectList,
  ListColumn,
  ListRow,
  OpenProgress,
  OpenSummary,
  PacketDetail,
  SequenceDiagram,
  TcpStreamGraph,
  TimeFormat,
} from './types';

interface Running {
  worker: Worker;
  remote: Remote<EngineApi>;
  /** Rejects if the worker dies (fails to load, or an error escapes it): calls waiting on it must not hang. */
  failed: Promise<never>;
}

export class EngineClient implements EngineLike {
  private running: Running | null = null;

  /** The worker starts on first use, so the first screen does not wait for it. */
  private start(): Running {
    if (this.running) return this.running;
    const worker = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'wirelens-engine',
    });
    const failed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new Error(`the engine stopped working${e.message ? ` (${e.message})` : ''}`));
        // The next call starts a fresh worker.
        if (this.running?.worker === worker) this.dispose();
      });
    });
    failed.catch(() => undefined); // Reported through the calls that race it.
    this.running = { worker, remote: wrap<EngineApi>(worker), failed };
    return this.running;
  }

  /**
   * Start the worker now, before anything is asked of it: called once the first screen is drawn, so that loading and
   * compiling the engine happens while the person chooses a file rather than after.
   */
  warm(): void {
    this.start();
  }

  private call<T>(fn: (remote: Remote<EngineApi>) => Promise<T>): Promise<T> {
    const { remote, failed } = this.start();
    return Promise.race([fn(remote), failed]);
  }

  /** Hands the File object itself to the worker (structured clone passes the handle, not the bytes). */
  open(file: Blob, onProgress: (p: OpenProgress) => void, maxPackets?: number): Promise<OpenSummary> {
    return this.call((remote) => remote.open(file, proxy(onProgress), maxPackets));
  }

  cancel(): Promise<void> {
    return this.running ? this.call((remote) => remote.cancel()) : Promise.resolve();
  }

  rows(start: number, count: number, time: TimeFormat): Promise<ListRow[]> {
    return this.call((remote) => remote.rows(start, count, time));
  }

  count(): Promise<number> {
    return this.call((remote) => remote.count());
  }

  sort(column: ListColumn, descending: boolean): Promise<number> {
    return this.call((remote) => remote.sort(column, descending));
  }

  positionOf(frameNumber: number): Promise<number> {
    return this.call((remote) => remote.positionOf(frameNumber));
  }

  detail(packetIndex: number): Promise<PacketDetail> {
    return this.call((remote) => remote.detail(packetIndex));
  }

  detailAt(position: number): Promise<PacketDetail | null> {
    return this.call((remote) => remote.detailAt(position));
  }

  checkFilter(text: string): Promise<FilterCheck> {
    return this.call((remote) => remote.checkFilter(text));
  }

  applyFilter(text: string): Promise<FilterApplied> {
    return this.call((remote) => remote.applyFilter(text));
  }

  suggest(prefix: string, limit?: number): Promise<FieldSuggestion[]> {
    return this.call((remote) => remote.suggest(prefix, limit));
  }

  /** The diagram's typed arrays and packed strings come transferred, not copied. */
  sequence(
    opts: { of?: number; raw?: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<SequenceDiagram> {
    return this.call((remote) => remote.sequence(opts, onProgress ? proxy(onProgress) : undefined));
  }

  /** The graph's columns come transferred, not copied. */
  streamGraph(
    tcpStream: number,
    direction?: 0 | 1,
    onProgress?: (done: number, total: number) => void,
  ): Promise<TcpStreamGraph> {
    return this.call((remote) => remote.streamGraph(tcpStream, direction, onProgress ? proxy(onProgress) : undefined));
  }

  /** The chunks' bytes and columns come transferred, not copied. */
  follow(stream: number, kind: FollowKind): Promise<FollowStream> {
    return this.call((remote) => remote.follow(stream, kind));
  }

  streamOf(packetIndex: number): Promise<{ tcp: number; udp: number }> {
    return this.call((remote) => remote.streamOf(packetIndex));
  }

  httpObjects(onProgress?: (done: number, total: number) => void): Promise<HttpObjectList> {
    return this.call((remote) => remote.httpObjects(onProgress ? proxy(onProgress) : undefined));
  }

  /** The body comes transferred, not copied. */
  httpObjectBody(id: number): Promise<Uint8Array> {
    return this.call((remote) => remote.httpObjectBody(id));
  }

  /** The HAR's bytes come transferred, not copied. */
  httpHar(onProgress?: (done: number, total: number) => void): Promise<Uint8Array> {
    return this.call((remote) => remote.httpHar(onProgress ? proxy(onProgress) : undefined));
  }

  /** The lines' columns come transferred, not copied. */
  ioGraph(
    filters: string[],
    opts: { intervalUs?: number; displayedOnly?: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<IoGraph> {
    return this.call((remote) => remote.ioGraph(filters, opts, onProgress ? proxy(onProgress) : undefined));
  }

  expertInfo(onProgress?: (done: number, total: number) => void): Promise<ExpertInfo> {
    return this.call((remote) => remote.expertInfo(onProgress ? proxy(onProgress) : undefined));
  }

  httpStats(onProgress?: (done: number, total: number) => void): Promise<HttpStats> {
    return this.call((remote) => remote.httpStats(onProgress ? proxy(onProgress) : undefined));
  }

  conversations(limit: boolean, onProgress?: (done: number, total: number) => void): Promise<ConversationStats> {
    return this.call((remote) => remote.conversations(limit, onProgress ? proxy(onProgress) : undefined));
  }

  hierarchy(onProgress?: (done: number, total: number) => void): Promise<ProtocolHierarchy> {
    return this.call((remote) => remote.hierarchy(onProgress ? proxy(onProgress) : undefined));
  }

  properties(): Promise<CaptureProperties> {
    return this.call((remote) => remote.properties());
  }

  dispose(): void {
    const running = this.running;
    this.running = null;
    if (!running) return;
    running.remote[releaseProxy]();
    running.worker.terminate();
  }
}
