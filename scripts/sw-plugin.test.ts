import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { SW_SOURCE, listFiles, precached, renderServiceWorker, versionOf } from './sw-plugin';

const dirs: string[] = [];
async function tree(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'wl-sw-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('the service worker plugin', () => {
  it('lists every file of the build but source maps, dot-folders and sw.js itself', async () => {
    const dir = await tree({
      'index.html': '<!doctype html>',
      'assets/index-abc.js': 'x',
      'assets/index-abc.js.map': '{}',
      'assets/engine.worker-def.js': 'y',
      '.vite/manifest.json': '{}',
      'samples/lab-null.pcapng': 'z',
      'sw.js': 'old',
    });
    expect((await listFiles(dir)).filter(precached)).toEqual([
      'assets/engine.worker-def.js',
      'assets/index-abc.js',
      'index.html',
      'samples/lab-null.pcapng',
    ]);
  });

  it('gives a new version when a file changes, and the same one when nothing does', async () => {
    const a = await tree({ 'index.html': 'one', 'assets/a.js': 'x' });
    const b = await tree({ 'index.html': 'one', 'assets/a.js': 'x' });
    const c = await tree({ 'index.html': 'one', 'assets/a.js': 'x2' });
    const files = ['assets/a.js', 'index.html'];
    const va = await versionOf(a, files);
    expect(va).toMatch(/^[0-9a-f]{16}$/);
    expect(await versionOf(b, files)).toBe(va);
    expect(await versionOf(c, files)).not.toBe(va);
  });

  it('writes the list (relative to the scope, the page as "./") and the version into src/sw.js', async () => {
    const source = await readFile(SW_SOURCE, 'utf8');
    const out = renderServiceWorker(source, ['assets/index-abc.js', 'index.html'], '0123456789abcdef');
    expect(out).toContain('const PRECACHE = ["./","./assets/index-abc.js","./index.html"];');
    expect(out).toContain("const VERSION = '0123456789abcdef';");
    expect(out).not.toContain('= self.__WL_PRECACHE');
    expect(out).not.toContain("'__WL_VERSION__'");
    // The result is a script that compiles (not run).
    expect(() => new Script(out)).not.toThrow();
  });

  it('refuses a source without its placeholders', () => {
    expect(() => renderServiceWorker('self.addEventListener("fetch", () => {});', [], 'v')).toThrow(/placeholders/);
  });
});
