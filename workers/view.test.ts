// The packet list the page shows: rows in frame order against tshark 4.0, colours, sorting, time formats, and rows
// asked for while the file is still being read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource, streamOf } from './capture/source';
import type { ByteSource } from './capture/source';
import { readGolden } from './dissect/testing';
import { Engine } from './engine';
import type { ListRow } from './types';
import { formatDateTime, PacketView } from './view';

const TESTDATA = join(import.meta.dirname, 'testdata');
const LAB = join(TESTDATA, 'lab-null.pcapng');

async function openView(path: string): Promise<PacketView> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(path)), path));
  return new PacketView(engine);
}

const line = (r: ListRow) => [r.frameNumber, r.time, r.source, r.destination, r.protocol, r.length, r.info].join('\t');

describe('PacketView', () => {
  it('shows every row of the lab capture as tshark does, in frame order', async () => {
    const view = await openView(LAB);
    const golden = readGolden(LAB + '.cols.tsv');
    expect(view.count).toBe(golden.size);
    const rows = await view.rows(0, view.count, 'relative');
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i));
    const got = rows.map((r) => line(r).split('\t'));
    // The lab capture has nanosecond timestamps: the Time column shows all nine digits, as tshark does.
    expect(got).toEqual([...golden.values()]);
  });

  it('colours rows with Wireshark’s default rules', async () => {
    const path = join(TESTDATA, 'lab-tls-proxy.pcapng');
    const view = await openView(path);
    const want = readFileSync(path + '.color.tsv', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[1] ?? '');
    const rows = await view.rows(0, view.count, 'relative');
    expect(rows.map((r) => r.colorRule)).toEqual(want);
    const tcp = rows.find((r) => r.colorRule === 'TCP');
    expect(tcp?.bg).toBe('rgb(231, 230, 255)');
    expect(tcp?.fg).toBe('rgb(18, 39, 46)');
  });

  it('sorts by a column, stably, and finds a frame’s position', async () => {
    const view = await openView(LAB);
    const all = await view.rows(0, view.count, 'relative');
    await view.sort('length', true);
    const byLength = await view.rows(0, view.count, 'relative');
    const expected = [...all].sort((a, b) => b.length - a.length || a.frameNumber - b.frameNumber);
    expect(byLength.map((r) => r.frameNumber)).toEqual(expected.map((r) => r.frameNumber));
    const biggest = expected[0];
    expect(view.positionOf(biggest.frameNumber)).toBe(0);
    expect(view.positionOf(0)).toBe(-1);
    expect(view.positionOf(view.count + 1)).toBe(-1);

    await view.sort('info', false);
    const byInfo = await view.rows(0, view.count, 'relative');
    const infos = byInfo.map((r) => r.info);
    expect(infos).toEqual([...infos].sort());

    await view.sort('number', false);
    expect(view.sortedBy).toBeNull();
    expect((await view.rows(0, 3, 'relative')).map((r) => r.frameNumber)).toEqual([1, 2, 3]);
  });

  it('sorts addresses by value', async () => {
    const view = await openView(join(TESTDATA, 'lab-tls-proxy.pcapng'));
    await view.sort('source', false);
    const rows = await view.rows(0, view.count, 'relative');
    const sources = rows.map((r) => r.source);
    const value = (a: string) => a.split('.').reduce((v, o) => v * 256 + Number(o), 0);
    const v4 = sources.filter((s) => /^\d+\.\d+\.\d+\.\d+$/.test(s));
    expect(v4.length).toBeGreaterThan(0);
    expect(v4.map(value)).toEqual([...v4.map(value)].sort((a, b) => a - b));
    // Equal sources keep frame order.
    const first = rows.filter((r) => r.source === rows[0].source).map((r) => r.frameNumber);
    expect(first).toEqual([...first].sort((a, b) => a - b));
  });

  it('shows only the packets a filter lets through, sorted as asked', async () => {
    const view = await openView(LAB);
    await view.setDisplayed(Uint32Array.from([3, 8, 10, 40]));
    expect(view.count).toBe(4);
    expect((await view.rows(0, 10, 'relative')).map((r) => r.frameNumber)).toEqual([4, 9, 11, 41]);
    expect(view.positionOf(9)).toBe(1);
    expect(view.positionOf(2)).toBe(-1);
    const delta = await view.rows(0, 2, 'delta-displayed');
    expect(delta[0].time).toBe('0.000000000');
    await view.sort('length', true);
    const byLength = await view.rows(0, 10, 'relative');
    expect(byLength.map((r) => r.length)).toEqual([...byLength.map((r) => r.length)].sort((a, b) => b - a));
    expect(byLength).toHaveLength(4);
    await view.setDisplayed(null);
    expect(view.count).toBe(152);
    expect(view.sortedBy).toEqual({ column: 'length', descending: true });
  });

  it('formats the Time column as the user chooses', async () => {
    const view = await openView(LAB);
    const [a, b] = await view.rows(0, 2, 'epoch');
    expect(a.time).toMatch(/^\d{10}\.\d{9}$/);
    const [da, db] = await view.rows(0, 2, 'delta');
    expect(da.time).toBe('0.000000000');
    expect(db.time).toBe('0.000016034');
    expect(Number(b.time) - Number(a.time)).toBeCloseTo(0.000016, 6);
    const [sec, ns] = a.time.split('.').map(Number);
    const [utc] = await view.rows(0, 1, 'utc');
    expect(utc.time).toBe(formatDateTime(sec, ns, 9, true, true));
    expect(utc.time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9}$/);
    expect(formatDateTime(1700000000, 123456789, 6, true, true)).toBe('2023-11-14 22:13:20.123456');
    expect(formatDateTime(1700000000, 123456789, 3, true, false)).toBe('22:13:20.123');

    // Since the previous displayed packet follows the sort order.
    await view.sort('length', true);
    const sorted = await view.rows(0, 2, 'delta-displayed');
    expect(sorted[0].time).toBe('0.000000000');
    expect(sorted[1].time).not.toBe(db.time);
  });

  it('gives rows while the file is still being read, the same as after', async () => {
    const bytes = new Uint8Array(readFileSync(LAB));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    // A source whose stream stops half-way until the test has read rows.
    const half = bytes.length >> 1;
    const source: ByteSource = {
      ...bytesSource(bytes, LAB),
      stream: () => {
        const chunks = streamOf(bytes, 4096).getReader();
        let sent = 0;
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (sent >= half) await gate;
            const { done, value } = await chunks.read();
            if (done) return controller.close();
            sent += value.length;
            controller.enqueue(value);
          },
        });
      },
    };
    const engine = new Engine();
    const view = new PacketView(engine);
    const opening = engine.open(source);
    while (engine.count < 20) await new Promise((r) => setTimeout(r, 1));
    const early = await view.rows(0, 10, 'relative');
    expect(early.map((r) => r.frameNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    release();
    await opening;
    const full = await openView(LAB);
    const after = await view.rows(0, view.count, 'relative');
    expect(after.map(line)).toEqual((await full.rows(0, full.count, 'relative')).map(line));
    // The handshake rows read early are final already.
    expect(early.slice(0, 3).map(line)).toEqual(after.slice(0, 3).map(line));
  });
});

describe('PacketView on a gzip capture', () => {
  it('gives rows of the decompressed records while the rest is still being read', async () => {
    const path = join(TESTDATA, 'derived-1000-requests-one-dropped-response.cut.pcap.gz');
    const bytes = new Uint8Array(readFileSync(path));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const source: ByteSource = {
      ...bytesSource(bytes, path),
      stream: () => {
        const chunks = streamOf(bytes, 2048).getReader();
        let sent = 0;
        return new ReadableStream<Uint8Array>({
          async pull(controller) {
            if (sent >= bytes.length / 2) await gate;
            const { done, value } = await chunks.read();
            if (done) return controller.close();
            sent += value.length;
            controller.enqueue(value);
          },
        });
      },
    };
    const engine = new Engine();
    const view = new PacketView(engine);
    const opening = engine.open(source);
    while (engine.count < 5) await new Promise((r) => setTimeout(r, 1));
    const early = await view.rows(0, 5, 'relative');
    expect(early.map((r) => r.frameNumber)).toEqual([1, 2, 3, 4, 5]);
    release();
    await opening;
    const after = await view.rows(0, 5, 'relative');
    expect(early.map(line)).toEqual(after.map(line));
  });
});
