// Every packet-list row of the test captures that have a tshark golden beside them (X.cols.tsv, made by
// `tshark -n -2 -r X -T fields -e frame.number -e frame.time_relative -e _ws.col.Source -e _ws.col.Destination
// -e _ws.col.Protocol -e frame.len -e _ws.col.Info`), through both passes of the real engine.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRelTime } from './dissect/time';
import { dissectFile, readGolden } from './dissect/testing';

const TESTDATA = join(import.meta.dirname, 'testdata');
const goldens = readdirSync(TESTDATA)
  .filter((f) => f.endsWith('.cols.tsv') && existsSync(join(TESTDATA, f.replace(/\.cols\.tsv$/, ''))))
  .sort();

describe('packet list against tshark 4.0', () => {
  it('has goldens to compare', () => {
    expect(goldens.length).toBeGreaterThanOrEqual(10);
  });

  it.each(goldens)('%s', async (golden) => {
    const expected = readGolden(join(TESTDATA, golden));
    const { engine, packets } = await dissectFile(join(TESTDATA, golden.replace(/\.cols\.tsv$/, '')));
    expect(packets.length).toBe(expected.size);
    const mismatches: string[] = [];
    packets.forEach((d, i) => {
      const t = engine.relative(i);
      const got = [
        String(i + 1),
        t ? formatRelTime(t.sec, t.ns, 9) : '',
        d.cols.src,
        d.cols.dst,
        d.cols.protocol,
        d.field('frame.len') ?? '',
        d.cols.info,
      ].join('\t');
      const want = (expected.get(i + 1) ?? []).join('\t');
      if (got.trimEnd() !== want.trimEnd()) mismatches.push(`tshark: ${want}\nours:   ${got}`);
    });
    expect(mismatches).toEqual([]);
  });
});
