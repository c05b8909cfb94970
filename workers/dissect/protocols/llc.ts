// IEEE 802.2 Logical-Link Control, with SNAP. The payload goes by DSAP (llcSaps), or for SNAP by the OUI: the
// EtherType OUIs hand the PID to the EtherType table, other OUIs' payloads are shown as data.
import { DissectorTable, etherTypes, llcSaps } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { dissectData } from './data';

/** SAP names (the SAP without its I/G or C/R bit). */
const SAP_NAMES: Record<number, string> = {
  0x00: 'NULL LSAP',
  0x02: 'LLC Sub-Layer Management',
  0x04: 'SNA Path Control',
  0x06: 'TCP/IP',
  0x08: 'SNA',
  0x0c: 'SNA',
  0x0e: 'PROWAY (IEC 955) Network Management and Initialization',
  0x18: 'Texas Instruments',
  0x42: 'Spanning Tree BPDU',
  0x4e: 'EIA RS-511 Manufacturing Message Service',
  0x5e: 'ISI IP',
  0x7e: 'ISO 8208 (X.25 over 802.2)',
  0x80: 'XNS',
  0x82: 'BACnet',
  0x86: 'Nestar',
  0x8e: 'PROWAY (IEC 955) Active Station List Maintenance',
  0x98: 'ARP',
  0xa6: 'RDE (route determination entity)',
  0xaa: 'SNAP',
  0xba: 'Banyan Vines',
  0xbc: 'Banyan Vines',
  0xe0: 'NetWare',
  0xf0: 'NetBIOS',
  0xf4: 'IBM Net Management',
  0xf8: 'HP Extended LLC',
  0xfa: 'Ungermann-Bass',
  0xfc: 'Remote Program Load',
  0xfe: 'ISO Network Layer',
  0xff: 'Global LSAP',
};

/** Organisation codes seen in SNAP headers. */
export const OUI_NAMES: Record<number, string> = {
  0x000000: 'Encapsulated Ethernet',
  0x00000c: 'Cisco Systems, Inc',
  0x0000f8: 'Cisco 90-Compatible',
  0x000142: 'Cisco Systems, Inc',
  0x000e21: 'ATM Forum',
  0x0080c2: 'IEEE 802.1',
  0x00d0f8: 'Cisco Systems, Inc',
  0x00e02b: 'Extreme Networks',
  0x080007: 'Apple Computer',
};

/** U-frame modifiers, short names as the Info column shows them (command, response). */
const U_CMD: Record<number, string> = {
  0x03: 'UI',
  0x07: 'SIM',
  0x0f: 'SARM',
  0x23: 'UP',
  0x2f: 'SABM',
  0x43: 'DISC',
  0x4f: 'SARME',
  0x63: 'UA',
  0x6f: 'SABME',
  0x83: 'SNRM',
  0x87: 'FRMR',
  0x8f: 'RSET',
  0xaf: 'XID',
  0xc7: 'CFGR',
  0xcf: 'SNRME',
  0xe3: 'TEST',
  0xef: 'BCN',
};
const U_RESP: Record<number, string> = {
  0x03: 'UI',
  0x07: 'RIM',
  0x0f: 'DM',
  0x23: 'UP',
  0x43: 'RD',
  0x63: 'UA',
  0x87: 'FRMR',
  0xaf: 'XID',
  0xc7: 'CFGR',
  0xe3: 'TEST',
  0xef: 'BCN',
};
const S_FUNC = ['RR', 'RNR', 'REJ', 'SREJ'];

/** Payloads of SNAP frames with Cisco's OUI, by PID (CDP 0x2000 …). */
export const ciscoPids = new DissectorTable('llc.cisco_pid');

const sapName = (v: number): string | undefined => SAP_NAMES[v & 0xfe];

