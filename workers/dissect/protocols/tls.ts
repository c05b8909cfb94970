// Transport Layer Security (RFC 5246, RFC 8446) over TCP: the record layer and the handshake, without decryption.
import type { Packet } from '../packet';
import { declare } from '../registry';

export const hf = declare('tls', 'Transport Layer Security', 'TLS', {
  record: { abbrev: 'tls.record', name: 'Record Layer', type: 'none' },
  contentType: { abbrev: 'tls.record.content_type', name: 'Content Type', type: 'uint' },
  version: { abbrev: 'tls.record.version', name: 'Version', type: 'uint', base: 'hex', bits: 16 },
  length: { abbrev: 'tls.record.length', name: 'Length', type: 'uint' },
});

/**
 * TLS on [off, end) of p.data: a TCP payload (or a reassembled buffer). Returns false when the bytes do not look
 * like TLS at all (so that other dissectors may try).
 */
export function dissectTls(p: Packet, off: number, end: number): boolean {
  if (end <= off) return false;
  p.addLayer('tls');
  p.setProtocol('TLS');
  return true;
}

/** Wireshark's default TLS port range. */
export const TLS_PORTS = [443, 465, 636, 853, 989, 990, 992, 993, 994, 995, 3269, 5061];
