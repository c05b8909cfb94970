// Conversations and Endpoints (issue 7; Wireshark's Statistics › Conversations / Endpoints, tshark -z conv,TYPE and
// -z endpoints,TYPE) for Ethernet, IPv4, IPv6, TCP and UDP, over the displayed packets.
//
// Wireshark's taps see one record per layer: every Ethernet header, every IP header (an IP-in-IP packet counts in two
// IPv4 conversations), every TCP and UDP header with the network addresses of the IP layer under it, but not the
// headers quoted inside ICMP errors (their taps are "error packet" taps, which these tables ignore). One pass over the
// displayed packets with a sink that sees those fields in order gives the same records. A conversation's endpoint A is
// the source of its first packet (ui/conversation_table.c keeps the first packet's src/dst as they were); a TCP
// conversation is also told apart by its tcp.stream (port reuse gives a new row, as Wireshark's conv_id does).
// Bytes are frame lengths (frame.len), once per record.
import type { Engine } from '../engine';
import type { Packet } from '../dissect/packet';
import { AddrType, formatEther, formatIPv4, formatIPv4Number, formatIPv6 } from '../dissect/packet';
import type { FieldValue, Sink } from '../dissect/sinks';
import { decodeValue } from '../dissect/sinks';
import { fieldById, fieldByName } from '../dissect/registry';
import type { ConvType, Conversation, ConversationStats, Endpoint } from '../types';
import { macrotask } from '../macrotask';

export type { ConvType, Conversation, ConversationStats, Endpoint };

export const CONV_TYPES: readonly ConvType[] = ['eth', 'ipv4', 'ipv6', 'tcp', 'udp'];

/** Packets dissected between looks at the clock (and the signal). */
const SLICE = 512;
/** How long a run of slices may take before the worker lets other messages in. */
const YIELD_MS = 25;

const idOf = (name: string) => fieldByName(name)?.id ?? -1;

interface Rec {
  type: ConvType;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  /** tcp.stream for TCP, -1 otherwise. */
  conv: number;
}

/** Collects, per packet, the layer records the conversation taps would see, in order. */
class ConvSink implements Sink {
  readonly active = true;
  readonly records: Rec[] = [];
  private count = 0;
  private readonly ids = {
    ethSrc: idOf('eth.src'),
    ethDst: idOf('eth.dst'),
    ipSrc: idOf('ip.src'),
    ipDst: idOf('ip.dst'),
    ip6Src: idOf('ipv6.src'),
    ip6Dst: idOf('ipv6.dst'),
    tcpSport: idOf('tcp.srcport'),
    tcpDport: idOf('tcp.dstport'),
    tcpStream: idOf('tcp.stream'),
    udpSport: idOf('udp.srcport'),
    udpDport: idOf('udp.dstport'),
    malformed: idOf('_ws.malformed'),
    ip6ReassembledIn: idOf('ipv6.reassembled_in'),
  };
  private readonly wanted: Set<number>;
  // Halves of a record waiting for the other half.
  private ethSrc = '';
  private ethDst = '';
  private ipSrc = '';
  private ipDst = '';
  private ip6Src = '';
  private ip6Dst = '';
  private tcpSport = -1;
  private tcpDport = -1;
  private udpSport = -1;
  /** Where the latest TCP and IPv6 records are (-1: none in this packet). */
  private lastTcp = -1;
  private lastIpv6 = -1;

  constructor() {
    this.wanted = new Set(Object.values(this.ids).filter((id) => id >= 0));
  }

  /** Forget the previous packet. */
  clear(): void {
    this.count = 0;
    this.ethSrc = this.ethDst = this.ipSrc = this.ipDst = this.ip6Src = this.ip6Dst = '';
    this.tcpSport = this.tcpDport = this.udpSport = -1;
    this.lastTcp = this.lastIpv6 = -1;
  }

  /** Take back record `k` when it is the latest one. */
  private takeBack(k: number): void {
    if (k >= 0 && k === this.count - 1) this.count--;
  }

  /** Records of the packet dissected since clear(). */
  get length(): number {
    return this.count;
  }

  wants(id: number): boolean {
    return this.wanted.has(id);
  }

  private push(type: ConvType, src: string, dst: string, sport: number, dport: number, conv: number): void {
    const r = this.records[this.count];
    if (r) {
      r.type = type;
      r.src = src;
      r.dst = dst;
      r.sport = sport;
      r.dport = dport;
      r.conv = conv;
    } else this.records.push({ type, src, dst, sport, dport, conv });
    this.count++;
  }

