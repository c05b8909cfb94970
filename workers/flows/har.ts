// HAR 1.2 (HTTP Archive, http://www.softwareishard.com/blog/har-12-spec/) of every HTTP transaction of the capture:
// one entry per request (with its response when there is one), in request order, with headers, cookies, query
// strings, bodies (text, or base64 for binary content) and times from the packets' timestamps. Browser developer
// tools load it (Network › Import HAR).
import type { Engine } from '../engine';
import { HTTP_STATE } from '../dissect/protocols/http';
import { collectMessages, header } from './http-messages';
import type { HttpMessage } from './http-messages';

/** Wirelens's version, as package.json says (a unit test keeps them equal). */
export const WIRELENS_VERSION = '0.1.0';

export interface HarNameValue {
  name: string;
  value: string;
}
export interface HarCookie extends HarNameValue {
  path?: string;
  domain?: string;
  expires?: string;
  httpOnly?: boolean;
  secure?: boolean;
}
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarCookie[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string; params?: HarNameValue[] };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarCookie[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; encoding?: string; compression?: number };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  connection?: string;
  comment?: string;
}
export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: never[];
    entries: HarEntry[];
    comment?: string;
  };
}

/**
 * At most this many bytes of bodies go into a HAR (a JSON text past a few hundred MB cannot be made); the bodies
 * after that are left out, with a comment on their entry.
 */
export const HAR_BODY_BUDGET = 64 * 1024 * 1024;

/** Media types whose bodies go into the HAR as text (the others as base64). */
export function isTextual(mime: string): boolean {
  const m = mime.toLowerCase();
  return (
    m.startsWith('text/') ||
    /[/+](json|xml)\b/.test(m) ||
    /\b(javascript|ecmascript|x-www-form-urlencoded|xhtml|svg)\b/.test(m)
  );
}

/** Base64 of bytes, in pieces (String.fromCharCode takes a bounded number of arguments). */
export function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 0x8000)));
  return btoa(s);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A body as HAR content: text when its type is textual and it is valid UTF-8, else base64. */
function contentText(body: Uint8Array | null, mime: string): { text?: string; encoding?: string } {
  if (!body || body.length === 0) return {};
  if (isTextual(mime))
    try {
      return { text: strictUtf8.decode(body) };
    } catch {
      // Not UTF-8: base64 below.
    }
  return { text: base64(body), encoding: 'base64' };
}

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** The query string of a URI as HAR's name/value pairs (decoded). */
export function queryString(uri: string): HarNameValue[] {
  const q = uri.indexOf('?');
  if (q < 0) return [];
  const hash = uri.indexOf('#', q);
  return uri
    .slice(q + 1, hash >= 0 ? hash : undefined)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0
        ? { name: decodeQueryPart(p), value: '' }
        : { name: decodeQueryPart(p.slice(0, eq)), value: decodeQueryPart(p.slice(eq + 1)) };
    });
}

/** The cookies of a Cookie header ("a=1; b=2"). */
export function requestCookies(m: HttpMessage): HarCookie[] {
  const out: HarCookie[] = [];
  for (const [k, v] of m.headers)
    if (k.toLowerCase() === 'cookie')
      for (const part of v.split(';')) {
        const t = part.trim();
        if (!t) continue;
        const eq = t.indexOf('=');
        out.push(eq < 0 ? { name: t, value: '' } : { name: t.slice(0, eq).trim(), value: t.slice(eq + 1).trim() });
      }
  return out;
}

/** The cookies of the Set-Cookie headers, with their attributes. */
export function responseCookies(m: HttpMessage): HarCookie[] {
  const out: HarCookie[] = [];
  for (const [k, v] of m.headers) {
    if (k.toLowerCase() !== 'set-cookie') continue;
    const [first, ...attrs] = v.split(';');
    const eq = first.indexOf('=');
    if (eq <= 0) continue;
    const c: HarCookie = { name: first.slice(0, eq).trim(), value: first.slice(eq + 1).trim() };
    for (const a of attrs) {
      const [an, ...rest] = a.split('=');
      const name = an.trim().toLowerCase();
      const value = rest.join('=').trim();
      if (name === 'path') c.path = value;
      else if (name === 'domain') c.domain = value;
      else if (name === 'expires') {
        const t = Date.parse(value);
        if (!Number.isNaN(t)) c.expires = new Date(t).toISOString();
      } else if (name === 'httponly') c.httpOnly = true;
      else if (name === 'secure') c.secure = true;
    }
    out.push(c);
  }
  return out;
}

