// The sequence diagram's data (issue 6): one arrow per displayed packet that has a network endpoint pair, between
// lanes ("host:port"), with Wireshark-style labels (TCP flags and relative seq/ack/len; the Info column otherwise),
// phase brackets (TCP handshake, HTTP request/response exchanges, TCP close) and the TCP state of both sides after
// each arrow (RFC 793's state machine driven by the observed segments). Plain data with typed-array columns, so that
// 100,000 arrows cross to the page in one structured clone without one object per arrow. The page draws it.
import type { Engine } from '../engine';
import { fieldByName } from '../dissect/registry';
import type { FieldValue } from '../dissect/sinks';
import type { SequenceDiagram } from '../types';
import { FieldSink } from '../dissect/sinks';
import { TCP_CONVERSATIONS } from './tcp';

export type { SequenceDiagram };

/** TCP states (RFC 793 names), indexed by the values of SequenceDiagram.fromState/toState. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type TcpStateName = (typeof TCP_STATES)[number];

const CLOSED = 0;
const LISTEN = 1;
const SYN_SENT = 2;
const SYN_RECEIVED = 3;
const ESTABLISHED = 4;
const FIN_WAIT_1 = 5;
const FIN_WAIT_2 = 6;
const CLOSE_WAIT = 7;
const CLOSING = 8;
const LAST_ACK = 9;
const TIME_WAIT = 10;
/** fromState/toState of an arrow that is not TCP. */
export const NO_STATE = 255;

/** Kinds of phase brackets, indexed by SequenceDiagram.phases.kind. */
export const PHASE_KINDS = ['handshake', 'exchange', 'close'] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];
const HANDSHAKE = 0;
const EXCHANGE = 1;
const CLOSE = 2;

export interface SequenceOptions {
  /** Only this TCP stream (tcp.stream). */
  stream?: number;
  /** Only this UDP stream (udp.stream). */
  udpStream?: number;
  /** Raw sequence and acknowledgement numbers in TCP labels instead of relative ones. */
  raw?: boolean;
}

const FIELDS = [
  'tcp.stream',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.flags',
  'tcp.seq',
  'tcp.ack',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.len',
  'tcp.segment',
  'udp.stream',
  'udp.srcport',
  'udp.dstport',
  'ip.src',
  'ipv6.src',
  'http.request',
  'http.response',
  'http.request.method',
  'http.request.uri',
  'http.response.code',
  'http.response.phrase',
] as const;

const FIN = 0x01;
const SYN = 0x02;
const RST = 0x04;
const PSH = 0x08;
const ACK = 0x10;
const URG = 0x20;
const ECE = 0x40;
const CWR = 0x80;

/** Flags as Wireshark's flow graph writes them: "SYN", "SYN, ACK", "PSH, ACK", "FIN, ACK". */
export function flowFlags(flags: number): string {
  const names: string[] = [];
  if (flags & FIN) names.push('FIN');
  if (flags & SYN) names.push('SYN');
  if (flags & RST) names.push('RST');
  if (flags & PSH) names.push('PSH');
  if (flags & ACK) names.push('ACK');
  if (flags & URG) names.push('URG');
  if (flags & ECE) names.push('ECN');
  if (flags & CWR) names.push('CWR');
  return names.join(', ');
}

/** A TCP arrow's label: "SYN Seq=0", "SYN, ACK Seq=0 Ack=1", "PSH, ACK Seq=1 Ack=1 Len=658". */
export function tcpLabel(flags: number, seq: number, ack: number, len: number): string {
  let s = `${flowFlags(flags)} Seq=${seq}`;
  if (flags & ACK) s += ` Ack=${ack}`;
  if (len > 0) s += ` Len=${len}`;
  return s.trimStart();
}

function first(values: Map<number, FieldValue[]>, id: number): FieldValue | undefined {
  return values.get(id)?.[0];
}

function asText(v: FieldValue | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

function num(v: FieldValue | undefined): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? +v : -1;
}

/** One side of a TCP connection as the observed segments drive it. */
interface Side {
  state: number;
  /** Raw sequence number just past this side's FIN (what the other side acknowledges), -1 before a FIN. */
  finNext: number;
}

interface Conn {
  /** The two sides by "host:port" lane index: a is the side that sent the stream's first arrow. */
  laneA: number;
  a: Side;
  b: Side;
  /** Handshake under way: arrow of the SYN, of the SYN/ACK (-1), and the SYN/ACK's raw seq + 1. */
  synArrow: number;
  synAckArrow: number;
  synAckNext: number;
  /** Close under way: arrow of the first FIN (-1 when none). */
  closeArrow: number;
}

