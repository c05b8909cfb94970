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

/** One line, as the CLI prints it: the message, then the detail in parentheses. */
export function problemLine(p: CaptureProblem): string {
  return p.detail ? `${p.message} (${p.detail})` : p.message;
}
