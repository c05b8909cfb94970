// The frame: what the capture file says about a packet (number, times, lengths, interface), then the link layer.
// dissectFrame is the one entry point for dissecting a packet; nothing is thrown out of it.
import { LINKTYPE_PCAPNG_BLOCK } from '../../capture/types';
import { linkTypes } from '../dispatch';
import type { Packet } from '../packet';
import { BoundsError, MalformedError } from '../packet';
import { ColoringCollector } from '../coloring';
import { declare } from '../registry';
import { GENERATED, NsTime, TOP_LEVEL, VALUE_LABEL } from '../sinks';
import { dissectData } from './data';
import { timeDelta } from '../time';
import { stateKey } from '../state';
import type { PacketIndex } from '../../index/packet-index';
import { isOutOfMemory } from '../../capture/problems';

export { formatRelTime, timeDelta } from '../time';

/** Wireshark's encapsulation types (WTAP_ENCAP_*) of the link types it reads, by link type: [number, name]. */
const ENCAPSULATIONS: Readonly<Record<number, readonly [number, string]>> = {
  0: [15, 'NULL/Loopback'],
  1: [1, 'Ethernet'],
  9: [4, 'PPP'],
  12: [7, 'Raw IP'],
  101: [7, 'Raw IP'],
  113: [25, 'Linux cooked-mode capture v1'],
  228: [129, 'Raw IPv4'],
  229: [130, 'Raw IPv6'],
  231: [146, 'D-Bus'],
  239: [141, 'NFLOG'],
  253: [158, 'Linux Netlink'],
  276: [210, 'Linux cooked-mode capture v2'],
};

/** frame.encap_type: Wireshark's encapsulation number for a link type (-1 when unknown). */
export function encapsulationOf(linkType: number): number {
  return ENCAPSULATIONS[linkType]?.[0] ?? -1;
}

export const hf = declare('frame', 'Frame', 'Frame', {
  sectionNumber: { abbrev: 'frame.section_number', name: 'Section number', type: 'uint' },
  interfaceId: { abbrev: 'frame.interface_id', name: 'Interface id', type: 'uint' },
  interfaceName: { abbrev: 'frame.interface_name', name: 'Interface name', type: 'string' },
  interfaceDescription: { abbrev: 'frame.interface_description', name: 'Interface description', type: 'string' },
  encapType: {
    abbrev: 'frame.encap_type',
    name: 'Encapsulation type',
    type: 'int',
    strings: (v) => Object.values(ENCAPSULATIONS).find((e) => e[0] === v)?.[1],
  },
  time: { abbrev: 'frame.time', name: 'Arrival Time', type: 'abs_time' },
  offsetShift: { abbrev: 'frame.offset_shift', name: 'Time shift for this packet', type: 'rel_time' },
  timeEpoch: { abbrev: 'frame.time_epoch', name: 'Epoch Time', type: 'abs_time' },
  timeDelta: {
    abbrev: 'frame.time_delta',
    name: 'Time delta from previous captured frame',
    type: 'rel_time',
    unit: 'seconds',
  },
  timeDeltaDisplayed: {
    abbrev: 'frame.time_delta_displayed',
    name: 'Time delta from previous displayed frame',
    type: 'rel_time',
    unit: 'seconds',
  },
  timeRelative: {
    abbrev: 'frame.time_relative',
    name: 'Time since reference or first frame',
    type: 'rel_time',
    unit: 'seconds',
  },
  number: { abbrev: 'frame.number', name: 'Frame Number', type: 'uint' },
  len: { abbrev: 'frame.len', name: 'Frame Length', type: 'uint', unit: 'bytes' },
  capLen: { abbrev: 'frame.cap_len', name: 'Capture Length', type: 'uint', unit: 'bytes' },
  marked: { abbrev: 'frame.marked', name: 'Frame is marked', type: 'bool' },
  ignored: { abbrev: 'frame.ignored', name: 'Frame is ignored', type: 'bool' },
  protocols: { abbrev: 'frame.protocols', name: 'Protocols in frame', type: 'string' },
  comment: { abbrev: 'frame.comment', name: 'Comment', type: 'string' },
  comments: { abbrev: 'frame.comment.expert', name: 'Packet comments', type: 'none' },
  coloringRuleName: { abbrev: 'frame.coloring_rule.name', name: 'Coloring Rule Name', type: 'string' },
  coloringRuleString: { abbrev: 'frame.coloring_rule.string', name: 'Coloring Rule String', type: 'string' },
});

/** Made on first use, once every protocol has declared its fields. */
let coloring: ColoringCollector | null = null;

