// The I/O graph's and the statistics views' helpers, without a DOM.
import { describe, expect, it } from 'vitest';
import type { ExpertEntry, IoGraphLine } from '../engine/types';
import { INTERVALS, intervalText, maxValue, valueAt } from './io.svelte';
import { groupEntries, severityCounts, statRows } from './stats.svelte';

const line: IoGraphLine = {
  filter: '',
  error: '',
  packets: Uint32Array.from([2, 0, 5]),
  bytes: Float64Array.from([120, 0, 3000]),
  first: Int32Array.from([0, -1, 2]),
};

describe('I/O graph helpers', () => {
  it('gives packets, bytes or bits per interval', () => {
    expect([0, 1, 2].map((b) => valueAt(line, 'packets', b))).toEqual([2, 0, 5]);
    expect(valueAt(line, 'bytes', 2)).toBe(3000);
    expect(valueAt(line, 'bits', 0)).toBe(960);
    expect(maxValue([line], 'bytes')).toBe(3000);
    expect(maxValue([line], 'packets', 0, 2)).toBe(2);
  });
  it('names intervals', () => {
    expect(intervalText(1000)).toBe('1 ms');
    expect(intervalText(20_000)).toBe('20 ms');
    expect(intervalText(1e6)).toBe('1 s');
    expect(intervalText(6e7)).toBe('1 min');
    expect(INTERVALS[0]).toEqual({ us: 0, label: 'Auto' });
    expect(INTERVALS.map((i) => i.label)).toContain('10 s');
  });
});

const entry = (severity: ExpertEntry['severity'], summary: string, count: number, group = 'Sequence'): ExpertEntry => ({
  severity,
  group,
  protocol: 'TCP',
  summary,
  field: '',
  count,
  start: 0,
  frameCount: count,
});

describe('Expert Information helpers', () => {
  it('groups by severity, group and protocol, most severe first, then by count', () => {
    const groups = groupEntries([
      entry('warn', 'Out of order', 3),
      entry('note', 'Dup ACK #1', 2),
      entry('note', 'Dup ACK #2', 1),
      entry('warn', 'Malformed', 5, 'Malformed'),
      entry('error', 'Bad', 1, 'Malformed'),
    ]);
    expect(groups.map((g) => [g.severity, g.group, g.count])).toEqual([
      ['error', 'Malformed', 1],
      ['warn', 'Malformed', 5],
      ['warn', 'Sequence', 3],
      ['note', 'Sequence', 3],
    ]);
    expect(groups[3].entries.map((e) => e.summary)).toEqual(['Dup ACK #1', 'Dup ACK #2']);
    expect(severityCounts([entry('note', 'a', 2), entry('note', 'b', 1), entry('chat', 'c', 4)])).toEqual({
      error: 0,
      warn: 0,
      note: 3,
      chat: 4,
      comment: 0,
    });
  });
  it('flattens a stats tree with depths and shares of the parent', () => {
    const rows = statRows({
      label: 'Total',
      count: 8,
      children: [{ label: 'GET', count: 4, children: [{ label: '/', count: 1, children: [] }] }],
    });
    expect(rows).toEqual([
      { label: 'Total', count: 8, depth: 0, percent: 100 },
      { label: 'GET', count: 4, depth: 1, percent: 50 },
      { label: '/', count: 1, depth: 2, percent: 25 },
    ]);
  });
});
