// Helpers for unit tests: dissect real frames given as hex (with tshark's line beside them), or whole files,
// and read back the columns and field values. Test-only; not imported by the engine.
import { readFileSync } from 'node:fs';
import { bytesSource } from '../capture/source';
import { Engine } from '../engine';
import { brotliDecompressSync } from 'node:zlib';
import { codecs } from './codecs';
import { exportValue } from './format';
import type { Columns } from './packet';
import { Packet } from './packet';
import './protocols';
import { dissectFrame } from './protocols/frame';
import { allFields, fieldByName } from './registry';
import { FieldSink } from './sinks';
import { CaptureState } from './state';

// Node decodes brotli natively.
codecs.brotli = (data) => new Uint8Array(brotliDecompressSync(data));

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/#.*$/gm, '').replace(/[^0-9a-fA-F]/g, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export interface Dissected {
  cols: Columns;
  /** A field's values as tshark -T fields prints them, joined with ",". Undefined when absent. */
  field(name: string): string | undefined;
  /** Every occurrence of a field, as text. */
  fields(name: string): string[];
  layers: string;
  experts: string[];
}

function wrap(cols: Columns, sink: FieldSink, layers: string[], experts: string[]): Dissected {
  const values = new Map(sink.values);
  const fields = (name: string) => {
    const def = fieldByName(name);
    if (!def) throw new Error(`unknown field ${name}`);
    return (values.get(def.id) ?? []).map((v) => exportValue(def, v));
  };
  return {
    cols: { ...cols },
    fields,
    field: (name) => {
      const f = fields(name);
      return f.length ? f.join(',') : undefined;
    },
    layers: layers.join(':'),
    experts,
  };
}

/**
 * Dissect one frame on its own (no other packets: no conversation state from earlier frames).
 * `origLen` defaults to the captured length; `fcsLen` is what the interface says of FCS bytes (-1: unknown).
 */
export function dissectHex(hex: string | Uint8Array, linkType = 1, origLen?: number, fcsLen = -1): Dissected {
  const data = typeof hex === 'string' ? fromHex(hex) : hex;
  const p = new Packet();
  p.state = new CaptureState();
  p.state.interfaces = [
    {
      id: 0,
      section: 0,
      linkType,
      snaplen: 262144,
      tsUnitsPerSec: 1e6,
      tsDigits: 6,
      tsOffset: 0,
      fcsLen,
      comments: [],
    },
  ];
  p.state.refSec = 0;
  const cols: Columns = { protocol: '', info: '', src: '', dst: '' };
  const sink = new FieldSink(
    allFields().map((f) => f.id),
    allFields().length,
  );
  p.cols = cols;
  p.sink = sink;
  p.pass = 1;
  p.reset(0, data);
  p.capLen = data.length;
  p.origLen = origLen ?? data.length;
  p.linkType = linkType;
  p.tsSec = 0;
  p.tsNs = 0;
  dissectFrame(p);
  cols.protocol = p.protocol;
  return wrap(
    cols,
    sink,
    p.layers,
    p.experts.map((e) => e.message),
  );
}

/** Open a capture file from disk with the real engine (both passes) and return every packet dissected. */
export async function dissectFile(path: string): Promise<{ engine: Engine; packets: Dissected[] }> {
  const bytes = new Uint8Array(readFileSync(path));
  const engine = new Engine();
  await engine.open(bytesSource(bytes, path));
  const sink = new FieldSink(
    allFields().map((f) => f.id),
    allFields().length,
  );
  const packets: Dissected[] = [];
  await engine.dissectRange(0, engine.count, sink, (p, cols) => {
    packets.push(
      wrap(
        cols,
        sink,
        p.layers,
        p.experts.map((e) => e.message),
      ),
    );
    sink.clear();
  });
  return { engine, packets };
}

/** Golden rows from tshark: `F.cols.tsv` beside a shared capture, as arrays of cells keyed by frame number. */
export function readGolden(path: string): Map<number, string[]> {
  const rows = new Map<number, string[]>();
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    rows.set(Number(cells[0]), cells);
  }
  return rows;
}
