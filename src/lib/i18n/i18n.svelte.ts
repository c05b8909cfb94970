// The UI's language: chosen from the browser's languages, switched by the person and remembered. Components read
// their words from `i18n.t`; since `locale` is state, switching redraws them in place (the open capture stays).
import { en, type Messages } from './messages/en';
import { zhCN } from './messages/zh-CN';
import { isLocale, localeFor, type Locale } from './locales';
import type { FieldTexts } from './fields/types';

const MESSAGES: Readonly<Record<Locale, Messages>> = { en, 'zh-CN': zhCN };
/** Where the person's choice is remembered. */
const STORAGE_KEY = 'wirelens:locale';

function stored(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  const nav = globalThis.navigator;
  return localeFor(nav ? (nav.languages?.length ? nav.languages : [nav.language]) : []);
}

export class I18n {
  locale = $state<Locale>('en');
  /** What each field means, in every language (loaded on first use: about 400 fields). */
  private fields = $state.raw<FieldTexts | null>(null);
  private loading: Promise<void> | null = null;

  constructor(initial: Locale = stored() ?? browserLocale()) {
    this.locale = initial;
  }

  /** The words of the UI in the current language. */
  get t(): Messages {
    return MESSAGES[this.locale];
  }

  /** Switch the language (remembered for the next visit); `<html lang>` follows. */
  set(locale: Locale): void {
    this.locale = locale;
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage refused (private mode): the choice lasts for this page only.
    }
    this.apply();
  }

  /** Make the document say its language. */
  apply(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
  }

  /** What a field means, in the current language; undefined while the descriptions load or when it has none. */
  fieldText(abbrev: string): string | undefined {
    const fields = this.fields;
    if (!fields) {
      void this.loadFields();
      return undefined;
    }
    return fields[abbrev]?.[this.locale];
  }

  loadFields(): Promise<void> {
    this.loading ??= import('./fields').then((m) => {
      this.fields = m.FIELD_TEXTS;
    });
    return this.loading;
  }
}

export const i18n = new I18n();
