// The network half of the Content-Security-Policy (issue 8): the page may fetch from its own origin and from Blob
// URLs, and from one other origin only when the person opened a `?capture=URL` there.
//
// A policy cannot be widened once it is in force, and a static page cannot know the `?capture=` origin in advance.
// So index.html ships a `connect-src` that allows http(s) in general, and the first module the page runs adds a
// second policy with the exact sources. When a document has two policies, a request must pass both, so what is
// allowed is the narrower one: 'self', blob: and the capture's origin.

/** The origin a `?capture=` URL (relative URLs resolve against `base`) may be fetched from, or null for none. */
export function captureOrigin(search: string, base: string): string | null {
  const capture = new URLSearchParams(search).get('capture');
  if (!capture) return null;
  try {
    const url = new URL(capture, base);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === new URL(base).origin ? null : url.origin;
  } catch {
    return null;
  }
}

/** The `connect-src` policy for a page at `base` with query `search`: 'self' blob: and the capture origin if any. */
export function connectPolicy(search: string, base: string): string {
  const origin = captureOrigin(search, base);
  return `connect-src 'self' blob:${origin ? ` ${origin}` : ''}`;
}

/** Adds the narrowing policy to the document's head. Runs before anything else on the page (see main.ts). */
export function narrowConnectSources(doc: Document, location: Location): void {
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = connectPolicy(location.search, location.href);
  doc.head.prepend(meta);
}
