// "Explain this packet": the part a packet plays in its conversation, told with its own numbers, for students who
// hold the capture against a textbook. What applies is worked out here from the packet's detail (the fields the
// dissectors found); the words are in the UI's messages (i18n/messages: `explain`), so every language says the same.
import type { DetailItem } from '../engine/types';
import type { Messages } from '../i18n/messages/en';

export type ExplainMessages = Messages['explain'];
/** One sentence or paragraph of an explanation, in whichever language it is asked for. */
export type ExplainPart = (m: ExplainMessages) => string;

/** A field's values as a display filter writes them, strings unquoted. */
class Facts {
  private readonly values = new Map<string, string[]>();
  private readonly labels = new Map<string, string>();

  constructor(private readonly items: readonly DetailItem[]) {
    for (const it of items) {
      if (!it.field) continue;
      if (!this.labels.has(it.field)) this.labels.set(it.field, it.label);
      const list = this.values.get(it.field);
      const v = unquote(it.value);
      if (list) list.push(v);
      else this.values.set(it.field, [v]);
    }
  }

  has(field: string): boolean {
    return this.values.has(field);
  }

  text(field: string): string | undefined {
    return this.values.get(field)?.[0];
  }

  /** Values of any of `fields`, in the order the tree has them. */
  inOrder(fields: readonly string[]): string[] {
    return this.items.filter((it) => fields.includes(it.field)).map((it) => unquote(it.value));
  }

  all(field: string): readonly string[] {
    return this.values.get(field) ?? [];
  }

  /** The value as the tree shows it: its line after the name ("A (1)" for "Type: A (1)"). */
  shown(field: string): string | undefined {
    const label = this.labels.get(field);
    if (label === undefined) return undefined;
    const at = label.indexOf(': ');
    return at >= 0 ? label.slice(at + 2) : label;
  }

  num(field: string): number | undefined {
    const v = this.text(field);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }

  flag(field: string): boolean {
    const v = this.text(field);
    return v === '1' || v === 'True' || v === 'true';
  }
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
    try {
      return JSON.parse(v) as string;
    } catch {
      return v.slice(1, -1);
    }
  }
  return v;
}

/** A header line of an HTTP message by name ("Range"), from the lines no named field took. */
function header(f: Facts, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  for (const line of f.all('http.unknown_header')) {
    if (line.toLowerCase().startsWith(prefix)) return line.slice(prefix.length).trim();
  }
  return undefined;
}

/** The explanation of a packet from its detail items; empty when there is nothing to say beyond its tree. */
export function explainPacket(items: readonly DetailItem[]): ExplainPart[] {
  const f = new Facts(items);
  const parts: ExplainPart[] = [];
  if (f.has('tcp.seq')) explainTcp(f, parts);
  if (f.has('http')) explainHttp(f, parts);
  if (f.has('dns.flags.response')) explainDns(f, parts);
  if (f.has('tls.handshake.type')) explainTls(f, parts);
  return parts;
}

