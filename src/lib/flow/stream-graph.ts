// The TCP stream graph's geometry (issue 6; components/flow/StreamGraph.svelte draws it): which marks of a
// TcpStreamGraph are in view and where, for a linear mapping of time and sequence number to pixels. Pure functions
// over the graph's typed arrays, without the DOM, so that they are tested in Node. Everything is culled to the view,
// and when more segments are in view than can be drawn one by one they are merged per pixel column: a zoom step
// costs one pass over the columns and a bounded number of SVG elements, whatever the size of the stream.
import type { TcpStreamGraph } from '../engine/types';

/** TCP flags (as on the wire) that get a mark of their own. */
export const FIN = 0x01;
export const SYN = 0x02;
export const RST = 0x04;

/** Segments drawn one by one up to this many in view; beyond, merged per BUCKET_PX column. */
export const MAX_SEGMENT_MARKS = 800;
/** Width of the columns segments are merged in (px). */
export const BUCKET_PX = 3;
/** ACK points drawn (clickable circles) up to this many in view; beyond, the step line alone. */
export const MAX_ACK_POINTS = 400;
/** Half the width of an I-beam's end ticks (px). */
export const TICK_PX = 3;

/** The data extent of a graph: time (s) and sequence number, padded a little, never empty. */
export interface Extent {
  t0: number;
  t1: number;
  s0: number;
  s1: number;
}

/**
 * How the view maps the graph to pixels: px = ax * time + bx, py = ay * seq + by (ay < 0: sequence numbers grow
 * upward), and the plot's pixel box.
 */
export interface Viewport {
  ax: number;
  bx: number;
  ay: number;
  by: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** One drawn segment mark: a segment, or (merged) all segments of a kind in one pixel column. */
export interface SegmentMark {
  /** Index of the (first) segment: the key. */
  k: number;
  /** Frame number of that segment (what a click selects). */
  frame: number;
  /** Segments merged into the mark (1: a single segment). */
  n: number;
  /** Frame number of the last segment merged. */
  lastFrame: number;
  x: number;
  /** Pixel rows of the top (the highest segment end) and the bottom (the lowest seq). */
  top: number;
  bottom: number;
  /** Lowest seq and highest end (seq + len) of the segments in the mark. */
  seq: number;
  end: number;
  /** Retransmission kind (see TcpStreamGraph.segments.retransmission); merged marks keep kinds apart. */
  retransmission: number;
}

/** An ACK drawn as a point. */
export interface AckPoint {
  k: number;
  frame: number;
  x: number;
  y: number;
}

/** A SYN, FIN or RST of the direction drawn (never merged: a stream has few). */
export interface FlagMark {
  k: number;
  frame: number;
  x: number;
  y: number;
  label: 'SYN' | 'FIN' | 'RST';
}

/** The data extent, with 3% of padding on each side (a single instant or number gets a small range). */
export function graphExtent(g: TcpStreamGraph): Extent {
  let t0 = Infinity;
  let t1 = -Infinity;
  let s0 = Infinity;
  let s1 = -Infinity;
  const s = g.segments;
  for (let k = 0; k < s.count; k++) {
    const t = s.time[k];
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
    if (s.seq[k] < s0) s0 = s.seq[k];
    const end = s.seq[k] + s.len[k];
    if (end > s1) s1 = end;
  }
  const a = g.acks;
  for (let k = 0; k < a.count; k++) {
    const t = a.time[k];
    if (t < t0) t0 = t;
    if (t > t1) t1 = t;
    if (a.ack[k] < s0) s0 = a.ack[k];
    if (a.window[k] > s1) s1 = a.window[k];
  }
  for (let k = 0; k < g.sacks.count; k++) if (g.sacks.right[k] > s1) s1 = g.sacks.right[k];
  if (t0 > t1) [t0, t1] = [0, 1];
  if (s0 > s1) [s0, s1] = [0, 1];
  const pt = t1 > t0 ? (t1 - t0) * 0.03 : 0.001;
  const ps = s1 > s0 ? (s1 - s0) * 0.03 : 1;
  return { t0: t0 - pt, t1: t1 + pt, s0: s0 - ps, s1: s1 + ps };
}

/** The viewport for visible domains [t0, t1] × [s0, s1] drawn in the box (left, top)–(right, bottom). */
export function viewport(
  t0: number,
  t1: number,
  s0: number,
  s1: number,
  box: { left: number; right: number; top: number; bottom: number },
): Viewport {
  const ax = (box.right - box.left) / (t1 - t0 || 1);
  const ay = -(box.bottom - box.top) / (s1 - s0 || 1);
  return { ax, bx: box.left - ax * t0, ay, by: box.bottom - ay * s0, ...box };
}

/** Index of the segment with frame number `frame` (segments are in frame order), or -1. */
export function segmentOfFrame(g: TcpStreamGraph, frame: number): number {
  return indexOfFrame(g.segments.frame, g.segments.count, frame);
}

/** Index of the ACK with frame number `frame`, or -1. */
export function ackOfFrame(g: TcpStreamGraph, frame: number): number {
  return indexOfFrame(g.acks.frame, g.acks.count, frame);
}

function indexOfFrame(frames: Uint32Array, count: number, frame: number): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (frames[mid] < frame) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && frames[lo] === frame ? lo : -1;
}

