// Network Time Protocol (RFC 5905) on UDP port 123: the 48-byte header, and the control (mode 6) and private
// (mode 7) messages by their headers.
import { tcpPorts, udpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';

/** Version numbers as Wireshark names them in the Info column (0 and 5..7 are "reserved"). */
const VERSIONS: Record<number, string> = {
  0: 'reserved',
  1: 'NTP Version 1',
  2: 'NTP Version 2',
  3: 'NTP Version 3',
  4: 'NTP Version 4',
  5: 'reserved',
  6: 'reserved',
  7: 'reserved',
};

const MODES: Record<number, string> = {
  0: 'reserved',
  1: 'symmetric active',
  2: 'symmetric passive',
  3: 'client',
  4: 'server',
  5: 'broadcast',
  6: 'control',
  7: 'private',
};

const LEAP: Record<number, string> = {
  0: 'no warning',
  1: 'last minute of the day has 61 seconds',
  2: 'last minute of the day has 59 seconds',
  3: 'unknown (clock unsynchronized)',
};

export const hf = declare('ntp', 'Network Time Protocol', 'NTP', {
  flags: { abbrev: 'ntp.flags', name: 'Flags', type: 'uint', base: 'hex', bits: 8 },
  li: { abbrev: 'ntp.flags.li', name: 'Leap Indicator', type: 'uint', mask: 0xc0, bits: 8, strings: LEAP },
  vn: { abbrev: 'ntp.flags.vn', name: 'Version number', type: 'uint', mask: 0x38, bits: 8, strings: VERSIONS },
  mode: { abbrev: 'ntp.flags.mode', name: 'Mode', type: 'uint', mask: 0x07, bits: 8, strings: MODES },
  stratum: { abbrev: 'ntp.stratum', name: 'Peer Clock Stratum', type: 'uint' },
  ppoll: { abbrev: 'ntp.ppoll', name: 'Peer Polling Interval', type: 'int' },
  precision: { abbrev: 'ntp.precision', name: 'Peer Clock Precision', type: 'int' },
  rootdelay: { abbrev: 'ntp.rootdelay', name: 'Root Delay', type: 'double', unit: 'seconds' },
  rootdispersion: { abbrev: 'ntp.rootdispersion', name: 'Root Dispersion', type: 'double', unit: 'seconds' },
  refid: { abbrev: 'ntp.refid', name: 'Reference ID', type: 'bytes' },
  reftime: { abbrev: 'ntp.reftime', name: 'Reference Timestamp', type: 'bytes' },
  org: { abbrev: 'ntp.org', name: 'Origin Timestamp', type: 'bytes' },
  rec: { abbrev: 'ntp.rec', name: 'Receive Timestamp', type: 'bytes' },
  xmt: { abbrev: 'ntp.xmt', name: 'Transmit Timestamp', type: 'bytes' },
  ctrlFlags2: { abbrev: 'ntpctrl.flags2', name: 'Flags 2', type: 'uint', base: 'hex', bits: 8 },
  ctrlSequence: { abbrev: 'ntpctrl.sequence', name: 'Sequence', type: 'uint' },
  privFlags: { abbrev: 'ntppriv.flags', name: 'Flags', type: 'uint', base: 'hex', bits: 8 },
});

export function dissectNtp(p: Packet, off: number, end: number): boolean {
  p.addLayer('ntp');
  p.setProtocol('NTP');
  p.need(off, 1, end);
  const flags = p.data[off];
  const version = (flags >> 3) & 7;
  const mode = flags & 7;
  if (p.cols) p.setInfo(`${VERSIONS[version]}, ${MODES[mode]}`);
  const active = p.sink.active;
  const headerLen = mode === 6 ? 12 : mode === 7 ? 4 : 48;
  if (active) {
    p.open(hf.proto, off, Math.min(end, p.data.length) - off, null, 0, 'Network Time Protocol');
    p.open(hf.flags, off, 1);
    p.add(hf.li, off, 1);
    p.add(hf.vn, off, 1);
    p.add(hf.mode, off, 1);
    p.close();
  }
  try {
    // Every field of the header is read, so a short message fails as it does in Wireshark.
    p.need(off, headerLen, end);
    if (!active) return true;
    if (mode === 6) {
      p.add(hf.ctrlFlags2, off + 1, 1);
      p.add(hf.ctrlSequence, off + 2, 2);
    } else if (mode === 7) {
      p.add(hf.privFlags, off + 1, 1);
    } else {
      const dv = p.dv;
      p.add(hf.stratum, off + 1, 1);
      p.add(hf.ppoll, off + 2, 1);
      p.add(hf.precision, off + 3, 1);
      p.add(hf.rootdelay, off + 4, 4, dv.getUint32(off + 4) / 65536);
      p.add(hf.rootdispersion, off + 8, 4, dv.getUint32(off + 8) / 65536);
      p.add(hf.refid, off + 12, 4);
      p.add(hf.reftime, off + 16, 8);
      p.add(hf.org, off + 24, 8);
      p.add(hf.rec, off + 32, 8);
      p.add(hf.xmt, off + 40, 8);
    }
  } finally {
    if (active) p.close();
  }
  return true;
}

udpPorts.add(123, dissectNtp);
tcpPorts.add(123, dissectNtp);
