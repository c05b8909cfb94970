// pcapng: sections with their own byte order, interfaces, enhanced/simple/obsolete packet blocks, name resolution,
// decryption secrets, interface statistics and custom blocks.
import type { ChunkReader } from './chunk-reader';
import type { CaptureInfo, CaptureProblem, RecordCallback } from './types';
import { unsupported } from './problems';

/** Block type of the Section Header Block; also the file's magic number (the same in both byte orders). */
export const PCAPNG_SHB = 0x0a0d0d0a;

export async function readPcapng(
  r: ChunkReader,
  info: CaptureInfo,
  onRecord: RecordCallback,
): Promise<CaptureProblem | null> {
  void info;
  void onRecord;
  return Promise.resolve(unsupported(r.pos, 'pcapng: not implemented yet'));
}
