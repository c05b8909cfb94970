// Preferences that change how packets are dissected, with Wireshark's names and defaults. The CLI sets them with
// `-o name:value` (as tshark does); the page will offer them in a settings panel.

export const prefs = {
  tcp: {
    /** tcp.desegment_tcp_streams: let application dissectors reassemble messages that span segments. */
    desegment: true,
    /** tcp.reassemble_out_of_order: buffer segments that arrive out of order for reassembly (off by default). */
    reassembleOutOfOrder: false,
    /** tcp.analyze_sequence_numbers: the SEQ/ACK analysis (retransmissions, dup ACKs, windows). */
    analyzeSequenceNumbers: true,
    /** tcp.relative_sequence_numbers. */
    relativeSequenceNumbers: true,
  },
  tls: {
    /** tls.keylog_file: an NSS key log for decryption (its text, once read). */
    keylogFile: '',
  },
};

type PrefSetter = (value: string) => void;

const bool = (v: string): boolean => {
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === '1' || t === 'yes') return true;
  if (t === 'false' || t === '0' || t === 'no') return false;
  throw new Error(`"${v}" is not TRUE or FALSE`);
};

/** Wireshark's preference names → how to set them. */
const SETTERS: Record<string, PrefSetter> = {
  'tcp.desegment_tcp_streams': (v) => (prefs.tcp.desegment = bool(v)),
  'tcp.reassemble_out_of_order': (v) => (prefs.tcp.reassembleOutOfOrder = bool(v)),
  'tcp.analyze_sequence_numbers': (v) => (prefs.tcp.analyzeSequenceNumbers = bool(v)),
  'tcp.relative_sequence_numbers': (v) => (prefs.tcp.relativeSequenceNumbers = bool(v)),
  'tls.keylog_file': (v) => (prefs.tls.keylogFile = v),
};

/** Set a preference from "name:value" (tshark's -o). Throws with a message for people when it cannot. */
export function setPreference(assignment: string): void {
  const colon = assignment.indexOf(':');
  if (colon < 0) throw new Error(`"${assignment}" is not name:value`);
  const name = assignment.slice(0, colon).trim();
  const setter = SETTERS[name];
  if (!setter) throw new Error(`unknown preference "${name}" (known: ${Object.keys(SETTERS).join(', ')})`);
  setter(assignment.slice(colon + 1));
}

export function preferenceNames(): string[] {
  return Object.keys(SETTERS);
}
