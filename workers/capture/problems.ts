// The messages a reader gives when it cannot go on. Worded for people; `detail` keeps the reader's own words.
import type { CaptureProblem } from './types';

const fmt = (n: number) => n.toLocaleString('en-US');

export function cutShort(offset: number, inHeader: boolean): CaptureProblem {
  return {
    kind: 'cut-short',
    message: inHeader
      ? `The file was cut short in the middle of a packet or other data (at byte ${fmt(offset)}).`
      : `The file was cut short in the middle of a packet (at byte ${fmt(offset)}); every packet before it was read.`,
    offset,
  };
}

export function damaged(offset: number, detail: string): CaptureProblem {
  return {
    kind: 'damaged',
    message: `The file is damaged or corrupt at byte ${fmt(offset)}; every packet before it was read.`,
    detail,
    offset,
  };
}

export function unsupported(offset: number, detail: string): CaptureProblem {
  return {
    kind: 'unsupported',
    message: `The file contains data Wirelens does not support at byte ${fmt(offset)}; every packet before it was read.`,
    detail,
    offset,
  };
}

export function notACapture(): CaptureProblem {
  return {
    kind: 'not-a-capture',
    message: 'This is not a capture file Wirelens can read: it is neither pcap nor pcapng (nor a gzip or zstd of one).',
    offset: 0,
  };
}

export function outOfMemory(packets: number, offset: number, size: number): CaptureProblem {
  return {
    kind: 'out-of-memory',
    message:
      `Wirelens ran out of memory after ${fmt(packets)} packets (byte ${fmt(offset)} of ${fmt(size)}) and shows ` +
      'those. Closing other tabs may give it room; opening fewer packets leaves room to work with them.',
    offset,
    packets,
  };
}

export function packetLimit(packets: number, offset: number): CaptureProblem {
  return {
    kind: 'packet-limit',
    message: `Only the first ${fmt(packets)} packets were opened, as asked; the rest of the file was not read.`,
    offset,
    packets,
  };
}

/**
 * True for the errors met when the browser (or Node) cannot give more memory: an ArrayBuffer that cannot be allocated
 * ("Array buffer allocation failed"), a Map or Set past its largest size. Not for a bad length read from a packet.
 */
export function isOutOfMemory(e: unknown): boolean {
  return e instanceof RangeError && /allocation failed|maximum size exceeded/i.test(e.message);
}

/** One line, as the CLI prints it: the message, then the detail in parentheses. */
export function problemLine(p: CaptureProblem): string {
  return p.detail ? `${p.message} (${p.detail})` : p.message;
}
