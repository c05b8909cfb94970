// What the first pass already knows about each packet, offered to compiled filters (CompiledFilter.decide) so that
// most packets are decided without being dissected again:
//  - which protocols a packet holds: its protocol stack (PacketIndex.stack, frame.protocols as a set), and so that
//    the fields of a protocol it does not hold are absent;
//  - frame.number, frame.len, frame.cap_len: the index's columns;
//  - frame.time_relative: the index's timestamps;
//  - tcp.stream, tcp.srcport, tcp.dstport, tcp.port: the TCP stream and direction the first pass gave the packet;
//  - tcp.analysis, tcp.analysis.flags and its flags (retransmission, window_full …): the first pass's analysis.
// Anything else ("unknown") makes the filter dissect the packet, unless the rest of the filter decides it.
import type { Engine } from '../engine';
import { fieldById, fieldByName } from '../dissect/registry';
import type { FieldValue } from '../dissect/sinks';
import type { TcpConversations } from '../flows/tcp';
import { ANALYSIS_PRESENT, TCP_CONVERSATIONS, TcpAnalysis } from '../flows/tcp';
import { NsTime } from '../dissect/sinks';
import { timeDelta } from '../dissect/time';
import { RowFlag } from '../index/packet-index';
import { SECOND_PASS_ONLY, UNKNOWN_STACK } from '../index/stacks';
import type { KnownValues } from './compile';

/**
 * Protocols whose presence the stack tells: the first pass adds them to the stack exactly when the second pass adds
 * their item to the tree (golden.test.ts checks this on every test capture). Not listed, so dissected to know:
 * "frame" (never a layer; always present), "tls"
 * (the second pass adds items where the first pass's stack has none), "dhcp" (a truncated packet gets the layer but
 * not the item), the "_ws.*" notes, and the protocols of message bodies and certificates (SECOND_PASS_ONLY).
 */
const FROM_STACK: ReadonlySet<string> = new Set([
  'null',
  'raw',
  'sll',
  'vlan',
  'ieee8021ad',
  'llc',
  'stp',
  'cdp',
  'ppp',
  'pppoes',
  'pppoed',
  'lcp',
  'ipcp',
  'ipv6cp',
  'pap',
  'arp',
  'ip',
  'ipv6',
  'ipv6.hopopts',
  'ipv6.dstopts',
  'ipv6.routing',
  'ipv6.fraghdr',
  'icmp',
  'icmpv6',
  'udp',
  'tcp',
  'dns',
  'mdns',
  'llmnr',
  'nbns',
  'ntp',
  'ssdp',
  'dhcpv6',
  'http',
  'nflog',
  'netlink',
]);

/**
 * Protocols whose fields (named "tcp.…") only their own dissector adds: a packet without the protocol has none of
 * them. Not so for others: IPv6 adds ip.version, mDNS adds dns.* fields, IEEE 802.1ad adds vlan.etype.
 */
const FIELDS_FROM_STACK: ReadonlySet<string> = new Set(['tcp', 'udp', 'http', 'arp', 'icmp', 'icmpv6']);

/** The tcp.analysis.* flag fields and the analysis bit that adds each. */
const ANALYSIS_FLAGS: [string, number][] = [
  ['tcp.analysis.retransmission', TcpAnalysis.Retransmission],
  ['tcp.analysis.fast_retransmission', TcpAnalysis.FastRetransmission],
  ['tcp.analysis.spurious_retransmission', TcpAnalysis.SpuriousRetransmission],
  ['tcp.analysis.out_of_order', TcpAnalysis.OutOfOrder],
  ['tcp.analysis.lost_segment', TcpAnalysis.LostPacket],
  ['tcp.analysis.ack_lost_segment', TcpAnalysis.AckLostPacket],
  ['tcp.analysis.keep_alive', TcpAnalysis.KeepAlive],
  ['tcp.analysis.keep_alive_ack', TcpAnalysis.KeepAliveAck],
  ['tcp.analysis.duplicate_ack', TcpAnalysis.DuplicateAck],
  ['tcp.analysis.zero_window', TcpAnalysis.ZeroWindow],
  ['tcp.analysis.zero_window_probe', TcpAnalysis.ZeroWindowProbe],
  ['tcp.analysis.zero_window_probe_ack', TcpAnalysis.ZeroWindowProbeAck],
  ['tcp.analysis.window_update', TcpAnalysis.WindowUpdate],
  ['tcp.analysis.window_full', TcpAnalysis.WindowFull],
  ['tcp.analysis.reused_ports', TcpAnalysis.ReusedPorts],
];

