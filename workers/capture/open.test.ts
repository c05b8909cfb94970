import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, readCapture, sniffCompression, withHead } from './open';
import { bytesSource } from './source';
import { chunkedSource, hex, readAll } from './testing';
import type { CaptureProblem } from './types';

const testFile = (name: string) => new Uint8Array(readFileSync(new URL(`../testdata/${name}`, import.meta.url)));

describe('readCapture: formats and compression', () => {
  it('detects the format by content, not by name', async () => {
    const source = chunkedSource(testFile('pcapng-gen-le-test010.pcapng'), 1 << 16, 'capture.pcap.txt');
    const result = await readCapture(source, () => undefined);
    expect(result.info.format).toBe('pcapng');
    expect(result.problem).toBeNull();
  });

  it('decompresses zstd as a stream and reads the same records as the plain file (PcapPlusPlus pcapng-example)', async () => {
    const plain = await readAll(testFile('pcapplusplus-pcapng-example.pcapng'));
    const zst = await readAll(testFile('pcapplusplus-pcapng-example.pcapng.zst'), 4096);
    expect(zst.info.compression).toBe('zstd');
    expect(zst.problem).toBeNull();
    expect(zst.records.length).toBe(159);
    expect(zst.records).toEqual(plain.records);
    // Offsets point into the decompressed bytes, which can be read again afterwards.
    const r = zst.records[100];
    expect(hex(await zst.bytes.read(r.offset, r.capLen))).toBe(r.data);
  });

  it('decompresses gzip as a stream (zeek portmapper-many-unanswered-calls.pcapng.gz)', async () => {
    // tshark: 189 frames; #1 0.000000000 54, #2 0.010000000 54
    const { records, info, problem, bytes } = await readAll(
      testFile('zeek-portmapper-many-unanswered-calls.pcapng.gz'),
      1000,
    );
    expect(info).toMatchObject({ format: 'pcapng', compression: 'gzip' });
    expect(problem).toBeNull();
    expect(records.length).toBe(189);
    expect(records.slice(0, 2).map((r) => r.origLen)).toEqual([54, 54]);
    expect(records[1].tsNs - records[0].tsNs + (records[1].tsSec - records[0].tsSec) * 1e9).toBe(10000000);
    const last = records[188];
    expect(hex(await bytes.read(last.offset, last.capLen))).toBe(last.data);
  });

  it('reads a gzip stream cut short up to the last whole packet (derived 1000-requests….cut.pcap.gz)', async () => {
    // tshark: 1777 frames, then "appears to have been cut short in the middle of a packet"
    const { records, info, problem } = await readAll(
      testFile('derived-1000-requests-one-dropped-response.cut.pcap.gz'),
    );
    expect(info.compression).toBe('gzip');
    expect(records.length).toBe(1777);
    expect(records[1776].origLen).toBe(324);
    expect(problem?.kind).toBe('cut-short');
  });

  it('reads a gzip of a pcap made here the same as the pcap', async () => {
    const raw = testFile('pcapplusplus-nanosecs_big_endian.pcap');
    const plain = await readAll(raw);
    const gz = await readAll(new Uint8Array(gzipSync(raw)), 100);
    expect(gz.info.compression).toBe('gzip');
    expect(gz.records).toEqual(plain.records);
  });

  it('sniffs compression by magic', () => {
    expect(sniffCompression(new Uint8Array([0x1f, 0x8b, 8]))).toBe('gzip');
    expect(sniffCompression(new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]))).toBe('zstd');
    expect(sniffCompression(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1]))).toBe('none');
  });

  it('gives one clear message for a file that is neither pcap nor pcapng (derived get.bad-magic.pcap)', async () => {
    const { records, problem } = await readAll(testFile('derived-get.bad-magic.pcap'));
    expect(records).toEqual([]);
    expect(problem?.kind).toBe('not-a-capture');
    expect(problem?.message).toMatch(/neither pcap nor pcapng/);
    for (const bytes of [new Uint8Array(0), new Uint8Array([0xd4, 0xc3]), new TextEncoder().encode('hello, world\n')]) {
      expect((await readAll(bytes)).problem?.kind).toBe('not-a-capture');
    }
    // A gzip of something else.
    expect((await readAll(new Uint8Array(gzipSync(new TextEncoder().encode('not a capture'))))).problem?.kind).toBe(
      'not-a-capture',
    );
  });

  it('reads pcapng files with no packets (tcpdump empty.pcapng, test017 has only custom blocks)', async () => {
    const empty = await readAll(testFile('tcpdump-empty.pcapng'));
    expect(empty.records).toEqual([]);
    expect(empty.problem).toBeNull();
    expect(empty.info.interfaces.length).toBe(1);
  });

  it('stops when the callback returns false', async () => {
    let n = 0;
    const result = await readCapture(chunkedSource(testFile('lab-tls-proxy.pcapng')), () => ++n < 5);
    expect(n).toBe(5);
    expect(result.problem).toBeNull();
  });
});

