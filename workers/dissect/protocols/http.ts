// Hypertext Transfer Protocol 1.x over TCP: request and status lines, headers (Wireshark's named fields, the others
// as http.unknown_header), bodies by Content-Length, chunked transfer coding or the end of the connection, decoded
// gzip/deflate/br content, request/response pairing per TCP stream, and CONNECT tunnels.
//
// Messages that do not fit in the segment at hand ask TCP for more bytes (currentTcp.desegmentOffset/Len, see
// reassembly/tcp.ts) and are dissected again, whole, in the frame that completes them.
//
// First pass: no strings. Each message found is a row of typed arrays (its packet, where it starts, its request/response
// pair); pairs are rows too. The second pass finds its message again by (packet, offset) and only reads.
import { gunzipSync, inflateSync, unzlibSync } from 'fflate';
import { codecs } from '../codecs';
import { currentTcp, DESEGMENT_ONE_MORE_SEGMENT, DESEGMENT_UNTIL_FIN, setStreamDissector } from '../../reassembly/tcp';
import { tcpHeuristics, tcpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { BoundsError } from '../packet';
import { declare } from '../registry';
import { decodeText, GENERATED, HIDDEN, NsTime } from '../sinks';
import { registerFirstPassEnd, stateKey } from '../state';
import { timeDelta } from '../time';
import { dissectData } from './data';
import { frameTimes } from './frame';
import { dissectBody, mediaProtocols, mediaTypeOf } from './media';
import { dissectTls } from './tls';
import { grown, trimmed } from '../../index/grow';
import type { TypedColumn } from '../../index/grow';

export const STATUS_CODES: Record<number, string> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  199: 'Informational - Others',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  299: 'Success - Others',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  399: 'Redirection - Others',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Time-out',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Requested Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  499: 'Client Error - Others',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Time-out',
  505: 'HTTP Version not supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
  599: 'Server Error - Others',
};

const s = (abbrev: string, name: string) => ({ abbrev, name, type: 'string' as const });

export const hf = declare('http', 'Hypertext Transfer Protocol', 'HTTP', {
  request: { abbrev: 'http.request', name: 'Request', type: 'bool' },
  response: { abbrev: 'http.response', name: 'Response', type: 'bool' },
  requestLine: s('http.request.line', 'Request line'),
  responseLine: s('http.response.line', 'Response line'),
  method: s('http.request.method', 'Request Method'),
  uri: s('http.request.uri', 'Request URI'),
  uriPath: s('http.request.uri.path', 'Request URI Path'),
  uriQuery: s('http.request.uri.query', 'Request URI Query'),
  uriQueryParameter: s('http.request.uri.query.parameter', 'Request URI Query Parameter'),
  requestVersion: s('http.request.version', 'Request Version'),
  responseVersion: s('http.response.version', 'Response Version'),
  fullUri: s('http.request.full_uri', 'Full request URI'),
  code: { abbrev: 'http.response.code', name: 'Status Code', type: 'uint' },
  codeDesc: s('http.response.code.desc', 'Status Code Description'),
  phrase: s('http.response.phrase', 'Response Phrase'),
  responseForUri: s('http.response_for.uri', 'Request URI'),
  chat: { abbrev: 'http.chat', name: 'Formatted text', type: 'none' },
  authorization: s('http.authorization', 'Authorization'),
  proxyAuthenticate: s('http.proxy_authenticate', 'Proxy-Authenticate'),
  proxyAuthorization: s('http.proxy_authorization', 'Proxy-Authorization'),
  proxyConnectHost: s('http.proxy_connect_host', 'Proxy-Connect-Hostname'),
  proxyConnectPort: { abbrev: 'http.proxy_connect_port', name: 'Proxy-Connect-Port', type: 'uint' },
  wwwAuthenticate: s('http.www_authenticate', 'WWW-Authenticate'),
  contentType: s('http.content_type', 'Content-Type'),
  contentLengthHeader: s('http.content_length_header', 'Content-Length'),
  contentLength: { abbrev: 'http.content_length', name: 'Content length', type: 'uint64' },
  contentEncoding: s('http.content_encoding', 'Content-Encoding'),
  transferEncoding: s('http.transfer_encoding', 'Transfer-Encoding'),
  upgrade: s('http.upgrade', 'Upgrade'),
  userAgent: s('http.user_agent', 'User-Agent'),
  host: s('http.host', 'Host'),
  connection: s('http.connection', 'Connection'),
  cookie: s('http.cookie', 'Cookie'),
  cookiePair: s('http.cookie_pair', 'Cookie pair'),
  accept: s('http.accept', 'Accept'),
  referer: s('http.referer', 'Referer'),
  acceptLanguage: s('http.accept_language', 'Accept-Language'),
  acceptEncoding: s('http.accept_encoding', 'Accept Encoding'),
  date: s('http.date', 'Date'),
  cacheControl: s('http.cache_control', 'Cache-Control'),
  server: s('http.server', 'Server'),
  location: s('http.location', 'Location'),
  secWebsocketAccept: s('http.sec_websocket_accept', 'Sec-WebSocket-Accept'),
  secWebsocketExtensions: s('http.sec_websocket_extensions', 'Sec-WebSocket-Extensions'),
  secWebsocketKey: s('http.sec_websocket_key', 'Sec-WebSocket-Key'),
  secWebsocketProtocol: s('http.sec_websocket_protocol', 'Sec-WebSocket-Protocol'),
  secWebsocketVersion: s('http.sec_websocket_version', 'Sec-WebSocket-Version'),
  setCookie: s('http.set_cookie', 'Set-Cookie'),
  lastModified: s('http.last_modified', 'Last-Modified'),
  xForwardedFor: s('http.x_forwarded_for', 'X-Forwarded-For'),
  http2Settings: s('http.http2_settings', 'HTTP2-Settings'),
  unknownHeader: s('http.unknown_header', 'Unknown header'),
  requestIn: { abbrev: 'http.request_in', name: 'Request in frame', type: 'framenum' },
  responseIn: { abbrev: 'http.response_in', name: 'Response in frame', type: 'framenum' },
  nextRequestIn: { abbrev: 'http.next_request_in', name: 'Next request in frame', type: 'framenum' },
  nextResponseIn: { abbrev: 'http.next_response_in', name: 'Next response in frame', type: 'framenum' },
  prevRequestIn: { abbrev: 'http.prev_request_in', name: 'Prev request in frame', type: 'framenum' },
  prevResponseIn: { abbrev: 'http.prev_response_in', name: 'Prev response in frame', type: 'framenum' },
  time: { abbrev: 'http.time', name: 'Time since request', type: 'rel_time' },
  requestNumber: { abbrev: 'http.request_number', name: 'Request number', type: 'uint' },
  responseNumber: { abbrev: 'http.response_number', name: 'Response number', type: 'uint' },
  chunkedTrailerPart: s('http.chunked_trailer_part', 'trailer-part'),
  chunkBoundary: { abbrev: 'http.chunk_boundary', name: 'Chunk boundary', type: 'bytes' },
  chunkSize: { abbrev: 'http.chunk_size', name: 'Chunk size', type: 'uint' },
  chunkData: { abbrev: 'http.chunk_data', name: 'Chunk data', type: 'bytes' },
  fileData: s('http.file_data', 'File Data'),
  decompressionFailed: { abbrev: 'http.decompression_failed', name: 'Decompression failed', type: 'none' },
});