function explainTcp(f: Facts, parts: ExplainPart[]): void {
  const seq = f.num('tcp.seq') ?? 0;
  const ack = f.num('tcp.ack') ?? 0;
  const len = f.num('tcp.len') ?? 0;
  const next = f.num('tcp.nxtseq') ?? seq + len;
  const raw = f.text('tcp.seq_raw') ?? '';
  const from = f.text('tcp.srcport') ?? '';
  const to = f.text('tcp.dstport') ?? '';
  const win = f.text('tcp.window_size') ?? f.text('tcp.window_size_value') ?? '';
  const syn = f.flag('tcp.flags.syn');
  const fin = f.flag('tcp.flags.fin');
  const rst = f.flag('tcp.flags.reset');
  const hasAck = f.flag('tcp.flags.ack');

  // What the analysis found comes first: it changes how the rest reads.
  if (f.has('tcp.analysis.spurious_retransmission')) parts.push((m) => m.spuriousRetransmission({ seq, len }));
  else if (f.has('tcp.analysis.fast_retransmission')) parts.push((m) => m.fastRetransmission({ seq, len }));
  else if (f.has('tcp.analysis.retransmission')) parts.push((m) => m.retransmission({ seq, len }));
  if (f.has('tcp.analysis.out_of_order')) parts.push((m) => m.outOfOrder({ seq }));
  if (f.has('tcp.analysis.lost_segment')) parts.push((m) => m.lostSegment());
  if (f.has('tcp.analysis.duplicate_ack')) {
    const n = f.text('tcp.analysis.duplicate_ack_num') ?? '';
    parts.push((m) => m.duplicateAck({ ack, n }));
  }
  if (f.has('tcp.analysis.zero_window')) parts.push((m) => m.zeroWindow());
  if (f.has('tcp.analysis.keep_alive')) parts.push((m) => m.keepAlive({ seq }));

  if (rst) {
    parts.push((m) => m.reset({ from, to }));
  } else if (syn && !hasAck) {
    const mss = f.text('tcp.options.mss_val');
    const scale = f.text('tcp.options.wscale.multiplier');
    parts.push((m) => m.handshake1({ from, to, raw, mss, scale }));
  } else if (syn) {
    const clientRaw = f.text('tcp.ack_raw');
    const clientIsn = clientRaw ? String((Number(clientRaw) - 1 + 2 ** 32) % 2 ** 32) : '';
    parts.push((m) => m.handshake2({ ack, raw, clientIsn }));
  } else if (fin) {
    parts.push((m) => m.fin({ seq: next - 1, next, ack, len }));
  } else if (len > 0) {
    parts.push((m) => m.data({ len, seq, last: seq + len - 1, next }));
    const inFrame = f.num('tcp.reassembled_in');
    if (inFrame !== undefined) parts.push((m) => m.segmentOfMessage({ frame: inFrame }));
    if (f.has('tcp.segment.count')) {
      const count = f.text('tcp.segment.count') ?? '';
      const bytes = f.text('tcp.reassembled.length') ?? '';
      parts.push((m) => m.reassembled({ count, bytes }));
    }
  } else if (hasAck && seq === 1 && ack === 1) {
    parts.push((m) => m.handshake3());
  } else if (hasAck) {
    if (f.has('tcp.analysis.window_update')) parts.push((m) => m.windowUpdate({ win }));
    else if (!f.has('tcp.analysis.duplicate_ack') && !f.has('tcp.analysis.keep_alive'))
      parts.push((m) => m.pureAck({ ack, last: ack - 1, win }));
  }
}

function explainHttp(f: Facts, parts: ExplainPart[]): void {
  const method = f.text('http.request.method');
  if (method !== undefined) {
    const uri = f.text('http.request.uri') ?? '';
    const host = f.text('http.host') ?? '';
    parts.push((m) => m.httpRequest({ method, uri, host }));
    const range = header(f, 'Range');
    if (range) parts.push((m) => m.httpRange({ range }));
    if (f.has('http.response_in')) {
      const frame = f.text('http.response_in') ?? '';
      parts.push((m) => m.httpAnsweredIn({ frame }));
    }
    return;
  }
  const code = f.num('http.response.code');
  if (code === undefined) return;
  const phrase = f.text('http.response.phrase') ?? '';
  const type = f.text('http.content_type') ?? '';
  const length = f.text('http.content_length_header') ?? '';
  const request = f.text('http.request_in') ?? '';
  const uri = f.text('http.response_for.uri') ?? '';
  if (code === 200) parts.push((m) => m.http200({ type, length, uri }));
  else if (code === 206) {
    const contentRange = header(f, 'Content-Range') ?? '';
    parts.push((m) => m.http206({ contentRange, type, uri }));
  } else if (code === 304) parts.push((m) => m.http304({ uri }));
  else if (code === 404) parts.push((m) => m.http404({ uri }));
  else parts.push((m) => m.httpOther({ code, phrase }));
  if (request) parts.push((m) => m.httpAnswers({ frame: request }));
}

function explainDns(f: Facts, parts: ExplainPart[]): void {
  const name = f.text('dns.qry.name') ?? '';
  // "A (Host Address) (1)" → "A".
  const type = (f.shown('dns.qry.type') ?? '').split(' ')[0];
  if (!f.flag('dns.flags.response')) {
    parts.push((m) => m.dnsQuery({ name, type, id: f.text('dns.id') ?? '' }));
    return;
  }
  const answers = f.num('dns.count.answers') ?? 0;
  // The answer section comes first in the tree: its addresses are the first ones.
  const addresses = f.inOrder(['dns.a', 'dns.aaaa']).slice(0, answers);
  const rcode = f.num('dns.flags.rcode') ?? 0;
  parts.push((m) => m.dnsResponse({ name, answers, addresses: addresses.join(', '), rcode }));
}

function explainTls(f: Facts, parts: ExplainPart[]): void {
  const types = f.all('tls.handshake.type').map(Number);
  if (types.includes(1))
    parts.push((m) => m.tlsClientHello({ sni: f.text('tls.handshake.extensions_server_name') ?? '' }));
  if (types.includes(2)) parts.push((m) => m.tlsServerHello({ suite: f.shown('tls.handshake.ciphersuite') ?? '' }));
}
