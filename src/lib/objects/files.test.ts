import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { HttpObject } from '../engine/types';
import {
  hexPreview,
  looksLikeText,
  prettyJson,
  previewOf,
  safeFileName,
  saveName,
  sniff,
  uniqueNames,
  zipFiles,
} from './files';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('safe file names', () => {
  it('never holds a path separator, "..", a control character or a reserved name', () => {
    expect(safeFileName('icon.jpg')).toBe('icon.jpg');
    expect(safeFileName('/', 'text/html', 9)).toBe('index.html');
    expect(safeFileName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileName('..')).toBe('object');
    expect(safeFileName('', 'image/png', 12)).toBe('object12.png');
    expect(safeFileName('a\\b:c*?"<>|d')).toBe('a_b_c______d');
    expect(safeFileName('evil\u202egpj.exe')).toBe('evilgpj.exe');
    expect(safeFileName('tab\there\u0000')).toBe('tabhere');
    expect(safeFileName('CON.txt')).toBe('_CON.txt');
    expect(safeFileName('search?client=x&q=1')).toBe('search_client=x&q=1');
    expect(safeFileName('x'.repeat(300) + '.jpeg')).toBe('x'.repeat(115) + '.jpeg');
    for (const hostile of ['../x', '..\\x', '/a/../b', '....', ' . ', '\u0001/..', 'a/..']) {
      const n = safeFileName(hostile);
      expect(n).not.toMatch(/[/\\]/);
      expect([...n].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
      expect(n).not.toContain('..');
      expect(n.length).toBeGreaterThan(0);
    }
  });

  it('marks a stitched resource and keeps zip names unique', () => {
    const o = { fileName: 'doc.pdf', contentType: 'application/pdf', frameNumber: 667, kind: 'stitched' };
    expect(saveName(o as HttpObject)).toBe('doc (stitched).pdf');
    expect(uniqueNames(['post', 'post', 'a.jpg', 'A.jpg', 'a.jpg'])).toEqual([
      'post',
      'post (2)',
      'a.jpg',
      'A (2).jpg',
      'a (3).jpg',
    ]);
    const zip = unzipSync(
      zipFiles([
        { name: 'post', bytes: bytes('one') },
        { name: 'post', bytes: bytes('two') },
      ]),
    );
    expect(Object.keys(zip)).toEqual(['post', 'post (2)']);
    expect(new TextDecoder().decode(zip['post (2)'])).toBe('two');
  });
});

describe('previews', () => {
  it('picks the preview by media type, and by the bytes when the type says nothing', () => {
    const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10);
    expect(previewOf('image/jpeg', jpeg)).toEqual({ kind: 'image', mime: 'image/jpeg' });
    expect(previewOf('audio/mpeg', jpeg)).toEqual({ kind: 'audio', mime: 'audio/mpeg' });
    expect(previewOf('video/mp4', jpeg).kind).toBe('video');
    expect(previewOf('text/html', bytes('<script>alert(1)</script>')).kind).toBe('text');
    expect(previewOf('application/json', bytes('{}')).kind).toBe('json');
    expect(previewOf('application/problem+json', bytes('{}')).kind).toBe('json');
    expect(previewOf('application/javascript', bytes('x')).kind).toBe('text');
    expect(previewOf('', jpeg)).toEqual({ kind: 'image', mime: 'image/jpeg' });
    expect(previewOf('application/octet-stream', bytes('ID3\u0004'))).toEqual({ kind: 'audio', mime: 'audio/mpeg' });
    expect(previewOf('', bytes('plain words\n'))).toEqual({ kind: 'text', mime: 'text/plain' });
    expect(previewOf('application/pdf', bytes('%PDF-1.4')).kind).toBe('hex');
    expect(previewOf('', Uint8Array.of(0, 1, 2, 3))).toEqual({ kind: 'hex', mime: 'application/octet-stream' });
    expect(sniff(bytes('%PDF-1.4'))).toBe('application/pdf');
    expect(looksLikeText(Uint8Array.of(0xc3, 0x28))).toBe(true); // cut at the end: not judged
    expect(looksLikeText(Uint8Array.of(0x61, 0xc3, 0x28, 0x61, 0x61, 0x61, 0x61))).toBe(false);
  });

  it('pretty-prints JSON and falls back to the text', () => {
    expect(prettyJson(bytes('{"a":[1,2]}'))).toEqual({
      text: '{\n  "a": [\n    1,\n    2\n  ]\n}',
      cut: false,
      valid: true,
    });
    expect(prettyJson(bytes('{"a":'))).toEqual({ text: '{"a":', cut: false, valid: false });
  });

  it('dumps the first bytes in hex', () => {
    const dump = hexPreview(bytes('%PDF-1.4\n%\u00e2\u00e3'), 16);
    expect(dump).toBe('00000000  25 50 44 46 2d 31 2e 34 0a 25 c3 a2 c3 a3        %PDF-1.4.%....\n');
    expect(hexPreview(new Uint8Array(40), 32).split('\n')).toHaveLength(3);
  });
});