/** Header names (lowercase) with a field of their own; the others are http.unknown_header. */
const HEADER_FIELDS: Record<string, number> = {
  authorization: hf.authorization,
  'proxy-authenticate': hf.proxyAuthenticate,
  'proxy-authorization': hf.proxyAuthorization,
  'www-authenticate': hf.wwwAuthenticate,
  'content-type': hf.contentType,
  'content-length': hf.contentLengthHeader,
  'content-encoding': hf.contentEncoding,
  'transfer-encoding': hf.transferEncoding,
  upgrade: hf.upgrade,
  'user-agent': hf.userAgent,
  host: hf.host,
  connection: hf.connection,
  cookie: hf.cookie,
  accept: hf.accept,
  referer: hf.referer,
  'accept-language': hf.acceptLanguage,
  'accept-encoding': hf.acceptEncoding,
  date: hf.date,
  'cache-control': hf.cacheControl,
  server: hf.server,
  location: hf.location,
  'sec-websocket-accept': hf.secWebsocketAccept,
  'sec-websocket-extensions': hf.secWebsocketExtensions,
  'sec-websocket-key': hf.secWebsocketKey,
  'sec-websocket-protocol': hf.secWebsocketProtocol,
  'sec-websocket-version': hf.secWebsocketVersion,
  'set-cookie': hf.setCookie,
  'last-modified': hf.lastModified,
  'x-forwarded-for': hf.xForwardedFor,
  'http2-settings': hf.http2Settings,
};

/** Request methods Wireshark recognises at the start of a request line. */
const METHODS = [
  'GET',
  'PUT',
  'ACL',
  'COPY',
  'HEAD',
  'LOCK',
  'MOVE',
  'POLL',
  'POST',
  'BCOPY',
  'BMOVE',
  'MKCOL',
  'TRACE',
  'LABEL',
  'MERGE',
  'PATCH',
  'DELETE',
  'SEARCH',
  'UNLOCK',
  'REPORT',
  'UPDATE',
  'NOTIFY',
  'BDELETE',
  'CONNECT',
  'OPTIONS',
  'CHECKIN',
  'PROPFIND',
  'CHECKOUT',
  'CCM_POST',
  'M-SEARCH',
  'SUBSCRIBE',
  'PROPPATCH',
  'BPROPFIND',
  'BPROPPATCH',
  'UNCHECKOUT',
  'MKACTIVITY',
  'MKWORKSPACE',
  'UNSUBSCRIBE',
  'RPC_CONNECT',
  'RPC_IN_DATA',
  'RPC_OUT_DATA',
  'VERSION-CONTROL',
  'BASELINE-CONTROL',
].map((m) => Uint8Array.from(m, (c) => c.charCodeAt(0)));

/** TCP ports of Wireshark's default HTTP range. */
export const HTTP_TCP_PORTS = [80, 3128, 3132, 5985, 8080, 8088, 11371, 1900, 2869, 2710];

// ---- first-pass state ----------------------------------------------------------------------------------------------

const enum Kind {
  Request = 1,
  Response = 2,
}

/** Pair flags. */
const HEAD = 1;
const CONNECT = 2;

/** The column with room for index `n`. */
function grow<T extends TypedColumn>(a: T, n: number): T {
  return grown(a, n + 1);
}

/** Request/response pairs and messages of the capture, as columns. */
export class HttpState {
  // Pairs (Wireshark's req_res): one per request, or per response that found no request waiting.
  pairs = 0;
  reqPkt = new Int32Array(16);
  resPkt = new Int32Array(16);
  code = new Uint16Array(16);
  number = new Uint32Array(16);
  prev = new Int32Array(16);
  next = new Int32Array(16);
  stream = new Int32Array(16);
  flags = new Uint8Array(16);
  /** By tcp.stream: its newest pair + 1 (0: none yet), and how many pairs it has. */
  tail = new Int32Array(16);
  count = new Uint32Array(16);
  // Messages: where each starts (packet, offset in the buffer dissected) and its pair.
  msgs = 0;
  msgPkt = new Int32Array(16);
  msgOff = new Int32Array(16);
  msgPair = new Int32Array(16);
  msgKind = new Uint8Array(16);
  /** CONNECT tunnels: tcp.stream → host and port asked for (one entry per tunnel). */
  tunnels = new Map<number, { host: string; port: number }>();
  /** Streams that carried a request: other bytes on them are a "Continuation" (Wireshark's "have seen HTTP"). */
  seen = new Set<number>();
  /** packetIndex → offset of the CONNECT answer that opened a tunnel in it. */
  tunnelAt = new Map<number, number>();
  /** CONNECT requests: pair → the authority asked for ("host:port"). */
  connectTargets = new Map<number, string>();
  /**
   * Requests: pair → the request URI as sent, and the id of its Host in `hosts` (-1: none), shown with the response as
   * the full URI. Hosts repeat (a capture talks to a few servers): each is kept once, and the full URI, which would
   * be a new string for every request, is put together only when a response is shown.
   */
  uris = new Map<number, string>();
  reqHost = new Int32Array(16);
  readonly hosts: string[] = [];
  private readonly hostIds = new Map<string, number>();

  /** Remember the request URI of `pair`, sent to `host` ("" when the request had no Host). */
  setRequestUri(pair: number, host: string, uri: string): void {
    if (pair >= this.reqHost.length) this.reqHost = grow(this.reqHost, pair);
    let id = -1;
    if (host) {
      id = this.hostIds.get(host) ?? -1;
      if (id < 0) {
        id = this.hosts.length;
        this.hosts.push(host);
        this.hostIds.set(host, id);
      }
    }
    this.reqHost[pair] = id;
    this.uris.set(pair, uri);
  }

