import { describe, expect, it } from 'vitest';
import type { TcpStreamGraph } from '../engine/types';
import {
  BUCKET_PX,
  MAX_ACK_POINTS,
  MAX_SEGMENT_MARKS,
  ackOfFrame,
  ackPoints,
  describeAck,
  describeSegment,
  flagMarks,
  graphExtent,
  iBeam,
  nearestMark,
  sackPath,
  segmentMarks,
  segmentOfFrame,
  stepPath,
  viewport,
} from './stream-graph';

/**
 * A bulk transfer of `n` segments of 1448 bytes, one every ms, every 500th retransmitted 2 ms later; an ACK for every
 * second segment 0.5 ms after it with a 64 KiB window; a SYN first and a FIN last. Frames are numbered in time order.
 */
function bulk(n: number): TcpStreamGraph {
  type Row = { time: number; seg?: [number, number, number, number]; ack?: [number, number] };
  const rows: Row[] = [{ time: 0, seg: [0, 0, 0x02, 0] }];
  for (let i = 0; i < n; i++) {
    const time = 0.001 * (i + 1);
    rows.push({ time, seg: [1 + 1448 * i, 1448, 0x10, 0] });
    if (i % 500 === 250) rows.push({ time: time + 0.002, seg: [1 + 1448 * i, 1448, 0x10, 1] });
    if (i % 2 === 1) rows.push({ time: time + 0.0005, ack: [1 + 1448 * (i + 1), 65536] });
  }
  rows.push({ time: 0.001 * (n + 2), seg: [1 + 1448 * n, 0, 0x11, 0] });
  rows.sort((a, b) => a.time - b.time);
  const segs = rows.filter((r) => r.seg);
  const acks = rows.filter((r) => r.ack);
  const frameOf = new Map(rows.map((r, i) => [r, i + 1]));
  return {
    stream: 0,
    direction: 1,
    src: '10.0.0.2:80',
    dst: '10.0.0.1:50000',
    title: 'Sequence numbers (tcptrace) for 10.0.0.2:80 \u2192 10.0.0.1:50000',
    bytes: [0, 1448 * n],
    winScale: 7,
    complete: true,
    segments: {
      count: segs.length,
      frame: Uint32Array.from(segs, (r) => frameOf.get(r)!),
      time: Float64Array.from(segs, (r) => r.time),
      seq: Float64Array.from(segs, (r) => r.seg![0]),
      len: Uint32Array.from(segs, (r) => r.seg![1]),
      flags: Uint16Array.from(segs, (r) => r.seg![2]),
      retransmission: Uint8Array.from(segs, (r) => r.seg![3]),
    },
    acks: {
      count: acks.length,
      frame: Uint32Array.from(acks, (r) => frameOf.get(r)!),
      time: Float64Array.from(acks, (r) => r.time),
      ack: Float64Array.from(acks, (r) => r.ack![0]),
      window: Float64Array.from(acks, (r) => r.ack![0] + r.ack![1]),
    },
    sacks: {
      count: 2,
      ack: Uint32Array.from([0, 0]),
      left: Float64Array.from([5000, 9000]),
      right: Float64Array.from([6000, 10000]),
    },
  };
}

const BOX = { left: 60, right: 860, top: 10, bottom: 410 };

/** The whole graph in the box. */
function whole(g: TcpStreamGraph) {
  const e = graphExtent(g);
  return viewport(e.t0, e.t1, e.s0, e.s1, BOX);
}

