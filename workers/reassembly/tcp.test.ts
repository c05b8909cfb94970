// TCP reassembly through the real engine: crafted captures (a tiny length-prefixed protocol on a test port) and the
// lab capture. Expected values for the lab file are tshark 4.0's (its lines are quoted beside them).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesSource } from '../capture/source';
import { tcpPorts } from '../dissect/dispatch';
import type { Packet } from '../dissect/packet';
import { dissectFile } from '../dissect/testing';
import { allFields, fieldByName } from '../dissect/registry';
import { FieldSink } from '../dissect/sinks';
import { exportValue } from '../dissect/format';
import { Engine } from '../engine';
import { currentTcp, DESEGMENT_ONE_MORE_SEGMENT } from './tcp';
import { seqAdd, seqDiff, seqGt, seqLt } from './seq';
import { assemble } from './tcp-stream';

// ---- a toy protocol: [u16 length][text]; Info lists the messages of the call -----------------------------------

const TOY_PORT = 7777;
/** Every message the toy dissector saw, in order, per pass. */
const seen: { pass: number; frame: number; text: string; reassembled: boolean }[] = [];

function dissectToy(p: Packet, off: number, end: number): boolean {
  let pos = off;
  const texts: string[] = [];
  while (pos < end) {
    if (end - pos < 2) {
      currentTcp.desegmentOffset = pos;
      currentTcp.desegmentLen = DESEGMENT_ONE_MORE_SEGMENT;
      break;
    }
    const len = p.dv.getUint16(pos);
    if (pos + 2 + len > end) {
      currentTcp.desegmentOffset = pos;
      currentTcp.desegmentLen = pos + 2 + len - end;
      break;
    }
    const text = new TextDecoder().decode(p.data.subarray(pos + 2, pos + 2 + len));
    texts.push(text);
    seen.push({ pass: p.pass, frame: p.frameNumber, text, reassembled: currentTcp.reassembled });
    pos += 2 + len;
  }
  if (texts.length) {
    p.setProtocol('TOY');
    p.setInfo(`TOY ${texts.join(' | ')}`);
  }
  return true;
}
tcpPorts.add(TOY_PORT, dissectToy);

const toy = (text: string) => {
  const b = new TextEncoder().encode(text);
  return Uint8Array.from([b.length >> 8, b.length & 255, ...b]);
};
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((x) => [...x]));

// ---- crafting a capture ------------------------------------------------------------------------------------------

interface Seg {
  /** Raw sequence number. */
  seq: number;
  flags?: number;
  data?: Uint8Array;
  /** From the server (port 7777) to the client. */
  fromServer?: boolean;
  /** The server's port, when not the toy protocol's. */
  port?: number;
}

function frame(s: Seg): Uint8Array {
  const data = s.data ?? new Uint8Array(0);
  const ipLen = 20 + 20 + data.length;
  const f = new Uint8Array(14 + ipLen);
  const dv = new DataView(f.buffer);
  dv.setUint16(12, 0x0800);
  f[14] = 0x45;
  dv.setUint16(16, ipLen);
  f[22] = 64;
  f[23] = 6;
  const [src, dst] = s.fromServer ? [2, 1] : [1, 2];
  f.set([10, 0, 0, src], 26);
  f.set([10, 0, 0, dst], 30);
  dv.setUint16(34, s.fromServer ? (s.port ?? TOY_PORT) : 40000);
  dv.setUint16(36, s.fromServer ? 40000 : (s.port ?? TOY_PORT));
  dv.setUint32(38, s.seq >>> 0);
  dv.setUint32(42, 0);
  f[46] = 5 << 4;
  f[47] = s.flags ?? 0x18; // PSH, ACK unless told
  if ((s.flags ?? 0x18) & 0x10) dv.setUint32(42, 1000);
  dv.setUint16(48, 65535);
  f.set(data, 54);
  return f;
}

function pcap(frames: Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 65535, true);
  dv.setUint32(20, 1, true);
  let o = 24;
  frames.forEach((f, i) => {
    dv.setUint32(o, 1000 + i, true);
    dv.setUint32(o + 8, f.length, true);
    dv.setUint32(o + 12, f.length, true);
    out.set(f, o + 16);
    o += 16 + f.length;
  });
  return out;
}