  /** The full request URI of `pair` (as [Full request URI] shows it), or undefined when it had no request. */
  requestUri(pair: number): string | undefined {
    const uri = this.uris.get(pair);
    if (uri === undefined) return undefined;
    const host = this.reqHost[pair];
    return fullUri(host >= 0 ? this.hosts[host] : '', uri);
  }

  newPair(stream: number): number {
    const i = this.pairs++;
    if (i >= this.reqPkt.length) {
      this.reqPkt = grow(this.reqPkt, i);
      this.resPkt = grow(this.resPkt, i);
      this.code = grow(this.code, i);
      this.number = grow(this.number, i);
      this.prev = grow(this.prev, i);
      this.next = grow(this.next, i);
      this.stream = grow(this.stream, i);
      this.flags = grow(this.flags, i);
    }
    this.reqPkt[i] = -1;
    this.resPkt[i] = -1;
    this.code[i] = 0;
    this.flags[i] = 0;
    this.stream[i] = stream;
    this.next[i] = -1;
    if (stream >= this.tail.length) {
      this.tail = grow(this.tail, stream);
      this.count = grow(this.count, stream);
    }
    const tail = this.tail[stream] - 1;
    this.prev[i] = tail;
    if (tail >= 0) this.next[tail] = i;
    const n = this.count[stream] + 1;
    this.count[stream] = n;
    this.number[i] = n;
    this.tail[stream] = i + 1;
    return i;
  }

  /** Give back the columns' spare room (the first pass is over: no pair or message is added). */
  trim(): void {
    const n = this.pairs;
    this.reqPkt = trimmed(this.reqPkt, n);
    this.resPkt = trimmed(this.resPkt, n);
    this.code = trimmed(this.code, n);
    this.number = trimmed(this.number, n);
    this.prev = trimmed(this.prev, n);
    this.next = trimmed(this.next, n);
    this.stream = trimmed(this.stream, n);
    this.flags = trimmed(this.flags, n);
    this.reqHost = trimmed(this.reqHost, n);
    const m = this.msgs;
    this.msgPkt = trimmed(this.msgPkt, m);
    this.msgOff = trimmed(this.msgOff, m);
    this.msgPair = trimmed(this.msgPair, m);
    this.msgKind = trimmed(this.msgKind, m);
  }

  /** The newest pair of tcp.stream `stream`, or -1. */
  tailOf(stream: number): number {
    return stream < this.tail.length ? this.tail[stream] - 1 : -1;
  }

  newMessage(pkt: number, off: number, kind: Kind, pair: number): void {
    const i = this.msgs++;
    if (i >= this.msgPkt.length) {
      this.msgPkt = grow(this.msgPkt, i);
      this.msgOff = grow(this.msgOff, i);
      this.msgPair = grow(this.msgPair, i);
      this.msgKind = grow(this.msgKind, i);
    }
    this.msgPkt[i] = pkt;
    this.msgOff[i] = off;
    this.msgPair[i] = pair;
    this.msgKind[i] = kind;
  }

  /**
   * The first message recorded in packet `pkt`, or -1. Messages are recorded in packet order, so the messages of one
   * packet are consecutive and a binary search finds them (no map from packets to messages is kept).
   */
  firstMessage(pkt: number): number {
    const at = this.msgPkt;
    let lo = 0;
    let hi = this.msgs;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid] < pkt) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.msgs && at[lo] === pkt ? lo : -1;
  }

  /** The message that starts at `off` in packet `pkt` (as recorded by the first pass), or -1. */
  findMessage(pkt: number, off: number): number {
    // Messages are recorded in packet order: none is in a packet later than the last one's (the first pass's case).
    if (this.msgs === 0 || this.msgPkt[this.msgs - 1] < pkt) return -1;
    const first = this.firstMessage(pkt);
    if (first < 0) return -1;
    for (let i = first; i < this.msgs && this.msgPkt[i] === pkt; i++) if (this.msgOff[i] === off) return i;
    return -1;
  }
}

export const HTTP_STATE = stateKey('http', () => new HttpState());

// Once every packet is in, the pair and message columns give back their spare room.
registerFirstPassEnd((state) => {
  const st = state.peek(HTTP_STATE);
  if (st) st.trim();
});

// ---- bytes ---------------------------------------------------------------------------------------------------------

/** Where the line starting at `pos` ends (its CR or LF), or -1 when no line end is before `stop`. */
function findLineEnd(d: Uint8Array, pos: number, stop: number): number {
  for (let i = pos; i < stop; i++) {
    const c = d[i];
    // One comparison for nearly every byte: both line ends are below 0x0e.
    if (c <= 0x0d && (c === 0x0a || c === 0x0d)) return i;
  }
  return -1;
}

/** Past the line end at `i` (CRLF, LF or a lone CR). */
function skipEol(d: Uint8Array, i: number, stop: number): number {
  if (i < stop && d[i] === 0x0d) i++;
  if (i < stop && d[i] === 0x0a) i++;
  return i;
}

/** Text of d[from, to) as Wireshark's format_text shows it: printable ASCII and UTF-8 as is, the rest escaped. */
function text(d: Uint8Array, from: number, to: number): string {
  let plain = true;
  for (let i = from; i < to; i++)
    if (d[i] < 0x20 || d[i] === 0x7f) {
      plain = false;
      break;
    }
  if (plain) return decodeText(d.subarray(from, to));
  let out = '';
  for (let i = from; i < to; i++) {
    const b = d[i];
    out += b >= 0x20 && b !== 0x7f ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0');
  }
  return out;
}

function upper(b: number): number {
  return b >= 0x61 && b <= 0x7a ? b - 0x20 : b;
}

/** Case-insensitive: does d[pos…] start with `word` (given in upper case)? */
function startsWithCI(d: Uint8Array, pos: number, stop: number, word: string): boolean {
  if (pos + word.length > stop) return false;
  for (let i = 0; i < word.length; i++) if (upper(d[pos + i]) !== word.charCodeAt(i)) return false;
  return true;
}

/** Length of the request method at `pos` when the line is a request (a known method and a space), else 0. */
function methodLength(d: Uint8Array, pos: number, stop: number): number {
  outer: for (const m of METHODS) {
    // The method is followed by a space, or ends the line ("OPTIONS" alone is still a request).
    if (pos + m.length > stop || (pos + m.length < stop && d[pos + m.length] !== 0x20)) continue;
    for (let i = 0; i < m.length; i++) if (d[pos + i] !== m[i]) continue outer;
    return m.length;
  }
  return 0;
}

