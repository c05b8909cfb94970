// Expert Information (issue 7; Wireshark's Analyze › Expert Information, tshark -z expert): every expert note the
// dissectors raise in the displayed packets, counted by severity, group, protocol and summary, with the frames of
// each. Packets are dissected again with ExpertSink, a sink that is active (some notes, such as HTTP's request and
// status lines, are raised only where the tree is built) but keeps no field: the notes are what Packet.experts
// gathered. Packet comments count as notes of severity Comment, as in Wireshark. Worked through
// in slices that yield about every 25 ms; the frames of all entries travel as one transferable Uint32Array.
import type { Engine } from '../engine';
import type { Expert, Packet } from '../dissect/packet';
import { fieldByName } from '../dissect/registry';
import type { Sink } from '../dissect/sinks';
import { grown } from '../index/grow';
import type { ExpertEntry, ExpertInfo, ExpertSeverity } from '../types';
import { macrotask } from '../macrotask';

export type { ExpertEntry, ExpertInfo, ExpertSeverity };

/** Most severe first: the order of Wireshark's dialog and of tshark's sections. */
export const SEVERITIES: readonly ExpertSeverity[] = ['error', 'warn', 'note', 'chat', 'comment'];

/** As Wireshark names them ("Warning"), and as tshark's -z expert headings do ("Warns"). */
export const SEVERITY_NAMES: Readonly<Record<ExpertSeverity, string>> = {
  error: 'Error',
  warn: 'Warning',
  note: 'Note',
  chat: 'Chat',
  comment: 'Comment',
};

export interface ExpertOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

const YIELD_MS = 25;
const SLICE = 2048;

/** The protocol a note belongs to, by its short name: the expert field's protocol ("tcp.analysis.…" → "TCP"). */
export function expertProtocol(e: Pick<Expert, 'name'>, packetProtocol: string): string {
  const dot = e.name.indexOf('.');
  const abbrev = dot < 0 ? e.name : e.name.slice(0, dot);
  // _ws.malformed, _ws.short …: the protocol the packet was in when it went wrong.
  if (abbrev === '_ws') return packetProtocol;
  const proto = fieldByName(abbrev);
  return proto?.type === 'protocol' && proto.description ? proto.description : abbrev.toUpperCase();
}

/** Active, so that dissectors raise every note, but it keeps nothing: the notes are read from Packet.experts. */
export class ExpertSink implements Sink {
  readonly active = true;
  wants(): boolean {
    return false;
  }
  add(): void {}
  open(): void {}
  close(): void {}
  text(): void {}
}

interface Building {
  severity: ExpertSeverity;
  group: string;
  protocol: string;
  summary: string;
  field: string;
  count: number;
  frames: Uint32Array;
  frameCount: number;
}

/**
 * Expert Information of the packets `indices` (0-based, ascending: the displayed ones). Rejects with the signal's
 * reason when aborted.
 */
export async function expertInfoOf(
  engine: Engine,
  indices: Uint32Array,
  opts: ExpertOptions = {},
): Promise<ExpertInfo> {
  const byKey = new Map<string, Building>();
  const order: Building[] = [];
  const note = (
    severity: ExpertSeverity,
    group: string,
    protocol: string,
    summary: string,
    field: string,
    frame: number,
  ) => {
    const key = `${severity}\u0000${group}\u0000${protocol}\u0000${summary}`;
    let b = byKey.get(key);
    if (!b) {
      b = { severity, group, protocol, summary, field, count: 0, frames: new Uint32Array(4), frameCount: 0 };
      byKey.set(key, b);
      order.push(b);
    }
    b.count++;
    if (b.frameCount === 0 || b.frames[b.frameCount - 1] !== frame) {
      if (b.frameCount === b.frames.length) b.frames = grown(b.frames, b.frameCount * 2);
      b.frames[b.frameCount++] = frame;
    }
  };
  const each = (p: Packet) => {
    for (const e of p.experts)
      note(e.severity, e.group, expertProtocol(e, p.protocol), e.message, e.name, p.frameNumber);
  };
  const comments = engine.index.comments;
  const sink = new ExpertSink();
  const total = indices.length;
  let last = performance.now();
  for (let k = 0; k < total; k += SLICE) {
    opts.signal?.throwIfAborted();
    const slice = indices.subarray(k, Math.min(total, k + SLICE));
    await engine.dissectPackets(slice, sink, (p) => {
      each(p);
      const c = comments.get(p.index);
      if (c) for (const text of c) note('comment', 'Comments', 'Frame', text, 'frame.comment.expert', p.frameNumber);
    });
    if (performance.now() - last >= YIELD_MS) {
      opts.onProgress?.(k + slice.length, total);
      await macrotask();
      last = performance.now();
    }
  }
  opts.signal?.throwIfAborted();
  opts.onProgress?.(total, total);

  const sorted = SEVERITIES.flatMap((s) => order.filter((b) => b.severity === s));
  const frames = new Uint32Array(sorted.reduce((n, b) => n + b.frameCount, 0));
  const entries: ExpertEntry[] = [];
  let start = 0;
  for (const b of sorted) {
    frames.set(b.frames.subarray(0, b.frameCount), start);
    entries.push({
      severity: b.severity,
      group: b.group,
      protocol: b.protocol,
      summary: b.summary,
      field: b.field,
      count: b.count,
      start,
      frameCount: b.frameCount,
    });
    start += b.frameCount;
  }
  return { entries, frames, packets: total, complete: true };
}

/** An empty result (stopped, or nothing open). */
export function emptyExpertInfo(complete: boolean): ExpertInfo {
  return { entries: [], frames: new Uint32Array(0), packets: 0, complete };
}
