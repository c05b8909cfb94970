import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import '../dissect/protocols';
import { Engine } from '../engine';
import { capturePropertiesOf, formatUtc } from './properties';
import { Sha256, sha256OfBlob } from './sha256';

const TESTDATA = join(import.meta.dirname, '../testdata');
const LAB = new URL('../../../shared/captures/lab/', import.meta.url).pathname;

/**
 * capinfos's view of the lab captures, committed as testdata/<name>.capinfos.txt by scripts/golden-stats.sh
 * (TZ=UTC capinfos -M FILE, capinfos 4.0.17). lab-null.pcapng is also in testdata (the others are read from the
 * shared folder when it is there).
 */
const CAPTURES = [
  'lab-classic.pcap',
  'lab-classic-nsec.pcap',
  'lab-loopback.pcapng',
  'lab-null.pcapng',
  'net-veth.pcapng',
  'tls-proxy.pcapng',
];

function capinfos(name: string): { fields: Map<string, string>; interfaces: Map<string, string>[] } {
  const fields = new Map<string, string>();
  const interfaces: Map<string, string>[] = [];
  for (const line of readFileSync(join(TESTDATA, `${name}.capinfos.txt`), 'utf8').split('\n')) {
    const iface = /^\s+(.+?) = (.*)$/.exec(line);
    if (iface && interfaces.length) interfaces[interfaces.length - 1].set(iface[1], iface[2]);
    else if (/^Interface #\d+ info:/.test(line)) interfaces.push(new Map());
    else {
      const m = /^([^:]+):\s+(.*?)\s*$/.exec(line);
      if (m && !fields.has(m[1])) fields.set(m[1], m[2]);
    }
  }
  return { fields, interfaces };
}

describe('capture properties equal capinfos', () => {
  for (const name of CAPTURES) {
    const path = name === 'lab-null.pcapng' ? join(TESTDATA, name) : join(LAB, name);
    it.skipIf(!existsSync(path))(name, async () => {
      const bytes = new Uint8Array(readFileSync(path));
      const engine = new Engine();
      await engine.open(bytesSource(bytes, name));
      const sha = await sha256OfBlob(new Blob([bytes]));
      const p = capturePropertiesOf(engine, { name, size: bytes.length }, sha);
      const { fields, interfaces } = capinfos(name);
      const ours = new Map<string, string>([
        ['File name', p.fileName],
        ['File type', p.fileType],
        ['File encapsulation', p.encapsulation],
        ['File timestamp precision', p.precision],
        ['Packet size limit', `file hdr: ${p.snaplen === null ? '(not set)' : `${p.snaplen} bytes`}`],
        ['Number of packets', String(p.packets)],
        ['File size', `${p.fileSize} bytes`],
        ['Data size', `${p.dataSize} bytes`],
        ['Capture duration', `${p.duration.toFixed(p.digits)} seconds`],
        ['First packet time', p.first ? formatUtc(p.first.sec, p.first.ns, p.digits) : ''],
        ['Last packet time', p.last ? formatUtc(p.last.sec, p.last.ns, p.digits) : ''],
        ['Data byte rate', `${p.byteRate.toFixed(2)} bytes/sec`],
        ['Data bit rate', `${p.bitRate.toFixed(2)} bits/sec`],
        ['Average packet size', `${p.averagePacketSize.toFixed(2)} bytes`],
        ['Average packet rate', `${p.packetRate.toFixed(2)} packets/sec`],
        ['SHA256', p.sha256],
        ['Strict time order', p.strictTimeOrder ? 'True' : 'False'],
        ['Number of interfaces in file', String(p.interfaces.length)],
      ]);
      if (p.hardware) ours.set('Capture hardware', p.hardware);
      if (p.os) ours.set('Capture oper-sys', p.os);
      if (p.application) ours.set('Capture application', p.application);
      const theirs = new Map([...fields].filter(([k]) => !['RIPEMD160', 'SHA1'].includes(k)));
      expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(theirs));
      expect(
        p.interfaces.map((f) => {
          const m: Record<string, string> = {};
          if (f.name) m['Name'] = f.name;
          if (f.description) m['Description'] = f.description;
          m['Encapsulation'] = f.encapsulation;
          m['Capture length'] = String(f.snaplen);
          m['Time precision'] = f.precision;
          m['Time ticks per second'] = String(f.ticksPerSecond);
          if (f.filter) m['Filter string'] = f.filter;
          if (f.os) m['Operating system'] = f.os;
          m['Number of packets'] = String(f.packets);
          return m;
        }),
      ).toEqual(
        interfaces.map((m) => {
          const keep = [
            'Name',
            'Description',
            'Encapsulation',
            'Capture length',
            'Time precision',
            'Time ticks per second',
            'Filter string',
            'Operating system',
            'Number of packets',
          ];
          return Object.fromEntries([...m].filter(([k]) => keep.includes(k)));
        }),
      );
    });
  }
});

describe('Sha256', () => {
  it('equals node:crypto for inputs fed in uneven pieces', () => {
    const data = new Uint8Array(200_003).map((_, i) => (i * 31 + (i >> 8)) & 255);
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, data.length]) {
      const h = new Sha256();
      const part = data.subarray(0, len);
      for (let at = 0; at < len; at += 37) h.update(part.subarray(at, Math.min(len, at + 37)));
      expect(h.hex(), `length ${len}`).toBe(createHash('sha256').update(part).digest('hex'));
    }
  });
});
