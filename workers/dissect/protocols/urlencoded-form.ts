// HTML form bodies (application/x-www-form-urlencoded): one item per key=value pair.
import type { Packet } from '../packet';
import { declare } from '../registry';
import { currentMedia, mediaTypes } from './media';

export const hf = declare('urlencoded-form', 'HTML Form URL Encoded', 'URL Encoded Form Data', {
  key: { abbrev: 'urlencoded-form.key', name: 'Key', type: 'string' },
  value: { abbrev: 'urlencoded-form.value', name: 'Value', type: 'string' },
});

function unescape(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

export function dissectUrlencodedForm(p: Packet, off: number, end: number): boolean {
  const d = p.data;
  const stop = Math.min(end, d.length);
  p.addLayer('urlencoded-form');
  if (p.cols) p.appendInfo(` (${currentMedia.type})`);
  if (!p.sink.active) return true;
  p.open(hf.proto, off, stop - off, null, 0, `HTML Form URL Encoded: ${currentMedia.type}`);
  let i = off;
  while (i < stop) {
    let j = i;
    while (j < stop && d[j] !== 0x26) j++;
    let eq = i;
    while (eq < j && d[eq] !== 0x3d) eq++;
    const key = unescape(String.fromCharCode(...d.subarray(i, eq).subarray(0, 4096)));
    const value = eq < j ? unescape(String.fromCharCode(...d.subarray(eq + 1, j).subarray(0, 4096))) : '';
    p.text(i, j - i, `Form item: "${key}" = "${value}"`, true);
    p.add(hf.key, i, eq - i, key);
    // A key without '=' still shows an empty value, as in Wireshark.
    p.add(hf.value, Math.min(eq + 1, j), Math.max(0, j - eq - 1), value);
    p.close();
    i = j + 1;
  }
  p.close();
  return true;
}

mediaTypes.set('application/x-www-form-urlencoded', dissectUrlencodedForm);
