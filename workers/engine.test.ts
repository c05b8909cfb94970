// The first pass stopping early on purpose: a packet limit asked for, and the browser refusing more memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isOutOfMemory } from './capture/problems';
import { bytesSource } from './capture/source';
import { Engine } from './engine';
import { PacketIndex } from './index/packet-index';

// lab-null: 152 packets; tshark -r lab-null.pcapng -c 10 -T fields -e frame.number -e _ws.col.Protocol:
//   frame 4 is the HTTP GET, frame 9 the 200 OK of /.
const LAB = join(import.meta.dirname, 'testdata', 'lab-null.pcapng');
const lab = () => bytesSource(new Uint8Array(readFileSync(LAB)), 'lab-null.pcapng');

afterEach(() => vi.restoreAllMocks());

describe('Engine.open stopping early', () => {
  it('reads only the first N packets when asked, and says so', async () => {
    const e = new Engine();
    const r = await e.open(lab(), { maxPackets: 10 });
    expect(r.packets).toBe(10);
    expect(r.problem).toMatchObject({ kind: 'packet-limit', packets: 10 });
    expect(r.problem?.message).toBe(
      'Only the first 10 packets were opened, as asked; the rest of the file was not read.',
    );
    const rows = await e.rows(0, 20);
    expect(rows.map((row) => row.frameNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows[3].protocol).toBe('HTTP');
    expect(rows[8].info).toMatch(/^HTTP\/1\.1 200 OK/);
  });

  it('keeps what it read when the browser refuses more memory, and says so clearly', async () => {
    // What V8 throws when an ArrayBuffer cannot be had: the 101st packet cannot be indexed.
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the index as `this` below
    const append = PacketIndex.prototype.append;
    vi.spyOn(PacketIndex.prototype, 'append').mockImplementation(function (this: PacketIndex, rec) {
      if (this.count === 100) throw new RangeError('Array buffer allocation failed');
      return append.call(this, rec);
    });
    const e = new Engine();
    const r = await e.open(lab());
    expect(r.packets).toBe(100);
    expect(r.problem).toMatchObject({ kind: 'out-of-memory', packets: 100 });
    expect(r.problem?.message).toMatch(
      /^Wirelens ran out of memory after 100 packets \(byte [\d,]+ of [\d,]+\) and shows those\./,
    );
    // The packets read stay whole: rows, details and the TCP analysis of the first pass.
    const rows = await e.rows(95, 10);
    expect(rows.map((row) => row.frameNumber)).toEqual([96, 97, 98, 99, 100]);
    const detail = await e.detail(3);
    expect(detail.items.some((it) => it.label === 'Request Method: GET')).toBe(true);
  });

  it('stops the same way when a dissector’s state cannot grow mid-packet', async () => {
    const e = new Engine();
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the map as `this` below
    const set = Map.prototype.set;
    // A Map past its largest size, met inside the dissection of some packet after the first 50.
    vi.spyOn(Map.prototype, 'set').mockImplementation(function (this: Map<unknown, unknown>, k, v) {
      if (e.count > 50) throw new RangeError('Map maximum size exceeded');
      return set.call(this, k, v);
    });
    const r = await e.open(lab());
    vi.restoreAllMocks();
    expect(r.problem?.kind).toBe('out-of-memory');
    expect(r.packets).toBeGreaterThanOrEqual(50);
    expect(r.packets).toBeLessThan(152);
    expect(r.problem?.packets).toBe(r.packets);
  });

  it('does not take a bad length in a packet for a lack of memory', () => {
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e;
      }
      return null;
    };
    // A length field read as −1 or as 2^53 from a broken packet: a RangeError, but not one of memory.
    expect(isOutOfMemory(thrown(() => new Uint8Array(-1)))).toBe(false);
    expect(isOutOfMemory(thrown(() => new ArrayBuffer(2 ** 53)))).toBe(false);
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new RangeError('Map maximum size exceeded'))).toBe(true);
    expect(isOutOfMemory(new Error('Array buffer allocation failed'))).toBe(false);
  });
});
