// JavaScript Object Notation bodies: the Protocol column becomes "HTTP/JSON" as in Wireshark, and the tree shows the
// objects, arrays, members and values with their paths as Wireshark 4.0 does.
import type { Packet } from '../packet';
import { declare } from '../registry';
import { GENERATED } from '../sinks';
import { currentMedia, mediaProtocols, mediaTypes } from './media';
import { dissectTextLines } from './data-text-lines';

export const hf = declare('json', 'JavaScript Object Notation', 'JSON', {
  object: { abbrev: 'json.object', name: 'Object', type: 'none' },
  array: { abbrev: 'json.array', name: 'Array', type: 'none' },
  member: { abbrev: 'json.member', name: 'Member', type: 'none' },
  key: { abbrev: 'json.key', name: 'Key', type: 'string' },
  string: { abbrev: 'json.value.string', name: 'String value', type: 'string' },
  number: { abbrev: 'json.value.number', name: 'Number value', type: 'string' },
  true: { abbrev: 'json.value.true', name: 'True value', type: 'none' },
  false: { abbrev: 'json.value.false', name: 'False value', type: 'none' },
  null: { abbrev: 'json.value.null', name: 'Null value', type: 'none' },
  path: { abbrev: 'json.path', name: 'Path', type: 'string' },
  pathWithValue: { abbrev: 'json.path_with_value', name: 'Path with value', type: 'string' },
  memberWithValue: { abbrev: 'json.member_with_value', name: 'Member with value', type: 'string' },
});

const utf8 = new TextDecoder('utf-8');

/** Thrown when the text is not JSON: what was shown so far stays. */
class JsonError extends Error {}

/** A recursive-descent reader over the body's bytes that writes the tree as it goes (tree only). */
class JsonTree {
  private o: number;
  constructor(
    private readonly p: Packet,
    start: number,
    private readonly stop: number,
  ) {
    this.o = start;
  }

  private ws(): void {
    const d = this.p.data;
    while (this.o < this.stop && (d[this.o] === 0x20 || d[this.o] === 0x09 || d[this.o] === 0x0a || d[this.o] === 0x0d))
      this.o++;
  }

  /** A value: objects and arrays become subtrees; a scalar's text is returned for the member's generated lines. */
  value(path: string, member: { key: string; at: number } | null): void {
    const p = this.p;
    const d = p.data;
    this.ws();
    if (this.o >= this.stop) throw new JsonError();
    const c = d[this.o];
    if (c === 0x7b || c === 0x5b) {
      const obj = c === 0x7b;
      const from = this.o;
      p.open(obj ? hf.object : hf.array, from, 0, null, 0, obj ? 'Object' : 'Array');
      try {
        this.o++;
        if (obj) this.members(path);
        else this.elements(path);
      } finally {
        p.close(this.o - from);
      }
      return;
    }
    const from = this.o;
    let shown: string;
    let id: number;
    let label: string;
    let v: string | null = null;
    if (c === 0x22) {
      v = this.string();
      shown = v;
      id = hf.string;
      label = `String value: ${v}`;
    } else if (c === 0x74 || c === 0x66 || c === 0x6e) {
      const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      for (let i = 0; i < word.length; i++) if (d[this.o + i] !== word.charCodeAt(i)) throw new JsonError();
      this.o += word.length;
      shown = word;
      id = c === 0x74 ? hf.true : c === 0x66 ? hf.false : hf.null;
      label = c === 0x74 ? 'True value' : c === 0x66 ? 'False value' : 'Null value';
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      while (this.o < this.stop && /[-+.eE0-9]/.test(String.fromCharCode(d[this.o]))) this.o++;
      shown = utf8.decode(d.subarray(from, this.o));
      v = shown;
      id = hf.number;
      label = `Number value: ${shown}`;
    } else throw new JsonError();
    if (member) {
      p.add(hf.pathWithValue, from, this.o - from, `${path}:${shown}`, GENERATED);
      p.add(hf.memberWithValue, from, this.o - from, `${member.key}:${shown}`, GENERATED);
    }
    p.add(id, from, this.o - from, v, 0, label);
  }

  private members(path: string): void {
    const p = this.p;
    const d = p.data;
    this.ws();
    if (d[this.o] === 0x7d) {
      this.o++;
      return;
    }
    for (;;) {
      this.ws();
      if (d[this.o] !== 0x22) throw new JsonError();
      const at = this.o;
      const key = this.string();
      const keyEnd = this.o;
      this.ws();
      if (d[this.o] !== 0x3a) throw new JsonError();
      this.o++;
      const memberPath = `${path}/${key}`;
      p.open(hf.member, at, 0, null, 0, `Member: ${key}`);
      try {
        this.value(memberPath, { key, at });
        p.add(hf.key, at + 1, keyEnd - at - 2, key);
        p.add(hf.path, at, 0, memberPath, GENERATED);
      } finally {
        p.close(this.o - at);
      }
      this.ws();
      const c = d[this.o++];
      if (c === 0x7d) return;
      if (c !== 0x2c) throw new JsonError();
    }
  }

  private elements(path: string): void {
    const d = this.p.data;
    this.ws();
    if (d[this.o] === 0x5d) {
      this.o++;
      return;
    }
    for (;;) {
      this.value(`${path}/[]`, null);
      this.ws();
      const c = d[this.o++];
      if (c === 0x5d) return;
      if (c !== 0x2c) throw new JsonError();
    }
  }

  /** A string at the current offset (the opening quote), unescaped. */
  private string(): string {
    const d = this.p.data;
    const start = ++this.o;
    let plain = true;
    while (this.o < this.stop && d[this.o] !== 0x22) {
      if (d[this.o] === 0x5c) {
        plain = false;
        this.o++;
      }
      this.o++;
    }
    if (this.o >= this.stop) throw new JsonError();
    const raw = utf8.decode(d.subarray(start, this.o));
    this.o++;
    if (plain) return raw;
    try {
      return JSON.parse(`"${raw}"`) as string;
    } catch {
      return raw;
    }
  }
}

export function dissectJson(p: Packet, off: number, end: number): boolean {
  const stop = Math.min(end, p.data.length);
  p.addLayer('json');
  p.setProtocol(p.protocol ? `${p.protocol}/JSON` : 'JSON');
  const type = currentMedia.type;
  if (p.cols) p.appendInfoSep(', ', `JavaScript Object Notation${type ? ` (${type})` : ''}`);
  if (p.sink.active) {
    p.open(hf.proto, off, stop - off, null, 0, `JavaScript Object Notation${type ? `: ${type}` : ''}`);
    const depth = p.openDepth;
    let failed = false;
    try {
      new JsonTree(p, off, stop).value('', null);
    } catch (e) {
      if (!(e instanceof JsonError)) throw e;
      failed = true;
    } finally {
      p.unwind(depth);
    }
    p.close();
    // Text that is not JSON after all is shown as lines, as Wireshark falls back to (Info stays as it is).
    if (failed) {
      const cols = p.cols;
      p.cols = null;
      try {
        dissectTextLines(p, off, end);
      } finally {
        p.cols = cols;
      }
    }
  }
  return true;
}

for (const t of [
  'application/json',
  'application/json-rpc',
  'application/jsonrequest',
  'application/dds-web+json',
  'application/vnd.oma.lwm2m+json',
  'application/x-ndjson',
  'application/problem+json',
]) {
  mediaTypes.set(t, dissectJson);
  mediaProtocols.add(t, 'JSON');
}
