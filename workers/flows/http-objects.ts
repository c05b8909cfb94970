// Wireshark's File › Export Objects › HTTP: every HTTP message body as an object with the frame it is complete in,
// the Host of its request, its content type, its size as delivered (de-chunked, decoded) and a file name (the last
// path segment of the request URI). Like Wireshark, the list is of the whole capture, whatever the display filter.
//
// Beyond Wireshark: 206 Partial Content responses of one resource (same host and URI, or same ETag, and the same
// total length) whose Content-Range parts together cover bytes 0..total-1 are offered once more as one stitched
// object of the whole resource.
import type { Engine } from '../engine';
import { collectMessages, header, requestsByPair } from './http-messages';
import type { HttpMessage } from './http-messages';

/**
 * An HTTP object (issue 7; workers/flows/http-objects.ts): one HTTP message body, as Wireshark's Export Objects ›
 * HTTP lists it, or a resource stitched from 206 Partial Content parts.
 */
export interface HttpObject {
  /** Its number in the list (for httpObjectBody). */
  id: number;
  /** The frame the message is complete (reassembled) in; for a stitched resource, that of its last part. */
  frameNumber: number;
  /** 'request': a request's body (POST); 'stitched': 206 parts put together. */
  kind: 'response' | 'request' | 'stitched';
  /** Host header of the request. */
  host: string;
  /** Media type, lower case, without parameters ("text/html"); the header as sent in contentTypeHeader. */
  contentType: string;
  contentTypeHeader: string;
  /** Body bytes as delivered (de-chunked, decoded); for a stitched resource, its total length. */
  size: number;
  /** Last path segment of the request URI ("/" for the root), as Wireshark names it; not sanitised. */
  fileName: string;
  uri: string;
  method: string;
  /** Status code of a response, 0 for a request body. */
  status: number;
  /** A 206 part's Content-Range (when its body has exactly that length), else null. */
  range: { first: number; last: number; total: number } | null;
  /** False for a 206 part that is not the whole resource. */
  complete: boolean;
  /** A stitched resource: the frames of its parts. */
  parts: number[];
}

/** The HTTP objects of the whole capture (the display filter does not change them, as in Wireshark). */
export interface HttpObjectList {
  objects: HttpObject[];
  /** False when a newer call or a new capture stopped it. */
  complete: boolean;
}

/** Where an object's bytes come from: one message (packet, ord), or parts placed at offsets. */
export type ObjectSource =
  | { packet: number; ord: number }
  | { parts: { packet: number; ord: number; first: number; last: number }[]; total: number };

export interface HttpObjects {
  objects: HttpObject[];
  /** By object id. */
  sources: ObjectSource[];
}

/** A Content-Range value "bytes first-last/total" (total known), or null. */
export function parseContentRange(value: string): { first: number; last: number; total: number } | null {
  const m = /^\s*bytes\s+(\d+)\s*-\s*(\d+)\s*\/\s*(\d+)\s*$/i.exec(value);
  if (!m) return null;
  const first = Number(m[1]);
  const last = Number(m[2]);
  const total = Number(m[3]);
  if (!Number.isSafeInteger(total) || first > last || last >= total) return null;
  return { first, last, total };
}

/**
 * The file name Wireshark shows for a request URI: its last "/"-separated segment, query included (glib's
 * g_path_get_basename of the URI), "/" for the root. Empty for an empty URI.
 */
export function fileNameOf(uri: string): string {
  const trimmed = uri.replace(/\/+$/, '');
  if (!trimmed) return uri ? '/' : '';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** A media type as Wireshark lists it: lower case, without parameters. */
export function mediaType(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi >= 0 ? contentType.slice(0, semi) : contentType).trim().toLowerCase();
}

