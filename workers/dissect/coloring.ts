// Wireshark's default colouring rules (its `colorfilters` file, 4.0), evaluated in order: the first that matches names
// the packet's colours and appears in the frame as frame.coloring_rule.name / .string.
//
// Each rule keeps Wireshark's filter text and, until the display-filter engine exists, a predicate written by hand
// from that text over the fields the rule names (collected while the packet is dissected) and the protocols present.
import type { Expert, Packet } from './packet';
import { fieldByName } from './registry';
import type { FieldValue, Sink } from './sinks';
import { FieldSink } from './sinks';
import { allFields } from './registry';

export interface ColoringRule {
  name: string;
  filter: string;
  /** Foreground and background as CSS colours (Wireshark's colorfilters file lists 16-bit RGB, background first). */
  fg: string;
  bg: string;
  matches(f: Facts): boolean;
}

/** What the rules look at: the protocols of the packet and the values of a few fields. */
export interface Facts {
  has(protocol: string): boolean;
  values(field: string): readonly FieldValue[];
}

const num = (v: FieldValue): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN);
const any = (f: Facts, field: string, test: (v: number) => boolean) => f.values(field).some((v) => test(num(v)));
const all = (f: Facts, field: string, test: (v: number) => boolean) => f.values(field).every((v) => test(num(v)));
const present = (f: Facts, field: string) => f.values(field).length > 0;
const inNet = (v: number, net: number, bits: number) => (v ^ net) >>> (32 - bits) === 0;
/** Checksum status "Bad" is 0 in Wireshark's proto_checksum enumeration. */
const bad = (f: Facts, field: string) => any(f, field, (v) => v === 0);

const rgb = (r: number, g: number, b: number) => `rgb(${r >> 8}, ${g >> 8}, ${b >> 8})`;
const DARK = rgb(4718, 10030, 11796);

export const DEFAULT_RULES: readonly ColoringRule[] = [
  {
    name: 'Bad TCP',
    filter:
      'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack',
    bg: DARK,
    fg: rgb(63479, 34695, 34695),
    matches: (f) =>
      present(f, 'tcp.analysis.flags') &&
      !present(f, 'tcp.analysis.window_update') &&
      !present(f, 'tcp.analysis.keep_alive') &&
      !present(f, 'tcp.analysis.keep_alive_ack'),
  },
  {
    name: 'HSRP State Change',
    filter: 'hsrp.state != 8 && hsrp.state != 16',
    bg: DARK,
    fg: rgb(65535, 64764, 40092),
    matches: (f) => present(f, 'hsrp.state') && all(f, 'hsrp.state', (v) => v !== 8 && v !== 16),
  },
  {
    name: 'Spanning Tree Topology  Change',
    filter: 'stp.type == 0x80',
    bg: DARK,
    fg: rgb(65535, 64764, 40092),
    matches: (f) => any(f, 'stp.type', (v) => v === 0x80),
  },
  {
    name: 'OSPF State Change',
    filter: 'ospf.msg != 1',
    bg: DARK,
    fg: rgb(65535, 64764, 40092),
    matches: (f) => present(f, 'ospf.msg') && all(f, 'ospf.msg', (v) => v !== 1),
  },
  {
    name: 'ICMP errors',
    filter: 'icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }',
    bg: DARK,
    fg: rgb(47031, 63479, 29812),
    matches: (f) =>
      any(f, 'icmp.type', (v) => (v >= 3 && v <= 5) || v === 11) || any(f, 'icmpv6.type', (v) => v >= 1 && v <= 4),
  },
  { name: 'ARP', filter: 'arp', bg: rgb(64250, 61680, 55255), fg: DARK, matches: (f) => f.has('arp') },
  {
    name: 'ICMP',
    filter: 'icmp || icmpv6',
    bg: rgb(64764, 57568, 65535),
    fg: DARK,
    matches: (f) => f.has('icmp') || f.has('icmpv6'),
  },
  {
    name: 'TCP RST',
    filter: 'tcp.flags.reset eq 1',
    bg: rgb(42148, 0, 0),
    fg: rgb(65535, 64764, 40092),
    matches: (f) => any(f, 'tcp.flags.reset', (v) => v === 1),
  },
  {
    name: 'SCTP ABORT',
    filter: 'sctp.chunk_type eq ABORT',
    bg: rgb(42148, 0, 0),
    fg: rgb(65535, 64764, 40092),
    matches: (f) => any(f, 'sctp.chunk_type', (v) => v === 6),
  },
  {
    name: 'TTL low or unexpected',
    filter:
      '(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))',
    bg: rgb(42148, 0, 0),
    fg: rgb(60652, 61680, 60395),
    matches: (f) => {
      const dst = f.values('ip.dst').map(num);
      if (!dst.length) return false;
      const notMulticast = dst.every((v) => !inNet(v, 0xe0000000, 4));
      if (notMulticast && any(f, 'ip.ttl', (v) => v < 5) && !f.has('pim') && !f.has('ospf')) return true;
      return (
        dst.some((v) => inNet(v, 0xe0000000, 24)) &&
        dst.every((v) => v !== 0xe00000fb) &&
        all(f, 'ip.ttl', (v) => v !== 1) &&
        !(f.has('vrrp') || f.has('carp'))
      );
    },
  },
  {
    name: 'Checksum Errors',
    filter:
      'eth.fcs.status=="Bad" || ip.checksum.status=="Bad" || tcp.checksum.status=="Bad" || udp.checksum.status=="Bad" || sctp.checksum.status=="Bad" || mstp.checksum.status=="Bad" || cdp.checksum.status=="Bad" || edp.checksum.status=="Bad" || wlan.fcs.status=="Bad" || stt.checksum.status=="Bad"',
    bg: DARK,
    fg: rgb(63479, 34695, 34695),
    matches: (f) =>
      [
        'eth.fcs.status',
        'ip.checksum.status',
        'tcp.checksum.status',
        'udp.checksum.status',
        'cdp.checksum.status',
      ].some((name) => bad(f, name)),
  },
  {
    name: 'SMB',
    filter: 'smb || nbss || nbns || netbios',
    bg: rgb(65278, 65535, 53456),
    fg: DARK,
    matches: (f) => f.has('smb') || f.has('nbss') || f.has('nbns') || f.has('netbios'),
  },
  {
    name: 'HTTP',
    filter: 'http || tcp.port == 80 || http2',
    bg: rgb(58596, 65535, 51143),
    fg: DARK,
    matches: (f) => f.has('http') || any(f, 'tcp.port', (v) => v === 80) || f.has('http2'),
  },
  { name: 'DCERPC', filter: 'dcerpc', bg: rgb(51199, 38706, 65533), fg: DARK, matches: (f) => f.has('dcerpc') },
  {
    name: 'Routing',
    filter: 'hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp',
    bg: rgb(65534, 62325, 54808),
    fg: DARK,
    matches: (f) =>
      ['hsrp', 'eigrp', 'ospf', 'bgp', 'cdp', 'vrrp', 'carp', 'gvrp', 'igmp', 'ismp'].some((n) => f.has(n)),
  },
  {
    name: 'TCP SYN/FIN',
    filter: 'tcp.flags & 0x02 || tcp.flags.fin == 1',
    bg: rgb(41026, 41026, 41026),
    fg: DARK,
    matches: (f) => any(f, 'tcp.flags', (v) => (v & 0x02) !== 0) || any(f, 'tcp.flags.fin', (v) => v === 1),
  },
  { name: 'TCP', filter: 'tcp', bg: rgb(59345, 58980, 65535), fg: DARK, matches: (f) => f.has('tcp') },
  { name: 'UDP', filter: 'udp', bg: rgb(56026, 61166, 65535), fg: DARK, matches: (f) => f.has('udp') },
  {
    name: 'Broadcast',
    filter: 'eth[0] & 1',
    bg: rgb(65535, 65535, 65535),
    fg: rgb(47802, 48573, 46774),
    matches: (f) => f.values('eth.dst').some((v) => v instanceof Uint8Array && (v[0] & 1) === 1),
  },
  {
    name: 'System Event',
    filter: 'systemd_journal || sysdig',
    bg: rgb(59110, 59110, 59110),
    fg: rgb(11565, 28527, 39578),
    matches: (f) => f.has('systemd_journal') || f.has('sysdig'),
  },
];

