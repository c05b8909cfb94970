// Bad bytes are data: random and mutated frames, through every link type and through both passes of the real
// engine, never make a dissector fail with anything but Wireshark's two notes, and never hang.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import { Engine } from '../engine';
import { allFields } from './registry';
import { FieldSink } from './sinks';
import { dissectHex } from './testing';

const LINK_TYPES = [0, 1, 9, 12, 14, 101, 108, 113, 228, 229, 276, 147];
const TESTDATA = join(import.meta.dirname, '..', 'testdata');

/** A classic pcap (little-endian, µs) holding the given frames on one link type. */
function buildPcap(frames: Uint8Array[], linkType: number): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 262144, true);
  dv.setUint32(20, linkType, true);
  let off = 24;
  frames.forEach((f, i) => {
    dv.setUint32(off, 1_700_000_000 + i, true);
    dv.setUint32(off + 8, f.length, true);
    dv.setUint32(off + 12, f.length + (i % 3 === 0 ? 20 : 0), true);
    out.set(f, off + 16);
    off += 16 + f.length;
  });
  return out;
}

/** Frames of the real captures in workers/testdata, with their link types. */
async function realFrames(): Promise<{ linkType: number; frames: Uint8Array[] }[]> {
  const files = readdirSync(TESTDATA).filter((f) => /\.(pcap|pcapng|cap)$/.test(f));
  const out: { linkType: number; frames: Uint8Array[] }[] = [];
  for (const f of files) {
    const engine = new Engine();
    await engine.open(bytesSource(new Uint8Array(readFileSync(join(TESTDATA, f))), f));
    const byLink = new Map<number, Uint8Array[]>();
    for (let i = 0; i < Math.min(engine.count, 200); i++) {
      const iface = engine.state.interfaces[engine.index.interfaceOf(i)];
      if (!iface) continue;
      const list = byLink.get(iface.linkType) ?? [];
      list.push((await engine.packetBytes(i)).slice());
      byLink.set(iface.linkType, list);
    }
    for (const [linkType, frames] of byLink) out.push({ linkType, frames });
  }
  return out;
}

function assertSane(info: string): void {
  expect(info).not.toContain('[Dissector bug');
}

describe('dissectors on hostile bytes', () => {
  it('random bytes on every link type give Info, never a dissector bug', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINK_TYPES), fc.uint8Array({ maxLength: 300 }), (linkType, bytes) => {
        const d = dissectHex(bytes, linkType);
        assertSane(d.cols.info);
      }),
      { numRuns: 3000 },
    );
  });

  it('plausible headers with random tails (Ethernet → IPv4/IPv6 → TCP/UDP/ICMP) never trip a dissector', () => {
    const eth = (type: number) => [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, type >> 8, type & 255];
    const prefixes = [
      [...eth(0x0800), 0x45, 0, 0, 60, 0, 1, 0, 0, 64, 6],
      [...eth(0x0800), 0x45, 0, 0, 60, 0, 1, 0, 0, 64, 17],
      [...eth(0x0800), 0x45, 0, 0, 60, 0, 1, 0x20, 0, 64, 1],
      [...eth(0x0800), 0x46, 0, 0, 60, 0, 1, 0, 0, 64, 6],
      [...eth(0x86dd), 0x60, 0, 0, 0, 0, 40, 6, 64],
      [...eth(0x86dd), 0x60, 0, 0, 0, 0, 40, 17, 64],
      [...eth(0x86dd), 0x60, 0, 0, 0, 0, 40, 44, 64],
      [...eth(0x86dd), 0x60, 0, 0, 0, 0, 40, 58, 64],
      [...eth(0x0806)],
      [...eth(0x8100)],
      [...eth(0x8864), 0x11, 0, 0, 1, 0, 40],
      [...eth(0x8863), 0x11, 9, 0, 0, 0, 20],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ minLength: 0, maxLength: 200 }), (prefix, tail) => {
        const bytes = new Uint8Array(prefix.length + tail.length);
        bytes.set(prefix);
        bytes.set(tail, prefix.length);
        assertSane(dissectHex(bytes, 1).cols.info);
      }),
      { numRuns: 5000 },
    );
  });

  it('mutated real frames survive both passes of the real engine with every field collected', async () => {
    const sets = await realFrames();
    expect(sets.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sets),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'cut', 'insert')), {
          maxLength: 8,
        }),
        async (set, mutations) => {
          const frames = set.frames.map((f) => f.slice());
          for (const [pos, byte, kind] of mutations) {
            const k = pos % frames.length;
            const f = frames[k];
            const at = f.length ? pos % f.length : 0;
            if (kind === 'flip' && f.length) f[at] ^= byte || 1;
            else if (kind === 'cut') frames[k] = f.subarray(0, at);
            else {
              const g = new Uint8Array(f.length + 1);
              g.set(f.subarray(0, at));
              g[at] = byte;
              g.set(f.subarray(at), at + 1);
              frames[k] = g;
            }
          }
          const engine = new Engine();
          const opened = await engine.open(bytesSource(buildPcap(frames, set.linkType)));
          expect(opened.packets).toBe(frames.length);
          const sink = new FieldSink(
            allFields().map((f) => f.id),
            allFields().length,
          );
          let seen = 0;
          await engine.dissectRange(0, engine.count, sink, (_p, cols) => {
            assertSane(cols.info);
            sink.clear();
            seen++;
          });
          expect(seen).toBe(frames.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
