// The sequence diagram's exports on the real engine's diagram of the lab capture, and on hostile fake diagrams.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bytesSource } from '../../../workers/capture/source';
import '../../../workers/dissect/protocols';
import { Engine } from '../../../workers/engine';
import { StringPacker } from '../../../workers/flows/packed-strings';
import { PHASE_KINDS, TCP_STATES, sequenceOf } from '../../../workers/flows/sequence';
import type { SequenceDiagram } from '../engine/types';
import {
  MAX_CANVAS_SIDE,
  MAX_MERMAID_ARROWS,
  MAX_SVG_ARROWS,
  downloadText,
  escapeMermaid,
  escapeXml,
  pngScale,
  sequenceToMermaid,
  sequenceToSvg,
} from './export';
import { DEFAULT_LANE_PX } from './layout';

const capture = new URL('../../../workers/testdata/lab-null.pcapng', import.meta.url).pathname;

let engine: Engine;
let stream0: SequenceDiagram;
let allFlows: SequenceDiagram;

beforeAll(async () => {
  engine = new Engine();
  await engine.open(bytesSource(new Uint8Array(readFileSync(capture)), capture));
  const all = Uint32Array.from({ length: engine.count }, (_, i) => i);
  stream0 = await sequenceOf(engine, all, { stream: 0 });
  allFlows = await sequenceOf(engine, all);
});

/** A diagram made by hand: arrows [from, to, protocol, label, comment], TCP states on every arrow. */
function fake(
  endpoints: string[],
  arrows: [number, number, string, string, string][],
  phases: { kind: number; first: number; last: number; label: string }[] = [],
  tcp = true,
): SequenceDiagram {
  const p = new StringPacker();
  const count = arrows.length;
  const col = <T extends Uint32Array | Int32Array | Uint8Array | Float64Array>(a: T, f: (k: number) => number): T => {
    for (let k = 0; k < count; k++) a[k] = f(k);
    return a;
  };
  return {
    complete: true,
    conversation: '',
    endpoints,
    stateNames: TCP_STATES,
    phaseKinds: PHASE_KINDS,
    count,
    frame: col(new Uint32Array(count), (k) => k + 1),
    time: col(new Float64Array(count), (k) => k / 1000),
    from: col(new Uint32Array(count), (k) => arrows[k][0]),
    to: col(new Uint32Array(count), (k) => arrows[k][1]),
    stream: col(new Int32Array(count), () => 0),
    protocol: col(new Uint32Array(count), (k) => p.id(arrows[k][2])),
    label: col(new Uint32Array(count), (k) => p.id(arrows[k][3])),
    comment: col(new Uint32Array(count), (k) => p.id(arrows[k][4])),
    fromState: col(new Uint8Array(count), () => (tcp ? 4 : 255)),
    toState: col(new Uint8Array(count), () => (tcp ? 4 : 255)),
    phases: {
      count: phases.length,
      kind: Uint8Array.from(phases, (x) => x.kind),
      first: Uint32Array.from(phases, (x) => x.first),
      last: Uint32Array.from(phases, (x) => x.last),
      stream: new Int32Array(phases.length),
      label: Uint32Array.from(phases, (x) => p.id(x.label)),
    },
    strings: p.pack(),
  };
}

/** A diagram of `count` identical arrows (for the limits). */
function big(count: number): SequenceDiagram {
  const d = fake(['a', 'b'], [[0, 1, 'TCP', 'ACK', '']]);
  return {
    ...d,
    count,
    frame: new Uint32Array(count),
    time: new Float64Array(count),
    from: new Uint32Array(count),
    to: new Uint32Array(count).fill(1),
    stream: new Int32Array(count),
    protocol: new Uint32Array(count),
    label: new Uint32Array(count).fill(1),
    comment: new Uint32Array(count).fill(2),
    fromState: new Uint8Array(count).fill(4),
    toState: new Uint8Array(count).fill(4),
  };
}

// ---- a tiny XML well-formedness check (no dependencies)