/**
 * The segment marks in view: one per segment when at most `max` are in view, else merged per BUCKET_PX column
 * (retransmissions of each kind apart from the rest, so that they stay visible). A segment is in view when its
 * time is within the box (with the ticks' margin) and its [seq, end] range meets the box's rows.
 */
export function segmentMarks(g: TcpStreamGraph, v: Viewport, max = MAX_SEGMENT_MARKS): SegmentMark[] {
  const s = g.segments;
  const { ax, bx, ay, by } = v;
  const xMin = v.left - TICK_PX;
  const xMax = v.right + TICK_PX;
  // Rows: larger seq is higher up (smaller py). A segment is in view if bottom >= top of box and top <= bottom.
  let visible = 0;
  for (let k = 0; k < s.count; k++) {
    const x = ax * s.time[k] + bx;
    if (x < xMin || x > xMax) continue;
    const bottom = ay * s.seq[k] + by;
    const top = ay * (s.seq[k] + s.len[k]) + by;
    if (bottom < v.top || top > v.bottom) continue;
    visible++;
  }
  const out: SegmentMark[] = [];
  if (visible <= max) {
    for (let k = 0; k < s.count; k++) {
      const x = ax * s.time[k] + bx;
      if (x < xMin || x > xMax) continue;
      const bottom = ay * s.seq[k] + by;
      const top = ay * (s.seq[k] + s.len[k]) + by;
      if (bottom < v.top || top > v.bottom) continue;
      out.push({
        k,
        frame: s.frame[k],
        n: 1,
        lastFrame: s.frame[k],
        x,
        top,
        bottom,
        seq: s.seq[k],
        end: s.seq[k] + s.len[k],
        retransmission: s.retransmission[k],
      });
    }
    return out;
  }
  // Merged: the open mark of each kind (0–3) for the current column. Segments come in frame order, so in time
  // order nearly always; a segment out of order only opens a new mark.
  const open: (SegmentMark | null)[] = [null, null, null, null];
  const column: number[] = [-Infinity, -Infinity, -Infinity, -Infinity];
  for (let k = 0; k < s.count; k++) {
    const x = ax * s.time[k] + bx;
    if (x < xMin || x > xMax) continue;
    const seq = s.seq[k];
    const end = seq + s.len[k];
    const bottom = ay * seq + by;
    const top = ay * end + by;
    if (bottom < v.top || top > v.bottom) continue;
    const kind = s.retransmission[k] & 3;
    const c = Math.floor((x - v.left) / BUCKET_PX);
    const m = open[kind];
    if (m && column[kind] === c) {
      m.n++;
      m.lastFrame = s.frame[k];
      if (seq < m.seq) {
        m.seq = seq;
        m.bottom = bottom;
      }
      if (end > m.end) {
        m.end = end;
        m.top = top;
      }
      continue;
    }
    const mark: SegmentMark = {
      k,
      frame: s.frame[k],
      n: 1,
      lastFrame: s.frame[k],
      x: v.left + (c + 0.5) * BUCKET_PX,
      top,
      bottom,
      seq,
      end,
      retransmission: kind,
    };
    open[kind] = mark;
    column[kind] = c;
    out.push(mark);
  }
  return out;
}

/** Clamp a pixel coordinate to a band around the box (SVG copes badly with coordinates of 1e9). */
function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

const FAR = 10_000;