export const hf = declare('llc', 'Logical-Link Control', 'LLC', {
  dsap: { abbrev: 'llc.dsap', name: 'DSAP', type: 'uint', base: 'hex', bits: 8, strings: sapName },
  dsapSap: { abbrev: 'llc.dsap.sap', name: 'SAP', type: 'uint', base: 'hex', mask: 0xfe, bits: 8, strings: SAP_NAMES },
  dsapIg: { abbrev: 'llc.dsap.ig', name: 'IG Bit', type: 'bool', mask: 0x01, bits: 8, tf: ['Group', 'Individual'] },
  ssap: { abbrev: 'llc.ssap', name: 'SSAP', type: 'uint', base: 'hex', bits: 8, strings: sapName },
  ssapSap: { abbrev: 'llc.ssap.sap', name: 'SAP', type: 'uint', base: 'hex', mask: 0xfe, bits: 8, strings: SAP_NAMES },
  ssapCr: { abbrev: 'llc.ssap.cr', name: 'CR Bit', type: 'bool', mask: 0x01, bits: 8, tf: ['Response', 'Command'] },
  control: { abbrev: 'llc.control', name: 'Control field', type: 'uint', base: 'hex', bits: 16 },
  ftype: { abbrev: 'llc.control.ftype', name: 'Frame type', type: 'uint', base: 'hex', bits: 16 },
  nr: { abbrev: 'llc.control.n_r', name: 'N(R)', type: 'uint' },
  ns: { abbrev: 'llc.control.n_s', name: 'N(S)', type: 'uint' },
  sFtype: { abbrev: 'llc.control.s_ftype', name: 'Supervisory frame type', type: 'uint', base: 'hex', bits: 16 },
  uCmd: { abbrev: 'llc.control.u_modifier_cmd', name: 'Command', type: 'uint', base: 'hex', bits: 8, strings: U_CMD },
  uResp: {
    abbrev: 'llc.control.u_modifier_resp',
    name: 'Response',
    type: 'uint',
    base: 'hex',
    bits: 8,
    strings: U_RESP,
  },
  oui: { abbrev: 'llc.oui', name: 'Organization Code', type: 'uint', base: 'hex', bits: 24, strings: OUI_NAMES },
  type: { abbrev: 'llc.type', name: 'Type', type: 'uint', base: 'hex', bits: 16 },
  pid: { abbrev: 'llc.pid', name: 'Protocol ID', type: 'uint', base: 'hex', bits: 16 },
});

/** OUIs whose PID is an EtherType. */
function isEtherTypeOui(oui: number): boolean {
  return oui === 0x000000 || oui === 0x0000f8 || oui === 0x080007;
}

const hex2 = (v: number): string => `0x${v.toString(16).padStart(2, '0')}`;

/** The Info text for an 802.2 control field (extended: I and S frames are two bytes). */
function controlInfo(control: number, isU: boolean, isResponse: boolean): string {
  if (isU) {
    const pf = control & 0x10 ? (isResponse ? ' F' : ' P') : '';
    const m = control & 0xef;
    const name = (isResponse ? U_RESP[m] : U_CMD[m]) ?? 'Unknown';
    return `U${pf}, func=${name}`;
  }
  const pf = control & 0x100 ? (isResponse ? ' F' : ' P') : '';
  const nr = (control >> 9) & 0x7f;
  if ((control & 1) === 0) return `I${pf}, N(R)=${nr}, N(S)=${(control >> 1) & 0x7f}`;
  return `S${pf}, func=${S_FUNC[(control >> 2) & 3]}, N(R)=${nr}`;
}

