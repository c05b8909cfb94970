// Internet checksums and how their verdict is shown: the one's-complement sum, the *.checksum.status values, and the
// checksum item with its "[correct]"/"[incorrect]"/"[unverified]" label.
import type { Packet } from './packet';
import { GENERATED } from './sinks';

/** Values of *.checksum.status fields (Wireshark's proto_checksum_vals). */
export const CHECKSUM_STATUS: Readonly<Record<number, string>> = {
  0: 'Bad',
  1: 'Good',
  2: 'Unverified',
  3: 'Not present',
  4: 'Illegal',
};
export const CHECKSUM_BAD = 0;
export const CHECKSUM_GOOD = 1;
export const CHECKSUM_UNVERIFIED = 2;

/** One's-complement sum of bytes [off, end) added to `sum` (not folded). */
export function onesSum(data: Uint8Array, off: number, end: number, sum = 0): number {
  let s = sum;
  let i = off;
  for (; i + 1 < end; i += 2) s += (data[i] << 8) | data[i + 1];
  if (i < end) s += data[i] << 8;
  return s;
}

/** Fold a one's-complement sum to 16 bits. */
export function foldSum(s: number): number {
  let v = s;
  while (v > 0xffff) v = (v & 0xffff) + Math.floor(v / 0x10000);
  return v;
}

/**
 * The 2-byte checksum at `off` and its generated status: `ok` true/false when it was verified, null when not
 * (the field then carries no verdict, as in Wireshark with validation off).
 */
export function addChecksum(
  p: Packet,
  hfSum: number,
  hfStatus: number,
  off: number,
  sum: number,
  ok: boolean | null,
): void {
  if (ok === null) {
    p.add(hfSum, off, 2, sum);
    p.add(hfStatus, off, 0, CHECKSUM_UNVERIFIED, GENERATED);
    return;
  }
  p.add(hfSum, off, 2, sum, 0, `Checksum: 0x${sum.toString(16).padStart(4, '0')} [${ok ? 'correct' : 'incorrect'}]`);
  p.add(hfStatus, off, 0, ok ? CHECKSUM_GOOD : CHECKSUM_BAD, GENERATED);
}
