import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import { codecs } from '../dissect/codecs';
import '../dissect/protocols';
import { Engine } from '../engine';
import { fileNameOf, httpObjectsOf, mediaType, objectBody, parseContentRange } from './http-objects';

// Brotli bodies are decoded by the host (the page: a JavaScript decoder; Node: zlib).
codecs.brotli = (data) => new Uint8Array(brotliDecompressSync(data));

const testdata = (name: string) => join(import.meta.dirname, '../testdata', name);

async function open(name: string): Promise<Engine> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(testdata(name))), name));
  return engine;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16);

/**
 * What tshark 4.0.17 exports, per capture: [frame, host, content type, size, file name, sha256 prefix].
 * Sizes, names and hashes: `tshark -r F -q --export-objects http,DIR` then, in DIR,
 * `for g in *; do printf "%s\t%s\t%s\n" "$g" "$(stat -c %s "$g")" "$(sha256sum "$g" | cut -c1-16)"; done`
 * (tshark writes "/" as "%2f", "?" as "%3f" and adds "(1)" to repeated names: the names below are before that).
 * Frames and content types: `tshark -r F -Y http.file_data -T fields -e frame.number -e http.content_type`
 * (objects are listed in frame order); hosts from the requests' Host headers (`-e http.host`).
 */
const EXPECTED: Record<string, [number, string, string, number, string, string][]> = {
  'lab-null.pcapng': [
    [9, '127.0.0.1:8080', 'text/html', 574, '/', '2b82097b36d050c3'],
    [50, '127.0.0.1:8080', 'image/jpeg', 705941, 'icon.jpg', 'e2cf1ea76571460c'],
    [112, '127.0.0.1:8080', 'image/jpeg', 2932, 'icon2.jpg', '95efa48646809d46'],
    [142, '127.0.0.1:8080', 'audio/mpeg', 2097198, 'intro.mp3', '4b2d561354896bf0'],
  ],
  'zeek-206_example_a.pcap': [
    [39, 'cs.gmu.edu', 'application/pdf', 32768, 'GMU-CS-TR-2010-20.pdf', '760748082985e8df'],
    [667, 'cs.gmu.edu', 'application/pdf', 522755, 'GMU-CS-TR-2010-20.pdf', 'e59bec31dae57bec'],
  ],
  'zeek-post.pcap': [
    [4, 'httpbin.org', 'application/x-www-form-urlencoded', 11, 'post', 'b94d27b9934d3e08'],
    [8, 'httpbin.org', 'application/json', 366, 'post', '8eb24c16df7cb45c'],
  ],
  // Content-Encoding: gzip, 165 bytes on the wire: the object is the decoded body.
  'zeek-get-gzip.pcap': [[8, 'httpbin.org', 'application/json', 197, 'gzip', '202b775be087f5af']],
  // A chunked request body (POST with Expect: 100-continue) and a chunked response.
  'zeek-100-continue.pcap': [
    [10, 'www.osu.edu', 'application/x-www-form-urlencoded', 2001, '/', '4cd5e6ce1f3c8b55'],
    [63, 'www.osu.edu', 'text/html', 60731, '/', '65faf1719a4e8676'],
  ],
  // Content-Encoding: br; the file name keeps the query, as Wireshark's does.
  'suricata-http-brotli-ce.pcap': [
    [
      8,
      'www.google.com',
      'text/javascript',
      121,
      'search?client=chrome-omni&gs_ri=chrome-ext-ansg&xssi=t&q=&oit=0&oft=1&pgcl=20&gs_rn=42&sugkey=AIzaSyBOti4mM-6x9WDnZIjIeyEU21OpBXqWBgw',
      'e6b6bc6bc162fcea',
    ],
    [11, 'www.google.com', 'application/json', 1743, 'newtab_promos', 'f66256471cd5a28f'],
  ],
  'zeek-pipelined-requests.pcap': [
    [5, 'www.mozilla.org', 'text/css', 2675, 'enhanced.css', '5b037a2c5e36f56e'],
    [12, 'www.mozilla.org', 'application/x-javascript', 21421, 'urchin.js', '6a509fd05aa7c8fa'],
    [15, 'www.mozilla.org', 'image/png', 94, 'bullet_utility.png', '6fb22aa9d780ea63'],
    [18, 'www.mozilla.org', 'image/png', 2349, 'key-point-top.png', 'e0b4500c1fd1d675'],
    [45, 'www.mozilla.org', 'image/png', 27579, 'header-sunbird.png', 'eb482bda230a215b'],
  ],
};

