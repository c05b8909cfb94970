// The command-line twin: the same engine as the worker, in Node, with tshark's options.
//   npm run --silent cli -- -r FILE [-c N] [-Y FILTER] [-T fields -e FIELD … [-E header=y] [-E separator=/t]]
import { open, readFile, stat } from 'node:fs/promises';
import type { ByteSource } from './capture/source';
import { bytesSource, streamOf } from './capture/source';
import { problemLine } from './capture/problems';
import { Engine } from './engine';
import { brotliDecompressSync } from 'node:zlib';
import { codecs } from './dissect/codecs';
import { fieldsValue, formatTextLine } from './dissect/format';
import { fieldByName } from './dissect/registry';
import type { FieldDef } from './dissect/registry';
import { allFields } from './dissect/registry';
import { FieldSink, NULL_SINK } from './dissect/sinks';
import type { Sink } from './dissect/sinks';
import type { Columns, Packet } from './dissect/packet';
import { compileFilter, filterPackets } from './filter';
import type { CompiledFilter } from './filter';
import { prefs, setPreference } from './dissect/prefs';
import { TreeSink } from './dissect/tree';
import { hf as frameHf } from './dissect/protocols/frame';
import { collectDetail, formatVerbose, hexDumpSources } from './detail';

// Node decodes brotli natively.
codecs.brotli = (data) => new Uint8Array(brotliDecompressSync(data));

const USAGE = `Wirelens command line
usage: npm run --silent cli -- -r FILE [options]
  -r FILE              read this capture (pcap, pcapng, or a gzip/zstd of one)
  -c N                 stop after N packets
  -T text|fields       output format (default: text, one line per packet)
  -V                   print each packet's detail tree, as tshark -V does
  -x                   print each packet's bytes in hex and ASCII (every data source), as tshark -x does
  -e FIELD             a field to print with -T fields (repeatable): frame.number, _ws.col.Info, ip.src, …
  -E header=y|n        print the field names first
  -E separator=/t|/s|C field separator (tab, space or a character)
  -E occurrence=f|l|a  which occurrence of a repeated field to print (first, last, all)
  -E aggregator=,|/s|C separator between occurrences (default ,)
  -Y FILTER            print only the packets that match this display filter (Wireshark's language)
  -o NAME:VALUE        set a preference, e.g. tcp.reassemble_out_of_order:TRUE
  -G fields            list every registry field (filter name, name, type)`;

interface Options {
  file: string;
  count: number;
  format: 'text' | 'fields';
  fields: string[];
  header: boolean;
  separator: string;
  occurrence: 'f' | 'l' | 'a';
  aggregator: string;
  glossary: boolean;
  verbose: boolean;
  hex: boolean;
  filter: string;
}

class UsageError extends Error {}

function sepValue(v: string): string {
  if (v === '/t') return '\t';
  if (v === '/s') return ' ';
  return v;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    file: '',
    count: Infinity,
    format: 'text',
    fields: [],
    header: false,
    separator: '\t',
    occurrence: 'a',
    aggregator: ',',
    glossary: false,
    verbose: false,
    hex: false,
    filter: '',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`option ${a} needs a value`);
      return v;
    };
    switch (a) {
      case '-r':
        o.file = next();
        break;
      case '-c':
        o.count = Number(next());
        if (!(o.count >= 0)) throw new UsageError('-c needs a number');
        break;
      case '-T': {
        const t = next();
        if (t !== 'fields' && t !== 'text') throw new UsageError(`-T ${t} is not supported (text or fields)`);
        o.format = t;
        break;
      }
      case '-e':
        o.fields.push(next());
        break;
      case '-E': {
        const [k, ...rest] = next().split('=');
        const v = rest.join('=');
        if (k === 'header') o.header = v === 'y';
        else if (k === 'separator') o.separator = sepValue(v);
        else if (k === 'occurrence') o.occurrence = v === 'f' || v === 'l' ? v : 'a';
        else if (k === 'aggregator') o.aggregator = sepValue(v);
        else if (k !== 'quote') throw new UsageError(`-E ${k} is not supported`);
        break;
      }
      case '-Y':
        o.filter = next();
        break;
      case '-o':
        try {
          setPreference(next());
        } catch (e) {
          throw new UsageError(e instanceof Error ? e.message : String(e));
        }
        break;
      case '-V':
        o.verbose = true;
        break;
      case '-x':
        o.hex = true;
        break;
      case '-n':
      case '-2':
        break; // Wirelens never resolves names and always does two passes.
      case '-G':
        o.glossary = next() === 'fields';
        break;
      case '-h':
      case '--help':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
        break;
      default:
        throw new UsageError(`unknown option ${a}`);
    }
  }
  if (!o.file && !o.glossary) throw new UsageError('no capture file given (-r FILE)');
  return o;
}

