// The dashboard's shell: language, country field, navigation and the hash router.
import { allCountries, type PageContext, loadCountries, resolveCountry, showError } from './context';
import { el } from './dom';
import { type Key, type Lang, hasKey, initialLang, isLang, lang, setLang, t } from './i18n/i18n';
import { renderMap } from './pages/map';
import { renderMatrix } from './pages/matrix';
import { renderMeasures } from './pages/measures';
import { renderProfile } from './pages/profile';
import { type Page, type Route, href, parseRoute } from './router';

const PAGE_RENDERERS: Record<Page, (ctx: PageContext) => Promise<void>> = {
  map: renderMap,
  country: renderProfile,
  matrix: renderMatrix,
  measures: renderMeasures,
};

let renderCount = 0;
let lastCountry: string | null = null;

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

function applyShellTexts(): void {
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset.i18n ?? '';
    if (hasKey(key)) node.textContent = t(key as Key);
  }
  byId<HTMLInputElement>('country-input').placeholder = t('country.placeholder');
  byId<HTMLSelectElement>('lang-select').value = lang();
}

function fillCountryOptions(): void {
  const options = byId<HTMLDataListElement>('country-options');
  options.replaceChildren(...allCountries().map((c) => el('option', { value: `${c.name} (${c.code})` })));
}

function updateNav(route: Route): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-page]')) {
    const page = link.dataset.page as Page;
    link.href = href(page, page === 'map' ? route.country ?? lastCountry : lastCountry);
    if (page === route.page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

// `focusHeading`: after a navigation, move focus to the new page's heading so that keyboard
// and screen-reader users start reading there (not on the first load or a language change).
async function render(focusHeading = false): Promise<void> {
  const route = parseRoute(window.location.hash);
  if (route.country) {
    const known = resolveCountry(route.country);
    // Keep the canonical code for the navigation; an unknown one is left for the page's 404.
    lastCountry = known ? known.code : route.country;
  }
  updateNav(route);
  const token = ++renderCount;
  const main = byId('main');
  const ctx: PageContext = {
    main,
    country: route.country ?? (route.page === 'map' ? null : lastCountry),
    isCurrent: () => token === renderCount,
  };
  try {
    await PAGE_RENDERERS[route.page](ctx);
  } catch (error) {
    if (ctx.isCurrent()) showError(main, error, ctx.country, () => void render(true));
  }
  if (!ctx.isCurrent()) return;
  document.title = `${main.querySelector('h1')?.textContent ?? ''} — ${t('app.title')}`;
  if (focusHeading) main.querySelector<HTMLElement>('h1')?.focus();
}

function onCountrySubmit(event: SubmitEvent): void {
  event.preventDefault();
  const input = byId<HTMLInputElement>('country-input');
  const message = byId('country-message');
  const country = resolveCountry(input.value);
  if (!country) {
    message.textContent = t('country.unknown', { query: input.value.trim() });
    return;
  }
  message.textContent = '';
  input.value = '';
  const route = parseRoute(window.location.hash);
  window.location.hash = href(route.page, country.code);
}

async function changeLang(next: Lang): Promise<void> {
  setLang(next);
  applyShellTexts();
  try {
    await loadCountries();
    fillCountryOptions();
  } catch {
    // The page below shows the error when it cannot load either.
  }
  await render();
}

async function start(): Promise<void> {
  setLang(initialLang());
  applyShellTexts();
  byId<HTMLFormElement>('country-form').addEventListener('submit', onCountrySubmit);
  byId<HTMLSelectElement>('lang-select').addEventListener('change', (event) => {
    const value = (event.target as HTMLSelectElement).value;
    if (isLang(value)) void changeLang(value);
  });
  window.addEventListener('hashchange', () => void render(true));
  try {
    await loadCountries();
    fillCountryOptions();
  } catch (error) {
    showError(byId('main'), error, null, () => window.location.reload());
    return;
  }
  await render();
}

void start();