/** What frame timing needs of the whole capture: the packet index (set by the engine when a capture is opened). */
export const frameTimes = stateKey('frame.times', () => ({
  index: null as PacketIndex | null,
  /** pcapng files name their sections and interfaces in the Frame item. */
  pcapng: false,
}));

/**
 * frame.time_delta: time since the previous frame. Like Wireshark, a frame without a timestamp (simple packet block,
 * custom block) counts as having the one before it, and time zero when there is none. Null for the frame itself
 * without a timestamp, or when no index is known.
 */
export function deltaTime(p: Packet): { sec: number; ns: number } | null {
  const index = p.state.get(frameTimes).index;
  if (Number.isNaN(p.tsSec) || !index) return null;
  if (p.index === 0) return { sec: 0, ns: 0 };
  for (let i = p.index - 1; i >= 0; i--) {
    const sec = index.seconds(i);
    if (!Number.isNaN(sec)) return timeDelta(p.tsSec, p.tsNs, sec, index.tsNs[i]);
  }
  return timeDelta(p.tsSec, p.tsNs, 0, 0);
}

/** Seconds relative to the capture's reference time, or null when the packet or the reference has no timestamp. */
export function relativeTime(p: Packet): { sec: number; ns: number } | null {
  if (Number.isNaN(p.tsSec) || Number.isNaN(p.state.refSec)) return null;
  return timeDelta(p.tsSec, p.tsNs, p.state.refSec, p.state.refNs);
}

/** Dissect one packet from the link layer up. Never throws: a failure becomes an Info note and an expert item. */
export function dissectFrame(p: Packet): void {
  const len = p.data.length;
  p.setProtocol('');
  // The Frame item stays open while the layers are dissected: the protocols found are added to it at the end.
  const depth = p.openDepth;
  if (p.sink.active) openFrameItem(p, len);
  // The colouring rules read fields of every layer: collect them alongside the caller's sink when it asks for the rule.
  const outer = p.sink;
  const wantColor = outer.active && (outer.wants(hf.coloringRuleName) || outer.wants(hf.coloringRuleString));
  if (wantColor) p.sink = (coloring ??= new ColoringCollector()).tee(outer);
  try {
    if (p.linkType === LINKTYPE_PCAPNG_BLOCK) {
      dissectPcapngBlock(p);
    } else if (!linkTypes.call(p.linkType, p, 0, len)) {
      unsupportedLinkType(p);
    }
  } catch (e) {
    // Running out of memory is not a packet's fault: the engine stops reading (engine.ts).
    if (isOutOfMemory(e)) {
      p.sink = outer;
      throw e;
    }
    // What the failed layers left open is closed; the note goes at the top level.
    p.unwind(depth + 1);
    noteException(p, e);
  }
  p.sink = outer;
  if (!p.sink.active) return;
  p.unwind(depth + 1);
  if (wantColor && coloring) {
    const rule = coloring.match();
    if (rule) {
      p.add(hf.coloringRuleName, 0, 0, rule.name, GENERATED);
      p.add(hf.coloringRuleString, 0, 0, rule.filter, GENERATED);
    }
  }
  p.add(hf.protocols, 0, 0, p.layers.join(':'), GENERATED);
  p.unwind(depth);
}

const bits = (n: number) => `${n} byte${n === 1 ? '' : 's'} (${n * 8} bits)`;

