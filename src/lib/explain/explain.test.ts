// "Explain this packet" on real captures, in both languages: each kind of packet gets its own explanation with its
// own numbers (the lab capture's handshake, data, ACK, FIN, 200 and 206; a 304, an RST, DNS and TLS from others).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import '../../../workers/dissect/protocols';
import { bytesSource } from '../../../workers/capture/source';
import { Engine } from '../../../workers/engine';
import { en } from '../i18n/messages/en';
import { zhCN } from '../i18n/messages/zh-CN';
import { explainPacket } from './explain';

const engines = new Map<string, Promise<Engine>>();
function open(name: string): Promise<Engine> {
  let e = engines.get(name);
  if (!e) {
    const path = new URL(`../../../workers/testdata/${name}`, import.meta.url).pathname;
    const engine = new Engine();
    e = engine.open(bytesSource(new Uint8Array(readFileSync(path)), name)).then(() => engine);
    engines.set(name, e);
  }
  return e;
}

/** The explanation of a frame, in English and in Chinese. */
async function explain(name: string, frame: number): Promise<{ en: string; zh: string }> {
  const d = await (await open(name)).detail(frame - 1);
  const parts = explainPacket(d.items);
  return { en: parts.map((p) => p(en.explain)).join('\n'), zh: parts.map((p) => p(zhCN.explain)).join('\n') };
}

describe('explain this packet', () => {
  it('the three-way handshake, with the ISNs and the Ack = ISN + 1 arithmetic', async () => {
    const syn = await explain('lab-null.pcapng', 1);
    expect(syn.en).toContain('First step of the three-way handshake: port 42960 asks port 8080');
    expect(syn.en).toContain('initial sequence number (ISN) is 1344290840');
    expect(syn.en).toContain('up to 65495 bytes (MSS)');
    expect(syn.zh).toContain('三次握手的第一步');
    const synAck = await explain('lab-null.pcapng', 2);
    expect(synAck.en).toContain('Second step of the three-way handshake');
    expect(synAck.en).toContain('Ack 1 = client ISN 0 + 1; raw 1344290840 + 1');
    expect(synAck.en).toContain('raw ISN 832211009');
    expect(synAck.zh).toContain('三次握手的第二步');
    const ack = await explain('lab-null.pcapng', 3);
    expect(ack.en).toContain('Third step of the three-way handshake');
    expect(ack.zh).toContain('三次握手的第三步');
  });

  it('data, the ACK that answers it, and the HTTP request and 200 they carry', async () => {
    const get = await explain('lab-null.pcapng', 4);
    expect(get.en).toContain('644 bytes, bytes 1–644');
    expect(get.en).toContain('Ack 645 (next expected sequence number = Seq 1 + Len 644)');
    expect(get.en).toContain('HTTP request: the browser asks 127.0.0.1:8080 to GET /.');
    expect(get.en).toContain('The response is in frame 9.');
    expect(get.zh).toContain('期望的下一个序号 = Seq 1 + Len 644');
    const ack = await explain('lab-null.pcapng', 5);
    expect(ack.en).toContain('A pure acknowledgment (no data): every byte up to 644 has arrived');
    expect(ack.zh).toContain('纯确认');
    const ok = await explain('lab-null.pcapng', 9);
    expect(ok.en).toContain('HTTP 200 OK');
    expect(ok.en).toContain('text/html');
    expect(ok.en).toContain('It answers the request in frame 4.');
    expect(ok.zh).toContain('HTTP 200 OK：服务器发送资源');
  });

  it('a JPEG reassembled from many segments, and the 206 that answers a Range request', async () => {
    const jpeg = await explain('lab-null.pcapng', 50);
    expect(jpeg.en).toMatch(/completes a message of \d+ bytes reassembled from \d+ TCP segments/);
    const range = await explain('lab-null.pcapng', 41);
    expect(range.en).toContain('Range: bytes=0-');
    expect(range.zh).toContain('浏览器按范围请求音频和视频');
    const partial = await explain('lab-null.pcapng', 142);
    expect(partial.en).toContain('HTTP 206 Partial Content');
    expect(partial.en).toContain('Content-Range: bytes 0-2097197/2097198');
    expect(partial.zh).toContain('HTTP 206 Partial Content：服务器只发送浏览器用 Range 首部请求的那一部分');
  });

  it('the FIN of the four-way close: it takes one sequence number', async () => {
    const fin = await explain('lab-null.pcapng', 145);
    expect(fin.en).toContain(
      'FIN takes up sequence number 2097555, so the other side acknowledges it with Ack 2097556',
    );
    expect(fin.zh).toContain('四次挥手');
    const finAck = await explain('lab-null.pcapng', 146);
    expect(finAck.en).toContain('next byte expected is 2097556');
  });

  it('a 304 Not Modified, an RST, a DNS query and answer, a TLS ClientHello and ServerHello', async () => {
    const notModified = await explain('zeek-wikipedia.pcap', 7);
    expect(notModified.en).toContain('HTTP 304 Not Modified: the browser already has http://www.wikipedia.org/');
    expect(notModified.zh).toContain('HTTP 304 Not Modified：浏览器的缓存里已经有');
    const rst = await explain('tcpdump-tcp_rst_data-trunc.pcap', 1);
    expect(rst.en).toContain('RST: port 80 aborts the connection with port 52875');
    expect(rst.zh).toContain('RST：端口 80 立即中止与端口 52875 的连接');
    const query = await explain('tcpdump-dns_udp.pcap', 1);
    expect(query.en).toBe(
      'DNS query: what is the A record of www.tcpdump.org? The answer will carry the same transaction ID (0x5934).',
    );
    const answer = await explain('tcpdump-dns_udp.pcap', 2);
    expect(answer.en).toContain('2 answer records, address 192.139.46.66, 198.199.88.104.');
    const hello = await explain('pcapplusplus-tls1_3.pcap', 1);
    expect(hello.en).toContain('TLS ClientHello: the client starts a TLS handshake for dogfish');
    const serverHello = await explain('pcapplusplus-tls1_3.pcap', 2);
    expect(serverHello.zh).toContain(
      'TLS ServerHello：服务器从客户端提供的选项中选定版本和密码套件（TLS_AES_256_GCM_SHA384 (0x1302)）',
    );
  });
});