function isResponseLine(d: Uint8Array, pos: number, stop: number): boolean {
  return (
    stop - pos >= 5 &&
    d[pos] === 0x48 &&
    d[pos + 1] === 0x54 &&
    d[pos + 2] === 0x54 &&
    d[pos + 3] === 0x50 &&
    d[pos + 4] === 0x2f
  );
}

/** The status code of a response line (three digits after the version), or 0. */
function statusCode(d: Uint8Array, pos: number, lineEnd: number): number {
  let i = pos;
  while (i < lineEnd && d[i] !== 0x20) i++;
  while (i < lineEnd && d[i] === 0x20) i++;
  if (i + 3 > lineEnd) return 0;
  let v = 0;
  for (let k = 0; k < 3; k++) {
    const c = d[i + k] - 0x30;
    if (c < 0 || c > 9) return 0;
    v = v * 10 + c;
  }
  return v;
}

/** A non-negative decimal number in d[from, to) (spaces around allowed), or -1. */
function parseDecimal(d: Uint8Array, from: number, to: number): number {
  while (from < to && (d[from] === 0x20 || d[from] === 0x09)) from++;
  while (to > from && (d[to - 1] === 0x20 || d[to - 1] === 0x09)) to--;
  if (from === to) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = d[i] - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
    if (v > 0x7fffffff) return -1;
  }
  return v;
}

/** The value of a chunk-size line (hex digits, extensions after ';' ignored), or -1. */
function parseChunkSize(d: Uint8Array, from: number, to: number): number {
  while (from < to && (d[from] === 0x20 || d[from] === 0x09)) from++;
  let v = 0;
  let digits = 0;
  for (let i = from; i < to; i++) {
    const b = d[i];
    let c: number;
    if (b >= 0x30 && b <= 0x39) c = b - 0x30;
    else if (b >= 0x61 && b <= 0x66) c = b - 0x57;
    else if (b >= 0x41 && b <= 0x46) c = b - 0x37;
    else break;
    v = v * 16 + c;
    digits++;
    if (v > 0x80000000) return -1;
  }
  return digits ? v : -1;
}

/** What the headers of one message say about its body (read without building strings). */
interface Scan {
  /** Offset of the first header line, and just past the blank line (or where the bytes stopped). */
  headersStart: number;
  bodyStart: number;
  /** False when the blank line ending the headers was not found. */
  complete: boolean;
  contentLength: number;
  chunked: boolean;
  /** Content-Type value [typeFrom, typeTo), -1 when absent. */
  typeFrom: number;
  typeTo: number;
  /** Host value [hostFrom, hostTo), -1 when absent. */
  hostFrom: number;
  hostTo: number;
}
const scan: Scan = {
  headersStart: 0,
  bodyStart: 0,
  complete: false,
  contentLength: -1,
  chunked: false,
  typeFrom: -1,
  typeTo: -1,
  hostFrom: -1,
  hostTo: -1,
};

function scanHeaders(d: Uint8Array, pos: number, stop: number): void {
  scan.headersStart = pos;
  scan.complete = false;
  scan.contentLength = -1;
  scan.chunked = false;
  scan.typeFrom = -1;
  scan.typeTo = -1;
  scan.hostFrom = -1;
  scan.hostTo = -1;
  while (pos < stop) {
    const eol = findLineEnd(d, pos, stop);
    if (eol < 0) {
      scan.bodyStart = stop;
      return;
    }
    const next = skipEol(d, eol, stop);
    if (eol === pos) {
      scan.complete = true;
      scan.bodyStart = next;
      return;
    }
    const c = upper(d[pos]);
    if (c === 0x48 && eol - pos > 5 && d[pos + 4] === 0x3a && startsWithCI(d, pos, pos + 4, 'HOST')) {
      let v = pos + 5;
      while (v < eol && (d[v] === 0x20 || d[v] === 0x09)) v++;
      scan.hostFrom = v;
      scan.hostTo = eol;
    } else if (c === 0x43 || c === 0x54) {
      let colon = pos;
      while (colon < eol && d[colon] !== 0x3a) colon++;
      const nameLen = colon - pos;
      if (nameLen === 14 && startsWithCI(d, pos, colon, 'CONTENT-LENGTH')) {
        scan.contentLength = parseDecimal(d, colon + 1, eol);
      } else if (nameLen === 12 && startsWithCI(d, pos, colon, 'CONTENT-TYPE')) {
        let v = colon + 1;
        while (v < eol && (d[v] === 0x20 || d[v] === 0x09)) v++;
        scan.typeFrom = v;
        scan.typeTo = eol;
      } else if (nameLen === 17 && startsWithCI(d, pos, colon, 'TRANSFER-ENCODING')) {
        let v = colon + 1;
        while (v < eol && (d[v] === 0x20 || d[v] === 0x09)) v++;
        if (startsWithCI(d, v, eol, 'CHUNKED')) scan.chunked = true;
      }
    }
    pos = next;
  }
  scan.bodyStart = stop;
}

/**
 * Walk the chunks of a chunked body from `pos`. Returns the offset just past the last chunk and its trailer, or -1
 * when the bytes stop first (`chunkStop` then says where). A chunk size that cannot be read ends the body there.
 */
function walkChunks(d: Uint8Array, pos: number, stop: number): number {
  for (;;) {
    const eol = findLineEnd(d, pos, stop);
    if (eol < 0) return -1;
    const size = parseChunkSize(d, pos, eol);
    const dataStart = skipEol(d, eol, stop);
    if (size < 0) return pos;
    if (size === 0) {
      // Trailer lines until a blank one.
      let t = dataStart;
      for (;;) {
        const e = findLineEnd(d, t, stop);
        if (e < 0) return -1;
        const nx = skipEol(d, e, stop);
        if (e === t) return nx;
        t = nx;
      }
    }
    if (dataStart + size >= stop) return -1;
    pos = skipEol(d, dataStart + size, stop);
    if (pos === dataStart + size) return -1;
  }
}

// ---- dissection ----------------------------------------------------------------------------------------------------

/** Whether the bytes given to HTTP can grow (TCP will hand them again with more), and not cut by the snapshot length. */
let canDesegment = false;
/** True when the segment's payload was cut by the snapshot length (a body running past it cannot be completed). */
let payloadCut = false;
/** False for the first message of a call: later ones add to Info instead of replacing it (Wireshark's column fence). */
let afterFirst = false;
/** Set by a message that opened a tunnel: the bytes after it belong to the tunnel. */
let tunnelOpened = false;

