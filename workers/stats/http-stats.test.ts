import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';
import { compileFilter, filterPackets } from '../filter';
import { httpStatsOf, responseClass, statusText } from './http-stats';
import type { HttpStats, StatNode } from './http-stats';

/** A display filter that must compile. */
function compiled(text: string) {
  const r = compileFilter(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.filter;
}

const TESTDATA = join(import.meta.dirname, '../testdata');
const VETH = new URL('../../../shared/captures/lab/net-veth.pcapng', import.meta.url).pathname;

async function open(path: string): Promise<Engine> {
  const engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(path)), path));
  return engine;
}

/**
 * tshark's stats trees, as committed in testdata/<capture>.http-stats.txt (made with
 * `tshark -n -r CAP -q -z http,tree -z http_req,tree -z http_srv,tree`, tshark 4.0.17, WIRESHARK_CONFIG_DIR empty),
 * as sorted "path › to › node = count" lines.
 */
function readExpected(path: string): string[] {
  const out: string[] = [];
  let countAt = -1;
  let inTable = false;
  const stack: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('Topic / Item')) {
      countAt = line.indexOf('Count');
      continue;
    }
    if (/^-{10,}$/.test(line)) {
      inTable = !inTable && countAt >= 0;
      if (!inTable) countAt = -1;
      stack.length = 0;
      continue;
    }
    if (!inTable || !line.trim()) continue;
    const label = line.slice(0, countAt).trimEnd();
    const depth = label.length - label.trimStart().length;
    stack.length = depth;
    stack.push(label.trim());
    out.push(`${stack.join(' › ')} = ${Number(line.slice(countAt).trim().split(/\s+/)[0])}`);
  }
  return out.sort();
}

function flatten(n: StatNode, prefix: string[] = [], out: string[] = []): string[] {
  const path = [...prefix, n.label];
  out.push(`${path.join(' › ')} = ${n.count}`);
  for (const c of n.children) flatten(c, path, out);
  return out;
}

function lines(s: HttpStats): string[] {
  return [s.packets, s.requests, ...s.servers].flatMap((n) => flatten(n)).sort();
}

const CAPTURES = [
  join(TESTDATA, 'lab-null.pcapng'),
  join(TESTDATA, 'tls-proxy.pcapng'),
  VETH,
  ...[
    'zeek-get-gzip.pcap',
    'zeek-post.pcap',
    'zeek-100-continue.pcap',
    'zeek-byteranges.pcap',
    'zeek-pipelined-requests.pcap',
    'suricata-http-brotli-ce.pcap',
    'suricata-http-connect-simple.pcap',
  ].map((f) => join(TESTDATA, f)),
];

for (const path of CAPTURES)
  describe.skipIf(!existsSync(path))(`httpStatsOf on ${basename(path)}`, () => {
    it('equals tshark -z http,tree, http_req,tree and http_srv,tree', async () => {
      const expected = readExpected(join(TESTDATA, `${basename(path)}.http-stats.txt`));
      expect(expected.length).toBeGreaterThan(10);
      const engine = await open(path);
      expect(lines(await httpStatsOf(engine, null))).toEqual(expected);
    });
  });

describe('httpStatsOf', () => {
  it('shows the lab’s GET, 200 and 206, and follows the packets displayed', async () => {
    const engine = await open(join(TESTDATA, 'lab-null.pcapng'));
    const s = await httpStatsOf(engine, null);
    expect(s.httpPackets).toBe(8);
    const find = (n: StatNode, label: string): StatNode | undefined =>
      n.label === label ? n : n.children.map((c) => find(c, label)).find(Boolean);
    expect(find(s.packets, 'GET')?.count).toBe(4);
    expect(find(s.packets, '200 OK')?.count).toBe(3);
    expect(find(s.packets, '206 Partial Content')?.count).toBe(1);
    // Classes in Wireshark's order.
    expect(s.packets.children.map((c) => c.label)).toEqual([
      'HTTP Response Packets',
      'HTTP Request Packets',
      'Other HTTP Packets',
    ]);
    expect(s.packets.children[0].children.map((c) => c.label)).toEqual([
      '1xx: Informational',
      '2xx: Success',
      '3xx: Redirection',
      '4xx: Client Error',
      '5xx: Server Error',
      '???: broken',
    ]);
    // Displayed: the responses only (http.response).
    const shown = await filterPackets(engine, compiled('http.response'));
    const some = await httpStatsOf(engine, shown);
    expect(some.httpPackets).toBe(4);
    expect(find(some.packets, 'HTTP Request Packets')?.count).toBe(0);
    expect(some.requests.count).toBe(0);
    expect(find(some.packets, '2xx: Success')?.count).toBe(4);
  });

  it('names codes and classes as Wireshark does', () => {
    expect(statusText(206)).toBe('206 Partial Content');
    expect(statusText(299)).toBe('299 Success - Others');
    expect(statusText(298)).toBe('298 Unknown (298)');
    expect(responseClass(100)).toBe('1xx: Informational');
    expect(responseClass(599)).toBe('5xx: Server Error');
    expect(responseClass(600)).toBe('???: broken');
    expect(responseClass(99)).toBe('???: broken');
  });
});