  /** The network addresses of the layer under a transport header, or null when it has none. */
  private net(p: Packet): [string, string, ConvType] | null {
    if (p.netType === AddrType.IPv4)
      return [formatIPv4(p.netData, p.netSrcOff), formatIPv4(p.netData, p.netDstOff), 'ipv4'];
    if (p.netType === AddrType.IPv6)
      return [formatIPv6(p.netData, p.netSrcOff), formatIPv6(p.netData, p.netDstOff), 'ipv6'];
    return null;
  }

  add(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    if (!this.wanted.has(id) || p.inError) return;
    const ids = this.ids;
    const v = value === undefined ? decodeValue(fieldById(id), p.data, offset, length, flags) : value;
    switch (id) {
      case ids.malformed:
        // An exception in the TCP header (its options) comes before tcp.c queues its tap: no TCP record.
        if (p.layers[p.layers.length - 1] === 'tcp') this.takeBack(this.lastTcp);
        return;
      case ids.ip6ReassembledIn:
        // A fragment reassembled in a later frame: Wireshark's IPv6 tap sees only the reassembled datagram.
        this.takeBack(this.lastIpv6);
        return;
      case ids.ethSrc:
      case ids.ethDst: {
        const text = v instanceof Uint8Array && v.length === 6 ? formatEther(v, 0) : '';
        if (id === ids.ethSrc) this.ethSrc = text;
        else this.ethDst = text;
        if (this.ethSrc && this.ethDst) {
          this.push('eth', this.ethSrc, this.ethDst, 0, 0, -1);
          this.ethSrc = this.ethDst = '';
        }
        return;
      }
      case ids.ipSrc:
      case ids.ipDst: {
        const text = typeof v === 'number' ? formatIPv4Number(v) : '';
        if (id === ids.ipSrc) this.ipSrc = text;
        else this.ipDst = text;
        if (this.ipSrc && this.ipDst) {
          this.push('ipv4', this.ipSrc, this.ipDst, 0, 0, -1);
          this.ipSrc = this.ipDst = '';
        }
        return;
      }
      case ids.ip6Src:
      case ids.ip6Dst: {
        const text = v instanceof Uint8Array && v.length === 16 ? formatIPv6(v, 0) : '';
        if (id === ids.ip6Src) this.ip6Src = text;
        else this.ip6Dst = text;
        if (this.ip6Src && this.ip6Dst) {
          this.lastIpv6 = this.count;
          this.push('ipv6', this.ip6Src, this.ip6Dst, 0, 0, -1);
          this.ip6Src = this.ip6Dst = '';
        }
        return;
      }
      case ids.tcpSport:
        this.tcpSport = Number(v);
        return;
      case ids.tcpDport:
        this.tcpDport = Number(v);
        return;
      case ids.tcpStream: {
        const net = this.net(p);
        if (net && this.tcpSport >= 0 && this.tcpDport >= 0) {
          this.lastTcp = this.count;
          this.push('tcp', net[0], net[1], this.tcpSport, this.tcpDport, Number(v));
        }
        this.tcpSport = this.tcpDport = -1;
        return;
      }
      case ids.udpSport:
        this.udpSport = Number(v);
        return;
      case ids.udpDport: {
        const net = this.net(p);
        if (net && this.udpSport >= 0) this.push('udp', net[0], net[1], this.udpSport, Number(v), -1);
        this.udpSport = -1;
        return;
      }
    }
  }

  open(p: Packet, id: number, offset: number, length: number, value: FieldValue | undefined, flags: number): void {
    this.add(p, id, offset, length, value, flags);
  }

  close(): void {}
  text(): void {}
}

/** Builds the tables from records, as ui/conversation_table.c does. */
export class ConversationTables {
  readonly conversations: Record<ConvType, Conversation[]> = { eth: [], ipv4: [], ipv6: [], tcp: [], udp: [] };
  readonly endpoints: Record<ConvType, Endpoint[]> = { eth: [], ipv4: [], ipv6: [], tcp: [], udp: [] };
  private readonly convKeys = new Map<string, Conversation>();
  private readonly endKeys = new Map<string, Endpoint>();
  /** End time (seconds from the capture's first packet) of each conversation. */
  private readonly stops = new Map<Conversation, number>();