/** HTTP over TCP: every message in [off, end); asks for more bytes when the last one is incomplete. */
export function dissectHttpTcp(p: Packet, off: number, end: number): boolean {
  const stop = Math.min(end, p.data.length);
  payloadCut = !currentTcp.reassembled && currentTcp.payloadLength > stop - off;
  canDesegment = currentTcp.stream >= 0 && !payloadCut;
  afterFirst = false;
  tunnelOpened = false;
  let pos = off;
  while (pos < stop) {
    const used = dissectMessage(p, pos, stop);
    if (used <= 0) break;
    pos += used;
    afterFirst = true;
    if (tunnelOpened) {
      // A CONNECT was just accepted: what follows in this segment is already the tunnel's.
      tunnelPayload(p, pos, end);
      break;
    }
  }
  return true;
}

function info(p: Packet, text: string): void {
  if (afterFirst) p.appendInfo(text);
  else p.setInfo(text);
}

function askMore(p: Packet, from: number, len: number): number {
  currentTcp.desegmentOffset = from;
  currentTcp.desegmentLen = len;
  return 0;
}

/** One message starting at `pos`; returns the bytes it used (0 when more bytes were asked for). */
function dissectMessage(p: Packet, pos: number, stop: number): number {
  const d = p.data;
  const b0 = d[pos];
  const printable = b0 >= 0x20 && b0 < 0x7f;
  // Bytes that do not start a message are a "Continuation" only on a stream already known to carry HTTP; otherwise
  // they are left alone (TCP's row stays).
  if (!printable) return p.state.get(HTTP_STATE).seen.has(currentTcp.stream) ? continuation(p, pos, stop) : stop - pos;
  const lineEnd = findLineEnd(d, pos, stop);
  if (lineEnd < 0 && canDesegment) return askMore(p, pos, DESEGMENT_ONE_MORE_SEGMENT);
  const lineStop = lineEnd < 0 ? stop : lineEnd;
  let kind: Kind | 0 = 0;
  let mlen = 0;
  if (isResponseLine(d, pos, lineStop)) kind = Kind.Response;
  else if ((mlen = methodLength(d, pos, lineStop)) > 0) kind = Kind.Request;
  if (!kind) return p.state.get(HTTP_STATE).seen.has(currentTcp.stream) ? continuation(p, pos, stop) : stop - pos;

  scanHeaders(d, skipEol(d, lineStop, stop), stop);
  if (!scan.complete && canDesegment) return askMore(p, pos, DESEGMENT_ONE_MORE_SEGMENT);

  const st = p.state.get(HTTP_STATE);
  const stream = currentTcp.stream;
  const code = kind === Kind.Response ? statusCode(d, pos, lineStop) : 0;
  let msg = -1;
  let pair = -1;
  if (p.pass === 2 || st.findMessage(p.index, pos) >= 0) {
    msg = st.findMessage(p.index, pos);
    pair = msg >= 0 ? st.msgPair[msg] : -1;
  }
  // A response's body depends on its request: none after HEAD, and a CONNECT answered 2xx opens a tunnel.
  let reqFlags = 0;
  if (kind === Kind.Response) {
    const candidate = pair >= 0 ? pair : stream >= 0 ? responsePair(st, stream) : -1;
    if (candidate >= 0) reqFlags = st.flags[candidate];
  }

  // ---- the body's extent
  const bodyStart = scan.bodyStart;
  let bodyEnd = bodyStart;
  let chunkedEnd = -1;
  /** The body runs past the captured bytes (the snapshot length cut it). */
  let cut = !scan.complete && payloadCut;
  const noBody =
    kind === Kind.Response &&
    (code < 200 || code === 204 || code === 304 || reqFlags & HEAD || (reqFlags & CONNECT && code < 300));
  if (scan.complete && !noBody) {
    if (scan.chunked) {
      chunkedEnd = walkChunks(d, bodyStart, stop);
      if (chunkedEnd < 0) {
        if (canDesegment) return askMore(p, pos, DESEGMENT_ONE_MORE_SEGMENT);
        bodyEnd = stop;
        cut = payloadCut;
      } else bodyEnd = chunkedEnd;
    } else if (scan.contentLength >= 0) {
      if (bodyStart + scan.contentLength > stop) {
        if (canDesegment) return askMore(p, pos, scan.contentLength - (stop - bodyStart));
        bodyEnd = stop;
        cut = payloadCut;
      } else bodyEnd = bodyStart + scan.contentLength;
    } else if (kind === Kind.Response) {
      if (canDesegment && !(currentTcp.flags & 0x001)) return askMore(p, pos, DESEGMENT_UNTIL_FIN);
      bodyEnd = stop;
    }
  }

  // ---- first pass: pairing
  if (p.pass === 1 && msg < 0 && stream >= 0) {
    if (kind === Kind.Request) {
      pair = st.newPair(stream);
      st.reqPkt[pair] = p.index;
      if (mlen === 4 && d[pos] === 0x48 && d[pos + 1] === 0x45) st.flags[pair] |= HEAD;
      // The response shows its request's URI ("[Request URI: …]").
      const host = scan.hostFrom >= 0 ? text(d, scan.hostFrom, scan.hostTo) : '';
      st.setRequestUri(pair, host, requestUri(d, pos, mlen, lineStop));
      if (mlen === 7 && d[pos] === 0x43 && d[pos + 1] === 0x4f) {
        // A CONNECT is rare: keep its target (host:port) as text for the tunnel it may open.
        st.flags[pair] |= CONNECT;
        st.connectTargets.set(pair, requestUri(d, pos, mlen, lineStop));
      }
    } else {
      pair = responsePair(st, stream);
      if (pair < 0) pair = st.newPair(stream);
      st.resPkt[pair] = p.index;
      st.code[pair] = code;
      if (st.flags[pair] & CONNECT && code >= 200 && code < 300 && st.reqPkt[pair] >= 0) {
        st.tunnelAt.set(p.index, pos);
        setStreamDissector(p, stream, dissectHttpTunnel);
        const target = st.connectTargets.get(pair) ?? '';
        const colon = target.lastIndexOf(':');
        const port = colon >= 0 ? Number(target.slice(colon + 1)) : NaN;
        st.tunnels.set(stream, {
          host: colon >= 0 ? target.slice(0, colon) : target,
          port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 0,
        });
      }
    }
    st.newMessage(p.index, pos, kind, pair);
    if (kind === Kind.Request) st.seen.add(stream);
  }

  // ---- columns, layers, tree
  p.addLayer('http');
  p.setProtocol('HTTP');
  if (p.cols) info(p, `${text(d, pos, lineStop)} `);
  if (p.cols) seeMessage(p, pos, lineStop, kind, mlen, code);
  if (kind === Kind.Response && st.tunnelAt.get(p.index) === pos) tunnelOpened = true;
  const active = p.sink.active;
  if (active) {
    p.open(hf.proto, pos, bodyEnd - pos, null, 0, 'Hypertext Transfer Protocol');
    // Plain HTTP on HTTPS's port, as Wireshark warns.
    if (currentTcp.srcPort === 443 || currentTcp.dstPort === 443)
      p.expert(
        'warn',
        'Security',
        'http.tls.port',
        'Unencrypted HTTP protocol detected over encrypted port, could indicate a dangerous misconfiguration.',
      );
    firstLine(p, pos, lineStop, kind, mlen, code, stop);
  }
  let host = '';
  let uri = '';
  let contentEncoding = '';
  let contentType = '';
  let typeHeader = '';
  if (active || p.cols) {
    const h = headerTree(p, scan.headersStart, scan.complete ? scan.bodyStart : stop, stop, kind);
    host = h.host;
    contentEncoding = h.contentEncoding;
    typeHeader = h.contentType;
    contentType = mediaTypeOf(typeHeader);
    if (kind === Kind.Request) uri = requestUri(d, pos, mlen, lineStop);
  }
  if (active) {
    if (scan.complete)
      p.text(
        scan.bodyStart - (d[scan.bodyStart - 2] === 0x0d ? 2 : 1),
        d[scan.bodyStart - 2] === 0x0d ? 2 : 1,
        '\\r\\n',
      );
    pairingTree(p, st, kind, pair, pos, host, uri);
  }

  // ---- the body
  if (cut) {
    if (active) p.close();
    throw new BoundsError();
  }
  if (bodyEnd > bodyStart) {
    if (!active && !p.cols) {
      // First pass: only what changes the Protocol column (HTTP/JSON, HTTP/XML) matters.
      if (scan.typeFrom >= 0) {
        const suffix = mediaProtocols.match(d, scan.typeFrom, scan.typeTo);
        if (suffix) p.setProtocol(`HTTP/${suffix}`);
      }
    } else body(p, bodyStart, bodyEnd, chunkedEnd >= 0, contentEncoding, contentType, typeHeader, kind);
  }
  if (active) p.close();
  return bodyEnd - pos;
}

