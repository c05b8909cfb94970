// Decoders the dissectors use that the host provides: Node has brotli built in (zlib), the worker loads a JavaScript
// decoder. Keeping them out of the engine's module graph spares the CLI from parsing a large decoder it does not need.

export type Decoder = (data: Uint8Array) => Uint8Array;

export const codecs: { brotli: Decoder | null } = {
  /** Brotli (Content-Encoding: br). Null until the host sets it: such bodies are then shown undecoded. */
  brotli: null,
};