/**
 * An SVG path of the step line through (time[k], value[k]) (ACKs: the ack; the window: ack + window), culled to the
 * view and with the points of one pixel column merged (the line's vertical extent there is kept). "" when nothing is
 * in view.
 */
export function stepPath(time: Float64Array, value: Float64Array, count: number, v: Viewport): string {
  const { ax, bx, ay, by } = v;
  const xLo = v.left - FAR;
  const xHi = v.right + FAR;
  const yLo = v.top - FAR;
  const yHi = v.bottom + FAR;
  // The points in view, and one on each side so that the line enters and leaves the view.
  let first = -1;
  let last = -1;
  for (let k = 0; k < count; k++) {
    const x = ax * time[k] + bx;
    if (x >= v.left && x <= v.right) {
      if (first < 0) first = k;
      last = k;
    }
  }
  if (first < 0) {
    // No point in view: the step that spans the view, if any.
    let before = -1;
    for (let k = 0; k < count; k++) if (ax * time[k] + bx < v.left) before = k;
    if (before < 0) return '';
    const y = clamp(ay * value[before] + by, yLo, yHi);
    return `M${v.left - 1} ${r(y)}H${v.right + 1}`;
  }
  if (first > 0) first--;
  if (last < count - 1) last++;
  const parts: string[] = [];
  // The points of one pixel column (rounded x) make one group: the line goes across to it and then spans the
  // group's values, ending at the last one.
  let col = 0;
  let lo = 0;
  let hi = 0;
  let end = 0;
  const flush = () => parts.push(lo === hi ? `H${col}V${r(end)}` : `H${col}V${r(lo)}V${r(hi)}V${r(end)}`);
  for (let k = first; k <= last; k++) {
    const x = clamp(ax * time[k] + bx, xLo, xHi);
    const y = clamp(ay * value[k] + by, yLo, yHi);
    const c = Math.round(x);
    if (k === first) {
      parts.push(`M${c} ${r(y)}`);
    } else if (c === col) {
      if (y < lo) lo = y;
      if (y > hi) hi = y;
      end = y;
      continue;
    } else flush();
    col = c;
    lo = hi = end = y;
  }
  flush();
  // After the last point the line runs on flat to the right edge of the view.
  if (last === count - 1) parts.push(`H${r(Math.max(v.right + 1, col))}`);
  return parts.join('');
}

