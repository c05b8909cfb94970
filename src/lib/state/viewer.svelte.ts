// The page's state: which capture is open, how far the load is, the first rows and what went wrong. Components read
// it and call its methods; they hold no logic of their own. Large results from the worker are $state.raw and are
// replaced, never mutated.
import { tick } from 'svelte';
import type {
  CaptureProblem,
  DetailItem,
  EngineLike,
  FieldSuggestion,
  FilterApplied,
  FilterCheck,
  FollowStream,
  ListColumn,
  OpenProgress,
  OpenSummary,
} from '../engine/types';
import { DetailState } from './detail.svelte';
import { PacketListState } from './packet-list.svelte';
import { SequenceState } from './sequence.svelte';
import { IoGraphState } from './io.svelte';
import { ExpertState, HttpStatsState } from './stats.svelte';
import { ConversationsState, HierarchyState, PropertiesState } from './tables.svelte';
import { ObjectsState } from './objects.svelte';
import { downloadBlob } from '../flow/export';
import {
  captureHash,
  decodeCapture,
  encodeCapture,
  fetchProblem,
  INLINE_LIMIT,
  linkTo,
  nameFromUrl,
  type LinkState,
} from './url';

/** The views of an open capture (DESIGN.md §5: the `view` of the URL fragment), in the order the toolbar shows them. */
export type ViewName =
  | 'packets'
  | 'flow'
  | 'follow'
  | 'objects'
  | 'conversations'
  | 'endpoints'
  | 'hierarchy'
  | 'http'
  | 'io'
  | 'expert'
  | 'properties';
/** The views, in the order the page lists them (their names are in the UI's messages: i18n/messages). */
export const VIEWS: readonly ViewName[] = [
  'packets',
  'flow',
  'follow',
  'objects',
  'conversations',
  'endpoints',
  'hierarchy',
  'http',
  'io',
  'expert',
  'properties',
];

/** body[data-state]: part of the page contract (DESIGN.md §5). */
export type PageStatus = 'empty' | 'loading' | 'ready' | 'error';

const fmt = (n: number) => n.toLocaleString('en-US');

export function packetsText(n: number): string {
  return `${fmt(n)} ${n === 1 ? 'packet' : 'packets'}`;
}

