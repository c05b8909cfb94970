// The detail of the selected packet: one packet dissected again with a tree sink, returned with every buffer its
// items point into and the frames it links to. Also tshark's -V and -x text for the CLI.
import type { Engine } from './engine';
import type { Packet } from './dissect/packet';
import { TreeSink } from './dissect/tree';
import type { DetailItem, PacketDetail, Relation } from './types';

/** How a frame-number field relates the frame it names to the packet that holds it. */
export function relationOf(field: string): Relation {
  if (field === 'tcp.analysis.acks_frame') return 'ack';
  if (field.endsWith('.reassembled_in')) return 'reassembled';
  if (field === 'tcp.segment' || field.endsWith('.fragment') || field.endsWith('.segment')) return 'segment';
  if (field.endsWith('response_to') || field.endsWith('request_to')) {
    return field.endsWith('response_to') ? 'request' : 'response';
  }
  if (field.includes('request')) return 'request';
  if (field.includes('response')) return 'response';
  return 'other';
}

/** The frames the items link to (other than `frameNumber`), once each, in frame order, with the first relation found. */
export function relatedFrames(items: readonly DetailItem[], frameNumber: number): PacketDetail['related'] {
  const seen = new Map<number, Relation>();
  for (const it of items) {
    if (it.link <= 0 || it.link === frameNumber || seen.has(it.link)) continue;
    seen.set(it.link, relationOf(it.field));
  }
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([frame, relation]) => ({ frame, relation }));
}

/**
 * The detail of the packet just dissected with `sink`. `copy`: copy the buffers out of the packet (for the page:
 * a view into a larger buffer would drag the whole buffer through structured cloning).
 */
export function collectDetail(p: Packet, sink: TreeSink, copy = true): PacketDetail {
  const items = sink.items();
  const sources: PacketDetail['sources'] = [
    { name: `Frame (${p.frame.length} bytes)`, bytes: copy ? p.frame.slice() : p.frame },
  ];
  for (const s of p.sources) sources.push({ name: s.name, bytes: copy ? s.data.slice() : s.data });
  return { frameNumber: p.frameNumber, sources, items, related: relatedFrames(items, p.frameNumber) };
}

/** Dissect packet `index` again with a tree sink: its whole detail tree, sources and related frames. */
export async function packetDetail(engine: Engine, index: number): Promise<PacketDetail> {
  if (!(index >= 0 && index < engine.count)) throw new RangeError(`no packet ${index}`);
  const sink = new TreeSink();
  let detail: PacketDetail | null = null;
  await engine.dissectRange(index, index + 1, sink, (p) => {
    detail = collectDetail(p, sink);
  });
  if (!detail) throw new Error(`packet ${index} could not be dissected`);
  return detail;
}

// ---- tshark's text forms --------------------------------------------------------------------------------------

/** The tree as tshark -V prints it: four spaces of indent per level. */
export { formatTree } from './dissect/tree';

/**
 * A packet as tshark -V prints it: the tree, and (unless the bytes are printed anyway, with -x) the bytes of every
 * "Data" item in hex after a blank line, as tshark does for data no dissector claimed.
 */
export function formatVerbose(detail: PacketDetail, hexForData: boolean): string {
  let s = '';
  for (const it of detail.items) {
    s += ' '.repeat(4 * it.depth) + it.label + '\n';
    if (hexForData && it.field === 'data' && it.length > 0) {
      const bytes = detail.sources[it.source]?.bytes;
      if (bytes) s += '\n' + hexDump(bytes.subarray(it.start, it.start + it.length));
    }
  }
  return s;
}

/** One data source as tshark -x prints it: offset, 16 bytes in hex, the same as ASCII. */
export function hexDump(bytes: Uint8Array): string {
  const digits = Math.max(4, Math.max(0, bytes.length - 1).toString(16).length);
  let out = '';
  for (let off = 0; off < bytes.length; off += 16) {
    const n = Math.min(16, bytes.length - off);
    let hex = '';
    let ascii = '';
    for (let i = 0; i < n; i++) {
      const b = bytes[off + i];
      hex += (i ? ' ' : '') + b.toString(16).padStart(2, '0');
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    out += `${off.toString(16).padStart(digits, '0')}  ${hex.padEnd(47)}   ${ascii}\n`;
  }
  return out;
}

/** Every data source of a packet as tshark -x prints them: with a "Name:" line each when there are several. */
export function hexDumpSources(sources: PacketDetail['sources']): string {
  if (sources.length === 1) return hexDump(sources[0].bytes);
  return sources.map((s) => `${s.name}:\n${hexDump(s.bytes)}`).join('');
}