describe('HTTP objects as tshark --export-objects http', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`lists and extracts ${name}`, async () => {
      const engine = await open(name);
      const list = await httpObjectsOf(engine);
      expect(list).not.toBeNull();
      const plain = list!.objects.filter((o) => o.kind !== 'stitched');
      expect(plain.map((o) => [o.frameNumber, o.host, o.contentType, o.size, o.fileName])).toEqual(
        expected.map((e) => e.slice(0, 5)),
      );
      for (const o of plain) {
        const body = await objectBody(engine, list!.sources[o.id]);
        expect(body.length).toBe(o.size);
        expect(sha(body)).toBe(expected.find((e) => e[0] === o.frameNumber)![5]);
      }
    });
  }

  it('knows requests, responses and their status', async () => {
    const list = (await httpObjectsOf(await open('zeek-post.pcap')))!;
    expect(list.objects.map((o) => [o.kind, o.method, o.status, o.uri])).toEqual([
      ['request', 'POST', 0, '/post'],
      ['response', 'POST', 200, '/post'],
    ]);
  });
});

describe('206 stitching', () => {
  it('puts the two 206 parts of the PDF in 206_example_a together', async () => {
    const engine = await open('zeek-206_example_a.pcap');
    const list = (await httpObjectsOf(engine))!;
    // Content-Range: bytes 0-32767/555523 (frame 39) and bytes 32768-555522/555523 (frame 667), one ETag.
    expect(list.objects.map((o) => [o.kind, o.range, o.complete])).toEqual([
      ['response', { first: 0, last: 32767, total: 555523 }, false],
      ['response', { first: 32768, last: 555522, total: 555523 }, false],
      ['stitched', null, true],
    ]);
    const whole = list.objects[2];
    expect(whole).toMatchObject({
      frameNumber: 667,
      size: 555523,
      fileName: 'GMU-CS-TR-2010-20.pdf',
      contentType: 'application/pdf',
      host: 'cs.gmu.edu',
      parts: [39, 667],
    });
    const body = await objectBody(engine, list.sources[2]);
    expect(body.length).toBe(555523);
    expect(new TextDecoder().decode(body.subarray(0, 5))).toBe('%PDF-');
    // The parts, in place: the first part's bytes, then the second's.
    const first = await objectBody(engine, list.sources[0]);
    const second = await objectBody(engine, list.sources[1]);
    expect(sha(body.subarray(0, 32768))).toBe(sha(first));
    expect(sha(body.subarray(32768))).toBe(sha(second));
    // The PDF ends with its %%EOF marker: nothing is missing at the end.
    expect(new TextDecoder().decode(body.subarray(body.length - 8))).toContain('%%EOF');
  });

  it('takes a single 206 that covers the whole resource as complete, with nothing to stitch (the lab MP3)', async () => {
    const list = (await httpObjectsOf(await open('lab-null.pcapng')))!;
    const mp3 = list.objects.find((o) => o.fileName === 'intro.mp3')!;
    // Content-Range: bytes 0-2097197/2097198
    expect(mp3).toMatchObject({ status: 206, range: { first: 0, last: 2097197, total: 2097198 }, complete: true });
    expect(list.objects.some((o) => o.kind === 'stitched')).toBe(false);
  });
});

describe('names and headers', () => {
  it('takes the last path segment as Wireshark does', () => {
    expect(fileNameOf('/')).toBe('/');
    expect(fileNameOf('/a/b/icon.jpg')).toBe('icon.jpg');
    expect(fileNameOf('/dir/')).toBe('dir');
    expect(fileNameOf('/s?q=1')).toBe('s?q=1');
    expect(fileNameOf('')).toBe('');
  });

  it('reads Content-Range and media types', () => {
    expect(parseContentRange('bytes 0-499/1234')).toEqual({ first: 0, last: 499, total: 1234 });
    expect(parseContentRange('bytes 0-499/*')).toBeNull();
    expect(parseContentRange('bytes 500-499/1234')).toBeNull();
    expect(parseContentRange('bytes 0-1234/1234')).toBeNull();
    expect(mediaType('Text/HTML; charset=UTF-8')).toBe('text/html');
  });
});
