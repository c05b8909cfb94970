// Display filters against tshark 4.0, through the real engine (both passes) and filterPackets:
//  - testdata/expectations.tsv: valid filters over the test captures and the frames `tshark -n -2 -Y` shows;
//  - testdata/invalid.tsv: filters tshark rejects, its message and the part it underlines;
//  - Wireshark's default colouring rules compiled from their filter text, against the rule tshark names per frame.
//  - testdata/bpf.tsv: capture filters, and the frames libpcap's compiled program selects (scripts/golden-bpf.mjs),
//    against the display filter the filter bar translates them to.
// scripts/golden-filters.sh makes expectations.tsv and invalid.tsv (it needs tshark; these tests do not).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import { DEFAULT_RULES } from '../dissect/coloring';
import { Engine } from '../engine';
import { filterPackets } from './apply';
import type { CompiledFilter } from './compile';
import { compileFilter } from './compile';
import { FirstPassFacts } from './fastpath';
import { compileFilterBar } from './index';
import { FilterSink } from './sink';
import { exportValue } from '../dissect/format';
import { allFields, fieldById } from '../dissect/registry';
import type { FieldValue } from '../dissect/sinks';

const CAPTURES = join(import.meta.dirname, '..', 'testdata');
const GOLDEN = join(import.meta.dirname, 'testdata');

const rows = (file: string) =>
  readFileSync(join(GOLDEN, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));

const engines = new Map<string, Promise<Engine>>();
function engineFor(capture: string): Promise<Engine> {
  let e = engines.get(capture);
  if (!e) {
    e = (async () => {
      const engine = new Engine();
      await engine.open(bytesSource(new Uint8Array(readFileSync(join(CAPTURES, capture))), capture));
      return engine;
    })();
    engines.set(capture, e);
  }
  return e;
}

const valid = rows('expectations.tsv').map(([capture, filter, frames]) => ({ capture, filter, frames: frames ?? '' }));

describe('display filters match tshark 4.0', () => {
  it('has enough filters', () => {
    expect(valid.length).toBeGreaterThanOrEqual(70);
  });

  it.each(valid)('$capture: $filter', async ({ capture, filter, frames }) => {
    const r = compileFilter(filter);
    expect(r.ok ? '' : r.error.message).toBe('');
    if (!r.ok) return;
    const engine = await engineFor(capture);
    const fast = await filterPackets(engine, r.filter);
    expect(Array.from(fast, (i) => i + 1).join(' ')).toBe(frames);
    // The same without deciding anything from the first pass's columns: every packet dissected.
    const slow = await filterPackets(engine, r.filter, { fastPath: false });
    expect(Array.from(slow, (i) => i + 1).join(' ')).toBe(frames);
  });
});

/**
 * Capture filters where the translation selects other frames than libpcap, on purpose: libpcap's "icmp6" (as
 * dumpcap compiles it) only looks at the IPv6 header's own Next Header, so ICMPv6 behind a Hop-by-Hop Options header
 * (MLD reports) is not seen; the display filter "icmpv6" sees it.
 */
const BPF_DIFFERENCES: Record<string, string> = {
  'tcpdump-icmpv6.pcap\ticmp6': '1 2 3 4 5',
};

const captureFilters = rows('bpf.tsv').map(([capture, filter, frames]) => ({ capture, filter, frames: frames ?? '' }));

describe('capture filters select what libpcap selects', () => {
  it('has enough filters', () => {
    expect(captureFilters.length).toBeGreaterThanOrEqual(40);
  });

  it.each(captureFilters)('$capture: $filter', async ({ capture, filter, frames }) => {
    const r = compileFilterBar(filter);
    expect(r.ok ? '' : r.error.message).toBe('');
    if (!r.ok) return;
    const engine = await engineFor(capture);
    const got = await filterPackets(engine, r.filter);
    expect(Array.from(got, (i) => i + 1).join(' ')).toBe(BPF_DIFFERENCES[`${capture}\t${filter}`] ?? frames);
  });
});

/** Every capture of workers/testdata the engine opens. */
const allCaptures = readdirSync(CAPTURES)
  .filter((f) => /\.(pcap|pcapng)(\.gz|\.zst)?$/.test(f))
  .sort();

describe("what the first pass knows agrees with the packets' dissection", () => {
  // Every field: protocols (present or not), the columns' fields, and the fields of protocols a packet does not hold.
  const ids = allFields().map((d) => d.id);

  it.each(allCaptures)('%s', async (capture) => {
    const engine = await engineFor(capture);
    const facts = new FirstPassFacts(engine);
    const sink = new FilterSink(ids);
    const wrong: string[] = [];
    let decided = 0;
    await engine.dissectRange(0, engine.count, sink, (p) => {
      const known = facts.at(p.index);
      for (const id of ids) {
        const k = known(id);
        if (k === undefined) continue;
        decided++;
        const v = sink.values(id);
        const def = fieldById(id);
        // Values as tshark prints them; a protocol is present or not.
        const show = (x: readonly FieldValue[]) =>
          def.type === 'protocol' ? (x.length ? 'present' : 'absent') : x.map((y) => exportValue(def, y)).join(',');
        if (show(k) !== show(v)) {
          wrong.push(`frame ${p.frameNumber} ${def.abbrev}: first pass ${show(k)}, dissection ${show(v)}`);
        }
      }
      sink.clear();
    });
    expect(wrong.slice(0, 10)).toEqual([]);
    if (engine.count > 0) expect(decided).toBeGreaterThan(0);
  });
});

