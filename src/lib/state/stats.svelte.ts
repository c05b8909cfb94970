// Expert Information's and HTTP statistics' state: the result the worker worked out for the displayed packets, asked
// again when the capture or the display filter change (the viewer's displayKey).
import type { EngineLike, ExpertEntry, ExpertInfo, ExpertSeverity, HttpStats, StatNode } from '../engine/types';
import { Computed } from './computed.svelte';

/** As Wireshark's dialog names the severities. */
export const SEVERITY_LABELS: Readonly<Record<ExpertSeverity, string>> = {
  error: 'Error',
  warn: 'Warning',
  note: 'Note',
  chat: 'Chat',
  comment: 'Comment',
};

export interface ExpertGroup {
  severity: ExpertSeverity;
  group: string;
  protocol: string;
  count: number;
  entries: ExpertEntry[];
}

/**
 * Entries grouped as Wireshark's dialog shows them: one line per severity, group and protocol with the summaries
 * under it, most severe first (the entries are in that order already), then by count.
 */
export function groupEntries(entries: readonly ExpertEntry[]): ExpertGroup[] {
  // A throwaway index while grouping, not state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  const groups = new Map<string, ExpertGroup>();
  for (const e of entries) {
    const key = `${e.severity}\u0000${e.group}\u0000${e.protocol}`;
    let g = groups.get(key);
    if (!g) {
      g = { severity: e.severity, group: e.group, protocol: e.protocol, count: 0, entries: [] };
      groups.set(key, g);
    }
    g.count += e.count;
    g.entries.push(e);
  }
  const order: ExpertSeverity[] = ['error', 'warn', 'note', 'chat', 'comment'];
  return [...groups.values()].sort(
    (a, b) => order.indexOf(a.severity) - order.indexOf(b.severity) || b.count - a.count,
  );
}

/** Notes per severity. */
export function severityCounts(entries: readonly ExpertEntry[]): Record<ExpertSeverity, number> {
  const out: Record<ExpertSeverity, number> = { error: 0, warn: 0, note: 0, chat: 0, comment: 0 };
  for (const e of entries) out[e.severity] += e.count;
  return out;
}

export class ExpertState extends Computed<ExpertInfo> {
  constructor(engine: EngineLike) {
    super('Expert Information', (onProgress) => engine.expertInfo(onProgress));
  }
}

export class HttpStatsState extends Computed<HttpStats> {
  constructor(engine: EngineLike) {
    super('HTTP statistics', (onProgress) => engine.httpStats(onProgress));
  }
}

/** A stats tree as rows (pre-order) with their depth and share of the parent, for a table. */
export function statRows(root: StatNode): { label: string; count: number; depth: number; percent: number }[] {
  const out: { label: string; count: number; depth: number; percent: number }[] = [];
  const walk = (n: StatNode, depth: number, parent: number) => {
    out.push({ label: n.label, count: n.count, depth, percent: parent > 0 ? (100 * n.count) / parent : 100 });
    for (const c of n.children) walk(c, depth + 1, n.count);
  };
  walk(root, 0, 0);
  return out;
}
