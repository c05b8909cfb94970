import { describe, expect, it } from 'vitest';
import { captureOrigin, connectPolicy } from './csp';

const BASE = 'https://wirelens.example/app/?x=1';

describe('the connect-src policy added at start', () => {
  it('allows only the page’s origin and Blob URLs without ?capture=', () => {
    expect(connectPolicy('', BASE)).toBe("connect-src 'self' blob:");
    expect(connectPolicy('?frame=3', BASE)).toBe("connect-src 'self' blob:");
  });

  it('adds exactly the origin of a ?capture= URL on another server', () => {
    const search = '?capture=' + encodeURIComponent('https://files.example.org:8443/a/b.pcapng?sig=1');
    expect(connectPolicy(search, BASE)).toBe("connect-src 'self' blob: https://files.example.org:8443");
    expect(captureOrigin('?capture=http://127.0.0.1:9000/x.pcap', BASE)).toBe('http://127.0.0.1:9000');
  });

  it('adds nothing for a capture on the page’s own origin or a relative URL', () => {
    expect(captureOrigin('?capture=./samples/lab-null.pcapng', BASE)).toBeNull();
    expect(captureOrigin('?capture=https://wirelens.example/other.pcap', BASE)).toBeNull();
  });

  it('never lets a ?capture= value add a scheme, a wildcard or a second source', () => {
    for (const value of [
      'javascript:alert(1)',
      'data:application/octet-stream;base64,AAAA',
      'ftp://example.org/a.pcap',
      "https://a.example 'unsafe-inline' *",
      'https://a.example; script-src *',
      'http://[::1',
    ]) {
      const policy = connectPolicy('?capture=' + encodeURIComponent(value), BASE);
      expect(policy, value).toMatch(/^connect-src 'self' blob:( https?:\/\/[a-z0-9.-]+(:\d+)?)?$/);
      expect(policy, value).not.toMatch(/unsafe|\*|;|script/);
    }
  });
});
