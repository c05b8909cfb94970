// Simple Service Discovery Protocol (UPnP) on UDP port 1900: HTTP-shaped text messages. The Info column is the
// request or status line followed by a space, as Wireshark shows HTTP; other text is a "Continuation".
import { udpPorts } from '../dispatch';
import type { Packet } from '../packet';
import { declare } from '../registry';

export const hf = declare('ssdp', 'Simple Service Discovery Protocol', 'SSDP', {
  method: { abbrev: 'ssdp.request.method', name: 'Request Method', type: 'string' },
  uri: { abbrev: 'ssdp.request.uri', name: 'Request URI', type: 'string' },
  version: { abbrev: 'ssdp.version', name: 'Version', type: 'string' },
  code: { abbrev: 'ssdp.response.code', name: 'Status Code', type: 'uint' },
  phrase: { abbrev: 'ssdp.response.phrase', name: 'Response Phrase', type: 'string' },
  line: { abbrev: 'ssdp.line', name: 'Line', type: 'string' },
});

const METHODS = ['M-SEARCH', 'NOTIFY', 'SUBSCRIBE', 'UNSUBSCRIBE', 'GET', 'POST', 'HEAD'];

/** The end of the line starting at `pos` (the CR or LF, or `end`). */
function lineEnd(d: Uint8Array, pos: number, end: number): number {
  let i = pos;
  while (i < end && d[i] !== 0x0a && d[i] !== 0x0d) i++;
  return i;
}

/** Past the line terminator at `i` (CRLF, LF or a lone CR). */
function nextLine(d: Uint8Array, i: number, end: number): number {
  if (i < end && d[i] === 0x0d) i++;
  if (i < end && d[i] === 0x0a) i++;
  return i;
}

function text(d: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const b = d[i];
    s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '\\' + b.toString(8).padStart(3, '0');
  }
  return s;
}

function startsWith(d: Uint8Array, pos: number, end: number, word: string): boolean {
  if (pos + word.length > end) return false;
  for (let i = 0; i < word.length; i++) if (d[pos + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** Request line ("NOTIFY * HTTP/1.1") or status line ("HTTP/1.1 200 OK")? */
function firstLineKind(d: Uint8Array, pos: number, end: number): 'request' | 'response' | null {
  if (startsWith(d, pos, end, 'HTTP/')) return 'response';
  for (const m of METHODS) if (startsWith(d, pos, end, m) && d[pos + m.length] === 0x20) return 'request';
  return null;
}

export function dissectSsdp(p: Packet, off: number, end: number): boolean {
  p.addLayer('ssdp');
  p.setProtocol('SSDP');
  const d = p.data;
  const stop = Math.min(end, d.length);
  const kind = firstLineKind(d, off, stop);
  const first = lineEnd(d, off, stop);
  if (p.cols) p.setInfo(kind ? `${text(d, off, first)} ` : 'Continuation');
  if (!p.sink.active) return true;
  p.open(hf.proto, off, stop - off, null, 0, 'Simple Service Discovery Protocol');
  if (kind) {
    const line = text(d, off, first);
    p.text(off, first - off, `${line}\\r\\n`, true);
    const parts = line.split(' ');
    if (kind === 'request') {
      p.add(hf.method, off, parts[0].length, parts[0]);
      if (parts[1] !== undefined) p.add(hf.uri, off, first - off, parts[1]);
      if (parts[2] !== undefined) p.add(hf.version, off, first - off, parts[2]);
    } else {
      p.add(hf.version, off, parts[0].length, parts[0]);
      const code = Number(parts[1]);
      if (Number.isInteger(code)) p.add(hf.code, off, first - off, code);
      p.add(hf.phrase, off, first - off, parts.slice(2).join(' '));
    }
    p.close();
    let pos = nextLine(d, first, stop);
    while (pos < stop) {
      const e = lineEnd(d, pos, stop);
      if (e === pos) {
        p.text(pos, nextLine(d, e, stop) - pos, '\\r\\n');
        break;
      }
      p.add(hf.line, pos, e - pos, text(d, pos, e), 0, `${text(d, pos, e)}\\r\\n`);
      const next = nextLine(d, e, stop);
      if (next === pos) break;
      pos = next;
    }
  }
  p.close();
  return true;
}

udpPorts.add(1900, dissectSsdp);
