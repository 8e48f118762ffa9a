// The dashboard's words in English, Russian and Kazakh. The table is strings.json (a unit test
// checks that every key has all three languages with the same placeholders); terms follow the
// project glossary and the brief's wording in data/brief/strings.toml.
import table from './strings.json';

export type Lang = 'en' | 'ru' | 'kk';
export const LANGS: readonly Lang[] = ['en', 'ru', 'kk'];
export type Key = keyof typeof table;

const STORAGE_KEY = 'kosh.lang';
let current: Lang = 'en';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function lang(): Lang {
  return current;
}

// The saved choice, else the browser's first supported language, else English.
export function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage may be disabled (private mode): fall through to the browser's languages.
  }
  for (const tag of navigator.languages ?? []) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

export function setLang(next: Lang): void {
  current = next;
  document.documentElement.lang = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the choice still holds for this page.
  }
}

export function hasKey(key: string): key is Key {
  return Object.prototype.hasOwnProperty.call(table, key);
}

// The string for `key` with {placeholders} filled in; unknown placeholders stay visible so
// that a missing value is noticed rather than silently dropped.
export function t(key: Key, values: Record<string, string | number> = {}): string {
  const text = table[key][current];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

// For ids that come from the API (figure, series, evidence ...): the translation when the
// table has one, else the fallback the API gave.
export function tOr(key: string, fallback: string, values: Record<string, string | number> = {}): string {
  return hasKey(key) ? t(key, values) : fallback;
}
