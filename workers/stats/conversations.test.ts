import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../dissect/protocols';
import { conversationsOf } from './conversations';
import type { ConvType } from './conversations';
import { all, formatSize, GOLDEN, openBytes, parseGoldenStats } from './golden';
import { TCP_CONVERSATIONS as TCP_CONVERSATIONS_KEY } from '../flows/tcp';

const TESTDATA = join(import.meta.dirname, '../testdata');
const LAB = new URL('../../../shared/captures/lab/', import.meta.url).pathname;
const pathOf = (g: { name: string; lab: boolean }) => join(g.lab ? LAB : TESTDATA, g.name);
const openCapture = (path: string) => openBytes(new Uint8Array(readFileSync(path)), path);
const TITLES: Record<ConvType, string> = { eth: 'Ethernet', ipv4: 'IPv4', ipv6: 'IPv6', tcp: 'TCP', udp: 'UDP' };

describe('conversations and endpoints equal tshark -z conv / -z endpoints', () => {
  for (const g of GOLDEN) {
    const { name } = g;
    const path = pathOf(g);
    it.skipIf(!existsSync(path))(name, async () => {
      const golden = parseGoldenStats(readFileSync(join(TESTDATA, `${name}.stats.txt`), 'utf8'));
      const engine = await openCapture(path);
      const stats = await conversationsOf(engine, all(engine));
      for (const type of Object.keys(TITLES) as ConvType[]) {
        const convs = golden.conversations.get(`${TITLES[type]} Conversations`) ?? [];
        const ours = stats.conversations[type].map((c) => ({
          a: c.addressA,
          portA: c.portA,
          b: c.addressB,
          portB: c.portB,
          framesBA: c.packetsBA,
          bytesBA: formatSize(c.bytesBA),
          framesAB: c.packetsAB,
          bytesAB: formatSize(c.bytesAB),
          frames: c.packetsAB + c.packetsBA,
          bytes: formatSize(c.bytesAB + c.bytesBA),
          relStart: c.relStart.toFixed(9),
          duration: c.duration.toFixed(4),
        }));
        const theirs = convs.map((c) => ({ ...c, relStart: c.relStart.toFixed(9), duration: c.duration.toFixed(4) }));
        const key = (c: { a: string; portA: number | null; b: string; portB: number | null; relStart: string }) =>
          `${c.a} ${c.portA} ${c.b} ${c.portB} ${c.relStart}`;
        const sort = <T extends Parameters<typeof key>[0]>(l: T[]) => l.sort((x, y) => (key(x) < key(y) ? -1 : 1));
        expect(sort(ours), `${type} conversations`).toEqual(sort(theirs));
        const ends = golden.endpoints.get(`${TITLES[type]} Endpoints`) ?? [];
        const ourEnds = stats.endpoints[type].map((e) => ({
          address: e.address,
          port: e.port,
          packets: e.txPackets + e.rxPackets,
          bytes: e.txBytes + e.rxBytes,
          txPackets: e.txPackets,
          txBytes: e.txBytes,
          rxPackets: e.rxPackets,
          rxBytes: e.rxBytes,
        }));
        const ekey = (e: { address: string; port: number | null }) => `${e.address} ${e.port}`;
        const esort = <T extends Parameters<typeof ekey>[0]>(l: T[]) => l.sort((x, y) => (ekey(x) < ekey(y) ? -1 : 1));
        expect(esort(ourEnds), `${type} endpoints`).toEqual(esort([...ends]));
      }
    });
  }
});

describe('conversationsOf', () => {
  it('takes only the packets given (a display filter) and knows the first packet of each conversation', async () => {
    const engine = await openCapture(join(TESTDATA, 'lab-null.pcapng'));
    const full = await conversationsOf(engine, all(engine));
    expect(full.conversations.tcp.map((c) => [c.portA, c.portB, c.stream, c.firstPacket])).toEqual([
      [42960, 8080, 0, 0],
      [42966, 8080, 1, 5],
    ]);
    // Only stream 1's packets.
    const one = Uint32Array.from({ length: engine.count }, (_, i) => i).filter(
      (i) => engine.state.get(TCP_CONVERSATIONS_KEY).streamOf(i) === 1,
    );
    const part = await conversationsOf(engine, one);
    expect(part.packets).toBe(98);
    expect(part.conversations.tcp).toHaveLength(1);
    expect(part.conversations.tcp[0].packetsAB + part.conversations.tcp[0].packetsBA).toBe(98);
    expect(part.endpoints.ipv4).toEqual([
      {
        type: 'ipv4',
        address: '127.0.0.1',
        port: null,
        txPackets: 98,
        txBytes: 2103557,
        rxPackets: 98,
        rxBytes: 2103557,
      },
    ]);
  });

  it('stops when aborted', async () => {
    const engine = await openCapture(join(TESTDATA, 'lab-null.pcapng'));
    const c = new AbortController();
    c.abort();
    await expect(conversationsOf(engine, all(engine), { signal: c.signal })).rejects.toThrow();
  });
});
