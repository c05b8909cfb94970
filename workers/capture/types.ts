// What the capture readers produce: file-level information and, through a callback, one record per frame.
// A record is a reused, mutable object: copy what you keep, never the object itself.

/** Pseudo link type for pcapng blocks that tshark lists as frames (custom blocks). Outside the DLT range. */
export const LINKTYPE_PCAPNG_BLOCK = 0x10000;

export interface InterfaceInfo {
  /** Index within the file (pcapng: across all sections, in order of appearance). */
  id: number;
  /** pcapng section this interface belongs to (0 for pcap). */
  section: number;
  linkType: number;
  snaplen: number;
  /** Timestamp units per second (1e6 for microseconds, 1e9 for nanoseconds, 2^n for base-2 resolutions). */
  tsUnitsPerSec: number;
  /** Digits after the decimal point Wireshark shows for this resolution (6 for µs, 9 for ns). */
  tsDigits: number;
  /** if_tsoffset: seconds added to every timestamp. */
  tsOffset: number;
  /**
   * Length of the frame check sequence at the end of each frame, in bytes (pcap: the FCS bits of the link-type field;
   * pcapng: if_fcslen), or -1 when unknown. 0: the frames carry no FCS.
   */
  fcsLen: number;
  name?: string;
  description?: string;
  filter?: string;
  os?: string;
  hardware?: string;
  speed?: number;
  comments: string[];
}

export interface SectionInfo {
  byteOrder: 'little' | 'big';
  versionMajor: number;
  versionMinor: number;
  hardware?: string;
  os?: string;
  userAppl?: string;
  comments: string[];
}

export interface NameRecord {
  address: string;
  names: string[];
}

export interface DecryptionSecrets {
  /** Secrets type, e.g. 0x544c534b ("TLSK", an NSS key log). */
  type: number;
  data: Uint8Array;
}

export interface InterfaceStatistics {
  interfaceId: number;
  tsSec: number;
  tsNs: number;
  /** Option name → value (isb_ifrecv, isb_ifdrop, …): a number, or decimal text when too large to be exact. */
  values: Record<string, number | string>;
  comments: string[];
}

export type CaptureFormat = 'pcap' | 'pcapng';
export type Compression = 'none' | 'gzip' | 'zstd';

export interface CaptureInfo {
  format: CaptureFormat;
  compression: Compression;
  /** pcap: the file's byte order; pcapng: the first section's. */
  byteOrder: 'little' | 'big';
  versionMajor: number;
  versionMinor: number;
  interfaces: InterfaceInfo[];
  sections: SectionInfo[];
  names: NameRecord[];
  secrets: DecryptionSecrets[];
  statistics: InterfaceStatistics[];
}

export type ProblemKind =
  /** Neither pcap nor pcapng (nor a compressed one). Nothing could be read. */
  | 'not-a-capture'
  /** The file ends in the middle of a record; everything before it was read. */
  | 'cut-short'
  /** A record is inconsistent (bad length, mismatched trailer); everything before it was read. */
  | 'damaged'
  /** A section or record uses a format version or feature that is not supported; reading stopped there. */
  | 'unsupported'
  /** The browser could not give the engine more memory; the packets before that point were read. */
  | 'out-of-memory'
  /** Only the first packets were read, as asked (Engine.open's maxPackets). */
  | 'packet-limit';

export interface CaptureProblem {
  kind: ProblemKind;
  /** For 'out-of-memory' and 'packet-limit': how many packets were read. */
  packets?: number;
  /** One sentence for people, e.g. "The file was cut short in the middle of a packet (at byte 2,998)." */
  message: string;
  /** Detail in the reader's own words, like tshark's second line: "pcapng: unknown SHB version 2.0". */
  detail?: string;
  /** Byte offset (in the decompressed stream) where reading stopped. */
  offset: number;
}

/** One frame as read from the file. Reused by the reader between calls: copy what you keep. */
export interface CaptureRecord {
  /** Seconds since the epoch (whole seconds, may exceed 2^32), or NaN when the record has no timestamp. */
  tsSec: number;
  /**
   * Nanoseconds within the second, normally 0..999,999,999. A 32-bit signed integer kept as the file has it: broken
   * pcap files can hold larger (or, wrapped, negative) values, and Wireshark shows them as they are.
   */
  tsNs: number;
  capLen: number;
  origLen: number;
  /** Interface index (CaptureInfo.interfaces), or -1 for a pseudo-frame (see linkType). */
  interfaceId: number;
  /** Link type of the interface, or LINKTYPE_PCAPNG_BLOCK. */
  linkType: number;
  /** Offset of the first data byte in the (decompressed) byte stream: where to re-read the frame later. */
  offset: number;
  /** The captured bytes: a view that is only valid during the callback. */
  data: Uint8Array;
  /**
   * pcapng epb_flags, 0 when absent: bits 0-1 direction, 2-4 reception type, 5-8 this frame's FCS length in bytes
   * (overrides the interface's fcsLen when not 0), 16-31 link-layer errors.
   */
  flags: number;
  /** Comments on this record (opt_comment), or null. */
  comments: string[] | null;
  /** For LINKTYPE_PCAPNG_BLOCK: the block type (e.g. 0x00000bad) and, for custom blocks, the PEN. */
  blockType: number;
  pen: number;
}

/** Receives records during the first read of a file. Return false to stop reading (cancel). */
export type RecordCallback = (rec: CaptureRecord) => boolean | void;

export function newRecord(): CaptureRecord {
  return {
    tsSec: 0,
    tsNs: 0,
    capLen: 0,
    origLen: 0,
    interfaceId: 0,
    linkType: 0,
    offset: 0,
    data: new Uint8Array(0),
    flags: 0,
    comments: null,
    blockType: 0,
    pen: 0,
  };
}

export function emptyInfo(format: CaptureFormat, compression: Compression): CaptureInfo {
  return {
    format,
    compression,
    byteOrder: 'little',
    versionMajor: 0,
    versionMinor: 0,
    interfaces: [],
    sections: [],
    names: [],
    secrets: [],
    statistics: [],
  };
}

/** Digits Wireshark shows for a timestamp resolution given in units per second. */
export function digitsForResolution(unitsPerSec: number): number {
  let digits = 0;
  let u = 1;
  while (u < unitsPerSec && digits < 9) {
    u *= 10;
    digits++;
  }
  return digits;
}
