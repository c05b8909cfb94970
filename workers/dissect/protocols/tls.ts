// Transport Layer Security (RFC 5246, RFC 8446) over TCP: the record layer and the handshake, without decryption.
// Columns follow Wireshark 4.0: the Protocol column is the TLS version of the stream's session (learned from the
// first record that says it with authority — anything but a Client Hello — and from the Server Hello's
// supported_versions), or, while none is known, the record's own version; Info lists the records' contents joined
// with ", ". Per-stream state is built in the first pass; the second pass reads the final state, as Wireshark's
// second pass reads its conversation's session.
import type { DecryptionSecrets } from '../../capture/types';
import { currentTcp, DESEGMENT_ONE_MORE_SEGMENT, setStreamDissector } from '../../reassembly/tcp';
import { tcpHeuristics, tcpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { hex } from '../packet';
import { declare } from '../registry';
import { GENERATED, NsTime } from '../sinks';
import type { CaptureState } from '../state';
import { stateKey } from '../state';
import {
  ALERT_DESCRIPTIONS,
  CIPHER_SUITES,
  EXTENSION_TYPES,
  HANDSHAKE_TYPES,
  SIGNATURE_SCHEMES,
  SUPPORTED_GROUPS,
} from './tls-names';
import { nameText, readCertificate } from './x509';
import { addCertificateTree } from './x509af';
import { cutBytes } from '../tree';
import { md5Hex } from '../md5';

// ---- constants -----------------------------------------------------------------------------------------------

const CT_CHANGE_CIPHER_SPEC = 20;
const CT_ALERT = 21;
const CT_HANDSHAKE = 22;
const CT_APPLICATION_DATA = 23;
const CT_HEARTBEAT = 24;

const HS_CLIENT_HELLO = 1;
const HS_SERVER_HELLO = 2;
const HS_HELLO_VERIFY_REQUEST = 3;
const HS_NEW_SESSION_TICKET = 4;
const HS_HELLO_RETRY_REQUEST = 6;
const HS_ENCRYPTED_EXTENSIONS = 8;
const HS_CERTIFICATE = 11;
const HS_SERVER_KEY_EXCHANGE = 12;
const HS_CERTIFICATE_REQUEST = 13;
const HS_CLIENT_KEY_EXCHANGE = 16;

const SSLV2 = 0x0002;
const SSLV3 = 0x0300;
const TLSV1 = 0x0301;
const TLSV1_1 = 0x0302;
const TLSV1_2 = 0x0303;
const TLSV1_3 = 0x0304;
const TLCPV1 = 0x0101;
/** No version known for the session yet (Wireshark's SSL_VER_UNKNOWN). */
const VERSION_UNKNOWN = 0;

/** The Protocol column's name of a version (Wireshark's ssl_version_short_names). */
const VERSION_SHORT: Readonly<Record<number, string>> = {
  [SSLV2]: 'SSLv2',
  [SSLV3]: 'SSLv3',
  [TLSV1]: 'TLSv1',
  [TLSV1_1]: 'TLSv1.1',
  [TLSV1_2]: 'TLSv1.2',
  [TLSV1_3]: 'TLSv1.3',
};

/** Names of versions in fields ("TLS 1.2 (0x0303)"). */
const VERSION_NAMES: Readonly<Record<number, string>> = {
  [SSLV2]: 'SSL 2.0',
  [SSLV3]: 'SSL 3.0',
  [TLSV1]: 'TLS 1.0',
  [TLSV1_1]: 'TLS 1.1',
  [TLSV1_2]: 'TLS 1.2',
  [TLSV1_3]: 'TLS 1.3',
};
function versionName(v: number): string | undefined {
  const n = VERSION_NAMES[v];
  if (n) return n;
  if ((v & 0xff00) === 0x7f00) return `TLS 1.3 (draft ${v & 0xff})`;
  if ((v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff)) return 'Reserved (GREASE)';
  return undefined;
}

const CONTENT_TYPES: Readonly<Record<number, string>> = {
  20: 'Change Cipher Spec',
  21: 'Alert',
  22: 'Handshake',
  23: 'Application Data',
  24: 'Heartbeat',
  25: 'Connection ID',
};

const ALERT_LEVELS: Readonly<Record<number, string>> = { 1: 'Warning', 2: 'Fatal' };

/** SHA-256("HelloRetryRequest"): the Server Hello random that makes it a Hello Retry Request (RFC 8446 4.1.3). */
const HRR_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

/** Wireshark's maximum record length (2^14) plus the slack it allows for expansion by compression and MACs. */
const MAX_RECORD = 16384 + 2048;

// ---- fields --------------------------------------------------------------------------------------------------

const versionStrings = (v: number) => versionName(v);

export const hf = declare('tls', 'Transport Layer Security', 'TLS', {
  record: { abbrev: 'tls.record', name: 'Record Layer', type: 'none' },
  contentType: { abbrev: 'tls.record.content_type', name: 'Content Type', type: 'uint', strings: CONTENT_TYPES },
  opaqueType: { abbrev: 'tls.record.opaque_type', name: 'Opaque Type', type: 'uint', strings: CONTENT_TYPES },
  version: {
    abbrev: 'tls.record.version',
    name: 'Version',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: versionStrings,
  },
  length: { abbrev: 'tls.record.length', name: 'Length', type: 'uint' },
  appData: { abbrev: 'tls.app_data', name: 'Encrypted Application Data', type: 'bytes' },
  appDataProto: { abbrev: 'tls.app_data_proto', name: 'Application Data Protocol', type: 'string' },
  changeCipherSpec: { abbrev: 'tls.change_cipher_spec', name: 'Change Cipher Spec Message', type: 'none' },
  alert: { abbrev: 'tls.alert_message', name: 'Alert Message', type: 'none' },
  alertLevel: { abbrev: 'tls.alert_message.level', name: 'Level', type: 'uint', strings: ALERT_LEVELS },
  alertDesc: { abbrev: 'tls.alert_message.desc', name: 'Description', type: 'uint', strings: ALERT_DESCRIPTIONS },
  handshake: { abbrev: 'tls.handshake', name: 'Handshake Protocol', type: 'none' },
  hsType: { abbrev: 'tls.handshake.type', name: 'Handshake Type', type: 'uint', strings: HANDSHAKE_TYPES },
  hsLength: { abbrev: 'tls.handshake.length', name: 'Length', type: 'uint' },
  hsVersion: {
    abbrev: 'tls.handshake.version',
    name: 'Version',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: versionStrings,
  },
  random: { abbrev: 'tls.handshake.random', name: 'Random', type: 'bytes' },
  randomTime: { abbrev: 'tls.handshake.random_time', name: 'GMT Unix Time', type: 'abs_time' },
  randomBytes: { abbrev: 'tls.handshake.random_bytes', name: 'Random Bytes', type: 'bytes' },
  sessionIdLength: { abbrev: 'tls.handshake.session_id_length', name: 'Session ID Length', type: 'uint' },
  sessionId: { abbrev: 'tls.handshake.session_id', name: 'Session ID', type: 'bytes' },
  cipherSuitesLength: { abbrev: 'tls.handshake.cipher_suites_length', name: 'Cipher Suites Length', type: 'uint' },
  cipherSuites: { abbrev: 'tls.handshake.ciphersuites', name: 'Cipher Suites', type: 'none' },
  cipherSuite: {
    abbrev: 'tls.handshake.ciphersuite',
    name: 'Cipher Suite',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: CIPHER_SUITES,
  },
  compMethodsLength: {
    abbrev: 'tls.handshake.comp_methods_length',
    name: 'Compression Methods Length',
    type: 'uint',
  },
  compMethods: { abbrev: 'tls.handshake.comp_methods', name: 'Compression Methods', type: 'none' },
  compMethod: {
    abbrev: 'tls.handshake.comp_method',
    name: 'Compression Method',
    type: 'uint',
    strings: { 0: 'null', 1: 'DEFLATE', 64: 'LZS' },
  },
  extensionsLength: { abbrev: 'tls.handshake.extensions_length', name: 'Extensions Length', type: 'uint' },
  extension: { abbrev: 'tls.handshake.extension', name: 'Extension', type: 'none' },
  extType: { abbrev: 'tls.handshake.extension.type', name: 'Type', type: 'uint', strings: EXTENSION_TYPES },
  extLen: { abbrev: 'tls.handshake.extension.len', name: 'Length', type: 'uint' },
  extData: { abbrev: 'tls.handshake.extension.data', name: 'Data', type: 'bytes' },
  sniListLen: {
    abbrev: 'tls.handshake.extensions_server_name_list_len',
    name: 'Server Name list length',
    type: 'uint',
  },
  sniType: {
    abbrev: 'tls.handshake.extensions_server_name_type',
    name: 'Server Name Type',
    type: 'uint',
    strings: { 0: 'host_name' },
  },
  sniLen: { abbrev: 'tls.handshake.extensions_server_name_len', name: 'Server Name length', type: 'uint' },
  sni: { abbrev: 'tls.handshake.extensions_server_name', name: 'Server Name', type: 'string' },
  sniExtension: {
    abbrev: 'tls.handshake.extensions_server_name_ext',
    name: 'Server Name Indication extension',
    type: 'none',
  },
  certStatusType: {
    abbrev: 'tls.handshake.extensions_status_request_type',
    name: 'Certificate Status Type',
    type: 'uint',
    strings: { 1: 'OCSP', 2: 'OCSP Multi' },
  },
  responderIdListLen: {
    abbrev: 'tls.handshake.extensions_status_request_responder_ids_len',
    name: 'Responder ID list Length',
    type: 'uint',
  },
  requestExtensionsLen: {
    abbrev: 'tls.handshake.extensions_status_request_exts_len',
    name: 'Request Extensions Length',
    type: 'uint',
  },
  alpnLen: { abbrev: 'tls.handshake.extensions_alpn_len', name: 'ALPN Extension Length', type: 'uint' },
  alpnStrLen: { abbrev: 'tls.handshake.extensions_alpn_str_len', name: 'ALPN string length', type: 'uint' },
  alpnStr: { abbrev: 'tls.handshake.extensions_alpn_str', name: 'ALPN Next Protocol', type: 'string' },
  supportedVersionsLen: {
    abbrev: 'tls.handshake.extensions.supported_versions_len',
    name: 'Supported Versions length',
    type: 'uint',
  },
  supportedVersion: {
    abbrev: 'tls.handshake.extensions.supported_version',
    name: 'Supported Version',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: versionStrings,
  },
  groupsLen: {
    abbrev: 'tls.handshake.extensions_supported_groups_length',
    name: 'Supported Groups List Length',
    type: 'uint',
  },
  group: {
    abbrev: 'tls.handshake.extensions_supported_group',
    name: 'Supported Group',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: SUPPORTED_GROUPS,
  },
  sigHashLen: {
    abbrev: 'tls.handshake.sig_hash_alg_len',
    name: 'Signature Hash Algorithms Length',
    type: 'uint',
  },
  sigHash: {
    abbrev: 'tls.handshake.sig_hash_alg',
    name: 'Signature Algorithm',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: SIGNATURE_SCHEMES,
  },
  sigHashAlgs: { abbrev: 'tls.handshake.sig_hash_algs', name: 'Signature Hash Algorithms', type: 'none' },
  sigHashHash: {
    abbrev: 'tls.handshake.sig_hash_hash',
    name: 'Signature Hash Algorithm Hash',
    type: 'uint',
    strings: { 0: 'None', 1: 'MD5', 2: 'SHA1', 3: 'SHA224', 4: 'SHA256', 5: 'SHA384', 6: 'SHA512' },
  },
  sigHashSig: {
    abbrev: 'tls.handshake.sig_hash_sig',
    name: 'Signature Hash Algorithm Signature',
    type: 'uint',
    strings: { 0: 'Anonymous', 1: 'RSA', 2: 'DSA', 3: 'ECDSA', 4: 'SM2' },
  },
  groups: { abbrev: 'tls.handshake.extensions_supported_groups', name: 'Supported Groups', type: 'none' },
  ecPointFormatsLen: {
    abbrev: 'tls.handshake.extensions_ec_point_formats_length',
    name: 'EC point formats Length',
    type: 'uint',
  },
  ecPointFormats: {
    abbrev: 'tls.handshake.extensions_ec_point_formats',
    name: 'Elliptic curves point formats',
    type: 'none',
  },
  ecPointFormat: {
    abbrev: 'tls.handshake.extensions_ec_point_format',
    name: 'EC point format',
    type: 'uint',
    strings: { 0: 'uncompressed', 1: 'ansiX962_compressed_prime', 2: 'ansiX962_compressed_char2' },
  },
  alpnList: { abbrev: 'tls.handshake.extensions_alpn_list', name: 'ALPN Protocol', type: 'none' },
  pskModesLen: {
    abbrev: 'tls.extension.psk_ke_modes_length',
    name: 'PSK Key Exchange Modes Length',
    type: 'uint',
  },
  pskMode: {
    abbrev: 'tls.extension.psk_ke_mode',
    name: 'PSK Key Exchange Mode',
    type: 'uint',
    strings: {
      0: 'PSK-only key establishment (psk_ke)',
      1: 'PSK with (EC)DHE key establishment (psk_dhe_ke)',
    },
  },
  keyShare: { abbrev: 'tls.handshake.extensions_key_share', name: 'Key Share extension', type: 'none' },
  keyShareClientLen: {
    abbrev: 'tls.handshake.extensions_key_share_client_length',
    name: 'Client Key Share Length',
    type: 'uint',
  },
  keyShareEntry: { abbrev: 'tls.handshake.extensions_key_share_entry', name: 'Key Share Entry', type: 'none' },
  keyShareGroup: {
    abbrev: 'tls.handshake.extensions_key_share_group',
    name: 'Group',
    type: 'uint',
    strings: SUPPORTED_GROUPS,
  },
  keyShareSelectedGroup: {
    abbrev: 'tls.handshake.extensions_key_share_selected_group',
    name: 'Selected Group',
    type: 'uint',
    strings: SUPPORTED_GROUPS,
  },
  keyExchangeLen: {
    abbrev: 'tls.handshake.extensions_key_share_key_exchange_length',
    name: 'Key Exchange Length',
    type: 'uint',
  },
  keyExchange: {
    abbrev: 'tls.handshake.extensions_key_share_key_exchange',
    name: 'Key Exchange',
    type: 'bytes',
  },
  paddingData: { abbrev: 'tls.handshake.extensions_padding_data', name: 'Padding Data', type: 'bytes' },
  heartbeatMode: {
    abbrev: 'tls.handshake.extension.heartbeat.mode',
    name: 'Mode',
    type: 'uint',
    strings: { 1: 'Peer allowed to send requests', 2: 'Peer not allowed to send requests' },
  },
  recordSizeLimit: {
    abbrev: 'tls.record_size_limit',
    name: 'Record Size Limit',
    type: 'uint',
  },
  ticketData: { abbrev: 'tls.handshake.extensions.session_ticket', name: 'Session Ticket', type: 'bytes' },
  renegInfo: { abbrev: 'tls.handshake.extensions_reneg_info', name: 'Renegotiation Info extension', type: 'none' },
  renegInfoLen: {
    abbrev: 'tls.handshake.extensions_reneg_info_len',
    name: 'Renegotiation info extension length',
    type: 'uint',
  },
  renegInfoData: { abbrev: 'tls.handshake.extensions_reneg_info_data', name: 'Renegotiation info', type: 'bytes' },
  ja3Full: { abbrev: 'tls.handshake.ja3_full', name: 'JA3 Fullstring', type: 'string' },
  ja3: { abbrev: 'tls.handshake.ja3', name: 'JA3', type: 'string' },
  ja3sFull: { abbrev: 'tls.handshake.ja3s_full', name: 'JA3S Fullstring', type: 'string' },
  ja3s: { abbrev: 'tls.handshake.ja3s', name: 'JA3S', type: 'string' },
  curveType: {
    abbrev: 'tls.handshake.server_curve_type',
    name: 'Curve Type',
    type: 'uint',
    base: 'hex',
    bits: 8,
    strings: { 1: 'explicit_prime', 2: 'explicit_char2', 3: 'named_curve' },
  },
  namedCurve: {
    abbrev: 'tls.handshake.server_named_curve',
    name: 'Named Curve',
    type: 'uint',
    base: 'hex',
    bits: 16,
    strings: SUPPORTED_GROUPS,
  },
  serverPointLen: { abbrev: 'tls.handshake.server_point_len', name: 'Pubkey Length', type: 'uint' },
  serverPoint: { abbrev: 'tls.handshake.server_point', name: 'Pubkey', type: 'bytes' },
  clientPointLen: { abbrev: 'tls.handshake.client_point_len', name: 'Pubkey Length', type: 'uint' },
  clientPoint: { abbrev: 'tls.handshake.client_point', name: 'Pubkey', type: 'bytes' },
  sigLen: { abbrev: 'tls.handshake.sig_len', name: 'Signature Length', type: 'uint' },
  sig: { abbrev: 'tls.handshake.sig', name: 'Signature', type: 'bytes' },
  epmsLen: { abbrev: 'tls.handshake.epms_len', name: 'Encrypted PreMaster length', type: 'uint' },
  epms: { abbrev: 'tls.handshake.epms', name: 'Encrypted PreMaster', type: 'bytes' },
  certificatesLength: {
    abbrev: 'tls.handshake.certificates_length',
    name: 'Certificates Length',
    type: 'uint',
  },
  certificates: { abbrev: 'tls.handshake.certificates', name: 'Certificates', type: 'none' },
  certificateLength: {
    abbrev: 'tls.handshake.certificate_length',
    name: 'Certificate Length',
    type: 'uint',
  },
  certificate: { abbrev: 'tls.handshake.certificate', name: 'Certificate', type: 'bytes' },
  certRequestContextLength: {
    abbrev: 'tls.handshake.certificate_request_context_length',
    name: 'Certificate Request Context Length',
    type: 'uint',
  },
  ticketLifetime: {
    abbrev: 'tls.handshake.session_ticket_lifetime_hint',
    name: 'Session Ticket Lifetime Hint',
    type: 'uint',
  },
  ticketLength: { abbrev: 'tls.handshake.session_ticket_length', name: 'Session Ticket Length', type: 'uint' },
  ticket: { abbrev: 'tls.handshake.session_ticket', name: 'Session Ticket', type: 'bytes' },
  reassembledIn: {
    abbrev: 'tls.handshake.reassembled_in',
    name: 'Reassembled Handshake Message in frame',
    type: 'framenum',
  },
  ignoredUnknownRecord: { abbrev: 'tls.ignored_unknown_record', name: 'Ignored Unknown Record', type: 'none' },
  // SSLv2-compatible Client Hello.
  ssl2Length: { abbrev: 'tls.record.length', name: 'Length', type: 'uint' },
  ssl2CipherSpecLen: { abbrev: 'tls.handshake.cipher_spec_len', name: 'Cipher Spec Length', type: 'uint' },
  ssl2SessionIdLen: { abbrev: 'tls.handshake.session_id_length', name: 'Session ID Length', type: 'uint' },
  ssl2ChallengeLen: { abbrev: 'tls.handshake.challenge_length', name: 'Challenge Length', type: 'uint' },
});

// ---- capture state -------------------------------------------------------------------------------------------

/** A handshake message spread over several records, waiting for its other pieces (first pass; a few bytes only). */
interface PendingHandshake {
  id: number;
  /** The first bytes of the message (type and length: up to 4). */
  head: number[];
  /** Bytes of the message seen so far. */
  have: number;
}

/** One record's piece of a handshake message spread over records (kept for the second pass). */
interface HandshakePiece {
  /** Which record of the packet (see recordKey). */
  record: number;
  type: number;
  /** Where this piece starts in the message. */
  offset: number;
  last: boolean;
  /** Frame index of the piece that completes the message (-1 while unknown). */
  reassembledIn: number;
  id: number;
}

/** What a TLS session over one TCP stream has learned (Wireshark's SslSession). */
class TlsStream {
  version = VERSION_UNKNOWN;
  /** The server's direction in the TCP stream, from the Client Hello (-1: not known). */
  serverDir = -1;
  /** Last frame (packetIndex + 1) with a Change Cipher Spec from the client / the server; 0 for none. */
  ccs: [number, number] = [0, 0];
  pending: [PendingHandshake | null, PendingHandshake | null] = [null, null];
  /** The cipher suite the server chose (0 until its Server Hello): how key exchange messages read. */
  cipher = 0;
}

class TlsState {
  readonly streams = new Map<number, TlsStream>();
  /** Pieces of handshake messages spread over records, by packetIndex (sparse). */
  readonly pieces = new Map<number, HandshakePiece[]>();
  private nextId = 1;
  newId(): number {
    return this.nextId++;
  }
  stream(id: number, create: boolean): TlsStream | undefined {
    let s = this.streams.get(id);
    if (!s && create) {
      s = new TlsStream();
      this.streams.set(id, s);
    }
    return s;
  }
}

export const TLS_STATE = stateKey('tls', () => new TlsState());

/**
 * Secrets for decrypting TLS later: client_random (hex, lowercase) → label (CLIENT_RANDOM,
 * CLIENT_HANDSHAKE_TRAFFIC_SECRET, SERVER_TRAFFIC_SECRET_0 …) → secret (hex). RSA lines ("RSA <encrypted pms> <pms>")
 * are kept under the encrypted pre-master secret's first 8 bytes, as NSS writes them.
 */
export class TlsKeyLog {
  readonly byClientRandom = new Map<string, Map<string, string>>();
  get size(): number {
    return this.byClientRandom.size;
  }
  /** The secret for a client random and label, if known. */
  secret(clientRandom: string, label: string): string | undefined {
    return this.byClientRandom.get(clientRandom.toLowerCase())?.get(label);
  }
}

export const TLS_KEYLOG = stateKey('tls.keylog', () => new TlsKeyLog());

const KEYLOG_LINE = /^([A-Z_0-9]+)\s+([0-9A-Fa-f]+)\s+([0-9A-Fa-f]+)\s*$/;

/** Read an NSS key log (SSLKEYLOGFILE) text into the capture's key log. Returns how many lines were taken. */
export function loadKeyLog(state: CaptureState, text: string): number {
  const log = state.get(TLS_KEYLOG);
  let n = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = KEYLOG_LINE.exec(line);
    if (!m) continue;
    const key = m[2].toLowerCase();
    let entry = log.byClientRandom.get(key);
    if (!entry) {
      entry = new Map();
      log.byClientRandom.set(key, entry);
    }
    entry.set(m[1], m[3].toLowerCase());
    n++;
  }
  return n;
}

