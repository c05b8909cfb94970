// HTTP statistics (issue 7; tshark -z http,tree, http_req,tree and http_srv,tree): of the displayed packets, every
// HTTP message counted as Wireshark's stats trees count them — responses by class (1xx … 5xx, ???: broken) and code
// with the standard reason phrase, requests by method, requests by host and URI, requests by server address and host,
// responses by server address (OK for 101–399, KO otherwise). "Other HTTP Packets" stays 0: packets of the `http`
// filter without a request or response line (bodies, tunnelled bytes) are not messages Wireshark's tap counts. The HTTP packets are found with the display-filter
// engine (`http`, decided from the first pass's protocol stacks) and only they are dissected again, with a sink that
// keeps the few fields wanted. Yields about every 25 ms.
import { STATUS_CODES } from '../dissect/protocols/http';
import type { Engine } from '../engine';
import { AddrType, formatIPv4, formatIPv6 } from '../dissect/packet';
import type { Packet } from '../dissect/packet';
import { allFields, fieldByName } from '../dissect/registry';
import { FieldSink } from '../dissect/sinks';
import type { FieldValue } from '../dissect/sinks';
import { compileFilter, filterPackets } from '../filter';
import type { HttpStats, StatNode } from '../types';
import { macrotask } from '../macrotask';

export type { HttpStats, StatNode };

/**
 * Reason phrases as Wireshark's HTTP statistics write them ("206 Partial Content"): the HTTP dissector's table, plus
 * 425, which the statistics name and the dissector's table lacks; others are "Unknown (N)".
 */
const STATUS: Readonly<Record<number, string>> = { ...STATUS_CODES, 425: 'Too Early' };

/** "206 Partial Content", "299 Unknown (299)"… as tshark's http,tree names a code. */
export function statusText(code: number): string {
  return `${code} ${STATUS[code] ?? `Unknown (${code})`}`;
}

/** The response classes of http,tree, in the order shown. */
export const RESPONSE_CLASSES = [
  '1xx: Informational',
  '2xx: Success',
  '3xx: Redirection',
  '4xx: Client Error',
  '5xx: Server Error',
  '???: broken',
] as const;

export function responseClass(code: number): (typeof RESPONSE_CLASSES)[number] {
  if (code < 100 || code >= 600) return '???: broken';
  return RESPONSE_CLASSES[Math.floor(code / 100) - 1];
}

/** A stats tree under construction: children by label, in order of first tick. */
class Node {
  count = 0;
  readonly children = new Map<string, Node>();
  child(label: string): Node {
    let c = this.children.get(label);
    if (!c) {
      c = new Node();
      this.children.set(label, c);
    }
    return c;
  }
  /** Tick the path below this node (each node on it counts one). */
  tick(...path: string[]): void {
    this.count++;
    if (path.length) this.child(path[0]).tick(...path.slice(1));
  }
  plain(label: string, sort = true): StatNode {
    const children = [...this.children].map(([l, c]) => c.plain(l, sort));
    if (sort) children.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
    return { label, count: this.count, children };
  }
}

export interface HttpStatsOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const FIELDS = ['http.request.method', 'http.request.uri', 'http.host', 'http.response.code'] as const;
const YIELD_MS = 25;
const SLICE = 1024;

function strings(values: FieldValue[] | undefined): string[] {
  return (values ?? []).map((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''));
}

function address(p: Packet, off: number): string {
  if (p.netType === AddrType.IPv4) return formatIPv4(p.netData, off);
  if (p.netType === AddrType.IPv6) return formatIPv6(p.netData, off);
  return '';
}

/** The packets of `a` that are also in `b` (both ascending). */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      out[n++] = a[i];
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/**
 * HTTP statistics of the packets `within` (0-based indices, ascending: the displayed ones; null for all). Rejects
 * with the signal's reason when aborted.
 */
export async function httpStatsOf(
  engine: Engine,
  within: Uint32Array | null,
  opts: HttpStatsOptions = {},
): Promise<HttpStats> {
  const compiled = compileFilter('http');
  if (!compiled.ok) throw new Error(compiled.error.message);
  let indices = await filterPackets(engine, compiled.filter, { signal: opts.signal });
  if (within) indices = intersect(indices, within);

  const ids = FIELDS.map((f) => fieldByName(f)?.id ?? -1);
  const [METHOD, URI, HOST, CODE] = ids;
  const sink = new FieldSink(
    ids.filter((id) => id >= 0),
    allFields().length,
  );

  const packets = new Node();
  const responses = packets.child('HTTP Response Packets');
  for (const c of RESPONSE_CLASSES) responses.child(c);
  const requests = packets.child('HTTP Request Packets');
  packets.child('Other HTTP Packets');
  const byHost = new Node();
  const load = new Node();
  const loadByAddr = load.child('HTTP Requests by Server Address');
  const loadByHost = load.child('HTTP Requests by HTTP Host');
  const respByAddr = new Node();

  const each = (p: Packet) => {
    const v = sink.values;
    const methods = strings(v.get(METHOD));
    const uris = strings(v.get(URI));
    const hosts = strings(v.get(HOST));
    const codes = (v.get(CODE) ?? []).map((x) => Number(x));
    sink.clear();
    for (const code of codes) {
      packets.tick('HTTP Response Packets', responseClass(code), statusText(code));
      const server = address(p, p.netSrcOff);
      respByAddr.tick(server, code > 100 && code < 400 ? 'OK' : 'KO');
    }
    for (let k = 0; k < methods.length; k++) {
      packets.count++;
      requests.tick(methods[k]);
      const host = hosts.length === methods.length ? hosts[k] : hosts.length === 1 ? hosts[0] : '';
      const uri = uris.length === methods.length ? uris[k] : '';
      if (host) {
        byHost.tick(host, ...(uri ? [uri] : []));
      } else byHost.count++;
      const server = address(p, p.netDstOff);
      load.count++;
      loadByHost.count++;
      loadByAddr.tick(server, ...(host ? [host] : []));
      if (host) loadByHost.child(host).tick(server);
    }
  };

  const total = indices.length;
  let last = performance.now();
  for (let k = 0; k < total; k += SLICE) {
    opts.signal?.throwIfAborted();
    await engine.dissectPackets(indices.subarray(k, Math.min(total, k + SLICE)), sink, each);
    if (performance.now() - last >= YIELD_MS) {
      opts.onProgress?.(Math.min(total, k + SLICE), total);
      await macrotask();
      last = performance.now();
    }
  }
  opts.signal?.throwIfAborted();
  opts.onProgress?.(total, total);

  // Classes and the request/response/other lines keep their fixed order, as Wireshark's dialog does.
  const packetTree = packets.plain('Total HTTP Packets', false);
  for (const c of packetTree.children)
    for (const cls of c.children) cls.children.sort((a, b) => (a.label < b.label ? -1 : 1));
  const req = packetTree.children.find((c) => c.label === 'HTTP Request Packets');
  req?.children.sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  return {
    packets: packetTree,
    requests: byHost.plain('HTTP Requests by HTTP Host'),
    servers: [load.plain('HTTP Requests by Server'), respByAddr.plain('HTTP Responses by Server Address')],
    httpPackets: total,
    complete: true,
  };
}

/** An empty result (stopped, or nothing open). */
export function emptyHttpStats(complete: boolean): HttpStats {
  const none = (label: string): StatNode => ({ label, count: 0, children: [] });
  return {
    packets: none('Total HTTP Packets'),
    requests: none('HTTP Requests by HTTP Host'),
    servers: [none('HTTP Requests by Server'), none('HTTP Responses by Server Address')],
    httpPackets: 0,
    complete,
  };
}
