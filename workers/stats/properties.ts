// Capture file properties (issue 7; Wireshark's Statistics › Capture File Properties, capinfos): the file's format,
// encapsulation, interfaces, first/last packet times, sizes and rates, the pcapng section header's comments, hardware,
// OS and application, and the file's SHA-256 (sha256.ts, computed from the file in pieces). From the first pass's
// index and the reader's CaptureInfo: nothing is dissected again.
import type { Engine } from '../engine';
import { RowFlag } from '../index/packet-index';
import type { CaptureProperties, InterfaceProperties } from '../types';

export type { CaptureProperties, InterfaceProperties };

/** Wireshark's encapsulations by link type: [WTAP_ENCAP number, name, short name] (wiretap/wtap.c). */
const ENCAPSULATIONS: Readonly<Record<number, readonly [number, string, string]>> = {
  0: [15, 'NULL/Loopback', 'null'],
  1: [1, 'Ethernet', 'ether'],
  9: [4, 'PPP', 'ppp'],
  12: [7, 'Raw IP', 'rawip'],
  101: [7, 'Raw IP', 'rawip'],
  113: [25, 'Linux cooked-mode capture v1', 'linux-sll'],
  228: [129, 'Raw IPv4', 'rawip4'],
  229: [130, 'Raw IPv6', 'rawip6'],
  231: [146, 'D-Bus', 'dbus'],
  239: [141, 'NFLOG', 'nflog'],
  253: [158, 'Linux Netlink', 'netlink'],
  276: [210, 'Linux cooked-mode capture v2', 'linux-sll2'],
};

/** "Ethernet (1 - ether)", as capinfos names an interface's encapsulation. */
export function encapsulationText(linkType: number): string {
  const e = ENCAPSULATIONS[linkType];
  return e ? `${e[1]} (${e[0]} - ${e[2]})` : `Unknown (link type ${linkType})`;
}

const PRECISIONS: Record<number, string> = { 0: 'seconds', 3: 'milliseconds', 6: 'microseconds', 9: 'nanoseconds' };

/** "nanoseconds (9)". */
export function precisionText(digits: number): string {
  return `${PRECISIONS[digits] ?? `${digits} digits`} (${digits})`;
}

/** "2026-11-22 01:51:58.048203119" (UTC), with `digits` digits after the second (truncated, as capinfos). */
export function formatUtc(sec: number, ns: number, digits: number): string {
  const d = new Date(sec * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  const frac = digits > 0 ? `.${String(ns).padStart(9, '0').slice(0, digits)}` : '';
  return `${date} ${time}${frac}`;
}

/** The properties of the open capture; `file` is what was opened, `sha256` its checksum (sha256OfBlob). */
export function capturePropertiesOf(
  engine: Engine,
  file: { name: string; size: number },
  sha256: string,
): CaptureProperties {
  const info = engine.info;
  const index = engine.index;
  const ifaces = info?.interfaces ?? [];
  const n = index.count;
  // Per interface packets; data size; earliest and latest times; strict order.
  const perIface = new Array<number>(ifaces.length).fill(0);
  let dataSize = 0;
  let first: { sec: number; ns: number } | null = null;
  let last: { sec: number; ns: number } | null = null;
  let prev: { sec: number; ns: number } | null = null;
  let strict = true;
  let packets = 0;
  for (let i = 0; i < n; i++) {
    const iface = index.interfaceOf(i);
    if (iface < 0) continue; // pseudo-frames (custom blocks) are not packets to capinfos
    packets++;
    perIface[iface]++;
    dataSize += index.capLen[i];
    if (index.flags[i] & RowFlag.NoTimestamp) continue;
    const t = { sec: index.rawSeconds(i), ns: index.tsNs[i] };
    const before = (a: { sec: number; ns: number }, b: { sec: number; ns: number }) =>
      a.sec < b.sec || (a.sec === b.sec && a.ns < b.ns);
    if (!first || before(t, first)) first = t;
    if (!last || before(last, t)) last = t;
    if (prev && before(t, prev)) strict = false;
    prev = t;
  }
  const digitsSet = new Set(ifaces.map((f) => f.tsDigits));
  const digits = digitsSet.size === 1 ? ifaces[0].tsDigits : 9;
  const linkTypes = new Set(ifaces.map((f) => f.linkType));
  const pcap = info?.format === 'pcap';
  const nsec = pcap && ifaces[0]?.tsUnitsPerSec === 1e9;
  const duration = first && last ? last.sec - first.sec + (last.ns - first.ns) / 1e9 : 0;
  // capinfos divides by the difference of the two times as doubles of seconds since the epoch (a few hundred ns
  // coarser than the duration it prints): so do the rates here, to show the same digits.
  const span = first && last ? last.sec + last.ns / 1e9 - (first.sec + first.ns / 1e9) : 0;
  const section = info?.sections[0];
  const interfaces: InterfaceProperties[] = ifaces.map((f, k) => ({
    name: f.name ?? '',
    description: f.description ?? '',
    encapsulation: encapsulationText(f.linkType),
    linkType: f.linkType,
    snaplen: f.snaplen,
    precision: precisionText(f.tsDigits),
    ticksPerSecond: f.tsUnitsPerSec,
    filter: f.filter ?? '',
    os: f.os ?? '',
    hardware: f.hardware ?? '',
    packets: perIface[k],
  }));
  return {
    fileName: file.name,
    fileType: pcap ? (nsec ? 'nsecpcap' : 'pcap') : 'pcapng',
    fileTypeLong: pcap
      ? nsec
        ? 'Wireshark/tcpdump/... - nanosecond pcap'
        : 'Wireshark/tcpdump/... - pcap'
      : 'Wireshark/... - pcapng',
    compression: info?.compression ?? 'none',
    encapsulation:
      linkTypes.size > 1 ? 'per-packet' : linkTypes.size === 1 ? (ENCAPSULATIONS[ifaces[0].linkType]?.[2] ?? '') : '',
    precision: digitsSet.size > 1 ? 'per-packet (-1)' : precisionText(digits),
    snaplen: pcap ? (ifaces[0]?.snaplen ?? null) : null,
    packets,
    fileSize: file.size,
    dataSize,
    first,
    last,
    digits,
    duration,
    byteRate: span > 0 ? dataSize / span : NaN,
    bitRate: span > 0 ? (dataSize / span) * 8 : NaN,
    averagePacketSize: packets > 0 ? dataSize / packets : NaN,
    packetRate: span > 0 ? packets / span : NaN,
    sha256,
    strictTimeOrder: strict,
    hardware: section?.hardware ?? '',
    os: section?.os ?? '',
    application: section?.userAppl ?? '',
    comments: info?.sections.flatMap((s) => s.comments) ?? [],
    interfaces,
  };
}
