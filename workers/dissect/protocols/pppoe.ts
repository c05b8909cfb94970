// PPP over Ethernet (RFC 2516): discovery (EtherType 0x8863: PADI, PADO, PADR, PADS, PADT with their tags) and
// session (0x8864: PPP, bounded by the PPPoE payload length).
import { etherTypes } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';
import { dissectPpp } from './ppp';

const CODES: Record<number, string> = {
  0x00: 'Session Data',
  0x07: 'Active Discovery Offer (PADO)',
  0x09: 'Active Discovery Initiation (PADI)',
  0x0a: 'Active Discovery Quality (PADQ)',
  0x0b: 'Active Discovery Session-Credit Response (PADC)',
  0x19: 'Active Discovery Request (PADR)',
  0x65: 'Active Discovery Session-confirmation (PADS)',
  0xa7: 'Active Discovery Terminate (PADT)',
  0xd3: 'Active Discovery Message (PADM)',
  0xd4: 'Active Discovery Network (PADN)',
  0x0c: 'Active Discovery Session-Grant (PADG)',
};

const TAGS: Record<number, string> = {
  0x0000: 'End-Of-List',
  0x0101: 'Service-Name',
  0x0102: 'AC-Name',
  0x0103: 'Host-Uniq',
  0x0104: 'AC-Cookie',
  0x0105: 'Vendor-Specific',
  0x0106: 'Credits',
  0x0107: 'Metrics',
  0x0108: 'Sequence Number',
  0x0109: 'Credit Scale Factor',
  0x0110: 'Relay-Session-Id',
  0x0111: 'HURL',
  0x0112: 'MOTM',
  0x0120: 'PPP-Max-Payload',
  0x0121: 'IP_Route_Add',
  0x0201: 'Service-Name-Error',
  0x0202: 'AC-System-Error',
  0x0203: 'Generic-Error',
};

const hfPppoe = declare('pppoe', 'PPP-over-Ethernet', 'PPPoE', {
  version: { abbrev: 'pppoe.version', name: 'Version', type: 'uint', mask: 0xf0, bits: 8 },
  type: { abbrev: 'pppoe.type', name: 'Type', type: 'uint', mask: 0x0f, bits: 8 },
  code: { abbrev: 'pppoe.code', name: 'Code', type: 'uint', base: 'hex', bits: 8, strings: CODES },
  sessionId: { abbrev: 'pppoe.session_id', name: 'Session ID', type: 'uint', base: 'hex', bits: 16 },
  payloadLength: { abbrev: 'pppoe.payload_length', name: 'Payload Length', type: 'uint' },
});

export const hfD = declare('pppoed', 'PPP-over-Ethernet Discovery', 'PPPoED', {
  tags: { abbrev: 'pppoed.tags', name: 'PPPoE Tags', type: 'none' },
  tag: { abbrev: 'pppoed.tag', name: 'Tag', type: 'uint', base: 'hex', bits: 16, strings: TAGS },
  tagLength: { abbrev: 'pppoed.tag_length', name: 'Tag Length', type: 'uint' },
  tagUnknownData: { abbrev: 'pppoed.tag.unknown_data', name: 'Unknown Data', type: 'bytes' },
  serviceName: { abbrev: 'pppoed.tags.service_name', name: 'Service-Name', type: 'string' },
  acName: { abbrev: 'pppoed.tags.ac_name', name: 'AC-Name', type: 'string' },
  hostUniq: { abbrev: 'pppoed.tags.host_uniq', name: 'Host-Uniq', type: 'bytes' },
  acCookie: { abbrev: 'pppoed.tags.ac_cookie', name: 'AC-Cookie', type: 'bytes' },
  vendorId: { abbrev: 'pppoed.tags.vendor_id', name: 'Vendor id', type: 'uint' },
  vendorUnspecified: { abbrev: 'pppoed.tags.vendor_unspecified', name: 'Vendor unspecified', type: 'bytes' },
  relaySessionId: { abbrev: 'pppoed.tags.relay_session_id', name: 'Relay-Session-Id', type: 'bytes' },
  maxPayload: { abbrev: 'pppoed.tags.max_payload', name: 'PPP-Max-Payload', type: 'uint' },
  serviceNameError: { abbrev: 'pppoed.tags.service_name_error', name: 'Service-Name-Error', type: 'string' },
  acSystemError: { abbrev: 'pppoed.tags.ac_system_error', name: 'AC-System-Error', type: 'string' },
  genericError: { abbrev: 'pppoed.tags.generic_error', name: 'Generic-Error', type: 'string' },
});

