import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dissectFile, dissectHex, fromHex, readGolden } from '../testing';

const testdata = (name: string) => fileURLToPath(new URL(`../../testdata/${name}`, import.meta.url));

// tcpdump tests/dns_udp.pcap, frame 1.
// tshark: 1 0.000000 192.168.1.11 → 209.87.249.18 DNS 98 Standard query 0x5934 A www.tcpdump.org OPT
const QUERY =
  '00112233446600112233445508004500005459cd0000401194aec0a8010bd157f912abbe003500407824' +
  '593401200001000000000001037777770774637064756d70036f72670000010001000029100000000000000c000a000842f5d00996f90b13';

// Frame 2: the response, with compressed names, answers, authority and additional records.
// tshark: 2 0.130282 209.87.249.18 → 192.168.1.11 DNS 266 Standard query response 0x5934 A www.tcpdump.org
//   A 192.139.46.66 A 198.199.88.104 NS sns.cooperix.net NS nic.sandelman.ca A 209.87.249.18
//   AAAA 2607:f0b0:f::babe:f00d A 97.107.133.15 AAAA 2600:3c03::f03c:91ff:fe96:e8ef OPT
const RESPONSE =
  '0011223344550011223344660800450000fc002d00008011ada6d157f912c0a8010b0035abbe00e8c454' +
  '593485000001000200020005037777770774637064756d70036f72670000010001c00c000100010000003c0004c08b2e42c00c00010001' +
  '0000003c0004c6c75868c0100002000100015180001203736e7308636f6f7065726978036e657400c01000020001000151800012036e6963' +
  '0973616e64656c6d616e02636100c06b000100010000012c0004d157f912c06b001c00010000012c00102607f0b0000f000000000000babe' +
  'f00dc04d0001000100001c200004616b850fc04d001c000100001c20001026003c0300000000f03c91fffe96e8ef0000291000000000000000';

const RESPONSE_INFO =
  'Standard query response 0x5934 A www.tcpdump.org A 192.139.46.66 A 198.199.88.104 NS sns.cooperix.net ' +
  'NS nic.sandelman.ca A 209.87.249.18 AAAA 2607:f0b0:f::babe:f00d A 97.107.133.15 ' +
  'AAAA 2600:3c03::f03c:91ff:fe96:e8ef OPT';