const NAME = '[A-Za-z_][\\w.:-]*';
const ATTR = new RegExp(`\\s+(${NAME})="([^"<]*)"`, 'g');
const TOKEN = new RegExp(
  `<\\?xml[^?]*\\?>|<!--[\\s\\S]*?-->|<(/?)(${NAME})((?:\\s+${NAME}="[^"<]*")*)\\s*(/?)>|([^<]+)|<`,
  'g',
);
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Problems that make `xml` not well-formed: unbalanced tags, stray < or &, illegal characters, ]]> in text. */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const checkText = (s: string, where: string) => {
    if (s.replace(ENTITY, '').includes('&')) problems.push(`bare & in ${where}: ${s.slice(0, 60)}`);
    if (ILLEGAL.test(s)) problems.push(`illegal character in ${where}`);
  };
  for (const m of xml.matchAll(TOKEN)) {
    const [all, close, name, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (text.includes(']]>')) problems.push(']]> in text');
      checkText(text, 'text');
      if (!stack.length && text.trim()) problems.push(`text outside the root: ${text.slice(0, 40)}`);
      continue;
    }
    if (name === undefined) {
      if (all === '<') problems.push(`stray < at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
      continue;
    }
    const seen = new Set<string>();
    for (const a of attrs.matchAll(ATTR)) {
      if (seen.has(a[1])) problems.push(`attribute ${a[1]} twice on <${name}>`);
      seen.add(a[1]);
      checkText(a[2], `attribute ${a[1]}`);
    }
    if (close) {
      if (stack.pop() !== name) problems.push(`</${name}> closes the wrong element`);
    } else if (!selfClose) {
      if (!stack.length) roots++;
      stack.push(name);
    } else if (!stack.length) roots++;
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const dataFrames = (svg: string) => [...svg.matchAll(/<g [^>]*data-frame="(\d+)"/g)].map((m) => Number(m[1]));

describe('the XML check itself', () => {
  it('accepts a document and rejects broken ones', () => {
    expect(xmlProblems('<?xml version="1.0"?>\n<a x="1&amp;"><b/>t&lt;</a>\n')).toEqual([]);
    expect(xmlProblems('<a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<a>x < y</a>')).not.toEqual([]);
    expect(xmlProblems('<a>x & y</a>')).not.toEqual([]);
    expect(xmlProblems('<a x="<"></a>')).not.toEqual([]);
    expect(xmlProblems('<a>]]></a>')).not.toEqual([]);
    expect(xmlProblems('<a/><b/>')).not.toEqual([]);
  });
});

describe('sequenceToSvg', () => {
  it('draws the lab conversation like the screen: labels, one data-frame per arrow, phases, states', () => {
    const d = stream0;
    const svg = sequenceToSvg(d, { first: 0, last: d.count - 1, lanePx: DEFAULT_LANE_PX, title: 'Stream 0' });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
    for (const label of ['SYN Seq=0', 'SYN, ACK Seq=0 Ack=1', 'ACK Seq=1 Ack=1', 'FIN, ACK Seq=710355 Ack=1780'])
      expect(svg).toContain(`>${label}</text>`);
    for (const label of ['Three-way handshake', 'GET / → 200 OK', 'Four-way close']) expect(svg).toContain(label);
    expect(dataFrames(svg)).toEqual([...d.frame]);
    // Lanes, time column, comments, states where they change.
    expect(svg).toContain('>127.0.0.1:42960<title>127.0.0.1:42960</title></text>');
    expect(svg).toContain('>0.000016</text>');
    expect(svg).toContain('[SYN] Seq=0 Win=65495');
    for (const state of [
      'SYN-SENT',
      'SYN-RECEIVED',
      'ESTABLISHED',
      'FIN-WAIT-1',
      'CLOSE-WAIT',
      'LAST-ACK',
      'TIME-WAIT',
    ])
      expect(svg).toContain(`>${state}</text>`);
    expect(svg.match(/>ESTABLISHED<\/text>/g)?.length).toBe(2); // shown where it changes, not on every arrow
    // Brackets: one per phase, with their frames.
    expect(svg).toContain('data-phase="handshake" data-first-frame="1" data-last-frame="3"');
    expect(svg).toContain('data-phase="close" data-first-frame="147" data-last-frame="150"');
    // Size and viewBox agree with the layout: header + 34 px per arrow + the title band and a margin.
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)" viewBox="0 0 \1 \2"/.exec(svg) ?? [];
    expect(Number(h)).toBe(28 + 34 + d.count * 34 + 8);
    expect(Number(w)).toBe(92 + 12 + 8 + 2 * DEFAULT_LANE_PX + 380);
    // Colours by class: no per-arrow style attribute; one marker per protocol colour.
    expect(svg).not.toMatch(/style="/);
    expect(svg).toContain('font-family:system-ui');
    expect(svg.match(/<marker /g)?.length).toBe(2); // TCP and HTTP
    expect(svg.length).toBeLessThan(40_000);
  });

  it('exports a range and a lane range, clipping brackets to it', () => {
    const d = stream0;
    const svg = sequenceToSvg(d, { first: 1, last: 4, lanePx: 200 });
    expect(xmlProblems(svg)).toEqual([]);
    expect(dataFrames(svg)).toEqual([2, 3, 4, 5]);
    expect(svg).not.toContain('>SYN Seq=0<');
    // The handshake (arrows 0–2) is cut at the top: no top tick; the GET's exchange (3–5) is cut at the bottom.
    const hs = /<path class="b bk0"[^>]*d="([^"]+)"/.exec(svg)?.[1];
    expect(hs).toMatch(/^M\S+ \S+V\S+H\S+$/);
    const ex = /<path class="b bk1"[^>]*d="([^"]+)"/.exec(svg)?.[1];
    expect(ex).toMatch(/^M\S+ \S+H\S+V\S+$/);
    expect(svg).toContain('Three-way handshake');
    expect(svg).not.toContain('<title>'.concat('Four-way close'));
    // Only lane 1: lane 0's name is not drawn; arrows to it run to the edge without a head.
    const one = sequenceToSvg(d, { first: 0, last: 2, lanePx: 200, lanes: [1, 1] });
    expect(xmlProblems(one)).toEqual([]);
    expect(one).not.toContain('>127.0.0.1:42960<');
    expect(one).toContain('>127.0.0.1:8080<');
    expect(one).toContain('class="l o"');
    expect(dataFrames(one)).toEqual([1, 2, 3]);
    // An empty range is a picture of the header alone.
    expect(xmlProblems(sequenceToSvg(d, { first: 5, last: 4, lanePx: 200 }))).toEqual([]);
  });

  it('draws all flows with overlapping brackets side by side, in dark colours on request', () => {
    const d = allFlows;
    const svg = sequenceToSvg(d, { first: 0, last: d.count - 1, lanePx: 160, dark: true });
    expect(xmlProblems(svg)).toEqual([]);
    expect(dataFrames(svg)).toEqual([...d.frame]);
    expect(svg.match(/<path class="b /g)?.length).toBe(d.phases.count);
    expect(new Set([...svg.matchAll(/<path class="b [^>]*d="M([\d.]+)/g)].map((m) => m[1])).size).toBeGreaterThan(1);
    expect(svg).toContain('.bg{fill:#0d1117}');
  });

  it('keeps hostile packet text as text', () => {
    const evil = '<script>alert("x")</script> ]]> & \'q\' \u0001\u0007\n\ud800';
    const d = fake(
      ['<img src=x onerror=alert(1)>:80', ']]>&:1'],
      [
        [0, 1, 'HTTP', `GET /${evil} HTTP/1.1`, `Info ${evil}`],
        [1, 0, '"><svg onload=alert(2)>', 'HTTP/1.1 200 OK', ''],
      ],
      [{ kind: 1, first: 0, last: 1, label: `GET /${evil} → 200 OK` }],
    );
    const svg = sequenceToSvg(d, { first: 0, last: 1, lanePx: 400, title: `Title ${evil}` });
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg).not.toMatch(/<script|<img|<svg onload|onerror=alert\(1\)>|\]\]>/);
    expect(svg).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ]]&gt; &amp; &apos;q&apos; \u2401\u2407&#10;\ufffd',
    );
    expect(dataFrames(svg)).toEqual([1, 2]);
    expect(escapeXml('a\u0000b\u007fc\udc00d\uffff')).toBe('a\u2400b\u2421c\ufffdd\ufffd');
    expect(escapeXml('😀')).toBe('😀');
  });

  it('refuses more than the limit, quickly below it', () => {
    expect(() => sequenceToSvg(big(MAX_SVG_ARROWS + 1), { first: 0, last: MAX_SVG_ARROWS, lanePx: 200 })).toThrow(
      /20,001.*limit is 20,000.*visible part/,
    );
    const huge = big(1_000_000);
    const t0 = performance.now();
    const svg = sequenceToSvg(huge, { first: 500_000, last: 500_000 + MAX_SVG_ARROWS - 1, lanePx: 200 });
    const ms = performance.now() - t0;
    expect(dataFrames(svg).length).toBe(MAX_SVG_ARROWS);
    expect(ms).toBeLessThan(5_000);
    expect(() => sequenceToSvg(huge, { first: 0, last: huge.count - 1, lanePx: 200 })).toThrow(/1,000,000/);
  });
});

// ---- Mermaid

interface MermaidShape {
  participants: string[];
  messages: { from: string; to: string; text: string }[];
  phaseLines: number;
  other: string[];
}

/** The text split by the brief's shape rules; fails the test on anything that does not fit. */
function mermaidShape(text: string): MermaidShape {
  const lines = text.replace(/\n$/, '').split('\n');
  expect(lines[0]).toBe('sequenceDiagram');
  const shape: MermaidShape = { participants: [], messages: [], phaseLines: 0, other: [] };
  let depth = 0;
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = /^\s*participant (P\d+) as .+$/.exec(line))) shape.participants.push(m[1]);
    else if ((m = /^\s*(P\d+)-(?:>>|\)|x)(P\d+): (.+)$/.exec(line))) {
      expect(shape.participants).toContain(m[1]);
      expect(shape.participants).toContain(m[2]);
      shape.messages.push({ from: m[1], to: m[2], text: m[3] });
    } else if (/^\s*rect rgba\(\d+, \d+, \d+, [\d.]+\)$/.test(line)) {
      depth++;
      shape.phaseLines++;
    } else if (/^\s*end$/.test(line)) {
      depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
      shape.phaseLines++;
    } else if ((m = /^\s*Note over (P\d+)(?:,(P\d+))?: .+$/.exec(line))) {
      expect(shape.participants).toContain(m[1]);
      if (m[2]) expect(shape.participants).toContain(m[2]);
      shape.phaseLines++;
    } else shape.other.push(line);
  }
  expect(depth).toBe(0);
  // No raw ; or # in any text: only Mermaid's entity codes.
  for (const line of lines.slice(1)) {
    const body = line.replace(/#\w+;/g, '');
    expect(body, line).not.toMatch(/[;#]/);
    expect(line.replace(/^\s*P\d+-(?:>>|\)|x)P\d+: /, ''), line).not.toMatch(/[<>]|%%/);
  }
  return shape;
}

describe('sequenceToMermaid', () => {
  it('writes the handshake as a sequenceDiagram', () => {
    const text = sequenceToMermaid(stream0, { first: 0, last: 2 });
    expect(text).toBe(
      [
        'sequenceDiagram',
        '    participant P0 as 127.0.0.1:42960',
        '    participant P1 as 127.0.0.1:8080',
        '    rect rgba(9, 105, 218, 0.12)',
        '        Note over P0,P1: Three-way handshake',
        '        P0->>P1: SYN Seq=0',
        '        P1->>P0: SYN, ACK Seq=0 Ack=1',
        '        P0->>P1: ACK Seq=1 Ack=1',
        '    end',
        '',
      ].join('\n'),
    );
  });

  it('writes the whole lab conversation: participants, one message per arrow, phases as rect blocks', () => {
    const d = stream0;
    const text = sequenceToMermaid(d, { first: 0, last: d.count - 1, title: 'tcp.stream == 0' });
    const shape = mermaidShape(text);
    expect(shape.other).toEqual(['    title tcp.stream == 0']);
    expect(shape.participants).toEqual(['P0', 'P1']);
    expect(shape.messages.length).toBe(d.count);
    expect(shape.messages[1]).toEqual({ from: 'P1', to: 'P0', text: 'SYN, ACK Seq=0 Ack=1' });
    // Every phase of one conversation nests (they follow each other): rect, Note, end each.
    expect(shape.phaseLines).toBe(3 * d.phases.count);
    expect(text.split('\n').length - 1).toBe(2 + shape.participants.length + d.count + shape.phaseLines);
    expect(text).toContain('Note over P0,P1: GET / → 200 OK');
    expect(text).toContain('Note over P0,P1: Four-way close');
  });

  it('nests phases that nest and writes the others as notes with their frames', () => {
    const d = allFlows;
    const text = sequenceToMermaid(d, { first: 0, last: d.count - 1 });
    const shape = mermaidShape(text);
    expect(shape.participants).toEqual(['P0', 'P1', 'P2']);
    expect(shape.messages.length).toBe(d.count);
    expect(text.split('\n').length - 1).toBe(1 + shape.participants.length + d.count + shape.phaseLines);
    const rects = text.split('\n').filter((l) => /^\s*rect /.test(l)).length;
    const notes = text.split('\n').filter((l) => /Note over/.test(l)).length;
    expect(notes).toBe(d.phases.count);
    expect(rects).toBeGreaterThan(0);
    expect(rects).toBeLessThan(d.phases.count); // the image's exchange and the mp3's overlap without nesting
    expect(text).toMatch(/Note over P\d,P\d: GET \/intro\.mp3 → 206 Partial Content \(frames \d+–\d+\)/);
    // The second connection's handshake lies within the first's GET / exchange: a nested rect, indented deeper.
    expect(text).toMatch(/\n {8}rect rgba\(9, 105, 218, 0\.12\)\n {12}Note over P\d,P\d: Three-way handshake\n/);
  });

  it('escapes hostile text with entity codes and never breaks a line', () => {
    const evil = 'a;b#c <script>x</script> %%{init: {"theme":"dark"}}%% &amp;\nparticipant Z\r\u0000end';
    const d = fake(
      ['[::1]:443', `host;#<>\nparticipant X`],
      [
        [0, 1, 'HTTP', `GET /${evil}`, ''],
        [1, 0, 'TCP', 'RST, ACK Seq=1 Ack=1', ''],
        [1, 1, 'DNS', 'wrap: Standard query', ''],
        [0, 1, 'HTTP', 'GET /style.css?a=b:c;d', ''],
        [0, 1, 'HTTP', '', ''],
      ],
      [{ kind: 1, first: 0, last: 1, label: `GET /${evil} → 200 OK` }],
    );
    const text = sequenceToMermaid(d, { first: 0, last: 4, title: `T ${evil}` });
    const shape = mermaidShape(text);
    expect(shape.messages.length).toBe(5);
    expect(shape.participants).toEqual(['P0', 'P1']);
    expect(shape.other.length).toBe(1); // the title
    expect(text).toContain('participant P0 as [::1]:443');
    expect(text).toContain('participant P1 as host#59;#35;#lt;#gt; participant X');
    expect(shape.messages[0].text).toBe(
      'GET /a#59;b#35;c #lt;script#gt;x#lt;/script#gt; #37;#37;{init: {"theme":"dark"}}#37;#37; #amp;amp#59; participant Z  end',
    );
    expect(text).toContain('P1-xP0: RST, ACK Seq=1 Ack=1');
    expect(shape.messages[3].text).toBe('GET /#115;tyle.css?a=b:c#59;d');
    expect(shape.messages[4].text).toBe('HTTP');
    expect(escapeMermaid('wrap: x')).toBe('#119;rap: x');
    // Outside TCP the arrows are asynchronous.
    const udp = fake(['a:53', 'b:5353'], [[0, 1, 'DNS', 'Standard query', '']], [], false);
    expect(sequenceToMermaid(udp, { first: 0, last: 0 })).toContain('P0-)P1: Standard query');
  });

  it('refuses more than the limit', () => {
    expect(() => sequenceToMermaid(big(MAX_MERMAID_ARROWS + 1), { first: 0, last: MAX_MERMAID_ARROWS })).toThrow(
      /5,001.*limit is 5,000/,
    );
    const ok = sequenceToMermaid(big(1_000_000), { first: 10, last: 10 + MAX_MERMAID_ARROWS - 1 });
    expect(mermaidShape(ok).messages.length).toBe(MAX_MERMAID_ARROWS);
  });
});

