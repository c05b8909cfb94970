// What the page knows of the engine: the wire types (imported as types only from the worker side) and the small
// interface the page state needs, which EngineClient implements over the worker and the unit tests implement with
// the engine itself in Node.
import type { FollowKind, FollowStream, OpenProgress, OpenSummary } from '../../../workers/engine-api';
import type {
  CaptureProperties,
  ConversationStats,
  ProtocolHierarchy,
  ExpertInfo,
  HttpStats,
  IoGraph,
  FieldSuggestion,
  FilterApplied,
  FilterCheck,
  HttpObjectList,
  ListColumn,
  ListRow,
  PacketDetail,
  SequenceDiagram,
  TcpStreamGraph,
  TimeFormat,
} from '../../../workers/types';

export type { CaptureProblem, FollowKind, FollowStream, OpenProgress, OpenSummary } from '../../../workers/engine-api';
export type {
  CaptureProperties,
  ConvType,
  Conversation,
  ConversationStats,
  Endpoint,
  HierarchyNode,
  InterfaceProperties,
  ProtocolHierarchy,
  DetailItem,
  ExpertEntry,
  ExpertInfo,
  ExpertSeverity,
  HttpStats,
  IoGraph,
  IoGraphLine,
  StatNode,
  FieldSuggestion,
  FilterApplied,
  FilterCheck,
  HttpObject,
  HttpObjectList,
  ListColumn,
  ListRow,
  PackedStrings,
  PacketDetail,
  Relation,
  SequenceDiagram,
  TcpStreamGraph,
  TimeFormat,
} from '../../../workers/types';

export interface EngineLike {
  /** `maxPackets`: read only the first this many packets (a file too big for the memory at hand). */
  open(file: Blob, onProgress: (p: OpenProgress) => void, maxPackets?: number): Promise<OpenSummary>;
  cancel(): Promise<void>;
  /** Rows at display positions [start, start + count). */
  rows(start: number, count: number, time: TimeFormat): Promise<ListRow[]>;
  /** Rows displayed. */
  count(): Promise<number>;
  sort(column: ListColumn, descending: boolean): Promise<number>;
  /** Display position of a frame number, -1 when not displayed. */
  positionOf(frameNumber: number): Promise<number>;
  /** The full tree and bytes of one packet (0-based packetIndex). */
  detail(packetIndex: number): Promise<PacketDetail>;
  /** The detail of the packet at a display position of the list; null when there is none. */
  detailAt(position: number): Promise<PacketDetail | null>;
  checkFilter(text: string): Promise<FilterCheck>;
  /** Apply a display filter to the list (a newer one cancels this one). */
  applyFilter(text: string): Promise<FilterApplied>;
  suggest(prefix: string, limit?: number): Promise<FieldSuggestion[]>;
  /**
   * The sequence diagram of the displayed packets, or with `of` (0-based packetIndex) of that packet's conversation;
   * `raw` for raw TCP sequence numbers. A newer call (or a new capture) stops it: complete: false.
   */
  sequence(
    opts: { of?: number; raw?: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<SequenceDiagram>;
  /**
   * The TCP stream graph (tcptrace) of TCP stream `tcpStream`, all its packets: the segments of `direction` (0: sent
   * by the side that opened the stream; by default the direction with more payload), the other side's ACKs, window
   * and SACK blocks. A newer call (or a new capture) stops it: complete: false. Rejects for an unknown stream.
   */
  streamGraph(
    tcpStream: number,
    direction?: 0 | 1,
    onProgress?: (done: number, total: number) => void,
  ): Promise<TcpStreamGraph>;
  /**
   * The I/O graph: one line per display filter ("" for all packets), packets and bytes per interval of `intervalUs`
   * (default: picked for at most 500 intervals), only the displayed packets with `displayedOnly`. A newer call stops
   * it: complete: false.
   */
  ioGraph(
    filters: string[],
    opts: { intervalUs?: number; displayedOnly?: boolean },
    onProgress?: (done: number, total: number) => void,
  ): Promise<IoGraph>;
  /** Expert Information of the displayed packets. A newer call stops it: complete: false. */
  expertInfo(onProgress?: (done: number, total: number) => void): Promise<ExpertInfo>;
  /** HTTP statistics (tshark's http, http_req and http_srv trees) of the displayed packets. */
  httpStats(onProgress?: (done: number, total: number) => void): Promise<HttpStats>;
  /** Conversations and endpoints of the displayed packets (`limit`) or of all. A newer call stops it: complete: false. */
  conversations(limit: boolean, onProgress?: (done: number, total: number) => void): Promise<ConversationStats>;
  /** The protocol hierarchy of the displayed packets. A newer call stops it: complete: false. */
  hierarchy(onProgress?: (done: number, total: number) => void): Promise<ProtocolHierarchy>;
  /** Capture file properties (capinfos), with the file's SHA-256. */
  properties(): Promise<CaptureProperties>;
  /**
   * Follow TCP stream `stream`: its payload in order as chunks of the client (0) and the server (1), or with 'http'
   * its HTTP messages with decoded bodies. Unknown stream: exists: false; a newer call stops it: complete: false.
   */
  follow(stream: number, kind: FollowKind): Promise<FollowStream>;
  /** tcp.stream and udp.stream of a packet (0-based packetIndex), -1 when it has none. */
  streamOf(packetIndex: number): Promise<{ tcp: number; udp: number }>;
  /** The HTTP objects of the whole capture (Export Objects › HTTP, with 206 parts stitched); not filtered. */
  httpObjects(onProgress?: (done: number, total: number) => void): Promise<HttpObjectList>;
  /** The bytes of HTTP object `id` of httpObjects (a stitched one's parts put in place). */
  httpObjectBody(id: number): Promise<Uint8Array>;
  /** Every HTTP transaction as a HAR 1.2 log: JSON as UTF-8 bytes. */
  httpHar(onProgress?: (done: number, total: number) => void): Promise<Uint8Array>;
}