/** Chunk size for reading a file in the CLI: large reads, few system calls. */
const READ_CHUNK = 1 << 20;
/** Files up to this size are read into memory at once by the CLI; larger ones are streamed and re-read in slices. */
const WHOLE_FILE_LIMIT = 256 << 20;

/** A file on disk as a ByteSource: streamed and re-read through one file handle, in large reads. */
async function nodeFileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  if (size <= WHOLE_FILE_LIMIT) {
    // Small enough to read at once: one read, and the second pass re-reads from memory without waiting.
    const bytes = new Uint8Array(await handle.readFile());
    await handle.close();
    return { ...bytesSource(bytes, path), stream: () => streamOf(bytes, READ_CHUNK), close: () => Promise.resolve() };
  }
  const read = async (offset: number, length: number): Promise<Uint8Array> => {
    const n = Math.max(0, Math.min(length, size - offset));
    const buf = new Uint8Array(n);
    let done = 0;
    while (done < n) {
      const { bytesRead } = await handle.read(buf, done, n - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === n ? buf : buf.subarray(0, done);
  };
  return {
    name: path,
    size,
    read,
    close: () => handle.close(),
    stream: () => {
      let pos = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (pos >= size) {
            controller.close();
            return;
          }
          const chunk = await read(pos, READ_CHUNK);
          if (!chunk.length) {
            controller.close();
            return;
          }
          pos += chunk.length;
          controller.enqueue(chunk);
        },
      });
    },
  };
}

