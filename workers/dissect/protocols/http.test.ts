// HTTP/1.x: crafted frames for each header/body form, and real captures checked row by row against tshark 4.0's
// goldens (the .cols.tsv/.http.tsv files copied beside them in workers/testdata).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dissected } from '../testing';
import { dissectFile, dissectHex, readGolden } from '../testing';

const dir = new URL('../../testdata/', import.meta.url).pathname;

/** An Ethernet/IPv4/TCP frame (ACK|PSH, ports 40000 → 80 unless given) carrying `payload`. */
function frame(payload: string | Uint8Array, sport = 40000, dport = 80): Uint8Array {
  const body = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
  const out = new Uint8Array(14 + 20 + 20 + body.length);
  const dv = new DataView(out.buffer);
  out.set([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00]);
  out.set([0x45, 0, 0, 0, 0, 1, 0x40, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2], 14);
  dv.setUint16(16, 40 + body.length);
  dv.setUint16(34, sport);
  dv.setUint16(36, dport);
  dv.setUint32(38, 1000);
  dv.setUint32(42, 2000);
  out[46] = 0x50;
  out[47] = 0x18;
  dv.setUint16(48, 1024);
  out.set(body, 54);
  return out;
}

describe('http: crafted frames', () => {
  it('a request line, named headers, unknown headers and the full URI', () => {
    const d = dissectHex(
      frame('GET /a/b?x=1&y=2 HTTP/1.1\r\nHost: example.com\r\nUser-Agent: t/1\r\nX-Thing: yes\r\n\r\n'),
    );
    expect(d.cols.protocol).toBe('HTTP');
    expect(d.cols.info).toBe('GET /a/b?x=1&y=2 HTTP/1.1 ');
    expect(d.layers).toBe('eth:ethertype:ip:tcp:http');
    expect(d.field('http.request.method')).toBe('GET');
    expect(d.field('http.request.uri')).toBe('/a/b?x=1&y=2');
    expect(d.field('http.request.uri.path')).toBe('/a/b');
    expect(d.field('http.request.uri.query')).toBe('x=1&y=2');
    expect(d.field('http.request.version')).toBe('HTTP/1.1');
    expect(d.field('http.host')).toBe('example.com');
    expect(d.field('http.user_agent')).toBe('t/1');
    expect(d.field('http.unknown_header')).toBe('X-Thing: yes');
    expect(d.field('http.request.full_uri')).toBe('http://example.com/a/b?x=1&y=2');
    expect(d.field('http.request_number')).toBe('1');
  });

  it('finds the headers that frame the body whatever ends the lines: CRLF, LF alone, a lone CR', () => {
    for (const [eol, mid] of [
      ['\n', '\n'],
      ['\r\n', '\r'],
      ['\n', '\r'],
    ]) {
      const d = dissectHex(
        frame(
          `HTTP/1.1 200 OK${eol}X-A: 1${mid}Content-Type: text/plain${eol}Content-Length: 6${eol}${eol}hello\n`,
          80,
          40000,
        ),
      );
      expect(d.field('http.content_length')).toBe('6');
      expect(d.field('http.content_type')).toBe('text/plain');
      expect(d.field('http.file_data')).toBe('hello\n');
    }
  });

  it('a response with Content-Length and a text body', () => {
    const d = dissectHex(
      frame('HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n', 80, 40000),
    );
    expect(d.cols.info).toBe('HTTP/1.1 404 Not Found  (text/plain)');
    expect(d.layers).toBe('eth:ethertype:ip:tcp:http:data-text-lines');
    expect(d.field('http.response.code')).toBe('404');
    expect(d.field('http.response.code.desc')).toBe('Not Found');
    expect(d.field('http.response.phrase')).toBe('Not Found');
    expect(d.field('http.content_length_header')).toBe('6');
    expect(d.field('http.content_length')).toBe('6');
    expect(d.field('http.file_data')).toBe('hello\n');
  });

  it('a chunked response is de-chunked before its media type sees it', () => {
    const d = dissectHex(
      frame(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n',
        80,
        40000,
      ),
    );
    expect(d.cols.protocol).toBe('HTTP/JSON');
    expect(d.cols.info).toBe('HTTP/1.1 200 OK , JavaScript Object Notation (application/json)');
    expect(d.fields('http.chunk_size')).toEqual(['4', '3', '0']);
    expect(d.field('http.file_data')).toBe('{"a":1}');
    expect(d.layers).toBe('eth:ethertype:ip:tcp:http:json');
  });

  it('asks TCP for more when headers or body are incomplete, and shows nothing of HTTP meanwhile', () => {
    const headers = dissectHex(frame('GET / HTTP/1.1\r\nHost: exa'));
    expect(headers.cols.protocol).toBe('TCP');
    expect(headers.layers).toBe('eth:ethertype:ip:tcp');
    const body = dissectHex(frame('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc', 80, 40000));
    expect(body.cols.protocol).toBe('TCP');
  });

  it('a body cut by the snapshot length ends in [Packet size limited during capture]', () => {
    const full = frame(
      'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/html\r\n\r\n' + 'x'.repeat(100),
      80,
      40000,
    );
    const d = dissectHex(full.subarray(0, full.length - 60), 1, full.length);
    expect(d.cols.protocol).toBe('HTTP');
    expect(d.cols.info).toBe('HTTP/1.1 200 OK [Packet size limited during capture]');
  });

  it('text that is not HTTP on port 80 is left to TCP when the stream carried no request', () => {
    const d = dissectHex(frame('hello there\r\n'));
    expect(d.cols.protocol).toBe('TCP');
    expect(d.layers).toBe('eth:ethertype:ip:tcp');
  });

  it('two messages in one segment: the second adds to Info', () => {
    const d = dissectHex(frame('GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n'));
    expect(d.cols.info).toBe('GET /1 HTTP/1.1 GET /2 HTTP/1.1 ');
    expect(d.fields('http.request.uri')).toEqual(['/1', '/2']);
  });

  it('a method alone on its line is a request; the heuristic takes HTTP on other ports', () => {
    expect(dissectHex(frame('OPTIONS\nHost: h\n\n')).cols.info).toBe('OPTIONS ');
    const other = dissectHex(frame('GET /x HTTP/1.1\r\nHost: h\r\n\r\n', 40000, 7890));
    expect(other.cols.protocol).toBe('HTTP');
    expect(other.field('http.request.uri')).toBe('/x');
  });
});