/** pcapng Decryption Secrets Block type of a TLS key log ("TLSK"). */
export const SECRETS_TLS_KEY_LOG = 0x544c534b;

/** Feed the key logs of a capture's Decryption Secrets Blocks to the key log. Returns the lines taken. */
export function loadDecryptionSecrets(state: CaptureState, secrets: readonly DecryptionSecrets[]): number {
  let n = 0;
  const dec = new TextDecoder('utf-8');
  for (const s of secrets) if (s.type === SECRETS_TLS_KEY_LOG) n += loadKeyLog(state, dec.decode(s.data));
  return n;
}

// ---- helpers ---------------------------------------------------------------------------------------------------

function isValidContentType(t: number): boolean {
  return t >= CT_CHANGE_CIPHER_SPEC && t <= CT_HEARTBEAT;
}

function isValidHandshakeType(t: number): boolean {
  return t !== HS_HELLO_VERIFY_REQUEST && HANDSHAKE_TYPES[t] !== undefined;
}

/** The version a message says with authority, mapped as Wireshark does (TLS 1.3 drafts count as 1.3). */
function authoritativeVersion(v: number): number {
  if ((v & 0xff00) === 0x7f00 || v === 0xfb17 || v === 0xfb1a) return TLSV1_3;
  switch (v) {
    case SSLV3:
    case TLSV1:
    case TLSV1_1:
    case TLSV1_2:
    case TLSV1_3:
    case TLCPV1:
      return v;
    default:
      return VERSION_UNKNOWN;
  }
}