export function bytesText(n: number): string {
  if (n < 1024) return `${fmt(n)} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Performance marks the benchmark reads (scripts/bench.mjs). */
function mark(
  name: 'open' | 'first-rows' | 'ready' | 'select' | 'detail-data' | 'detail' | 'filter' | 'filtered',
): void {
  performance.mark(`wirelens:${name}`);
}

export class ViewerState {
  status = $state<PageStatus>('empty');
  fileName = $state('');
  fileSize = $state(0);
  progress = $state.raw<OpenProgress | null>(null);
  summary = $state.raw<OpenSummary | null>(null);
  /** What went wrong with the file, in words for people (also set beside the rows of a damaged file). */
  message = $state<string | null>(null);
  /** Milliseconds from handing the file to the worker to the fully indexed list. */
  loadMs = $state<number | null>(null);
  /** Set when a frame number asked for is not in the list. */
  notice = $state<string | null>(null);
  /** Bumped when the selected row must be scrolled into view. */
  reveal = $state(0);

  readonly list: PacketListState;
  readonly detail = new DetailState();
  readonly sequence: SequenceState;
  /** The I/O graph's, Expert Information's and HTTP statistics' state, made on first use. */
  private ioState: IoGraphState | null = null;
  private expertState: ExpertState | null = null;
  private httpState: HttpStatsState | null = null;
  get io(): IoGraphState {
    return (this.ioState ??= new IoGraphState(this.engine));
  }
  get expert(): ExpertState {
    return (this.expertState ??= new ExpertState(this.engine));
  }
  get httpStats(): HttpStatsState {
    return (this.httpState ??= new HttpStatsState(this.engine));
  }
  /** Conversations and Endpoints (one state: both tables come from one pass), Protocol hierarchy, Properties. */
  private convState: ConversationsState | null = null;
  private hierarchyState: HierarchyState | null = null;
  private propertiesState: PropertiesState | null = null;
  get conversations(): ConversationsState {
    return (this.convState ??= new ConversationsState(this.engine));
  }
  get hierarchy(): HierarchyState {
    return (this.hierarchyState ??= new HierarchyState(this.engine));
  }
  get properties(): PropertiesState {
    return (this.propertiesState ??= new PropertiesState(this.engine));
  }
  /** HTTP objects (kept while the capture is open, so that switching views does not list them again). */
  private objectsState: ObjectsState | null = null;
  get objects(): ObjectsState {
    return (this.objectsState ??= new ObjectsState(this.engine, downloadBlob));
  }
  /** Which view shows the capture. */
  view = $state<ViewName>('packets');
  /** Changes with every capture opened (with the applied filter, it says what the views are of). */
  captureId = $state(0);
  /** The display filter applied to the list ("" for none), how it was read, and whether one is being applied. */
  appliedFilter = $state('');
  /** The text in the filter bar (may differ from the applied filter while the user edits it). */
  filterText = $state('');
  filterResult = $state.raw<FilterApplied | null>(null);
  filtering = $state(false);

  /** Fraction of the file read, 0..1, while loading. */
  fraction = $derived(
    this.progress && this.progress.totalBytes ? this.progress.bytesRead / this.progress.totalBytes : 0,
  );

  /** Each open() gets a number; results of an older one that arrive late are dropped. */
  private generation = 0;
  /** Each selection gets a number; a slower detail of an earlier selection is dropped. */
  private selection = 0;

  constructor(private readonly engine: EngineLike) {
    this.list = new PacketListState(engine);
    this.sequence = new SequenceState(engine);
  }

  /** What the displayed packets are: this capture with this filter (views rebuild when it changes). */
  get displayKey(): string {
    return `${this.captureId}\u0000${this.appliedFilter}`;
  }

  /** The TCP stream (tcp.stream) the Follow view shows (`stream=` in the URL fragment); null: the selected packet's. */
  followStream = $state<number | null>(null);
  /** What the Follow view shows of it: the TCP bytes, or the HTTP messages with decoded bodies. */
  followKind = $state<'tcp' | 'http'>('tcp');

  /** The Follow view's data: TCP stream `stream` as TCP bytes or HTTP messages (worker: EngineLike.follow). */
  followData(stream: number, kind: 'tcp' | 'http'): Promise<FollowStream> {
    return this.engine.follow(stream, kind);
  }

  /** tcp.stream and udp.stream of a packet (0-based packetIndex), -1 when it has none. */
  streamOf(packetIndex: number): Promise<{ tcp: number; udp: number }> {
    return this.engine.streamOf(packetIndex);
  }

  /**
   * Follow the TCP stream of the row at a display position (the list's context menu): its stream and the Follow view.
   * Resolves false when the packet has no TCP stream.
   */
  async followPacket(position: number, kind: 'tcp' | 'http'): Promise<boolean> {
    let row = this.list.row(position);
    if (!row) [row] = await this.engine.rows(position, 1, this.list.timeFormat);
    if (!row) return false;
    const { tcp } = await this.engine.streamOf(row.frameNumber - 1);
    if (tcp < 0) {
      this.notice = `Packet ${row.frameNumber} is not part of a TCP stream.`;
      return false;
    }
    this.followKind = kind;
    this.followStream = tcp;
    this.view = 'follow';
    return true;
  }

  /** Show the sequence diagram of the conversation a packet (0-based index) belongs to. */
  showInSequenceOf(packetIndex: number): void {
    this.sequence.showConversation(packetIndex);
    this.view = 'flow';
  }

  /** Show the sequence diagram of the conversation of the row at a display position. */
  async showInSequence(position: number): Promise<void> {
    let row = this.list.row(position);
    if (!row) [row] = await this.engine.rows(position, 1, this.list.timeFormat);
    if (!row) return;
    this.sequence.showConversation(row.frameNumber - 1);
    this.view = 'flow';
  }

  /**
   * The open capture as `#c=` text (deflated, base64url) when it is small enough to travel inside a link
   * (INLINE_LIMIT compressed), else "". Made after the capture is read.
   */
  inlineCapture = $state.raw('');
  /** The content hash of the open capture (captureHash): links made on it carry it (`h=`). */
  contentHash = $state.raw('');
  /** The `#c=` the open capture came from ("" when it came from a file or a URL): it stays in the fragment. */
  linkCapture = $state.raw('');

  /** Open the capture carried inside a link (`#c=`); it never went to a server. */
  async openInline(text: string): Promise<void> {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = decodeCapture(text);
    } catch {
      ++this.generation;
      this.status = 'error';
      this.fileName = 'capture from the link';
      this.message = 'The capture inside this link is damaged (it is not compressed capture data); was the link cut?';
      return;
    }
    await this.open(new Blob([bytes]), 'capture from the link', text);
  }

  /** The file open now (its handle, not its bytes), to open again with fewer packets. */
  private openedFile: { file: Blob; name: string; linkCapture: string } | null = null;

  /**
   * When the engine ran out of memory: a packet count that leaves room to work (filters, views), offered as "Open the
   * first N packets"; null otherwise.
   */
  get fewerPackets(): number | null {
    const problem = this.summary?.problem;
    if (problem?.kind !== 'out-of-memory' || !this.openedFile) return null;
    const read = problem.packets ?? this.summary?.packets ?? 0;
    const n = read >= 10000 ? Math.floor((read * 0.8) / 1000) * 1000 : Math.floor(read * 0.8);
    return n > 0 ? n : null;
  }

  /** Open the same file again, reading only its first `n` packets. */
  openFirst(n: number): Promise<void> {
    const f = this.openedFile;
    return f ? this.open(f.file, f.name, f.linkCapture, n) : Promise.resolve();
  }

  /**
   * Open a capture. A new file replaces (and cancels) the one being read. `maxPackets`: read only the first this many
   * packets.
   */
  async open(
    file: Blob,
    name = (file as Partial<File>).name ?? 'capture',
    linkCapture = '',
    maxPackets?: number,
  ): Promise<void> {
    const gen = ++this.generation;
    this.openedFile = { file, name, linkCapture };
    this.captureId = gen;
    this.linkCapture = linkCapture;
    this.inlineCapture = linkCapture;
    this.sequence.reset();
    this.status = 'loading';
    this.fileName = name;
    this.fileSize = file.size;
    this.progress = { bytesRead: 0, totalBytes: file.size, packets: 0 };
    this.summary = null;
    this.message = null;
    this.notice = null;
    this.loadMs = null;
    this.list.reset();
    this.detail.show(null);
    this.appliedFilter = '';
    this.filterResult = null;
    this.list.onFirstRows = () => mark('first-rows');
    const started = performance.now();
    mark('open');
    try {
      const summary = await this.engine.open(
        file,
        (p) => {
          if (gen !== this.generation) return;
          this.progress = p;
          // Rows appear while the rest of the file is read.
          this.list.setCount(p.packets);
        },
        maxPackets,
      );
      if (gen !== this.generation) return;
      this.summary = summary;
      this.message = describe(summary);
      if (summary.packets === 0 && summary.problem) {
        this.status = 'error';
        return;
      }
      this.loadMs = performance.now() - started;
      // Rows read during the load may change now that every packet is known (reassembly, analysis).
      this.list.count = await this.engine.count();
      this.contentHash = linkCapture ? '' : await captureHash(file).catch(() => '');
      if (gen !== this.generation) return;
      this.list.refresh();
      this.status = 'ready';
      mark('ready');
      // Small captures can travel inside a link (raw files up to 16 times the limit are worth trying).
      if (!linkCapture && file.size <= INLINE_LIMIT * 16) {
        const text = encodeCapture(new Uint8Array(await file.arrayBuffer()));
        if (gen === this.generation && text) this.inlineCapture = text;
      }
    } catch (e) {
      if (gen !== this.generation) return;
      this.status = 'error';
      this.message = `Wirelens could not read “${name}”: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  /** Aborts the download of openUrl (Cancel while fetching). */
  private download: AbortController | null = null;

  /**
   * Open a capture from a URL: the bundled sample, or `?capture=URL`. The download shows its progress (bytes of the
   * Content-Length when the server gives one); then the worker reads it as a file. A failed request (network or
   * CORS) or an HTTP error status is said in plain words (fetchProblem).
   */
  async openUrl(url: string, name = nameFromUrl(url, location.href)): Promise<void> {
    const gen = ++this.generation;
    this.download?.abort();
    const download = (this.download = new AbortController());
    this.status = 'loading';
    this.fileName = name;
    this.progress = null;
    this.message = null;
    let blob: Blob;
    try {
      let response: Response;
      try {
        response = await fetch(url, { signal: download.signal });
      } catch (e) {
        if (download.signal.aborted) throw e;
        throw new Error(fetchProblem(url, 0, '', location.href), { cause: e });
      }
      if (!response.ok) throw new Error(fetchProblem(url, response.status, response.statusText, location.href));
      const total = Number(response.headers.get('content-length') ?? 0) || 0;
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let read = 0;
      const reader = response.body?.getReader();
      if (!reader) blob = await response.blob();
      else {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          read += value.length;
          if (gen === this.generation)
            this.progress = { bytesRead: read, totalBytes: Math.max(total, read), packets: 0 };
        }
        blob = new Blob(chunks);
      }
    } catch (e) {
      if (gen !== this.generation) return;
      this.status = download.signal.aborted ? 'empty' : 'error';
      this.progress = null;
      this.message = download.signal.aborted
        ? null
        : `Wirelens could not fetch “${name}”: ${e instanceof Error ? e.message : String(e)}`;
      return;
    } finally {
      if (this.download === download) this.download = null;
    }
    if (gen === this.generation) await this.open(blob, name);
  }

  /** Stop reading: the packets read so far stay on screen. */
  async cancel(): Promise<void> {
    if (this.download) this.download.abort();
    else if (this.status === 'loading') await this.engine.cancel();
  }

  /** Select the row at a display position and show its packet's tree and bytes. */
  async select(position: number): Promise<void> {
    const list = this.list;
    if (position < 0 || position >= list.count) return;
    const sel = ++this.selection;
    mark('select');
    list.selected = position;
    this.notice = null;
    // A row on screen names its packet; else the worker finds the packet at that position (one round trip, not two).
    const row = list.row(position);
    const detail = row ? await this.engine.detail(row.frameNumber - 1) : await this.engine.detailAt(position);
    if (sel !== this.selection || !detail) return;
    mark('detail-data');
    this.detail.show(detail);
    await tick();
    mark('detail');
  }

  private movedAt = -Infinity;
  /** True shortly after a keyboard move: the URL fragment replaces its entry instead of adding one per row. */
  get movingByKeys(): boolean {
    return performance.now() - this.movedAt < 600;
  }

  /** Move the selection by `delta` rows (keyboard), keeping it on screen. */
  async move(delta: number): Promise<void> {
    const list = this.list;
    if (!list.count) return;
    const from = list.selected < 0 ? (delta > 0 ? -1 : list.count) : list.selected;
    const to = Math.max(0, Math.min(list.count - 1, from + delta));
    if (to === list.selected) return;
    this.movedAt = performance.now();
    this.reveal++;
    await this.select(to);
  }

  /** Go to a frame by its number (Ctrl+G, frame links in the tree). */
  async goToFrame(frameNumber: number): Promise<boolean> {
    const pos = await this.engine.positionOf(frameNumber);
    if (pos < 0) {
      this.notice = `There is no packet ${frameNumber} in the list.`;
      return false;
    }
    this.reveal++;
    await this.select(pos);
    return true;
  }

  /**
   * Apply a display filter (or a capture filter, translated) to the packet list; "" shows every packet. The
   * selected packet stays selected when it is still displayed. Resolves with how the text was read.
   */
  async applyFilter(text: string): Promise<FilterApplied | null> {
    if (this.status !== 'ready') return null;
    const frame = this.selectedFrame;
    this.filtering = true;
    mark('filter');
    try {
      const result = await this.engine.applyFilter(text);
      if (!result.complete) return result;
      this.filterResult = result;
      if (result.state === 'invalid') return result;
      this.appliedFilter = text.trim();
      this.list.count = result.displayed;
      this.list.selected = frame ? await this.engine.positionOf(frame) : -1;
      if (this.list.selected < 0) this.detail.show(null);
      this.list.refresh();
      await this.list.fill();
      this.reveal++;
      mark('filtered');
      return result;
    } finally {
      this.filtering = false;
    }
  }

  /** How the filter bar should show `text` (checked in the worker). */
  checkFilter(text: string): Promise<FilterCheck> {
    return this.engine.checkFilter(text);
  }

  /** Field and protocol names for the word being typed in the filter bar. */
  suggest(prefix: string): Promise<FieldSuggestion[]> {
    return this.engine.suggest(prefix, 40);
  }

  /**
   * Put a filter for a field (from the tree) or a conversation in the filter bar, combined with what is there as
   * Wireshark's "Prepare as filter" does; `apply` also applies it.
   */
  async useFilter(expr: string, how: FilterCombination, apply: boolean): Promise<void> {
    this.filterText = combineFilter(this.filterText.trim(), expr, how);
    if (apply) await this.applyFilter(this.filterText);
  }

  /** Sort the packet list by a column; the selected packet stays selected and on screen. */
  async sort(column: ListColumn): Promise<void> {
    await this.list.sort(column, this.selectedFrame);
    this.reveal++;
  }

  /** Filter name of the field selected in the detail tree, or "" (the `field` of a link). */
  get selectedField(): string {
    const d = this.detail.detail;
    return d && this.detail.selected >= 0 ? (d.items[this.detail.selected]?.field ?? '') : '';
  }

  /** What a link to the present state holds (DESIGN.md §5): frame, filter, field, view, stream. */
  linkState(): Omit<LinkState, 'capture' | 'hash'> {
    return {
      frame: this.selectedFrame,
      filter: this.appliedFilter,
      field: this.selectedField,
      view: this.view,
      stream: this.view === 'follow' ? this.followStream : null,
    };
  }

  /** A link to a frame (and a field of it) with the applied filter and the view: this page's address + fragment. */
  linkFor(frame: number, field = '', withCapture = false): string {
    const capture = withCapture ? this.inlineCapture : this.linkCapture;
    // A link that carries the capture needs no ?capture= to fetch it.
    const where = capture ? { ...location, search: '' } : location;
    return linkTo(where, { ...this.linkState(), frame, field, capture, hash: capture ? '' : this.contentHash });
  }

  /** Copy a link to a frame or a field to the clipboard ("Copy link"); resolves with what to tell the user. */
  async copyLink(frame: number, field = '', withCapture = false): Promise<string> {
    const link = this.linkFor(frame, field, withCapture);
    try {
      await navigator.clipboard.writeText(link);
      return withCapture ? `Copied link with the capture inside (${link.length} characters)` : `Copied link: ${link}`;
    } catch {
      return `Could not copy (the browser refused): ${link}`;
    }
  }

  /** Select the first item of the selected packet's tree with this field, opening its ancestors; false: none. */
  selectField(field: string): boolean {
    const dt = this.detail;
    const items = dt.detail?.items ?? [];
    const i = field ? items.findIndex((it) => it.field === field) : -1;
    if (i < 0) return false;
    for (let p = items[i].parent; p >= 0; p = items[p].parent) if (!dt.isOpen(p)) dt.setOpen(p, true);
    dt.select(i);
    return true;
  }

  /**
   * Restore the frame, filter and field of a link (opening one, Back and Forward) on the open capture: apply the
   * filter, select the frame and scroll it into view, open the tree to the field and select it (its bytes are
   * highlighted). No frame: no selection. The view is the page's (App.svelte) to set.
   */
  async applyLink(link: Pick<LinkState, 'frame' | 'filter' | 'field'> & { hash?: string }): Promise<void> {
    if (this.status !== 'ready') return;
    if (link.filter !== this.appliedFilter) {
      this.filterText = link.filter;
      const result = await this.applyFilter(link.filter);
      if (!result || result.state === 'invalid') this.notice = `The link's filter “${link.filter}” is not valid.`;
    }
    if (!link.frame) {
      this.selection++;
      this.list.selected = -1;
      this.detail.show(null);
      return;
    }
    if (link.frame !== this.selectedFrame && !(await this.goToFrame(link.frame))) return;
    if (link.field) {
      if (link.field !== this.selectedField && !this.selectField(link.field))
        this.notice = `Packet ${link.frame} has no field ${link.field}.`;
    } else if (this.detail.selected >= 0) this.detail.selected = -1;
    if (link.hash && this.contentHash && link.hash !== this.contentHash)
      this.notice = `This link was made on another capture than “${this.fileName}”: packet ${link.frame} may not be the one it meant.`;
  }

  /** Frame number of the selected row, or 0. */
  get selectedFrame(): number {
    return this.detail.detail?.frameNumber ?? 0;
  }
}

