// BOOTP (RFC 951) and DHCP (RFC 2131/2132) on UDP ports 67 and 68. Wireshark names the protocol "dhcp"; the
// Protocol column says BOOTP until a DHCP Message Type option (53) is found.
import { udpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { BoundsError, formatEther, formatIPv4 } from '../packet';
import { secondsText } from '../format';
import { declare } from '../registry';
import { VALUE_LABEL } from '../sinks';

export const MESSAGE_TYPES: Record<number, string> = {
  1: 'Discover',
  2: 'Offer',
  3: 'Request',
  4: 'Decline',
  5: 'ACK',
  6: 'NAK',
  7: 'Release',
  8: 'Inform',
  9: 'Force Renew',
  10: 'Lease query',
  11: 'Lease Unassigned',
  12: 'Lease Unknown',
  13: 'Lease Active',
  14: 'Bulk Lease Query',
  15: 'Lease Query Done',
  16: 'Active LeaseQuery',
  17: 'Lease Query Status',
  18: 'TLS',
};

function messageTypeName(v: number): string {
  return MESSAGE_TYPES[v] ?? `Unknown Message Type (0x${v.toString(16).padStart(2, '0')})`;
}

/** Option names as Wireshark labels them ("Option: (53) DHCP Message Type"). */
const OPTION_NAMES: Record<number, string> = {
  0: 'Padding',
  1: 'Subnet Mask',
  2: 'Time Offset',
  3: 'Router',
  4: 'Time Server',
  5: 'Name Server',
  6: 'Domain Name Server',
  7: 'Log Server',
  12: 'Host Name',
  15: 'Domain Name',
  26: 'Interface MTU',
  28: 'Broadcast Address',
  31: 'Perform Router Discover',
  33: 'Static Route',
  42: 'Network Time Protocol Servers',
  43: 'Vendor-Specific Information',
  44: 'NetBIOS over TCP/IP Name Server',
  46: 'NetBIOS over TCP/IP Node Type',
  47: 'NetBIOS over TCP/IP Scope',
  50: 'Requested IP Address',
  51: 'IP Address Lease Time',
  52: 'Option Overload',
  53: 'DHCP Message Type',
  54: 'DHCP Server Identifier',
  55: 'Parameter Request List',
  56: 'Message',
  57: 'Maximum DHCP Message Size',
  58: 'Renewal Time Value',
  59: 'Rebinding Time Value',
  60: 'Vendor class identifier',
  61: 'Client identifier',
  66: 'TFTP Server Name',
  67: 'Bootfile name',
  81: 'Client Fully Qualified Domain Name',
  82: 'Agent Information Option',
  116: 'DHCP Auto-Configuration',
  119: 'Domain Search',
  121: 'Classless Static Route',
  249: 'Private/Classless Static Route (Microsoft)',
  252: 'Private/Proxy autodiscovery',
  255: 'End',
};

const HW_TYPES: Record<number, string> = { 1: 'Ethernet (0x01)', 6: 'IEEE 802 Networks (0x06)' };

export const hf = declare('dhcp', 'Dynamic Host Configuration Protocol', 'DHCP', {
  type: { abbrev: 'dhcp.type', name: 'Message type', type: 'uint', strings: { 1: 'Boot Request', 2: 'Boot Reply' } },
  hwType: { abbrev: 'dhcp.hw.type', name: 'Hardware type', type: 'uint', base: 'hex', bits: 8 },
  hwLen: { abbrev: 'dhcp.hw.len', name: 'Hardware address length', type: 'uint' },
  hops: { abbrev: 'dhcp.hops', name: 'Hops', type: 'uint' },
  id: { abbrev: 'dhcp.id', name: 'Transaction ID', type: 'uint', base: 'hex', bits: 32 },
  secs: { abbrev: 'dhcp.secs', name: 'Seconds elapsed', type: 'uint' },
  flags: { abbrev: 'dhcp.flags', name: 'Bootp flags', type: 'uint', base: 'hex', bits: 16 },
  flagsBc: {
    abbrev: 'dhcp.flags.bc',
    name: 'Broadcast flag',
    type: 'bool',
    mask: 0x8000,
    bits: 16,
    tf: ['Broadcast', 'Unicast'],
  },
  flagsReserved: { abbrev: 'dhcp.flags.reserved', name: 'Reserved flags', type: 'uint', base: 'hex', mask: 0x7fff },
  ipClient: { abbrev: 'dhcp.ip.client', name: 'Client IP address', type: 'ipv4' },
  ipYour: { abbrev: 'dhcp.ip.your', name: 'Your (client) IP address', type: 'ipv4' },
  ipServer: { abbrev: 'dhcp.ip.server', name: 'Next server IP address', type: 'ipv4' },
  ipRelay: { abbrev: 'dhcp.ip.relay', name: 'Relay agent IP address', type: 'ipv4' },
  macAddr: { abbrev: 'dhcp.hw.mac_addr', name: 'Client MAC address', type: 'ether' },
  hwAddr: { abbrev: 'dhcp.hw.addr', name: 'Client hardware address', type: 'bytes' },
  addrPadding: { abbrev: 'dhcp.hw.addr_padding', name: 'Client hardware address padding', type: 'bytes' },
  server: { abbrev: 'dhcp.server', name: 'Server host name', type: 'string' },
  file: { abbrev: 'dhcp.file', name: 'Boot file name', type: 'string' },
  cookie: { abbrev: 'dhcp.cookie', name: 'Magic cookie', type: 'uint', base: 'hex', bits: 32 },
  vendorOptions: { abbrev: 'dhcp.vendor_options', name: 'Bootp vendor specific options', type: 'bytes' },
  option: { abbrev: 'dhcp.option.type', name: 'Option', type: 'uint', strings: OPTION_NAMES },
  optionLength: { abbrev: 'dhcp.option.length', name: 'Length', type: 'uint' },
  optionValue: { abbrev: 'dhcp.option.value', name: 'Value', type: 'bytes' },
  optMessageType: {
    abbrev: 'dhcp.option.dhcp',
    name: 'DHCP',
    type: 'uint',
    strings: (v) => messageTypeName(v),
  },
  optSubnetMask: { abbrev: 'dhcp.option.subnet_mask', name: 'Subnet Mask', type: 'ipv4' },
  optRouter: { abbrev: 'dhcp.option.router', name: 'Router', type: 'ipv4' },
  optDns: { abbrev: 'dhcp.option.domain_name_server', name: 'Domain Name Server', type: 'ipv4' },
  optHostname: { abbrev: 'dhcp.option.hostname', name: 'Host Name', type: 'string' },
  optDomainName: { abbrev: 'dhcp.option.domain_name', name: 'Domain Name', type: 'string' },
  optRequestedIp: { abbrev: 'dhcp.option.requested_ip_address', name: 'Requested IP Address', type: 'ipv4' },
  optLeaseTime: { abbrev: 'dhcp.option.ip_address_lease_time', name: 'IP Address Lease Time', type: 'uint' },
  optServerId: { abbrev: 'dhcp.option.dhcp_server_id', name: 'DHCP Server Identifier', type: 'ipv4' },
  optRequestItem: {
    abbrev: 'dhcp.option.request_list_item',
    name: 'Parameter Request List Item',
    type: 'uint',
    strings: OPTION_NAMES,
  },
  optMaxSize: { abbrev: 'dhcp.option.dhcp_max_message_size', name: 'Maximum DHCP Message Size', type: 'uint' },
  optRenewal: { abbrev: 'dhcp.option.renewal_time_value', name: 'Renewal Time Value', type: 'uint' },
  optRebinding: { abbrev: 'dhcp.option.rebinding_time_value', name: 'Rebinding Time Value', type: 'uint' },
  optVendorClass: { abbrev: 'dhcp.option.vendor_class_id', name: 'Vendor class identifier', type: 'string' },

  optMessage: { abbrev: 'dhcp.option.message', name: 'Message', type: 'string' },
  optEnd: { abbrev: 'dhcp.option.end', name: 'Option End', type: 'uint' },
  optPadding: { abbrev: 'dhcp.option.padding', name: 'Padding', type: 'bytes' },
});

/** Where the vendor area (the magic cookie, then options) begins. */
const VENDOR_OFFSET = 236;
const MAGIC = 0x63825363;

function byte(p: Packet, i: number): number {
  if (i >= p.data.length) throw new BoundsError();
  return p.data[i];
}

export function dissectDhcp(p: Packet, off: number, end: number): boolean {
  p.addLayer('dhcp');
  p.setProtocol('BOOTP');
  const op = byte(p, off);
  const htype = byte(p, off + 1);
  const hlen = byte(p, off + 2);
  if (op === 1) {
    p.need(off + 28, hlen, end);
    if (p.cols) {
      const addr = hardwareAddress(p, off + 28, hlen, htype);
      if ((htype === 1 || htype === 6) && hlen === 6) p.setInfo(`Boot Request from ${addr} (${addr})`);
      else p.setInfo(`Boot Request from ${addr}`);
    }
  } else if (op === 2) {
    p.setInfo('Boot Reply');
  } else if (p.cols) {
    p.setInfo(`Unknown BOOTP message type (${op})`);
  }

  // The reported end of the message: options are scanned up to it, as Wireshark does, so a capture cut short stops
  // the scan with "[Packet size limited during capture]".
  const reportedEnd = reportedLimit(p, end);
  const d = p.data;
  const vstart = off + VENDOR_OFFSET;
  const hasCookie = vstart + 4 <= Math.min(end, d.length) && p.dv.getUint32(vstart) === MAGIC;
  const optStart = hasCookie ? vstart + 4 : vstart + 64;

  // First scan: find the message type.
  let msgType = -1;
  let endOption = -1;
  for (let pos = optStart; pos < reportedEnd;) {
    const code = byte(p, pos);
    if (code === 0) {
      let i = pos + 1;
      while (i < reportedEnd && byte(p, i) === 0) i++;
      pos = i;
      continue;
    }
    if (code === 255) {
      endOption = pos;
      break;
    }
    const len = byte(p, pos + 1);
    if (code === 53 && msgType < 0) msgType = byte(p, pos + 2);
    pos += len + 2;
  }
  if (msgType >= 0) {
    p.setProtocol('DHCP');
    if (p.cols) {
      const xid = p.dv.getUint32(off + 4);
      p.setInfo(`DHCP ${messageTypeName(msgType).padEnd(8)} - Transaction ID 0x${xid.toString(16)}`);
    }
  }
  // Wireshark's detail tree (which tshark always builds) shows the fixed header, the cookie or the 64-byte BOOTP
  // vendor area, and the padding after the End option; bytes of those missing from the capture end the dissection.
  p.need(off, VENDOR_OFFSET + (hasCookie ? 4 : 64));
  if (endOption >= 0 && endOption + 1 < reportedEnd) p.need(endOption + 1, reportedEnd - endOption - 1);
  if (p.sink.active) tree(p, off, end, reportedEnd, hasCookie, optStart, msgType, htype, hlen);
  return true;
}

function hardwareAddress(p: Packet, off: number, len: number, htype: number): string {
  if (len === 0) return '<No address>';
  if ((htype === 1 || htype === 6) && len === 6) return formatEther(p.data, off);
  let s = '';
  for (let i = 0; i < len; i++) s += (i ? ':' : '') + p.data[off + i].toString(16).padStart(2, '0');
  return s;
}

function reportedLimit(p: Packet, end: number): number {
  if (end >= p.data.length && p.sourceIndex === 0 && p.origLen > p.capLen) return end + (p.origLen - p.capLen);
  return end;
}

function tree(
  p: Packet,
  off: number,
  end: number,
  reportedEnd: number,
  hasCookie: boolean,
  optStart: number,
  msgType: number,
  htype: number,
  hlen: number,
): void {
  const title =
    msgType >= 0
      ? `Dynamic Host Configuration Protocol (${messageTypeName(msgType)})`
      : 'Dynamic Host Configuration Protocol';
  p.open(hf.proto, off, Math.min(end, p.data.length) - off, null, 0, title);
  try {
    p.need(off, 236, end);
    const op = p.data[off];
    p.add(
      hf.type,
      off,
      1,
      undefined,
      0,
      `Message type: ${op === 1 ? 'Boot Request' : op === 2 ? 'Boot Reply' : 'Unknown'} (${op})`,
    );
    p.add(
      hf.hwType,
      off + 1,
      1,
      undefined,
      0,
      `Hardware type: ${HW_TYPES[htype] ?? `Unknown (0x${htype.toString(16).padStart(2, '0')})`}`,
    );
    p.add(hf.hwLen, off + 2, 1);
    p.add(hf.hops, off + 3, 1);
    p.add(hf.id, off + 4, 4);
    p.add(hf.secs, off + 8, 2);
    const bootpFlags = p.dv.getUint16(off + 10);
    p.open(
      hf.flags,
      off + 10,
      2,
      bootpFlags,
      VALUE_LABEL,
      `0x${bootpFlags.toString(16).padStart(4, '0')} (${bootpFlags & 0x8000 ? 'Broadcast' : 'Unicast'})`,
    );
    p.add(hf.flagsBc, off + 10, 2);
    p.add(hf.flagsReserved, off + 10, 2);
    p.close();
    p.add(hf.ipClient, off + 12, 4);
    p.add(hf.ipYour, off + 16, 4);
    p.add(hf.ipServer, off + 20, 4);
    p.add(hf.ipRelay, off + 24, 4);
    if ((htype === 1 || htype === 6) && hlen === 6) {
      p.add(hf.macAddr, off + 28, 6);
      p.add(hf.addrPadding, off + 34, 10);
    } else if (hlen > 0 && hlen <= 16) {
      p.add(hf.hwAddr, off + 28, hlen);
      if (hlen < 16) p.add(hf.addrPadding, off + 28 + hlen, 16 - hlen);
    }
    const sname = p.data.subarray(off + 44, off + 108);
    const file = p.data.subarray(off + 108, off + 236);
    p.add(hf.server, off + 44, 64, undefined, 0, sname[0] ? undefined : 'Server host name not given');
    p.add(hf.file, off + 108, 128, undefined, 0, file[0] ? undefined : 'Boot file name not given');
    if (hasCookie) p.add(hf.cookie, off + 236, 4, undefined, 0, 'Magic cookie: DHCP');
    else p.add(hf.vendorOptions, off + 236, 64);
    for (let pos = optStart; pos < reportedEnd;) {
      const code = byte(p, pos);
      if (code === 0) {
        let i = pos + 1;
        while (i < reportedEnd && byte(p, i) === 0) i++;
        p.add(hf.optPadding, pos, i - pos);
        pos = i;
        continue;
      }
      if (code === 255) {
        p.open(hf.option, pos, 1, code, 0, 'Option: (255) End');
        p.add(hf.optEnd, pos, 1, code);
        p.close();
        pos++;
        if (pos < reportedEnd) p.add(hf.optPadding, pos, Math.min(reportedEnd, p.data.length) - pos);
        break;
      }
      const len = byte(p, pos + 1);
      p.need(pos + 2, len);
      option(p, code, pos, len);
      pos += len + 2;
    }
  } finally {
    p.close();
  }
}

function option(p: Packet, code: number, pos: number, len: number): void {
  const v = pos + 2;
  const d = p.data;
  let label = `Option: (${code}) ${OPTION_NAMES[code] ?? 'Unknown'}`;
  if (code === 53 && len >= 1) label += ` (${messageTypeName(d[v])})`;
  // Options holding one address show it, as Wireshark does.
  if ((code === 1 || code === 50 || code === 54) && len === 4) label += ` (${formatIPv4(d, v)})`;
  p.open(hf.option, pos, len + 2, code, 0, label);
  p.add(hf.optionLength, pos + 1, 1);
  const ipList = (id: number) => {
    for (let i = 0; i + 4 <= len; i += 4) p.add(id, v + i, 4);
  };
  const str = (id: number) => p.add(id, v, len);
  /** A time in seconds: "(3600s) 1 hour". */
  const seconds = (id: number) => {
    if (len !== 4) {
      p.add(hf.optionValue, v, len);
      return;
    }
    const s = p.dv.getUint32(v);
    p.add(id, v, 4, s, VALUE_LABEL, `(${s}s) ${secondsText(s)}`);
  };
  switch (code) {
    case 1:
      ipList(hf.optSubnetMask);
      break;
    case 3:
      ipList(hf.optRouter);
      break;
    case 6:
      ipList(hf.optDns);
      break;
    case 12:
      str(hf.optHostname);
      break;
    case 15:
      str(hf.optDomainName);
      break;
    case 50:
      ipList(hf.optRequestedIp);
      break;
    case 51:
      seconds(hf.optLeaseTime);
      break;
    case 53:
      if (len >= 1) p.add(hf.optMessageType, v, 1);
      break;
    case 54:
      ipList(hf.optServerId);
      break;
    case 55:
      for (let i = 0; i < len; i++)
        p.add(
          hf.optRequestItem,
          v + i,
          1,
          d[v + i],
          VALUE_LABEL,
          `(${d[v + i]}) ${OPTION_NAMES[d[v + i]] ?? 'Unknown'}`,
        );
      break;
    case 61:
      // A client identifier that is a hardware address: its type, then the address.
      if (len === 7 && d[v] === 1) {
        p.add(hf.hwType, v, 1, 1, 0, 'Hardware type: Ethernet (0x01)');
        p.add(hf.macAddr, v + 1, 6);
      } else if (len > 0) p.add(hf.optionValue, v, len);
      break;
    case 56:
      str(hf.optMessage);
      break;
    case 57:
      if (len === 2) p.add(hf.optMaxSize, v, 2);
      else p.add(hf.optionValue, v, len);
      break;
    case 58:
      seconds(hf.optRenewal);
      break;
    case 59:
      seconds(hf.optRebinding);
      break;
    case 60:
      str(hf.optVendorClass);
      break;
    default:
      if (len > 0) p.add(hf.optionValue, v, len);
  }
  p.close();
}

udpPorts.add(67, dissectDhcp);
udpPorts.add(68, dissectDhcp);
