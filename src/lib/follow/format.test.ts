import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../workers/capture/source';
import '../../../workers/dissect/protocols';
import { Engine } from '../../../workers/engine';
import { followOf } from '../../../workers/flows/follow';
import type { FollowStream } from '../engine/types';
import {
  asciiText,
  findAll,
  hexDumpText,
  indexLines,
  lineOfByte,
  lineParts,
  lineText,
  rawText,
  sideLabels,
  utf8Text,
  WRAP,
} from './format';

const enc = (s: string) => new TextEncoder().encode(s);

/** A stream made of the given chunks (direction, text). */
function stream(chunks: [0 | 1, string | Uint8Array][], missing: number[] = []): FollowStream {
  const parts = chunks.map(([, t]) => (typeof t === 'string' ? enc(t) : t));
  const offsets = new Uint32Array(parts.length + 1);
  parts.forEach((p, k) => (offsets[k + 1] = offsets[k] + p.length));
  const data = new Uint8Array(offsets[parts.length]);
  parts.forEach((p, k) => data.set(p, offsets[k]));
  const bytes: [number, number] = [0, 0];
  chunks.forEach(([d], k) => (bytes[d] += parts[k].length));
  return {
    stream: 0,
    kind: 'tcp',
    exists: true,
    complete: true,
    streams: 1,
    endpoints: ['10.0.0.1:40000', '10.0.0.2:80'],
    bytes,
    count: parts.length,
    direction: Uint8Array.from(chunks.map(([d]) => d)),
    frame: Uint32Array.from(chunks.map((_, k) => k + 4)),
    missing: Uint32Array.from(chunks.map((_, k) => missing[k] ?? 0)),
    offsets,
    data,
  };
}

const texts = (f: FollowStream, showAs: Parameters<typeof indexLines>[1], side: Parameters<typeof indexLines>[2]) => {
  const lines = indexLines(f, showAs, side);
  return Array.from({ length: lines.count }, (_, i) => lineText(f, lines, i, showAs));
};

