// Exports of the sequence diagram (issue 6): a standalone SVG picture laid out like the screen (layout.ts), a PNG
// drawn from that SVG, and Mermaid `sequenceDiagram` text for lab reports and Markdown. Pure string builders (the
// PNG and the downloads aside, which need a browser). Packet text is hostile input: every text is escaped for its
// target (XML; Mermaid's entity codes), and the size of an export is capped so that the page never hangs on it.
/// <reference lib="dom" />
import type { SequenceDiagram } from '../engine/types';
import { stringAt } from '../../../workers/flows/packed-strings';
import {
  BRACKET_TRACK_PX,
  COMMENT_PX,
  HEADER_PX,
  LINE_AT,
  MIN_LANE_PX,
  PHASE_COLOURS,
  ROW_PX,
  TIME_PX,
  fitText,
  formatTime,
  phaseTracks,
  protocolColour,
  rowTop,
  stateMarks,
} from './layout';

/** Most arrows an SVG or PNG export draws (about 8 MB of SVG). */
export const MAX_SVG_ARROWS = 20_000;
/** Most arrows a Mermaid export writes (Mermaid itself grows slow far below a million messages). */
export const MAX_MERMAID_ARROWS = 5_000;
/** Canvas limits that every current browser honours: a side, and the area. */
export const MAX_CANVAS_SIDE = 16_384;
export const MAX_CANVAS_PIXELS = 120_000_000;
/** Bracket tracks side by side at most (as on the screen); more overlapping brackets share the last one. */
const MAX_TRACKS = 8;
/** The title band above the lane names, when the picture has a title. */
const TITLE_PX = 28;
/** Space below the last row. */
const BOTTOM_PX = 8;

// ---------------------------------------------------------------------------------------------------------------
// Escaping

/**
 * What escapeXml replaces: markup characters, the line breaks and tabs an attribute value would turn into spaces, the
 * characters XML 1.0 forbids even as references (C0 controls, U+FFFE, U+FFFF) and unpaired surrogates.
 */
