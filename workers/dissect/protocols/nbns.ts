// NetBIOS Name Service (RFC 1002) on UDP port 137: DNS-shaped messages whose names are NetBIOS names in
// "first-level encoding" (each byte as two letters 'A'..'P').
import { udpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { formatIPv4 } from '../packet';
import { declare } from '../registry';
import { readName } from './dns';

const OPCODES: Record<number, string> = {
  0: 'Name query',
  5: 'Registration',
  6: 'Release',
  7: 'Wait for acknowledgment',
  8: 'Refresh',
  9: 'Refresh (alternate opcode)',
  15: 'Multi-homed registration',
};

const RCODES: Record<number, string> = {
  0: 'No error',
  1: 'Request was invalidly formatted',
  2: 'Server failure',
  3: 'Requested name does not exist',
  4: 'Request is not implemented',
  5: 'Request was refused',
  6: 'Name is owned by another node',
  7: 'Name is in conflict',
};

const TYPES: Record<number, string> = { 1: 'A', 2: 'NS', 10: 'NULL', 0x20: 'NB', 0x21: 'NBSTAT' };
const TYPE_NB = 0x20;

function typeName(t: number): string {
  return TYPES[t] ?? `Unknown (${t})`;
}

export const hf = declare('nbns', 'NetBIOS Name Service', 'NBNS', {
  id: { abbrev: 'nbns.id', name: 'Transaction ID', type: 'uint', base: 'hex', bits: 16 },
  flags: { abbrev: 'nbns.flags', name: 'Flags', type: 'uint', base: 'hex', bits: 16 },
  response: {
    abbrev: 'nbns.flags.response',
    name: 'Response',
    type: 'bool',
    mask: 0x8000,
    bits: 16,
    tf: ['Message is a response', 'Message is a query'],
  },
  opcode: { abbrev: 'nbns.flags.opcode', name: 'Opcode', type: 'uint', mask: 0x7800, bits: 16, strings: OPCODES },
  broadcast: { abbrev: 'nbns.flags.broadcast', name: 'Broadcast', type: 'bool', mask: 0x0010, bits: 16 },
  rcode: { abbrev: 'nbns.flags.rcode', name: 'Reply code', type: 'uint', mask: 0x000f, bits: 16, strings: RCODES },
  countQueries: { abbrev: 'nbns.count.queries', name: 'Questions', type: 'uint' },
  countAnswers: { abbrev: 'nbns.count.answers', name: 'Answer RRs', type: 'uint' },
  countAuth: { abbrev: 'nbns.count.auth_rr', name: 'Authority RRs', type: 'uint' },
  countAdd: { abbrev: 'nbns.count.add_rr', name: 'Additional RRs', type: 'uint' },
  name: { abbrev: 'nbns.name', name: 'Name', type: 'string' },
  type: { abbrev: 'nbns.type', name: 'Type', type: 'uint', strings: (v) => typeName(v) },
  class: { abbrev: 'nbns.class', name: 'Class', type: 'uint', strings: { 1: 'IN' } },
  ttl: { abbrev: 'nbns.ttl', name: 'Time to live', type: 'uint' },
  dataLength: { abbrev: 'nbns.data_length', name: 'Data length', type: 'uint' },
  nbFlags: { abbrev: 'nbns.nb_flags', name: 'Name flags', type: 'uint', base: 'hex', bits: 16 },
  addr: { abbrev: 'nbns.addr', name: 'Addr', type: 'ipv4' },
  data: { abbrev: 'nbns.data', name: 'Data', type: 'bytes' },
});

/**
 * A NetBIOS name as Wireshark shows it: the 15 name characters without trailing spaces, bytes that are not
 * printable as <xx>, then the type byte as <xx>, then the scope. Names that are not 32 encoded letters stay as read.
 */
export function netbiosName(encoded: string): string {
  const dot = encoded.indexOf('.');
  const first = dot < 0 ? encoded : encoded.slice(0, dot);
  const scope = dot < 0 ? '' : encoded.slice(dot);
  if (first.length !== 32) return encoded;
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 2) {
    const hi = first.charCodeAt(i) - 65;
    const lo = first.charCodeAt(i + 1) - 65;
    if (hi < 0 || hi > 15 || lo < 0 || lo > 15) return encoded;
    bytes.push((hi << 4) | lo);
  }
  let n = 15;
  while (n > 0 && bytes[n - 1] === 0x20) n--;
  let s = '';
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `<${hex2(b)}>`;
  }
  return `${s}<${hex2(bytes[15])}>${scope}`;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