describe('the stream graph geometry', () => {
  it('pads the extent and maps time right and sequence numbers up', () => {
    const g = bulk(100);
    const e = graphExtent(g);
    expect(e.t0).toBeLessThan(0);
    expect(e.t1).toBeGreaterThan(0.102);
    expect(e.s1).toBeGreaterThan(1 + 1448 * 100 + 65536 - 1448);
    const v = viewport(0, 1, 0, 1000, BOX);
    expect(v.ax * 0 + v.bx).toBe(60);
    expect(v.ax * 1 + v.bx).toBe(860);
    expect(v.ay * 0 + v.by).toBe(410);
    expect(v.ay * 1000 + v.by).toBeCloseTo(10, 9);
  });

  it('draws every segment in view one by one when there are few', () => {
    const g = bulk(100);
    const marks = segmentMarks(g, whole(g));
    expect(marks).toHaveLength(g.segments.count);
    expect(marks.every((m) => m.n === 1)).toBe(true);
    expect(marks.filter((m) => m.retransmission).map((m) => m.frame)).toEqual(
      [...g.segments.frame].filter((_, k) => g.segments.retransmission[k]),
    );
    // Bottom at seq, top at seq + len.
    const m = marks[5];
    expect(m.bottom - m.top).toBeCloseTo(-whole(g).ay * 1448, 6);
  });

  it('culls to the view when zoomed in', () => {
    const g = bulk(1000);
    // Time 0.1–0.2 s, sequence numbers 140,000–300,000: segments 100–199 of which those that meet the rows.
    const v = viewport(0.1, 0.2, 140_000, 300_000, BOX);
    const marks = segmentMarks(g, v);
    expect(marks.length).toBeGreaterThan(50);
    for (const m of marks) {
      expect(g.segments.time[m.k]).toBeGreaterThanOrEqual(0.1 - 1e-3);
      expect(g.segments.time[m.k]).toBeLessThanOrEqual(0.2 + 1e-3);
      expect(m.end).toBeGreaterThanOrEqual(140_000 - 2000);
      expect(m.seq).toBeLessThanOrEqual(300_000 + 2000);
    }
  });

  it('merges segments per pixel column when there are many, keeping retransmissions apart', () => {
    const g = bulk(100_000);
    const v = whole(g);
    const started = performance.now();
    const marks = segmentMarks(g, v);
    const ms = performance.now() - started;
    // One mark per column of each kind at most, and never more than the limit (with a margin for the out of order).
    expect(marks.length).toBeLessThanOrEqual(((BOX.right - BOX.left) / BUCKET_PX + 4) * 2);
    expect(marks.length).toBeLessThan(MAX_SEGMENT_MARKS);
    expect(marks.some((m) => m.n > 1)).toBe(true);
    // Every segment is in exactly one mark.
    expect(marks.reduce((sum, m) => sum + m.n, 0)).toBe(g.segments.count);
    const retransmitted = marks.filter((m) => m.retransmission).reduce((sum, m) => sum + m.n, 0);
    expect(retransmitted).toBe(g.segments.retransmission.reduce((sum, x) => sum + (x ? 1 : 0), 0));
    // One pass over 100,000 segments: a few milliseconds (generous for a loaded machine).
    expect(ms).toBeLessThan(100);
  });

  it('draws the ACK and window step lines within the view, merging points per pixel column', () => {
    const g = bulk(100_000);
    const v = whole(g);
    const path = stepPath(g.acks.time, g.acks.ack, g.acks.count, v);
    expect(path.startsWith('M')).toBe(true);
    // At most one group per pixel column (plus the start and the tail).
    expect(path.split('H').length).toBeLessThanOrEqual(BOX.right - BOX.left + 4);
    // Coordinates stay near the box even for points far outside it.
    const zoomed = viewport(50, 50.01, 72_000_000, 72_500_000, BOX);
    const near = stepPath(g.acks.time, g.acks.ack, g.acks.count, zoomed);
    for (const n of near.match(/-?\d+(\.\d+)?/g)!.map(Number)) expect(Math.abs(n)).toBeLessThan(20_000);
  });

  it('draws a step line exactly for a few points, running on to the right', () => {
    const time = Float64Array.from([0, 1, 2]);
    const value = Float64Array.from([0, 10, 20]);
    const v = viewport(0, 4, 0, 40, { left: 0, right: 400, top: 0, bottom: 400 });
    expect(stepPath(time, value, 3, v)).toBe('M0 400H0V400H100V300H200V200H401');
    // Zoomed between two points: the step that spans the view.
    const between = viewport(1.2, 1.8, 0, 40, { left: 0, right: 400, top: 0, bottom: 400 });
    expect(stepPath(time, value, 3, between)).toBe('M-1 300H401');
    // Before the first point: nothing.
    expect(stepPath(time, value, 3, viewport(-2, -1, 0, 40, { left: 0, right: 400, top: 0, bottom: 400 }))).toBe('');
  });

  it('draws ACK points only when few are in view', () => {
    const g = bulk(100_000);
    expect(ackPoints(g, whole(g))).toBeNull();
    const few = ackPoints(g, viewport(0.1, 0.2, 0, 400_000, BOX));
    expect(few).not.toBeNull();
    expect(few!.length).toBeGreaterThan(10);
    expect(few!.length).toBeLessThanOrEqual(MAX_ACK_POINTS);
  });

  it('finds marks by frame and by pointer', () => {
    const g = bulk(100);
    const v = whole(g);
    expect(segmentOfFrame(g, g.segments.frame[7])).toBe(7);
    expect(ackOfFrame(g, g.acks.frame[3])).toBe(3);
    expect(segmentOfFrame(g, g.acks.frame[3])).toBe(-1);
    // The middle of segment 10's bar.
    const k = 10;
    const px = v.ax * g.segments.time[k] + v.bx;
    const py = v.ay * (g.segments.seq[k] + 724) + v.by;
    expect(nearestMark(g, v, px, py)).toEqual({ kind: 'segment', k, frame: g.segments.frame[k] });
    expect(nearestMark(g, v, BOX.right - 1, BOX.top + 1)).toBeNull();
  });

  it('marks SYN and FIN, draws SACK blocks and I-beams', () => {
    const g = bulk(100);
    const v = whole(g);
    expect(flagMarks(g, v).map((f) => f.label)).toEqual(['SYN', 'FIN']);
    expect(sackPath(g, v).match(/M/g)).toHaveLength(2);
    expect(iBeam({ x: 100, top: 50, bottom: 80 }, v)).toBe('M97 50H103M100 50V80M97 80H103');
    // A zero-length segment is still 1 px tall.
    expect(iBeam({ x: 100, top: 50, bottom: 50 }, v)).toBe('M97 50H103M100 50V51M97 51H103');
  });

  it('describes segments and ACKs for the readout and assistive technology', () => {
    const g = bulk(300);
    const k = [...g.segments.retransmission].indexOf(1);
    expect(describeSegment(g, 0)).toBe('Frame 1: SYN Seq 0 at 0.000000 s');
    expect(describeSegment(g, k)).toMatch(
      /^Frame \d+: Seq 362,001–363,449 \(1,448 bytes\) at 0\.253000 s, retransmission$/,
    );
    expect(describeAck(g, 0)).toMatch(/^Frame \d+: Ack 2,897, window to 68,433 \(65,536 bytes\) at 0\.002500 s$/);
  });
});
