import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoundsError, MalformedError, Packet } from '../packet';
import { CaptureState } from '../state';
import { dissectFile, readGolden } from '../testing';
import { currentTcp } from '../../reassembly/tcp';
import { dissectTls, loadKeyLog, TLS_KEYLOG } from './tls';
import { nameText, readCertificate } from './x509';

const TESTDATA = join(__dirname, '../../testdata');

/** Dissect bytes as one TCP payload of stream 0 (no reassembly: the stream is unknown). */
function tlsInfo(bytes: number[]): { protocol: string; info: string } {
  const p = new Packet();
  p.state = new CaptureState();
  p.cols = { protocol: '', info: '', src: '', dst: '' };
  p.pass = 1;
  p.reset(0, new Uint8Array(bytes));
  currentTcp.stream = -1;
  dissectTls(p, 0, bytes.length);
  return { protocol: p.protocol, info: p.cols.info };
}

describe('tls records (crafted)', () => {
  it('joins several records of one segment with ", "', () => {
    // Change Cipher Spec (1 byte), then an Application Data record of 3 bytes, record version TLS 1.2.
    const r = tlsInfo([0x14, 3, 3, 0, 1, 1, 0x17, 3, 3, 0, 3, 1, 2, 3]);
    expect(r.info).toBe('Change Cipher Spec, Application Data');
    expect(r.protocol).toBe('TLSv1.2');
  });
  it('names alerts in the clear and encrypted ones', () => {
    expect(tlsInfo([0x15, 3, 1, 0, 2, 1, 0]).info).toBe('Alert (Level: Warning, Description: Close Notify)');
    expect(tlsInfo([0x15, 3, 3, 0, 0x1a, ...new Array<number>(0x1a).fill(7)]).info).toBe('Encrypted Alert');
  });
  it('declines text', () => {
    const p = new Packet();
    p.state = new CaptureState();
    p.reset(0, new TextEncoder().encode('GET / HTTP/1.1\r\n'));
    expect(dissectTls(p, 0, p.data.length)).toBe(false);
  });
  it('throws nothing but Bounds/Malformed on random bytes', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 8) & 255;
    for (let n = 0; n < 3000; n++) {
      const len = 5 + (rnd() % 80);
      const b = [0x16, 3, rnd() % 4, 0, rnd() % 90];
      for (let i = 5; i < len; i++) b.push(rnd() % 8 === 0 ? rnd() % 30 : rnd());
      try {
        tlsInfo(b);
      } catch (e) {
        expect(e instanceof BoundsError || e instanceof MalformedError).toBe(true);
      }
    }
  });
});

describe('tls on real captures', () => {
  it('matches tshark on every TLS row of the lab CONNECT capture (TLS 1.3 and 1.2, both legs)', async () => {
    const golden = readGolden(join(TESTDATA, 'tls-proxy.pcapng.cols.tsv'));
    const { packets } = await dissectFile(join(TESTDATA, 'tls-proxy.pcapng'));
    let rows = 0;
    for (const [frame, cells] of golden) {
      if (!/^TLS/.test(cells[4])) continue;
      rows++;
      expect([frame, packets[frame - 1].cols.protocol, packets[frame - 1].cols.info]).toEqual([
        frame,
        cells[4],
        cells[6],
      ]);
    }
    expect(rows).toBe(32);
    // Frame 51: the certificate's subject as Wireshark shows it; SNI-less hello carries no server name.
    expect(packets[50].field('tls.handshake.type')).toBe('2,11,12,14');
  });
  it('shows the session version on the Client Hello (TLS 1.3 from supported_versions)', async () => {
    const golden = readGolden(join(TESTDATA, 'pcapplusplus-tls1_3.pcap.cols.tsv'));
    const { packets } = await dissectFile(join(TESTDATA, 'pcapplusplus-tls1_3.pcap'));
    for (const [frame, cells] of golden) {
      // tshark: 2 ... TLSv1.3 ... Server Hello, Change Cipher Spec, Application Data, Application Data, …
      if (cells[6].startsWith('[TCP')) continue; // TCP analysis prefix belongs to TCP
      expect(packets[frame - 1].cols.protocol).toBe(cells[4]);
      expect(packets[frame - 1].cols.info).toBe(cells[6]);
    }
    expect(packets[0].field('tls.handshake.extensions_server_name')).toBeDefined();
  });
});

describe('x509 names', () => {
  it('reads issuer and subject of the lab certificate, most specific first', () => {
    const data = new Uint8Array(readFileSync(join(TESTDATA, 'tls-proxy.pcapng')));
    // Find the certificate (SEQUENCE, SEQUENCE, [0] version) in the file.
    let at = -1;
    for (let i = 0; i + 8 < data.length; i++)
      if (data[i] === 0x30 && data[i + 1] === 0x82 && data[i + 4] === 0x30 && data[i + 8] === 0xa0) {
        at = i;
        break;
      }
    expect(at).toBeGreaterThan(0);
    const cert = readCertificate(data, at, data.length);
    expect(cert && nameText(cert.subjectAttrs)).toBe(
      'id-at-commonName=lab.test,id-at-organizationName=Network Lab,id-at-countryName=CN',
    );
    expect(readCertificate(data, at, at + 20)).toBeNull();
  });
});

describe('key log', () => {
  it('keeps NSS key log secrets by client random', () => {
    const state = new CaptureState();
    const text = readFileSync(join(TESTDATA, 'tls-proxy.keylog'), 'utf8');
    expect(loadKeyLog(state, text + '\n# comment\nnot a line\n')).toBe(text.trim().split('\n').length);
    const first = text.split('\n')[0].split(' ');
    expect(state.get(TLS_KEYLOG).secret(first[1], first[0])).toBe(first[2].toLowerCase());
  });
});
