// Wireshark's default colouring rules (its `colorfilters` file, 4.0), evaluated in order: the first that matches names
// the packet's colours and appears in the frame as frame.coloring_rule.name / .string.
//
// Each rule is Wireshark's filter text, compiled by the display-filter engine (names this registry does not know,
// such as hsrp or sctp, count as absent); the fields they read are collected while the packet is dissected.
import type { CompiledFilter } from '../filter/compile';
import { compileFilter } from '../filter/compile';
import { FilterSink } from '../filter/sink';
import type { Expert, Packet } from './packet';
import type { Sink } from './sinks';

export interface ColoringRule {
  name: string;
  filter: string;
  /** Foreground and background as CSS colours (Wireshark's colorfilters file lists 16-bit RGB, background first). */
  fg: string;
  bg: string;
}

const rgb = (r: number, g: number, b: number) => `rgb(${r >> 8}, ${g >> 8}, ${b >> 8})`;
const DARK = rgb(4718, 10030, 11796);

export const DEFAULT_RULES: readonly ColoringRule[] = [
  {
    name: 'Bad TCP',
    filter:
      'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    bg: DARK,
    fg: rgb(63479, 34695, 34695),
  },
  {
    name: 'HSRP State Change',
    filter: 'hsrp.state != 8 && hsrp.state != 16',
    bg: DARK,
    fg: rgb(65535, 64764, 40092),
  },
  {
    name: 'Spanning Tree Topology  Change',
    filter: 'stp.type == 0x80',
    bg: DARK,
    fg: rgb(65535, 64764, 40092),
  },
  {
    name: 'OSPF State Change',
    filter: 'ospf.msg != 1',
    bg: DARK,
    fg: rgb(65535, 64764, 40092),
  },
  {
    name: 'ICMP errors',
    filter: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }',
    bg: DARK,
    fg: rgb(47031, 63479, 29812),
  },
  { name: 'ARP', filter: 'arp', bg: rgb(64250, 61680, 55255), fg: DARK },
  {
    name: 'ICMP',
    filter: 'icmp || icmpv6',
    bg: rgb(64764, 57568, 65535),
    fg: DARK,
  },
  {
    name: 'TCP RST',
    filter: 'tcp.flags.reset eq 1',
    bg: rgb(42148, 0, 0),
    fg: rgb(65535, 64764, 40092),
  },
  {
    name: 'SCTP ABORT',
    filter: 'sctp.chunk_type eq ABORT',
    bg: rgb(42148, 0, 0),
    fg: rgb(65535, 64764, 40092),
  },
  {
    name: 'TTL low or unexpected',
    filter:
      '(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))',
    bg: rgb(42148, 0, 0),
    fg: rgb(60652, 61680, 60395),
  },
  {
    name: 'Checksum Errors',
    filter:
      'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad" || mstp.checksum.status=="Bad" || cdp.checksum.status=="Bad" || edp.checksum.status=="Bad" || wlan.fcs.status=="Bad" || stt.checksum.status=="Bad"',
    bg: DARK,
    fg: rgb(63479, 34695, 34695),
  },
  {
    name: 'SMB',
    filter: 'smb || nbss || nbns || netbios',
    bg: rgb(65278, 65535, 53456),
    fg: DARK,
  },
  {
    name: 'HTTP',
    filter: 'http || tcp.port == 80 || http2',
    bg: rgb(58596, 65535, 51143),
    fg: DARK,
  },
  { name: 'DCERPC', filter: 'dcerpc', bg: rgb(51199, 38706, 65533), fg: DARK },
  {
    name: 'Routing',
    filter: 'hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp',
    bg: rgb(65534, 62325, 54808),
    fg: DARK,
  },
  {
    name: 'TCP SYN/FIN',
    filter: 'tcp.flags & 0x02 || tcp.flags.fin == 1',
    bg: rgb(41026, 41026, 41026),
    fg: DARK,
  },
  { name: 'TCP', filter: 'tcp', bg: rgb(59345, 58980, 65535), fg: DARK },
  { name: 'UDP', filter: 'udp', bg: rgb(56026, 61166, 65535), fg: DARK },
  {
    name: 'Broadcast',
    filter: 'eth[0] & 1',
    bg: rgb(65535, 65535, 65535),
    fg: rgb(47802, 48573, 46774),
  },
  {
    name: 'System Event',
    filter: 'systemd_journal || sysdig',
    bg: rgb(59110, 59110, 59110),
    fg: rgb(11565, 28527, 39578),
  },
];

/**
 * Collects what the rules need while a packet is dissected, alongside another sink (the caller's), then tells which
 * rule matches. Create one and reuse it: begin() before dissecting, match() after.
 */
export class ColoringCollector {
  private readonly rules: { rule: ColoringRule; filter: CompiledFilter }[];
  private readonly sink: FilterSink;

  constructor() {
    this.rules = DEFAULT_RULES.map((rule) => {
      const r = compileFilter(rule.filter, { unknownAsAbsent: true });
      if (!r.ok) throw new Error(`colouring rule ${rule.name}: ${r.error.message}`);
      return { rule, filter: r.filter };
    });
    const all = (pick: (f: CompiledFilter) => readonly number[]) => this.rules.flatMap((r) => pick(r.filter));
    this.sink = new FilterSink(
      all((f) => f.fields),
      all((f) => f.spans),
      all((f) => f.layered),
    );
  }

  /** Forget the previous packet's values (when dissecting through the same tee again). */
  clear(): void {
    this.sink.clear();
  }

  /** A sink that feeds both `inner` and the collector. */
  tee(inner: Sink): Sink {
    this.sink.clear();
    return new TeeSink(inner, this.sink);
  }

  /** The first default rule that matches the packet just dissected, or null. */
  match(): ColoringRule | null {
    const sink = this.sink;
    for (const { rule, filter } of this.rules) if (filter.matches(sink.values, sink.layerOf)) return rule;
    return null;
  }
}

/** Sends every call to two sinks. */
class TeeSink implements Sink {
  readonly active = true;
  constructor(
    private readonly a: Sink,
    private readonly b: Sink,
  ) {}
  wants(id: number): boolean {
    return this.a.wants(id) || this.b.wants(id);
  }
  add(...args: Parameters<Sink['add']>): void {
    if (this.a.active) this.a.add(...args);
    this.b.add(...args);
  }
  open(...args: Parameters<Sink['open']>): void {
    if (this.a.active) this.a.open(...args);
    this.b.open(...args);
  }
  close(length?: number): void {
    if (this.a.active) this.a.close(length);
    this.b.close(length);
  }
  text(...args: Parameters<Sink['text']>): void {
    if (this.a.active) this.a.text(...args);
    this.b.text(...args);
  }
  expert(p: Packet, e: Expert): void {
    if (this.a.active) this.a.expert?.(p, e);
  }
  nest(on: boolean): void {
    if (this.a.active) this.a.nest?.(on);
  }
  drop(): void {
    if (this.a.active) {
      if (this.a.drop) this.a.drop();
      else this.a.close();
    }
    this.b.close();
  }
}