/** tshark's HTTP rows and fields for a capture in testdata must be ours exactly. */
async function compareWithGolden(name: string): Promise<Dissected[]> {
  const { packets } = await dissectFile(dir + name);
  const cols = readGolden(dir + name + '.cols.tsv');
  for (const [n, row] of cols) {
    const d = packets[n - 1];
    if (!row[4].startsWith('HTTP')) continue;
    expect(`${n} ${d.cols.protocol} ${d.cols.info.trimEnd()}`).toBe(`${n} ${row[4]} ${row[6].trimEnd()}`);
  }
  const lines = readFileSync(dir + name + '.http.tsv', 'utf8')
    .split('\n')
    .filter(Boolean);
  const names = lines[0].split('\t');
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    const d = packets[Number(cells[0]) - 1];
    names.slice(1).forEach((f, i) => {
      let ours = d.field(f) ?? '';
      let theirs = cells[i + 1] ?? '';
      if (f === 'http.time' && theirs) {
        theirs = Number(theirs).toFixed(6);
        ours = ours ? Number(ours).toFixed(6) : ours;
      }
      expect(`${cells[0]} ${f}=${ours}`).toBe(`${cells[0]} ${f}=${theirs}`);
    });
  }
  return packets;
}

describe('http: real captures against tshark', () => {
  it('the lab: GET /, the JPEG in 19 segments, 206 for the MP3, keep-alive pairing', async () => {
    const p = await compareWithGolden('lab-null.pcapng');
    // 4 GET / HTTP/1.1 · 9 HTTP/1.1 200 OK (text/html) · 50 HTTP/1.1 200 OK (JPEG JFIF image) · 142 206 (audio/mpeg)
    expect(p[3].field('http.request.full_uri')).toBe('http://127.0.0.1:8080/');
    expect(p[3].field('http.next_request_in')).toBe('11');
    expect(p[8].layers).toBe('null:ip:tcp:http:data-text-lines');
    expect(p[8].field('http.content_length')).toBe('574');
    expect(p[8].field('http.next_response_in')).toBe('50');
    // tshark -e http.response_for.uri: the request's URI with its Host, shown with the response.
    expect(p[8].field('http.response_for.uri')).toBe('http://127.0.0.1:8080/');
    expect(p[49].field('http.response_for.uri')).toBe('http://127.0.0.1:8080/icon.jpg');
    expect(p[49].layers).toBe('null:ip:tcp:http:image-jfif');
    expect(p[49].fields('image-jfif.marker').slice(0, 2)).toEqual(['0xffd8', '0xffe0']);
    expect(p[111].field('http.prev_request_in')).toBe('11');
    expect(p[111].field('http.prev_response_in')).toBe('50');
    expect(p[141].layers).toBe('null:ip:tcp:http:media');
    expect(p[141].cols.info).toBe('HTTP/1.1 206 Partial Content  (audio/mpeg)');
  });

  it('gzip content is decoded (zeek get-gzip)', async () => {
    const p = await compareWithGolden('zeek-get-gzip.pcap');
    const res = p.find((d) => d.field('http.content_encoding') === 'gzip');
    // 8 eth:ethertype:ip:tcp:http:json gzip HTTP/1.1 200 OK , JavaScript Object Notation (application/json)
    expect(res?.layers.endsWith('http:json')).toBe(true);
    expect(res?.field('http.file_data')?.length).toBeGreaterThan(Number(res?.field('http.content_length')));
  });

  it('brotli content is decoded (suricata http-brotli-ce)', async () => {
    const p = await compareWithGolden('suricata-http-brotli-ce.pcap');
    const res = p.find((d) => d.field('http.content_encoding') === 'br');
    expect(res).toBeDefined();
    expect(res?.experts).not.toContain('Decompression failed');
  });

  it('POST, 100 Continue, byte ranges, pipelining', async () => {
    await compareWithGolden('zeek-post.pcap');
    const cont = await compareWithGolden('zeek-100-continue.pcap');
    expect(cont[5].field('http.response.code')).toBe('100');
    await compareWithGolden('zeek-byteranges.pcap');
    const pipe = await compareWithGolden('zeek-pipelined-requests.pcap');
    // 15 HTTP/1.1 200 OK  (GIF89a) · 18 HTTP/1.1 200 OK  (PNG)
    expect(pipe[14].layers.endsWith('http:image-gif')).toBe(true);
    expect(pipe[17].layers.endsWith('http:png')).toBe(true);
  });

  it('CONNECT: the tunnel after 200 is HTTP then data (or TLS)', async () => {
    const p = await compareWithGolden('suricata-http-connect-simple.pcap');
    // 5 CONNECT abc:443 HTTP/1.1 Continuation · 9 http:data with TCP's Info
    expect(p[4].cols.info).toBe('CONNECT abc:443 HTTP/1.1 Continuation');
    expect(p[8].layers).toBe('null:ip:tcp:http:data');
    expect(p[8].cols.protocol).toBe('TCP');
    expect(p[8].field('http.proxy_connect_host')).toBe('abc');
    expect(p[8].field('http.proxy_connect_port')).toBe('443');
    const tls = await dissectFile(dir + 'lab-tls-proxy.pcapng');
    // 11 eth:ethertype:ip:tcp:http:tls TLSv1.3 Client Hello
    expect(tls.packets[10].layers).toBe('eth:ethertype:ip:tcp:http:tls');
    expect(tls.packets[8].cols.info).toBe('HTTP/1.1 200 Connection Established ');
    expect(tls.packets[8].field('http.request_in')).toBe('4');
  });
});