/** The absolute URL of a request: its URI when absolute (to a proxy), else http:// + Host + URI. */
export function requestUrl(m: HttpMessage): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(m.uri)) return m.uri;
  const host = header(m, 'Host');
  if (m.method === 'CONNECT') return `https://${m.uri}/`;
  return `http://${host || 'unknown-host'}${m.uri.startsWith('/') ? '' : '/'}${m.uri}`;
}

/** Milliseconds since the epoch of packet i (NaN without a timestamp). */
function msOf(engine: Engine, i: number): number {
  const s = engine.index.seconds(i);
  return Number.isNaN(s) ? NaN : s * 1000 + engine.index.tsNs[i] / 1e6;
}

const nv = (headers: [string, string][]): HarNameValue[] => headers.map(([name, value]) => ({ name, value }));

/** HAR entries from the messages read (with bodies), one per request, in request order. */
export function harEntries(engine: Engine, messages: readonly HttpMessage[], budget = HAR_BODY_BUDGET): HarEntry[] {
  const st = engine.state.get(HTTP_STATE);
  const responses = new Map<number, HttpMessage>();
  // The final response of each pair (a 100 Continue comes before it).
  for (const m of messages)
    if (!m.request && m.pair >= 0 && (m.status >= 200 || !responses.has(m.pair))) {
      responses.set(m.pair, m);
    }
  const entries: HarEntry[] = [];
  for (const req of messages) {
    if (!req.request) continue;
    const res = req.pair >= 0 ? responses.get(req.pair) : undefined;
    const t0 = msOf(engine, req.packet);
    const t1 = res ? msOf(engine, res.packet) : NaN;
    const wait = Number.isNaN(t0) || Number.isNaN(t1) ? 0 : Math.max(0, Math.round((t1 - t0) * 1000) / 1000);
    const reqType = header(req, 'Content-Type');
    const resType = res ? header(res, 'Content-Type') : '';
    const wireLength = res ? Number(header(res, 'Content-Length')) : NaN;
    const entry: HarEntry = {
      startedDateTime: new Date(Number.isNaN(t0) ? 0 : Math.floor(t0)).toISOString(),
      time: wait,
      request: {
        method: req.method,
        url: requestUrl(req),
        httpVersion: req.version,
        cookies: requestCookies(req),
        headers: nv(req.headers),
        queryString: queryString(req.uri),
        headersSize: req.headersSize,
        bodySize: Math.max(0, req.bodySize),
      },
      response: {
        status: res ? res.status : 0,
        statusText: res ? res.phrase : '',
        httpVersion: res ? res.version : '',
        cookies: res ? responseCookies(res) : [],
        headers: res ? nv(res.headers) : [],
        content: {
          size: res ? Math.max(0, res.bodySize) : 0,
          mimeType: resType,
          ...(res ? contentText(res.body, resType) : {}),
        },
        redirectURL: res ? header(res, 'Location') : '',
        headersSize: res ? res.headersSize : -1,
        bodySize: !res
          ? -1
          : Number.isSafeInteger(wireLength) && wireLength >= 0
            ? wireLength
            : Math.max(0, res.bodySize),
      },
      cache: {},
      timings: { send: 0, wait, receive: 0 },
    };
    if (req.body && req.body.length) {
      const t = contentText(req.body, reqType);
      entry.request.postData = {
        mimeType: reqType,
        text: t.encoding ? '' : (t.text ?? ''),
      };
      if (t.encoding) entry.comment = `Request body (${req.body.length} bytes) is binary: left out`;
    }
    if (res && res.bodySize > 0 && !res.body) {
      const note = `Response body (${res.bodySize} bytes) left out: the HAR holds at most ${budget} bytes of bodies`;
      entry.comment = entry.comment ? `${entry.comment}; ${note}` : note;
    }
    if (req.pair >= 0) entry.connection = String(st.stream[req.pair]);
    entries.push(entry);
  }
  return entries;
}

/** The HAR of every HTTP transaction of the capture (null when aborted). */
export async function harOf(
  engine: Engine,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; bodyBudget?: number } = {},
): Promise<Har | null> {
  const budget = opts.bodyBudget ?? HAR_BODY_BUDGET;
  const messages = await collectMessages(engine, { ...opts, bodies: true, bodyBudget: budget });
  if (!messages) return null;
  return {
    log: {
      version: '1.2',
      creator: { name: 'Wirelens', version: WIRELENS_VERSION },
      pages: [],
      entries: harEntries(engine, messages, budget),
    },
  };
}

// ---- the check ---------------------------------------------------------------------------------------------------

const ISO_8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/;

