// The measures the country's placed corridors call for, by actor (the brief's `measures` with
// their `reasons`), and a link to the whole brief as a web page.
import { type Measure, brief, briefHtmlUrl } from '../api';
import { type PageContext, countryName, done, showLoading, showNoCountry } from '../context';
import { categoryName } from '../corridors';
import { el } from '../dom';
import { type Key, lang, t } from '../i18n/i18n';
import { href } from '../router';

const ACTORS = ['origin', 'destination', 'bilateral', 'international'] as const;

function measureItem(m: Measure): HTMLElement {
  const corridors = [...new Set((m.reasons ?? []).map((r) => `${countryName(r.origin)} → ${countryName(r.destination)}`))];
  const meta: [string, string][] = [];
  if (m.categories.length) meta.push([t('measures.categories'), m.categories.map(categoryName).join('; ')]);
  if (corridors.length) meta.push([t('measures.because'), corridors.join(', ')]);
  if (m.gcm.length) meta.push([t('measures.gcm'), m.gcm.join(', ')]);
  if (m.sdg.length) meta.push([t('measures.sdg'), m.sdg.join(', ')]);
  if (m.indicator) meta.push([t('measures.indicator'), m.indicator]);
  return el(
    'li',
    { class: 'measure', 'data-measure': m.id },
    el('p', { class: 'measure-text' }, el('span', { class: 'measure-id' }, m.id), ' ', m.text),
    el(
      'dl',
      { class: 'measure-meta' },
      meta.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))),
    ),
  );
}

export async function renderMeasures(ctx: PageContext): Promise<void> {
  const { main, country } = ctx;
  if (!country) {
    showNoCountry(main, t('nav.measures'));
    return;
  }
  showLoading(main);
  const data = await brief(country, lang());
  if (!ctx.isCurrent()) return;
  done(main);
  const name = data.country.name;
  const code = data.country.code;
  const known = new Set<string>(ACTORS);
  const groups = [...ACTORS, ...new Set(data.measures.map((m) => m.actor).filter((a) => !known.has(a)))];

  main.replaceChildren(
    el('h1', { tabindex: -1 }, t('measures.title', { country: name })),
    el('p', { class: 'intro' }, t('measures.intro', { country: name })),
    el(
      'ul',
      { class: 'links' },
      el('li', {}, el('a', { href: briefHtmlUrl(code, lang()), id: 'brief-link' }, t('measures.brief_link'))),
      el('li', {}, el('a', { href: href('matrix', code) }, t('map.open_matrix'))),
      el('li', {}, el('a', { href: href('country', code) }, t('map.open_profile'))),
    ),
    data.measures.length === 0
      ? el('p', { class: 'notice' }, t('measures.empty'))
      : el('p', { class: 'meta', id: 'measure-count' }, t('measures.count', { count: data.measures.length })),
    ...groups.flatMap((actor) => {
      const list = data.measures.filter((m) => m.actor === actor);
      if (list.length === 0) return [];
      const title = known.has(actor) ? t(`actor.${actor}` as Key) : actor;
      return [
        el(
          'section',
          { class: 'actor', 'data-actor': actor, 'aria-labelledby': `actor-${actor}` },
          el('h2', { id: `actor-${actor}` }, title),
          el('ul', { class: 'measures' }, list.map(measureItem)),
        ),
      ];
    }),
  );
}
