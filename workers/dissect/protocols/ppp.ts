// PPP (RFC 1661): the protocol field and, above it, the control protocols that set a link up: LCP, IPCP, IPV6CP,
// and PAP authentication. Network protocols register their PPP numbers in `pppProtocols` themselves (IPv4 0x0021,
// IPv6 0x0057). Link types 9 and 50 carry PPP in HDLC-like framing (address ff, control 03).
import { linkTypes, pppProtocols } from '../dispatch';
import type { Packet } from '../packet';
import { formatIPv4 } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';

export const PPP_PROTOCOL_NAMES: Record<number, string> = {
  0x0001: 'Padding Protocol',
  0x0021: 'Internet Protocol version 4',
  0x002b: 'Novell IPX',
  0x002d: 'Van Jacobson Compressed TCP/IP',
  0x002f: 'Van Jacobson Uncompressed TCP/IP',
  0x003d: 'PPP Multilink Protocol',
  0x0057: 'Internet Protocol version 6',
  0x00fd: 'PPP Compressed Datagram',
  0x0281: 'MPLS Unicast',
  0x8021: 'Internet Protocol Control Protocol',
  0x8057: 'IPv6 Control Protocol',
  0x80fd: 'Compression Control Protocol',
  0x8281: 'MPLS Control Protocol',
  0xc021: 'Link Control Protocol',
  0xc023: 'Password Authentication Protocol',
  0xc025: 'Link Quality Report',
  0xc223: 'Challenge Handshake Authentication Protocol',
  0xc227: 'PPP Extensible Authentication Protocol',
};

const pppProtocolName = (v: number): string => PPP_PROTOCOL_NAMES[v] ?? 'Unknown';

export const hf = declare('ppp', 'Point-to-Point Protocol', 'PPP', {
  address: { abbrev: 'ppp.address', name: 'Address', type: 'uint', base: 'hex', bits: 8 },
  control: { abbrev: 'ppp.control', name: 'Control', type: 'uint', base: 'hex', bits: 8 },
  protocol: { abbrev: 'ppp.protocol', name: 'Protocol', type: 'uint', base: 'hex', bits: 16, strings: pppProtocolName },
  code: { abbrev: 'ppp.code', name: 'Code', type: 'uint' },
  identifier: { abbrev: 'ppp.identifier', name: 'Identifier', type: 'uint', base: 'dec_hex' },
  length: { abbrev: 'ppp.length', name: 'Length', type: 'uint' },
  magicNumber: { abbrev: 'ppp.magic_number', name: 'Magic Number', type: 'uint', base: 'hex', bits: 32 },
  data: { abbrev: 'ppp.data', name: 'Data', type: 'bytes' },
});

const CP_CODES: Record<number, string> = {
  1: 'Configuration Request',
  2: 'Configuration Ack',
  3: 'Configuration Nak',
  4: 'Configuration Reject',
  5: 'Termination Request',
  6: 'Termination Ack',
  7: 'Code Reject',
  8: 'Protocol Reject',
  9: 'Echo Request',
  10: 'Echo Reply',
  11: 'Discard Request',
  12: 'Identification',
  13: 'Time Remaining',
};

const LCP_OPTIONS: Record<number, string> = {
  0: 'Vendor Specific',
  1: 'Maximum Receive Unit',
  2: 'Async Control Character Map',
  3: 'Authentication Protocol',
  4: 'Quality Protocol',
  5: 'Magic Number',
  7: 'Protocol Field Compression',
  8: 'Address and Control Field Compression',
  9: 'FCS-Alternatives',
  10: 'Self Describing Padding',
  11: 'Numbered Mode',
  13: 'Callback',
  17: 'Multilink MRRU',
  18: 'Multilink Short Sequence Number Header Format',
  19: 'Multilink Endpoint Discriminator',
  23: 'Link Discriminator for BACP',
};