/**
 * What is wrong with a HAR 1.2 log by the spec's required fields and types (empty when nothing is): log.version,
 * creator, entries; each entry's startedDateTime (ISO 8601), time, request, response, cache, timings; requests'
 * and responses' required members; name/value pairs; content's size and mimeType; non-negative send/wait/receive.
 */
export function harProblems(har: unknown): string[] {
  const out: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const need = (o: Record<string, unknown>, key: string, type: string, where: string): boolean => {
    const v = o[key];
    const ok = type === 'array' ? Array.isArray(v) : type === 'object' ? isObj(v) : typeof v === type;
    if (!ok) out.push(`${where}.${key}: expected ${type}`);
    return ok;
  };
  const pairs = (o: Record<string, unknown>, key: string, where: string) => {
    if (!need(o, key, 'array', where)) return;
    (o[key] as unknown[]).forEach((p, i) => {
      if (!isObj(p)) out.push(`${where}.${key}[${i}]: expected object`);
      else {
        need(p, 'name', 'string', `${where}.${key}[${i}]`);
        need(p, 'value', 'string', `${where}.${key}[${i}]`);
      }
    });
  };
  if (!isObj(har) || !need(har, 'log', 'object', 'har')) return out.length ? out : ['not an object'];
  const log = har.log as Record<string, unknown>;
  if (log.version !== '1.2') out.push('log.version: expected "1.2"');
  if (need(log, 'creator', 'object', 'log')) {
    need(log.creator as Record<string, unknown>, 'name', 'string', 'log.creator');
    need(log.creator as Record<string, unknown>, 'version', 'string', 'log.creator');
  }
  if ('pages' in log && need(log, 'pages', 'array', 'log'))
    (log.pages as unknown[]).forEach((pg, i) => {
      const w = `log.pages[${i}]`;
      if (!isObj(pg)) return out.push(`${w}: expected object`);
      need(pg, 'startedDateTime', 'string', w);
      need(pg, 'id', 'string', w);
      need(pg, 'title', 'string', w);
      need(pg, 'pageTimings', 'object', w);
    });
  if (!need(log, 'entries', 'array', 'log')) return out;
  (log.entries as unknown[]).forEach((e, i) => {
    const w = `log.entries[${i}]`;
    if (!isObj(e)) return out.push(`${w}: expected object`);
    if (need(e, 'startedDateTime', 'string', w) && !ISO_8601.test(e.startedDateTime as string))
      out.push(`${w}.startedDateTime: not ISO 8601`);
    if (need(e, 'time', 'number', w) && !((e.time as number) >= 0)) out.push(`${w}.time: negative`);
    need(e, 'cache', 'object', w);
    if (need(e, 'request', 'object', w)) {
      const r = e.request as Record<string, unknown>;
      const rw = `${w}.request`;
      for (const k of ['method', 'url', 'httpVersion']) need(r, k, 'string', rw);
      pairs(r, 'cookies', rw);
      pairs(r, 'headers', rw);
      pairs(r, 'queryString', rw);
      need(r, 'headersSize', 'number', rw);
      need(r, 'bodySize', 'number', rw);
      if ('postData' in r && need(r, 'postData', 'object', rw)) {
        const pd = r.postData as Record<string, unknown>;
        need(pd, 'mimeType', 'string', `${rw}.postData`);
        if ('params' in pd && 'text' in pd) out.push(`${rw}.postData: text and params are mutually exclusive`);
      }
    }
    if (need(e, 'response', 'object', w)) {
      const r = e.response as Record<string, unknown>;
      const rw = `${w}.response`;
      need(r, 'status', 'number', rw);
      for (const k of ['statusText', 'httpVersion', 'redirectURL']) need(r, k, 'string', rw);
      pairs(r, 'cookies', rw);
      pairs(r, 'headers', rw);
      need(r, 'headersSize', 'number', rw);
      need(r, 'bodySize', 'number', rw);
      if (need(r, 'content', 'object', rw)) {
        const c = r.content as Record<string, unknown>;
        need(c, 'size', 'number', `${rw}.content`);
        need(c, 'mimeType', 'string', `${rw}.content`);
        if ('text' in c) need(c, 'text', 'string', `${rw}.content`);
        if ('encoding' in c) need(c, 'encoding', 'string', `${rw}.content`);
      }
    }
    if (need(e, 'timings', 'object', w)) {
      const t = e.timings as Record<string, unknown>;
      for (const k of ['send', 'wait', 'receive'])
        if (need(t, k, 'number', `${w}.timings`) && !((t[k] as number) >= 0)) out.push(`${w}.timings.${k}: negative`);
    }
  });
  return out;
}
