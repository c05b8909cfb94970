// A Vite plugin that writes the service worker (src/sw.js) into the build with the list of files to precache: every
// file of the output (the page, the hashed JS and CSS, the engine worker bundle, the manifest, icons and the sample)
// except source maps and the service worker itself. The version is a hash of those files' names and bytes, so any
// change to the app changes sw.js and the browser installs the new worker (which then waits for the user's Reload).
import { createHash } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/** Where the service worker's source lives and what it is called in the build (next to index.html). */
export const SW_SOURCE = new URL('../src/sw.js', import.meta.url);
export const SW_NAME = 'sw.js';

/** Files the service worker does not precache: source maps, the worker itself, and dot-files (e.g. .vite/). */
export function precached(path: string): boolean {
  return !path.endsWith('.map') && path !== SW_NAME && !path.split('/').some((part) => part.startsWith('.'));
}

/** All files under `dir`, as sorted relative URL paths ("assets/index-abc.js"). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/**
 * The service worker's text: `source` with its two placeholders replaced. Paths become "./path" (relative to the
 * worker's scope) and the page itself is also cached as "./" (what a navigation to the scope asks for).
 */
export function renderServiceWorker(source: string, files: readonly string[], id: string): string {
  const urls = ['./', ...files.map((f) => `./${f}`)];
  const list = 'self.__WL_PRECACHE;';
  const version = "'__WL_VERSION__'";
  if (!source.includes(list) || !source.includes(version)) {
    throw new Error(`src/sw.js lost its placeholders (${list} ${version})`);
  }
  return source.replace(list, `${JSON.stringify(urls)};`).replace(version, `'${id}'`);
}

/** A short hash of the files' names and bytes. */
export async function versionOf(dir: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f + '\0');
    hash.update(await readFile(join(dir, f)));
  }
  return hash.digest('hex').slice(0, 16);
}

export function serviceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'wirelens-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await listFiles(outDir)).filter(precached);
      const version = await versionOf(outDir, files);
      const source = await readFile(SW_SOURCE, 'utf8');
      await writeFile(join(outDir, SW_NAME), renderServiceWorker(source, files, version));
    },
  };
}
