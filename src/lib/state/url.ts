// The view state in the URL fragment (DESIGN.md §5): `#frame=208&filter=http&field=tcp.flags.syn&view=flow`, with
// `stream=N` for the Follow view and `c=…` for a small capture carried inside the link. Pure parse and format: the
// page reads it on start and on Back/Forward, and writes it when the selection, the filter, the field or the view
// changes.

import { deflateSync, inflateSync } from 'fflate';

export interface LinkState {
  /** Frame number (1-based) of the selected packet, or 0. */
  frame: number;
  /** The applied display filter, "" for none. */
  filter: string;
  /** Filter name of the selected field in the detail tree ("http.request.method"), "" for none. */
  field: string;
  /** The view (`packets` when absent); checked against the views the page has by the caller. */
  view: string;
  /** tcp.stream shown by the Follow view, or null. */
  stream: number | null;
  /** A capture inside the link (deflated, base64url), "" for none. */
  capture: string;
  /** The content hash of the capture a copied link was made on (captureHash), "" for none. */
  hash: string;
}

export const EMPTY_LINK: LinkState = {
  frame: 0,
  filter: '',
  field: '',
  view: 'packets',
  stream: null,
  capture: '',
  hash: '',
};

function count(text: string | null, min: number): number | null {
  if (text === null || !/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= min ? n : null;
}

/** Read a fragment (with or without its '#'); what is missing or malformed takes its default. */
export function parseFragment(hash: string): LinkState {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const field = params.get('field') ?? '';
  const capture = params.get('c') ?? '';
  return {
    frame: count(params.get('frame'), 1) ?? 0,
    filter: (params.get('filter') ?? '').trim(),
    // Field names are letters, digits, '_', '-' and dots (Wireshark's abbreviations); anything else is dropped.
    field: /^[A-Za-z0-9_.-]{1,200}$/.test(field) ? field : '',
    view: params.get('view') || 'packets',
    stream: count(params.get('stream'), 0),
    capture: /^[A-Za-z0-9_-]+$/.test(capture) ? capture : '',
    hash: /^[0-9a-f]{16}$/.test(params.get('h') ?? '') ? (params.get('h') ?? '') : '',
  };
}

/**
 * Write a fragment (without '#'), in the order of DESIGN.md §5; defaults are left out, so the packet list with no
 * selection is "". Parameters other than ours in `keep` (an earlier fragment) stay, after ours.
 */
export function formatFragment(state: Partial<LinkState>, keep = ''): string {
  const s = { ...EMPTY_LINK, ...state };
  const params = new URLSearchParams();
  if (s.capture) params.set('c', s.capture);
  if (s.frame > 0) params.set('frame', String(s.frame));
  if (s.filter) params.set('filter', s.filter);
  if (s.field) params.set('field', s.field);
  if (s.view && s.view !== 'packets') params.set('view', s.view);
  if (s.stream !== null && s.view === 'follow') params.set('stream', String(s.stream));
  if (s.hash) params.set('h', s.hash);
  const ours = new Set(['c', 'frame', 'filter', 'field', 'view', 'stream', 'h']);
  for (const [k, v] of new URLSearchParams(keep.startsWith('#') ? keep.slice(1) : keep))
    if (!ours.has(k)) params.append(k, v);
  return params.toString();
}

/** A whole link: the page's address without its fragment, and the fragment for `state`. */
export function linkTo(location: { origin: string; pathname: string; search: string }, state: Partial<LinkState>) {
  const hash = formatFragment(state);
  return `${location.origin}${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
}

/** The host of a URL for messages ("example.org"), or the URL itself when it cannot be read. */
export function hostOf(url: string, base?: string): string {
  try {
    return new URL(url, base).host || url;
  } catch {
    return url;
  }
}

/** Why a `?capture=` fetch failed, in plain words. `status` 0: the request itself failed (network or CORS). */
export function fetchProblem(url: string, status: number, statusText: string, base?: string): string {
  const host = hostOf(url, base);
  if (status === 0)
    return `The server at ${host} did not allow Wirelens to read the file (CORS), or could not be reached.`;
  const text = statusText || STATUS_TEXT[status] || '';
  return `The server at ${host} answered ${status}${text ? ` ${text}` : ''} for ${url}.`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  410: 'Gone',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** The file name a URL points at ("lab-null.pcapng"), for the title and the status bar. */
export function nameFromUrl(url: string, base?: string): string {
  try {
    const path = new URL(url, base).pathname;
    const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    // eslint-disable-next-line no-control-regex
    const clean = last.replace(/[\u0000-\u001f\u007f/\\]/g, '').replace(/^\.+/, '');
    return clean || 'capture';
  } catch {
    return 'capture';
  }
}

/** The largest capture a link carries (`#c=`), compressed: 64 KB. */
export const INLINE_LIMIT = 64 * 1024;

/** A capture for `#c=`: deflated (raw DEFLATE) and base64url, or null when it is bigger than INLINE_LIMIT compressed. */
export function encodeCapture(bytes: Uint8Array): string | null {
  const packed = deflateSync(bytes, { level: 9 });
  if (packed.length > INLINE_LIMIT) return null;
  let bin = '';
  for (let i = 0; i < packed.length; i += 0x8000)
    bin += String.fromCharCode(...packed.subarray(i, Math.min(packed.length, i + 0x8000)));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a `#c=` capture; throws on text that is not base64url of DEFLATE data. */
export function decodeCapture(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const packed = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) packed[i] = bin.charCodeAt(i);
  return new Uint8Array(inflateSync(packed));
}

/**
 * What a link made on a big capture carries to tell whether it is opened on the same one: the first 16 hex digits of
 * SHA-256 over the size (8 bytes, little-endian), the first and the last MB (the whole file when smaller). "" when
 * the browser has no Web Crypto.
 */
export async function captureHash(file: Blob): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return '';
  const MB = 1024 * 1024;
  const size = new Uint8Array(8);
  new DataView(size.buffer).setBigUint64(0, BigInt(file.size), true);
  const parts: BlobPart[] = [size, file.slice(0, MB)];
  if (file.size > MB) parts.push(file.slice(Math.max(MB, file.size - MB)));
  const digest = new Uint8Array(await subtle.digest('SHA-256', await new Blob(parts).arrayBuffer()));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
