import { decompress } from 'brotli/decompress';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

describe('the brotli decoder the worker uses', () => {
  it('decodes what a real brotli encoder wrote', () => {
    const text = 'Wirelens decodes Content-Encoding: br bodies. '.repeat(50);
    const encoded = new Uint8Array(brotliCompressSync(Buffer.from(text)));
    expect(encoded.length).toBeLessThan(text.length);
    expect(new TextDecoder().decode(decompress(encoded))).toBe(text);
  });
});