export function dissectNbns(p: Packet, off: number, end: number): boolean {
  p.addLayer('nbns');
  p.setProtocol('NBNS');
  p.need(off, 12, end);
  const dv = p.dv;
  const flags = dv.getUint16(off + 2);
  const qd = dv.getUint16(off + 4);
  const an = dv.getUint16(off + 6);
  const ns = dv.getUint16(off + 8);
  const ar = dv.getUint16(off + 10);
  const isResponse = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  if (p.cols) {
    let info = `${OPCODES[opcode] ?? `Unknown operation (${opcode})`}${isResponse ? ' response' : ''}`;
    if (isResponse && rcode !== 0) info += `, ${RCODES[rcode] ?? `Unknown error (${rcode})`}`;
    p.setInfo(info);
  }
  const active = p.sink.active;
  const verbose = p.verbose;
  if (active) {
    p.open(hf.proto, off, end - off, null, 0, 'NetBIOS Name Service');
    p.add(hf.id, off, 2);
    p.open(hf.flags, off + 2, 2);
    p.add(hf.response, off + 2, 2);
    p.add(hf.opcode, off + 2, 2);
    p.add(hf.broadcast, off + 2, 2);
    if (isResponse) p.add(hf.rcode, off + 2, 2);
    p.close();
    p.add(hf.countQueries, off + 4, 2);
    p.add(hf.countAnswers, off + 6, 2);
    p.add(hf.countAuth, off + 8, 2);
    p.add(hf.countAdd, off + 10, 2);
  }
  try {
    let pos = off + 12;
    for (let i = 0; i < qd; i++) {
      const n = readName(p, pos, off, end, verbose);
      const used = n.used;
      const name = verbose ? netbiosName(n.text) : '';
      p.need(pos + used, 4, end);
      const type = dv.getUint16(pos + used);
      if (p.cols) p.appendInfo(` ${typeName(type)} ${name}`);
      if (active) {
        p.text(pos, used + 4, `${name}: type ${typeName(type)}, class IN`, true);
        p.add(hf.name, pos, used, name);
        p.add(hf.type, pos + used, 2);
        p.add(hf.class, pos + used + 2, 2);
        p.close();
      }
      pos += used + 4;
    }
    // Answers reach the Info column only when there were no questions; the other sections never do.
    for (let s = 0; s < 3; s++) {
      const count = s === 0 ? an : s === 1 ? ns : ar;
      for (let i = 0; i < count; i++) pos = dissectRecord(p, pos, off, end, s === 0 && qd === 0, verbose);
    }
  } finally {
    if (active) p.close();
  }
  return true;
}

function dissectRecord(p: Packet, pos: number, msg: number, end: number, toInfo: boolean, verbose: boolean): number {
  const n = readName(p, pos, msg, end, verbose);
  const used = n.used;
  const name = verbose ? netbiosName(n.text) : '';
  const t = pos + used;
  p.need(t, 10, end);
  const dv = p.dv;
  const type = dv.getUint16(t);
  const len = dv.getUint16(t + 8);
  const rd = t + 10;
  p.need(rd, len, end);
  if (p.cols && toInfo) {
    if (type === TYPE_NB && len >= 6) p.appendInfo(` ${typeName(type)} ${formatIPv4(p.data, rd + 2)}`);
    else p.appendInfo(` ${typeName(type)}`);
  }
  if (p.sink.active) {
    p.text(pos, used + 10 + len, `${name}: type ${typeName(type)}, class IN`, true);
    p.add(hf.name, pos, used, name);
    p.add(hf.type, t, 2);
    p.add(hf.class, t + 2, 2);
    p.add(hf.ttl, t + 4, 4);
    p.add(hf.dataLength, t + 8, 2);
    if (type === TYPE_NB) {
      for (let i = 0; i + 6 <= len; i += 6) {
        p.add(hf.nbFlags, rd + i, 2);
        p.add(hf.addr, rd + i + 2, 4);
      }
    } else if (len > 0) {
      p.add(hf.data, rd, len);
    }
    p.close();
  }
  return rd + len;
}

udpPorts.add(137, dissectNbns);