/** Pixels with one decimal: enough for SVG, and a shorter path string. */
function r(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The ACK points in view, or null when there are more than `max` (then only the line is drawn). */
export function ackPoints(g: TcpStreamGraph, v: Viewport, max = MAX_ACK_POINTS): AckPoint[] | null {
  const a = g.acks;
  const out: AckPoint[] = [];
  for (let k = 0; k < a.count; k++) {
    const x = v.ax * a.time[k] + v.bx;
    if (x < v.left || x > v.right) continue;
    const y = v.ay * a.ack[k] + v.by;
    if (y < v.top || y > v.bottom) continue;
    if (out.length === max) return null;
    out.push({ k, frame: a.frame[k], x, y });
  }
  return out;
}

/** The SACK blocks in view, as one SVG path of vertical bars at the time of their ACK. */
export function sackPath(g: TcpStreamGraph, v: Viewport): string {
  const s = g.sacks;
  const a = g.acks;
  const parts: string[] = [];
  let lastX = NaN;
  let lastTop = NaN;
  let lastBottom = NaN;
  for (let k = 0; k < s.count; k++) {
    const x = v.ax * a.time[s.ack[k]] + v.bx;
    if (x < v.left || x > v.right) continue;
    const bottom = v.ay * s.left[k] + v.by;
    const top = v.ay * s.right[k] + v.by;
    if (bottom < v.top || top > v.bottom) continue;
    const rx = r(x);
    const rt = r(clamp(top, v.top - 1, v.bottom + 1));
    const rb = r(clamp(bottom, v.top - 1, v.bottom + 1));
    // The same bar again (repeated blocks in one column) adds nothing.
    if (rx === lastX && rt === lastTop && rb === lastBottom) continue;
    lastX = rx;
    lastTop = rt;
    lastBottom = rb;
    parts.push(`M${rx} ${rt}V${Math.max(rb, rt + 1)}`);
  }
  return parts.join('');
}

/** The SYN, FIN and RST segments in view. */
export function flagMarks(g: TcpStreamGraph, v: Viewport): FlagMark[] {
  const s = g.segments;
  const out: FlagMark[] = [];
  for (let k = 0; k < s.count; k++) {
    const f = s.flags[k];
    if (!(f & (SYN | FIN | RST))) continue;
    const x = v.ax * s.time[k] + v.bx;
    const y = v.ay * s.seq[k] + v.by;
    if (x < v.left || x > v.right || y < v.top || y > v.bottom) continue;
    out.push({ k, frame: s.frame[k], x, y, label: f & RST ? 'RST' : f & SYN ? 'SYN' : 'FIN' });
  }
  return out;
}

/** The I-beam of a segment mark: a vertical bar from seq to end with a tick at each end (at least 1 px tall). */
export function iBeam(m: { x: number; top: number; bottom: number }, v: Viewport): string {
  const x = r(m.x);
  const top = r(clamp(m.top, v.top - TICK_PX, v.bottom + TICK_PX));
  const bottom = r(Math.max(top + 1, clamp(m.bottom, v.top - TICK_PX, v.bottom + TICK_PX)));
  return `M${x - TICK_PX} ${top}H${x + TICK_PX}M${x} ${top}V${bottom}M${x - TICK_PX} ${bottom}H${x + TICK_PX}`;
}

/** What is under a pointer: the nearest segment (its bar) or ACK point within `radius` px, or null. */
export function nearestMark(
  g: TcpStreamGraph,
  v: Viewport,
  px: number,
  py: number,
  radius = 6,
): { kind: 'segment' | 'ack'; k: number; frame: number } | null {
  let best: { kind: 'segment' | 'ack'; k: number; frame: number } | null = null;
  let bestD = radius * radius;
  const s = g.segments;
  for (let k = 0; k < s.count; k++) {
    const dx = v.ax * s.time[k] + v.bx - px;
    if (dx > radius || dx < -radius) continue;
    const bottom = v.ay * s.seq[k] + v.by;
    const top = v.ay * (s.seq[k] + s.len[k]) + v.by;
    const dy = py < top ? top - py : py > bottom ? py - bottom : 0;
    const d = dx * dx + dy * dy;
    if (d <= bestD) {
      bestD = d;
      best = { kind: 'segment', k, frame: s.frame[k] };
    }
  }
  const a = g.acks;
  for (let k = 0; k < a.count; k++) {
    const dx = v.ax * a.time[k] + v.bx - px;
    if (dx > radius || dx < -radius) continue;
    const dy = v.ay * a.ack[k] + v.by - py;
    const d = dx * dx + dy * dy;
    if (d < bestD) {
      bestD = d;
      best = { kind: 'ack', k, frame: a.frame[k] };
    }
  }
  return best;
}

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Sequence numbers for people: "710,355". */
export function formatSeq(v: number): string {
  return numbers.format(Math.round(v));
}

/** A segment described: "Frame 19: Seq 100,001–162,465 (62,464 bytes) at 0.139916 s, retransmission". */
export function describeSegment(g: TcpStreamGraph, k: number): string {
  const s = g.segments;
  const f = s.flags[k];
  const flags = [f & SYN ? 'SYN' : '', f & FIN ? 'FIN' : '', f & RST ? 'RST' : ''].filter(Boolean).join(', ');
  const kind = ['', 'retransmission', 'fast retransmission', 'spurious retransmission'][s.retransmission[k]] ?? '';
  const range = s.len[k]
    ? `Seq ${formatSeq(s.seq[k])}\u2013${formatSeq(s.seq[k] + s.len[k])} (${formatSeq(s.len[k])} bytes)`
    : `Seq ${formatSeq(s.seq[k])}`;
  return [`Frame ${s.frame[k]}: ${flags ? `${flags} ` : ''}${range} at ${s.time[k].toFixed(6)} s`, kind]
    .filter(Boolean)
    .join(', ');
}

/** An ACK described: "Frame 20: Ack 162,465, window to 162,465 (0 bytes) at 0.140245 s". */
export function describeAck(g: TcpStreamGraph, k: number): string {
  const a = g.acks;
  const win = a.window[k] - a.ack[k];
  return `Frame ${a.frame[k]}: Ack ${formatSeq(a.ack[k])}, window to ${formatSeq(a.window[k])} (${formatSeq(win)} bytes) at ${a.time[k].toFixed(6)} s`;
}