/** The pair a response joins in the first pass: the stream's newest, unless it already has a final response. */
function responsePair(st: HttpState, stream: number): number {
  const tail = st.tailOf(stream);
  if (tail < 0) return -1;
  if (st.resPkt[tail] >= 0 && st.code[tail] >= 200) return -1;
  return tail;
}

/**
 * The HTTP messages of the latest frame dissected with columns (`frame` is its p.frame), as their first lines give
 * http.request.method, http.request.uri, http.response.code and http.response.phrase, also without a sink: for
 * callers that dissect with columns only (the sequence diagram). A response without a status code adds no code.
 */
export const httpMessagesSeen = {
  frame: null as Uint8Array | null,
  methods: [] as string[],
  uris: [] as string[],
  codes: [] as number[],
  phrases: [] as string[],
};

/** Record a message's first line in httpMessagesSeen, with the values firstLine gives its fields. */
function seeMessage(p: Packet, pos: number, lineEnd: number, kind: Kind, mlen: number, code: number): void {
  const seen = httpMessagesSeen;
  if (seen.frame !== p.frame) {
    seen.frame = p.frame;
    seen.methods.length = seen.uris.length = seen.codes.length = seen.phrases.length = 0;
  }
  const d = p.data;
  if (kind === Kind.Request) {
    seen.methods.push(decodeText(d.subarray(pos, pos + mlen)));
    seen.uris.push(requestUri(d, pos, mlen, lineEnd));
    return;
  }
  if (code) seen.codes.push(code);
  let c = pos;
  while (c < lineEnd && d[c] !== 0x20) c++;
  while (c < lineEnd && d[c] === 0x20) c++;
  const ph = Math.min(c + 4, lineEnd);
  seen.phrases.push(text(d, ph, lineEnd));
}

/** Bytes that are not the start of a message: "Continuation". */
function continuation(p: Packet, pos: number, stop: number): number {
  p.addLayer('http');
  p.setProtocol('HTTP');
  info(p, 'Continuation');
  if (p.sink.active) {
    p.open(hf.proto, pos, stop - pos, null, 0, 'Hypertext Transfer Protocol');
    dissectData(p, pos, stop);
    p.close();
  } else if (p.cols) dissectData(p, pos, stop);
  return stop - pos;
}

function requestUri(d: Uint8Array, pos: number, mlen: number, lineEnd: number): string {
  const from = Math.min(pos + mlen + 1, lineEnd);
  let to = from;
  while (to < lineEnd && d[to] !== 0x20) to++;
  return text(d, from, to);
}

/** The request or status line and its parts. */
function firstLine(
  p: Packet,
  pos: number,
  lineEnd: number,
  kind: Kind,
  mlen: number,
  code: number,
  stop: number,
): void {
  const d = p.data;
  const line = text(d, pos, lineEnd);
  const withEol = skipEol(d, lineEnd, stop);
  p.text(pos, withEol - pos, `${line}\\r\\n`, true);
  // The note goes under the line (the tree sink shows it with its severity and group).
  p.expert('chat', 'Sequence', 'http.chat', `${line}\\r\\n`);
  if (kind === Kind.Request) {
    p.add(hf.request, pos, 0, true, HIDDEN);
    p.add(hf.method, pos, mlen);
    const uFrom = Math.min(pos + mlen + 1, lineEnd);
    let uTo = uFrom;
    while (uTo < lineEnd && d[uTo] !== 0x20) uTo++;
    const uri = text(d, uFrom, uTo);
    const q = uri.indexOf('?');
    if (q >= 0) {
      p.open(hf.uri, uFrom, uTo - uFrom, uri);
      p.add(hf.uriPath, uFrom, q, uri.slice(0, q));
      p.open(hf.uriQuery, uFrom + q + 1, uTo - uFrom - q - 1, uri.slice(q + 1));
      let at = uFrom + q + 1;
      for (const part of uri.slice(q + 1).split('&')) {
        p.add(hf.uriQueryParameter, at, part.length, part);
        at += part.length + 1;
      }
      p.close();
      p.close();
    } else p.add(hf.uri, uFrom, uTo - uFrom, uri);
    const vFrom = Math.min(uTo + 1, lineEnd);
    p.add(hf.requestVersion, vFrom, lineEnd - vFrom, text(d, vFrom, lineEnd));
  } else {
    p.add(hf.response, pos, 0, true, HIDDEN);
    let vTo = pos;
    while (vTo < lineEnd && d[vTo] !== 0x20) vTo++;
    p.add(hf.responseVersion, pos, vTo - pos, text(d, pos, vTo));
    let c = vTo;
    while (c < lineEnd && d[c] === 0x20) c++;
    if (code) {
      p.add(hf.code, c, 3, code);
      p.add(hf.codeDesc, c, 3, STATUS_CODES[code] ?? 'Unknown', GENERATED);
    }
    const ph = Math.min(c + 4, lineEnd);
    p.add(hf.phrase, ph, lineEnd - ph, text(d, ph, lineEnd));
  }
  p.close();
}