const IPCP_OPTIONS: Record<number, string> = {
  1: 'IP Addresses',
  2: 'IP Compression Protocol',
  3: 'IP Address',
  4: 'Mobile-IPv4',
  129: 'Primary DNS Server IP Address',
  130: 'Primary NBNS Server IP Address',
  131: 'Secondary DNS Server IP Address',
  132: 'Secondary NBNS Server IP Address',
};

const IPV6CP_OPTIONS: Record<number, string> = {
  1: 'Interface Identifier',
  2: 'IPv6 compression',
};

const PAP_CODES: Record<number, string> = {
  1: 'Authenticate-Request',
  2: 'Authenticate-Ack',
  3: 'Authenticate-Nak',
};

const hfLcp = declare('lcp', 'PPP Link Control Protocol', 'PPP LCP', {
  optType: { abbrev: 'lcp.opt.type', name: 'Type', type: 'uint', strings: LCP_OPTIONS },
  optLength: { abbrev: 'lcp.opt.length', name: 'Length', type: 'uint' },
  optMru: { abbrev: 'lcp.opt.mru', name: 'Maximum Receive Unit', type: 'uint' },
  optAsyncmap: { abbrev: 'lcp.opt.asyncmap', name: 'Async Control Character Map', type: 'uint', base: 'hex', bits: 32 },
  optAuthProto: {
    abbrev: 'lcp.opt.auth_protocol',
    name: 'Authentication Protocol',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: pppProtocolName,
  },
  optMagic: { abbrev: 'lcp.opt.magic_number', name: 'Magic Number', type: 'uint', base: 'hex', bits: 32 },
  optData: { abbrev: 'lcp.opt.data', name: 'Data', type: 'bytes' },
  rejProto: {
    abbrev: 'lcp.rej_proto',
    name: 'Rejected Protocol',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: pppProtocolName,
  },
  message: { abbrev: 'lcp.message', name: 'Message', type: 'string' },
  secsRemaining: { abbrev: 'lcp.secs_remaining', name: 'Seconds Remaining', type: 'uint' },
});

const hfIpcp = declare('ipcp', 'PPP IP Control Protocol', 'PPP IPCP', {
  optType: { abbrev: 'ipcp.opt.type', name: 'Type', type: 'uint', strings: IPCP_OPTIONS },
  optLength: { abbrev: 'ipcp.opt.length', name: 'Length', type: 'uint' },
  optIpAddress: { abbrev: 'ipcp.opt.ip_address', name: 'IP Address', type: 'ipv4' },
  optPriDns: { abbrev: 'ipcp.opt.pri_dns_address', name: 'Primary DNS Address', type: 'ipv4' },
  optSecDns: { abbrev: 'ipcp.opt.sec_dns_address', name: 'Secondary DNS Address', type: 'ipv4' },
  optPriNbns: { abbrev: 'ipcp.opt.pri_nbns_address', name: 'Primary NBNS Address', type: 'ipv4' },
  optSecNbns: { abbrev: 'ipcp.opt.sec_nbns_address', name: 'Secondary NBNS Address', type: 'ipv4' },
  optCompression: {
    abbrev: 'ipcp.opt.compress_proto',
    name: 'IP Compression Protocol',
    type: 'uint',
    base: 'hex',
    bits: 16,
  },
  optData: { abbrev: 'ipcp.opt.data', name: 'Data', type: 'bytes' },
});

const hfIpv6cp = declare('ipv6cp', 'PPP IPv6 Control Protocol', 'PPP IPV6CP', {
  optType: { abbrev: 'ipv6cp.opt.type', name: 'Type', type: 'uint', strings: IPV6CP_OPTIONS },
  optLength: { abbrev: 'ipv6cp.opt.length', name: 'Length', type: 'uint' },
  optInterfaceId: { abbrev: 'ipv6cp.opt.interface_identifier', name: 'Interface Identifier', type: 'bytes' },
  optData: { abbrev: 'ipv6cp.opt.data', name: 'Data', type: 'bytes' },
});

