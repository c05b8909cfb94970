import { describe, expect, it } from 'vitest';
import { dissectHex } from '../testing';

// tcpdump/unsupported-link-type-dbus.pcap #2 — tshark: org.freedesktop.DBus → :1.111 D-Bus 72 -> ''
const RETURN =
  '6c02010100000000110000003500000006017300060000003a312e3131310000050175001700000007017300140000006f72672e667265656465736b746f702e4442757300000000';

describe('dbus', () => {
  it('shows a method return with its sender and destination names', () => {
    const d = dissectHex(RETURN, 231);
    expect(d.cols.protocol).toBe('D-Bus');
    expect(d.cols.src).toBe('org.freedesktop.DBus');
    expect(d.cols.dst).toBe(':1.111');
    expect(d.cols.info).toBe("-> ''");
    expect(d.field('dbus.reply_serial')).toBe('23');
  });

  it('shows a method call as member() @ path', () => {
    // tcpdump/unsupported-link-type-dbus.pcap #1 (header only) — tshark: → org.freedesktop.DBus D-Bus 290 RemoveMatch() @ /org/freedesktop/DBus
    const d = dissectHex(
      '6c01010192000000170000007f00000001016f00150000002f6f72672f667265656465736b746f702f4442757300000006017300140000006f72672e667265656465736b746f702e444275730000000002017300140000006f72672e667265656465736b746f702e4442757300000000030173000b00000052656d6f76654d61746368000000000008016700017300',
      231,
    );
    expect(d.cols.info).toBe('RemoveMatch() @ /org/freedesktop/DBus');
    expect(d.cols.src).toBe('');
    expect(d.cols.dst).toBe('org.freedesktop.DBus');
    expect(d.field('dbus.signature')).toBe('s');
  });

  it('reports a header cut short', () => {
    expect(dissectHex(RETURN.slice(0, 60), 231, 72).cols.info).toBe('[Packet size limited during capture]');
  });
});