const PRESENT: readonly FieldValue[] = [null];
const ABSENT: readonly FieldValue[] = [];

const idOf = (name: string) => fieldByName(name)?.id ?? -1;

export class FirstPassFacts {
  private i = 0;
  /** Per field id: the name of its protocol when the stack answers for that protocol, else "". */
  private readonly stackProtocols: (string | undefined)[] = [];
  private readonly ids = {
    frame: idOf('frame'),
    number: idOf('frame.number'),
    len: idOf('frame.len'),
    capLen: idOf('frame.cap_len'),
    stream: idOf('tcp.stream'),
    srcport: idOf('tcp.srcport'),
    dstport: idOf('tcp.dstport'),
    port: idOf('tcp.port'),
    relative: idOf('frame.time_relative'),
  };
  /** tcp.analysis.* fields the per-packet analysis column answers for: field id → the bits that add it. */
  private readonly analysisFields = new Map<number, number>();
  private readonly analysisId = idOf('tcp.analysis');
  private readonly analysisFlagsId = idOf('tcp.analysis.flags');
  private readonly retransmissionId = idOf('tcp.analysis.retransmission');
  private readonly duplicateAckId = idOf('tcp.analysis.duplicate_ack');
  /** One reusable array per field: the two sides of a comparison may both come from here. */
  private readonly out: FieldValue[][] = [];
  /** Per stack id: how many TCP layers it has (-1: not counted yet). */
  private tcpLayers = new Int8Array(0);

  /** The capture's TCP streams (the engine's state of this capture: a FirstPassFacts serves one filter run). */
  private readonly tcpConversations: TcpConversations;

  constructor(private readonly engine: Engine) {
    this.tcpConversations = engine.state.get(TCP_CONVERSATIONS);
    for (const [name, bit] of ANALYSIS_FLAGS) this.analysisFields.set(idOf(name), bit);
    for (const id of [
      ...Object.values(this.ids),
      ...this.analysisFields.keys(),
      this.analysisId,
      this.analysisFlagsId,
    ]) {
      this.out[id] = [];
    }
  }

  /** The known values of packet `i`'s fields (valid until the next call). */
  at(i: number): KnownValues {
    this.i = i;
    return this.known;
  }

  /** Whether protocol `name` gets its presence from the stack. */
  static fromStack(name: string): boolean {
    return FROM_STACK.has(name) && !SECOND_PASS_ONLY.has(name);
  }

  private readonly known: KnownValues = (id) => {
    const index = this.engine.index;
    const i = this.i;
    const ids = this.ids;
    if (id === ids.frame) return PRESENT;
    if (id === ids.number) return this.one(id, i + 1);
    if (index.interfaceOf(i) < 0) return undefined; // pseudo-frames: what their dissection adds
    if (id === ids.len) return this.one(id, index.origLen(i));
    if (id === ids.capLen) return this.one(id, index.capLen[i]);
    if (id === ids.stream || id === ids.srcport || id === ids.dstport || id === ids.port) return this.tcp(id, i);
    if (id === ids.relative) return this.relative(id, i);
    if (id === this.analysisId || id === this.analysisFlagsId || this.analysisFields.has(id))
      return this.analysis(id, i);
    let name = this.stackProtocols[id];
    if (name === undefined) {
      const def = fieldById(id);
      if (def.type === 'protocol') name = FirstPassFacts.fromStack(def.abbrev) ? def.abbrev : '';
      else name = FIELDS_FROM_STACK.has(def.protocol) ? def.protocol : '';
      this.stackProtocols[id] = name;
      this.isProtocol[id] = def.type === 'protocol';
    }
    if (name === '') return undefined;
    const has = index.stacks.has(index.stack[i], name);
    if (has === undefined) return undefined;
    // A protocol: present or not. A field of a protocol that is not there is not there either.
    if (this.isProtocol[id]) return has ? PRESENT : ABSENT;
    return has ? undefined : ABSENT;
  };

  private readonly isProtocol: boolean[] = [];