interface HeaderFacts {
  host: string;
  contentType: string;
  contentEncoding: string;
}

/** Every header line in [from, to): a named field or http.unknown_header, plus the hidden request/response line. */
function headerTree(p: Packet, from: number, to: number, stop: number, kind: Kind): HeaderFacts {
  const d = p.data;
  const facts: HeaderFacts = { host: '', contentType: '', contentEncoding: '' };
  const active = p.sink.active;
  const lineField = kind === Kind.Request ? hf.requestLine : hf.responseLine;
  let pos = from;
  while (pos < to) {
    let eol = findLineEnd(d, pos, to);
    if (eol < 0) eol = to;
    if (eol === pos) break;
    const next = skipEol(d, eol, stop);
    let colon = pos;
    while (colon < eol && d[colon] !== 0x3a) colon++;
    const name = text(d, pos, colon).toLowerCase();
    let v = colon + 1;
    while (v < eol && (d[v] === 0x20 || d[v] === 0x09)) v++;
    const value = colon < eol ? text(d, v, eol) : '';
    if (name === 'host') facts.host = value;
    else if (name === 'content-type') facts.contentType = value;
    else if (name === 'content-encoding') facts.contentEncoding = value.trim().toLowerCase();
    if (active) {
      const line = text(d, pos, eol);
      const label = `${line}${next > eol ? '\\r\\n' : ''}`;
      p.add(lineField, pos, next - pos, `${line}\r\n`, HIDDEN);
      const id = colon < eol ? HEADER_FIELDS[name] : undefined;
      if (id === hf.cookie) {
        // "Cookie pair: name=value" for each pair, as Wireshark splits the header.
        p.open(id, pos, next - pos, value, 0, label);
        let at = v;
        for (const pair of value.split(';')) {
          const lead = pair.length - pair.trimStart().length;
          const text = pair.trim();
          if (text) p.add(hf.cookiePair, at + lead, text.length, text);
          at += pair.length + 1;
        }
        p.close();
      } else if (id === hf.contentLengthHeader) {
        p.open(id, pos, next - pos, value, 0, label);
        const n = parseDecimal(d, v, eol);
        if (n >= 0) p.add(hf.contentLength, v, eol - v, n, 0, `[Content length: ${n}]`);
        p.close();
      } else if (id !== undefined) p.add(id, pos, next - pos, value, 0, label);
      else p.add(hf.unknownHeader, pos, next - pos, line, 0, label);
    }
    pos = next;
  }
  return facts;
}

/** [Full request URI], [HTTP request i/n], the links to the other messages of the stream, [Time since request]. */
function pairingTree(p: Packet, st: HttpState, kind: Kind, pair: number, pos: number, host: string, uri: string): void {
  const link = (id: number, pkt: number, label: string) => {
    if (pkt >= 0) p.add(id, pos, 0, pkt + 1, GENERATED, `[${label}: ${pkt + 1}]`);
  };
  if (kind === Kind.Request) {
    const full = fullUri(host, uri);
    p.add(hf.fullUri, pos, 0, full, GENERATED, `[Full request URI: ${full}]`);
  }
  if (pair < 0) return;
  const total = st.count[st.stream[pair]] || st.number[pair];
  const num = st.number[pair];
  const prev = st.prev[pair];
  const next = st.next[pair];
  if (kind === Kind.Request) {
    p.add(hf.requestNumber, pos, 0, num, GENERATED, `[HTTP request ${num}/${total}]`);
    if (prev >= 0) link(hf.prevRequestIn, st.reqPkt[prev], 'Prev request in frame');
    link(hf.responseIn, st.resPkt[pair], 'Response in frame');
    if (next >= 0) link(hf.nextRequestIn, st.reqPkt[next], 'Next request in frame');
    return;
  }
  p.add(hf.responseNumber, pos, 0, num, GENERATED, `[HTTP response ${num}/${total}]`);
  const req = st.reqPkt[pair];
  const index = p.state.get(frameTimes).index;
  if (req >= 0 && index && !Number.isNaN(p.tsSec)) {
    const reqSec = index.seconds(req);
    if (!Number.isNaN(reqSec)) {
      const t = timeDelta(p.tsSec, p.tsNs, reqSec, index.tsNs[req]);
      const secs = `${t.sec < 0 || t.ns < 0 ? '-' : ''}${Math.abs(t.sec)}.${String(Math.abs(t.ns)).padStart(9, '0')}`;
      p.add(hf.time, pos, 0, new NsTime(t.sec, t.ns), GENERATED, `[Time since request: ${secs} seconds]`);
    }
  }
  if (prev >= 0) {
    link(hf.prevRequestIn, st.reqPkt[prev], 'Prev request in frame');
    link(hf.prevResponseIn, st.resPkt[prev], 'Prev response in frame');
  }
  link(hf.requestIn, req, 'Request in frame');
  if (next >= 0) {
    link(hf.nextRequestIn, st.reqPkt[next], 'Next request in frame');
    link(hf.nextResponseIn, st.resPkt[next], 'Next response in frame');
  }
  const reqUri = st.requestUri(pair);
  if (reqUri !== undefined) p.add(hf.responseForUri, pos, 0, reqUri, GENERATED, `[Request URI: ${reqUri}]`);
}

function fullUri(host: string, uri: string): string {
  if (uri.startsWith('/') && host) return `http://${host}${uri}`;
  return uri;
}

// ---- bodies --------------------------------------------------------------------------------------------------------

/** De-chunk a chunked body [from, to): the data of every chunk, concatenated. */
function dechunk(d: Uint8Array, from: number, to: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  let pos = from;
  while (pos < to) {
    const eol = findLineEnd(d, pos, to);
    if (eol < 0) break;
    const size = parseChunkSize(d, pos, eol);
    const start = skipEol(d, eol, to);
    if (size <= 0) break;
    const end = Math.min(start + size, to);
    parts.push(d.subarray(start, end));
    total += end - start;
    pos = skipEol(d, end, to);
    if (pos === end) break;
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const part of parts) {
    out.set(part, o);
    o += part.length;
  }
  return out;
}

