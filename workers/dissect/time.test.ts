import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkedSource } from '../capture/testing';
import { Engine } from '../engine';
import { formatRelTime, timeDelta } from './time';
import { dissectFile } from './testing';

const testFile = (name: string) => new Uint8Array(readFileSync(new URL(`../testdata/${name}`, import.meta.url)));

/** frame.time_relative of every frame as tshark -T fields prints it ("" when the frame has no timestamp). */
async function relativeTimes(name: string): Promise<string[]> {
  const engine = new Engine();
  await engine.open(chunkedSource(testFile(name)));
  const out: string[] = [];
  for (let i = 0; i < engine.count; i++) {
    const t = engine.relative(i);
    out.push(t ? formatRelTime(t.sec, t.ns, 9) : '');
  }
  return out;
}

describe('relative time (the Time column)', () => {
  // Each list is tshark 4.0's frame.time_relative column for the file.
  it('uses the first frame as the reference even when it has no timestamp (simple packet blocks)', async () => {
    for (const o of ['le', 'be']) {
      expect(await relativeTimes(`pcapng-gen-${o}-test010.pcapng`)).toEqual(['', '', '', '']);
      expect(await relativeTimes(`pcapng-gen-${o}-test011.pcapng`)).toEqual([
        '',
        '1340954905.298858000',
        '',
        '1340954905.300858000',
      ]);
      expect(await relativeTimes(`pcapng-gen-${o}-test012.pcapng`)).toEqual(['', '', '0.000000000', '0.000000000']);
    }
    expect(await relativeTimes('pcapng-gen-le-test016.pcapng')).toEqual([
      '',
      '1340954905.298858000',
      '',
      '1340954905.300858000',
    ]);
    expect(await relativeTimes('pcapng-gen-le-test100.pcapng')).toEqual([
      '',
      '1340954905.298858000',
      '',
      '1340954905.300858000',
      '1340954905.301858000',
    ]);
  });

  it('uses a custom block in first place as a reference of time zero', async () => {
    for (const o of ['le', 'be']) {
      expect(await relativeTimes(`pcapng-gen-${o}-test018.pcapng`)).toEqual([
        '',
        '',
        '1340954905.298858000',
        '',
        '',
        '',
        '1340954905.300858000',
        '',
      ]);
      expect(await relativeTimes(`pcapng-gen-${o}-test202.pcapng`)).toEqual([
        '',
        '1340954905.298858000',
        '1340954905.298858000',
        '1340954905.301858000',
        '',
        '1340954905.298858000',
        '',
        '',
        '1340954905.298858000',
        '',
        '1340954905.301858000',
      ]);
    }
    expect(await relativeTimes('pcapng-gen-le-test102.pcapng')).toEqual([
      '',
      '1340954905.298858000',
      '',
      '1340954905.298858000',
      '',
      '1340954905.300858000',
      '1340954905.301858000',
      '',
    ]);
    expect(await relativeTimes('pcapng-gen-le-test017.pcapng')).toEqual(['', '', '', '']);
  });

  it('keeps timestamps without a packet before them as usual', async () => {
    expect(await relativeTimes('pcapng-gen-le-test101.pcapng')).toEqual([
      '0.000000000',
      '0.000000000',
      '',
      '0.003000000',
    ]);
    expect(await relativeTimes('gopacket-le-test902.pcapng')).toEqual(['0.000000000']);
    expect(await relativeTimes('tcpdump-time_2106_overflow.pcapng')).toEqual(['0.000000000']);
  });

  it('shows a negative delta (PcapPlusPlus microsecs.pcap)', async () => {
    expect(await relativeTimes('pcapplusplus-microsecs.pcap')).toEqual(['0.000000000', '-0.000001000']);
  });

  it('computes invalid timestamps as Wireshark does (tcpdump timestamp_invalid_*)', async () => {
    expect(await relativeTimes('tcpdump-timestamp_invalid_micro.pcap')).toEqual([
      '0.000000000',
      '1.000001000',
      '0.000001000',
    ]);
    expect(await relativeTimes('tcpdump-timestamp_invalid_nano.pcap')).toEqual([
      '0.000000000',
      '1.000000001',
      '1.1147483649',
    ]);
  });

  it('keeps every nanosecond (lab tls-proxy.pcapng)', async () => {
    const t = await relativeTimes('lab-tls-proxy.pcapng');
    expect(t.slice(0, 5)).toEqual(['0.000000000', '0.000017095', '0.000034391', '0.000086839', '0.000093640']);
  });
});

describe('frame.time_delta and frame.time_relative fields', () => {
  const path = (name: string) => new URL(`../testdata/${name}`, import.meta.url).pathname;

  it('gives the time since the previous frame, negative when the clock went back', async () => {
    const { packets } = await dissectFile(path('pcapplusplus-microsecs.pcap'));
    expect(packets.map((d) => d.field('frame.time_delta'))).toEqual(['0.000000000', '-0.000001000']);
    expect(packets.map((d) => d.field('frame.time_relative'))).toEqual(['0.000000000', '-0.000001000']);
  });

  it('counts a frame without a timestamp as having the one before it', async () => {
    // test101: #3 is a simple packet block; #4 (0.003000000 after #1 and #2) follows it.
    const { packets } = await dissectFile(path('pcapng-gen-le-test101.pcapng'));
    expect(packets.map((d) => d.field('frame.time_delta'))).toEqual([
      '0.000000000',
      '0.000000000',
      undefined,
      '0.003000000',
    ]);
    expect(packets[2].field('frame.time_relative')).toBeUndefined();
  });
});

describe('timeDelta and formatRelTime', () => {
  it('gives both parts the same sign, as nstime_delta does', () => {
    expect(timeDelta(10, 100, 9, 200)).toEqual({ sec: 0, ns: 999999900 });
    expect(timeDelta(9, 200, 10, 100)).toEqual({ sec: 0, ns: -999999900 });
    expect(timeDelta(10, 100, 10, 200)).toEqual({ sec: 0, ns: -100 });
    expect(timeDelta(12, 0, 10, 0)).toEqual({ sec: 2, ns: 0 });
  });

  it('wraps nanoseconds like 32-bit ints', () => {
    expect(timeDelta(1, -2147483648, 0, 999999999)).toEqual({ sec: 1, ns: 1147483649 });
  });

  it('prints nine digits, a minus sign for negative times, out-of-range nanoseconds whole', () => {
    expect(formatRelTime(0, 0)).toBe('0.000000000');
    expect(formatRelTime(0, -1000)).toBe('-0.000001000');
    expect(formatRelTime(-3, -5)).toBe('-3.000000005');
    expect(formatRelTime(1, 1147483649)).toBe('1.1147483649');
    expect(formatRelTime(2, 123456789, 6)).toBe('2.123456');
    expect(formatRelTime(2, 5, 0)).toBe('2');
  });
});