/** Wireshark's ssl_try_set_version: only messages other than a Client Hello tell the session's version. */
function trySetVersion(st: TlsStream, contentType: number, hsType: number, version: number): void {
  const authoritative =
    (contentType === CT_HANDSHAKE && isValidHandshakeType(hsType) && hsType !== HS_CLIENT_HELLO) ||
    (contentType !== CT_HANDSHAKE && isValidContentType(contentType));
  if (!authoritative) return;
  const v = authoritativeVersion(version);
  if (v !== VERSION_UNKNOWN) st.version = v;
}

function shortName(v: number): string {
  return VERSION_SHORT[v] ?? 'SSL';
}

function looksLikeSslv3(d: Uint8Array, off: number): boolean {
  if (!isValidContentType(d[off])) return false;
  const v = (d[off + 1] << 8) | d[off + 2];
  return v === SSLV3 || v === TLSV1 || v === TLSV1_1 || v === TLSV1_2 || v === TLCPV1;
}

function looksLikeSslv2(d: Uint8Array, off: number): boolean {
  if (d[off] < 0x80) return false;
  const t = d[off + 2];
  // Error, Client Hello, Client Master Key, Server Hello, and PCT's Client Master Key / Error.
  return t === 0 || t === 1 || t === 2 || t === 4 || t === 0x12 || t === 0x1f;
}

