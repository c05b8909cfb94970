import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';
import type { Har } from './har';
import { WIRELENS_VERSION, base64, harOf, harProblems, isTextual, queryString, requestCookies } from './har';
import type { HttpMessage } from './http-messages';

const testdata = (name: string) => join(import.meta.dirname, '../testdata', name);

async function har(name: string): Promise<Har> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(testdata(name))), name));
  const h = await harOf(engine);
  expect(h).not.toBeNull();
  return h!;
}

describe('HAR 1.2 export', () => {
  it('has the HAR 1.2 shape on the lab capture, one entry per request as tshark pairs them', async () => {
    const h = await har('lab-null.pcapng');
    expect(harProblems(h)).toEqual([]);
    // Survives JSON as the page downloads it.
    expect(harProblems(JSON.parse(JSON.stringify(h)))).toEqual([]);
    expect(h.log.version).toBe('1.2');
    expect(h.log.creator).toEqual({ name: 'Wirelens', version: WIRELENS_VERSION });
    // Requests and their responses: workers/testdata/lab-null.pcapng.http.tsv (tshark 4.0: http.request_in,
    // http.response.code, http.content_length, http.time).
    expect(
      h.log.entries.map((e) => [e.request.method, e.request.url, e.response.status, e.response.content.size]),
    ).toEqual([
      ['GET', 'http://127.0.0.1:8080/', 200, 574],
      ['GET', 'http://127.0.0.1:8080/icon.jpg', 200, 705941],
      ['GET', 'http://127.0.0.1:8080/intro.mp3', 206, 2097198],
      ['GET', 'http://127.0.0.1:8080/icon2.jpg', 200, 2932],
    ]);
    // http.time of the responses (frames 9, 50, 142, 112), in ms.
    expect(h.log.entries.map((e) => e.time)).toEqual([45.97, 126.775, 573.268, 27.208]);
    const [page, jpeg, mp3] = h.log.entries;
    expect(page.response.content.mimeType).toBe('text/html; charset=UTF-8');
    expect(page.response.content.text?.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.response.content.encoding).toBeUndefined();
    expect(jpeg.response.content.encoding).toBe('base64');
    expect(Buffer.from(jpeg.response.content.text!, 'base64').length).toBe(705941);
    expect(mp3.response.headers).toContainEqual({ name: 'Content-Range', value: 'bytes 0-2097197/2097198' });
    expect(mp3.request.headers).toContainEqual({ name: 'Range', value: 'bytes=0-' });
    expect(page.request.httpVersion).toBe('HTTP/1.1');
    expect(page.response.statusText).toBe('OK');
    expect(mp3.response.statusText).toBe('Partial Content');
    expect(new Date(page.startedDateTime).toISOString()).toBe(page.startedDateTime);
    expect(page.connection).toBe('0');
  });

  it('carries a POST body and decoded (gzip) content', async () => {
    const post = await har('zeek-post.pcap');
    expect(harProblems(post)).toEqual([]);
    expect(post.log.entries).toHaveLength(1);
    const e = post.log.entries[0];
    expect(e.request.postData).toEqual({
      mimeType: 'application/x-www-form-urlencoded',
      text: expect.any(String) as string,
    });
    expect(e.request.postData!.text).toHaveLength(11);
    expect(e.request.bodySize).toBe(11);
    expect(JSON.parse(e.response.content.text!)).toHaveProperty('form');
    const gz = await har('zeek-get-gzip.pcap');
    const c = gz.log.entries[0].response;
    // 165 bytes of gzip on the wire (Content-Length), 197 decoded.
    expect([c.bodySize, c.content.size]).toEqual([165, 197]);
    expect(JSON.parse(c.content.text!)).toHaveProperty('gzipped', true);
  });

  it('finds what is missing or wrong (the check can fail)', async () => {
    interface Loose {
      log: { version: string; entries: Record<string, Record<string, unknown>>[] };
    }
    const h = JSON.parse(JSON.stringify(await har('zeek-post.pcap'))) as Loose;
    const e = h.log.entries[0];
    delete (e.response.content as Record<string, unknown>).mimeType;
    e.timings.wait = -1;
    (e as Record<string, unknown>).startedDateTime = 'yesterday';
    h.log.version = '1.1';
    delete e.request.queryString;
    expect(harProblems(h)).toEqual([
      'log.version: expected "1.2"',
      'log.entries[0].startedDateTime: not ISO 8601',
      'log.entries[0].request.queryString: expected array',
      'log.entries[0].response.content.mimeType: expected string',
      'log.entries[0].timings.wait: negative',
    ]);
    expect(harProblems(null)).not.toEqual([]);
  });

  it('leaves bodies out past its budget, and says so', async () => {
    const engine = new Engine();
    await engine.open(bytesSource(new Uint8Array(readFileSync(testdata('lab-null.pcapng'))), 'lab'));
    // 574 (the page) fits in 1,000 bytes; the JPEG (705,941) and the MP3 do not; icon2.jpg (2,932) no longer fits.
    const h = (await harOf(engine, { bodyBudget: 1000 }))!;
    expect(harProblems(h)).toEqual([]);
    expect(h.log.entries.map((e) => [e.response.content.size, e.response.content.text !== undefined])).toEqual([
      [574, true],
      [705941, false],
      [2097198, false],
      [2932, false],
    ]);
    expect(h.log.entries[1].comment).toBe(
      'Response body (705941 bytes) left out: the HAR holds at most 1000 bytes of bodies',
    );
    expect(h.log.entries[0].comment).toBeUndefined();
  });

  it('keeps the creator version equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(WIRELENS_VERSION).toBe(pkg.version);
  });
});

describe('HAR pieces', () => {
  it('splits query strings and cookies', () => {
    expect(queryString('/s?q=a+b&x=%2F&flag')).toEqual([
      { name: 'q', value: 'a b' },
      { name: 'x', value: '/' },
      { name: 'flag', value: '' },
    ]);
    expect(queryString('/plain')).toEqual([]);
    const m = { headers: [['Cookie', 'a=1; b=two=2']] } as unknown as HttpMessage;
    expect(requestCookies(m)).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two=2' },
    ]);
  });

  it('tells text from binary and writes base64', () => {
    expect(isTextual('text/html; charset=UTF-8')).toBe(true);
    expect(isTextual('application/json')).toBe(true);
    expect(isTextual('application/vnd.api+json')).toBe(true);
    expect(isTextual('image/svg+xml')).toBe(true);
    expect(isTextual('image/jpeg')).toBe(false);
    expect(isTextual('audio/mpeg')).toBe(false);
    const bytes = Uint8Array.from({ length: 70000 }, (_, i) => (i * 7) & 255);
    expect(base64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
