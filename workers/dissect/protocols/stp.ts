// Spanning Tree BPDUs (IEEE 802.1D/802.1w/802.1s) over LLC SAP 0x42: configuration, topology change and RST/MST
// BPDUs, with the root bridge, path cost and port in Info as Wireshark shows them.
import { llcSaps } from '../dispatch';
import type { Packet } from '../packet';
import { formatEther } from '../packet';
import { declare } from '../registry';

const BPDU_TYPES: Record<number, string> = {
  0x00: 'Configuration',
  0x02: 'Rapid/Multiple Spanning Tree',
  0x80: 'Topology Change Notification',
};

export const hf = declare('stp', 'Spanning Tree Protocol', 'STP', {
  protocol: { abbrev: 'stp.protocol', name: 'Protocol Identifier', type: 'uint', base: 'hex', bits: 16 },
  version: { abbrev: 'stp.version', name: 'Protocol Version Identifier', type: 'uint' },
  type: { abbrev: 'stp.type', name: 'BPDU Type', type: 'uint', base: 'hex', bits: 8, strings: BPDU_TYPES },
  flags: { abbrev: 'stp.flags', name: 'BPDU flags', type: 'uint', base: 'hex', bits: 8 },
  rootPrio: { abbrev: 'stp.root.prio', name: 'Root Bridge Priority', type: 'uint', mask: 0xf000, bits: 16 },
  rootExt: { abbrev: 'stp.root.ext', name: 'Root Bridge System ID Extension', type: 'uint', mask: 0x0fff, bits: 16 },
  rootHw: { abbrev: 'stp.root.hw', name: 'Root Bridge System ID', type: 'ether' },
  rootCost: { abbrev: 'stp.root.cost', name: 'Root Path Cost', type: 'uint' },
  bridgePrio: { abbrev: 'stp.bridge.prio', name: 'Bridge Priority', type: 'uint', mask: 0xf000, bits: 16 },
  bridgeExt: { abbrev: 'stp.bridge.ext', name: 'Bridge System ID Extension', type: 'uint', mask: 0x0fff, bits: 16 },
  bridgeHw: { abbrev: 'stp.bridge.hw', name: 'Bridge System ID', type: 'ether' },
  port: { abbrev: 'stp.port', name: 'Port identifier', type: 'uint', base: 'hex', bits: 16 },
  msgAge: { abbrev: 'stp.msg_age', name: 'Message Age', type: 'double' },
  maxAge: { abbrev: 'stp.max_age', name: 'Max Age', type: 'double' },
  hello: { abbrev: 'stp.hello', name: 'Hello Time', type: 'double' },
  forward: { abbrev: 'stp.forward', name: 'Forward Delay', type: 'double' },
  v1Length: { abbrev: 'stp.version_1_length', name: 'Version 1 Length', type: 'uint' },
});

export function dissectStp(p: Packet, off: number, end: number): void {
  p.addLayer('stp');
  p.setProtocol('STP');
  p.setInfo('');
  p.need(off, 4, end);
  const version = p.data[off + 2];
  const type = p.data[off + 3];
  if (type === 0x80) {
    if (p.cols) p.setInfo('Topology Change Notification');
    if (p.sink.active) {
      p.open(hf.proto, off, 4, null, 0, 'Spanning Tree Protocol');
      p.add(hf.protocol, off, 2);
      p.add(hf.version, off + 2, 1);
      p.add(hf.type, off + 3, 1);
      p.close();
    }
    return;
  }
  p.need(off, 35, end);
  const flags = p.data[off + 4];
  const root = p.dv.getUint16(off + 5);
  const cost = p.dv.getUint32(off + 13);
  const port = p.dv.getUint16(off + 25);
  if (p.cols) {
    const rootText = `Root = ${root & 0xf000}/${root & 0x0fff}/${formatEther(p.data, off + 7)}`;
    const tail = `${rootText}  Cost = ${cost}  Port = 0x${port.toString(16).padStart(4, '0')}`;
    if (type === 0x02) p.setInfo(`${version === 3 ? 'MST' : 'RST'}. ${tail}`);
    else if (type === 0x00) p.setInfo(`Conf. ${flags & 0x01 ? 'TC + ' : ''}${tail}`);
    else p.setInfo(`Unknown BPDU type (0x${type.toString(16).padStart(2, '0')})`);
  }
  if (p.sink.active) {
    const len = type === 0x02 && end - off >= 36 ? 36 : 35;
    p.open(hf.proto, off, len, null, 0, 'Spanning Tree Protocol');
    p.add(hf.protocol, off, 2);
    p.add(hf.version, off + 2, 1);
    p.add(hf.type, off + 3, 1);
    p.add(hf.flags, off + 4, 1);
    p.add(hf.rootPrio, off + 5, 2);
    p.add(hf.rootExt, off + 5, 2);
    p.add(hf.rootHw, off + 7, 6);
    p.add(hf.rootCost, off + 13, 4);
    p.add(hf.bridgePrio, off + 17, 2);
    p.add(hf.bridgeExt, off + 17, 2);
    p.add(hf.bridgeHw, off + 19, 6);
    p.add(hf.port, off + 25, 2);
    // Times are in 1/256 seconds on the wire.
    p.add(hf.msgAge, off + 27, 2, p.dv.getUint16(off + 27) / 256);
    p.add(hf.maxAge, off + 29, 2, p.dv.getUint16(off + 29) / 256);
    p.add(hf.hello, off + 31, 2, p.dv.getUint16(off + 31) / 256);
    p.add(hf.forward, off + 33, 2, p.dv.getUint16(off + 33) / 256);
    if (len === 36) p.add(hf.v1Length, off + 35, 1);
    p.close();
  }
}

llcSaps.add(0x42, dissectStp);
