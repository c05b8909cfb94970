// The sequence diagram's geometry and look, shared by the interactive diagram (SequenceDiagram.svelte) and its
// exports (export.ts), so that a saved picture is laid out like the screen. Unscaled units are CSS pixels at zoom 1:
// one row per arrow, one lane per endpoint; the zoom transform (d3-zoom) scales both.
import type { SequenceDiagram } from '../engine/types';

/** Height of one arrow's row at zoom 1: the label above the line, the states below it. */
export const ROW_PX = 34;
/** Where the arrow's line sits in its row. */
export const LINE_AT = 19;
/** The lane names above the lanes. */
export const HEADER_PX = 34;
/** The time column on the left, the bracket column after it, the comment column on the right. */
export const TIME_PX = 92;
export const BRACKET_TRACK_PX = 12;
/** Brackets side by side at most; more overlapping ones share the last track. */
export const MAX_TRACKS = 8;
export const COMMENT_PX = 380;
export const DEFAULT_LANE_PX = 240;
export const MIN_LANE_PX = 100;
export const MAX_LANE_PX = 480;
/** Below this row height (zoomed out) labels and states are not drawn: only the arrows. */
export const MIN_LABEL_ROW_PX = 18;
/** Average width of one character of the 11 px label font, for fitting text without measuring it. */
export const CHAR_PX = 6.4;

/** Colours of arrows by protocol (the Protocol column), close to Wireshark's colouring rules' hues. */
const PROTOCOL_COLOURS: Record<string, string> = {
  TCP: '#6e7781',
  HTTP: '#1a7f37',
  'HTTP/JSON': '#1a7f37',
  'HTTP/XML': '#1a7f37',
  TLS: '#8250df',
  'TLSv1.2': '#8250df',
  'TLSv1.3': '#8250df',
  SSL: '#8250df',
  DNS: '#0969da',
  MDNS: '#0969da',
  UDP: '#0a7ea4',
  QUIC: '#bc4c00',
  ICMP: '#cf222e',
  ICMPv6: '#cf222e',
  ARP: '#9a6700',
};
const FALLBACK_COLOURS = ['#116329', '#953800', '#6639ba', '#0550ae', '#a40e26', '#4d2d00'];

export function protocolColour(protocol: string): string {
  const c = PROTOCOL_COLOURS[protocol];
  if (c) return c;
  if (protocol.startsWith('TLS') || protocol.startsWith('SSL')) return PROTOCOL_COLOURS.TLS;
  if (protocol.startsWith('HTTP')) return PROTOCOL_COLOURS.HTTP;
  let h = 0;
  for (let i = 0; i < protocol.length; i++) h = (h * 31 + protocol.charCodeAt(i)) >>> 0;
  return FALLBACK_COLOURS[h % FALLBACK_COLOURS.length];
}

/** Colours of the phase brackets by kind ("handshake", "exchange", "close"). */
export const PHASE_COLOURS: Record<string, string> = {
  handshake: '#0969da',
  exchange: '#1a7f37',
  close: '#bc4c00',
};

/** Centre of a lane, from the left edge of the lanes. */
export function laneCentre(lane: number, lanePx: number): number {
  return (lane + 0.5) * lanePx;
}

/** Top of arrow k's row, from the top of the rows. */
export function rowTop(k: number): number {
  return k * ROW_PX;
}

