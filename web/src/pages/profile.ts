// The country profile: key figures, trends and top corridors in and out, from the brief's JSON
// (GET /api/v1/briefs/{c}?format=json&lang=...).
import { type Brief, type Corridor, type Figure, brief, briefHtmlUrl } from '../api';
import { lineChart, type LineSeries } from '../charts/line';
import { type PageContext, countryName, done, showLoading, showNoCountry } from '../context';
import { categoryName } from '../corridors';
import { el, table } from '../dom';
import { formatAmount, formatNumber } from '../format';
import { lang, t, tOr } from '../i18n/i18n';
import { href } from '../router';

export function figureText(f: Figure): string {
  if (f.value == null) return t('figure.none');
  switch (f.unit) {
    case 'percent':
      return formatNumber(f.value, lang(), 1);
    case 'usd':
      return formatAmount(f.value, lang(), {
        million: (amount) => t('unit.million', { amount }),
        billion: (amount) => t('unit.billion', { amount }),
      });
    default:
      return formatNumber(f.value, lang());
  }
}

const SERIES_STYLE: Record<string, { colour: string; dash?: string }> = {
  immigrants: { colour: '#1b6ca8' },
  emigrants: { colour: '#c2410c', dash: '6 4' },
  refugees_hosted: { colour: '#1b6ca8' },
  refugees_abroad: { colour: '#c2410c', dash: '6 4' },
  remittances_pct_gdp: { colour: '#2f7d32' },
};

function seriesOf(data: Brief, ids: string[]): LineSeries[] {
  return ids.flatMap((id) => {
    const s = data.series.find((x) => x.id === id);
    if (!s) return [];
    const points = [...s.points].sort((a, b) => a.year - b.year);
    return [{ id, label: tOr(`series.${id}`, s.label), points, ...SERIES_STYLE[id] }];
  });
}

function corridorTable(title: string, partnerHeader: string, rows: Corridor[], partnerOf: (c: Corridor) => string): HTMLElement {
  if (rows.length === 0) return el('section', { class: 'corridors' }, el('h3', {}, title), el('p', { class: 'notice' }, t('corridors.none')));
  const sorted = [...rows].sort((a, b) => (b.migrant_stock ?? 0) - (a.migrant_stock ?? 0));
  return el(
    'section',
    { class: 'corridors' },
    el('h3', {}, title),
    table(
      title,
      [partnerHeader, t('col.stock'), t('col.category')],
      sorted.map((c) => [
        el('a', { href: href('country', partnerOf(c)) }, countryName(partnerOf(c))),
        c.migrant_stock == null ? t('figure.none') : formatNumber(c.migrant_stock, lang()),
        c.category != null ? categoryName(c.category) : t('not_placed'),
      ]),
      [false, true, false],
      true,
    ),
  );
}

export async function renderProfile(ctx: PageContext): Promise<void> {
  const { main, country } = ctx;
  if (!country) {
    showNoCountry(main, t('nav.profile'));
    return;
  }
  showLoading(main);
  const data = await brief(country, lang());
  if (!ctx.isCurrent()) return;
  done(main);
  const name = data.country.name;
  const code = data.country.code;

  const figures = el(
    'dl',
    { class: 'figures' },
    data.figures.map((f) =>
      el(
        'div',
        { class: 'figure', 'data-figure': f.id, 'data-value': f.value ?? '' },
        el('dt', {}, tOr(`figure.${f.id}`, f.label)),
        el('dd', {}, el('span', { class: 'value' }, figureText(f)), f.value != null && f.year != null ? el('span', { class: 'year' }, t('profile.year', { year: f.year })) : null),
      ),
    ),
  );

  const people = (v: number): string => formatNumber(v, lang());
  const percent = (v: number): string => formatNumber(v, lang(), 2);

  const empty =
    data.figures.every((f) => f.value == null) &&
    data.series.every((s) => s.points.length === 0) &&
    data.corridors.as_destination.length + data.corridors.as_origin.length === 0;

  main.replaceChildren(
    el('h1', { tabindex: -1 }, t('profile.title', { country: name })),
    empty ? el('p', { class: 'notice', id: 'no-data' }, t('error.no_data', { country: name })) : '',
    el(
      'ul',
      { class: 'links' },
      el('li', {}, el('a', { href: href('matrix', code) }, t('map.open_matrix'))),
      el('li', {}, el('a', { href: href('measures', code) }, t('map.open_measures'))),
      el('li', {}, el('a', { href: href('map', code) }, t('nav.map'))),
      el('li', {}, el('a', { href: briefHtmlUrl(code, lang()) }, t('profile.brief_link'))),
    ),
    el('section', { 'aria-labelledby': 'figures-title' }, el('h2', { id: 'figures-title' }, t('section.figures')), figures),
    el(
      'section',
      { 'aria-labelledby': 'trends-title' },
      el('h2', { id: 'trends-title' }, t('section.trends')),
      el(
        'div',
        { class: 'charts' },
        lineChart('chart-stocks', t('chart.stocks'), seriesOf(data, ['immigrants', 'emigrants']), people),
        lineChart('chart-refugees', t('chart.refugees'), seriesOf(data, ['refugees_hosted', 'refugees_abroad']), people),
        lineChart('chart-remittances', t('chart.remittances'), seriesOf(data, ['remittances_pct_gdp']), percent),
      ),
    ),
    el(
      'section',
      { 'aria-labelledby': 'corridors-title' },
      el('h2', { id: 'corridors-title' }, t('section.corridors')),
      el(
        'div',
        { class: 'two-columns' },
        corridorTable(t('section.as_destination', { country: name }), t('col.origin'), data.corridors.as_destination, (c) => c.origin),
        corridorTable(t('section.as_origin', { country: name }), t('col.destination'), data.corridors.as_origin, (c) => c.destination),
      ),
    ),
  );
}