/** Read with a deadline: a reader that hangs fails the property instead of the whole run. */
async function readBounded(bytes: Uint8Array, chunk: number): Promise<{ records: number; problem: unknown }> {
  let records = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('reader took more than 5 s')), 5000);
  });
  try {
    const result = await Promise.race([
      readCapture(chunkedSource(bytes, chunk), (r) => {
        if (r.data.length !== r.capLen) throw new Error('data length differs from capLen');
        if (!(r.capLen <= 128 * 1024 * 1024)) throw new Error('absurd capLen');
        records++;
      }),
      deadline,
    ]);
    return { records, problem: result.problem };
  } finally {
    clearTimeout(timer);
  }
}

const SEEDS = [
  'pcapng-gen-le-test202.pcapng',
  'pcapng-gen-be-test202.pcapng',
  'pcapng-gen-le-test018.pcapng',
  'pcapng-gen-le-test101.pcapng',
  'gopacket-be-test902.pcapng',
  'pcapplusplus-microsecs.pcap',
  'tcpdump-timestamp_invalid_nano.pcap',
  'pcapplusplus-nanosecs_big_endian.pcap',
  'zeek-5-pings.pcap',
].map((name) => testFile(name));

type Mutation =
  | { kind: 'flip'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: number[] };

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let b = seed.slice();
  for (const m of mutations) {
    const at = Math.floor(m.at * b.length);
    if (m.kind === 'flip') {
      if (b.length) b[Math.min(at, b.length - 1)] = m.value;
    } else if (m.kind === 'cut') {
      b = b.slice(0, at);
    } else {
      const out = new Uint8Array(b.length + m.bytes.length);
      out.set(b.subarray(0, at));
      out.set(m.bytes, at);
      out.set(b.subarray(at), at + m.bytes.length);
      b = out;
    }
  }
  return b;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 16 }),
  }),
);

describe('readCapture: bad bytes never throw or hang', () => {
  it('random bytes, with and without a capture magic in front', async () => {
    const prefixes = [
      [],
      [0x0a, 0x0d, 0x0d, 0x0a],
      [0xd4, 0xc3, 0xb2, 0xa1],
      [0xa1, 0xb2, 0x3c, 0x4d],
      [0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...prefixes),
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom(1, 7, 64, 4096),
        async (prefix, body, chunk) => {
          const bytes = new Uint8Array([...prefix, ...body]);
          const r = await readBounded(bytes, chunk);
          // Either the whole file was read (no problem) or a problem says what and where, within the file.
          if (r.problem !== null) {
            const p = r.problem as CaptureProblem;
            expect(['not-a-capture', 'cut-short', 'damaged', 'unsupported']).toContain(p.kind);
            expect(p.offset).toBeLessThanOrEqual(bytes.length);
            expect(p.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('real files with bytes flipped, cut and inserted', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: SEEDS.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(7, 64, 4096),
        async (seed, mutations, chunk) => {
          const bytes = mutate(SEEDS[seed], mutations);
          const whole = await readBounded(bytes, 1 << 16);
          // The chunk size never changes the outcome.
          expect(await readBounded(bytes, chunk)).toEqual(whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compressed files with bytes flipped, cut and inserted', async () => {
    const seeds = [
      testFile('pcapplusplus-pcapng-example.pcapng.zst'),
      new Uint8Array(gzipSync(testFile('pcapng-gen-le-test202.pcapng'))),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(7, 4096),
        async (seed, mutations, chunk) => {
          const r = await readBounded(mutate(seeds[seed], mutations), chunk);
          if (r.problem !== null) expect((r.problem as CaptureProblem).message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a mutated file read in full gives the records of the intact prefix', async () => {
    // Cutting a real file anywhere gives a prefix of its records and, unless the cut falls between records, a problem.
    const seed = testFile('pcapng-gen-le-test202.pcapng');
    const all = await readAll(seed);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 12, max: seed.length }), async (at) => {
        const part = await readAll(seed.subarray(0, at), 64);
        expect(part.records).toEqual(all.records.slice(0, part.records.length));
        if (part.problem) expect(part.problem.kind).toBe('cut-short');
      }),
      { numRuns: 200 },
    );
  });
});

describe('the head of a file, kept for re-reading', () => {
  it('answers reads within the head without asking the file, with copies, and the rest from the file', async () => {
    const file = new Uint8Array(3 * HEAD_BYTES).map((_, i) => i & 0xff);
    const asked: number[] = [];
    const plain = bytesSource(file);
    const source = {
      ...plain,
      read: (offset: number, length: number) => (asked.push(offset), plain.read(offset, length)),
    };
    const result = await readCapture(source, () => undefined);
    // Not a capture, but the head was read once and the bytes re-read afterwards come from it.
    expect(asked).toEqual([0]);
    const head = await result.bytes.read(1000, 16);
    expect(Array.from(head)).toEqual(Array.from(file.subarray(1000, 1016)));
    expect(asked).toEqual([0]);
    head.fill(0);
    expect((await result.bytes.read(1000, 1))[0]).toBe(1000 & 0xff);
    await result.bytes.read(HEAD_BYTES - 8, 16);
    expect(asked).toEqual([0, HEAD_BYTES - 8]);
    const tail = withHead(plain, file.subarray(0, 10));
    expect(Array.from(await tail.read(20, 2))).toEqual([20, 21]);
  });
});