  private one(id: number, v: number): FieldValue[] {
    const a = this.out[id];
    a.length = 1;
    a[0] = v;
    return a;
  }

  /** frame.time_relative: from the packet's timestamp and the capture's first one. */
  private relative(id: number, i: number): readonly FieldValue[] | undefined {
    const index = this.engine.index;
    const state = this.engine.state;
    const sec = index.seconds(i);
    if (Number.isNaN(sec) || Number.isNaN(state.refSec)) return undefined;
    const t = timeDelta(sec, index.tsNs[i], state.refSec, state.refNs);
    const a = this.out[id];
    a.length = 1;
    a[0] = new NsTime(t.sec, t.ns);
    return a;
  }

  /** The stream of a packet with exactly one TCP layer (and no ICMP error): -2 without TCP, -1 when unknown. */
  private streamOf(i: number): number {
    const stack = this.engine.index.stack[i];
    if (stack >= UNKNOWN_STACK) return -1;
    const layers = this.countTcp(stack);
    if (layers === 0) return -2;
    if (layers !== 1) return -1;
    return this.tcpConversations.streamOf(i);
  }

  /**
   * tcp.analysis, tcp.analysis.flags and the flags under it, from the analysis the first pass kept per packet. They
   * occur as often as the dissector adds them: a retransmission once per kind, a duplicate ACK twice.
   */
  private analysis(id: number, i: number): readonly FieldValue[] | undefined {
    const s = this.streamOf(i);
    if (s === -2) return ABSENT;
    // A packet cut short may end before its analysis is added.
    if (s < 0 || this.engine.index.flags[i] & (RowFlag.Malformed | RowFlag.Truncated)) return undefined;
    const word = this.tcpConversations.analysis.get(i);
    if (!(word & ANALYSIS_PRESENT)) return ABSENT;
    const bits = word & ~ANALYSIS_PRESENT;
    let n: number;
    if (id === this.analysisId) n = 1;
    else if (id === this.analysisFlagsId) n = bits ? 1 : 0;
    else if (id === this.retransmissionId) {
      const R = TcpAnalysis;
      n = (bits & R.Retransmission ? 1 : 0) + (bits & R.FastRetransmission ? 1 : 0);
      n += bits & R.SpuriousRetransmission ? 1 : 0;
    } else if (id === this.duplicateAckId) n = bits & TcpAnalysis.DuplicateAck ? 2 : 0;
    else n = bits & (this.analysisFields.get(id) ?? 0) ? 1 : 0;
    if (n === 0) return ABSENT;
    const a = this.out[id];
    a.length = n;
    a.fill(null);
    return a;
  }

  /** The TCP fields from the packet's stream, when the packet has exactly one TCP layer (and no ICMP error). */
  private tcp(id: number, i: number): readonly FieldValue[] | undefined {
    const s = this.streamOf(i);
    if (s === -2) return ABSENT;
    if (s < 0) return undefined;
    const tcp = this.tcpConversations;
    const ids = this.ids;
    if (id === ids.stream) return this.one(id, s);
    const ports = tcp.port;
    const f = s * 2 + tcp.directionOf(i);
    if (id === ids.srcport) return this.one(id, ports[f]);
    if (id === ids.dstport) return this.one(id, ports[f ^ 1]);
    const a = this.out[id];
    a.length = 2;
    a[0] = ports[f];
    a[1] = ports[f ^ 1];
    return a;
  }

  private countTcp(stack: number): number {
    const stacks = this.engine.index.stacks;
    if (this.tcpLayers.length < stacks.size) {
      const grown = new Int8Array(Math.max(16, stacks.size * 2)).fill(-1);
      grown.set(this.tcpLayers);
      this.tcpLayers = grown;
    }
    let n = this.tcpLayers[stack];
    if (n < 0) {
      let tcp = 0;
      let icmp = false;
      for (const l of stacks.layers[stack]) {
        if (l === 'tcp') tcp++;
        else if (l === 'icmp' || l === 'icmpv6') icmp = true;
      }
      // A TCP header quoted in an ICMP error has no stream of its own: dissect to know (100: "unknown").
      n = tcp === 0 ? 0 : icmp ? 100 : Math.min(tcp, 100);
      this.tcpLayers[stack] = n;
    }
    return n;
  }
}
