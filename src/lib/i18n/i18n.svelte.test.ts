import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18n } from './i18n.svelte';
import { en } from './messages/en';
import { zhCN } from './messages/zh-CN';

/** Every message of a catalogue, by path, called with sample arguments when it is a function. */
function flatten(m: object, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(m)) {
    const p = path ? `${path}.${k}` : k;
    if (typeof v === 'string') out.set(p, v);
    else if (typeof v === 'function') out.set(p, String((v as (...a: unknown[]) => unknown)(2, '3', '4')));
    else for (const [q, s] of flatten(v as object, p)) out.set(q, s);
  }
  return out;
}

describe('I18n', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('starts in the remembered language, else the browser’s, and remembers a switch', () => {
    const store = new Map<string, string>();
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    });
    vi.stubGlobal('navigator', { languages: ['zh-CN', 'en'], language: 'zh-CN' });
    const first = new I18n();
    expect(first.locale).toBe('zh-CN');
    expect(first.t.open.sample).toBe('打开示例');
    first.set('en');
    expect(first.t.open.sample).toBe('Open the sample');
    // The next visit: the choice wins over the browser's languages.
    expect(new I18n().locale).toBe('en');
  });

  it('has every English message in Chinese, translated', () => {
    const a = flatten(en);
    const b = flatten(zhCN);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [k, v] of b) {
      // Empty only where English is empty too; else Chinese.
      if (a.get(k) === '') expect(v, k).toBe('');
      else expect(v, k).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
