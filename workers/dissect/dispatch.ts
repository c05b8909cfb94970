// Dissector tables: the next protocol is found by a number (link type, EtherType, IP protocol, port) in a table, not
// by a chain of ifs. Protocol modules add themselves to the tables when they are imported (protocols/index.ts).
import type { Packet } from './packet';

/**
 * Dissects the protocol starting at `off` in p.data; `end` is one past its last byte (the length the layer below
 * reported, clipped to what was captured). Returns false to decline (heuristics, "not mine"); anything else means
 * the bytes were taken.
 */
export type Dissector = (p: Packet, off: number, end: number) => boolean | void;

export class DissectorTable {
  private readonly map = new Map<number, Dissector>();
  constructor(readonly name: string) {}

  add(key: number, d: Dissector): void {
    this.map.set(key, d);
  }

  get(key: number): Dissector | undefined {
    return this.map.get(key);
  }

  /** Call the dissector for `key`; false when there is none or it declined. */
  call(key: number, p: Packet, off: number, end: number): boolean {
    const d = this.map.get(key);
    if (!d) return false;
    return d(p, off, end) !== false;
  }
}

/** A list of heuristic dissectors tried in order until one accepts. */
export class HeuristicList {
  private readonly list: { name: string; d: Dissector }[] = [];
  constructor(readonly name: string) {}

  add(name: string, d: Dissector): void {
    this.list.push({ name, d });
  }

  call(p: Packet, off: number, end: number): boolean {
    for (const h of this.list) if (h.d(p, off, end) !== false) return true;
    return false;
  }
}

/** Link types (pcap LINKTYPE_* / pcapng IDB link type), Wireshark's "wtap_encap". */
export const linkTypes = new DissectorTable('linktype');
/** EtherType / Ethernet protocol numbers (also used by SLL, PPPoE's PPP-in-Ethernet …). */
export const etherTypes = new DissectorTable('ethertype');
/** IEEE 802.2 LLC SAP values. */
export const llcSaps = new DissectorTable('llc.dsap');
/** PPP protocol numbers. */
export const pppProtocols = new DissectorTable('ppp.protocol');
/** IPv4/IPv6 next-header numbers. */
export const ipProtos = new DissectorTable('ip.proto');
/** UDP and TCP ports. */
export const udpPorts = new DissectorTable('udp.port');
export const tcpPorts = new DissectorTable('tcp.port');
/** Heuristic dissectors for UDP and TCP payloads. */
export const udpHeuristics = new HeuristicList('udp');
export const tcpHeuristics = new HeuristicList('tcp');
