// Bytes no dissector claims: Wireshark's "data" protocol.
import type { Packet } from '../packet';
import { declare } from '../registry';
import { GENERATED } from '../sinks';

export const hf = declare('data', 'Data', 'Data', {
  data: { abbrev: 'data.data', name: 'Data', type: 'bytes' },
  len: { abbrev: 'data.len', name: 'Length', type: 'uint' },
});

export function dissectData(p: Packet, off: number, end: number): void {
  const n = Math.max(0, Math.min(end, p.data.length) - off);
  if (n === 0) return;
  p.addLayer('data');
  if (p.sink.active) {
    p.open(hf.proto, off, n, null, 0, `Data (${n} byte${n === 1 ? '' : 's'})`);
    p.add(hf.data, off, n);
    p.add(hf.len, off, 0, n, GENERATED);
    p.close();
  }
}
