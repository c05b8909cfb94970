// The sequence diagram's data (issue 6): one arrow per displayed packet that has a network endpoint pair, between
// lanes ("host:port"), with Wireshark-style labels (TCP flags and relative seq/ack/len; the Info column otherwise),
// phase brackets (TCP handshake, HTTP request/response exchanges, TCP close) and the TCP state of both sides after
// each arrow (RFC 793's state machine driven by the observed segments). Plain data with typed-array columns and a
// packed string table, so that a million arrows cross to the page as a few transferable buffers, without one object
// per arrow. The page draws it.
//
// Speed: packets are dissected again with the columns only (no sink is active, so no dissector builds tree labels);
// the few facts the columns do not give are left by the dissectors in tcpHeaderSeen (TCP numbers), currentUdpStream
// and httpMessagesSeen (request methods and URIs, status codes and phrases). Only the packets whose facts those cannot
// give are dissected with a sink for the few fields wanted: an HTTP request in a packet that reassembles (its first
// segment is a tcp.segment field) and a packet with an ambiguous transport (two transport headers, a datagram quoted
// in an ICMP error). The first pass predicts them; a packet it did not predict is dissected a second time.
import type { Engine } from '../engine';
import { AddrType, formatIPv4, formatIPv6 } from '../dissect/packet';
import type { Columns, Packet } from '../dissect/packet';
import { fieldByName } from '../dissect/registry';
import type { FieldValue, Sink } from '../dissect/sinks';
import type { SequenceDiagram } from '../types';
import { FieldSink } from '../dissect/sinks';
import { HTTP_STATE, httpMessagesSeen } from '../dissect/protocols/http';
import { tcpHeaderSeen } from '../dissect/protocols/tcp';
import { currentUdpStream } from '../dissect/protocols/udp';
import { grown } from '../index/grow';
import { TCP_REASSEMBLY } from '../reassembly/tcp';
import { StringPacker } from './packed-strings';
import { TCP_CONVERSATIONS } from './tcp';
import { macrotask } from '../macrotask';

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

/** Only the packets of one IP address pair (either direction): the network type and the two addresses' bytes. */
export interface AddressPair {
  type: AddrType.IPv4 | AddrType.IPv6;
  a: Uint8Array;
  b: Uint8Array;
}

export interface SequenceOptions {
  /** Only this TCP stream (tcp.stream). */
  stream?: number;
  /** Only this UDP stream (udp.stream). */
  udpStream?: number;
  /** Only the packets between these two addresses. */
  pair?: AddressPair;
  /** The title the diagram carries (SequenceDiagram.conversation); "" for all flows. */
  conversation?: string;
  /** Raw sequence and acknowledgement numbers in TCP labels instead of relative ones. */
  raw?: boolean;
  /** Stop at the next yield: the diagram comes back empty, with complete: false. */
  signal?: AbortSignal;
  /** Packets handled so far of those to draw (`indices`, narrowed to the stream asked for), after each slice. */
  onProgress?: (done: number, total: number) => void;
}

/** What a diagram of "this packet's conversation" is of: the options that pick its packets, and its title. */
export type Conversation = Pick<SequenceOptions, 'stream' | 'udpStream' | 'pair'> & { conversation: string };

/** The fields read from packets that the columns do not tell (see the file comment). */
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

/** flowFlags by the low 8 bits of the flags (the only ones it names), as they are asked for. */
const flagTexts: string[] = [];

/** Flags as Wireshark's flow graph writes them: "SYN", "SYN, ACK", "PSH, ACK", "FIN, ACK". */
export function flowFlags(flags: number): string {
  return (flagTexts[flags & 0xff] ??= flagNames(flags & 0xff));
}

