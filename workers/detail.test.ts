// The detail of a selected packet, end to end through the engine: the lab capture's whole tree against tshark 4.0's
// -V output (workers/testdata/lab-null.pcapng.tree.txt), and the data sources and links of the reassembled JPEG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from './capture/source';
import { collectDetail, formatVerbose, hexDump, hexDumpSources } from './detail';
import './dissect/protocols';
import { hf as frameHf } from './dissect/protocols/frame';
import { TreeSink } from './dissect/tree';
import { Engine } from './engine';

const capture = join(import.meta.dirname, 'testdata/lab-null.pcapng');

async function open(path: string): Promise<Engine> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(path)), path));
  return engine;
}

describe('the detail tree', () => {
  it('prints every packet of the lab capture exactly as tshark -2 -n -V does', async () => {
    const engine = await open(capture);
    // tshark -V shows no colouring rule (it does not colour).
    const sink = new TreeSink({ skip: [frameHf.coloringRuleName, frameHf.coloringRuleString] });
    let text = '';
    await engine.dissectRange(0, engine.count, sink, (p) => {
      text += formatVerbose(collectDetail(p, sink, false), true) + '\n';
      sink.clear();
    });
    const golden = readFileSync(capture + '.tree.txt', 'utf8');
    // Compare packet by packet first, for a readable failure.
    const ours = text.split('\n\n');
    const theirs = golden.split('\n\n');
    for (let i = 0; i < theirs.length; i++) expect(ours[i], `frame ${i + 1}`).toBe(theirs[i]);
    expect(text).toBe(golden);
  }, 60_000);

  it('gives the reassembled JPEG its Reassembled TCP source, and items that point into it', async () => {
    const engine = await open(capture);
    // Frame 50 completes the 705,941-byte JPEG of GET /icon.jpg (frame 11) from 19 segments.
    const detail = await engine.detail(49);
    expect(detail.frameNumber).toBe(50);
    expect(detail.sources.map((s) => s.name)).toEqual(['Frame (41421 bytes)', 'Reassembled TCP (706242 bytes)']);
    expect(detail.sources[0].bytes.length).toBe(41421);
    const body = detail.sources[1].bytes;
    expect(body.length).toBe(706242);
    expect(new TextDecoder().decode(body.subarray(0, 15))).toBe('HTTP/1.1 200 OK');
    // The buffers are copies of their own (structured cloning copies the whole buffer of a view).
    expect(body.byteOffset).toBe(0);
    expect(body.buffer.byteLength).toBe(706242);

    const items = detail.items;
    const find = (label: string) => {
      const i = items.findIndex((it) => it.label === label);
      expect(i, label).toBeGreaterThanOrEqual(0);
      return items[i];
    };
    const segments = find(
      '[19 Reassembled TCP Segments (706242 bytes): #13(33280), #15(32557), #17(33280), #19(62464), #22(47616), #23(23040), #25(47616), #26(47616), #29(65483), #30(5685), #31(65483), #32(1077), #33(65483), #34(1077), #35(65483), #36(1077), #37(654]',
    );
    expect(segments).toMatchObject({ depth: 0, source: 1, start: 0, length: 706242, generated: true });
    expect(find('[Frame: 13, payload: 0-33279 (33280 bytes)]')).toMatchObject({
      source: 1,
      start: 0,
      length: 33280,
      link: 13,
    });
    const http = find('Hypertext Transfer Protocol');
    expect(http).toMatchObject({ depth: 0, source: 1, start: 0 });
    const jpeg = find('JPEG File Interchange Format');
    expect(jpeg.source).toBe(1);
    expect(jpeg.start + jpeg.length).toBe(706242);
    expect(find('    TCP segment data (41365 bytes)'.trim())).toMatchObject({ source: 0, start: 56, length: 41365 });
    // Every item lies inside the buffer it points into.
    for (const it of items)
      expect(it.start + it.length, it.label).toBeLessThanOrEqual(detail.sources[it.source].bytes.length);
    // Parents come before their children, one level up.
    items.forEach((it, i) => {
      if (it.parent >= 0) {
        expect(it.parent).toBeLessThan(i);
        expect(items[it.parent].depth).toBe(it.depth - 1);
        expect(items[it.parent].hasChildren).toBe(true);
      } else expect(it.depth).toBe(0);
    });

    const related = new Map(detail.related.map((r) => [r.frame, r.relation]));
    expect(related.get(11)).toBe('request');
    expect(related.get(13)).toBe('segment');
    expect(related.get(37)).toBe('segment');
    expect(related.get(4)).toBe('request');
    expect(related.get(9)).toBe('response');
    expect(related.has(50)).toBe(false);
    expect(detail.related.map((r) => r.frame)).toEqual([...related.keys()].sort((a, b) => a - b));
  }, 60_000);

  it('links a request to its response, and a segment to the frame that reassembles it', async () => {
    const engine = await open(capture);
    const get = await engine.detail(3);
    expect(get.related).toContainEqual({ frame: 9, relation: 'response' });
    expect(get.items.find((i) => i.label === '[Response in frame: 9]')).toMatchObject({
      field: 'http.response_in',
      value: '9',
      filter: 'http.response_in == 9',
      link: 9,
    });
    const segment = await engine.detail(12);
    expect(segment.related).toContainEqual({ frame: 50, relation: 'reassembled' });
    expect(segment.sources).toHaveLength(1);
  }, 60_000);

  it('dumps bytes as tshark -x does', async () => {
    const engine = await open(capture);
    const detail = await engine.detail(0);
    expect(hexDumpSources(detail.sources)).toBe(
      [
        '0000  02 00 00 00 45 00 00 3c 03 3f 40 00 40 06 39 7b   ....E..<.?@.@.9{',
        '0010  7f 00 00 01 7f 00 00 01 a7 d0 1f 90 50 20 40 18   ............P @.',
        '0020  00 00 00 00 a0 02 ff d7 fe 30 00 00 02 04 ff d7   .........0......',
        '0030  04 02 08 0a ed ad 11 86 00 00 00 00 01 03 03 0a   ................',
        '',
      ].join('\n'),
    );
    expect(hexDump(new Uint8Array([0x48, 0x69]))).toBe(`0000  48 69${' '.repeat(42)}   Hi\n`);
  }, 60_000);
});
