// DHCPv6 (RFC 8415) on UDP ports 546 (client) and 547 (server): message type, transaction id and options. The Info
// column names the message, its transaction id, the client's DUID and any leased address, as Wireshark does.
import { udpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { formatIPv6, hex } from '../packet';
import { declare } from '../registry';

export const MESSAGE_TYPES: Record<number, string> = {
  1: 'Solicit',
  2: 'Advertise',
  3: 'Request',
  4: 'Confirm',
  5: 'Renew',
  6: 'Rebind',
  7: 'Reply',
  8: 'Release',
  9: 'Decline',
  10: 'Reconfigure',
  11: 'Information-request',
  12: 'Relay-forw',
  13: 'Relay-reply',
  14: 'Leasequery',
  15: 'Leasequery-reply',
  16: 'Leasequery-done',
  17: 'Leasequery-data',
  18: 'Reconfigure-request',
  19: 'Reconfigure-reply',
  20: 'DHCPv4-query',
  21: 'DHCPv4-response',
  22: 'Active Leasequery',
  23: 'StartTLS',
};

const OPTIONS: Record<number, string> = {
  1: 'Client Identifier',
  2: 'Server Identifier',
  3: 'Identity Association for Non-temporary Address',
  4: 'Identity Association for Temporary Address',
  5: 'IA Address',
  6: 'Option Request',
  7: 'Preference',
  8: 'Elapsed time',
  9: 'Relay Message',
  11: 'Authentication',
  12: 'Server unicast',
  13: 'Status code',
  14: 'Rapid Commit',
  15: 'User Class',
  16: 'Vendor Class',
  17: 'Vendor-specific Information',
  18: 'Interface-Id',
  19: 'Reconfigure Message',
  20: 'Reconfigure Accept',
  23: 'DNS recursive name server',
  24: 'Domain Search List',
  25: 'Identity Association for Prefix Delegation',
  26: 'IA Prefix',
  39: 'Fully Qualified Domain Name',
};

const RELAY_FORW = 12;
const RELAY_REPLY = 13;
const OPT_CLIENTID = 1;
const OPT_SERVERID = 2;
const OPT_IA_NA = 3;
const OPT_IA_TA = 4;
const OPT_IAADDR = 5;
const OPT_RELAY_MSG = 9;
const OPT_IA_PD = 25;

export const hf = declare('dhcpv6', 'DHCPv6', 'DHCPv6', {
  msgtype: {
    abbrev: 'dhcpv6.msgtype',
    name: 'Message type',
    type: 'uint',
    strings: MESSAGE_TYPES,
  },
  xid: { abbrev: 'dhcpv6.xid', name: 'Transaction ID', type: 'uint', base: 'hex', bits: 24 },
  hopcount: { abbrev: 'dhcpv6.hopcount', name: 'Hopcount', type: 'uint' },
  linkaddr: { abbrev: 'dhcpv6.linkaddr', name: 'Link address', type: 'ipv6' },
  peeraddr: { abbrev: 'dhcpv6.peeraddr', name: 'Peer address', type: 'ipv6' },
  option: { abbrev: 'dhcpv6.option.type', name: 'Option', type: 'uint', strings: OPTIONS },
  optionLength: { abbrev: 'dhcpv6.option.length', name: 'Length', type: 'uint' },
  optionValue: { abbrev: 'dhcpv6.option.value', name: 'Value', type: 'bytes' },
  duid: { abbrev: 'dhcpv6.duid.bytes', name: 'DUID', type: 'bytes' },
  iaid: { abbrev: 'dhcpv6.iaid', name: 'IAID', type: 'uint', base: 'hex', bits: 32 },
  t1: { abbrev: 'dhcpv6.iaid.t1', name: 'T1', type: 'uint' },
  t2: { abbrev: 'dhcpv6.iaid.t2', name: 'T2', type: 'uint' },
  iaaddr: { abbrev: 'dhcpv6.iaaddr.ip', name: 'IPv6 address', type: 'ipv6' },
  preferredLifetime: { abbrev: 'dhcpv6.iaaddr.pref_lft', name: 'Preferred lifetime', type: 'uint' },
  validLifetime: { abbrev: 'dhcpv6.iaaddr.valid_lft', name: 'Valid lifetime', type: 'uint' },
  elapsed: { abbrev: 'dhcpv6.elapsed_time', name: 'Elapsed time', type: 'uint' },
  requestedOption: {
    abbrev: 'dhcpv6.requested_option_code',
    name: 'Requested Option code',
    type: 'uint',
    strings: OPTIONS,
  },
});

/** Nested options (IA_NA etc.) are followed only this deep: enough for real messages, finite for crafted ones. */
const MAX_DEPTH = 8;

export function dissectDhcpv6(p: Packet, off: number, end: number): boolean {
  p.addLayer('dhcpv6');
  p.setProtocol('DHCPv6');
  p.setInfo('');
  if (p.sink.active) p.open(hf.proto, off, Math.min(end, p.data.length) - off, null, 0, 'DHCPv6');
  try {
    message(p, off, end, 0);
  } finally {
    if (p.sink.active) p.close();
  }
  return true;
}

function message(p: Packet, off: number, end: number, depth: number): void {
  p.need(off, 1, end);
  const type = p.data[off];
  const name = MESSAGE_TYPES[type] ?? `Unknown (${type})`;
  const active = p.sink.active;
  if (type === RELAY_FORW || type === RELAY_REPLY) {
    p.need(off, 34, end);
    if (p.cols) p.appendInfo(`${name} L: ${formatIPv6(p.data, off + 2)} `);
    if (active) {
      p.add(hf.msgtype, off, 1);
      p.add(hf.hopcount, off + 1, 1);
      p.add(hf.linkaddr, off + 2, 16);
      p.add(hf.peeraddr, off + 18, 16);
    }
    options(p, off + 34, end, depth);
    return;
  }
  p.need(off, 4, end);
  const xid = (p.data[off + 1] << 16) | (p.data[off + 2] << 8) | p.data[off + 3];
  if (p.cols) p.appendInfo(`${name} XID: 0x${xid.toString(16).padStart(6, '0')} `);
  if (active) {
    p.add(hf.msgtype, off, 1);
    p.add(hf.xid, off + 1, 3);
  }
  options(p, off + 4, end, depth);
}

function options(p: Packet, pos: number, end: number, depth: number): void {
  const dv = p.dv;
  const active = p.sink.active;
  while (pos < end) {
    p.need(pos, 4, end);
    const code = dv.getUint16(pos);
    const len = dv.getUint16(pos + 2);
    const v = pos + 4;
    p.need(v, len, end);
    if (active) {
      p.open(hf.option, pos, 4 + len, code, 0, `${OPTIONS[code] ?? `Unknown (${code})`}`);
      p.add(hf.optionLength, pos + 2, 2);
    }
    try {
      switch (code) {
        case OPT_CLIENTID:
          if (p.cols) p.appendInfo(`CID: ${hex(p.data, v, len)} `);
          if (active && len > 0) p.add(hf.duid, v, len);
          break;
        case OPT_SERVERID:
          if (active && len > 0) p.add(hf.duid, v, len);
          break;
        case OPT_IA_NA:
        case OPT_IA_PD:
          if (len >= 12) {
            if (active) {
              p.add(hf.iaid, v, 4);
              p.add(hf.t1, v + 4, 4);
              p.add(hf.t2, v + 8, 4);
            }
            if (depth < MAX_DEPTH) options(p, v + 12, v + len, depth + 1);
          }
          break;
        case OPT_IA_TA:
          if (len >= 4) {
            if (active) p.add(hf.iaid, v, 4);
            if (depth < MAX_DEPTH) options(p, v + 4, v + len, depth + 1);
          }
          break;
        case OPT_IAADDR:
          if (len >= 24) {
            if (p.cols) p.appendInfo(`IAA: ${formatIPv6(p.data, v)} `);
            if (active) {
              p.add(hf.iaaddr, v, 16);
              p.add(hf.preferredLifetime, v + 16, 4);
              p.add(hf.validLifetime, v + 20, 4);
            }
            if (depth < MAX_DEPTH) options(p, v + 24, v + len, depth + 1);
          }
          break;
        case OPT_RELAY_MSG:
          if (len > 0 && depth < MAX_DEPTH) message(p, v, v + len, depth + 1);
          break;
        case 6:
          if (active) for (let i = 0; i + 2 <= len; i += 2) p.add(hf.requestedOption, v + i, 2);
          break;
        case 8:
          if (active && len === 2) p.add(hf.elapsed, v, 2);
          break;
        default:
          if (active && len > 0) p.add(hf.optionValue, v, len);
      }
    } finally {
      if (active) p.close();
    }
    pos = v + len;
  }
}

udpPorts.add(546, dissectDhcpv6);
udpPorts.add(547, dissectDhcpv6);