function isV2ClientHello(d: Uint8Array, off: number): boolean {
  return d[off] === 0x80 && d[off + 2] === 0x01;
}

function u16(d: Uint8Array, o: number): number {
  return (d[o] << 8) | d[o + 1];
}
function u24(d: Uint8Array, o: number): number {
  return (d[o] << 16) | (d[o + 1] << 8) | d[o + 2];
}

/** "Hello Retry Request" / the handshake type's name, or undefined for an unknown type. */
function handshakeName(t: number): string | undefined {
  return HANDSHAKE_TYPES[t];
}

function named(strings: Readonly<Record<number, string>>, v: number, hex4 = true): string {
  const n = strings[v];
  const num = hex4 ? `0x${v.toString(16).padStart(4, '0')}` : String(v);
  return n ? `${n} (${num})` : `Unknown (${num})`;
}

/** Key of a record within its packet: the data source and the record's offset in it. */
function recordKey(p: Packet, off: number): number {
  return p.sourceIndex * 0x1000000 + off;
}

/** Context of one call: the stream's session, direction and pass. */
interface Ctx {
  st: TlsStream;
  state: TlsState;
  /** 1 when the bytes come from the server. */
  fromServer: 0 | 1;
  canDesegment: boolean;
  first: boolean;
}

// ---- the dissector ---------------------------------------------------------------------------------------------

/**
 * TLS on [off, end) of p.data: a TCP payload (or a reassembled buffer). Returns false when the bytes look like text
 * rather than TLS (so that other dissectors may try).
 */
export function dissectTls(p: Packet, off: number, end: number): boolean {
  const d = p.data;
  const stop = Math.min(end, d.length);
  if (stop - off > 4 && isPrint(d[off]) && isPrint(d[off + 1]) && isPrint(d[off + 2]) && isPrint(d[off + 3]))
    return false;
  const state = p.state.get(TLS_STATE);
  const streamId = currentTcp.stream;
  const st = (streamId >= 0 ? state.stream(streamId, p.pass === 1) : undefined) ?? new TlsStream();
  let fromServer: 0 | 1;
  if (st.serverDir >= 0) fromServer = currentTcp.direction === st.serverDir ? 1 : 0;
  else fromServer = TLS_PORT_SET.has(p.srcPort) ? 1 : 0;
  const ctx: Ctx = { st, state, fromServer, canDesegment: streamId >= 0, first: true };

  p.addLayer('tls');
  p.setProtocol(shortName(st.version));
  p.setInfo('');
  const active = p.sink.active;
  if (active) p.open(hf.proto, off, Math.max(0, stop - off), null, 0, 'Transport Layer Security');
  // When the first record needs bytes of later segments, nothing is shown here (the record is in the frame that
  // completes it).
  let shown = false;
  try {
    let o = off;
    while (o < end) {
      const avail = end - o;
      const v = st.version;
      if (v === SSLV3 || v === TLSV1 || v === TLSV1_1 || v === TLSV1_2 || v === TLCPV1) {
        if (avail < 5) {
          if (needMore(ctx, o, DESEGMENT_ONE_MORE_SEGMENT)) return true;
          break;
        }
        p.need(o, 3, end);
        o = isV2ClientHello(d, o) ? dissectSsl2Record(p, ctx, o, end) : dissectRecord(p, ctx, o, end);
      } else if (v === SSLV2) {
        o = dissectSsl2Record(p, ctx, o, end);
      } else {
        if (avail < 5) {
          if (needMore(ctx, o, DESEGMENT_ONE_MORE_SEGMENT)) return true;
          break;
        }
        p.need(o, 3, end);
        if (looksLikeSslv2(d, o)) o = dissectSsl2Record(p, ctx, o, end);
        else if (looksLikeSslv3(d, o)) o = dissectRecord(p, ctx, o, end);
        else {
          p.appendInfoSep(', ', 'Continuation Data');
          break;
        }
      }
      if (o < 0) return true; // waiting for more bytes
      shown = true;
    }
    shown = true;
  } finally {
    if (active) {
      if (shown) p.close();
      else p.drop();
    }
  }
  return true;
}

function isPrint(b: number): boolean {
  return b >= 0x20 && b < 0x7f;
}

/** Ask TCP for more bytes from `o` on; false when it cannot reassemble (then the caller stops). */
function needMore(ctx: Ctx, o: number, len: number): boolean {
  if (!ctx.canDesegment) return false;
  currentTcp.desegmentOffset = o;
  currentTcp.desegmentLen = len;
  return true;
}

/** One SSLv3/TLS record at `o`. Returns the offset after it, or -1 when it needs more bytes. */
function dissectRecord(p: Packet, ctx: Ctx, o: number, end: number): number {
  const d = p.data;
  const st = ctx.st;
  const avail = end - o;
  const sv = st.version;
  if ((sv === TLSV1 || sv === TLSV1_1 || sv === TLSV1_2 || sv === TLCPV1) && !isValidContentType(d[o])) {
    if (p.sink.active) p.add(hf.ignoredUnknownRecord, o, Math.min(end, d.length) - o);
    if (p.verbose) p.expert('warn', 'Protocol', 'tls.ignored_unknown_record', 'Ignored Unknown Record');
    p.appendInfoSep(', ', 'Ignored Unknown Record');
    return end;
  }
  if (avail < 5) return needMore(ctx, o, DESEGMENT_ONE_MORE_SEGMENT) ? -1 : end;
  p.need(o, 5, end);
  const type = d[o];
  let version = u16(d, o + 1);
  const length = u16(d, o + 3);
  if (!isValidContentType(type)) {
    p.appendInfoSep(', ', 'Continuation Data');
    return o + 5 + length;
  }
  if (avail < length + 5) return needMore(ctx, o, length + 5 - avail) ? -1 : end;

  const body = o + 5;
  const bodyEnd = body + length;
  const active = p.sink.active;
  if (active) {
    const label = `${shortName(sv || version)} Record Layer: ${recordSummary(p, ctx, type, body, bodyEnd)}`;
    p.open(hf.record, o, 5 + length, null, 0, label);
    p.add(sv === TLSV1_3 && type === CT_APPLICATION_DATA ? hf.opaqueType : hf.contentType, o, 1);
    p.add(hf.version, o + 1, 2);
    p.add(hf.length, o + 3, 2);
  }
  try {
    if (st.version === VERSION_UNKNOWN) {
      const next = body < d.length ? d[body] : 0;
      if (p.pass === 1) trySetVersion(st, type, next, version);
      p.setProtocol(shortName(version));
    } else {
      version = st.version;
    }
    switch (type) {
      case CT_CHANGE_CIPHER_SPEC:
        p.appendInfoSep(', ', 'Change Cipher Spec');
        if (active) {
          p.add(hf.changeCipherSpec, body, 1, null, 0, 'Change Cipher Spec Message');
        }
        if (p.pass === 1) st.ccs[ctx.fromServer] = p.index + 1;
        break;
      case CT_ALERT:
        dissectAlert(p, body, length);
        break;
      case CT_HANDSHAKE:
        dissectHandshake(p, ctx, body, bodyEnd, version, recordKey(p, o));
        break;
      case CT_APPLICATION_DATA:
        p.appendInfoSep(', ', 'Application Data');
        if (active) {
          p.add(hf.appData, body, Math.max(0, Math.min(bodyEnd, p.data.length) - body));
        }
        break;
      case CT_HEARTBEAT:
        p.appendInfoSep(', ', 'Heartbeat');

        break;
    }
  } finally {
    if (active) p.close();
  }
  return bodyEnd;
}