export type FilterCombination = 'selected' | 'not' | 'and' | 'or' | 'and-not' | 'or-not';

/** Wireshark's "Apply/Prepare as filter" combinations: … Selected, … Not Selected, … and Selected, … */
export function combineFilter(current: string, expr: string, how: FilterCombination): string {
  const not = `!(${expr})`;
  if (how === 'selected') return expr;
  if (how === 'not') return not;
  if (!current) return how === 'and-not' || how === 'or-not' ? not : expr;
  const right = how === 'and' || how === 'or' ? expr : not;
  return `(${current}) ${how.startsWith('and') ? '&&' : '||'} (${right})`;
}

/** Conversation filters for a packet, from its tree: Ethernet, IPv4/IPv6, TCP, UDP (as Wireshark writes them). */
export function conversationFilters(items: readonly DetailItem[]): { label: string; filter: string }[] {
  const first = (field: string) => items.find((i) => i.field === field)?.value ?? '';
  const out: { label: string; filter: string }[] = [];
  const pair = (label: string, f: string, a: string, b: string) => {
    if (a && b) out.push({ label, filter: `${f}==${a} && ${f}==${b}` });
  };
  pair('Ethernet', 'eth.addr', first('eth.src'), first('eth.dst'));
  const v4 = [first('ip.src'), first('ip.dst')];
  const v6 = [first('ipv6.src'), first('ipv6.dst')];
  const [ipField, a, b] = v4[0] ? ['ip.addr', v4[0], v4[1]] : ['ipv6.addr', v6[0], v6[1]];
  pair(ipField === 'ip.addr' ? 'IPv4' : 'IPv6', ipField, a, b);
  for (const t of ['tcp', 'udp']) {
    const sp = first(`${t}.srcport`);
    const dp = first(`${t}.dstport`);
    if (a && b && sp && dp)
      out.push({
        label: t.toUpperCase(),
        filter: `${ipField}==${a} && ${ipField}==${b} && ${t}.port==${sp} && ${t}.port==${dp}`,
      });
  }
  return out;
}

/** The sentence shown beside (or instead of) the rows, or null when the whole file was read. */
export function describe(s: OpenSummary): string | null {
  if (s.problem) return problemText(s.problem);
  if (!s.complete) return `Loading was stopped after ${packetsText(s.packets)}.`;
  return null;
}

function problemText(p: CaptureProblem): string {
  return p.detail ? `${p.message} (${p.detail})` : p.message;
}
