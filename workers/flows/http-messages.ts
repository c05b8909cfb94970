// Every HTTP message of a capture read again (second pass) with a small sink: its first line, its headers and its
// body as the HTTP dissector delivers it (reassembled, de-chunked, decompressed: the "File Data" item). The HTTP
// objects list and the HAR export are built from these. Packets are dissected in slices that yield to the event loop.
import type { Engine } from '../engine';
import type { Packet } from '../dissect/packet';
import type { FieldValue, Sink } from '../dissect/sinks';
import { decodeText } from '../dissect/sinks';
import { HTTP_STATE, hf } from '../dissect/protocols/http';
import { macrotask } from '../macrotask';

/** One HTTP request or response, as the second pass reads it. */
export interface HttpMessage {
  /** 0-based index of the packet the message is complete in (reassembled in). */
  packet: number;
  /** Its place among the HTTP messages of that packet (0 for the first). */
  ord: number;
  /** The HTTP dissector's message row (first pass), -1 when unknown. */
  msg: number;
  /** Its request/response pair (HttpState), -1 when unknown. */
  pair: number;
  request: boolean;
  method: string;
  uri: string;
  version: string;
  /** Status code of a response (0 for a request or a status line without one). */
  status: number;
  phrase: string;
  /** Header lines in order, as [name, value]. */
  headers: [string, string][];
  /** Bytes of the first line, the header lines and the blank line. */
  headersSize: number;
  /** Body bytes as delivered (after de-chunking and decoding); -1 when the message has no body. */
  bodySize: number;
  /** The body, when asked for. */
  body: Uint8Array | null;
}

/** A header's value (the first with that name, case-insensitive), or "". */
export function header(m: HttpMessage, name: string): string {
  const n = name.toLowerCase();
  for (const [k, v] of m.headers) if (k.toLowerCase() === n) return v;
  return '';
}

const IDS = new Set([
  hf.proto,
  hf.request,
  hf.response,
  hf.method,
  hf.uri,
  hf.requestVersion,
  hf.responseVersion,
  hf.code,
  hf.phrase,
  hf.requestLine,
  hf.responseLine,
  hf.fileData,
]);

/** Collects the HTTP messages of one packet from the HTTP dissector's fields. */
class MessageSink implements Sink {
  readonly active = true;
  /** Copy bodies out (all, or only those of these packets). */
  bodies: boolean | ReadonlySet<number> = false;
  /** Bytes of bodies that may still be copied; past it, bodies are measured but not copied. */
  budget = Infinity;
  messages: HttpMessage[] = [];
  /** The HTTP item being filled (null between messages, and for bytes that are not a message). */
  private cur: HttpMessage | null = null;
  private real = 0;

  clear(): void {
    this.messages = [];
    this.cur = null;
    this.real = 0;
  }

  wants(id: number): boolean {
    return IDS.has(id);
  }

  add(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined): void {
    if (id === hf.proto) {
      this.cur = null;
      return;
    }
    if (id === hf.request || id === hf.response) {
      const m: HttpMessage = {
        packet: p.index,
        ord: this.real++,
        msg: -1,
        pair: -1,
        request: id === hf.request,
        method: '',
        uri: '',
        version: '',
        status: 0,
        phrase: '',
        headers: [],
        headersSize: 2,
        bodySize: -1,
        body: null,
      };
      this.cur = m;
      this.messages.push(m);
      return;
    }
    const m = this.cur;
    if (!m) return;
    const str = () =>
      typeof value === 'string' ? value : decodeText(p.data.subarray(offset, offset + Math.max(0, length)));
    switch (id) {
      case hf.method:
        m.method = str();
        break;
      case hf.uri:
        m.uri = str();
        break;
      case hf.requestVersion:
      case hf.responseVersion:
        m.version = str();
        break;
      case hf.code:
        m.status = typeof value === 'number' ? value : 0;
        break;
      case hf.phrase:
        m.phrase = str();
        break;
      case hf.requestLine:
      case hf.responseLine: {
        const line = str()
          .replace(/\r?\n$/, '')
          .replace(/\r$/, '');
        const colon = line.indexOf(':');
        if (colon > 0) m.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
        else m.headers.push([line.trim(), '']);
        m.headersSize += line.length + 2;
        break;
      }
      case hf.fileData: {
        // The body lies in the buffer HTTP is dissecting now: the frame, the reassembled message, or the de-chunked
        // or decompressed body.
        const from = Math.max(0, offset);
        const to = Math.min(p.data.length, offset + Math.max(0, length));
        m.bodySize = Math.max(0, to - from);
        const want = this.bodies === true || (this.bodies !== false && this.bodies.has(p.index));
        if (want && to - from <= this.budget) {
          m.body = p.data.slice(from, to);
          this.budget -= to - from;
        }
        this.cur = null;
        break;
      }
    }
  }