/** A text cut to about `px` pixels with an ellipsis. */
export function fitText(text: string, px: number): string {
  const max = Math.floor(px / CHAR_PX);
  if (max <= 1) return '';
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Time as the diagram's left column shows it (seconds since the first packet, microseconds). */
export function formatTime(seconds: number): string {
  return seconds.toFixed(6);
}

/**
 * For each arrow, which ends show a TCP state: bit 0 the sender's, bit 1 the receiver's. A state is shown where it
 * changes (and at a connection's first arrow), so the lane reads CLOSED → SYN-SENT → ESTABLISHED … without
 * repeating itself. One pass over the arrows, in slices (`step`), so that a million arrows never hold the page's
 * main thread for long; states are remembered per lane and stream.
 */
export class StateMarks {
  readonly marks: Uint8Array;
  /** Arrows marked so far ([0, done)). */
  done = 0;
  private readonly last = new Map<number, number>();

  constructor(private readonly d: SequenceDiagram) {
    this.marks = new Uint8Array(d.count);
  }

  /** Mark up to `count` more arrows; true when every arrow is marked. */
  step(count = Infinity): boolean {
    const d = this.d;
    const end = Math.min(d.count, this.done + count);
    const last = this.last;
    for (let k = this.done; k < end; k++) {
      if (d.fromState[k] === 255) continue;
      const s = (d.stream[k] & 0xfffff) * 0x100000;
      const a = s + d.from[k];
      const b = s + d.to[k];
      let m = 0;
      if (last.get(a) !== d.fromState[k]) m |= 1;
      if (last.get(b) !== d.toState[k]) m |= 2;
      last.set(a, d.fromState[k]);
      last.set(b, d.toState[k]);
      this.marks[k] = m;
    }
    this.done = end;
    return end >= d.count;
  }
}

/** stateMarks for a whole diagram at once (exports, tests). */
export function stateMarks(d: SequenceDiagram): Uint8Array {
  const m = new StateMarks(d);
  m.step();
  return m.marks;
}

/**
 * A track (column) for each phase bracket so that brackets that overlap in rows sit side by side: the first track
 * free at the bracket's first arrow (phases come sorted by first arrow). Worked out in slices (`step`), as the marks
 * are: a capture of millions of arrows has hundreds of thousands of phases.
 */
export class PhaseTracks {
  readonly track: Uint8Array;
  /** Phases placed so far ([0, done)). */
  done = 0;
  private readonly busyUntil: number[] = [];

  constructor(private readonly d: SequenceDiagram) {
    this.track = new Uint8Array(d.phases.count);
  }

  /** How many tracks are used. */
  get tracks(): number {
    return Math.max(1, this.busyUntil.length);
  }

  /** Place up to `count` more phases; true when every phase is placed. */
  step(count = Infinity): boolean {
    const { first, last } = this.d.phases;
    const busy = this.busyUntil;
    const end = Math.min(this.d.phases.count, this.done + count);
    for (let i = this.done; i < end; i++) {
      const from = first[i];
      let t = 0;
      while (t < busy.length && busy[t] >= from) t++;
      if (t === busy.length) {
        // No track is free: a new one, or (past 256) the last one again.
        t = Math.min(busy.length, 255);
        busy[t] = -1;
      }
      busy[t] = Math.max(busy[t], last[i]);
      this.track[i] = t;
    }
    this.done = end;
    return end >= this.d.phases.count;
  }
}

/** PhaseTracks for a whole diagram at once (exports, tests). */
export function phaseTracks(d: SequenceDiagram): { track: Uint8Array; tracks: number } {
  const t = new PhaseTracks(d);
  t.step();
  return { track: t.track, tracks: t.tracks };
}

/** First arrow whose frame number is ≥ frame (arrows are in frame order); d.count when none. */
export function arrowAtOrAfter(d: SequenceDiagram, frame: number): number {
  let lo = 0;
  let hi = d.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (d.frame[mid] < frame) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The arrow of a frame, or -1 when the frame has none. */
export function arrowOfFrame(d: SequenceDiagram, frame: number): number {
  const k = arrowAtOrAfter(d, frame);
  return k < d.count && d.frame[k] === frame ? k : -1;
}

/**
 * The phases that overlap arrows [first, last]: phases are sorted by first arrow; `reach[i]` is the furthest last
 * arrow of phases 0..i, so the scan starts at the first phase that can still reach the window.
 */
export function phaseReach(d: SequenceDiagram): Uint32Array {
  const n = d.phases.count;
  const reach = new Uint32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) reach[i] = max = Math.max(max, d.phases.last[i]);
  return reach;
}

export function phasesIn(d: SequenceDiagram, reach: Uint32Array, first: number, last: number): number[] {
  let lo = 0;
  let hi = reach.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reach[mid] < first) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < d.phases.count && d.phases.first[i] <= last; i++) if (d.phases.last[i] >= first) out.push(i);
  return out;
}

/** The host of a lane name: "10.0.0.1:80" → "10.0.0.1", "[2001:db8::1]:443" → "2001:db8::1"; no port: as it is. */
export function hostOf(endpoint: string): string {
  if (endpoint.startsWith('[')) {
    const end = endpoint.indexOf(']');
    return end > 0 ? endpoint.slice(1, end) : endpoint;
  }
  const colon = endpoint.lastIndexOf(':');
  return colon > 0 && endpoint.indexOf(':') === colon ? endpoint.slice(0, colon) : endpoint;
}

/** The port of a lane name ("" when it has none). */
export function portOf(endpoint: string): string {
  const host = hostOf(endpoint);
  if (host === endpoint) return '';
  return endpoint.slice(endpoint.lastIndexOf(':') + 1);
}

/**
 * The same diagram with one lane per host instead of one per host:port (Wireshark's flow graph draws hosts and
 * writes the ports at the arrow ends): lanes in order of first appearance, from/to renumbered; everything else shared.
 */
export function byHost(d: SequenceDiagram): SequenceDiagram {
  const hosts: string[] = [];
  const ids = new Map<string, number>();
  const laneHost = d.endpoints.map((e) => {
    const h = hostOf(e);
    let id = ids.get(h);
    if (id === undefined) {
      id = hosts.length;
      hosts.push(h);
      ids.set(h, id);
    }
    return id;
  });
  const from = new Uint32Array(d.count);
  const to = new Uint32Array(d.count);
  for (let k = 0; k < d.count; k++) {
    from[k] = laneHost[d.from[k]];
    to[k] = laneHost[d.to[k]];
  }
  return { ...d, endpoints: hosts, from, to };
}