/** What the record layer's tree item says after "Record Layer: " (tree only). */
function recordSummary(p: Packet, ctx: Ctx, type: number, body: number, end: number): string {
  const d = p.data;
  switch (type) {
    case CT_CHANGE_CIPHER_SPEC:
      return 'Change Cipher Spec Protocol: Change Cipher Spec';
    case CT_ALERT:
      if (end - body !== 2 || body + 2 > d.length) return 'Encrypted Alert';
      return `Alert (Level: ${ALERT_LEVELS[d[body]] ?? 'Unknown'}, Description: ${ALERT_DESCRIPTIONS[d[body + 1]] ?? 'Unknown'})`;
    case CT_APPLICATION_DATA:
      return `Application Data Protocol: ${appProtocolName(p)}`;
    case CT_HANDSHAKE: {
      if (end > d.length || end - body < 4) return 'Handshake Protocol';
      if (looksEncrypted(p, ctx, body, end)) return 'Handshake Protocol: Encrypted Handshake Message';
      const first = 4 + u24(d, body + 1);
      if (first < end - body) return 'Handshake Protocol: Multiple Handshake Messages';
      return `Handshake Protocol: ${handshakeName(d[body]) ?? 'Encrypted Handshake Message'}`;
    }
    default:
      return CONTENT_TYPES[type] ?? 'Unknown';
  }
}

/** The application protocol Wireshark names for an encrypted record, by the ports of the stream. */
function appProtocolName(p: Packet): string {
  const port = TLS_APP_PORTS[p.srcPort] ?? TLS_APP_PORTS[p.dstPort];
  return port ?? 'Application Data';
}

/** Ports whose protocol Wireshark knows inside TLS (its ssl_associations) and their long names. */
const TLS_APP_PORTS: Readonly<Record<number, string>> = {
  443: 'Hypertext Transfer Protocol',
  993: 'Internet Message Access Protocol',
  995: 'Post Office Protocol',
  465: 'Simple Mail Transfer Protocol',
  636: 'Lightweight Directory Access Protocol',
  853: 'Domain Name System',
  5061: 'Session Initiation Protocol',
};

function dissectAlert(p: Packet, body: number, length: number): void {
  const active = p.sink.active;
  if (length !== 2) {
    p.appendInfoSep(', ', 'Encrypted Alert');
    if (active) {
      p.add(hf.alert, body, length, null, 0, 'Alert Message: Encrypted Alert');
    }
    return;
  }
  p.need(body, 2);
  const level = ALERT_LEVELS[p.data[body]] ?? 'Unknown';
  const desc = ALERT_DESCRIPTIONS[p.data[body + 1]] ?? 'Unknown';
  if (p.cols) p.appendInfoSep(', ', `Alert (Level: ${level}, Description: ${desc})`);
  if (active) {
    p.open(hf.alert, body, 2, null, 0, 'Alert Message');
    p.add(hf.alertLevel, body, 1);
    p.add(hf.alertDesc, body + 1, 1);
    p.close();
  }
}

/** Wireshark's heuristic: is this handshake record still encrypted (a Finished after Change Cipher Spec …)? */
function looksEncrypted(p: Packet, ctx: Ctx, o: number, end: number): boolean {
  if (end - o < 16) return false;
  const d = p.data;
  p.need(o, 5, end);
  let enc = d[o] === 0 && d[o + 1] === 0 && d[o + 2] === 0 && d[o + 3] === 0 && d[o + 4] === 0;
  if (!enc) {
    const ccs = ctx.st.ccs[ctx.fromServer];
    enc = ccs !== 0 && p.index + 1 > ccs;
  }
  if (!enc) {
    enc = HANDSHAKE_TYPES[d[o]] === undefined;
    if (!enc) enc = u24(d, o + 1) >= 0x10000;
  }
  return enc;
}

function showDetails(
  p: Packet,
  version: number,
  type: number,
  encrypted: boolean,
  firstMsg: boolean,
  complete: boolean,
  o: number,
  length: number,
): void {
  const name = encrypted ? 'Encrypted Handshake Message' : (handshakeName(type) ?? 'Encrypted Handshake Message');
  if (complete) p.appendInfoSep(', ', name);
  else if (firstMsg && p.cols) p.appendInfoSep(', ', `[${name} Fragment]`);
  if (p.sink.active) {
    const suffix = !complete && !encrypted ? ' (fragment)' : '';
    p.add(
      hf.handshake,
      o,
      Math.max(0, Math.min(length, p.data.length - o)),
      null,
      0,
      `Handshake Protocol: ${name}${suffix}`,
    );
  }
}

function dissectHandshake(p: Packet, ctx: Ctx, o: number, end: number, version: number, record: number): void {
  const state = ctx.state;
  const st = ctx.st;
  const dir = ctx.fromServer;
  const d = p.data;
  let piece: HandshakePiece | undefined;
  if (p.pass === 1) {
    const pending = st.pending[dir];
    if (pending) {
      // This record continues a message begun in an earlier record.
      for (let i = o; pending.head.length < 4 && i < end && i < d.length; i++) pending.head.push(d[i]);
      let subset = end - o;
      let msgLen = 0;
      if (pending.head.length >= 4) {
        msgLen = 4 + ((pending.head[1] << 16) | (pending.head[2] << 8) | pending.head[3]);
        const need = msgLen - pending.have;
        if (subset > need) subset = need;
      }
      if (d.length < o + subset) {
        st.pending[dir] = null;
      } else {
        const last = msgLen !== 0 && pending.have + subset === msgLen;
        piece = { record, type: pending.head[0], offset: pending.have, last, reassembledIn: -1, id: pending.id };
        addPiece(state, p.index, piece);
        pending.have += subset;
        if (last) {
          st.pending[dir] = null;
          markReassembled(state, pending.id, p.index);
        }
      }
    }
  } else {
    piece = state.pieces.get(p.index)?.find((x) => x.record === record);
  }

  let firstMsg = true;
  if (piece && piece.offset !== 0) {
    if (piece.last) {
      const rest = msgRest(state, piece, p.index);
      const take = Math.min(rest, end - o);
      const name = handshakeName(piece.type) ?? 'Encrypted Handshake Message';
      p.appendInfoSep(', ', name);
      if (p.sink.active) {
        p.add(hf.handshake, o, take, null, 0, `Handshake Protocol: ${name} (last fragment)`);
      }
      o += take;
      firstMsg = false;
    } else {
      showDetails(p, version, piece.type, false, false, false, o, end - o);
      if (p.sink.active && piece.reassembledIn >= 0) p.add(hf.reassembledIn, o, 0, piece.reassembledIn + 1, GENERATED);
      return;
    }
  } else if (!piece) {
    if (looksEncrypted(p, ctx, o, end)) {
      showDetails(p, version, 0, true, true, true, o, end - o);
      return;
    }
  }

  while (o < end) {
    const subset = end - o;
    let msgLen = 0;
    if (subset >= 4) {
      p.need(o, 4, end);
      msgLen = 4 + u24(d, o + 1);
    }
    if (msgLen === 0 || subset < msgLen) {
      p.need(o, 1, end);
      const type = d[o];
      if (p.pass === 1) {
        const id = state.newId();
        const head: number[] = [];
        for (let i = o; i < o + 4 && i < end && i < d.length; i++) head.push(d[i]);
        st.pending[dir] = { id, head, have: subset };
        addPiece(state, p.index, { record, type, offset: 0, last: false, reassembledIn: -1, id });
      }
      showDetails(p, version, type, false, firstMsg, false, o, subset);
      break;
    }
    dissectHandshakeMessage(p, ctx, o, msgLen, version, firstMsg);
    o += msgLen;
    firstMsg = false;
  }
}

function addPiece(state: TlsState, index: number, piece: HandshakePiece): void {
  const list = state.pieces.get(index);
  if (list) list.push(piece);
  else state.pieces.set(index, [piece]);
}

/** Record the frame that completes message `id` on all its pieces. */
function markReassembled(state: TlsState, id: number, index: number): void {
  // Pieces of one message lie in a handful of recent frames; walk back until none is found for a while.
  let misses = 0;
  for (let i = index; i >= 0 && misses < 4096; i--) {
    const list = state.pieces.get(i);
    if (!list) {
      misses++;
      continue;
    }
    let found = false;
    for (const x of list)
      if (x.id === id) {
        x.reassembledIn = index;
        found = true;
        if (x.offset === 0) return;
      }
    if (found) misses = 0;
    else misses++;
  }
}