/** "Frame 1: 74 bytes on wire (592 bits), …" and what the capture file says about the frame, as Wireshark shows it. */
function openFrameItem(p: Packet, len: number): void {
  const iface = p.state.interfaces[p.interfaceId];
  const pcapng = p.state.get(frameTimes).pcapng && iface !== undefined && p.interfaceId >= 0;
  if (p.comments?.length) {
    p.open(hf.comments, 0, 0, null, 0, 'Packet comments');
    for (const c of p.comments) p.add(hf.comment, 0, 0, c, 0, c);
    p.close();
  }
  const ifName = iface?.name ?? 'unknown';
  let title = `Frame ${p.frameNumber}: ${p.origLen} bytes on wire (${p.origLen * 8} bits), ${p.capLen} bytes captured (${p.capLen * 8} bits)`;
  if (pcapng) title += ` on interface ${ifName}, id ${p.interfaceId}`;
  p.open(hf.proto, 0, len, null, 0, title);
  if (pcapng) {
    p.add(hf.sectionNumber, 0, 0, iface.section + 1);
    p.open(hf.interfaceId, 0, 0, p.interfaceId, VALUE_LABEL, `${p.interfaceId} (${ifName})`);
    if (iface.name) p.add(hf.interfaceName, 0, 0, iface.name);
    if (iface.description) p.add(hf.interfaceDescription, 0, 0, iface.description);
    p.close();
  }
  const encap = encapsulationOf(p.linkType);
  p.add(hf.encapType, 0, 0, encap);
  if (!Number.isNaN(p.tsSec)) {
    const t = new NsTime(p.tsSec, p.tsNs);
    p.add(hf.time, 0, 0, t);
    p.add(hf.offsetShift, 0, 0, new NsTime(0, 0), GENERATED);
    p.add(hf.timeEpoch, 0, 0, t);
    const delta = p.sink.wants(hf.timeDelta) ? deltaTime(p) : null;
    if (delta) {
      p.add(hf.timeDelta, 0, 0, new NsTime(delta.sec, delta.ns), GENERATED);
      p.add(hf.timeDeltaDisplayed, 0, 0, new NsTime(delta.sec, delta.ns), GENERATED);
    }
    const rel = relativeTime(p);
    if (rel) p.add(hf.timeRelative, 0, 0, new NsTime(rel.sec, rel.ns), GENERATED);
  }
  p.add(hf.number, 0, 0, p.frameNumber);
  p.add(hf.len, 0, 0, p.origLen, VALUE_LABEL, bits(p.origLen));
  p.add(hf.capLen, 0, 0, p.capLen, VALUE_LABEL, bits(p.capLen));
  p.add(hf.marked, 0, 0, false, GENERATED);
  p.add(hf.ignored, 0, 0, false, GENERATED);
}

/** Wireshark's protocol names where they differ from the Protocol column (for "[Malformed Packet: …]"). */
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { DHCP: 'DHCP/BOOTP' };

function noteException(p: Packet, e: unknown): void {
  const name = PROTOCOL_NAMES[p.protocol] ?? p.protocol;
  if (e instanceof BoundsError || e instanceof RangeError) {
    if (p.capLen < p.origLen) {
      p.truncated = true;
      p.appendInfo('[Packet size limited during capture]');
      // A line at the top level; the note is not shown under it (as in tshark -V).
      p.add(hfShort.proto, 0, 0, null, TOP_LEVEL, `[Packet size limited during capture: ${name} truncated]`);
      if (p.verbose)
        p.experts.push({
          severity: 'warn',
          group: 'Malformed',
          name: '_ws.short',
          message: 'Packet size limited during capture',
        });
    } else malformed(p, name, 'Malformed Packet (Exception occurred)', '[Malformed Packet]');
  } else if (e instanceof MalformedError) {
    malformed(p, name, `Malformed Packet: ${e.message}`, '[Malformed Packet]');
  } else {
    // A bug in a dissector: show it on the packet rather than lose the capture.
    const why = e instanceof Error ? e.message : String(e);
    malformed(p, name, `Dissector bug: ${why}`, `[Dissector bug: ${why}]`);
  }
}

/** "[Malformed Packet: TCP]" at the top level of the tree, with the note under it, and Info's mark. */
function malformed(p: Packet, name: string, message: string, info: string): void {
  p.malformed = true;
  p.appendInfo(info);
  p.open(hfMalformed.proto, 0, 0, null, TOP_LEVEL, `[Malformed Packet: ${name}]`);
  p.expert('error', 'Malformed', '_ws.malformed', message);
  p.close();
}

const hfMalformed = declare('_ws.malformed', 'Malformed Packet', 'Malformed', {});
const hfShort = declare('_ws.short', 'Packet size limited during capture', 'Short', {});

function unsupportedLinkType(p: Packet): void {
  p.setProtocol(`Link type ${p.linkType}`);
  p.setInfo(`Link type ${p.linkType} is not supported by Wirelens`);
  p.expert('note', 'Undecoded', '_ws.unsupported_link_type', `Link type ${p.linkType} is not supported`);
  dissectData(p, 0, p.data.length);
}

/** Enterprise numbers of the custom blocks seen in practice (IANA's registry, as Wireshark names them). */
const PEN_NAMES: Record<number, string> = {
  32473: 'Example Enterprise Number for Documentation Use',
  36724: 'Kaplan Research and Application Prototyping',
};

function dissectPcapngBlock(p: Packet): void {
  p.setProtocol('PCAPNG');
  p.addLayer('pcapng');
  if (p.blockType === 0x00000bad || p.blockType === 0x40000bad) {
    const name = PEN_NAMES[p.pen] ?? 'Unknown';
    const copy = p.blockType === 0x00000bad ? 'will be copied' : 'will not be copied';
    p.setInfo(`Custom Block: PEN = ${name} (${p.pen}), ${copy}`);
  } else {
    p.setInfo(`Block type 0x${p.blockType.toString(16).padStart(8, '0')}`);
  }
}
