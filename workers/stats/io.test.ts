import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';
import { AUTO_MAX_BUCKETS, IO_INTERVALS_US, durationNs, ioGraphOf, pickInterval } from './io';

const TESTDATA = join(import.meta.dirname, '../testdata');
const LAB = join(TESTDATA, 'lab-null.pcapng');
/** The lossy capture of the shared folder (retransmissions, dup ACKs); its expectations are committed beside LAB's. */
const VETH = new URL('../../../shared/captures/lab/net-veth.pcapng', import.meta.url).pathname;

async function open(path: string): Promise<Engine> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(path)), path));
  return engine;
}

interface Expected {
  interval: number;
  filter: string;
  frames: number[];
  bytes: number[];
}

/**
 * tshark's io,stat tables, as committed in testdata/<capture>.io.txt. Made with:
 *   for args in 1 1,tcp.analysis.flags 0.1,http 0.01,tcp.analysis.retransmission; do
 *     echo "# tshark -n -r CAP -q -z io,stat,$args"; tshark -n -r CAP -q -z io,stat,$args; done
 * (tshark 4.0.17, WIRESHARK_CONFIG_DIR empty).
 */
function readExpected(path: string): Expected[] {
  const out: Expected[] = [];
  let cur: Expected | null = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const head = /^# tshark .* -z io,stat,([0-9.]+)(?:,(.*))?$/.exec(line);
    if (head) {
      cur = { interval: Number(head[1]), filter: head[2] ?? '', frames: [], bytes: [] };
      out.push(cur);
      continue;
    }
    const row = /^\|\s*[0-9.]+\s*<>\s*(?:[0-9.]+|Dur)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/.exec(line);
    if (row && cur) {
      cur.frames.push(Number(row[1]));
      cur.bytes.push(Number(row[2]));
    }
  }
  return out;
}

describe('pickInterval', () => {
  it('picks the smallest interval that gives at most AUTO_MAX_BUCKETS intervals', () => {
    // 9.586 s (the lab): 20 ms gives 480 intervals, 10 ms 959.
    expect(pickInterval(9_586_001_701)).toBe(20_000);
    expect(pickInterval(0)).toBe(1_000);
    for (const d of [1e6, 3e9, 7.7e10, 3.6e12]) {
      const us = pickInterval(d);
      expect(Math.floor(d / (us * 1000)) + 1).toBeLessThanOrEqual(AUTO_MAX_BUCKETS);
      const k = IO_INTERVALS_US.indexOf(us);
      if (k > 0) expect(Math.floor(d / (IO_INTERVALS_US[k - 1] * 1000)) + 1).toBeGreaterThan(AUTO_MAX_BUCKETS);
    }
  });
  it('keeps an interval asked for unless it would give more than a million intervals', () => {
    expect(pickInterval(9_586_001_701, 1_000)).toBe(1_000);
    expect(pickInterval(3.6e12, 1_000)).toBe(5_000);
    // A day at 1 ms: 8.64e7 intervals → 100 ms.
    expect(pickInterval(8.64e13, 1_000)).toBe(100_000);
  });
});

for (const [name, path] of [
  ['lab-null.pcapng', LAB],
  ['net-veth.pcapng', VETH],
] as const) {
  describe.skipIf(!existsSync(path))(`ioGraphOf on ${name} equals tshark -z io,stat`, () => {
    const expected = readExpected(join(TESTDATA, `${name}.io.txt`));
    it('has the four tables', () => expect(expected.length).toBe(4));
    for (const e of expected)
      it(`io,stat,${e.interval}${e.filter ? `,${e.filter}` : ''}`, async () => {
        const engine = await open(path);
        const g = await ioGraphOf(engine, [e.filter], { intervalUs: Math.round(e.interval * 1e6) });
        expect(g.intervalUs).toBe(Math.round(e.interval * 1e6));
        expect(g.buckets).toBe(e.frames.length);
        const line = g.lines[0];
        expect(line.error).toBe('');
        expect(Array.from(line.packets)).toEqual(e.frames);
        expect(Array.from(line.bytes)).toEqual(e.bytes);
        // The first packet of each interval lies in it, and no earlier packet of the line does.
        for (let b = 0; b < g.buckets; b++) expect(line.first[b] < 0).toBe(line.packets[b] === 0);
      });
  });
}

describe('ioGraphOf', () => {
  it('draws several lines at once, the default interval, an invalid filter as an error, and a displayed subset', async () => {
    const engine = await open(LAB);
    expect(durationNs(engine)).toBe(9_586_001_701);
    const g = await ioGraphOf(engine, ['', 'http', 'no such field ==']);
    expect(g.intervalUs).toBe(20_000);
    expect(g.buckets).toBe(480);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0);
    expect(sum(g.lines[0].packets)).toBe(152);
    // tshark -r lab-null.pcapng -Y http | wc -l → 8
    expect(sum(g.lines[1].packets)).toBe(8);
    expect(g.lines[2].error).not.toBe('');
    expect(sum(g.lines[2].packets)).toBe(0);
    // The first interval's first packet is frame 1; the lab's last four packets (the close) are in the last one.
    expect(g.lines[0].first[0]).toBe(0);
    expect(g.lines[0].packets[g.buckets - 1]).toBeGreaterThan(0);
    const within = Uint32Array.from([0, 1, 2, 151]);
    const w = await ioGraphOf(engine, ['', 'tcp.flags.syn == 1'], { within });
    expect(sum(w.lines[0].packets)).toBe(4);
    // Frames 1 and 2 are the first SYN and SYN/ACK.
    expect(sum(w.lines[1].packets)).toBe(2);
  });

  it('stops when aborted', async () => {
    const engine = await open(LAB);
    const c = new AbortController();
    c.abort();
    await expect(ioGraphOf(engine, ['tcp'], { signal: c.signal })).rejects.toBeTruthy();
  });
});