export const hfS = declare('pppoes', 'PPP-over-Ethernet Session', 'PPPoES', {});

const latin1 = new TextDecoder('latin1');

/** Version, type, code, session id and payload length, shared by discovery and session frames. */
function addHeader(p: Packet, off: number): void {
  p.add(hfPppoe.version, off, 1);
  p.add(hfPppoe.type, off, 1);
  p.add(hfPppoe.code, off + 1, 1);
  p.add(hfPppoe.sessionId, off + 2, 2);
  p.add(hfPppoe.payloadLength, off + 4, 2);
}

const STRING_TAGS: Record<number, number> = {
  0x0101: hfD.serviceName,
  0x0102: hfD.acName,
  0x0201: hfD.serviceNameError,
  0x0202: hfD.acSystemError,
  0x0203: hfD.genericError,
};

const BYTES_TAGS: Record<number, number> = {
  0x0103: hfD.hostUniq,
  0x0104: hfD.acCookie,
  0x0110: hfD.relaySessionId,
};

function dissectTags(p: Packet, off: number, end: number): void {
  let o = off;
  if (p.sink.active && o + 4 <= end) p.open(hfD.tags, o, end - o, null);
  while (o + 4 <= end) {
    const tag = p.dv.getUint16(o);
    const len = p.dv.getUint16(o + 2);
    const v = o + 4;
    if (v + len > end) {
      p.expert('error', 'Malformed', 'pppoed.tag_length.bad', 'Tag length goes past the end of the payload');
      break;
    }
    if (tag === 0x0102 && p.cols) p.appendInfo(` AC-Name='${latin1.decode(p.data.subarray(v, v + len))}'`);
    if (p.sink.active) {
      p.add(hfD.tag, o, 2);
      p.add(hfD.tagLength, o + 2, 2);
      const s = STRING_TAGS[tag];
      const b = BYTES_TAGS[tag];
      if (s !== undefined) p.add(s, v, len);
      else if (len === 0) {
        // A tag without a value.
      } else if (b !== undefined) p.add(b, v, len);
      else if (tag === 0x0105 && len >= 4) {
        p.add(hfD.vendorId, v, 4);
        if (len > 4) p.add(hfD.vendorUnspecified, v + 4, len - 4);
      } else if (tag === 0x0120 && len === 2) p.add(hfD.maxPayload, v, 2);
      else p.add(hfD.tagUnknownData, v, len);
    }
    o = v + len;
    if (tag === 0x0000) break;
  }
  if (p.sink.active && off + 4 <= end) p.close();
}

export function dissectPppoed(p: Packet, off: number, end: number): void {
  p.addLayer('pppoed');
  p.setProtocol('PPPoED');
  p.need(off, 6, end);
  const code = p.data[off + 1];
  const length = p.dv.getUint16(off + 4);
  if (p.cols) p.setInfo(CODES[code] ?? `Unknown (0x${code.toString(16).padStart(2, '0')})`);
  const tagsEnd = Math.min(end, off + 6 + length);
  if (p.sink.active) {
    p.open(hfD.proto, off, tagsEnd - off, null, 0, 'PPP-over-Ethernet Discovery');
    addHeader(p, off);
  }
  try {
    dissectTags(p, off + 6, tagsEnd);
  } finally {
    p.close();
  }
}

export function dissectPppoes(p: Packet, off: number, end: number): void {
  p.addLayer('pppoes');
  p.setProtocol('PPPoES');
  p.need(off, 6, end);
  const code = p.data[off + 1];
  const length = p.dv.getUint16(off + 4);
  if (p.cols) p.setInfo(CODES[code] ?? `Unknown (0x${code.toString(16).padStart(2, '0')})`);
  if (p.sink.active) {
    p.open(hfS.proto, off, 6, null, 0, 'PPP-over-Ethernet Session');
    addHeader(p, off);
    p.close();
  }
  const payloadEnd = length > 0 ? Math.min(end, off + 6 + length) : end;
  if (off + 6 + length > end && p.capLen >= p.origLen) {
    // The payload length claims more than the frame holds; PPP gets what there is.
    p.expert('warn', 'Malformed', 'pppoes.payload_length.bad', 'PPPoE payload length goes past the end of the frame');
  }
  dissectPpp(p, off + 6, payloadEnd);
}

etherTypes.add(0x8863, dissectPppoed);
etherTypes.add(0x8864, dissectPppoes);
