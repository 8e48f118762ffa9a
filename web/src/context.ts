// What every page needs: the country names in the chosen language, the current route, and
// the loading and error states drawn the same way everywhere.
import { ApiError, type Country, countries } from './api';
import { el } from './dom';
import { lang, t } from './i18n/i18n';

let byCode = new Map<string, Country>();
let list: Country[] = [];

export async function loadCountries(): Promise<Country[]> {
  const doc = await countries(lang());
  list = [...doc.countries].sort((a, b) => a.name.localeCompare(b.name, lang()));
  byCode = new Map(list.map((c) => [c.code, c]));
  return list;
}

export function allCountries(): Country[] {
  return list;
}

export function countryByCode(code: string): Country | undefined {
  return byCode.get(code);
}

// The name in the chosen language; the code itself when the list does not know it.
export function countryName(code: string): string {
  return byCode.get(code)?.name ?? code;
}

// Resolves what a person typed: a code (alpha-3, alpha-2, numeric), a name, or "Name (KAZ)"
// as the suggestion list writes it; a unique name prefix is accepted too.
export function resolveCountry(query: string): Country | undefined {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return undefined;
  const suffix = /\(([a-z]{3})\)$/.exec(q);
  if (suffix) return byCode.get(suffix[1].toUpperCase());
  const exact = list.find(
    (c) =>
      c.code.toLowerCase() === q ||
      c.iso2?.toLowerCase() === q ||
      c.m49 === q.padStart(3, '0') ||
      c.name.toLocaleLowerCase() === q,
  );
  if (exact) return exact;
  const prefixed = list.filter((c) => c.name.toLocaleLowerCase().startsWith(q));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

export interface PageContext {
  main: HTMLElement;
  country: string | null;
  // False once the person has moved on: a page drops results that arrive too late.
  isCurrent: () => boolean;
}

export function showLoading(main: HTMLElement): void {
  main.replaceChildren(el('p', { class: 'loading', role: 'status' }, t('state.loading')));
  main.setAttribute('aria-busy', 'true');
}

export function done(main: HTMLElement): void {
  main.removeAttribute('aria-busy');
}

export function errorText(error: unknown, country: string | null): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 404 && country) {
      // A country kosh knows but the store has nothing on, or a code kosh does not know.
      const known = resolveCountry(country);
      return known ? t('error.no_data', { country: known.name }) : t('error.not_found', { country });
    }
    return t('error.server', { message: error.message });
  }
  return t('error.server', { message: error instanceof Error ? error.message : String(error) });
}

export function showError(main: HTMLElement, error: unknown, country: string | null, retry: () => void): void {
  done(main);
  const button = el('button', { type: 'button' }, t('error.retry'));
  button.addEventListener('click', retry);
  main.replaceChildren(
    el(
      'div',
      { class: 'error', role: 'alert' },
      el('h1', { tabindex: -1 }, t('error.title')),
      el('p', {}, errorText(error, country)),
      button,
    ),
  );
}

export function showNoCountry(main: HTMLElement, title: string): void {
  done(main);
  main.replaceChildren(
    el('h1', { tabindex: -1 }, title),
    el('p', { class: 'notice' }, t('error.no_country')),
  );
}
