// State of the Conversations, Endpoints, Protocol hierarchy and Capture properties views (issue 7): what the worker
// worked out, asked again when the capture or the display filter change (the viewer's displayKey) or, for the
// conversation tables, when "Limit to display filter" is switched. Sorting and the filters of a row are worked out
// here, on the page, from the plain rows.
import type {
  CaptureProperties,
  Conversation,
  ConversationStats,
  ConvType,
  Endpoint,
  EngineLike,
  HierarchyNode,
  ProtocolHierarchy,
} from '../engine/types';
import { Computed } from './computed.svelte';

export const CONV_TABS: readonly { id: ConvType; label: string }[] = [
  { id: 'eth', label: 'Ethernet' },
  { id: 'ipv4', label: 'IPv4' },
  { id: 'ipv6', label: 'IPv6' },
  { id: 'tcp', label: 'TCP' },
  { id: 'udp', label: 'UDP' },
];

export class ConversationsState extends Computed<ConversationStats> {
  /** Only the displayed packets (on by default, like tshark's -z with a filter). */
  limit = $state(true);
  tab = $state<ConvType>('tcp');

  constructor(engine: EngineLike) {
    super('Conversations', (onProgress) => engine.conversations(this.limit, onProgress));
  }

  /** What the tables are of: the capture and filter (displayKey) and the limit switch. */
  contextOf(displayKey: string): string {
    return this.limit ? `${displayKey}\u0000limit` : `${displayKey.split('\u0000')[0]}\u0000all`;
  }
}

export class HierarchyState extends Computed<ProtocolHierarchy> {
  constructor(engine: EngineLike) {
    super('Protocol hierarchy', (onProgress) => engine.hierarchy(onProgress));
  }
}

export class PropertiesState extends Computed<CaptureProperties & { complete: boolean }> {
  constructor(engine: EngineLike) {
    super('Capture properties', async () => ({ ...(await engine.properties()), complete: true }));
  }
}

/** The display filter of an address or address pair field by type. */
const ADDR_FIELD: Record<ConvType, string> = {
  eth: 'eth.addr',
  ipv4: 'ip.addr',
  ipv6: 'ipv6.addr',
  tcp: 'ip.addr',
  udp: 'ip.addr',
};

/** IPv6 addresses hold colons; transport rows over IPv6 filter on ipv6.addr. */
function addrField(type: ConvType, address: string): string {
  if ((type === 'tcp' || type === 'udp') && address.includes(':')) return 'ipv6.addr';
  return ADDR_FIELD[type];
}

/** "Filter on this" for a conversation, as the packet list's conversation filters write it. */
export function conversationFilter(c: Conversation): string {
  const f = addrField(c.type, c.addressA);
  const base = `${f}==${c.addressA} && ${f}==${c.addressB}`;
  if (c.type !== 'tcp' && c.type !== 'udp') return base;
  return `${base} && ${c.type}.port==${c.portA} && ${c.type}.port==${c.portB}`;
}

/** "Filter on this" for an endpoint. */
export function endpointFilter(e: Endpoint): string {
  const base = `${addrField(e.type, e.address)}==${e.address}`;
  return e.port === null ? base : `${base} && ${e.type}.port==${e.port}`;
}

export type SortKey = string;

/**
 * The sort of a statistics table: by which column and which way. The same column again: the other way round; a new
 * column starts descending when it holds numbers, ascending when it holds text.
 */
export class TableSort {
  by = $state<string | null>(null);
  descending = $state(false);

  toggle(id: string, numeric: boolean): void {
    if (this.by === id) this.descending = !this.descending;
    else {
      this.by = id;
      this.descending = numeric;
    }
  }

  /** `rows` in this order (as they came while no column is chosen). */
  apply<T>(rows: readonly T[], columns: readonly { id: string; value: (r: T) => number | string }[]): readonly T[] {
    const col = columns.find((c) => c.id === this.by);
    return col ? sortRows(rows, col.value, this.descending) : rows;
  }
}

/** Rows sorted by one column (numbers numerically, addresses as text), stable. */
export function sortRows<T>(rows: readonly T[], value: (r: T) => number | string, descending: boolean): T[] {
  const out = rows.map((r, i) => ({ r, i, v: value(r) }));
  out.sort((a, b) => {
    const c =
      typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v), 'en');
    return (descending ? -c : c) || a.i - b.i;
  });
  return out.map((x) => x.r);
}

/** The hierarchy as rows (pre-order) with depth and share of all frames/bytes. */
export function hierarchyRows(
  h: ProtocolHierarchy,
): { node: HierarchyNode; depth: number; framePct: number; bytePct: number; key: string }[] {
  const out: { node: HierarchyNode; depth: number; framePct: number; bytePct: number; key: string }[] = [];
  const walk = (nodes: HierarchyNode[], depth: number, prefix: string) => {
    for (const n of nodes) {
      const key = `${prefix}/${n.protocol}`;
      out.push({
        node: n,
        depth,
        framePct: h.frames ? (100 * n.frames) / h.frames : 0,
        bytePct: h.bytes ? (100 * n.bytes) / h.bytes : 0,
        key,
      });
      walk(n.children, depth + 1, key);
    }
  };
  walk(h.roots, 0, '');
  return out;
}

/** Bits per second over a duration (empty when too short to tell, as Wireshark shows it). */
export function bitsPerSecond(bytes: number, seconds: number): string {
  if (!(seconds > 0)) return '';
  const bps = (bytes * 8) / seconds;
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(1)} G`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(1)} M`;
  if (bps >= 1e3) return `${(bps / 1e3).toFixed(1)} k`;
  return `${Math.round(bps)}`;
}
