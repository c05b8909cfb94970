import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newRecord } from '../capture/types';
import { PacketIndex, RowFlag } from './packet-index';

describe('PacketIndex', () => {
  it('keeps timestamps as read, out-of-range and negative nanoseconds included, across growth', () => {
    const index = new PacketIndex(2);
    const rec = newRecord();
    const ns = [0, 999999999, 1000000000, -2147483648, 2147483647];
    for (let i = 0; i < ns.length; i++) {
      rec.tsSec = 4294967296 + i;
      rec.tsNs = ns[i];
      rec.offset = 2 ** 40 + i;
      rec.capLen = rec.origLen = 60 + i;
      expect(index.append(rec)).toBe(i);
    }
    expect(index.count).toBe(5);
    expect(Array.from(index.tsNs.subarray(0, 5))).toEqual(ns);
    expect(index.seconds(4)).toBe(4294967300);
    expect(index.offsetOf(4)).toBe(2 ** 40 + 4);
  });

  it('marks frames without a timestamp, pseudo-frames, truncated and commented frames', () => {
    const index = new PacketIndex();
    const rec = newRecord();
    rec.tsSec = NaN;
    rec.capLen = 10;
    rec.origLen = 20;
    rec.comments = ['hello'];
    index.append(rec);
    rec.comments = null;
    rec.interfaceId = -1;
    rec.blockType = 0xbad;
    rec.pen = 32473;
    rec.capLen = rec.origLen = 24;
    index.append(rec);
    rec.interfaceId = 70000;
    rec.tsSec = 5;
    index.append(rec);
    expect(Number.isNaN(index.seconds(0))).toBe(true);
    expect(index.flags[0] & RowFlag.NoTimestamp).toBeTruthy();
    expect(index.flags[0] & RowFlag.Truncated).toBeTruthy();
    expect(index.flags[0] & RowFlag.Commented).toBeTruthy();
    expect(index.comments.get(0)).toEqual(['hello']);
    expect(index.interfaceOf(1)).toBe(-1);
    expect(index.blocks.get(1)).toEqual([0xbad, 32473]);
    // More interfaces than 16 bits can number.
    expect(index.interfaceOf(2)).toBe(70000);
    expect(index.seconds(2)).toBe(5);
  });

  it('keeps 2 bytes of seconds, 4 of offset and 1 of interface per packet until a value needs more, losing none', () => {
    const index = new PacketIndex(2);
    const rec = newRecord();
    const add = (sec: number, offset: number, iface: number, capLen: number, origLen: number) => {
      rec.tsSec = sec;
      rec.offset = offset;
      rec.interfaceId = iface;
      rec.capLen = capLen;
      rec.origLen = origLen;
      index.append(rec);
    };
    add(1_700_000_000, 24, 0, 60, 60);
    // No interface column while every packet is of interface 0.
    expect(index.interfaceWidth).toBe(0);
    add(1_700_000_001, 100, 3, 1514, 1514);
    expect(index.secondsWidth).toBe(2);
    expect(index.interfaceWidth).toBe(1);
    expect([index.interfaceOf(0), index.interfaceOf(1)]).toEqual([0, 3]);
    expect(index.capLen).toBeInstanceOf(Uint16Array);
    // Seconds 2, nanoseconds 4, offset (gap and mark) 1.125, captured length 2, interface, protocol, flags, stack 1.
    expect(index.byteSize).toBe(2 * (2 + 4 + 1.125 + 2 + 1 + 1 + 1 + 1));
    index.setProtocol(0, 'TCP');
    index.setStack(0, 3);
    // Lengths on the wire equal the captured ones until a packet is cut short.
    expect(index.origLen(1)).toBe(1514);
    for (let k = 0; k < 300; k++) index.setProtocol(1, `P${k}`);
    index.setStack(1, 300);
    add(2 ** 32 + 7, 2 ** 32 + 5, 200, 96, 1514);
    expect(index.secondsWidth).toBe(4);
    add(1_700_000_003, 2 ** 33, 1, 60, 60);
    expect(index.interfaceWidth).toBe(4);
    expect([0, 1, 2, 3].map((i) => index.interfaceOf(i))).toEqual([0, 3, 200, 1]);
    expect(index.protocol).toBeInstanceOf(Uint16Array);
    expect(index.stack).toBeInstanceOf(Uint16Array);
    expect(index.protocolNames[index.protocol[0]]).toBe('TCP');
    expect(index.protocolNames[index.protocol[1]]).toBe('P299');
    expect([index.stack[0], index.stack[1]]).toEqual([3, 300]);
    add(1_700_000_004, 2 ** 33 + 100, 1, 70_000, 70_000);
    expect(index.capLen).toBeInstanceOf(Uint32Array);
    expect([0, 1, 4].map((i) => index.capLen[i])).toEqual([60, 1514, 70_000]);
    expect([0, 1, 2, 3].map((i) => index.seconds(i))).toEqual([
      1_700_000_000,
      1_700_000_001,
      2 ** 32 + 7,
      1_700_000_003,
    ]);
    expect([0, 1, 2, 3].map((i) => index.offsetOf(i))).toEqual([24, 100, 2 ** 32 + 5, 2 ** 33]);
    // Time going back before the first packet: absolute seconds from then on, the earlier ones unchanged.
    add(1_699_999_000, 2 ** 33 + 200, 0, 60, 60);
    rec.tsSec = NaN;
    add(NaN, 2 ** 33 + 300, 0, 60, 60);
    expect(index.secondsWidth).toBe(8);
    expect([0, 2, 3, 5].map((i) => index.seconds(i))).toEqual([
      1_700_000_000,
      2 ** 32 + 7,
      1_700_000_003,
      1_699_999_000,
    ]);
    expect(index.seconds(6)).toBeNaN();
    expect(index.rawSeconds(6)).toBe(0);
    expect([0, 1, 2, 3].map((i) => index.interfaceOf(i))).toEqual([0, 3, 200, 1]);
    expect([0, 1, 2, 3, 4].map((i) => index.origLen(i))).toEqual([60, 1514, 1514, 60, 70_000]);
    index.trim();
    expect([0, 1, 2, 3].map((i) => index.origLen(i))).toEqual([60, 1514, 1514, 60]);
  });

  it('works out every offset from a mark every 64 packets and the gaps between records, in any order of asking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 1600 }), fc.integer({ min: 0, max: 300 })), {
          minLength: 1,
          maxLength: 300,
        }),
        (packets) => {
          const index = new PacketIndex(4);
          const rec = newRecord();
          const offsets: number[] = [];
          let at = 24;
          for (const [capLen, gap] of packets) {
            at += gap;
            offsets.push(at);
            rec.offset = at;
            rec.capLen = rec.origLen = capLen;
            index.append(rec);
            at += capLen;
          }
          index.trim();
          // Backwards, then forwards (the in-order shortcut), then the same one twice.
          for (let i = offsets.length - 1; i >= 0; i--) expect(index.offsetOf(i)).toBe(offsets[i]);
          for (let i = 0; i < offsets.length; i++) expect(index.offsetOf(i)).toBe(offsets[i]);
          expect(index.offsetOf(0)).toBe(offsets[0]);
          expect(index.offsetOf(0)).toBe(offsets[0]);
        },
      ),
    );
  });
});