interface Row {
  protocol: string;
  info: string;
  field(name: string): string | undefined;
}

/** Open the segments (after a SYN at `isn`) and dissect the rows in the given order (default: file order). */
async function run(isn: number, segs: Seg[], order?: number[]): Promise<{ rows: Row[]; engine: Engine }> {
  seen.length = 0;
  const frames = [frame({ seq: isn, flags: 0x02, port: segs[0]?.port }), ...segs.map(frame)];
  const engine = new Engine();
  await engine.open(bytesSource(pcap(frames)));
  const sink = new FieldSink(
    allFields().map((f) => f.id),
    allFields().length,
  );
  const rows: Row[] = [];
  for (const i of order ?? frames.map((_, k) => k)) {
    await engine.dissectRange(i, i + 1, sink, (_p, cols) => {
      const values = new Map(sink.values);
      rows[i] = {
        protocol: cols.protocol,
        info: cols.info,
        field: (name) => {
          const def = fieldByName(name);
          if (!def) throw new Error(name);
          const v = (values.get(def.id) ?? []).map((x) => exportValue(def, x));
          return v.length ? v.join(',') : undefined;
        },
      };
      sink.clear();
    });
  }
  return { rows, engine };
}

const TAG = '[TCP segment of a reassembled PDU]';

// ---- tests -------------------------------------------------------------------------------------------------------

describe('sequence arithmetic', () => {
  it('compares across the wrap', () => {
    expect(seqLt(0xfffffff0, 0x10)).toBe(true);
    expect(seqGt(0x10, 0xfffffff0)).toBe(true);
    expect(seqDiff(0x10, 0xfffffff0)).toBe(0x20);
    expect(seqAdd(0xffffffff, 2)).toBe(1);
  });
});