function flagNames(flags: number): string {
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

/** How long to work between two yields to the event loop (ms), as the display filter does. */
const YIELD_MS = 25;
/** Packets per slice of work: adapted so that a slice takes about SLICE_MS. */
const SLICE_MS = 8;
const MIN_SLICE = 256;
const MAX_SLICE = 8192;

/** A lane's name: "host:port" ("[v6addr]:port"), the host alone without a port. */
function laneName(addr: string, port: number): string {
  if (port < 0) return addr;
  return addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`;
}

/** HttpState.msgKind of a request. */
const HTTP_REQUEST = 1;

// How the dissection of a packet left it for the diagram (a slice's `mode`):
/** Not drawn (no network layer, or not of the conversation asked for). */
const SKIP = 0;
/** Drawn from the columns, tcpHeaderSeen, currentUdpStream and httpMessagesSeen. */
const READY = 1;
/** Drawn from the field sink's values. */
const FROM_FIELDS = 2;

/** The HTTP messages of one packet, as their fields give them. */
interface HttpFacts {
  methods: FieldValue[];
  uris: FieldValue[];
  codes: FieldValue[];
  phrases: FieldValue[];
  /** Frame numbers of the segments of the reassembled message (tcp.segment). */
  segments: number[];
}

/** Whether the packet's network addresses are the pair's (in either direction). */
function inPair(p: Packet, pair: AddressPair): boolean {
  if (p.netType !== pair.type) return false;
  const n = pair.type === AddrType.IPv4 ? 4 : 16;
  const d = p.netData;
  const same = (off: number, x: Uint8Array) => {
    for (let i = 0; i < n; i++) if (d[off + i] !== x[i]) return false;
    return true;
  };
  return (
    (same(p.netSrcOff, pair.a) && same(p.netDstOff, pair.b)) || (same(p.netSrcOff, pair.b) && same(p.netDstOff, pair.a))
  );
}

/**
 * The field sink while `on`, else no sink at all (inactive: dissectors build no labels). Switched between packets: a
 * dissection's callback sets it for the next packet of the same call (dissectPackets goes through them in order).
 */
class SwitchSink implements Sink {
  on = false;
  constructor(readonly fields: FieldSink) {}
  get active(): boolean {
    return this.on;
  }
  wants(id: number): boolean {
    return this.on && this.fields.wants(id);
  }
  add(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    if (this.on) this.fields.add(p, id, offset, length, value, flags);
  }
  open(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    if (this.on) this.fields.open(p, id, offset, length, value, flags);
  }
  close(): void {
    if (this.on) this.fields.close();
  }
  text(): void {}
}

/**
 * Whether the protocols of a packet (frame.protocols) make its transport ambiguous, so that its fields must be read:
 * two transport headers, or one quoted in an ICMP error (tcpHeaderSeen and p.srcPort would not be the first one's).
 */
function needsFields(layers: readonly string[]): boolean {
  let transports = 0;
  let icmp = false;
  for (const name of layers) {
    if (name === 'tcp' || name === 'udp') transports++;
    else if (name === 'icmp' || name === 'icmpv6') icmp = true;
  }
  return transports > 1 || (icmp && transports > 0);
}

/**
 * The sequence diagram of the given packets (0-based indices, ascending: the displayed ones, or all), optionally of
 * one conversation (a TCP or UDP stream, an address pair). Packets are dissected again (second pass) in slices,
 * yielding to the event loop every YIELD_MS; an aborted signal ends it with an empty diagram (complete: false).
 */
export async function sequenceOf(
  engine: Engine,
  indices: ArrayLike<number>,
  opts: SequenceOptions = {},
): Promise<SequenceDiagram> {
  const conversation = opts.conversation ?? '';
  // Narrow to one TCP stream from the first pass's columns before dissecting anything.
  let todo: ArrayLike<number> = indices;
  if (opts.stream !== undefined) {
    const tcp = engine.state.get(TCP_CONVERSATIONS);
    let n = 0;
    for (let k = 0; k < indices.length; k++) if (tcp.streamOf(indices[k]) === opts.stream) n++;
    const keep = new Uint32Array(n);
    n = 0;
    for (let k = 0; k < indices.length; k++) if (tcp.streamOf(indices[k]) === opts.stream) keep[n++] = indices[k];
    todo = keep;
  } else if (opts.udpStream !== undefined) {
    // Only packets with UDP (as the first pass's protocol stacks tell) can be of a UDP stream.
    const stacks = engine.index.stacks;
    const stack = engine.index.stack;
    todo = Uint32Array.from(indices).filter((i) => stacks.has(stack[i], 'udp') !== false);
  }
  const total = todo.length;
  const ids: Record<(typeof FIELDS)[number], number> = {} as never;
  for (const name of FIELDS) ids[name] = fieldByName(name)?.id ?? -1;
  const fieldSink = new FieldSink(
    FIELDS.map((f) => ids[f]).filter((id) => id >= 0),
    Math.max(...FIELDS.map((f) => ids[f])) + 1,
  );

  // The columns grow with the arrows (a conversation of a large capture has few).
  let frame = new Uint32Array(Math.min(total, 1024));
  let time = new Float64Array(frame.length);
  let from = new Uint32Array(frame.length);
  let to = new Uint32Array(frame.length);
  let stream = new Int32Array(frame.length);
  let protocol = new Uint32Array(frame.length);
  let label = new Uint32Array(frame.length);
  let comment = new Uint32Array(frame.length);
  let fromState = new Uint8Array(frame.length).fill(NO_STATE);
  let toState = new Uint8Array(frame.length).fill(NO_STATE);
  const room = () => {
    const n = frame.length;
    frame = grown(frame, n + 1);
    time = grown(time, n + 1);
    from = grown(from, n + 1);
    to = grown(to, n + 1);
    stream = grown(stream, n + 1);
    protocol = grown(protocol, n + 1);
    label = grown(label, n + 1);
    comment = grown(comment, n + 1);
    fromState = grown(fromState, n + 1);
    fromState.fill(NO_STATE, n);
    toState = grown(toState, n + 1);
    toState.fill(NO_STATE, n);
  };
  const strings = new StringPacker();
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
  /** HTTP responses in arrow order: the arrow of their last segment (where they are reassembled), their text. */
  const responses: { arrow: number; text: string; stream: number }[] = [];

  // ---- one slice's packets, as the dissections left them (reused from slice to slice)
  const mode = new Uint8Array(MAX_SLICE);
  const src: string[] = [];
  const dst: string[] = [];
  const proto: string[] = [];
  const info: string[] = [];
  const tcpStream = new Int32Array(MAX_SLICE);
  const udpStream = new Int32Array(MAX_SLICE);
  const sport = new Int32Array(MAX_SLICE);
  const dport = new Int32Array(MAX_SLICE);
  const flagsOf = new Int32Array(MAX_SLICE);
  const lenOf = new Int32Array(MAX_SLICE);
  // Sequence numbers are 32-bit unsigned, or -1 when absent.
  const seqOf = new Float64Array(MAX_SLICE);
  const ackOf = new Float64Array(MAX_SLICE);
  const seqRawOf = new Float64Array(MAX_SLICE);
  const ackRawOf = new Float64Array(MAX_SLICE);
  /** The HTTP messages of the slice's packets that have some (most have none). */
  const http = new Map<number, HttpFacts>();
  const hasHttp = new Uint8Array(MAX_SLICE);
  const again: number[] = [];
  const againAt: number[] = [];

  // Which packets the first pass says need the field sink: those with an HTTP request in a packet that reassembles
  // something (the request's first segment is a tcp.segment field), and those whose protocol stack has an ambiguous
  // transport (decided once per stack). Other HTTP messages are read from httpMessagesSeen.
  const httpState = engine.state.get(HTTP_STATE);
  const reassembly = engine.state.get(TCP_REASSEMBLY).planStart;
  const stacks = engine.index.stacks;
  const stackOf = engine.index.stack;
  const stackNeeds: (boolean | undefined)[] = [];
  const requestIn = (i: number): boolean => {
    const m = httpState.firstMessage(i);
    if (m < 0) return false;
    for (let j = m; j < httpState.msgs && httpState.msgPkt[j] === i; j++)
      if (httpState.msgKind[j] === HTTP_REQUEST) return true;
    return false;
  };
  const predict = (i: number): boolean => {
    if (reassembly.get(i) !== 0 && requestIn(i)) return true;
    const id = stackOf[i];
    if (id >= stacks.size) return false;
    return (stackNeeds[id] ??= needsFields(stacks.layers[id]));
  };
  const sink = new SwitchSink(fieldSink);

  let part: ArrayLike<number> = todo;
  let slot = 0;
  /** After the dissection of a packet with the sink off: the columns, tcpHeaderSeen, currentUdpStream. */
  const fromColumns = (p: Packet, cols: Columns, k: number) => {
    if (
      (p.netType !== AddrType.IPv4 && p.netType !== AddrType.IPv6) ||
      !cols.src ||
      !cols.dst ||
      (opts.pair && !inPair(p, opts.pair))
    ) {
      mode[k] = SKIP;
      return;
    }
    if (needsFields(p.layers)) {
      // Not foreseen by the first pass: dissected again, with the sink on.
      mode[k] = FROM_FIELDS;
      again.push(p.index);
      againAt.push(k);
      return;
    }
    const messages = httpMessagesSeen;
    const isHttp = messages.frame === p.frame && (messages.methods.length > 0 || messages.phrases.length > 0);
    if (isHttp && messages.methods.length && reassembly.get(p.index) !== 0) {
      // A request the first pass did not foresee: its segments are fields.
      mode[k] = FROM_FIELDS;
      again.push(p.index);
      againAt.push(k);
      return;
    }
    if (isHttp) {
      hasHttp[k] = 1;
      http.set(k, {
        methods: messages.methods.slice(),
        uris: messages.uris.slice(),
        codes: messages.codes.slice(),
        phrases: messages.phrases.slice(),
        segments: [],
      });
    }
    let tcp = false;
    let udp = false;
    for (const name of p.layers) {
      if (name === 'tcp') tcp = true;
      else if (name === 'udp') udp = true;
    }
    mode[k] = READY;
    const seen = tcpHeaderSeen;
    const t = tcp ? seen.stream : -1;
    tcpStream[k] = t;
    udpStream[k] = udp ? currentUdpStream : -1;
    if (t >= 0) {
      sport[k] = seen.srcPort;
      dport[k] = seen.dstPort;
      flagsOf[k] = seen.flags;
      lenOf[k] = seen.len;
      seqOf[k] = seen.seq;
      ackOf[k] = seen.ack;
      seqRawOf[k] = seen.seqRaw;
      ackRawOf[k] = seen.ackRaw;
    } else {
      sport[k] = udp ? p.srcPort : -1;
      dport[k] = udp ? p.dstPort : -1;
    }
  };
  /** After the dissection of a packet with the sink on: its fields. */
  const fromFields = (p: Packet, k: number) => {
    const v = fieldSink.values;
    if ((!v.has(ids['ip.src']) && !v.has(ids['ipv6.src'])) || (opts.pair && !inPair(p, opts.pair))) {
      mode[k] = SKIP;
      return;
    }
    mode[k] = FROM_FIELDS;
    const t = num(first(v, ids['tcp.stream']));
    tcpStream[k] = t;
    udpStream[k] = num(first(v, ids['udp.stream']));
    sport[k] = num(first(v, ids[t >= 0 ? 'tcp.srcport' : 'udp.srcport']));
    dport[k] = num(first(v, ids[t >= 0 ? 'tcp.dstport' : 'udp.dstport']));
    flagsOf[k] = num(first(v, ids['tcp.flags']));
    lenOf[k] = num(first(v, ids['tcp.len']));
    seqOf[k] = num(first(v, ids['tcp.seq']));
    ackOf[k] = num(first(v, ids['tcp.ack']));
    seqRawOf[k] = num(first(v, ids['tcp.seq_raw']));
    ackRawOf[k] = num(first(v, ids['tcp.ack_raw']));
    if (v.has(ids['http.request']) || v.has(ids['http.response'])) {
      hasHttp[k] = 1;
      http.set(k, {
        methods: v.get(ids['http.request.method']) ?? [],
        uris: v.get(ids['http.request.uri']) ?? [],
        codes: v.get(ids['http.response.code']) ?? [],
        phrases: v.get(ids['http.response.phrase']) ?? [],
        segments: (v.get(ids['tcp.segment']) ?? []).map(num).filter((f) => f > 0),
      });
    }
  };
  /** Each packet of a slice, in order. */
  const each = (p: Packet, cols: Columns) => {
    const k = slot++;
    src[k] = cols.src;
    dst[k] = cols.dst;
    proto[k] = cols.protocol;
    info[k] = cols.info;
    try {
      if (sink.on) fromFields(p, k);
      else fromColumns(p, cols, k);
    } finally {
      fieldSink.clear();
      sink.on = slot < part.length && predict(part[slot]);
    }
  };
  let redo = 0;
  /** The packets the first pass did not foresee, dissected again with the sink on. */
  const eachAgain = (p: Packet) => {
    try {
      fromFields(p, againAt[redo++]);
    } finally {
      fieldSink.clear();
    }
  };

  let count = 0;
  let protoName = '';
  let protoId = -1;
  // The lanes of each TCP stream's two ends, so that an arrow finds its lanes without naming them again.
  const endName: string[] = [];
  const endPort: number[] = [];
  const endLane: number[] = [];
  /** The lane of address `name` and `port` (-1: none) of an arrow of TCP stream `t` (-1: none). */
  const laneOf = (name: string, port: number, t: number): number => {
    if (t < 0) return lane(laneName(name, port));
    for (let j = 2 * t; j < 2 * t + 2; j++) if (endName[j] === name && endPort[j] === port) return endLane[j];
    const id = lane(laneName(name, port));
    const j = endName[2 * t] === undefined ? 2 * t : 2 * t + 1;
    endName[j] = name;
    endPort[j] = port;
    endLane[j] = id;
    return id;
  };
  /** The arrow of slot k (packet i), in order: lanes, label, TCP states, phases. */
  const draw = (k: number, i: number) => {
    const t = tcpStream[k];
    const u = udpStream[k];
    if (opts.udpStream !== undefined && u !== opts.udpStream) return;
    if (opts.stream !== undefined && t !== opts.stream) return;
    const isTcp = t >= 0;
    if (count === frame.length) room();
    const a = count++;
    frame[a] = i + 1;
    const rel = engine.relative(i);
    time[a] = rel ? rel.sec + rel.ns / 1e9 : 0;
    from[a] = laneOf(src[k], sport[k], t);
    to[a] = laneOf(dst[k], dport[k], t);
    stream[a] = isTcp ? t : u;
    // The Protocol column is mostly the same few strings.
    if (proto[k] !== protoName) {
      protoName = proto[k];
      protoId = strings.id(protoName);
    }
    protocol[a] = protoId;
    comment[a] = strings.id(info[k]);
    if (!isTcp) {
      label[a] = strings.id(info[k].trim());
      return;
    }
    const flags = flagsOf[k];
    const len = Math.max(0, lenOf[k]);
    const seqRaw = seqRawOf[k];
    const ackRaw = ackRawOf[k];
    const seq = opts.raw ? seqRaw : seqOf[k];
    const ack = opts.raw ? ackRaw : ackOf[k];
    // HTTP, TLS, DNS … are labelled with their Info; bare TCP segments with flags and numbers.
    const app = proto[k] !== 'TCP';
    label[a] = strings.id(app ? info[k].trim() : tcpLabel(flags, seq, ack, len));
    track(a, t, flags, len, seqRaw, ackRaw);
    const h = hasHttp[k] ? http.get(k) : undefined;
    if (h) exchanges(a, t, i + 1, h);
  };

  /** TCP states and the handshake / close phases, after arrow `a` of stream `t`. */
  const track = (a: number, t: number, flags: number, len: number, seqRaw: number, ackRaw: number) => {
    let c = conns.get(t);
    if (!c) {
      const mid = !(flags & SYN) || (flags & ACK) !== 0;
      const st = mid ? ESTABLISHED : CLOSED;
      c = {
        laneA: from[a],
        a: { state: st, finNext: -1 },
        b: { state: mid ? st : LISTEN, finNext: -1 },
        synArrow: -1,
        synAckArrow: -1,
        synAckNext: -1,
        closeArrow: -1,
      };
      conns.set(t, c);
    }
    const me = from[a] === c.laneA ? c.a : c.b;
    const peer = me === c.a ? c.b : c.a;
    if (flags & RST) {
      me.state = CLOSED;
      peer.state = CLOSED;
      phases.push({ kind: CLOSE, first: c.closeArrow >= 0 ? c.closeArrow : a, last: a, stream: t, label: 'Reset' });
      c.closeArrow = -1;
    } else if (flags & SYN) {
      if (!(flags & ACK)) {
        me.state = SYN_SENT;
        if (peer.state === CLOSED || peer.state === LISTEN) peer.state = SYN_RECEIVED;
        c.synArrow = a;
        c.synAckArrow = -1;
      } else {
        me.state = SYN_RECEIVED;
        if (peer.state === SYN_SENT) peer.state = ESTABLISHED;
        c.synAckArrow = a;
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
            last: a,
            stream: t,
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
                first: c.closeArrow >= 0 ? c.closeArrow : a,
                last: a,
                stream: t,
                label: 'Four-way close',
              });
              c.closeArrow = -1;
            }
          }
        }
      }
      if (flags & FIN && me.finNext < 0) {
        me.finNext = (seqRaw + len + 1) >>> 0;
        if (c.closeArrow < 0) c.closeArrow = a;
        if (me.state === CLOSE_WAIT) me.state = LAST_ACK;
        else me.state = FIN_WAIT_1;
        if (peer.state === FIN_WAIT_2) peer.state = TIME_WAIT;
        else if (peer.state === FIN_WAIT_1) peer.state = CLOSING;
        else peer.state = CLOSE_WAIT;
      }
      // A simultaneous close ends when both sides are in TIME-WAIT.
      if (me.state === TIME_WAIT && peer.state === TIME_WAIT && c.closeArrow >= 0) {
        phases.push({ kind: CLOSE, first: c.closeArrow, last: a, stream: t, label: 'Simultaneous close' });
        c.closeArrow = -1;
      }
    }
    fromState[a] = me.state;
    toState[a] = peer.state;
  };

  /** HTTP exchanges: a request waits for its response; the response knows its segments. */
  const exchanges = (a: number, t: number, frameNumber: number, h: HttpFacts) => {
    const firstFrame = h.segments.length ? Math.min(...h.segments) : frameNumber;
    for (let m = 0; m < h.methods.length; m++) {
      const text = `${asText(h.methods[m])} ${asText(h.uris[m])}`.trim();
      requests.push({ arrow: a, firstFrame: m === 0 ? firstFrame : frameNumber, text, stream: t });
    }
    for (let m = 0; m < h.codes.length; m++) {
      const text = `${num(h.codes[m])} ${asText(h.phrases[m])}`.trim();
      responses.push({ arrow: a, text, stream: t });
    }
  };

  // ---- the packets, slice by slice
  let slice = 1024;
  let done = 0;
  let lastYield = performance.now();
  const aborted = () => opts.signal?.aborted === true;
  /** Let other work in when this one has run YIELD_MS since it last did. */
  const breathe = async () => {
    if (performance.now() - lastYield < YIELD_MS) return;
    await macrotask();
    lastYield = performance.now();
  };
  while (done < total) {
    if (aborted()) return emptyDiagram(conversation);
    const started = performance.now();
    const n = Math.min(slice, total - done);
    part =
      todo instanceof Uint32Array
        ? todo.subarray(done, done + n)
        : Uint32Array.from({ length: n }, (_, k) => todo[done + k]);
    slot = 0;
    redo = 0;
    again.length = 0;
    againAt.length = 0;
    http.clear();
    hasHttp.fill(0);
    sink.on = predict(part[0]);
    await engine.dissectPackets(part, sink, each);
    sink.on = true;
    if (again.length) await engine.dissectPackets(again, sink, eachAgain);
    for (let k = 0; k < n; k++) if (mode[k] !== SKIP) draw(k, part[k]);
    done += n;
    opts.onProgress?.(done, total);
    slice = Math.max(
      MIN_SLICE,
      Math.min(MAX_SLICE, Math.round((slice * SLICE_MS) / Math.max(0.5, performance.now() - started))),
    );
    await breathe();
  }
  src.length = dst.length = proto.length = info.length = 0;
  if (aborted()) return emptyDiagram(conversation);

  // Pair each response with the oldest unanswered request of its stream (HTTP/1.x answers in order).
  const arrowOfFrame = (f: number): number => {
    // Arrows are in frame order: binary search.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (frame[mid] < f) lo = mid + 1;
      else hi = mid;
    }
    return lo < count && frame[lo] === f ? lo : -1;
  };
  const pending = new Map<number, (typeof requests)[number][]>();
  for (const r of requests) {
    let q = pending.get(r.stream);
    if (!q) pending.set(r.stream, (q = []));
    q.push(r);
  }
  for (let n = 0; n < responses.length; n++) {
    if ((n & 1023) === 1023) await breathe();
    const res = responses[n];
    const q = pending.get(res.stream);
    const lastArrow = res.arrow;
    // The request must come before the response's last frame.
    const i = q ? q.findIndex((r) => r.arrow <= lastArrow) : -1;
    if (!q || i < 0 || lastArrow < 0) continue;
    const req = q.splice(i, 1)[0];
    // The bracket starts at the request's first segment when that one is displayed.
    const firstArrow = arrowOfFrame(req.firstFrame);
    phases.push({
      kind: EXCHANGE,
      first: Math.min(req.arrow, firstArrow >= 0 ? firstArrow : req.arrow),
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
  await breathe();
  if (aborted()) return emptyDiagram(conversation);

  // In order of first arrow, then of last arrow, else as found: two stable counting sorts (arrows are < count).
  const m = phases.length;
  const firsts = new Uint32Array(m);
  const lasts = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    firsts[i] = phases[i].first;
    lasts[i] = phases[i].last;
  }
  await breathe();
  const byLast = countingSort(
    Uint32Array.from({ length: m }, (_, i) => i),
    lasts,
    count,
  );
  await breathe();
  const order = countingSort(byLast, firsts, count);
  const ph = {
    count: m,
    kind: new Uint8Array(m),
    first: new Uint32Array(m),
    last: new Uint32Array(m),
    stream: new Int32Array(m),
    label: new Uint32Array(m),
  };
  for (let i = 0; i < m; i++) {
    if ((i & 4095) === 4095) await breathe();
    const x = phases[order[i]];
    ph.kind[i] = x.kind;
    ph.first[i] = x.first;
    ph.last[i] = x.last;
    ph.stream[i] = x.stream;
    ph.label[i] = strings.id(x.label);
  }
  phases.length = 0;
  if (aborted()) return emptyDiagram(conversation);

  // The columns and the string table in arrays of their own (transferable), copied a few megabytes at a time.
  const exact = async <T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(a: T, n: number): Promise<T> => {
    const out = new (a.constructor as new (n: number) => T)(n);
    const step = (8 << 20) / a.BYTES_PER_ELEMENT;
    for (let at = 0; at < n; at += step) {
      await breathe();
      out.set(a.subarray(at, Math.min(n, at + step)), at);
    }
    return out;
  };
  const table = strings.view();
  const d: SequenceDiagram = {
    endpoints,
    stateNames: TCP_STATES,
    phaseKinds: PHASE_KINDS,
    count,
    frame: await exact(frame, count),
    time: await exact(time, count),
    from: await exact(from, count),
    to: await exact(to, count),
    stream: await exact(stream, count),
    protocol: await exact(protocol, count),
    label: await exact(label, count),
    comment: await exact(comment, count),
    fromState: await exact(fromState, count),
    toState: await exact(toState, count),
    strings: {
      count: table.count,
      bytes: await exact(table.bytes, table.bytes.length),
      offsets: await exact(table.offsets, table.offsets.length),
    },
    phases: ph,
    complete: true,
    conversation,
  };
  return aborted() ? emptyDiagram(conversation) : d;
}

/** `items` stably sorted by keys[item], keys being integers in [0, range). */
function countingSort(items: Uint32Array, keys: Uint32Array, range: number): Uint32Array {
  const starts = new Uint32Array(range + 1);
  for (let i = 0; i < items.length; i++) starts[keys[items[i]] + 1]++;
  for (let k = 1; k <= range; k++) starts[k] += starts[k - 1];
  const out = new Uint32Array(items.length);
  for (let i = 0; i < items.length; i++) out[starts[keys[items[i]]]++] = items[i];
  return out;
}

/** A diagram without arrows: of a build that was cancelled (complete false), or of nothing. */
export function emptyDiagram(conversation: string, complete = false): SequenceDiagram {
  return {
    endpoints: [],
    stateNames: TCP_STATES,
    phaseKinds: PHASE_KINDS,
    count: 0,
    frame: new Uint32Array(0),
    time: new Float64Array(0),
    from: new Uint32Array(0),
    to: new Uint32Array(0),
    stream: new Int32Array(0),
    protocol: new Uint32Array(0),
    label: new Uint32Array(0),
    comment: new Uint32Array(0),
    fromState: new Uint8Array(0),
    toState: new Uint8Array(0),
    strings: new StringPacker().pack(),
    phases: {
      count: 0,
      kind: new Uint8Array(0),
      first: new Uint32Array(0),
      last: new Uint32Array(0),
      stream: new Int32Array(0),
      label: new Uint32Array(0),
    },
    complete,
    conversation,
  };
}

/** What conversationOf reads of one packet. */
interface Ends {
  /** Lane names of the sender and receiver. */
  from: string;
  to: string;
  udpStream: number;
  /** The network addresses, and as text; none without a network layer. */
  pair?: AddressPair;
  hosts: [string, string];
}

/**
 * The conversation of packet `packetIndex` (0-based), as the diagram of "this packet's conversation" draws it: its
 * TCP stream (the first pass's column), else its UDP stream, else its IP address pair. The title names it:
 * "TCP stream 0 (127.0.0.1:42960 ↔ 127.0.0.1:8080)" with the side that opened the stream first, "UDP stream 3 (…)",
 * "IPv4 10.0.0.1 ↔ 10.0.0.2". A packet without a network layer has no conversation: none of stream, udpStream and
 * pair is set, and the title says so.
 */
export async function conversationOf(engine: Engine, packetIndex: number): Promise<Conversation> {
  if (!Number.isInteger(packetIndex) || packetIndex < 0 || packetIndex >= engine.count)
    throw new RangeError(`no packet ${packetIndex}`);
  const [tcpSrc, tcpDst, udpStream, udpSrc, udpDst] = [
    'tcp.srcport',
    'tcp.dstport',
    'udp.stream',
    'udp.srcport',
    'udp.dstport',
  ].map((n) => fieldByName(n)?.id ?? -1);
  const wanted = [tcpSrc, tcpDst, udpStream, udpSrc, udpDst];
  const sink = new FieldSink(
    wanted.filter((id) => id >= 0),
    Math.max(...wanted) + 1,
  );
  const look = async (i: number, tcp: boolean): Promise<Ends> => {
    let ends: Ends = { from: '', to: '', udpStream: -1, hosts: ['', ''] };
    await engine.dissectPackets([i], sink, (p, cols) => {
      const v = sink.values;
      ends = {
        from: laneName(cols.src, num(first(v, tcp ? tcpSrc : udpSrc))),
        to: laneName(cols.dst, num(first(v, tcp ? tcpDst : udpDst))),
        udpStream: num(first(v, udpStream)),
        hosts: ['', ''],
      };
      const type = p.netType;
      if (type === AddrType.IPv4 || type === AddrType.IPv6) {
        const n = type === AddrType.IPv4 ? 4 : 16;
        const text = type === AddrType.IPv4 ? formatIPv4 : formatIPv6;
        ends.pair = {
          type,
          a: p.netData.slice(p.netSrcOff, p.netSrcOff + n),
          b: p.netData.slice(p.netDstOff, p.netDstOff + n),
        };
        ends.hosts = [text(p.netData, p.netSrcOff), text(p.netData, p.netDstOff)];
      }
      sink.clear();
    });
    return ends;
  };

  const tcp = engine.state.get(TCP_CONVERSATIONS);
  const s = tcp.streamOf(packetIndex);
  if (s >= 0) {
    // The stream's first packet names its sides in the order they spoke.
    let f = 0;
    while (f < packetIndex && tcp.streamOf(f) !== s) f++;
    const x = await look(f, true);
    return { stream: s, conversation: `TCP stream ${s} (${x.from} \u2194 ${x.to})` };
  }
  const x = await look(packetIndex, false);
  if (x.udpStream >= 0)
    return { udpStream: x.udpStream, conversation: `UDP stream ${x.udpStream} (${x.from} \u2194 ${x.to})` };
  if (x.pair) {
    const version = x.pair.type === AddrType.IPv4 ? 'IPv4' : 'IPv6';
    return { pair: x.pair, conversation: `${version} ${x.hosts[0]} \u2194 ${x.hosts[1]}` };
  }
  return { conversation: `Frame ${packetIndex + 1} (no IP conversation)` };
}

/** The transferable buffers of a diagram (for Comlink.transfer). */
export function sequenceTransfer(d: SequenceDiagram): ArrayBuffer[] {
  const cols = [d.frame, d.time, d.from, d.to, d.stream, d.protocol, d.label, d.comment, d.fromState, d.toState];
  const ph = d.phases;
  return [...cols, ph.kind, ph.first, ph.last, ph.stream, ph.label, d.strings.bytes, d.strings.offsets].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