describe('PNG and downloads', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('scales down to fit a canvas, and refuses what cannot fit', () => {
    expect(pngScale(1000, 2000)).toBe(2);
    expect(pngScale(1000, 10_000)).toBeCloseTo(1.63, 2);
    expect(pngScale(1000, 10_000, 1)).toBe(1);
    expect(() => pngScale(1000, MAX_CANVAS_SIDE + 1)).toThrow(/too large for a PNG.*visible part/);
    expect(() => pngScale(12_000, 12_000)).toThrow(/too large/);
  });

  it('downloads through an anchor and revokes the URL afterwards', () => {
    vi.useFakeTimers();
    const clicked: { href: string; download: string }[] = [];
    const anchor = {
      href: '',
      download: '',
      rel: '',
      style: {} as Record<string, string>,
      click() {
        clicked.push({ href: this.href, download: this.download });
      },
      remove: vi.fn(),
    };
    vi.stubGlobal('document', { createElement: () => anchor, body: { append: vi.fn() } });
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    downloadText('x.mmd', 'text/plain', 'sequenceDiagram\n');
    expect(clicked).toEqual([{ href: expect.stringMatching(/^blob:/) as string, download: 'x.mmd' }]);
    expect(anchor.remove).toHaveBeenCalled();
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith(clicked[0].href);
  });
});
