// The page state with the real engine API in Node (the same object the worker exposes), on real captures.
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { PacketIndex } from '../../../workers/index/packet-index';
import { createEngineApi } from '../../../workers/engine-api';
import type { EngineLike, OpenProgress } from '../engine/types';
import { ViewerState, bytesText, combineFilter, conversationFilters, packetsText } from './viewer.svelte';

const fixture = (name: string) => new URL(`../../../e2e/fixtures/${name}`, import.meta.url).pathname;

/** The engine API in this process, shaped like EngineClient. `tap` sees every progress report first. */
function inProcess(tap?: (p: OpenProgress) => void): EngineLike {
  const api = createEngineApi();
  return {
    open: (file, onProgress, maxPackets) =>
      api.open(
        file,
        (p) => {
          tap?.(p);
          onProgress(p);
        },
        maxPackets,
      ),
    cancel: () => {
      api.cancel();
      return Promise.resolve();
    },
    rows: (start, count, time) => api.rows(start, count, time),
    count: () => Promise.resolve(api.count()),
    sort: (column, descending) => api.sort(column, descending),
    positionOf: (frame) => Promise.resolve(api.positionOf(frame)),
    detail: (i) => api.detail(i),
    detailAt: (position) => api.detailAt(position),
    checkFilter: (text) => Promise.resolve(api.checkFilter(text)),
    applyFilter: (text) => api.applyFilter(text),
    suggest: (prefix, limit) => Promise.resolve(api.suggest(prefix, limit)),
    sequence: (opts, onProgress) => api.sequence(opts, onProgress),
    streamGraph: (stream, direction, onProgress) => api.streamGraph(stream, direction, onProgress),
    ioGraph: (filters, opts, onProgress) => api.ioGraph(filters, opts, onProgress),
    expertInfo: (onProgress) => api.expertInfo(onProgress),
    httpStats: (onProgress) => api.httpStats(onProgress),
    conversations: (limit, onProgress) => api.conversations(limit, onProgress),
    hierarchy: (onProgress) => api.hierarchy(onProgress),
    properties: () => api.properties(),
    httpObjects: (onProgress) => api.httpObjects(onProgress),
    httpObjectBody: (id) => api.httpObjectBody(id),
    httpHar: (onProgress) => api.httpHar(onProgress),
    follow: (stream, kind) => api.follow(stream, kind),
    streamOf: (i) => api.streamOf(i),
  };
}

/** Frame numbers of the rows the list holds for its window, once the worker has answered. */
async function listed(v: ViewerState): Promise<number[]> {
  await v.list.fill();
  const out: number[] = [];
  for (let pos = 0; pos < v.list.count; pos++) {
    const row = v.list.row(pos);
    if (row) out.push(row.frameNumber);
  }
  return out;
}

/** 5-pings.pcap with its packets repeated `times` times: a real capture that takes a while to read. */
async function bigPcap(times: number): Promise<Blob> {
  const bytes = await readFile(fixture('5-pings.pcap'));
  const body = bytes.subarray(24);
  return new Blob([bytes.subarray(0, 24), ...Array.from({ length: times }, () => body)]);
}

