import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import '../dissect/protocols';
import { all, GOLDEN, openBytes, parseGoldenStats } from './golden';
import { hierarchyLines, hierarchyOf } from './hierarchy';

const TESTDATA = join(import.meta.dirname, '../testdata');
const LAB = new URL('../../../shared/captures/lab/', import.meta.url).pathname;
const pathOf = (g: { name: string; lab: boolean }) => join(g.lab ? LAB : TESTDATA, g.name);
const openCapture = (path: string) => openBytes(new Uint8Array(readFileSync(path)), path);

/** Captures whose hierarchy differs from tshark's, and why (see KNOWN below). */
const KNOWN: Record<string, string> = {
  'pcapplusplus-ip4_fragments.pcap': 'no ONC RPC / NFS dissector here: those UDP payloads are "data"',
  'pcapplusplus-pcapng-example.pcapng': 'no MySQL and X11 dissectors here: their payloads are "data"',
  'tcpdump-802.1ad_QinQ.pcap':
    'the inner 802.1Q tag is nested in the 802.1ad item here, a layer of its own in Wireshark',
  'suricata-tcp-opt.pcap': 'two TLS records over malformed segments: Wireshark dissects TLS before the exception',
};

describe('protocol hierarchy equals tshark -q -z io,phs', () => {
  for (const g of GOLDEN) {
    const { name } = g;
    const path = pathOf(g);
    it.skipIf(!existsSync(path) || name in KNOWN)(name, async () => {
      const golden = parseGoldenStats(readFileSync(join(TESTDATA, `${name}.stats.txt`), 'utf8'));
      const engine = await openCapture(path);
      const h = await hierarchyOf(engine, all(engine));
      expect(hierarchyLines(h)).toEqual(golden.phs);
    });
  }
});
