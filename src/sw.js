// Wirelens's service worker: the app works offline. scripts/sw-plugin.ts copies this file into the build as sw.js,
// with the build's file list in place of self.__WL_PRECACHE and a hash of those files in place of __WL_VERSION__.
//
// - install: precache every file of the build (page, hashed JS/CSS, the engine worker, manifest, icons, the sample),
//   all relative to the worker's scope, so the app works under any sub-path of a static host. A new version waits.
// - activate: drop the caches of older versions; take control of open pages.
// - fetch: cache first for the precached files; a navigation to the page (./ or ./index.html, with any ?query)
//   gets the cached page, which reads ?capture= and the #fragment itself; anything else goes to the network untouched. Nothing is sent anywhere by the worker itself.
// - message SKIP_WAITING (the page's "Reload" button): the waiting version takes over; the page reloads on
//   controllerchange.
/// <reference lib="webworker" />

/** @type {string[]} */
const PRECACHE = self.__WL_PRECACHE;
const VERSION = '__WL_VERSION__';
const PREFIX = 'wirelens-';
const CACHE = PREFIX + VERSION;

/** @param {string} path */
const inScope = (path) => new URL(path, self.registration.scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // cache: 'reload' skips the HTTP cache, so a new version never precaches an old file.
      .then((cache) => cache.addAll(PRECACHE.map((path) => new Request(inScope(path), { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = self.registration.scope;
  if (!url.href.startsWith(scope)) return;
  url.search = '';
  url.hash = '';
  // The page itself, whatever ?capture= or #view it was opened with: the page reads those.
  const page = url.href === scope || url.href === inScope('./index.html');
  if (page && request.mode === 'navigate') {
    event.respondWith(fromCache(inScope('./')).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (!PRECACHE.some((path) => inScope(path) === url.href)) return;
  event.respondWith(fromCache(url.href).then((hit) => hit ?? fetch(request)));
});

/** @param {string} href @returns {Promise<Response | undefined>} */
function fromCache(href) {
  return caches.open(CACHE).then((cache) => cache.match(href));
}