const XML_SPECIAL =
  // eslint-disable-next-line no-control-regex
  /[&<>"'\t\n\r]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** A control character as its visible Unicode picture (U+2400…), so that hostile bytes stay visible and legal. */
function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

/** Text for XML content or a double-quoted attribute: &, <, >, ", ' escaped, control characters made visible. */
export function escapeXml(text: string): string {
  return text.replace(XML_SPECIAL, (c) => XML_ENTITIES[c] ?? controlPicture(c));
}

/**
 * Text for one Mermaid line. Mermaid ends a message at `;` and `#`, and a line at a line break; `%%{…}%%` anywhere is
 * a directive; `<br>` and other tags are HTML to it. Such characters become Mermaid's entity codes (`#59;`, `#35;`,
 * `#lt;`…, which it decodes after parsing), control characters a space.
 */
// eslint-disable-next-line no-control-regex
const MERMAID_SPECIAL = /[#;&<>]|%(?=%)|(?<=%)%|[\u0000-\u001f\u007f]/g;
const MERMAID_ENTITIES: Record<string, string> = {
  '#': '#35;',
  ';': '#59;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '%': '#37;',
};

export function escapeMermaid(text: string): string {
  let s = text.replace(MERMAID_SPECIAL, (c) => MERMAID_ENTITIES[c] ?? ' ').trim();
  // "wrap:" / "nowrap:" at the start is a directive to Mermaid, not text.
  if (/^:?(?:no)?wrap:/i.test(s)) s = `#${s.charCodeAt(0)};${s.slice(1)}`;
  // Mermaid's entity pre-pass drops the last ";" of a line matching /style.*:\S*#.*;/ (or classDef): spell the
  // keyword's first letter as an entity code so that no line does.
  if (/(?:style|classDef).*:\S*#.*;/.test(s)) s = s.replace(/style/g, '#115;tyle').replace(/classDef/g, '#99;lassDef');
  return s;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

/** The arrows [first, last] clamped to the diagram; throws when more than `max`. */
function arrowRange(d: SequenceDiagram, first: number, last: number, max: number, what: string): [number, number] {
  const a = Math.max(0, Math.floor(first));
  const b = Math.min(d.count - 1, Math.floor(last));
  const n = b - a + 1;
  if (n > max)
    throw new Error(
      `Too many arrows to export as ${what}: ${n.toLocaleString('en-US')}, and the limit is ${max.toLocaleString('en-US')}. ` +
        'Export the visible part instead, or narrow the display filter or the conversation.',
    );
  return [a, b];
}

/** stringAt with each distinct text decoded once per export. */
function textsOf(d: SequenceDiagram): (i: number) => string {
  const cache = new Map<number, string>();
  return (i) => {
    let s = cache.get(i);
    if (s === undefined) {
      s = stringAt(d.strings, i);
      cache.set(i, s);
    }
    return s;
  };
}

/** The phases that overlap arrows [first, last], in phase order (one pass: an export is rare and bounded). */
function phasesOverlapping(d: SequenceDiagram, first: number, last: number): number[] {
  const out: number[] = [];
  if (last < first) return out;
  const ph = d.phases;
  for (let i = 0; i < ph.count && ph.first[i] <= last; i++) if (ph.last[i] >= first) out.push(i);
  return out;
}

/** A number for an SVG attribute: at most one decimal. */
function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

// ---------------------------------------------------------------------------------------------------------------
// SVG

export interface SvgOptions {
  /** Arrows first..last (indices, inclusive). */
  first: number;
  last: number;
  /** Width of one lane (as on the screen). */
  lanePx: number;
  /** Only these lanes (indices, inclusive); arrows to other lanes are drawn to the edge of the lanes. */
  lanes?: [number, number];
  /** A title above the picture. */
  title?: string;
  /** Dark colours. */
  dark?: boolean;
}

const LIGHT = { bg: '#ffffff', fg: '#1b1f24', panel: '#f6f8fa', line: '#d0d7de', muted: '#57606a' };
const DARK = { bg: '#0d1117', fg: '#e6edf3', panel: '#161b22', line: '#30363d', muted: '#8b949e' };

/**
 * The arrows first..last as a standalone SVG document, laid out like the screen at zoom 1: the title, lane names and
 * lane lines, the time column, phase brackets with their labels, one row per arrow (its line and arrowhead in the
 * protocol's colour, its label above, the TCP states where they change below each end) and the comment column. Each
 * arrow is a `<g data-frame="N">` with its full description in a `<title>`.
 */
export function sequenceToSvg(d: SequenceDiagram, opts: SvgOptions): string {
  const [first, last] = arrowRange(d, opts.first, opts.last, MAX_SVG_ARROWS, 'SVG or PNG');
  const rows = Math.max(0, last - first + 1);
  const lanePx = Math.max(1, opts.lanePx);
  const text = textsOf(d);
  const c = opts.dark ? DARK : LIGHT;

  // Lanes drawn.
  const laneCount = d.endpoints.length;
  const j0 = Math.max(0, Math.floor(opts.lanes?.[0] ?? 0));
  const j1 = Math.min(laneCount - 1, Math.floor(opts.lanes?.[1] ?? laneCount - 1));
  const lanesShown = Math.max(0, j1 - j0 + 1);

  // Phases in range, and the bracket tracks they use.
  const phases = phasesOverlapping(d, first, last);
  const { track } = phases.length ? phaseTracks(d) : { track: new Uint8Array(0) };
  let tracks = 1;
  for (const i of phases) tracks = Math.max(tracks, Math.min(track[i], MAX_TRACKS - 1) + 1);

  // Geometry (layout.ts at zoom 1).
  const titlePx = opts.title ? TITLE_PX : 0;
  const left = TIME_PX + tracks * BRACKET_TRACK_PX + 8;
  const right = left + lanesShown * lanePx;
  const width = right + COMMENT_PX;
  const top = titlePx + HEADER_PX;
  const bottom = top + rows * ROW_PX;
  const height = bottom + BOTTOM_PX;
  const laneX = (j: number) => left + (j - j0 + 0.5) * lanePx;
  const inLanes = (j: number) => j >= j0 && j <= j1;
  const clampX = (x: number) => Math.max(left, Math.min(right, x));

  // One class per protocol colour (stroke and arrowhead marker), one per phase kind.
  const colourIds = new Map<string, number>();
  const arrowClass = new Uint16Array(rows);
  for (let r = 0; r < rows; r++) {
    const colour = protocolColour(text(d.protocol[first + r]));
    let id = colourIds.get(colour);
    if (id === undefined) colourIds.set(colour, (id = colourIds.size));
    arrowClass[r] = id;
  }
  const kindColour = (kind: number) => PHASE_COLOURS[d.phaseKinds[kind]] ?? c.muted;

  const out: string[] = [];
  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}">\n`,
    `<title>${escapeXml(opts.title || 'Sequence diagram')}</title>\n`,
    '<style>\n',
    `svg{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:11px}\n`,
    `.bg{fill:${c.bg}}.hd,.col{fill:${c.panel}}.cmc{fill:${c.panel};stroke:${c.line}}\n`,
    `.tt{fill:${c.fg};font-size:13px;font-weight:600}\n`,
    `.ht,.t{fill:${c.muted};text-anchor:end;font-variant-numeric:tabular-nums}.ht.cmh{text-anchor:start}\n`,
    `.ln{fill:${c.fg};font-weight:600;text-anchor:middle}\n`,
    `.lane{stroke:${c.line};stroke-dasharray:4 3}\n`,
    `.l{stroke-width:1.5;fill:none}.a .l.o{marker-end:none}\n`,
    `.lb{fill:${c.fg};text-anchor:middle}\n`,
    `.s{font-size:9px;fill:${c.muted};text-anchor:middle;paint-order:stroke;stroke:${c.bg};stroke-width:3px;letter-spacing:.02em}\n`,
    `.cm{fill:${c.fg}}\n`,
    `.b{fill:none;stroke-width:2}.pt{font-size:10px;font-style:italic}\n`,
  );
  for (const [colour, id] of colourIds) out.push(`.c${id} .l{stroke:${colour};marker-end:url(#m${id})}\n`);
  for (let k = 0; k < d.phaseKinds.length; k++)
    out.push(`.bk${k}{stroke:${kindColour(k)}}.tk${k}{fill:${kindColour(k)}}\n`);
  out.push('</style>\n<defs>\n');
  for (const [colour, id] of colourIds)
    out.push(
      `<marker id="m${id}" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L8 4L0 8z" fill="${colour}"/></marker>\n`,
    );
  out.push('</defs>\n');

  // Background, columns, lane lines.
  out.push(
    `<rect class="bg" width="${n(width)}" height="${n(height)}"/>\n`,
    `<rect class="col" x="0" y="${top}" width="${n(left)}" height="${rows * ROW_PX}"/>\n`,
    `<rect class="cmc" x="${n(right)}" y="${top}" width="${COMMENT_PX}" height="${rows * ROW_PX}"/>\n`,
  );
  for (let j = j0; j <= j1; j++)
    out.push(`<line class="lane" x1="${n(laneX(j))}" x2="${n(laneX(j))}" y1="${top}" y2="${bottom}"/>\n`);

  // Rows.
  const marks = stateMarks(d);
  for (let r = 0; r < rows; r++) {
    const k = first + r;
    const y = top + rowTop(r) + LINE_AT;
    const from = d.from[k];
    const to = d.to[k];
    const protocol = text(d.protocol[k]);
    const label = text(d.label[k]);
    const comment = text(d.comment[k]);
    const time = formatTime(d.time[k]);
    const shownComment = fitText(comment, COMMENT_PX - 16);
    let description = `Frame ${d.frame[k]}, ${time} s: ${d.endpoints[from]} → ${d.endpoints[to]}, ${protocol}: ${label}`;
    if (shownComment !== comment) description += `\n${comment}`;
    out.push(
      `<g class="a c${arrowClass[r]}" data-frame="${d.frame[k]}"><title>${escapeXml(description)}</title>`,
      `<text class="t" x="${TIME_PX - 6}" y="${n(y + 4)}">${time}</text>`,
    );
    const x1 = laneX(from);
    const x2 = laneX(to);
    const c1 = clampX(x1);
    const c2 = clampX(x2);
    if (from === to) {
      if (inLanes(from)) out.push(`<path class="l" d="M${n(x1)} ${n(y - 6)}h18v12h-18"/>`);
    } else if (c1 !== c2) {
      out.push(`<line class="l${inLanes(to) ? '' : ' o'}" x1="${n(c1)}" y1="${n(y)}" x2="${n(c2)}" y2="${n(y)}"/>`);
    }
    const shown = fitText(label, Math.max(Math.abs(c2 - c1) - 12, 2 * MIN_LANE_PX * 0.4));
    if (shown && (from === to ? inLanes(from) : c1 !== c2))
      out.push(`<text class="lb" x="${n((c1 + c2) / 2)}" y="${n(y - 5)}">${escapeXml(shown)}</text>`);
    const m = marks[k];
    if (m & 1 && inLanes(from))
      out.push(`<text class="s" x="${n(x1)}" y="${n(y + 12)}">${escapeXml(d.stateNames[d.fromState[k]] ?? '')}</text>`);
    if (m & 2 && inLanes(to) && to !== from)
      out.push(`<text class="s" x="${n(x2)}" y="${n(y + 12)}">${escapeXml(d.stateNames[d.toState[k]] ?? '')}</text>`);
    if (shownComment)
      out.push(`<text class="cm" x="${n(right + 8)}" y="${n(y + 4)}">${escapeXml(shownComment)}</text>`);
    out.push('</g>\n');
  }

  // Phase brackets, clipped to the rows: an open end (no tick) where the phase goes on beyond them.
  for (const i of phases) {
    const kind = d.phases.kind[i];
    const pf = d.phases.first[i];
    const pl = d.phases.last[i];
    const a = Math.max(pf, first);
    const b = Math.min(pl, last);
    const x = TIME_PX + 4 + Math.min(track[i], MAX_TRACKS - 1) * BRACKET_TRACK_PX;
    const y1 = top + rowTop(a - first) + 3;
    const y2 = top + rowTop(b - first + 1) - 3;
    const label = text(d.phases.label[i]);
    const path = `${pf >= first ? `M${n(x + 6)} ${n(y1)}H${n(x)}` : `M${n(x)} ${n(y1 - 3)}`}V${n(pl <= last ? y2 : y2 + 3)}${pl <= last ? `H${n(x + 6)}` : ''}`;
    const kindName = d.phaseKinds[kind] ?? '';
    out.push(
      `<path class="b bk${kind}" data-phase="${escapeXml(kindName)}" data-first-frame="${d.frame[pf]}" data-last-frame="${d.frame[pl]}" d="${path}">`,
      `<title>${escapeXml(`${label} (frames ${d.frame[pf]}–${d.frame[pl]})`)}</title></path>\n`,
    );
    const shown = fitText(label, lanesShown ? lanePx * 0.5 - 8 : 0);
    if (shown)
      out.push(
        `<text class="pt tk${kind}" x="${n(left + 4)}" y="${n(top + rowTop(a - first) + 10)}">${escapeXml(shown)}</text>\n`,
      );
  }

  // Header on top: title, column heads, lane names.
  if (titlePx) out.push(`<text class="tt" x="8" y="19">${escapeXml(fitText(opts.title ?? '', width - 16))}</text>\n`);
  out.push(
    `<rect class="hd" x="0" y="${titlePx}" width="${n(width)}" height="${HEADER_PX}"/>\n`,
    `<text class="ht" x="${TIME_PX - 6}" y="${top - 12}">Time</text>\n`,
  );
  for (let j = j0; j <= j1; j++) {
    const name = d.endpoints[j];
    out.push(
      `<text class="ln" x="${n(laneX(j))}" y="${top - 12}">${escapeXml(fitText(name, lanePx - 8))}<title>${escapeXml(name)}</title></text>\n`,
    );
  }
  out.push(`<text class="ht cmh" x="${n(right + 8)}" y="${top - 12}">Comment</text>\n`, '</svg>\n');
  return out.join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Mermaid

export interface MermaidOptions {
  /** Arrows first..last (indices, inclusive). */
  first: number;
  last: number;
  /** The diagram's title (Mermaid's `title`). */
  title?: string;
}

/** A phase colour (#rrggbb) as a light translucent fill for a Mermaid rect. */
function rectFill(hex: string): string {
  const v = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!v) return 'rgba(128, 128, 128, 0.12)';
  return `rgba(${parseInt(v[1], 16)}, ${parseInt(v[2], 16)}, ${parseInt(v[3], 16)}, 0.12)`;
}

/**
 * The arrows first..last as Mermaid `sequenceDiagram` text: a participant `P<lane>` per lane the arrows use (named
 * by its endpoint), one message per arrow (`->>`; `-x` for a TCP reset, `-)` for an arrow outside TCP, such as UDP),
 * and each phase as a `rect` block with a `Note` naming it — or, when it overlaps another phase without nesting in it
 * (interleaved connections), as a `Note` before its first arrow that names its frames.
 */
export function sequenceToMermaid(d: SequenceDiagram, opts: MermaidOptions): string {
  const [first, last] = arrowRange(d, opts.first, opts.last, MAX_MERMAID_ARROWS, 'Mermaid');
  const text = textsOf(d);
  const out: string[] = ['sequenceDiagram'];
  if (opts.title) {
    const title = escapeMermaid(opts.title);
    if (title) out.push(`    title ${title}`);
  }

  // Participants: the lanes the arrows use, in lane order.
  const used = new Uint8Array(d.endpoints.length);
  for (let k = first; k <= last; k++) used[d.from[k]] = used[d.to[k]] = 1;
  for (let j = 0; j < used.length; j++)
    if (used[j]) out.push(`    participant P${j} as ${escapeMermaid(d.endpoints[j]) || `lane ${j}`}`);

  // Phases clipped to the range, longest first among those that start together (so that nesting is seen).
  const clipped = phasesOverlapping(d, first, last).map((i) => ({
    i,
    a: Math.max(d.phases.first[i], first),
    b: Math.min(d.phases.last[i], last),
  }));
  clipped.sort((x, y) => x.a - y.a || y.b - x.b || x.i - y.i);

  /** "Note over Pa,Pb: text" over the lanes of the phase's arrows. */
  const note = (i: number, a: number, b: number, body: string): string => {
    const stream = d.phases.stream[i];
    let lo = Infinity;
    let hi = -1;
    for (let pass = 0; pass < 2 && hi < 0; pass++)
      for (let k = a; k <= b; k++) {
        if (pass === 0 && d.stream[k] !== stream) continue;
        lo = Math.min(lo, d.from[k], d.to[k]);
        hi = Math.max(hi, d.from[k], d.to[k]);
      }
    const over = lo === hi ? `P${lo}` : `P${lo},P${hi}`;
    return `Note over ${over}: ${escapeMermaid(body) || 'phase'}`;
  };

  const open: number[] = []; // last arrows of the open rect blocks, innermost last
  const indent = () => '    '.repeat(open.length + 1);
  let next = 0;
  for (let k = first; k <= last; k++) {
    while (open.length && open[open.length - 1] < k) {
      open.pop();
      out.push(`${indent()}end`);
    }
    for (; next < clipped.length && clipped[next].a === k; next++) {
      const { i, a, b } = clipped[next];
      const kind = d.phases.kind[i];
      const label = text(d.phases.label[i]);
      if (open.length === 0 || b <= open[open.length - 1]) {
        out.push(`${indent()}rect ${rectFill(PHASE_COLOURS[d.phaseKinds[kind]] ?? '')}`);
        open.push(b);
        out.push(`${indent()}${note(i, a, b, label)}`);
      } else {
        const ff = d.frame[d.phases.first[i]];
        const lf = d.frame[d.phases.last[i]];
        out.push(`${indent()}${note(i, a, b, `${label} (frames ${ff}–${lf})`)}`);
      }
    }
    const from = d.from[k];
    const to = d.to[k];
    const label = text(d.label[k]);
    const arrow = d.fromState[k] === 255 ? '-)' : /^(?:[A-Z]+, )*RST\b/.test(label) ? '-x' : '->>';
    const message = escapeMermaid(label) || escapeMermaid(text(d.protocol[k])) || `frame ${d.frame[k]}`;
    out.push(`${indent()}P${from}${arrow}P${to}: ${message}`);
  }
  while (open.length) {
    open.pop();
    out.push(`${indent()}end`);
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// PNG and downloads (browser only)

/**
 * The scale at which a width × height picture fits a canvas: `scale`, or less (down to 1) when that is too large;
 * throws when even scale 1 is too large.
 */
export function pngScale(width: number, height: number, scale = 2): number {
  const fits = (s: number) =>
    Math.ceil(width * s) <= MAX_CANVAS_SIDE &&
    Math.ceil(height * s) <= MAX_CANVAS_SIDE &&
    Math.ceil(width * s) * Math.ceil(height * s) <= MAX_CANVAS_PIXELS;
  const want = Math.max(1, scale);
  if (fits(want)) return want;
  const most = Math.min(
    MAX_CANVAS_SIDE / width,
    MAX_CANVAS_SIDE / height,
    Math.sqrt(MAX_CANVAS_PIXELS / (width * height)),
  );
  if (most >= 1 && fits(Math.floor(most * 100) / 100)) return Math.floor(most * 100) / 100;
  throw new Error(
    `The picture is too large for a PNG: ${Math.round(width)} × ${Math.round(height)} pixels, and a browser canvas ` +
      `holds at most ${MAX_CANVAS_SIDE.toLocaleString('en-US')} pixels a side. Export the visible part instead, or ` +
      'export SVG.',
  );
}

/**
 * The SVG drawn into a canvas at `scale` (less when the canvas would be too large; see pngScale) and encoded as PNG.
 * The SVG goes through an Image from a Blob URL, which is revoked afterwards.
 */
export async function svgToPng(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const s = pngScale(width, height, scale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The browser could not draw the SVG picture for the PNG.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * s);
    canvas.height = Math.ceil(height * s);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('The browser has no canvas for the PNG (it may be too large); export the visible part.');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) =>
          blob
            ? resolve(blob)
            : reject(new Error('The browser could not encode the PNG (it may be too large); export the visible part.')),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** How long an object URL given to a download lives (the download must have started by then). */
const REVOKE_AFTER_MS = 10_000;

/** Save a blob as a file: an anchor with a download attribute, clicked; its object URL revoked afterwards. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Save text as a file of the given type (UTF-8). */
export function downloadText(name: string, mime: string, text: string): void {
  downloadBlob(name, new Blob([text], { type: `${mime};charset=utf-8` }));
}