/** How many bytes of the current record the last piece of a message takes. */
function msgRest(state: TlsState, piece: HandshakePiece, index: number): number {
  void state;
  void index;
  // The last piece ends the message; its record may hold more messages after it, but their offsets are unknown
  // without the message's length, which only the first piece's frame holds. Take the record.
  return piece.last ? Number.MAX_SAFE_INTEGER : 0;
}

/** One complete handshake message at `o` (`msgLen` bytes with its 4-byte header). */
function dissectHandshakeMessage(
  p: Packet,
  ctx: Ctx,
  o: number,
  msgLen: number,
  version: number,
  firstMsg: boolean,
): void {
  const d = p.data;
  const type = d[o];
  const length = msgLen - 4;
  let name = handshakeName(type);
  if (!name && !firstMsg) return;
  let hrr = false;
  if (firstMsg && type === HS_SERVER_HELLO && length > 2) {
    const scan = scanServerHello(p, o + 4, o + msgLen);
    hrr = scan.hrr;
    if (p.pass === 1) {
      trySetVersion(ctx.st, CT_HANDSHAKE, HS_SERVER_HELLO, scan.version);
      ctx.st.cipher = scan.cipher;
    }
    if (hrr) name = 'Hello Retry Request';
  }
  showDetailsOpen(p, version, hrr ? HS_HELLO_RETRY_REQUEST : type, firstMsg, o, msgLen);
  if (!name) {
    if (p.sink.active) p.close();
    return;
  }
  if (p.pass === 1 && type === HS_CLIENT_HELLO && currentTcp.stream >= 0) ctx.st.serverDir = currentTcp.direction ^ 1;
  if (!p.sink.active) return;
  try {
    p.add(hf.hsType, o, 1);
    p.add(hf.hsLength, o + 1, 3);
    const b = o + 4;
    const e = o + msgLen;
    switch (type) {
      case HS_CLIENT_HELLO:
        dissectHello(p, b, e, true, ctx.st.version);
        break;
      case HS_SERVER_HELLO:
        dissectHello(p, b, e, false, ctx.st.version);
        break;
      case HS_SERVER_KEY_EXCHANGE:
        dissectServerKeyExchange(p, b, e, ctx.st.cipher);
        break;
      case HS_CLIENT_KEY_EXCHANGE:
        dissectClientKeyExchange(p, b, e, ctx.st.cipher);
        break;
      case HS_CERTIFICATE:
        dissectCertificates(p, b, e, version === TLSV1_3);
        break;
      case HS_NEW_SESSION_TICKET:
        if (e - b >= 6 && version !== TLSV1_3) {
          p.add(hf.ticketLifetime, b, 4);
          p.add(hf.ticketLength, b + 4, 2);
          const n = u16(d, b + 4);
          if (b + 6 + n <= e) p.add(hf.ticket, b + 6, n);
        }
        break;
      case HS_ENCRYPTED_EXTENSIONS:
        if (e - b >= 2) dissectExtensions(p, b, e, false);
        break;
      case HS_CERTIFICATE_REQUEST:
        break;
    }
  } finally {
    p.close();
  }
}

/** Like showDetails for a complete message, leaving its Handshake Protocol item open (when a sink listens). */
function showDetailsOpen(p: Packet, version: number, type: number, firstMsg: boolean, o: number, len: number): void {
  const name = handshakeName(type) ?? 'Encrypted Handshake Message';
  p.appendInfoSep(', ', name);
  if (p.sink.active) {
    p.open(hf.handshake, o, Math.max(0, Math.min(len, p.data.length - o)), null, 0, `Handshake Protocol: ${name}`);
  }
}

/** Wireshark's tls_scan_server_hello: the version the server chose (supported_versions wins) and whether it is an HRR. */
function scanServerHello(p: Packet, o: number, end: number): { version: number; hrr: boolean; cipher: number } {
  const d = p.data;
  const stop = Math.min(end, d.length);
  if (o + 2 > stop) return { version: 0, hrr: false, cipher: 0 };
  let version = u16(d, o);
  const hrr = o + 34 <= stop && hex(d, o + 2, 32) === HRR_RANDOM;
  let q = o + 34;
  if (q >= stop) return { version, hrr, cipher: 0 };
  q += 1 + d[q]; // session id
  const cipher = q + 2 <= stop ? u16(d, q) : 0;
  q += 3; // cipher suite, compression
  if (q + 2 > stop) return { version, hrr, cipher };
  const extEnd = Math.min(stop, q + 2 + u16(d, q));
  q += 2;
  while (q + 4 <= extEnd) {
    const t = u16(d, q);
    const l = u16(d, q + 2);
    if (t === 43 && l === 2 && q + 6 <= extEnd) {
      version = u16(d, q + 4);
      break;
    }
    q += 4 + l;
  }
  return { version, hrr, cipher };
}

/** Client Hello / Server Hello fields (tree only). */
function dissectHello(p: Packet, o: number, end: number, client: boolean, session: number): void {
  const d = p.data;
  p.need(o, 2 + 32 + 1, end);
  p.add(hf.hsVersion, o, 2);
  const ja3: Ja3 = { version: u16(d, o), ciphers: [], extensions: [], groups: [], formats: [] };
  // The random's first four bytes were a time before TLS 1.3; Wireshark shows them so for older sessions.
  if (session === TLSV1_3) p.add(hf.random, o + 2, 32, undefined, 0, `Random: ${hex(d, o + 2, 32)}`);
  else {
    p.open(hf.random, o + 2, 32, undefined, 0, `Random: ${hex(d, o + 2, 32)}`);
    const t = d[o + 2] * 16777216 + u24(d, o + 3);
    p.add(hf.randomTime, o + 2, 4, new NsTime(t, 0));
    p.add(hf.randomBytes, o + 6, 28);
    p.close();
  }
  let q = o + 34;
  const sidLen = d[q];
  p.add(hf.sessionIdLength, q, 1);
  q += 1;
  p.need(q, sidLen, end);
  if (sidLen) p.add(hf.sessionId, q, sidLen);
  q += sidLen;
  if (client) {
    p.need(q, 2, end);
    const csLen = u16(d, q);
    p.add(hf.cipherSuitesLength, q, 2);
    q += 2;
    p.need(q, csLen, end);
    p.open(hf.cipherSuites, q, csLen, null, 0, `Cipher Suites (${csLen >> 1} suite${csLen >> 1 === 1 ? '' : 's'})`);
    for (let i = 0; i + 1 < csLen; i += 2) {
      const cs = u16(d, q + i);
      p.add(hf.cipherSuite, q + i, 2, undefined, 0, `Cipher Suite: ${named(CIPHER_SUITES, cs)}`);
      if (!isGrease(cs)) ja3.ciphers.push(cs);
    }
    p.close();
    q += csLen;
    p.need(q, 1, end);
    const cmLen = d[q];
    p.add(hf.compMethodsLength, q, 1);
    q += 1;
    p.need(q, cmLen, end);
    p.open(hf.compMethods, q, cmLen, null, 0, `Compression Methods (${cmLen} method${cmLen === 1 ? '' : 's'})`);
    for (let i = 0; i < cmLen; i++) p.add(hf.compMethod, q + i, 1);
    p.close();
    q += cmLen;
  } else {
    p.need(q, 3, end);
    const cs = u16(d, q);
    p.add(hf.cipherSuite, q, 2, undefined, 0, `Cipher Suite: ${named(CIPHER_SUITES, cs)}`);
    p.add(hf.compMethod, q + 2, 1);
    ja3.ciphers.push(cs);
    q += 3;
  }
  if (q + 2 <= end) dissectExtensions(p, q, end, client, ja3);
  addJa3(p, o, end, client, ja3);
}

/** What a JA3 (client) or JA3S (server) fingerprint is made of. */
interface Ja3 {
  version: number;
  ciphers: number[];
  extensions: number[];
  groups: number[];
  formats: number[];
}

/** GREASE values (RFC 8701) are left out of fingerprints. */
function isGrease(v: number): boolean {
  return (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);
}