const hfPap = declare('pap', 'PPP Password Authentication Protocol', 'PPP PAP', {
  code: { abbrev: 'pap.code', name: 'Code', type: 'uint', strings: PAP_CODES },
  identifier: { abbrev: 'pap.identifier', name: 'Identifier', type: 'uint' },
  length: { abbrev: 'pap.length', name: 'Length', type: 'uint' },
  peerIdLength: { abbrev: 'pap.peer_id.length', name: 'Peer-ID-Length', type: 'uint' },
  peerId: { abbrev: 'pap.peer_id', name: 'Peer-ID', type: 'string' },
  passwordLength: { abbrev: 'pap.password.length', name: 'Password-Length', type: 'uint' },
  password: { abbrev: 'pap.password', name: 'Password', type: 'string' },
  messageLength: { abbrev: 'pap.message.length', name: 'Message-Length', type: 'uint' },
  message: { abbrev: 'pap.message', name: 'Message', type: 'string' },
});

const latin1 = new TextDecoder('latin1');

function text(p: Packet, off: number, n: number): string {
  return latin1.decode(p.data.subarray(off, off + n));
}

const protocolLabels: string[] = [];

/** The bytes after the PPP protocol field: a registered protocol, or data labelled with the PPP number. */
function dissectPppPayload(p: Packet, protocol: number, off: number, end: number): void {
  if (pppProtocols.call(protocol, p, off, end)) return;
  const label = (protocolLabels[protocol] ??= `0x${protocol.toString(16).padStart(4, '0')}`);
  p.setProtocol(label);
  if (p.cols) p.setInfo(`PPP ${pppProtocolName(protocol)} (${label})`);
  dissectData(p, off, end);
}

/** PPP without HDLC framing: the protocol field (one byte when compressed: its low bit is set), then the payload. */
export function dissectPpp(p: Packet, off: number, end: number): void {
  p.addLayer('ppp');
  p.setProtocol('PPP');
  p.need(off, 1, end);
  const plen = p.data[off] & 1 ? 1 : 2;
  p.need(off, plen, end);
  const protocol = plen === 1 ? p.data[off] : p.dv.getUint16(off);
  if (p.sink.active) {
    p.open(hf.proto, off, plen, null, 0, 'Point-to-Point Protocol');
    p.add(hf.protocol, off, plen, protocol);
    p.close();
  }
  dissectPppPayload(p, protocol, off + plen, end);
}

/** PPP in HDLC-like framing (link types 9 and 50): address and control bytes, when present, then PPP. */
export function dissectPppHdlc(p: Packet, off: number, end: number): void {
  p.need(off, 2, end);
  if (p.data[off] !== 0xff || p.data[off + 1] !== 0x03) {
    dissectPpp(p, off, end);
    return;
  }
  p.addLayer('ppp');
  p.setProtocol('PPP');
  p.need(off, 3, end);
  const plen = p.data[off + 2] & 1 ? 1 : 2;
  p.need(off + 2, plen, end);
  const protocol = plen === 1 ? p.data[off + 2] : p.dv.getUint16(off + 2);
  if (p.sink.active) {
    p.open(hf.proto, off, 2 + plen, null, 0, 'Point-to-Point Protocol');
    p.add(hf.address, off, 1);
    p.add(hf.control, off + 1, 1);
    p.add(hf.protocol, off + 2, plen, protocol);
    p.close();
  }
  dissectPppPayload(p, protocol, off + 2 + plen, end);
}

interface ControlProtocol {
  proto: number;
  shortName: string;
  title: string;
  /** Highest code this protocol uses. */
  maxCode: number;
  /** Add one option's fields (its type and length are already added). */
  option: (p: Packet, type: number, off: number, len: number) => void;
  optType: number;
  optLength: number;
  optionNames: Record<number, string>;
}