describe('dns', () => {
  it('shows a query as Wireshark does, EDNS OPT included', () => {
    const d = dissectHex(QUERY);
    expect(d.cols.protocol).toBe('DNS');
    expect(d.cols.info).toBe('Standard query 0x5934 A www.tcpdump.org OPT');
    expect(d.field('dns.id')).toBe('0x5934');
    expect(d.field('dns.flags')).toBe('0x0120');
    expect(d.field('dns.flags.response')).toBe('0');
    expect(d.field('dns.qry.name')).toBe('www.tcpdump.org');
    expect(d.field('dns.qry.name.len')).toBe('15');
    expect(d.field('dns.count.labels')).toBe('3');
    expect(d.field('dns.qry.type')).toBe('1');
    expect(d.field('dns.rr.udp_payload_size')).toBe('4096');
  });

  it('follows compressed names through every section of a response', () => {
    const d = dissectHex(RESPONSE);
    expect(d.cols.info).toBe(RESPONSE_INFO);
    expect(d.field('dns.count.answers')).toBe('2');
    expect(d.field('dns.count.auth_rr')).toBe('2');
    expect(d.field('dns.count.add_rr')).toBe('5');
    expect(d.fields('dns.a')).toEqual(['192.139.46.66', '198.199.88.104', '209.87.249.18', '97.107.133.15']);
    expect(d.fields('dns.ns')).toEqual(['sns.cooperix.net', 'nic.sandelman.ca']);
    expect(d.fields('dns.aaaa')).toEqual(['2607:f0b0:f::babe:f00d', '2600:3c03::f03c:91ff:fe96:e8ef']);
    expect(d.field('dns.flags.rcode')).toBe('0');
  });

  it('pairs requests with responses in the first pass', async () => {
    const { packets } = await dissectFile(testdata('tcpdump-dns_udp.pcap'));
    expect(packets[0].field('dns.response_in')).toBe('2');
    expect(packets[1].field('dns.response_to')).toBe('1');
    expect(packets[1].field('dns.time')).toBe('0.130282000');
  });

  it('names the reply code of a failed lookup and shows the SOA', () => {
    // zeek wikipedia.pcap, frame 19.
    // tshark: 19 1.758263 141.142.2.2 → 141.142.220.118 DNS 141 Standard query response 0x673c No such name
    //   AAAA upload.wikimedia.org.ncsa.uiuc.edu SOA ns0.ncsa.uiuc.edu
    const d = dissectHex(
      '00247ee01db500137fbe8cff08004500007fc68800003b11bf508d8e02028d8edc760035932c006bda76673c8583000100000001' +
        '00000675706c6f61640977696b696d65646961036f7267046e63736104756975630365647500001c0001c0210006000100000384' +
        '0023036e7330c021066e6574646576c021000063e300000e100000038400093a8000000384',
    );
    expect(d.cols.info).toBe(
      'Standard query response 0x673c No such name AAAA upload.wikimedia.org.ncsa.uiuc.edu SOA ns0.ncsa.uiuc.edu',
    );
    expect(d.field('dns.flags.rcode')).toBe('3');
    expect(d.field('dns.soa.mname')).toBe('ns0.ncsa.uiuc.edu');
    expect(d.field('dns.soa.rname')).toBe('netdev.ncsa.uiuc.edu');
  });

  it('speaks mDNS on port 5353: QM/QU questions and cache-flush records', () => {
    // zeek wikipedia.pcap, frame 1.
    // tshark: 1 0.000000 141.142.220.202 → 224.0.0.251 MDNS 87 Standard query 0x0000 SRV
    //   gemini._sftp-ssh._tcp.local, "QM" question
    const q = dissectHex(
      '01005e0000fb003048bd3ec408004500004900004000ff11304f8d8edccae00000fb14e914e900357f62000000000001000000000000' +
        '0667656d696e69095f736674702d737368045f746370056c6f63616c0000210001',
    );
    expect(q.cols.protocol).toBe('MDNS');
    expect(q.cols.info).toBe('Standard query 0x0000 SRV gemini._sftp-ssh._tcp.local, "QM" question');
    expect(q.layers).toBe('eth:ethertype:ip:udp:mdns');
    // Frame 2 (over IPv6).
    // tshark: 2 0.000477 fe80::217:f2ff:fed7:cf65 → ff02::fb MDNS 213 Standard query response 0x0000 SRV, cache
    //   flush 0 0 22 gemini.local AAAA, cache flush fe80::217:f2ff:fed7:cf65 A, cache flush 141.142.220.50 NSEC,
    //   cache flush gemini._sftp-ssh._tcp.local NSEC, cache flush gemini.local
    const r = dissectHex(
      '3333000000fb0017f2d7cf6586dd60000000009f11fffe800000000000000217f2fffed7cf65ff0200000000000000000000000000fb' +
        '14e914e9009f44e90000840000000001000000040667656d696e69095f736674702d737368045f746370056c6f63616c00002180' +
        '0100000078000f0000000000160667656d696e69c022c039001c8001000000780010fe800000000000000217f2fffed7cf65c039' +
        '000180010000007800048d8edc32c00c002f8001000000780009c00c00050000800040c039002f8001000000780008c039000440' +
        '000008',
    );
    expect(r.cols.info).toBe(
      'Standard query response 0x0000 SRV, cache flush 0 0 22 gemini.local AAAA, cache flush ' +
        'fe80::217:f2ff:fed7:cf65 A, cache flush 141.142.220.50 NSEC, cache flush gemini._sftp-ssh._tcp.local ' +
        'NSEC, cache flush gemini.local',
    );
    expect(r.fields('dns.resp.cache_flush')).toEqual(['1', '1', '1', '1', '1']);
    expect(r.field('dns.srv.port')).toBe('22');
  });

  it('speaks LLMNR on port 5355', () => {
    // zeek wikipedia.pcap, frame 120.
    // tshark: 120 4.578837 fe80::3074:17d5:2052:c324 → ff02::1:3 LLMNR 95 Standard query 0x4620 A BRWC0CB383D1F42
    const d = dissectHex(
      '333300010003f04da247ba2586dd6000000000291101fe80000000000000307417d52052c324ff02000000000000000000000001' +
        '0003ff5d14eb0029c5e94620000000010000000000000f4252574330434233383344314634320000010001',
    );
    expect(d.cols.protocol).toBe('LLMNR');
    expect(d.cols.info).toBe('Standard query 0x4620 A BRWC0CB383D1F42');
    expect(d.layers.endsWith(':udp:llmnr')).toBe(true);
  });

  it('stops a compression pointer that loops instead of hanging', () => {
    // The response's first answer name (c00c at offset 33 of the message) made to point at itself.
    const d = fromHex(RESPONSE);
    const msg = 42;
    d[msg + 33] = 0xc0;
    d[msg + 34] = 33;
    const r = dissectHex(d);
    expect(r.cols.info.startsWith('Standard query response 0x5934 A www.tcpdump.org A 192.139.46.66')).toBe(true);
    expect(r.fields('dns.resp.name')[0]).toBe('<Name contains a pointer that loops>');
  });

  it('ends in "[Packet size limited during capture]" when the capture cut the message', () => {
    const d = dissectHex(RESPONSE.slice(0, 2 * 120), 1, 266);
    expect(d.cols.info).toBe(
      'Standard query response 0x5934 A www.tcpdump.org A 192.139.46.66 A 198.199.88.104 NS' +
        '[Packet size limited during capture]',
    );
  });

  it('matches tshark on every DNS-family row of the wikipedia capture', async () => {
    const { packets } = await dissectFile(testdata('zeek-wikipedia.pcap'));
    const golden = readGolden(
      fileURLToPath(new URL('../../../../shared/captures/public/zeek/wikipedia.pcap.cols.tsv', import.meta.url)),
    );
    let compared = 0;
    for (const [n, row] of golden) {
      if (!/^(DNS|MDNS|LLMNR|NBNS)$/.test(row[4])) continue;
      compared++;
      expect(`${n} ${packets[n - 1].cols.protocol} ${packets[n - 1].cols.info}`).toBe(`${n} ${row[4]} ${row[6]}`);
    }
    expect(compared).toBeGreaterThan(40);
  });
});

describe('dns over tcp', () => {
  it('reads a length-prefixed message in one segment', () => {
    // The query of dns_udp.pcap frame 1 carried over TCP instead: IP protocol 6, a 20-byte TCP header (43966 → 53,
    // PSH+ACK) and the two-byte length (0x0038) before the same 56-byte DNS message.
    const dnsMessage =
      '593401200001000000000001037777770774637064756d70036f72670000010001000029100000000000000c000a000842f5d00996f90b13';
    const d = dissectHex(
      '001122334466001122334455080045000066 59cd00004006 94aec0a8010bd157f912' +
        'abbe0035 00000001 00000001 5018ffff 00000000' +
        '0038' +
        dnsMessage,
    );
    expect(d.cols.protocol).toBe('DNS');
    expect(d.cols.info).toBe('Standard query 0x5934 A www.tcpdump.org OPT');
    expect(d.field('dns.length')).toBe('56');
    expect(d.layers.endsWith(':tcp:dns')).toBe(true);
  });
});