/** The objects of the messages read (in packet order), with the stitched 206 resources after their last part. */
export function objectsOf(messages: readonly HttpMessage[]): HttpObjects {
  const requests = requestsByPair(messages);
  const objects: HttpObject[] = [];
  const sources: ObjectSource[] = [];
  /** The 206 parts seen, for stitching. */
  const partial: { id: number; key: string; etag: string; range: { first: number; last: number; total: number } }[] =
    [];
  for (const m of messages) {
    if (m.bodySize <= 0) continue;
    const req = m.request ? m : m.pair >= 0 ? requests.get(m.pair) : undefined;
    const host = req ? header(req, 'Host') : '';
    const uri = req ? req.uri : '';
    const contentTypeHeader = header(m, 'Content-Type');
    const range = !m.request && m.status === 206 ? parseContentRange(header(m, 'Content-Range')) : null;
    // A part is usable only when it holds exactly the bytes its range says.
    const usable = range !== null && range.last - range.first + 1 === m.bodySize;
    const id = objects.length;
    objects.push({
      id,
      frameNumber: m.packet + 1,
      kind: m.request ? 'request' : 'response',
      host,
      contentType: mediaType(contentTypeHeader),
      contentTypeHeader,
      size: m.bodySize,
      fileName: fileNameOf(uri) || `object${m.packet + 1}`,
      uri,
      method: req ? req.method : '',
      status: m.request ? 0 : m.status,
      range: usable ? range : null,
      complete: !range || (usable && range.first === 0 && range.last === range.total - 1),
      parts: [],
    });
    sources.push({ packet: m.packet, ord: m.ord });
    if (usable) partial.push({ id, key: `${host}\u0000${uri}`, etag: header(m, 'ETag'), range });
  }

  // ---- 206 stitching: parts of one resource (same host and URI, or same ETag; same total) that cover it all
  const groups: (typeof partial)[] = [];
  for (const part of partial) {
    const g = groups.find(
      (grp) =>
        grp[0].range.total === part.range.total &&
        grp.some((q) => q.key === part.key || (part.etag !== '' && q.etag === part.etag)),
    );
    if (g) g.push(part);
    else groups.push([part]);
  }
  for (const g of groups) {
    if (g.length < 2) continue;
    const total = g[0].range.total;
    const sorted = [...g].sort((a, b) => a.range.first - b.range.first || b.range.last - a.range.last);
    let covered = 0;
    for (const part of sorted) {
      if (part.range.first > covered) break;
      covered = Math.max(covered, part.range.last + 1);
    }
    if (covered < total) continue;
    const lastPart = g.reduce((a, b) => (objects[b.id].frameNumber > objects[a.id].frameNumber ? b : a));
    const base = objects[lastPart.id];
    const id = objects.length;
    objects.push({
      ...base,
      id,
      kind: 'stitched',
      size: total,
      range: null,
      complete: true,
      parts: g.map((q) => objects[q.id].frameNumber).sort((a, b) => a - b),
    });
    sources.push({
      total,
      parts: sorted.map((q) => {
        const src = sources[q.id] as { packet: number; ord: number };
        return { packet: src.packet, ord: src.ord, first: q.range.first, last: q.range.last };
      }),
    });
  }
  return { objects, sources };
}

/** Every HTTP object of the capture (null when aborted). */
export async function httpObjectsOf(
  engine: Engine,
  opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<HttpObjects | null> {
  const messages = await collectMessages(engine, opts);
  return messages ? objectsOf(messages) : null;
}

/** The bytes of one object: its message's body, or the parts of a stitched resource put in place. */
export async function objectBody(engine: Engine, source: ObjectSource): Promise<Uint8Array> {
  const wanted = 'parts' in source ? source.parts : [source];
  const packets = [...new Set(wanted.map((w) => w.packet))].sort((a, b) => a - b);
  const messages = await collectMessages(engine, { packets, bodies: true });
  const bodyOf = (packet: number, ord: number): Uint8Array => {
    const m = messages?.find((x) => x.packet === packet && x.ord === ord);
    if (!m?.body) throw new Error(`the body of the HTTP message in frame ${packet + 1} could not be read`);
    return m.body;
  };
  if (!('parts' in source)) return bodyOf(source.packet, source.ord);
  const out = new Uint8Array(source.total);
  for (const part of source.parts) {
    const body = bodyOf(part.packet, part.ord);
    out.set(body.subarray(0, Math.min(body.length, source.total - part.first)), part.first);
  }
  return out;
}
