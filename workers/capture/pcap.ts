// Classic libpcap files: both byte orders, microsecond and nanosecond magic, the FCS bits of the link-type field.
import type { ChunkReader } from './chunk-reader';
import type { CaptureInfo, CaptureProblem, RecordCallback } from './types';
import { newRecord } from './types';
import { cutShort, damaged } from './problems';

/** Wireshark's limit for one record in a pcap file (WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_PCAP_RECORD = 262144;

const MAGIC_USEC = 0xa1b2c3d4;
const MAGIC_NSEC = 0xa1b23c4d;

/** Does this look like the start of a pcap file? Returns the byte order and resolution, or null. */
export function sniffPcap(head: Uint8Array): { littleEndian: boolean; nanos: boolean } | null {
  if (head.length < 4) return null;
  const dv = new DataView(head.buffer, head.byteOffset, 4);
  const le = dv.getUint32(0, true);
  const be = dv.getUint32(0, false);
  if (le === MAGIC_USEC) return { littleEndian: true, nanos: false };
  if (le === MAGIC_NSEC) return { littleEndian: true, nanos: true };
  if (be === MAGIC_USEC) return { littleEndian: false, nanos: false };
  if (be === MAGIC_NSEC) return { littleEndian: false, nanos: true };
  return null;
}

export async function readPcap(
  r: ChunkReader,
  info: CaptureInfo,
  onRecord: RecordCallback,
): Promise<CaptureProblem | null> {
  if ((await r.ensure(24)) < 24) return cutShort(r.pos, true);
  const head = r.buf.subarray(r.start, r.start + 24);
  const kind = sniffPcap(head);
  if (!kind) return damaged(r.pos, 'pcap: bad magic number');
  const le = kind.littleEndian;
  let dv = new DataView(head.buffer, head.byteOffset, 24);
  const versionMajor = dv.getUint16(4, le);
  const versionMinor = dv.getUint16(6, le);
  const snaplen = dv.getUint32(16, le);
  const network = dv.getUint32(20, le);
  const fcsPresent = (network & 0x04000000) !== 0;
  info.byteOrder = le ? 'little' : 'big';
  info.versionMajor = versionMajor;
  info.versionMinor = versionMinor;
  info.interfaces.push({
    id: 0,
    section: 0,
    linkType: network & 0xffff,
    snaplen,
    tsUnitsPerSec: kind.nanos ? 1e9 : 1e6,
    tsDigits: kind.nanos ? 9 : 6,
    tsOffset: 0,
    fcsLen: fcsPresent ? ((network >>> 28) & 0xf) * 2 : -1,
    comments: [],
  });
  r.advance(24);

  const rec = newRecord();
  rec.interfaceId = 0;
  rec.linkType = network & 0xffff;
  const nsPerUnit = kind.nanos ? 1 : 1000;
  for (;;) {
    if (r.available < 16 && (await r.ensure(16)) < 16) {
      if (r.available === 0) return null;
      return cutShort(r.pos, false);
    }
    dv = new DataView(r.buf.buffer, r.buf.byteOffset + r.start, 16);
    const tsSec = dv.getUint32(0, le);
    const tsFrac = dv.getUint32(4, le);
    const capLen = dv.getUint32(8, le);
    const origLen = dv.getUint32(12, le);
    if (capLen > MAX_PCAP_RECORD) {
      return damaged(r.pos, `pcap: File has ${capLen}-byte packet, bigger than maximum of ${MAX_PCAP_RECORD}`);
    }
    if (r.available < 16 + capLen && (await r.ensure(16 + capLen)) < 16 + capLen) return cutShort(r.pos, false);
    rec.tsSec = tsSec;
    // Kept as read, even when out of range (tshark shows such timestamps as they are).
    rec.tsNs = tsFrac * nsPerUnit;
    rec.capLen = capLen;
    rec.origLen = origLen;
    rec.offset = r.pos + 16;
    rec.data = r.buf.subarray(r.start + 16, r.start + 16 + capLen);
    r.advance(16 + capLen);
    if (onRecord(rec) === false) return null;
  }
}
