import { describe, expect, it } from 'vitest';
import { dissectHex, fromHex } from '../testing';

function text(s: string): string {
  let h = '';
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).padStart(2, '0');
  return h;
}

/** A frame carrying `payload` in UDP from port 50000 to 1900: tcpdump's dns_udp.pcap frame 1 with its payload swapped. */
function frame(payload: string): Uint8Array {
  const body = text(payload);
  const udpLen = 8 + body.length / 2;
  const ipLen = 20 + udpLen;
  const hex =
    '001122334466001122334455 0800' +
    `4500${ipLen.toString(16).padStart(4, '0')}59cd0000401100 00c0a8010bd157f912` +
    `c350076c${udpLen.toString(16).padStart(4, '0')}0000` +
    body;
  return fromHex(hex);
}

// The M-SEARCH request of the UPnP Device Architecture 1.1 (section 1.3.2), as control points send it.
const MSEARCH =
  'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n';

describe('ssdp', () => {
  it('shows the request line of a search', () => {
    const d = dissectHex(frame(MSEARCH));
    expect(d.cols.protocol).toBe('SSDP');
    expect(d.cols.info).toBe('M-SEARCH * HTTP/1.1 ');
    expect(d.layers).toBe('eth:ethertype:ip:udp:ssdp');
    expect(d.field('ssdp.request.method')).toBe('M-SEARCH');
    expect(d.fields('ssdp.line')).toEqual([
      'HOST: 239.255.255.250:1900',
      'MAN: "ssdp:discover"',
      'MX: 1',
      'ST: ssdp:all',
    ]);
  });

  it('shows the status line of a response and calls other text a continuation', () => {
    const ok = dissectHex(frame('HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\n\r\n'));
    expect(ok.cols.info).toBe('HTTP/1.1 200 OK ');
    expect(ok.field('ssdp.response.code')).toBe('200');
    const notify = dissectHex(frame('NOTIFY * HTTP/1.1\r\nNTS: ssdp:alive\r\n\r\n'));
    expect(notify.cols.info).toBe('NOTIFY * HTTP/1.1 ');
    expect(dissectHex(frame('ST: ssdp:all\r\n')).cols.info).toBe('Continuation');
  });
});