/** "[JA3 Fullstring: 771,4866-…,0-1-2]" and its MD5, as Wireshark adds them after the hello's extensions. */
function addJa3(p: Packet, o: number, end: number, client: boolean, j: Ja3): void {
  const parts = [String(j.version), j.ciphers.join('-'), j.extensions.join('-')];
  if (client) parts.push(j.groups.join('-'), j.formats.join('-'));
  const full = parts.join(',');
  const hash = md5Hex(new TextEncoder().encode(full));
  p.add(client ? hf.ja3Full : hf.ja3sFull, o, end - o, full, GENERATED);
  p.add(client ? hf.ja3 : hf.ja3s, o, end - o, hash, GENERATED);
}

function dissectExtensions(p: Packet, o: number, end: number, client: boolean, ja3?: Ja3): void {
  const d = p.data;
  p.need(o, 2, end);
  const total = u16(d, o);
  p.add(hf.extensionsLength, o, 2);
  let q = o + 2;
  const stop = Math.min(end, q + total);
  while (q + 4 <= stop) {
    p.need(q, 4, end);
    const type = u16(d, q);
    const len = u16(d, q + 2);
    const name = EXTENSION_TYPES[type] ?? 'Unknown';
    const shown = Math.max(0, Math.min(4 + len, p.data.length - q));
    if (ja3 && !isGrease(type)) ja3.extensions.push(type);
    p.open(hf.extension, q, shown, null, 0, `Extension: ${name} (len=${len})`);
    p.add(hf.extType, q, 2);
    p.add(hf.extLen, q + 2, 2);
    try {
      if (q + 4 + len <= stop) dissectExtension(p, type, q + 4, q + 4 + len, client, ja3);
    } finally {
      p.close();
    }
    q += 4 + len;
  }
}

function dissectExtension(p: Packet, type: number, o: number, end: number, client: boolean, ja3?: Ja3): void {
  const d = p.data;
  switch (type) {
    case 11: {
      // ec_point_formats
      if (end - o < 1) return;
      const l = d[o];
      p.add(hf.ecPointFormatsLen, o, 1);
      const stop = Math.min(end, o + 1 + l);
      p.open(hf.ecPointFormats, o + 1, stop - o - 1, null, 0, `Elliptic curves point formats (${l})`);
      for (let q = o + 1; q < stop; q++) {
        p.add(hf.ecPointFormat, q, 1);
        ja3?.formats.push(d[q]);
      }
      p.close();
      return;
    }
    case 15:
      // heartbeat
      if (end - o >= 1) p.add(hf.heartbeatMode, o, 1);
      return;
    case 28:
      // record_size_limit
      if (end - o >= 2) p.add(hf.recordSizeLimit, o, 2);
      return;
    case 35:
      // session_ticket
      if (end === o) p.text(o, 0, 'Data (0 bytes)');
      else p.add(hf.ticketData, o, end - o);
      return;
    case 45: {
      // psk_key_exchange_modes
      if (end - o < 1) return;
      const l = d[o];
      p.add(hf.pskModesLen, o, 1);
      for (let q = o + 1; q < Math.min(end, o + 1 + l); q++) p.add(hf.pskMode, q, 1);
      return;
    }
    case 51:
      keyShare(p, o, end, client);
      return;
    case 21:
      // padding
      if (end > o) p.add(hf.paddingData, o, end - o);
      return;
    case 65281: {
      // renegotiation_info
      if (end - o < 1) return;
      const l = d[o];
      p.open(hf.renegInfo, o, end - o, null, 0, 'Renegotiation Info extension');
      p.add(hf.renegInfoLen, o, 1);
      if (l > 0 && o + 1 + l <= end) p.add(hf.renegInfoData, o + 1, l);
      p.close();
      return;
    }
    case 0: {
      // server_name
      if (end - o < 2) return;
      p.open(hf.sniExtension, o, end - o, null, 0, 'Server Name Indication extension');
      p.add(hf.sniListLen, o, 2);
      let q = o + 2;
      while (q + 3 <= end) {
        const l = u16(d, q + 1);
        if (q + 3 + l > end) break;
        p.add(hf.sniType, q, 1);
        p.add(hf.sniLen, q + 1, 2);
        p.add(hf.sni, q + 3, l);
        q += 3 + l;
      }
      p.close();
      return;
    }
    case 5: {
      // status_request (OCSP): the client's request, empty from the server
      if (!client || end - o < 5 || d[o] !== 1) {
        if (end > o) p.add(hf.extData, o, end - o);
        return;
      }
      p.add(hf.certStatusType, o, 1);
      const ridLen = u16(d, o + 1);
      p.add(hf.responderIdListLen, o + 1, 2);
      const q = o + 3 + ridLen;
      if (q + 2 <= end) p.add(hf.requestExtensionsLen, q, 2);
      return;
    }
    case 16: {
      // application_layer_protocol_negotiation
      if (end - o < 2) return;
      p.add(hf.alpnLen, o, 2);
      let q = o + 2;
      p.open(hf.alpnList, q, end - q, null, 0, 'ALPN Protocol');
      while (q < end) {
        const l = d[q];
        if (q + 1 + l > end) break;
        p.add(hf.alpnStrLen, q, 1);
        p.add(hf.alpnStr, q + 1, l);
        q += 1 + l;
      }
      p.close();
      return;
    }
    case 43: {
      // supported_versions: a list in the Client Hello, one version in the Server Hello
      if (!client) {
        if (end - o >= 2) p.add(hf.supportedVersion, o, 2);
        return;
      }
      if (end - o < 1) return;
      const l = d[o];
      p.add(hf.supportedVersionsLen, o, 1);
      for (let q = o + 1; q + 2 <= Math.min(end, o + 1 + l); q += 2) p.add(hf.supportedVersion, q, 2);
      return;
    }
    case 10: {
      if (end - o < 2) return;
      const l = u16(d, o);
      p.add(hf.groupsLen, o, 2);
      const stop = Math.min(end, o + 2 + l);
      const n = (stop - o - 2) >> 1;
      p.open(hf.groups, o + 2, stop - o - 2, null, 0, `Supported Groups (${n} group${n === 1 ? '' : 's'})`);
      for (let q = o + 2; q + 2 <= stop; q += 2) {
        const g = u16(d, q);
        p.add(hf.group, q, 2, undefined, 0, `Supported Group: ${named(SUPPORTED_GROUPS, g)}`);
        if (ja3 && !isGrease(g)) ja3.groups.push(g);
      }
      p.close();
      return;
    }
    // signature_algorithms, and delegated_credentials (the signature algorithms the client accepts for them)
    case 13:
    case 34: {
      if (end - o < 2) return;
      const l = u16(d, o);
      p.add(hf.sigHashLen, o, 2);
      const stop = Math.min(end, o + 2 + l);
      const n = (stop - o - 2) >> 1;
      p.open(
        hf.sigHashAlgs,
        o + 2,
        stop - o - 2,
        null,
        0,
        `Signature Hash Algorithms (${n} algorithm${n === 1 ? '' : 's'})`,
      );
      for (let q = o + 2; q + 2 <= stop; q += 2) signatureAlgorithm(p, q);
      p.close();
      return;
    }
    default:
      if (end > o) p.add(hf.extData, o, end - o);
  }
}

/** "Signature Algorithm: ecdsa_secp256r1_sha256 (0x0403)" with its hash and signature bytes. */
function signatureAlgorithm(p: Packet, q: number): void {
  p.open(hf.sigHash, q, 2, undefined, 0, `Signature Algorithm: ${named(SIGNATURE_SCHEMES, u16(p.data, q))}`);
  p.add(hf.sigHashHash, q, 1);
  p.add(hf.sigHashSig, q + 1, 1);
  p.close();
}

/** key_share: the client's list of entries, the server's one entry, or a Hello Retry Request's selected group. */
function keyShare(p: Packet, o: number, end: number, client: boolean): void {
  const d = p.data;
  p.open(hf.keyShare, o, end - o, null, 0, 'Key Share extension');
  let q = o;
  let stop = end;
  if (client) {
    if (end - o < 2) {
      p.close();
      return;
    }
    p.add(hf.keyShareClientLen, o, 2);
    stop = Math.min(end, o + 2 + u16(d, o));
    q = o + 2;
  } else if (end - o === 2) {
    p.add(hf.keyShareSelectedGroup, o, 2);
    p.close();
    return;
  }
  while (q + 4 <= stop) {
    const group = u16(d, q);
    const l = u16(d, q + 2);
    if (q + 4 + l > stop) break;
    const name = SUPPORTED_GROUPS[group] ?? 'Unknown';
    p.open(hf.keyShareEntry, q, 4 + l, null, 0, `Key Share Entry: Group: ${name}, Key Exchange length: ${l}`);
    p.add(hf.keyShareGroup, q, 2);
    p.add(hf.keyExchangeLen, q + 2, 2);
    if (l > 0) p.add(hf.keyExchange, q + 4, l);
    p.close();
    q += 4 + l;
    if (!client) break;
  }
  p.close();
}