/** seq a ≥ b in 32-bit sequence space. */
const seqGe = (a: number, b: number) => ((a - b) | 0) >= 0;

/**
 * The sequence diagram of the given packets (0-based indices, ascending: the displayed ones, or all), optionally of
 * one TCP or UDP stream. Packets are dissected again (second pass) with a sink for the few fields needed.
 */
export async function sequenceOf(
  engine: Engine,
  indices: ArrayLike<number>,
  opts: SequenceOptions = {},
): Promise<SequenceDiagram> {
  // Narrow to one TCP stream from the first pass's columns before dissecting anything.
  let todo: ArrayLike<number> = indices;
  if (opts.stream !== undefined) {
    const tcp = engine.state.get(TCP_CONVERSATIONS);
    const keep: number[] = [];
    for (let k = 0; k < indices.length; k++) if (tcp.streamOf(indices[k]) === opts.stream) keep.push(indices[k]);
    todo = keep;
  }
  const n = todo.length;
  const ids: Record<(typeof FIELDS)[number], number> = {} as never;
  for (const name of FIELDS) ids[name] = fieldByName(name)?.id ?? -1;
  const sink = new FieldSink(
    FIELDS.map((f) => ids[f]).filter((id) => id >= 0),
    Math.max(...FIELDS.map((f) => ids[f])) + 1,
  );

  const frame = new Uint32Array(n);
  const time = new Float64Array(n);
  const from = new Uint32Array(n);
  const to = new Uint32Array(n);
  const stream = new Int32Array(n);
  const protocol = new Uint32Array(n);
  const label = new Uint32Array(n);
  const comment = new Uint32Array(n);
  const fromState = new Uint8Array(n).fill(NO_STATE);
  const toState = new Uint8Array(n).fill(NO_STATE);
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const str = (s: string): number => {
    let id = stringIds.get(s);
    if (id === undefined) {
      id = strings.length;
      strings.push(s);
      stringIds.set(s, id);
    }
    return id;
  };
  const endpoints: string[] = [];
  const laneIds = new Map<string, number>();
  const lane = (s: string): number => {
    let id = laneIds.get(s);
    if (id === undefined) {
      id = endpoints.length;
      endpoints.push(s);
      laneIds.set(s, id);
    }
    return id;
  };

  // Phases, gathered as found and sorted by first arrow at the end.
  const phases: { kind: number; first: number; last: number; stream: number; label: string }[] = [];
  const conns = new Map<number, Conn>();
  /** HTTP requests in arrow order: the arrow it is complete in, the frame of its first segment, its text. */
  const requests: { arrow: number; firstFrame: number; text: string; stream: number }[] = [];
  /** HTTP responses in arrow order: the frame of their last segment (where they are reassembled), their text. */
  const responses: { resFrame: number; text: string; stream: number }[] = [];
  const arrowOfFrame = new Map<number, number>();

  let count = 0;
  await engine.dissectPackets(todo, sink, (p, cols) => {
    const v = sink.values;
    try {
      const isIp = v.has(ids['ip.src']) || v.has(ids['ipv6.src']);
      if (!isIp || !cols.src || !cols.dst) return;
      const tcpStream = num(first(v, ids['tcp.stream']));
      const udpStream = num(first(v, ids['udp.stream']));
      if (opts.udpStream !== undefined && udpStream !== opts.udpStream) return;
      if (opts.stream !== undefined && tcpStream !== opts.stream) return;
      const isTcp = tcpStream >= 0;
      const sport = num(first(v, ids[isTcp ? 'tcp.srcport' : 'udp.srcport']));
      const dport = num(first(v, ids[isTcp ? 'tcp.dstport' : 'udp.dstport']));
      const host = (a: string) => (a.includes(':') ? `[${a}]` : a);
      const src = sport >= 0 ? `${host(cols.src)}:${sport}` : cols.src;
      const dst = dport >= 0 ? `${host(cols.dst)}:${dport}` : cols.dst;
      const k = count++;
      frame[k] = p.frameNumber;
      const rel = engine.relative(p.index);
      time[k] = rel ? rel.sec + rel.ns / 1e9 : 0;
      from[k] = lane(src);
      to[k] = lane(dst);
      stream[k] = isTcp ? tcpStream : udpStream;
      protocol[k] = str(cols.protocol);
      comment[k] = str(cols.info);
      arrowOfFrame.set(p.frameNumber, k);

      const isHttp = v.has(ids['http.request']) || v.has(ids['http.response']);
      if (!isTcp) {
        label[k] = str(cols.info.trim());
        return;
      }
      const flags = num(first(v, ids['tcp.flags']));
      const len = Math.max(0, num(first(v, ids['tcp.len'])));
      const seqRaw = num(first(v, ids['tcp.seq_raw']));
      const ackRaw = num(first(v, ids['tcp.ack_raw']));
      const seq = opts.raw ? seqRaw : num(first(v, ids['tcp.seq']));
      const ack = opts.raw ? ackRaw : num(first(v, ids['tcp.ack']));
      // HTTP, TLS, DNS … are labelled with their Info; bare TCP segments with flags and numbers.
      const app = cols.protocol !== 'TCP';
      label[k] = str(app ? cols.info.trim() : tcpLabel(flags, seq, ack, len));

      // ---- TCP states and the handshake / close phases
      let c = conns.get(tcpStream);
      if (!c) {
        const mid = !(flags & SYN) || (flags & ACK) !== 0;
        const st = mid ? ESTABLISHED : CLOSED;
        c = {
          laneA: from[k],
          a: { state: st, finNext: -1 },
          b: { state: mid ? st : LISTEN, finNext: -1 },
          synArrow: -1,
          synAckArrow: -1,
          synAckNext: -1,
          closeArrow: -1,
        };
        conns.set(tcpStream, c);
      }
      const me = from[k] === c.laneA ? c.a : c.b;
      const peer = me === c.a ? c.b : c.a;
      if (flags & RST) {
        me.state = CLOSED;
        peer.state = CLOSED;
        phases.push({
          kind: CLOSE,
          first: c.closeArrow >= 0 ? c.closeArrow : k,
          last: k,
          stream: tcpStream,
          label: 'Reset',
        });
        c.closeArrow = -1;
      } else if (flags & SYN) {
        if (!(flags & ACK)) {
          me.state = SYN_SENT;
          if (peer.state === CLOSED || peer.state === LISTEN) peer.state = SYN_RECEIVED;
          c.synArrow = k;
          c.synAckArrow = -1;
        } else {
          me.state = SYN_RECEIVED;
          if (peer.state === SYN_SENT) peer.state = ESTABLISHED;
          c.synAckArrow = k;
          c.synAckNext = (seqRaw + 1) >>> 0;
        }
      } else {
        // The ACK part first (it may acknowledge the other side's FIN), then this side's FIN.
        if (flags & ACK) {
          if (me.state === SYN_RECEIVED) me.state = ESTABLISHED;
          if (c.synAckArrow >= 0 && ackRaw === c.synAckNext && peer.state === SYN_RECEIVED) {
            // A FIN sent before the handshake completed (seen in the wild) keeps its side closing.
            me.state = me.finNext >= 0 ? FIN_WAIT_1 : ESTABLISHED;
            peer.state = me.finNext >= 0 ? CLOSE_WAIT : ESTABLISHED;
            phases.push({
              kind: HANDSHAKE,
              first: c.synArrow >= 0 ? c.synArrow : c.synAckArrow,
              last: k,
              stream: tcpStream,
              label: 'Three-way handshake',
            });
            c.synArrow = -1;
            c.synAckArrow = -1;
          }
          if (peer.finNext >= 0 && seqGe(ackRaw, peer.finNext)) {
            if (peer.state === FIN_WAIT_1) peer.state = FIN_WAIT_2;
            else if (peer.state === CLOSING) peer.state = TIME_WAIT;
            else if (peer.state === LAST_ACK) {
              peer.state = CLOSED;
              if (me.state === TIME_WAIT || me.state === CLOSED) {
                phases.push({
                  kind: CLOSE,
                  first: c.closeArrow >= 0 ? c.closeArrow : k,
                  last: k,
                  stream: tcpStream,
                  label: 'Four-way close',
                });
                c.closeArrow = -1;
              }
            }
          }
        }
        if (flags & FIN && me.finNext < 0) {
          me.finNext = (seqRaw + len + 1) >>> 0;
          if (c.closeArrow < 0) c.closeArrow = k;
          if (me.state === CLOSE_WAIT) me.state = LAST_ACK;
          else me.state = FIN_WAIT_1;
          if (peer.state === FIN_WAIT_2) peer.state = TIME_WAIT;
          else if (peer.state === FIN_WAIT_1) peer.state = CLOSING;
          else peer.state = CLOSE_WAIT;
        }
        // A simultaneous close ends when both sides are in TIME-WAIT.
        if (me.state === TIME_WAIT && peer.state === TIME_WAIT && c.closeArrow >= 0) {
          phases.push({ kind: CLOSE, first: c.closeArrow, last: k, stream: tcpStream, label: 'Simultaneous close' });
          c.closeArrow = -1;
        }
      }
      fromState[k] = me.state;
      toState[k] = peer.state;

      // ---- HTTP exchanges: a request waits for its response; the response knows its segments.
      if (isHttp) {
        const methods = v.get(ids['http.request.method']) ?? [];
        const uris = v.get(ids['http.request.uri']) ?? [];
        const segs = (v.get(ids['tcp.segment']) ?? []).map(num).filter((f) => f > 0);
        const firstFrame = segs.length ? Math.min(...segs) : p.frameNumber;
        for (let m = 0; m < methods.length; m++) {
          const text = `${asText(methods[m])} ${asText(uris[m])}`.trim();
          requests.push({ arrow: k, firstFrame: m === 0 ? firstFrame : p.frameNumber, text, stream: tcpStream });
        }
        const codes = v.get(ids['http.response.code']) ?? [];
        const phrases = v.get(ids['http.response.phrase']) ?? [];
        for (let m = 0; m < codes.length; m++) {
          const text = `${num(codes[m])} ${asText(phrases[m])}`.trim();
          responses.push({ resFrame: p.frameNumber, text, stream: tcpStream });
        }
      }
    } finally {
      sink.clear();
    }
  });

  // Pair each response with the oldest unanswered request of its stream (HTTP/1.x answers in order).
  const pending = new Map<number, (typeof requests)[number][]>();
  for (const r of requests) {
    let q = pending.get(r.stream);
    if (!q) pending.set(r.stream, (q = []));
    q.push(r);
  }
  for (const res of responses) {
    const q = pending.get(res.stream);
    const lastArrow = arrowOfFrame.get(res.resFrame) ?? -1;
    // The request must come before the response's last frame.
    const i = q ? q.findIndex((r) => r.arrow <= lastArrow) : -1;
    if (!q || i < 0 || lastArrow < 0) continue;
    const req = q.splice(i, 1)[0];
    // The bracket starts at the request's first segment when that one is displayed.
    phases.push({
      kind: EXCHANGE,
      first: Math.min(req.arrow, arrowOfFrame.get(req.firstFrame) ?? req.arrow),
      last: lastArrow,
      stream: res.stream,
      label: `${req.text} → ${res.text}`,
    });
  }
  // Handshakes cut short by the end of the packets (no final ACK): bracket what was seen.
  for (const [s, c] of conns) {
    if (c.synArrow >= 0 && c.synAckArrow >= 0)
      phases.push({ kind: HANDSHAKE, first: c.synArrow, last: c.synAckArrow, stream: s, label: 'Three-way handshake' });
  }

  phases.sort((x, y) => x.first - y.first || x.last - y.last);
  const m = phases.length;
  const ph = {
    count: m,
    kind: new Uint8Array(m),
    first: new Uint32Array(m),
    last: new Uint32Array(m),
    stream: new Int32Array(m),
    label: new Uint32Array(m),
  };
  phases.forEach((x, i) => {
    ph.kind[i] = x.kind;
    ph.first[i] = x.first;
    ph.last[i] = x.last;
    ph.stream[i] = x.stream;
    ph.label[i] = str(x.label);
  });

  return {
    endpoints,
    stateNames: TCP_STATES,
    phaseKinds: PHASE_KINDS,
    count,
    frame: frame.slice(0, count),
    time: time.slice(0, count),
    from: from.slice(0, count),
    to: to.slice(0, count),
    stream: stream.slice(0, count),
    protocol: protocol.slice(0, count),
    label: label.slice(0, count),
    comment: comment.slice(0, count),
    fromState: fromState.slice(0, count),
    toState: toState.slice(0, count),
    strings,
    phases: ph,
  };
}

/** The transferable buffers of a diagram (for Comlink.transfer). */
export function sequenceTransfer(d: SequenceDiagram): ArrayBuffer[] {
  const cols = [d.frame, d.time, d.from, d.to, d.stream, d.protocol, d.label, d.comment, d.fromState, d.toState];
  const ph = d.phases;
  return [...cols, ph.kind, ph.first, ph.last, ph.stream, ph.label].map((a) => a.buffer as ArrayBuffer);
}
