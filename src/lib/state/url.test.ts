import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  captureHash,
  decodeCapture,
  encodeCapture,
  fetchProblem,
  formatFragment,
  linkTo,
  nameFromUrl,
  parseFragment,
} from './url';

describe('parseFragment', () => {
  it('reads the DESIGN.md §5 example', () => {
    expect(parseFragment('#frame=208&filter=http&field=tcp.flags.syn&view=flow')).toEqual({
      frame: 208,
      filter: 'http',
      field: 'tcp.flags.syn',
      view: 'flow',
      stream: null,
      capture: '',
      hash: '',
    });
  });
  it('reads stream and decodes a filter with spaces and operators', () => {
    const s = parseFragment('view=follow&stream=3&filter=tcp.port%20%3D%3D%2080%20%26%26%20http');
    expect(s.view).toBe('follow');
    expect(s.stream).toBe(3);
    expect(s.filter).toBe('tcp.port == 80 && http');
  });
  it('drops malformed values', () => {
    const s = parseFragment('#frame=-1&field=%3Cimg%3E&stream=x&c=not%20base64');
    expect(s.frame).toBe(0);
    expect(s.field).toBe('');
    expect(s.stream).toBeNull();
    expect(s.capture).toBe('');
    expect(parseFragment('frame=0').frame).toBe(0);
    expect(parseFragment('').view).toBe('packets');
  });
});

describe('formatFragment', () => {
  it('writes only what is not default, in a fixed order', () => {
    expect(formatFragment({})).toBe('');
    expect(formatFragment({ view: 'flow', field: 'tcp.flags.syn', filter: 'http', frame: 208 })).toBe(
      'frame=208&filter=http&field=tcp.flags.syn&view=flow',
    );
    expect(formatFragment({ view: 'io', stream: 3 })).toBe('view=io');
    expect(formatFragment({ view: 'follow', stream: 3 })).toBe('view=follow&stream=3');
  });
  it('round-trips a filter with reserved characters', () => {
    const filter = 'http.host == "a&b=c#d" || frame.number > 5';
    expect(parseFragment(formatFragment({ filter, frame: 4 }))).toMatchObject({ filter, frame: 4 });
  });
  it('keeps parameters it does not own', () => {
    expect(formatFragment({ frame: 2 }, '#frame=9&x=1')).toBe('frame=2&x=1');
  });
  it('makes a whole link without the old fragment', () => {
    const loc = { origin: 'https://h.example', pathname: '/app/', search: '?capture=x' };
    expect(linkTo(loc, { frame: 4, field: 'http.request.method' })).toBe(
      'https://h.example/app/?capture=x#frame=4&field=http.request.method',
    );
    expect(linkTo(loc, {})).toBe('https://h.example/app/?capture=x');
  });
});

describe('fetch messages', () => {
  it('says CORS or unreachable for a failed request, and the status otherwise', () => {
    expect(fetchProblem('https://example.org/a.pcap', 0, '')).toBe(
      'The server at example.org did not allow Wirelens to read the file (CORS), or could not be reached.',
    );
    expect(fetchProblem('./samples/none.pcap', 404, '', 'http://localhost:4185/')).toBe(
      'The server at localhost:4185 answered 404 Not Found for ./samples/none.pcap.',
    );
  });
  it('names the file from the URL, safely', () => {
    expect(nameFromUrl('https://x.example/a/b/lab-null.pcapng?x=1')).toBe('lab-null.pcapng');
    expect(nameFromUrl('https://x.example/a/..%2F..%2Fetc')).toBe('etc');
    expect(nameFromUrl('https://x.example/')).toBe('capture');
  });
});

describe('captures inside a link', () => {
  it('round-trips the bytes of a capture through base64url DEFLATE', () => {
    const bytes = readFileSync(new URL('../../../public/samples/lab-null.pcapng', import.meta.url));
    const text = encodeCapture(bytes);
    // The lab capture (153 packets, 2.8 MB, mostly JPEG and MP3) compresses to more than 64 KB.
    expect(text).toBeNull();
    const small = new Uint8Array(bytes.subarray(0, 20000));
    const inline = encodeCapture(small);
    expect(inline).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(parseFragment(formatFragment({ capture: inline ?? '', frame: 4 })).capture).toBe(inline);
    expect(decodeCapture(inline ?? '')).toEqual(small);
  });
  it('refuses text that is not a compressed capture', () => {
    expect(() => decodeCapture('not-deflate')).toThrow();
  });
});

describe('captureHash', () => {
  it('is the same for the same bytes and differs for others', async () => {
    const lab = readFileSync(new URL('../../../public/samples/lab-null.pcapng', import.meta.url));
    const h = await captureHash(new Blob([lab]));
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(await captureHash(new Blob([lab]))).toBe(h);
    const changed = new Uint8Array(lab);
    changed[changed.length - 1] ^= 1;
    expect(await captureHash(new Blob([changed]))).not.toBe(h);
    expect(await captureHash(new Blob([lab.subarray(0, 1000)]))).not.toBe(h);
    expect(parseFragment(formatFragment({ frame: 4, hash: h }))).toMatchObject({ frame: 4, hash: h });
    expect(formatFragment({ frame: 4, hash: h })).toBe(`frame=4&h=${h}`);
  });
});
