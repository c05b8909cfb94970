// The languages of the UI. Protocol and field names stay Wireshark's English in every language, as Wireshark's own
// translations keep them; the words around them (menus, buttons, messages, explanations) are translated.

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** Each language's name, in that language (what the switch shows). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', 'zh-CN': '简体中文' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language for the browser's preferred languages (navigator.languages, most preferred first): the first one the
 * UI has. Chinese in any form reads the Simplified Chinese UI; anything else that is not listed, English.
 */
export function localeFor(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'en';
}
