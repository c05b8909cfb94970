// Helpers for the capture readers' unit tests: read a capture in chunks of a chosen size and keep a copy of every
// record (the reader reuses its record object). Test-only; not imported by the engine.
import { readCapture } from './open';
import type { ReadResult } from './open';
import type { ByteSource } from './source';
import { streamOf } from './source';
import type { CaptureRecord } from './types';

/** A record as plain data, its bytes as hex. */
export interface Rec extends Omit<CaptureRecord, 'data'> {
  data: string;
}

export function hex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i].toString(16).padStart(2, '0');
  return s;
}

/** Bytes in memory, streamed in chunks of `chunkSize` (to exercise records that straddle chunks). */
export function chunkedSource(bytes: Uint8Array, chunkSize = 1 << 16, name = 'capture'): ByteSource {
  return {
    name,
    size: bytes.length,
    stream: () => streamOf(bytes, chunkSize),
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}

export interface ReadAll extends ReadResult {
  records: Rec[];
}

/** Read every record of a capture, copying each. */
export async function readAll(bytes: Uint8Array, chunkSize?: number): Promise<ReadAll> {
  const records: Rec[] = [];
  const result = await readCapture(chunkedSource(bytes, chunkSize), (r) => {
    if (r.data.length !== r.capLen) throw new Error(`record data is ${r.data.length} bytes, capLen ${r.capLen}`);
    records.push({ ...r, data: hex(r.data), comments: r.comments ? [...r.comments] : null });
  });
  return { ...result, records };
}