describe('TCP reassembly (crafted)', () => {
  it('hands over one message spread over three segments, across the sequence-number wrap', async () => {
    const isn = 0xfffffff0; // the data starts at 0xfffffff1 and wraps inside the message
    const msg = toy('hello reassembled world'); // 25 bytes
    const { rows } = await run(isn, [
      { seq: isn + 1, data: msg.subarray(0, 10) },
      { seq: (isn + 11) >>> 0, data: msg.subarray(10, 20) },
      { seq: (isn + 21) >>> 0, data: msg.subarray(20) },
    ]);
    expect(rows[1].protocol).toBe('TCP');
    expect(rows[1].info.endsWith(` Len=10 ${TAG}`)).toBe(true);
    expect(rows[1].field('tcp.reassembled_in')).toBe('4');
    expect(rows[2].info.endsWith(TAG)).toBe(true);
    expect(rows[3].protocol).toBe('TOY');
    expect(rows[3].info).toBe('TOY hello reassembled world');
    expect(rows[3].field('tcp.reassembled.length')).toBe('25');
    expect(rows[3].field('tcp.segment.count')).toBe('3');
    expect(rows[3].field('tcp.segment')).toBe('2,3,4');
    expect(rows[3].field('tcp.reassembled_in')).toBeUndefined();
    expect(seen.filter((s) => s.pass === 2).map((s) => [s.frame, s.text, s.reassembled])).toEqual([
      [4, 'hello reassembled world', true],
    ]);
  });

  it('several messages in one segment, one ending mid-segment and the next starting there', async () => {
    const a = toy('one');
    const b = toy('two');
    const c = toy('three, longer');
    const d = toy('four');
    const stream = cat(a, b, c, d);
    const cut1 = a.length + b.length + 4; // inside c
    const { rows } = await run(100, [
      { seq: 101, data: stream.subarray(0, cut1) },
      { seq: 101 + cut1, data: stream.subarray(cut1) },
    ]);
    expect(rows[1].info).toBe('TOY one | two');
    expect(rows[1].field('tcp.reassembled_in')).toBe('3');
    // The tail after a completed message is fenced: a dissector that replaces Info only adds to it, as in Wireshark.
    expect(rows[2].info).toBe('TOY three, longerTOY four');
    expect(rows[2].protocol).toBe('TOY');
    expect(rows[2].field('tcp.reassembled.length')).toBe(String(c.length));
    expect(seen.filter((s) => s.pass === 1).map((s) => s.text)).toEqual(['one', 'two', 'three, longer', 'four']);
  });

  it('one-more-segment requests until the length is known', async () => {
    const m = toy('x'.repeat(40));
    const { rows } = await run(5000, [
      { seq: 5001, data: m.subarray(0, 1) },
      { seq: 5002, data: m.subarray(1, 20) },
      { seq: 5021, data: m.subarray(20) },
    ]);
    expect(rows[1].info.endsWith(TAG)).toBe(true);
    expect(rows[2].info.endsWith(TAG)).toBe(true);
    expect(rows[2].field('tcp.reassembled_in')).toBe('4');
    expect(rows[3].info).toBe(`TOY ${'x'.repeat(40)}`);
    expect(rows[3].field('tcp.reassembled.length')).toBe('42');
  });

  it('a retransmitted segment is not handed over twice', async () => {
    const m = toy('retransmitted once');
    const { rows } = await run(1, [
      { seq: 2, data: m.subarray(0, 8) },
      { seq: 2, data: m.subarray(0, 8) },
      { seq: 10, data: m.subarray(8) },
    ]);
    expect(rows[2].info.includes(TAG)).toBe(false);
    expect(rows[2].field('tcp.segment_data')).toBeDefined();
    expect(rows[3].info).toBe('TOY retransmitted once');
    expect(rows[3].field('tcp.segment.count')).toBe('2');
  });

  it('a segment overlapping data already seen counts as a retransmission and is skipped', async () => {
    const m = toy('abcdefghij');
    // Bytes 6..7 come again with other values ("QQ"), then new bytes ("XXXX").
    const bad = Uint8Array.from([0x51, 0x51, 0x58, 0x58, 0x58, 0x58]);
    const { rows } = await run(1, [
      { seq: 2, data: m.subarray(0, 8) },
      { seq: 8, data: bad },
    ]);
    expect(rows[2].protocol).toBe('TCP');
    expect(rows[2].info.includes(TAG)).toBe(false);
    expect(rows[2].field('tcp.segment_data')).toBe('51:51:58:58:58:58');
    expect(seen.some((x) => x.text.includes('X'))).toBe(false);
  });

  it('assembling overlapping pieces keeps the bytes of the lower offset', () => {
    const pieces = [Uint8Array.from([1, 2, 3, 4]), Uint8Array.from([9, 9, 5, 6])];
    const offs = [0, 2];
    expect([
      ...assemble(
        6,
        2,
        (i) => offs[i],
        (i) => pieces[i],
      ),
    ]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('a missing segment: the message is never handed over', async () => {
    const m = toy('never complete');
    const { rows } = await run(1, [
      { seq: 2, data: m.subarray(0, 5) },
      // bytes 5..9 were not captured
      { seq: 12, data: m.subarray(10) },
    ]);
    expect(rows[1].info.endsWith(TAG)).toBe(true);
    expect(rows[2].info.endsWith(TAG)).toBe(true);
    expect(rows[1].field('tcp.reassembled_in')).toBeUndefined();
    expect(rows.some((r) => r.protocol === 'TOY')).toBe(false);
  });

  it('the second pass in reverse order gives the same rows and bytes', async () => {
    const m1 = toy('first message spread out');
    const m2 = toy('second');
    const stream = cat(m1, m2);
    const segs: Seg[] = [];
    for (let o = 0; o < stream.length; o += 7) segs.push({ seq: 0xffffff00 + 1 + o, data: stream.subarray(o, o + 7) });
    const forward = await run(0xffffff00, segs);
    const fwdSeen = seen.filter((s) => s.pass === 2).map((s) => `${s.frame}:${s.text}`);
    const order = forward.rows.map((_, i) => i).reverse();
    const backward = await run(0xffffff00, segs, order);
    const backSeen = seen.filter((s) => s.pass === 2).map((s) => `${s.frame}:${s.text}`);
    expect(backward.rows.map((r) => [r.protocol, r.info])).toEqual(forward.rows.map((r) => [r.protocol, r.info]));
    expect([...backSeen].sort()).toEqual([...fwdSeen].sort());
    expect(fwdSeen).toEqual(['5:first message spread out', '6:second']);
  });
});

// ---- the lab capture -----------------------------------------------------------------------------------------------

const LAB = new URL('../../../shared/captures/lab/lab-loopback.pcapng', import.meta.url).pathname;

describe.skipIf(!existsSync(LAB))('TCP reassembly (lab capture)', () => {
  it('the JPEG from 19 segments', async () => {
    const { packets } = await dissectFile(LAB);
    // 13  TCP  8080 → 42960 [ACK] Seq=884 Ack=1212 Win=65536 Len=33280 TSval=… [TCP segment of a reassembled PDU]
    expect(packets[12].cols.protocol).toBe('TCP');
    expect(packets[12].cols.info.endsWith(TAG)).toBe(true);
    expect(packets[12].field('tcp.reassembled_in')).toBe('50');
    // 50  HTTP  HTTP/1.1 200 OK  (JPEG JFIF image); tcp.reassembled.length 706242, tcp.segment.count 19
    expect(packets[49].field('tcp.reassembled.length')).toBe('706242');
    expect(packets[49].field('tcp.segment.count')).toBe('19');
    expect(packets[49].field('tcp.segment')?.split(',')[0]).toBe('13');
    // 142  tcp.reassembled.length 2097554 (the MP3, 53 segments)
    expect(packets[141].field('tcp.reassembled.length')).toBe('2097554');
    expect(packets[141].field('tcp.segment.count')).toBe('53');
  });
});

describe('a real consumer: DNS over TCP', () => {
  // The query of tcpdump's dns_udp.pcap frame 1 ("Standard query 0x5934 A www.tcpdump.org OPT"), sent over TCP with
  // its 2-byte length, split over three segments.
  const query = Uint8Array.from(
    '593401200001000000000001037777770774637064756d70036f72670000010001000029100000000000000c000a000842f5d00996f90b13'
      .match(/../g)!
      .map((h) => parseInt(h, 16)),
  );
  const message = cat(Uint8Array.from([0, query.length]), query);

  it('is reassembled and dissected in the frame that completes it', async () => {
    const isn = 5000;
    const { rows } = await run(isn, [
      { seq: isn + 1, data: message.subarray(0, 1), port: 53 },
      { seq: isn + 2, data: message.subarray(1, 20), port: 53 },
      { seq: isn + 21, data: message.subarray(20), port: 53 },
    ]);
    expect(rows[1].info.endsWith(TAG)).toBe(true);
    expect(rows[2].info.endsWith(TAG)).toBe(true);
    expect(rows[3].protocol).toBe('DNS');
    expect(rows[3].info).toBe('Standard query 0x5934 A www.tcpdump.org OPT');
    expect(rows[3].field('tcp.reassembled.length')).toBe(String(message.length));
    expect(rows[3].field('dns.qry.name')).toBe('www.tcpdump.org');
  });
});

describe('a message that runs until the FIN', () => {
  const text = (t: string) => new TextEncoder().encode(t);

  it('is handed over in the FIN segment even when the FIN carries no data', async () => {
    // An HTTP/1.0 response without Content-Length ends where the server closes. tshark 4.0.17 on this capture:
    //   3  HTTP  HTTP/1.0 200 OK  (text/plain)      (frame 4 = the empty FIN)
    const isn = 9000;
    const srv = 70000;
    const { rows } = await run(isn, [
      { seq: isn + 1, data: text('GET / HTTP/1.0\r\n\r\n'), port: 80 },
      {
        seq: srv + 1,
        data: text('HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nhello, '),
        fromServer: true,
        port: 80,
      },
      { seq: srv + 53, data: text('world'), fromServer: true, port: 80 },
      { seq: srv + 58, flags: 0x11, fromServer: true, port: 80 },
    ]);
    expect(rows[2].info.endsWith(TAG)).toBe(true);
    expect(rows[4].protocol).toBe('HTTP');
    expect(rows[4].info).toBe('HTTP/1.0 200 OK  (text/plain)');
    expect(rows[4].field('tcp.reassembled.length')).toBe('57');
  });
});