/** The key exchange algorithm of a cipher suite, from its name: "ECDHE", "DHE", "RSA" … ('' when unknown). */
function keyExchangeOf(cipher: number): string {
  const name = CIPHER_SUITES[cipher] ?? '';
  const m = /^TLS_([A-Z0-9]+?)_(?:[A-Z0-9]+_)?WITH_/.exec(name);
  if (!m) return '';
  if (name.startsWith('TLS_ECDHE_')) return 'ECDHE';
  if (name.startsWith('TLS_DHE_')) return 'DHE';
  if (name.startsWith('TLS_RSA_WITH')) return 'RSA';
  return m[1];
}

/** Server Key Exchange of an ECDHE suite: the named curve, the public point and the signature over them. */
function dissectServerKeyExchange(p: Packet, o: number, end: number, cipher: number): void {
  const d = p.data;
  if (keyExchangeOf(cipher) !== 'ECDHE' || end - o < 4 || d[o] !== 3) return;
  p.text(o, end - o, 'EC Diffie-Hellman Server Params', true);
  try {
    p.add(hf.curveType, o, 1);
    p.add(hf.namedCurve, o + 1, 2);
    const pl = d[o + 3];
    p.add(hf.serverPointLen, o + 3, 1);
    p.need(o + 4, pl, end);
    p.add(hf.serverPoint, o + 4, pl);
    let q = o + 4 + pl;
    if (q + 4 > end) return;
    signatureAlgorithm(p, q);
    q += 2;
    const sl = u16(d, q);
    p.add(hf.sigLen, q, 2);
    if (q + 2 + sl <= end) p.add(hf.sig, q + 2, sl);
  } finally {
    p.close();
  }
}

/** Client Key Exchange: the client's ECDHE public point, or an RSA-encrypted premaster secret. */
function dissectClientKeyExchange(p: Packet, o: number, end: number, cipher: number): void {
  const d = p.data;
  const kx = keyExchangeOf(cipher);
  if (kx === 'ECDHE' && end - o >= 1) {
    const pl = d[o];
    p.text(o, end - o, 'EC Diffie-Hellman Client Params', true);
    p.add(hf.clientPointLen, o, 1);
    if (o + 1 + pl <= end) p.add(hf.clientPoint, o + 1, pl);
    p.close();
  } else if (kx === 'RSA' && end - o >= 2) {
    const l = u16(d, o);
    p.text(o, end - o, 'RSA Encrypted PreMaster Secret', true);
    p.add(hf.epmsLen, o, 2);
    if (o + 2 + l <= end) p.add(hf.epms, o + 2, l);
    p.close();
  }
}

/** Certificate message: the list of DER certificates, each with its subject (TLS 1.3 adds a context and extensions). */
function dissectCertificates(p: Packet, o: number, end: number, tls13: boolean): void {
  const d = p.data;
  let q = o;
  if (tls13) {
    p.need(q, 1, end);
    const ctxLen = d[q];
    p.add(hf.certRequestContextLength, q, 1);
    q += 1 + ctxLen;
  }
  p.need(q, 3, end);
  const total = u24(d, q);
  p.add(hf.certificatesLength, q, 3);
  q += 3;
  const stop = Math.min(end, q + total);
  p.open(hf.certificates, q, Math.max(0, stop - q), null, 0, `Certificates (${total} bytes)`);
  try {
    while (q + 3 <= stop) {
      const l = u24(d, q);
      p.add(hf.certificateLength, q, 3);
      q += 3;
      if (q + l > stop) break;
      const cert = readCertificate(d, q, q + l);
      const subject = cert ? nameText(cert.subjectAttrs) : '';
      p.open(
        hf.certificate,
        q,
        l,
        undefined,
        0,
        // The subject is appended as Wireshark does, cut with the label at 239 bytes, without a mark.
        cutBytes(`Certificate: ${hex(d, q, Math.min(l, 36))}${l > 36 ? '…' : ''}${cert ? ` (${subject})` : ''}`, 239),
      );
      if (cert) addCertificateTree(p, q, q + l);
      p.close();
      q += l;
      if (tls13 && q + 2 <= stop) {
        // Each certificate's own extensions (TLS 1.3).
        p.add(hf.extensionsLength, q, 2);
        q += 2 + u16(d, q);
      }
    }
  } finally {
    p.close();
  }
}

/** An SSLv2 record (in practice the SSLv2-compatible Client Hello of old clients). */
function dissectSsl2Record(p: Packet, ctx: Ctx, o: number, end: number): number {
  const d = p.data;
  p.need(o, 3, end);
  const twoByte = (d[o] & 0x80) !== 0;
  const hdr = twoByte ? 2 : 3;
  const length = twoByte ? ((d[o] & 0x7f) << 8) | d[o + 1] : ((d[o] & 0x3f) << 8) | d[o + 1];
  if (end - o < hdr + length) {
    if (needMore(ctx, o, hdr + length - (end - o))) return -1;
    return end;
  }
  if (ctx.st.version === VERSION_UNKNOWN) p.setProtocol('SSLv2');
  const type = d[o + hdr];
  const names: Record<number, string> = {
    0: 'Error',
    1: 'Client Hello',
    2: 'Client Master Key',
    3: 'Client Finished',
    4: 'Server Hello',
    5: 'Server Verify',
    6: 'Server Finished',
    7: 'Request Certificate',
    8: 'Client Certificate',
  };
  p.appendInfoSep(', ', names[type] ?? 'Encrypted Data');
  if (p.sink.active) {
    p.open(hf.record, o, hdr + length, null, 0, `SSLv2 Record Layer: ${names[type] ?? 'Encrypted Data'}`);
    p.add(hf.ssl2Length, o, 2, length);
    p.add(hf.hsType, o + hdr, 1);
    p.close();
  }
  return o + hdr + length;
}

// ---- registration --------------------------------------------------------------------------------------------

/** Wireshark's default TLS port range (tcp.port entries of tls). */
export const TLS_PORTS = [
  324, 443, 465, 636, 802, 853, 993, 995, 1300, 2221, 2443, 3249, 3250, 3251, 3252, 3496, 5061, 5671, 5684, 5868, 8883,
  11207, 19999, 27017,
];
const TLS_PORT_SET = new Set(TLS_PORTS);
for (const port of TLS_PORTS) tcpPorts.add(port, dissectTls);

/**
 * Wireshark's TLS heuristic on TCP (on by default): a Handshake or Application Data record header with a known
 * version and a sane length, or an SSLv2-compatible Client Hello. Once it matches, the stream is TLS from then on.
 */
export function dissectTlsHeuristic(p: Packet, off: number, end: number): boolean {
  const d = p.data;
  const stop = Math.min(end, d.length);
  if (!looksLikeTlsStart(d, off, stop)) return false;
  if (currentTcp.stream >= 0) setStreamDissector(p, currentTcp.stream, dissectTls);
  return dissectTls(p, off, end);
}

function looksLikeTlsStart(d: Uint8Array, off: number, stop: number): boolean {
  if (stop - off < 5) return false;
  const type = d[off];
  const version = u16(d, off + 1);
  const length = u16(d, off + 3);
  if (
    (type === CT_HANDSHAKE || type === CT_APPLICATION_DATA) &&
    (version === SSLV3 || version === TLSV1 || version === TLSV1_1 || version === TLSV1_2 || version === TLCPV1) &&
    length !== 0 &&
    length < MAX_RECORD
  )
    return true;
  // An SSLv2-compatible Client Hello.
  if (stop - off < 46 || d[off] !== 0x80 || d[off + 2] !== 1) return false;
  const specLen = u16(d, off + 5);
  const sidLen = u16(d, off + 7);
  return specLen !== 0 && specLen % 3 === 0 && (sidLen === 0 || sidLen === 16) && u16(d, off + 9) === 32;
}
tcpHeuristics.add('tls', dissectTlsHeuristic);