  /** One record of packet `index` (`bytes` its frame length, `rel` its time from the capture's first packet). */
  add(r: Rec, index: number, bytes: number, rel: number): void {
    const t = r.type;
    const fwd = `${t}|${r.src}|${r.sport}|${r.dst}|${r.dport}|${r.conv}`;
    let c = this.convKeys.get(fwd);
    let forward = true;
    if (!c) {
      c = this.convKeys.get(`${t}|${r.dst}|${r.dport}|${r.src}|${r.sport}|${r.conv}`);
      forward = false;
    }
    if (!c) {
      forward = true;
      const ports = t === 'tcp' || t === 'udp';
      c = {
        type: t,
        addressA: r.src,
        portA: ports ? r.sport : null,
        addressB: r.dst,
        portB: ports ? r.dport : null,
        stream: r.conv,
        packetsAB: 0,
        bytesAB: 0,
        packetsBA: 0,
        bytesBA: 0,
        relStart: rel,
        duration: 0,
        firstPacket: index,
      };
      this.convKeys.set(fwd, c);
      this.conversations[t].push(c);
      this.stops.set(c, rel);
    }
    if (forward) {
      c.packetsAB++;
      c.bytesAB += bytes;
    } else {
      c.packetsBA++;
      c.bytesBA += bytes;
    }
    const stop = this.stops.get(c) ?? rel;
    if (rel > stop) this.stops.set(c, rel);
    else if (rel < c.relStart) {
      c.relStart = rel;
      c.firstPacket = Math.min(c.firstPacket, index);
    }
    c.duration = (this.stops.get(c) ?? rel) - c.relStart;
    this.endpoint(t, r.src, r.sport, true, bytes);
    this.endpoint(t, r.dst, r.dport, false, bytes);
  }

  private endpoint(t: ConvType, address: string, port: number, sender: boolean, bytes: number): void {
    const ports = t === 'tcp' || t === 'udp';
    const key = `${t}|${address}|${ports ? port : ''}`;
    let e = this.endKeys.get(key);
    if (!e) {
      e = { type: t, address, port: ports ? port : null, txPackets: 0, txBytes: 0, rxPackets: 0, rxBytes: 0 };
      this.endKeys.set(key, e);
      this.endpoints[t].push(e);
    }
    if (sender) {
      e.txPackets++;
      e.txBytes += bytes;
    } else {
      e.rxPackets++;
      e.rxBytes += bytes;
    }
  }
}

export interface ConversationOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Conversations and endpoints of the packets `indices` (0-based, ascending: the displayed packets, or every packet).
 * Dissects them again (in slices, letting other messages in about every 25 ms); rejects with the signal's reason
 * when aborted.
 */
export async function conversationsOf(
  engine: Engine,
  indices: ArrayLike<number>,
  opts: ConversationOptions = {},
): Promise<ConversationStats> {
  const tables = new ConversationTables();
  const sink = new ConvSink();
  const index = engine.index;
  const refSec = engine.state.refSec;
  const refNs = engine.state.refNs;
  const total = indices.length;
  let last = Date.now();
  for (let start = 0; start < total; start += SLICE) {
    opts.signal?.throwIfAborted();
    const end = Math.min(total, start + SLICE);
    const slice = Array.prototype.slice.call(indices, start, end) as number[];
    sink.clear();
    await engine.dissectPackets(slice, sink, (p) => {
      const i = p.index;
      const rel = Number.isNaN(refSec) ? 0 : index.rawSeconds(i) - refSec + (index.tsNs[i] - refNs) / 1e9;
      for (let k = 0; k < sink.length; k++) tables.add(sink.records[k], i, index.origLen(i), rel);
      sink.clear();
    });
    opts.onProgress?.(end, total);
    if (Date.now() - last >= YIELD_MS) {
      await macrotask();
      last = Date.now();
    }
  }
  opts.signal?.throwIfAborted();
  return { conversations: tables.conversations, endpoints: tables.endpoints, packets: total, complete: true };
}

/** An empty result (a call that was stopped). */
export function emptyConversations(complete = false): ConversationStats {
  return {
    conversations: { eth: [], ipv4: [], ipv6: [], tcp: [], udp: [] },
    endpoints: { eth: [], ipv4: [], ipv6: [], tcp: [], udp: [] },
    packets: 0,
    complete,
  };
}
