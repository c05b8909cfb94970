// The packet list as the page shows it: which packets are displayed in which order (sorting), the Time column in the
// chosen format, and each row's colouring rule. Rows are dissected on demand, a window at a time; the order is one
// typed array (display position → packetIndex), never an array of objects.
import { ColoringCollector } from './dissect/coloring';
import { NULL_SINK } from './dissect/sinks';
import { formatRelTime, timeDelta } from './dissect/time';
import type { Engine } from './engine';
import type { ListColumn, ListRow, TimeFormat } from './types';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The fraction of a second with `digits` digits (Wireshark shows the interface's resolution), "" for none. */
function fraction(ns: number, digits: number): string {
  if (digits <= 0) return '';
  return (
    '.' +
    String(Math.max(0, Math.min(999999999, ns)))
      .padStart(9, '0')
      .slice(0, digits)
  );
}

/** Date and time of day as Wireshark's Time column shows them ("2026-11-22 10:23:45.123456"), local or UTC. */
export function formatDateTime(sec: number, ns: number, digits: number, utc: boolean, withDate: boolean): string {
  const d = new Date(sec * 1000);
  const y = utc ? d.getUTCFullYear() : d.getFullYear();
  const mo = utc ? d.getUTCMonth() : d.getMonth();
  const day = utc ? d.getUTCDate() : d.getDate();
  const h = utc ? d.getUTCHours() : d.getHours();
  const mi = utc ? d.getUTCMinutes() : d.getMinutes();
  const s = utc ? d.getUTCSeconds() : d.getSeconds();
  const time = `${pad(h)}:${pad(mi)}:${pad(s)}${fraction(ns, digits)}`;
  return withDate ? `${y}-${pad(mo + 1)}-${pad(day)} ${time}` : time;
}

export class PacketView {
  /** Display position → packetIndex; null while the list is in frame order with every packet shown. */
  private order: Uint32Array | null = null;
  /** The packets the display filter lets through, in frame order; null: all of them. */
  private displayed: Uint32Array | null = null;
  /** packetIndex → display position (only with an order). */
  private positions: Int32Array | null = null;
  private readonly coloring = new ColoringCollector();
  sortedBy: { column: ListColumn; descending: boolean } | null = null;

  constructor(readonly engine: Engine) {}

  /** Rows displayed (all packets read so far while loading). */
  get count(): number {
    return this.order ? this.order.length : this.engine.count;
  }

  /** packetIndex at a display position. */
  packetAt(position: number): number {
    return this.order ? this.order[position] : position;
  }

  /** Display position of a frame number, or -1 when it is not displayed (or does not exist). */
  positionOf(frameNumber: number): number {
    const i = frameNumber - 1;
    if (!Number.isInteger(i) || i < 0 || i >= this.engine.count) return -1;
    return this.positions ? this.positions[i] : i;
  }

  /** Rows at display positions [start, start + count), with the Time column in `time` format. */
  async rows(start: number, count: number, time: TimeFormat): Promise<ListRow[]> {
    const end = Math.min(this.count, start + Math.max(0, count));
    const out: ListRow[] = [];
    if (start >= end) return out;
    const byIndex = new Map<number, ListRow>();
    const wanted: number[] = [];
    for (let pos = start; pos < end; pos++) wanted.push(this.packetAt(pos));
    // Dissect them in file order; packets close together in the file are read at once.
    const sorted = Uint32Array.from(wanted).sort();
    const coloring = this.coloring;
    const sink = coloring.tee(NULL_SINK);
    await this.engine.dissectPackets(sorted, sink, (p, cols) => {
      const rule = coloring.match();
      byIndex.set(p.index, {
        position: 0,
        frameNumber: p.frameNumber,
        time: '',
        source: cols.src,
        destination: cols.dst,
        protocol: cols.protocol,
        length: p.origLen,
        info: cols.info,
        colorRule: rule?.name ?? '',
        fg: rule?.fg ?? '',
        bg: rule?.bg ?? '',
      });
      coloring.clear();
    });
    for (let pos = start; pos < end; pos++) {
      const i = this.packetAt(pos);
      const row = byIndex.get(i);
      if (!row) continue;
      row.position = pos;
      row.time = this.timeText(pos, i, time);
      out.push(row);
    }
    return out;
  }

  /** The Time column of packetIndex `i` shown at display position `pos`. */
  timeText(pos: number, i: number, format: TimeFormat): string {
    const engine = this.engine;
    const index = engine.index;
    const sec = index.seconds(i);
    if (Number.isNaN(sec)) return '';
    const ns = index.tsNs[i];
    const digits = engine.state.interfaces[index.interfaceOf(i)]?.tsDigits ?? 6;
    switch (format) {
      case 'relative':
        return engine.timeText(i);
      case 'delta':
      case 'delta-displayed': {
        const prev = format === 'delta' ? i - 1 : pos > 0 ? this.packetAt(pos - 1) : -1;
        if (prev < 0 || Number.isNaN(index.seconds(prev))) return formatRelTime(0, 0, digits);
        const d = timeDelta(sec, ns, index.seconds(prev), index.tsNs[prev]);
        return formatRelTime(d.sec, d.ns, digits);
      }
      case 'absolute':
        return formatDateTime(sec, ns, digits, false, true);
      case 'time-of-day':
        return formatDateTime(sec, ns, digits, false, false);
      case 'utc':
        return formatDateTime(sec, ns, digits, true, true);
      case 'epoch':
        return `${sec}${fraction(ns, digits)}`;
    }
  }

  /**
   * Sort the displayed packets by a column (stable: equal keys keep frame order). Number, time, length and protocol
   * come from the index; source, destination and info need every packet dissected once more.
   */
  async sort(column: ListColumn, descending: boolean): Promise<void> {
    const engine = this.engine;
    const index = engine.index;
    const n = engine.count;
    const base = this.displayed ?? identity(n);
    let compare: (a: number, b: number) => number;
    switch (column) {
      case 'number':
        compare = (a, b) => a - b;
        break;
      case 'time':
        compare = (a, b) => index.seconds(a) - index.seconds(b) || index.tsNs[a] - index.tsNs[b];
        break;
      case 'length':
        compare = (a, b) => index.origLen(a) - index.origLen(b);
        break;
      case 'protocol': {
        const names = index.protocolNames;
        compare = (a, b) => compareText(names[index.protocol[a]] ?? '', names[index.protocol[b]] ?? '');
        break;
      }
      default: {
        // Each distinct text gets a rank once; packets are then sorted by rank (a number), not by text.
        const ranks = new Uint32Array(n);
        const ids = new Map<string, number>();
        const texts: string[] = [];
        await engine.dissectRange(0, n, NULL_SINK, (p, cols) => {
          const text = column === 'source' ? cols.src : column === 'destination' ? cols.dst : cols.info;
          let id = ids.get(text);
          if (id === undefined) {
            id = texts.length;
            texts.push(text);
            ids.set(text, id);
          }
          ranks[p.index] = id;
        });
        const byText = column === 'info' ? compareText : compareAddressText;
        const order = texts.map((_, id) => id).sort((a, b) => byText(texts[a], texts[b]));
        const rankOf = new Uint32Array(texts.length);
        order.forEach((id, rank) => (rankOf[id] = rank));
        for (let i = 0; i < n; i++) ranks[i] = rankOf[ranks[i]];
        compare = (a, b) => ranks[a] - ranks[b];
      }
    }
    const order = Uint32Array.from(base).sort((a, b) => (descending ? compare(b, a) : compare(a, b)) || a - b);
    this.setOrder(column === 'number' && !descending && !this.displayed ? null : order);
    this.sortedBy = column === 'number' && !descending ? null : { column, descending };
  }

  /** Show only these packets (a display filter's result, in frame order), or every packet (null); the sort stays. */
  async setDisplayed(indices: Uint32Array | null): Promise<void> {
    this.displayed = indices;
    if (this.sortedBy) await this.sort(this.sortedBy.column, this.sortedBy.descending);
    else this.setOrder(indices);
  }

  private setOrder(order: Uint32Array | null): void {
    this.order = order;
    if (!order) {
      this.positions = null;
      return;
    }
    const positions = new Int32Array(this.engine.count).fill(-1);
    for (let pos = 0; pos < order.length; pos++) positions[order[pos]] = pos;
    this.positions = positions;
  }
}

function identity(n: number): Uint32Array {
  const a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** IPv4 addresses by value (10.0.0.9 before 10.0.0.10), before other texts, which compare as text. */
function compareAddressText(a: string, b: string): number {
  const ma = IPV4.exec(a);
  const mb = IPV4.exec(b);
  if (ma && mb) {
    for (let k = 1; k <= 4; k++) {
      const d = Number(ma[k]) - Number(mb[k]);
      if (d) return d;
    }
    return 0;
  }
  if (ma) return -1;
  if (mb) return 1;
  return compareText(a, b);
}