describe('ViewerState', () => {
  it('starts empty', () => {
    const v = new ViewerState(inProcess());
    expect(v.status).toBe('empty');
    expect(v.list.count).toBe(0);
  });

  it('opens a pcap: ready, packet count, first rows, final progress', async () => {
    const v = new ViewerState(inProcess());
    const blob = await openAsBlob(fixture('5-pings.pcap'));
    const opening = v.open(blob, '5-pings.pcap');
    expect(v.status).toBe('loading');
    await opening;
    expect(v.status).toBe('ready');
    expect(v.fileName).toBe('5-pings.pcap');
    expect(v.summary).toMatchObject({ packets: 10, complete: true, problem: null, format: 'pcap', size: 1164 });
    expect(await listed(v)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(v.list.row(0)?.length).toBeGreaterThan(0);
    expect(v.progress).toEqual({ bytesRead: 1164, totalBytes: 1164, packets: 10 });
    expect(v.fraction).toBe(1);
    expect(v.message).toBeNull();
  });

  it('says when a file is not a capture', async () => {
    const v = new ViewerState(inProcess());
    await v.open(new Blob(['hello, this is a text file\n'.repeat(10)]), 'notes.txt');
    expect(v.status).toBe('error');
    expect(v.summary?.problem?.kind).toBe('not-a-capture');
    expect(v.message).toMatch(/not a capture file/);
    expect(await listed(v)).toEqual([]);
  });

  it('when memory runs out, shows what was read and offers to open fewer packets', async () => {
    // What V8 throws when no ArrayBuffer can be had, from the 6th packet's indexing on (5-pings.pcap has 10).
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the index as `this` below
    const append = PacketIndex.prototype.append;
    const spy = vi.spyOn(PacketIndex.prototype, 'append').mockImplementation(function (this: PacketIndex, rec) {
      if (this.count === 5) throw new RangeError('Array buffer allocation failed');
      return append.call(this, rec);
    });
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(fixture('5-pings.pcap')), '5-pings.pcap');
    spy.mockRestore();
    expect(v.status).toBe('ready');
    expect(await listed(v)).toEqual([1, 2, 3, 4, 5]);
    expect(v.message).toMatch(
      /^Wirelens ran out of memory after 5 packets \(byte [\d,]+ of [\d,]+\) and shows those\./,
    );
    expect(v.fewerPackets).toBe(4);

    await v.openFirst(4);
    expect(v.status).toBe('ready');
    expect(await listed(v)).toEqual([1, 2, 3, 4]);
    expect(v.message).toBe('Only the first 4 packets were opened, as asked; the rest of the file was not read.');
    expect(v.fewerPackets).toBeNull();
  });

  it('shows the packets of a file cut short, and says so', async () => {
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(fixture('get.cut-mid-record.pcap')), 'get.cut-mid-record.pcap');
    expect(v.status).toBe('ready');
    expect(await listed(v)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(v.summary?.problem?.kind).toBe('cut-short');
    expect(v.message).toMatch(/cut short/);
  });

  it('a second file replaces the first one still loading', async () => {
    const v = new ViewerState(inProcess());
    const first = v.open(await bigPcap(500), 'big.pcap');
    const second = v.open(await openAsBlob(fixture('get.cut-mid-record.pcap')), 'cut.pcap');
    await Promise.all([first, second]);
    expect(v.status).toBe('ready');
    expect(v.fileName).toBe('cut.pcap');
    expect(v.summary?.packets).toBe(6);
    expect(await listed(v)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('cancel stops the load and keeps the packets read so far', async () => {
    let v: ViewerState | null = null;
    let cancelled = false;
    const engine = inProcess((p) => {
      if (!cancelled && p.packets > 0) {
        cancelled = true;
        void v?.cancel();
      }
    });
    v = new ViewerState(engine);
    const total = 10 * 3000;
    await v.open(await bigPcap(3000), 'big.pcap');
    expect(cancelled).toBe(true);
    expect(v.status).toBe('ready');
    expect(v.summary?.complete).toBe(false);
    expect(v.summary?.packets).toBeGreaterThan(0);
    expect(v.summary?.packets).toBeLessThan(total);
    expect(v.message).toBe(`Loading was stopped after ${packetsText(v.summary?.packets ?? -1)}.`);
  });
});

describe('ViewerState with the lab capture', () => {
  const lab = new URL('../../../workers/testdata/lab-null.pcapng', import.meta.url).pathname;

  it('selects a packet, shows its tree, and moves by keyboard', async () => {
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(lab), 'lab-null.pcapng');
    expect(v.list.count).toBe(152);
    await v.select(0);
    expect(v.list.selected).toBe(0);
    expect(v.selectedFrame).toBe(1);
    expect(v.detail.detail?.items[0].label).toMatch(/^Frame 1: 64 bytes on wire/);
    await v.move(1);
    expect(v.selectedFrame).toBe(2);
    await v.move(-5);
    expect(v.selectedFrame).toBe(1);
    await v.move(Infinity);
    expect(v.selectedFrame).toBe(152);
  });

  it('goes to a frame by number, and says when there is none', async () => {
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(lab), 'lab-null.pcapng');
    expect(await v.goToFrame(63)).toBe(true);
    expect(v.selectedFrame).toBe(63);
    expect(v.list.selected).toBe(62);
    expect(await v.goToFrame(999)).toBe(false);
    expect(v.notice).toBe('There is no packet 999 in the list.');
  });

  // A link (#frame=4&filter=…&field=http.request.method). tshark -r lab-null.pcapng -Y frame.number==4 -T pdml:
  // <field name="http.request.method" showname="Request Method: GET" size="3" pos="56" show="GET" .../>
  it('restores the filter, frame and field of a link, and clears them', async () => {
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(lab), 'lab-null.pcapng');
    await v.applyLink({ frame: 4, filter: 'tcp.port == 8080 && http', field: 'http.request.method' });
    expect(v.appliedFilter).toBe('tcp.port == 8080 && http');
    expect(v.list.count).toBe(8);
    expect(v.selectedFrame).toBe(4);
    expect(v.selectedField).toBe('http.request.method');
    expect(v.detail.highlight).toEqual({ start: 56, end: 59 });
    // Its ancestors are open, so that it is shown.
    expect(v.detail.visible).toContain(v.detail.selected);
    expect(v.linkState()).toEqual({
      frame: 4,
      filter: 'tcp.port == 8080 && http',
      field: 'http.request.method',
      view: 'packets',
      stream: null,
    });
    await v.applyLink({ frame: 4, filter: 'tcp.port == 8080 && http', field: 'no.such.field' });
    expect(v.notice).toBe('Packet 4 has no field no.such.field.');
    await v.applyLink({ frame: 0, filter: '', field: '' });
    expect(v.list.count).toBe(152);
    expect(v.selectedFrame).toBe(0);
    expect(v.list.selected).toBe(-1);
  });

  it('sorts, keeping the selected packet selected', async () => {
    const engine = inProcess();
    const v = new ViewerState(engine);
    await v.open(await openAsBlob(lab), 'lab-null.pcapng');
    await v.goToFrame(5);
    await v.sort('length');
    await v.sort('length'); // second click: descending
    expect(v.list.sortedBy).toEqual({ column: 'length', descending: true });
    expect(v.list.selected).toBe(await engine.positionOf(5));
    expect(v.list.selected).not.toBe(4);
    expect(v.selectedFrame).toBe(5);
    const lengths: number[] = [];
    await v.list.fill();
    for (let pos = 0; pos < 20; pos++) lengths.push(v.list.row(pos)?.length ?? -1);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it('finds the detail of a row by its position in the filtered list (a row not on screen)', async () => {
    const api = createEngineApi();
    await api.open(await openAsBlob(lab));
    await api.applyFilter('http');
    // tshark -r lab-null.pcapng -Y http -T fields -e frame.number: 4 9 11 41 50 101 112 142.
    expect((await api.detailAt(3))?.frameNumber).toBe(41);
    expect((await api.detailAt(7))?.frameNumber).toBe(142);
    expect(await api.detailAt(8)).toBeNull();
    expect(await api.detailAt(-1)).toBeNull();
  });

  it('applies a display filter, keeps the selected packet when it stays, and clears it', async () => {
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(lab), 'lab-null.pcapng');
    await v.goToFrame(9);
    const r = await v.applyFilter('tcp.port == 8080 && http');
    expect(r?.state).toBe('valid');
    expect(v.list.count).toBe(8);
    expect(v.appliedFilter).toBe('tcp.port == 8080 && http');
    expect(v.selectedFrame).toBe(9);
    expect(v.list.selected).toBe(1);
    expect(await listed(v)).toEqual([4, 9, 11, 41, 50, 101, 112, 142]);
    const bad = await v.applyFilter('tcp.port ==');
    expect(bad?.state).toBe('invalid');
    expect(v.list.count).toBe(8);
    await v.applyFilter('');
    expect(v.list.count).toBe(152);
    const bpf = await v.applyFilter('udp port 53');
    expect(bpf?.translated).toMatch(/udp\.port == 53/);
    expect(v.list.count).toBe(0);
  });

  it('a new filter cancels the one still running', async () => {
    const api = createEngineApi();
    await api.open(await openAsBlob(lab));
    const slow = api.applyFilter('http.request.method == "GET"');
    const fast = api.applyFilter('tcp.flags.syn == 1');
    const [a, b] = await Promise.all([slow, fast]);
    expect(a.complete).toBe(false);
    expect(b.complete).toBe(true);
    expect(api.count()).toBe(b.displayed);
    // tshark -r lab-null.pcapng -Y "tcp.flags.syn == 1": 4 frames.
    expect(b.displayed).toBe(4);
  });

  it('prepares filters from the tree and conversations as Wireshark combines them', async () => {
    expect(combineFilter('', 'tcp.port == 80', 'selected')).toBe('tcp.port == 80');
    expect(combineFilter('http', 'tcp.port == 80', 'and')).toBe('(http) && (tcp.port == 80)');
    expect(combineFilter('http', 'tcp.port == 80', 'or-not')).toBe('(http) || (!(tcp.port == 80))');
    expect(combineFilter('', 'tcp.port == 80', 'and-not')).toBe('!(tcp.port == 80)');
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(lab), 'lab-null.pcapng');
    await v.goToFrame(1);
    expect(conversationFilters(v.detail.detail?.items ?? [])).toEqual([
      { label: 'IPv4', filter: 'ip.addr==127.0.0.1 && ip.addr==127.0.0.1' },
      { label: 'TCP', filter: 'ip.addr==127.0.0.1 && ip.addr==127.0.0.1 && tcp.port==42960 && tcp.port==8080' },
    ]);
    await v.useFilter('tcp.port==42960', 'selected', true);
    expect(v.filterText).toBe('tcp.port==42960');
    expect(v.list.count).toBeGreaterThan(0);
    expect(v.list.count).toBeLessThan(152);
  });

  it('changes the time format of the rows', async () => {
    const v = new ViewerState(inProcess());
    await v.open(await openAsBlob(lab), 'lab-null.pcapng');
    await v.list.fill();
    expect(v.list.row(1)?.time).toBe('0.000016034');
    v.list.setTimeFormat('delta');
    await v.list.fill();
    expect(v.list.row(2)?.time).toMatch(/^0\.0000\d{5}$/);
    v.list.setTimeFormat('epoch');
    await v.list.fill();
    expect(v.list.row(0)?.time).toMatch(/^\d{10}\.\d{9}$/);
  });
});

describe('text', () => {
  it('counts packets and bytes', () => {
    expect(packetsText(1)).toBe('1 packet');
    expect(packetsText(152)).toBe('152 packets');
    expect(packetsText(1234567)).toBe('1,234,567 packets');
    expect(bytesText(900)).toBe('900 bytes');
    expect(bytesText(2824136)).toBe('2.7 MB');
  });
});