/** Buffered stdout: one write per ~64 KB instead of one per line. */
class Out {
  private parts: string[] = [];
  private size = 0;
  line(s: string): void {
    this.parts.push(s, '\n');
    this.size += s.length + 1;
    if (this.size > 1 << 16) this.flush();
  }
  /** Text that ends its own lines. */
  text(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.parts.length) process.stdout.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

const COLUMN_FIELDS: Record<string, 'src' | 'dst' | 'protocol' | 'info'> = {
  '_ws.col.Source': 'src',
  '_ws.col.Destination': 'dst',
  '_ws.col.Protocol': 'protocol',
  '_ws.col.Info': 'info',
  '_ws.col.src': 'src',
  '_ws.col.dst': 'dst',
  '_ws.col.protocol': 'protocol',
  '_ws.col.info': 'info',
};

/** Dissect packets [0, total) again — or only those in `shown` (ascending), in runs of consecutive packets. */
async function eachShown(
  engine: Engine,
  shown: Uint32Array | null,
  total: number,
  sink: Sink,
  fn: (p: Packet, cols: Columns) => void,
): Promise<void> {
  if (!shown) return engine.dissectRange(0, total, sink, fn);
  for (let k = 0; k < shown.length;) {
    let e = k + 1;
    while (e < shown.length && shown[e] === shown[e - 1] + 1) e++;
    await engine.dissectRange(shown[k], shown[e - 1] + 1, sink, fn);
    k = e;
  }
}

async function main(): Promise<number> {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`wirelens: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (o.glossary) {
    const out = new Out();
    for (const f of allFields()) out.line([f.type === 'protocol' ? 'P' : 'F', f.name, f.abbrev, f.type].join('\t'));
    out.flush();
    return 0;
  }

  // Resolve the fields before reading anything, so that a typo fails at once.
  const defs: (FieldDef | null)[] = [];
  if (o.format === 'fields') {
    if (!o.fields.length) {
      process.stderr.write('wirelens: -T fields needs at least one -e FIELD\n');
      return 2;
    }
    const bad: string[] = [];
    for (const name of o.fields) {
      if (COLUMN_FIELDS[name]) defs.push(null);
      else {
        const def = fieldByName(name);
        if (!def) bad.push(name);
        defs.push(def ?? null);
      }
    }
    if (bad.length) {
      process.stderr.write(`wirelens: some fields aren't valid: ${bad.join(', ')}\n`);
      return 2;
    }
  }

  let filter: CompiledFilter | null = null;
  if (o.filter) {
    const compiled = compileFilter(o.filter);
    if (!compiled.ok) {
      const { message, start, length } = compiled.error;
      process.stderr.write(
        `wirelens: invalid display filter: ${message}\n  ${o.filter}\n  ${' '.repeat(start)}${'^'.repeat(Math.max(1, length))}\n`,
      );
      return 2;
    }
    filter = compiled.filter;
  }

  try {
    const st = await stat(o.file);
    if (!st.isFile()) throw new Error('not a file');
  } catch {
    process.stderr.write(`wirelens: the file "${o.file}" doesn't exist or can't be read\n`);
    return 2;
  }
  const engine = new Engine();
  let keyLog: string | undefined;
  if (prefs.tls.keylogFile) {
    try {
      keyLog = await readFile(prefs.tls.keylogFile, 'utf8');
    } catch {
      process.stderr.write(`wirelens: the key log file "${prefs.tls.keylogFile}" can't be read\n`);
      return 2;
    }
  }
  const source = await nodeFileSource(o.file);
  // -c N: like tshark, read only the first N packets (a big file's first rows come at once).
  const result = await engine.open(source, { keyLog, maxPackets: Number.isFinite(o.count) ? o.count : undefined });
  if (result.problem?.kind === 'not-a-capture') {
    process.stderr.write(`wirelens: "${o.file}": ${problemLine(result.problem)}\n`);
    return 2;
  }

  const out = new Out();
  const total = Math.min(engine.count, o.count);
  // With -Y, only the matching packets are dissected again and printed.
  const shown = filter && !filter.empty ? await filterPackets(engine, filter, { end: total }) : null;
  const each = (sink: Sink, fn: (p: Packet, cols: Columns) => void) => eachShown(engine, shown, total, sink, fn);
  if (o.format === 'fields') {
    if (o.header) out.line(o.fields.join(o.separator));
    const ids = defs.filter((d): d is FieldDef => d !== null).map((d) => d.id);
    const sink = new FieldSink(ids, allFields().length);
    const cells: string[] = new Array<string>(o.fields.length);
    await each(ids.length ? sink : NULL_SINK, (p, cols) => {
      for (let k = 0; k < o.fields.length; k++) {
        const col = COLUMN_FIELDS[o.fields[k]];
        if (col) {
          cells[k] = cols[col];
          continue;
        }
        const def = defs[k] as FieldDef;
        const values = sink.values.get(def.id);
        if (!values || !values.length) cells[k] = '';
        else if (o.occurrence === 'f') cells[k] = fieldsValue(def, values[0]);
        else if (o.occurrence === 'l') cells[k] = fieldsValue(def, values[values.length - 1]);
        else cells[k] = values.map((v) => fieldsValue(def, v)).join(o.aggregator);
      }
      sink.clear();
      out.line(cells.join(o.separator));
    });
  } else if (o.verbose || o.hex) {
    // tshark -V / -x: the detail tree and the bytes of every data source, a blank line after each packet.
    // The colouring rule is not in tshark's -V tree (it is in Wireshark's, which colours packets).
    const sink = new TreeSink({ skip: [frameHf.coloringRuleName, frameHf.coloringRuleString] });
    await each(sink, (p) => {
      const detail = collectDetail(p, sink, false);
      if (o.verbose) out.text(formatVerbose(detail, !o.hex));
      if (o.verbose && o.hex) out.line('');
      if (o.hex) out.text(hexDumpSources(detail.sources));
      out.line('');
      sink.clear();
    });
  } else {
    // tshark's line (see formatTextLine).
    await each(NULL_SINK, (p, cols) => {
      out.line(
        formatTextLine(
          p.frameNumber,
          engine.timeText(p.index),
          cols.src,
          cols.dst,
          cols.protocol,
          p.origLen,
          cols.info,
        ),
      );
    });
  }
  out.flush();
  await source.close();
  // Stopping at -c's count is what was asked, not a problem.
  if (result.problem && result.problem.kind !== 'packet-limit') {
    process.stderr.write(`wirelens: "${o.file}": ${problemLine(result.problem)}\n`);
    return 2;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`wirelens: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