/** Every field name the rules read, that the registry knows. */
const RULE_FIELDS = [
  'tcp.analysis.flags',
  'tcp.analysis.window_update',
  'tcp.analysis.keep_alive',
  'tcp.analysis.keep_alive_ack',
  'hsrp.state',
  'stp.type',
  'ospf.msg',
  'icmp.type',
  'icmpv6.type',
  'tcp.flags.reset',
  'sctp.chunk_type',
  'ip.dst',
  'ip.ttl',
  'eth.fcs.status',
  'ip.checksum.status',
  'tcp.checksum.status',
  'udp.checksum.status',
  'cdp.checksum.status',
  'tcp.port',
  'tcp.flags',
  'tcp.flags.fin',
  'eth.dst',
];

/**
 * Collects what the rules need while a packet is dissected, alongside another sink (the caller's), then tells which
 * rule matches. Create one and reuse it: begin() before dissecting, match() after.
 */
export class ColoringCollector {
  private readonly sink: FieldSink;
  private readonly ids = new Map<string, number>();

  constructor() {
    for (const name of RULE_FIELDS) {
      const def = fieldByName(name);
      if (def) this.ids.set(name, def.id);
    }
    this.sink = new FieldSink(this.ids.values(), allFields().length);
  }

  /** A sink that feeds both `inner` and the collector. */
  tee(inner: Sink): Sink {
    this.sink.clear();
    return new TeeSink(inner, this.sink);
  }

  /** The first default rule that matches the packet just dissected, or null. */
  match(p: Packet): ColoringRule | null {
    const layers = p.layers;
    const facts: Facts = {
      has: (protocol) => layers.includes(protocol),
      values: (field) => {
        const id = this.ids.get(field);
        return (id === undefined ? undefined : this.sink.values.get(id)) ?? [];
      },
    };
    for (const rule of DEFAULT_RULES) if (rule.matches(facts)) return rule;
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