export function dissectLlc(p: Packet, off: number, end: number): void {
  p.addLayer('llc');
  p.setProtocol('LLC');
  p.setInfo('');
  p.need(off, 3, end);
  const d = p.data;
  const dsap = d[off];
  const ssap = d[off + 1];
  const c0 = d[off + 2];
  const isU = (c0 & 3) === 3;
  const ctlLen = isU ? 1 : 2;
  p.need(off + 2, ctlLen, end);
  const control = isU ? c0 : c0 | (d[off + 3] << 8);
  const isResponse = (ssap & 1) === 1;
  const isSnap = dsap === 0xaa && ssap === 0xaa;
  const hdrLen = 2 + ctlLen + (isSnap ? 5 : 0);
  // UI frames carry information like I frames do.
  const isInfo = (control & 1) === 0 || (isU && (control & 0xef) === 0x03);
  if (p.cols) p.setInfo(controlInfo(control, isU, isResponse));
  let oui = -1;
  let pid = 0;
  if (isSnap) {
    p.need(off + 2 + ctlLen, 5, end);
    const o = off + 2 + ctlLen;
    oui = (d[o] << 16) | (d[o + 1] << 8) | d[o + 2];
    pid = (d[o + 3] << 8) | d[o + 4];
    if (p.cols) {
      const ouiHex = oui.toString(16).toUpperCase().padStart(6, '0');
      const pidHex = pid.toString(16).toUpperCase().padStart(4, '0');
      p.appendInfo(`; SNAP, OUI 0x${ouiHex} (${OUI_NAMES[oui] ?? 'Unknown'}), PID 0x${pidHex}`);
    }
  } else if (p.cols) {
    const dName = SAP_NAMES[dsap & 0xfe] ?? hex2(dsap & 0xfe);
    const sName = SAP_NAMES[ssap & 0xfe] ?? hex2(ssap & 0xfe);
    p.appendInfo(
      `; DSAP ${dName} ${dsap & 1 ? 'Group' : 'Individual'}, SSAP ${sName} ${isResponse ? 'Response' : 'Command'}`,
    );
  }
  if (p.sink.active) {
    p.open(hf.proto, off, hdrLen, null, 0, 'Logical-Link Control');
    p.open(hf.dsap, off, 1);
    p.add(hf.dsapSap, off, 1);
    p.add(hf.dsapIg, off, 1);
    p.close();
    p.open(hf.ssap, off + 1, 1);
    p.add(hf.ssapSap, off + 1, 1);
    p.add(hf.ssapCr, off + 1, 1);
    p.close();
    p.open(
      hf.control,
      off + 2,
      ctlLen,
      control,
      0,
      `Control field: ${controlInfo(control, isU, isResponse)} (0x${control
        .toString(16)
        .toUpperCase()
        .padStart(ctlLen * 2, '0')})`,
    );
    if (isU) {
      p.add(isResponse ? hf.uResp : hf.uCmd, off + 2, 1, control & 0xef);
      p.add(hf.ftype, off + 2, 1, 3);
    } else {
      p.add(hf.nr, off + 2, 2, (control >> 9) & 0x7f);
      if ((control & 1) === 0) p.add(hf.ns, off + 2, 2, (control >> 1) & 0x7f);
      else p.add(hf.sFtype, off + 2, 2, control & 0x0c);
      p.add(hf.ftype, off + 2, 2, control & 1 ? 1 : 0);
    }
    p.close();
    if (isSnap) {
      const o = off + 2 + ctlLen;
      p.add(hf.oui, o, 3);
      p.add(isEtherTypeOui(oui) ? hf.type : hf.pid, o + 3, 2);
    }
    p.close();
  }
  const next = off + hdrLen;
  if (next >= end) return;
  if (isSnap) {
    if (isEtherTypeOui(oui) && isInfo && etherTypes.call(pid, p, next, end)) return;
    if (oui === 0x00000c && isInfo && ciscoPids.call(pid, p, next, end)) return;
    dissectData(p, next, end);
    return;
  }
  if (isInfo && llcSaps.call(dsap, p, next, end)) return;
  dissectData(p, next, end);
}

// IP and ARP straight over 802.2.
llcSaps.add(0x06, (p, off, end) => etherTypes.call(0x0800, p, off, end));
llcSaps.add(0x98, (p, off, end) => etherTypes.call(0x0806, p, off, end));
