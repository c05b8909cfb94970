import { describe, expect, it } from 'vitest';
import { isLocale, localeFor } from './locales';

describe('locales', () => {
  it('reads the browser languages in order of preference: any Chinese gives zh-CN, the rest English', () => {
    expect(localeFor(['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(localeFor(['zh'])).toBe('zh-CN');
    expect(localeFor(['zh-Hans-CN'])).toBe('zh-CN');
    expect(localeFor(['zh-TW'])).toBe('zh-CN');
    expect(localeFor(['en-GB', 'zh-CN'])).toBe('en');
    expect(localeFor(['fr-FR', 'zh-CN'])).toBe('zh-CN');
    expect(localeFor(['fr-FR', 'de'])).toBe('en');
    expect(localeFor([])).toBe('en');
  });

  it('knows its locales', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('zh')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
