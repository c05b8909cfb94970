// Cisco Discovery Protocol (SNAP, Cisco OUI, PID 0x2000): a small header and TLVs; the device and port names go
// to Info as Wireshark shows them ("Device ID: R1  Port ID: FastEthernet0/0  ").
import type { Packet } from '../packet';
import { declare } from '../registry';
import { ciscoPids } from './llc';

const TLV_TYPES: Record<number, string> = {
  0x0001: 'Device ID',
  0x0002: 'Addresses',
  0x0003: 'Port ID',
  0x0004: 'Capabilities',
  0x0005: 'Software version',
  0x0006: 'Platform',
  0x0009: 'VTP Management Domain',
  0x000a: 'Native VLAN',
  0x000b: 'Duplex',
  0x0016: 'Management Address',
};

export const hf = declare('cdp', 'Cisco Discovery Protocol', 'CDP', {
  version: { abbrev: 'cdp.version', name: 'Version', type: 'uint' },
  ttl: { abbrev: 'cdp.ttl', name: 'TTL', type: 'uint', unit: 'seconds' },
  checksum: { abbrev: 'cdp.checksum', name: 'Checksum', type: 'uint', base: 'hex', bits: 16 },
  tlvType: { abbrev: 'cdp.tlv.type', name: 'Type', type: 'uint', base: 'hex', bits: 16, strings: TLV_TYPES },
  tlvLen: { abbrev: 'cdp.tlv.len', name: 'Length', type: 'uint' },
  deviceId: { abbrev: 'cdp.deviceid', name: 'Device ID', type: 'string' },
  portId: { abbrev: 'cdp.portid', name: 'Sent through Interface', type: 'string' },
  platform: { abbrev: 'cdp.platform', name: 'Platform', type: 'string' },
  softwareVersion: { abbrev: 'cdp.software_version', name: 'Software Version', type: 'string' },
  data: { abbrev: 'cdp.data', name: 'Data', type: 'bytes' },
});

const latin1 = new TextDecoder('latin1');

export function dissectCdp(p: Packet, off: number, end: number): void {
  p.addLayer('cdp');
  p.setProtocol('CDP');
  p.setInfo('');
  p.need(off, 4, end);
  if (p.sink.active) {
    p.open(hf.proto, off, end - off, null, 0, 'Cisco Discovery Protocol');
    p.add(hf.version, off, 1);
    p.add(hf.ttl, off + 1, 1);
    p.add(hf.checksum, off + 2, 2);
  }
  try {
    let o = off + 4;
    while (o + 4 <= end) {
      const type = p.dv.getUint16(o);
      const len = p.dv.getUint16(o + 2);
      if (len < 4 || o + len > end) {
        p.expert('error', 'Malformed', 'cdp.tlv.len.invalid', 'TLV with invalid length');
        break;
      }
      const v = o + 4;
      const n = len - 4;
      if (p.cols && (type === 1 || type === 3)) {
        p.appendInfo(`${type === 1 ? 'Device ID' : 'Port ID'}: ${latin1.decode(p.data.subarray(v, v + n))}  `);
      }
      if (p.sink.active) {
        p.text(o, len, TLV_TYPES[type] ?? `Type: Unknown (0x${type.toString(16).padStart(4, '0')})`, true);
        p.add(hf.tlvType, o, 2);
        p.add(hf.tlvLen, o + 2, 2);
        const field =
          type === 1
            ? hf.deviceId
            : type === 3
              ? hf.portId
              : type === 5
                ? hf.softwareVersion
                : type === 6
                  ? hf.platform
                  : hf.data;
        if (n > 0) p.add(field, v, n);
        p.close();
      }
      o += len;
    }
  } finally {
    p.close();
  }
}

ciscoPids.add(0x2000, dissectCdp);