/**
 * Where our message or the part we point at differs from tshark's: [our message, start, length]. Our messages do not
 * say an integer's width ("Unsigned integer (2 bytes)"): the registry does not record it.
 */
const OURS: Record<string, [string, number, number]> = {
  'tcp.port contains 80': ['tcp.port (type=Unsigned integer) cannot participate in contains comparison.', 0, 8],
  'tcp.port matches "80"': ['tcp.port (type=Unsigned integer) cannot participate in matches comparison.', 0, 8],
  'tcp.port == "80"': ['Unsigned integer cannot be converted from a string ("80").', 12, 4],
  'tcp.flags & 0x02 == "a"': ['Unsigned integer cannot be converted from a string ("a").', 20, 3],
  'ip.ttl[0] == 1': ['"ip.ttl" is a Unsigned integer and cannot be sliced into a sequence of bytes.', 0, 6],
  'max(tcp.port, ip.src) == 1': [
    "Arguments to 'max' must have the same type (expected Unsigned integer, got IPv4 address)",
    14,
    6,
  ],
  'http.host + 1 == 1': ['http.host (Character string) cannot be used with "+".', 0, 9],
  // tshark underlines nothing at the end of the text; we point there.
  'tcp and': ['Unexpected end of filter expression.', 7, 0],
  '(tcp': ['Unexpected end of filter expression.', 4, 0],
  '!': ['Unexpected end of filter expression.', 1, 0],
  'tcp.port ==': ['Unexpected end of filter expression.', 11, 0],
  'any tcp.port': ['Unexpected end of filter expression.', 12, 0],
  'count(frame.number[0]) == 1': ['Only fields can be used as parameter for count()', 6, 15],
  // tshark underlines the whole rest of the text.
  'frame[0:2 == 1': ['The right bracket was missing from a slice.', 14, 0],
  'http.host == "abc': ['The final quote was missing from a quoted string.', 13, 4],
  "frame.number == 'a": ['The final quote was missing from a character constant.', 16, 2],
};

const invalid = rows('invalid.tsv').map(([filter, message, start, length]) => ({
  filter,
  message,
  start: start === '' || start === undefined ? null : Number(start),
  length: length === '' || length === undefined ? null : Number(length),
}));

describe('invalid display filters are rejected as tshark rejects them', () => {
  it('has enough filters', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(20);
  });

  it.each(invalid)('$filter', ({ filter, message, start, length }) => {
    const r = compileFilter(filter);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got: [string, number, number] = [r.error.message, r.error.start, r.error.length];
    const want = OURS[filter] ?? [message, start, length];
    expect(got).toEqual(want);
  });
});

/** The colouring-rule goldens (X.color.tsv: frame number and rule name, by tshark 4.0). */
const colourGoldens = readdirSync(CAPTURES)
  .filter((f) => f.endsWith('.color.tsv'))
  .map((f) => f.replace(/\.color\.tsv$/, ''))
  .sort();

/** Known differences, from the dissectors rather than the filter (none at present). */
const KNOWN: Record<string, string[]> = {};

describe("Wireshark's colouring rules compiled from their text", () => {
  const rules = DEFAULT_RULES.map((rule) => {
    const r = compileFilter(rule.filter, { unknownAsAbsent: true });
    if (!r.ok) throw new Error(`${rule.name}: ${r.error.message}`);
    return { name: rule.name, filter: r.filter };
  });
  const all = (pick: (f: CompiledFilter) => readonly number[]) => rules.flatMap((r) => pick(r.filter));

  it.each(colourGoldens)('%s', async (capture) => {
    const expected = new Map(
      readFileSync(join(CAPTURES, `${capture}.color.tsv`), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t') as [string, string]),
    );
    const engine = await engineFor(capture);
    const sink = new FilterSink(
      all((f) => f.fields),
      all((f) => f.spans),
      all((f) => f.layered),
    );
    const mismatches: string[] = [];
    await engine.dissectRange(0, engine.count, sink, (p) => {
      const rule = rules.find((r) => r.filter.matches(sink.values, sink.layerOf));
      const want = expected.get(String(p.frameNumber)) ?? '';
      if ((rule?.name ?? '') !== want) mismatches.push(`frame ${p.frameNumber}: tshark ${want}, ours ${rule?.name}`);
      sink.clear();
    });
    expect(mismatches).toEqual(KNOWN[capture] ?? []);
  });
});