describe('the Follow view’s text', () => {
  const f = stream([
    [0, 'GET / HTTP/1.1\r\nHost: a\r\n\r\n'],
    [1, 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>\x00\x01'],
  ]);

  it('ASCII: a line per newline, \\r\\n left out, other bytes as dots, markup as plain text', () => {
    expect(texts(f, 'ascii', 'both')).toEqual([
      'GET / HTTP/1.1',
      'Host: a',
      '',
      'HTTP/1.1 200 OK',
      'Content-Type: text/html',
      '',
      '<script>alert(1)</script>..',
    ]);
    const lines = indexLines(f, 'ascii', 'both');
    expect([...lines.chunk]).toEqual([0, 0, 0, 1, 1, 1, 1]);
  });

  it('one side only', () => {
    expect(texts(f, 'ascii', 1)).toEqual([
      'HTTP/1.1 200 OK',
      'Content-Type: text/html',
      '',
      '<script>alert(1)</script>..',
    ]);
    expect(texts(f, 'ascii', 0)).toHaveLength(3);
  });

  it('hex dump with each direction’s own offsets, as Wireshark', () => {
    const h = texts(f, 'hexdump', 'both');
    expect(h[0]).toBe('00000000  47 45 54 20 2f 20 48 54  54 50 2f 31 2e 31 0d 0a  GET / HTTP/1.1..');
    expect(h[1]).toBe('00000010  48 6f 73 74 3a 20 61 0d  0a 0d 0a                 Host: a....');
    expect(h[2].startsWith('00000000  48 54 54 50')).toBe(true);
    expect(hexDumpText(enc('<a>'), 0, 3, 0x20)).toBe(`00000020  3c 61 3e ${' '.repeat(3 * 13 + 1)} <a>`);
  });

  it('raw hex, a row per chunk (wrapped at 64 bytes)', () => {
    const r = texts(f, 'raw', 'both');
    expect(r[0]).toBe(rawText(f.data, 0, 27));
    expect(r[0]).toBe('474554202f20485454502f312e310d0a486f73743a20610d0a0d0a');
    expect(r).toHaveLength(3);
  });

  it('C arrays named by side and chunk, 8 bytes a row, as Wireshark', () => {
    const c = texts(f, 'carrays', 'both');
    expect(c[0]).toBe('char peer0_0[] = { /* Packet 4 */');
    expect(c[1]).toBe('0x47, 0x45, 0x54, 0x20, 0x2f, 0x20, 0x48, 0x54, ');
    expect(c[4]).toBe('0x0a, 0x0d, 0x0a };');
    expect(c[5]).toBe('char peer1_0[] = { /* Packet 5 */');
    expect(c).toHaveLength(1 + 4 + 1 + 9);
  });

  it('UTF-8 decodes, ASCII shows bytes; long lines wrap without splitting a character', () => {
    const zh = stream([[1, '\u6211\u7684'.repeat(60)]]);
    const u = texts(zh, 'utf8', 'both');
    expect(u.join('')).toBe('\u6211\u7684'.repeat(60));
    expect(u.length).toBe(Math.ceil(360 / 159));
    expect(asciiText(enc('\u6211'), 0, 3)).toBe('...');
    expect(utf8Text(enc('a\tb\x07'), 0, 4)).toBe('a\tb.');
    const long = texts(stream([[0, 'x'.repeat(WRAP * 2 + 5)]]), 'ascii', 'both');
    expect(long.map((l) => l.length)).toEqual([WRAP, WRAP, 5]);
  });

  it('a line says how many bytes are missing before a chunk', () => {
    const g = stream(
      [
        [1, 'abc'],
        [1, 'def'],
      ],
      [0, 1448],
    );
    expect(texts(g, 'ascii', 'both')).toEqual(['abc', '[1,448 bytes missing in capture file]', 'def']);
    expect(texts(g, 'hexdump', 'both')[2].startsWith('00000003')).toBe(true);
  });

  it('Find: every match, any case, on the side shown; cut around the current one', () => {
    const m = findAll(f, 'http/1.1', 'both');
    expect(m).toEqual([6, 27]);
    expect(findAll(f, 'HTTP/1.1', 1)).toEqual([27]);
    expect(findAll(f, 'nothing', 'both')).toEqual([]);
    const lines = indexLines(f, 'ascii', 'both');
    expect(lineOfByte(lines, 27)).toBe(3);
    expect(lineParts(f, lines, 0, 'ascii', 6, 14)).toEqual(['GET / ', 'HTTP/1.1', '']);
    const s = findAll(f, '<script>', 'both')[0];
    expect(lineParts(f, lines, 6, 'ascii', s, s + 8)).toEqual(['', '<script>', 'alert(1)</script>..']);
  });

  it('the side picker’s labels', () => {
    expect(sideLabels(f).map((s) => s.label)).toEqual([
      'Entire conversation (98 bytes)',
      '10.0.0.1:40000 \u2192 10.0.0.2:80 (27 bytes)',
      '10.0.0.2:80 \u2192 10.0.0.1:40000 (71 bytes)',
    ]);
  });
});

describe('the lab’s stream 0', () => {
  it('indexes 700 KB without a string per line, and finds icon.jpg', async () => {
    const engine = new Engine();
    const path = join(import.meta.dirname, '../../../workers/testdata/lab-null.pcapng');
    await engine.open(bytesSource(new Uint8Array(readFileSync(path)), path));
    const f = await followOf(engine, 0, 'tcp');
    // tshark -r lab-null.pcapng -q -z follow,tcp,raw,0: 1779 + 710354 bytes.
    expect(sideLabels(f)[0].label).toBe('Entire conversation (712,133 bytes)');
    const hex = indexLines(f, 'hexdump', 'both');
    // Each chunk's rows of 16 bytes.
    let rows = 0;
    for (let k = 0; k < f.count; k++) rows += Math.ceil((f.offsets[k + 1] - f.offsets[k]) / 16);
    expect(hex.count).toBe(rows);
    const ascii = indexLines(f, 'ascii', 'both');
    expect(lineText(f, ascii, 0, 'ascii')).toBe('GET / HTTP/1.1');
    // "GET /icon.jpg", and the page's <img src="icon.jpg">.
    expect(findAll(f, 'icon.jpg', 'both').length).toBeGreaterThanOrEqual(2);
  });
});