/** The chunks of a chunked body as Wireshark's "HTTP chunked response" subtree. */
function chunkTree(p: Packet, from: number, to: number, kind: string): void {
  const d = p.data;
  p.text(from, to - from, `HTTP chunked ${kind}`, true);
  let pos = from;
  while (pos < to) {
    const eol = findLineEnd(d, pos, to);
    if (eol < 0) break;
    const size = parseChunkSize(d, pos, eol);
    const start = skipEol(d, eol, to);
    if (size < 0) break;
    if (size === 0) {
      p.text(pos, start - pos, 'End of chunked encoding', true);
      p.add(hf.chunkSize, pos, eol - pos, 0, 0, 'Chunk size: 0 octets');
      p.close();
      if (start < to) p.text(start, to - start, '\\r\\n');
      break;
    }
    const end = Math.min(start + size, to);
    const next = skipEol(d, end, to);
    const octets = `${size} octet${size === 1 ? '' : 's'}`;
    p.text(pos, next - pos, `Data chunk (${size} octets)`, true);
    p.add(hf.chunkSize, pos, eol - pos, size, 0, `Chunk size: ${octets}`);
    p.add(hf.chunkData, start, end - start);
    if (next > end) p.add(hf.chunkBoundary, end, next - end);
    p.close();
    if (next === end) break;
    pos = next;
  }
  p.close();
}

function decode(encoding: string, data: Uint8Array): Uint8Array | null {
  try {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(data);
      case 'deflate':
        try {
          return unzlibSync(data);
        } catch {
          return inflateSync(data);
        }
      case 'br':
        return codecs.brotli ? codecs.brotli(data) : null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

function body(
  p: Packet,
  from: number,
  to: number,
  chunked: boolean,
  encoding: string,
  type: string,
  typeHeader: string,
  message: Kind,
): void {
  const d = p.data;
  const active = p.sink.active;
  const kind = message === Kind.Response ? 'response' : 'request';
  let data = d;
  let start = from;
  let end = to;
  if (chunked) {
    if (active) chunkTree(p, from, to, kind);
    data = dechunk(d, from, to);
    start = 0;
    end = data.length;
  }
  const finish = (a: number, b: number) => {
    if (active) p.add(hf.fileData, a, b - a, undefined, 0, `File Data: ${b - a} bytes`);
    dissectBody(p, a, b, type, typeHeader);
  };
  const encoded = encoding && encoding !== 'identity' ? encoding : '';
  // Columns only (no tree, no fields): a text body's Info does not depend on its bytes, so it is not decoded.
  const decodeNeeded = active || type.startsWith('image/') || type.startsWith('multipart/');
  const run = () => {
    if (!encoded || !decodeNeeded) {
      finish(start, end);
      return;
    }
    const plain = decode(encoded, data.subarray(start, end));
    if (!plain) {
      if (active) {
        p.text(start, end - start, `Content-encoded entity body (${encoded}): ${end - start} bytes`, true);
        p.add(hf.decompressionFailed, start, 0, null, 0, '[Decompression failed]');
        p.close();
      }
      p.expert('warn', 'Undecoded', 'http.decompression_failed', 'Decompression failed');
      finish(start, end);
      return;
    }
    // A line of its own: the file data and the body's protocol come after it, not under it.
    if (active)
      p.text(
        start,
        end - start,
        `Content-encoded entity body (${encoded}): ${end - start} bytes -> ${plain.length} bytes`,
      );
    p.withSource(`Uncompressed entity body (${plain.length} bytes)`, plain, () => {
      finish(0, plain.length);
    });
  };
  if (chunked) p.withSource(`De-chunked entity body (${data.length} bytes)`, data, run);
  else run();
}

// ---- CONNECT tunnels -----------------------------------------------------------------------------------------------

/** The bytes of a tunnel after "200 Connection established": HTTP's note of the target, then TLS (or data). */
export function dissectHttpTunnel(p: Packet, off: number, end: number): boolean {
  p.addLayer('http');
  if (p.sink.active) {
    const t = p.state.get(HTTP_STATE).tunnels.get(currentTcp.stream);
    p.open(hf.proto, off, 0, null, 0, 'Hypertext Transfer Protocol');
    if (t?.host) {
      p.add(hf.proxyConnectHost, off, 0, t.host, GENERATED, `[Proxy-Connect-Hostname: ${t.host}]`);
      p.add(hf.proxyConnectPort, off, 0, t.port, GENERATED, `[Proxy-Connect-Port: ${t.port}]`);
    }
    p.close();
  }
  tunnelPayload(p, off, end);
  return true;
}

/** Bytes inside a tunnel: TLS when they look like a TLS record, else data. */
function tunnelPayload(p: Packet, off: number, end: number): void {
  const d = p.data;
  const stop = Math.min(end, d.length);
  if (stop <= off) return;
  const tls = stop - off >= 3 && d[off] >= 0x14 && d[off] <= 0x18 && d[off + 1] === 0x03;
  if (!tls || dissectTls(p, off, end) === false) dissectData(p, off, end);
}

// ---- registration --------------------------------------------------------------------------------------------------

/**
 * Wireshark's "HTTP over TCP" heuristic (on by default): a first line that ends with "HTTP/1.x" (a request) or starts
 * with it (a response) makes the whole stream HTTP from this packet on.
 */
export function dissectHttpHeuristic(p: Packet, off: number, end: number): boolean {
  const d = p.data;
  const stop = Math.min(end, d.length);
  const eol = findLineEnd(d, off, stop);
  if (eol < 0 || eol - off <= 8) return false;
  const v = (at: number) =>
    d[at] === 0x48 &&
    d[at + 1] === 0x54 &&
    d[at + 2] === 0x54 &&
    d[at + 3] === 0x50 &&
    d[at + 4] === 0x2f &&
    d[at + 5] === 0x31 &&
    d[at + 6] === 0x2e;
  if (!v(eol - 8) && !v(off)) return false;
  setStreamDissector(p, currentTcp.stream, dissectHttpTcp);
  return dissectHttpTcp(p, off, end);
}

for (const port of HTTP_TCP_PORTS) tcpPorts.add(port, dissectHttpTcp);
tcpHeuristics.add('http_tcp', dissectHttpHeuristic);