function addOptions(p: Packet, cp: ControlProtocol, off: number, end: number): void {
  if (off >= end) return;
  p.text(off, end - off, `Options: (${end - off} bytes)`, true);
  let o = off;
  while (o + 2 <= end) {
    const type = p.data[o];
    const len = p.data[o + 1];
    const name = cp.optionNames[type] ?? 'Unknown';
    if (len < 2 || o + len > end) {
      p.text(o, end - o, `${name}: invalid length ${len}`);
      p.expert('error', 'Malformed', 'ppp.opt.length.invalid', 'Invalid option length');
      break;
    }
    p.text(o, len, name, true);
    p.add(cp.optType, o, 1);
    p.add(cp.optLength, o + 1, 1);
    cp.option(p, type, o + 2, len - 2);
    p.close();
    o += len;
  }
  p.close();
}

/** LCP, IPCP and IPV6CP share one packet format: code, identifier, length, then options or data. */
function dissectControlProtocol(p: Packet, cp: ControlProtocol, off: number, end: number): void {
  p.setProtocol(cp.shortName);
  p.need(off, 4, end);
  const code = p.data[off];
  const length = p.dv.getUint16(off + 2);
  const codeName = code <= cp.maxCode ? CP_CODES[code] : undefined;
  if (p.cols) p.setInfo(codeName ?? `Unknown (0x${code.toString(16).padStart(2, '0')})`);
  if (!p.sink.active) return;
  const bodyEnd = Math.min(end, off + Math.max(4, length));
  p.open(cp.proto, off, bodyEnd - off, null, 0, cp.title);
  p.add(hf.code, off, 1, code, 0, `Code: ${codeName ?? 'Unknown'} (${code})`);
  p.add(hf.identifier, off + 1, 1);
  p.add(hf.length, off + 2, 2);
  const body = off + 4;
  switch (code) {
    case 1:
    case 2:
    case 3:
    case 4:
      addOptions(p, cp, body, bodyEnd);
      break;
    case 8:
      if (body + 2 <= bodyEnd) p.add(hfLcp.rejProto, body, 2);
      if (body + 2 < bodyEnd) p.add(hf.data, body + 2, bodyEnd - body - 2);
      break;
    case 9:
    case 10:
    case 11:
    case 12:
    case 13:
      if (body + 4 <= bodyEnd) {
        p.add(hf.magicNumber, body, 4);
        if (code === 12 && body + 4 < bodyEnd) p.add(hfLcp.message, body + 4, bodyEnd - body - 4);
        else if (code === 13 && body + 8 <= bodyEnd) p.add(hfLcp.secsRemaining, body + 4, 4);
        else if (body + 4 < bodyEnd) p.add(hf.data, body + 4, bodyEnd - body - 4);
      }
      break;
    default:
      if (body < bodyEnd) p.add(hf.data, body, bodyEnd - body);
  }
  p.close();
}

function lcpOption(p: Packet, type: number, off: number, len: number): void {
  switch (type) {
    case 1:
      if (len === 2) p.add(hfLcp.optMru, off, 2);
      return;
    case 2:
      if (len === 4) p.add(hfLcp.optAsyncmap, off, 4);
      return;
    case 3:
      if (len >= 2) {
        p.add(hfLcp.optAuthProto, off, 2);
        if (len > 2) p.add(hfLcp.optData, off + 2, len - 2);
      }
      return;
    case 5:
      if (len === 4) p.add(hfLcp.optMagic, off, 4);
      return;
    default:
      if (len > 0) p.add(hfLcp.optData, off, len);
  }
}

function ipcpOption(p: Packet, type: number, off: number, len: number): void {
  const field: Record<number, number> = {
    3: hfIpcp.optIpAddress,
    129: hfIpcp.optPriDns,
    130: hfIpcp.optPriNbns,
    131: hfIpcp.optSecDns,
    132: hfIpcp.optSecNbns,
  };
  const f = field[type];
  if (f !== undefined && len === 4) {
    p.add(f, off, 4, undefined, 0, `${IPCP_OPTIONS[type]}: ${formatIPv4(p.data, off)}`);
    return;
  }
  if (type === 2 && len >= 2) {
    p.add(hfIpcp.optCompression, off, 2);
    if (len > 2) p.add(hfIpcp.optData, off + 2, len - 2);
    return;
  }
  if (len > 0) p.add(hfIpcp.optData, off, len);
}