  open(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined): void {
    this.add(p, id, offset, length, value);
  }

  close(): void {}

  text(): void {}
}

/** The first line's bytes (request line or status line with its CRLF). */
function firstLineSize(m: HttpMessage): number {
  return m.request
    ? m.method.length + 1 + m.uri.length + 1 + m.version.length + 2
    : m.version.length + 1 + String(m.status || '').length + 1 + m.phrase.length + 2;
}

/** The packets (0-based, ascending, once each) in which the first pass found an HTTP message complete. */
export function messagePackets(engine: Engine): Uint32Array {
  const st = engine.state.get(HTTP_STATE);
  const set = new Set<number>();
  for (let i = 0; i < st.msgs; i++) set.add(st.msgPkt[i]);
  return Uint32Array.from(set).sort();
}

export interface CollectOptions {
  /** Which packets to read (ascending); by default every packet that completes an HTTP message. */
  packets?: ArrayLike<number>;
  /** Copy the bodies out: all, or those of these packets. */
  bodies?: boolean | ReadonlySet<number>;
  /** At most this many bytes of bodies are copied (the rest keep body: null); no limit by default. */
  bodyBudget?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Yield to the event loop about this often (ms) so that the worker stays responsive. */
const YIELD_MS = 25;
const SLICE = 64;

/**
 * The HTTP messages of the capture (or of the given packets) in packet order, read again with their headers and,
 * when asked, their bodies. Null when the signal aborted it.
 */
export async function collectMessages(engine: Engine, opts: CollectOptions = {}): Promise<HttpMessage[] | null> {
  const packets = opts.packets ?? messagePackets(engine);
  const st = engine.state.get(HTTP_STATE);
  const sink = new MessageSink();
  sink.bodies = opts.bodies ?? false;
  sink.budget = opts.bodyBudget ?? Infinity;
  const out: HttpMessage[] = [];
  let last = performance.now();
  for (let done = 0; done < packets.length;) {
    if (opts.signal?.aborted) return null;
    const n = Math.min(SLICE, packets.length - done);
    const part = Uint32Array.from({ length: n }, (_, k) => packets[done + k]);
    await engine.dissectPackets(part, sink, (p) => {
      const first = st.firstMessage(p.index);
      for (const m of sink.messages) {
        m.headersSize += firstLineSize(m);
        const msg = first < 0 ? -1 : first + m.ord;
        if (msg >= 0 && msg < st.msgs && st.msgPkt[msg] === p.index) {
          m.msg = msg;
          m.pair = st.msgPair[msg];
        }
        out.push(m);
      }
      sink.clear();
    });
    done += n;
    opts.onProgress?.(done, packets.length);
    if (performance.now() - last >= YIELD_MS) {
      await macrotask();
      last = performance.now();
    }
  }
  return opts.signal?.aborted ? null : out;
}

/** The request of each response (by pair), among the messages read. */
export function requestsByPair(messages: readonly HttpMessage[]): Map<number, HttpMessage> {
  const out = new Map<number, HttpMessage>();
  for (const m of messages) if (m.request && m.pair >= 0 && !out.has(m.pair)) out.set(m.pair, m);
  return out;
}
