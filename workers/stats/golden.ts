// Parsers for tshark's statistics tables as committed by scripts/golden-stats.sh (<capture>.stats.txt): the
// conversation and endpoint tables and the protocol hierarchy; the captures they were made from. Used by the tests
// only (Node).
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';

export interface GoldenConversation {
  a: string;
  portA: number | null;
  b: string;
  portB: number | null;
  framesBA: number;
  /** Bytes as tshark 4.0 prints them here: "2803 bytes", "2100 kB" (see formatSize). */
  bytesBA: string;
  framesAB: number;
  bytesAB: string;
  frames: number;
  bytes: string;
  relStart: number;
  duration: number;
}

export interface GoldenEndpoint {
  address: string;
  port: number | null;
  packets: number;
  bytes: number;
  txPackets: number;
  txBytes: number;
  rxPackets: number;
  rxBytes: number;
}

export interface GoldenPhs {
  depth: number;
  protocol: string;
  frames: number;
  bytes: number;
}

export interface GoldenStats {
  /** By table title: "TCP Conversations", "IPv4 Endpoints" … */
  conversations: Map<string, GoldenConversation[]>;
  endpoints: Map<string, GoldenEndpoint[]>;
  phs: GoldenPhs[];
}

/** tshark 4.0's byte counts in conversation tables (format_size, SI units, truncated): "9999 bytes", "10 kB" … */
export function formatSize(n: number): string {
  if (n < 10_000) return `${n} bytes`;
  if (n < 10_000_000) return `${Math.floor(n / 1e3)} kB`;
  if (n < 10_000_000_000) return `${Math.floor(n / 1e6)} MB`;
  return `${Math.floor(n / 1e9)} GB`;
}

/** "addr:port" (IPv6 too: the port is after the last colon). */
function splitPort(s: string, ports: boolean): [string, number | null] {
  if (!ports) return [s, null];
  const k = s.lastIndexOf(':');
  return [s.slice(0, k), Number(s.slice(k + 1))];
}

export function parseGoldenStats(text: string): GoldenStats {
  const out: GoldenStats = { conversations: new Map(), endpoints: new Map(), phs: [] };
  const lines = text.split('\n');
  let title = '';
  let phs = false;
  for (const line of lines) {
    if (/^(=+)$/.test(line)) {
      title = '';
      phs = false;
      continue;
    }
    if (/^[A-Za-z0-9]+ (Conversations|Endpoints)$/.test(line)) {
      title = line;
      if (line.endsWith('Conversations')) out.conversations.set(line, []);
      else out.endpoints.set(line, []);
      continue;
    }
    if (line === 'Protocol Hierarchy Statistics') {
      phs = true;
      continue;
    }
    if (phs) {
      const m = /^( *)(\S+)\s+frames:(\d+) bytes:(\d+)$/.exec(line);
      if (m) out.phs.push({ depth: m[1].length / 2, protocol: m[2], frames: +m[3], bytes: +m[4] });
      continue;
    }
    if (!title || line.startsWith('Filter:') || line.includes('|') || !line.trim()) continue;
    const ports = title.startsWith('TCP') || title.startsWith('UDP');
    const t = line.trim().split(/\s+/);
    if (title.endsWith('Conversations')) {
      const [a, portA] = splitPort(t[0], ports);
      const [b, portB] = splitPort(t[2], ports);
      out.conversations.get(title)?.push({
        a,
        portA,
        b,
        portB,
        framesBA: +t[3],
        bytesBA: `${t[4]} ${t[5]}`,
        framesAB: +t[6],
        bytesAB: `${t[7]} ${t[8]}`,
        frames: +t[9],
        bytes: `${t[10]} ${t[11]}`,
        relStart: +t[12],
        duration: +t[13],
      });
    } else {
      const n = ports ? 1 : 0;
      out.endpoints.get(title)?.push({
        address: t[0],
        port: ports ? +t[1] : null,
        packets: +t[1 + n],
        bytes: +t[2 + n],
        txPackets: +t[3 + n],
        txBytes: +t[4 + n],
        rxPackets: +t[5 + n],
        rxBytes: +t[6 + n],
      });
    }
  }
  return out;
}

/**
 * Captures with tshark's tables in testdata/<name>.stats.txt (scripts/golden-stats.sh): in testdata, or (`lab`) in
 * ../shared/captures/lab, read from there when it exists.
 */
export const GOLDEN: { name: string; lab: boolean }[] = [
  ...[
    'lab-null.pcapng',
    'lab-tls-proxy.pcapng',
    'pcapplusplus-VlanPackets.pcap',
    'pcapplusplus-ip4_fragments.pcap',
    'pcapplusplus-ip6_fragments.pcap',
    'pcapplusplus-pcapng-example.pcapng',
    'zeek-wikipedia.pcap',
    'zeek-pppoe.pcap',
    'tcpdump-dns_udp.pcap',
    'tcpdump-icmpv6.pcap',
    'zeek-fragmented-1.pcap',
    'tcpdump-802.1ad_QinQ.pcap',
    'zeek-5-pings.pcap',
    'zeek-pipelined-requests.pcap',
    'suricata-tcp-opt.pcap',
  ].map((name) => ({ name, lab: false })),
  ...['lab-classic.pcap', 'lab-classic-nsec.pcap', 'lab-loopback.pcapng', 'net-veth.pcapng'].map((name) => ({
    name,
    lab: true,
  })),
];

/** An engine with the capture `bytes` read. */
export async function openBytes(bytes: Uint8Array, name: string): Promise<Engine> {
  const engine = new Engine();
  await engine.open(bytesSource(bytes, name));
  return engine;
}

/** Every packet of the capture (0-based indices). */
export const all = (engine: Engine) => Uint32Array.from({ length: engine.count }, (_, i) => i);