function ipv6cpOption(p: Packet, type: number, off: number, len: number): void {
  if (type === 1 && len === 8) p.add(hfIpv6cp.optInterfaceId, off, 8);
  else if (len > 0) p.add(hfIpv6cp.optData, off, len);
}

const LCP: ControlProtocol = {
  proto: hfLcp.proto,
  shortName: 'PPP LCP',
  title: 'PPP Link Control Protocol',
  maxCode: 13,
  option: lcpOption,
  optType: hfLcp.optType,
  optLength: hfLcp.optLength,
  optionNames: LCP_OPTIONS,
};

const IPCP: ControlProtocol = {
  proto: hfIpcp.proto,
  shortName: 'PPP IPCP',
  title: 'PPP IP Control Protocol',
  maxCode: 7,
  option: ipcpOption,
  optType: hfIpcp.optType,
  optLength: hfIpcp.optLength,
  optionNames: IPCP_OPTIONS,
};

const IPV6CP: ControlProtocol = {
  proto: hfIpv6cp.proto,
  shortName: 'PPP IPV6CP',
  title: 'PPP IPv6 Control Protocol',
  maxCode: 7,
  option: ipv6cpOption,
  optType: hfIpv6cp.optType,
  optLength: hfIpv6cp.optLength,
  optionNames: IPV6CP_OPTIONS,
};

export function dissectPap(p: Packet, off: number, end: number): void {
  p.addLayer('pap');
  p.setProtocol('PPP PAP');
  p.need(off, 4, end);
  const code = p.data[off];
  const length = p.dv.getUint16(off + 2);
  const bodyEnd = Math.min(end, off + Math.max(4, length));
  const name = PAP_CODES[code];
  if (p.sink.active) {
    p.open(hfPap.proto, off, bodyEnd - off, null, 0, 'PPP Password Authentication Protocol');
    p.add(hfPap.code, off, 1);
    p.add(hfPap.identifier, off + 1, 1);
    p.add(hfPap.length, off + 2, 2);
  }
  try {
    const o = off + 4;
    if (code === 1) {
      p.need(o, 1, bodyEnd);
      const idLen = p.data[o];
      p.need(o + 1, idLen + 1, bodyEnd);
      const pwLen = p.data[o + 1 + idLen];
      p.need(o + 2 + idLen, pwLen, bodyEnd);
      if (p.cols)
        p.setInfo(`${name} (Peer-ID='${text(p, o + 1, idLen)}', Password='${text(p, o + 2 + idLen, pwLen)}')`);
      if (p.sink.active) {
        p.add(hfPap.peerIdLength, o, 1);
        p.add(hfPap.peerId, o + 1, idLen);
        p.add(hfPap.passwordLength, o + 1 + idLen, 1);
        p.add(hfPap.password, o + 2 + idLen, pwLen);
      }
    } else if (code === 2 || code === 3) {
      p.need(o, 1, bodyEnd);
      const mLen = p.data[o];
      p.need(o + 1, mLen, bodyEnd);
      if (p.cols) p.setInfo(`${name} (Message='${text(p, o + 1, mLen)}')`);
      if (p.sink.active) {
        p.add(hfPap.messageLength, o, 1);
        p.add(hfPap.message, o + 1, mLen);
      }
    } else if (p.cols) {
      p.setInfo(`Unknown (0x${code.toString(16).padStart(2, '0')})`);
    }
  } finally {
    p.close();
  }
}

pppProtocols.add(0xc021, (p, off, end) => {
  p.addLayer('lcp');
  dissectControlProtocol(p, LCP, off, end);
});
pppProtocols.add(0x8021, (p, off, end) => {
  p.addLayer('ipcp');
  dissectControlProtocol(p, IPCP, off, end);
});
pppProtocols.add(0x8057, (p, off, end) => {
  p.addLayer('ipv6cp');
  dissectControlProtocol(p, IPV6CP, off, end);
});
pppProtocols.add(0xc023, dissectPap);

linkTypes.add(9, dissectPppHdlc);
linkTypes.add(50, dissectPppHdlc);
