// The world map: a choropleth of one indicator (GET /api/v1/map) and, for a selected country,
// arcs for its main corridors in and out (GET /api/v1/countries/{c}/overview). The map is
// drawn for the mouse; the country field, the side panel and the data table give the same
// content to the keyboard and to screen readers.
import { max } from 'd3-array';
import { type GeoPermissibleObjects, geoCentroid, geoEqualEarth, geoPath } from 'd3-geo';
import { scaleQuantile, scaleSqrt } from 'd3-scale';
import { select } from 'd3-selection';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { type MapIndicator, type MapValue, type Overview, type Partner, mapLayer, overview } from '../api';
import { type PageContext, allCountries, countryName, done, errorText, showError, showLoading } from '../context';
import { el, table } from '../dom';
import { formatNumber } from '../format';
import { type Key, lang, t } from '../i18n/i18n';
import { href } from '../router';

export const MAP_INDICATORS: readonly MapIndicator[] = [
  'immigrant_stock',
  'emigrant_stock',
  'refugees_hosted',
  'refugees_origin',
  'remittances_pct_gdp',
];
// Sequential blues, light to dark. Countries without data are hatched grey, so that they differ
// from the lightest class by pattern, not by a small difference in colour.
const CLASS_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const NO_DATA = 'url(#no-data)';
export const ARC_IN = '#b35806';
export const ARC_OUT = '#5e3c99';
const WIDTH = 960;
const HEIGHT = 500;

type CountryFeature = Feature<Geometry, { name: string }>;

let indicator: MapIndicator = 'immigrant_stock';
let world: Promise<CountryFeature[]> | null = null;

function loadWorld(): Promise<CountryFeature[]> {
  if (!world) {
    world = fetch('countries-110m.json')
      .then((r) => {
        if (!r.ok) throw new Error(`countries-110m.json: ${r.status}`);
        return r.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>;
      })
      .then((topo) => (feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>).features);
    world.catch(() => (world = null));
  }
  return world;
}

function valueText(value: number): string {
  return indicator === 'remittances_pct_gdp' ? formatNumber(value, lang(), 2) : formatNumber(value, lang());
}

export async function renderMap(ctx: PageContext): Promise<void> {
  const { main } = ctx;
  showLoading(main);
  const [features, layer] = await Promise.all([loadWorld(), mapLayer(indicator)]);
  if (!ctx.isCurrent()) return;
  done(main);

  const byM49 = new Map<string, MapValue>(layer.values.map((v) => [v.m49, v]));
  const codeOfM49 = new Map(layer.values.map((v) => [v.m49, v.code]));
  const values = layer.values.map((v) => v.value);
  const colour = scaleQuantile<string>().domain(values).range(CLASS_COLOURS.slice(0, Math.max(1, Math.min(CLASS_COLOURS.length, values.length))));

  const select_ = el(
    'select',
    { id: 'map-indicator' },
    MAP_INDICATORS.map((id) => el('option', { value: id, selected: id === indicator }, t(`indicator.${id}` as Key))),
  );
  // The page is drawn anew; the focus goes back to the select so keyboard users stay in place.
  select_.addEventListener('change', () => {
    indicator = select_.value as MapIndicator;
    renderMap(ctx).then(
      () => document.getElementById('map-indicator')?.focus(),
      (error) => showError(main, error, ctx.country, () => void renderMap(ctx)),
    );
  });

  const sorted = [...layer.values].sort((a, b) => b.value - a.value);
  const title = t(`indicator.${indicator}` as Key);
  const aria = sorted.length
    ? t('map.aria', { indicator: title, count: sorted.length, top: countryName(sorted[0].code) })
    : t('map.aria_empty', { indicator: title });

  const svgHolder = el('div', { class: 'map-frame' });
  const panel = el('aside', { class: 'map-panel', 'aria-labelledby': 'map-panel-title', 'aria-live': 'polite' });
  const legend = el('div', { class: 'legend', id: 'map-legend' });

  main.replaceChildren(
    el('h1', { tabindex: -1 }, t('map.title')),
    el('p', { class: 'intro' }, t('map.intro')),
    el('p', { class: 'field' }, el('label', { for: 'map-indicator' }, t('map.indicator')), ' ', select_),
    el('div', { class: 'map-layout' }, el('div', { class: 'map-main' }, svgHolder, legend), panel),
    el(
      'details',
      { class: 'data-table' },
      el('summary', {}, t('map.table')),
      table(
        title,
        [t('col.country'), t('col.value'), t('col.year')],
        sorted.map((v) => [
          el('a', { href: href('map', v.code) }, countryName(v.code)),
          valueText(v.value),
          String(v.year),
        ]),
        [false, true, true],
      ),
    ),
  );

  const projection = geoEqualEarth().fitExtent(
    [
      [4, 4],
      [WIDTH - 4, HEIGHT - 4],
    ],
    { type: 'Sphere' },
  );
  const path = geoPath(projection);
  const svg = select(svgHolder)
    .append('svg')
    .attr('viewBox', `0 0 ${WIDTH} ${HEIGHT}`)
    .attr('role', 'img')
    .attr('aria-label', aria)
    .attr('class', 'world');
  svg
    .append('defs')
    .append('pattern')
    .attr('id', 'no-data')
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternTransform', 'rotate(45)')
    .call((p) => p.append('rect').attr('width', 6).attr('height', 6).attr('fill', '#f0f0f0'))
    .call((p) => p.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke', '#b3b3b3').attr('stroke-width', 1));
  svg.append('path').attr('class', 'sphere').attr('d', path({ type: 'Sphere' }) ?? '');
  // World-atlas ids are ISO numeric codes, the API's m49.
  const codeOf = (f: CountryFeature): string | undefined =>
    codeOfM49.get(String(f.id)) ?? m49ToCode().get(String(f.id));
  svg
    .append('g')
    .attr('class', 'countries')
    .selectAll('path')
    .data(features)
    .join('path')
    .attr('d', (f) => path(f) ?? '')
    .attr('data-code', (f) => codeOf(f) ?? null)
    .attr('fill', (f) => {
      const v = byM49.get(String(f.id));
      return v ? colour(v.value) : NO_DATA;
    })
    .classed('selected', (f) => ctx.country !== null && codeOf(f) === ctx.country)
    .on('click', (_event, f) => {
      const code = codeOf(f);
      if (code) window.location.hash = href('map', code);
    })
    .append('title')
    .text((f) => {
      const code = codeOf(f);
      const v = byM49.get(String(f.id));
      const name = code ? countryName(code) : f.properties.name;
      return v ? `${name}: ${valueText(v.value)} (${v.year})` : `${name}: ${t('figure.none')}`;
    });

  drawLegend(legend, colour);

  if (!ctx.country) {
    panel.append(el('h2', { id: 'map-panel-title' }, t('map.hint')));
    return;
  }
  const country = ctx.country;
  panel.append(el('p', { role: 'status' }, t('state.loading')));
  let data: Overview;
  try {
    data = await overview(country);
  } catch (error) {
    if (!ctx.isCurrent()) return;
    panel.replaceChildren(el('h2', { id: 'map-panel-title' }, country), el('p', { class: 'error', role: 'alert' }, errorText(error, country)));
    return;
  }
  if (!ctx.isCurrent()) return;
  drawArcs(svg.node() as SVGSVGElement, features, data, projection, path);
  drawPanel(panel, data);
  addArcLegend(legend, data);
}

// Every country's code by its ISO numeric code, for shapes that have no value on this layer.
let m49Codes: Map<string, string> | null = null;
function m49ToCode(): Map<string, string> {
  if (!m49Codes || m49Codes.size === 0) {
    m49Codes = new Map(allCountries().flatMap((c) => (c.m49 ? [[c.m49, c.code] as [string, string]] : [])));
  }
  return m49Codes;
}

function drawLegend(legend: HTMLElement, colour: ReturnType<typeof scaleQuantile<string>>): void {
  const items: HTMLElement[] = [];
  const breaks = colour.quantiles();
  const classes = colour.range();
  const domain = colour.domain();
  if (domain.length > 0) {
    const lo = Math.min(...domain);
    const hi = Math.max(...domain);
    classes.forEach((c, i) => {
      const from = i === 0 ? lo : breaks[i - 1];
      const to = i === classes.length - 1 ? hi : breaks[i];
      items.push(el('li', {}, swatch(c), `${valueText(from)} – ${valueText(to)}`));
    });
  }
  items.push(el('li', {}, el('span', { class: 'swatch no-data', 'aria-hidden': 'true' }), t('figure.none')));
  legend.replaceChildren(
    el('h2', { class: 'legend-title' }, `${t('map.legend')}: ${t(`indicator.${indicator}` as Key)}`),
    el('ul', {}, items),
  );
}

function swatch(colour: string): HTMLElement {
  return el('span', { class: 'swatch', style: `background:${colour}`, 'aria-hidden': 'true' });
}

function addArcLegend(legend: HTMLElement, data: Overview): void {
  const stock = data.migrant_stock;
  if (!stock?.top_origins?.length && !stock?.top_destinations?.length) return;
  legend.append(
    el(
      'ul',
      { class: 'arc-legend' },
      el('li', {}, el('span', { class: 'arc-swatch', style: `border-color:${ARC_IN}`, 'aria-hidden': 'true' }), t('map.arcs_in')),
      el('li', {}, el('span', { class: 'arc-swatch', style: `border-color:${ARC_OUT}`, 'aria-hidden': 'true' }), t('map.arcs_out')),
    ),
  );
}

function drawArcs(
  svgNode: SVGSVGElement,
  features: CountryFeature[],
  data: Overview,
  projection: ReturnType<typeof geoEqualEarth>,
  path: ReturnType<typeof geoPath>,
): void {
  const centroids = new Map<string, [number, number]>();
  for (const f of features) {
    const code = m49ToCode().get(String(f.id));
    if (code) centroids.set(code, geoCentroid(f as GeoPermissibleObjects));
  }
  const home = centroids.get(data.country);
  const stock = data.migrant_stock;
  if (!home || !stock) return;
  const arcs: { from: [number, number]; to: [number, number]; value: number; dir: 'in' | 'out'; partner: string }[] = [];
  for (const p of stock.top_origins ?? []) {
    const at = centroids.get(p.country);
    if (at) arcs.push({ from: at, to: home, value: p.value, dir: 'in', partner: p.country });
  }
  for (const p of stock.top_destinations ?? []) {
    const at = centroids.get(p.country);
    if (at) arcs.push({ from: home, to: at, value: p.value, dir: 'out', partner: p.country });
  }
  const width = scaleSqrt()
    .domain([0, max(arcs, (a) => a.value) ?? 1])
    .range([0.8, 7]);
  const svg = select(svgNode);
  const defs = svg.append('defs');
  for (const [dir, colour] of [
    ['in', ARC_IN],
    ['out', ARC_OUT],
  ] as const) {
    defs
      .append('marker')
      .attr('id', `arrow-${dir}`)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 9)
      .attr('refY', 5)
      .attr('markerWidth', 5)
      .attr('markerHeight', 5)
      .attr('orient', 'auto')
      .append('path')
      .attr('d', 'M0,0L10,5L0,10z')
      .attr('fill', colour);
  }
  svg
    .append('g')
    .attr('class', 'arcs')
    .attr('aria-hidden', 'true')
    .selectAll('path')
    .data(arcs)
    .join('path')
    .attr('class', (a) => `arc arc-${a.dir}`)
    .attr('data-partner', (a) => a.partner)
    .attr('d', (a) => path({ type: 'LineString', coordinates: [a.from, a.to] }) ?? '')
    .attr('stroke', (a) => (a.dir === 'in' ? ARC_IN : ARC_OUT))
    .attr('stroke-width', (a) => width(a.value))
    .attr('marker-end', (a) => `url(#arrow-${a.dir})`);
  const [x, y] = projection(home) ?? [0, 0];
  svg.append('circle').attr('class', 'home').attr('cx', x).attr('cy', y).attr('r', 4);
}

function partnerList(title: string, partners: Partner[], colour: string): HTMLElement {
  return el(
    'section',
    { class: 'partners' },
    el('h3', {}, el('span', { class: 'arc-swatch', style: `border-color:${colour}`, 'aria-hidden': 'true' }), title),
    el(
      'ol',
      {},
      partners.map((p) =>
        el('li', {}, el('a', { href: href('map', p.country) }, countryName(p.country)), ' ', el('span', { class: 'num' }, formatNumber(p.value, lang()))),
      ),
    ),
  );
}

function drawPanel(panel: HTMLElement, data: Overview): void {
  const code = data.country;
  const stock = data.migrant_stock;
  const year = stock?.year ?? '';
  const children: (HTMLElement | null)[] = [el('h2', { id: 'map-panel-title' }, countryName(code))];
  const facts: HTMLElement[] = [];
  if (stock?.immigrants != null) facts.push(el('div', {}, el('dt', {}, t('figure.immigrant_stock')), el('dd', {}, formatNumber(stock.immigrants, lang()))));
  if (stock?.emigrants != null) facts.push(el('div', {}, el('dt', {}, t('figure.emigrant_stock')), el('dd', {}, formatNumber(stock.emigrants, lang()))));
  if (facts.length) children.push(el('dl', { class: 'facts' }, facts));
  if (stock?.top_origins?.length) children.push(partnerList(t('map.top_in', { year }), stock.top_origins, ARC_IN));
  if (stock?.top_destinations?.length) children.push(partnerList(t('map.top_out', { year }), stock.top_destinations, ARC_OUT));
  if (!stock?.top_origins?.length && !stock?.top_destinations?.length) children.push(el('p', { class: 'notice' }, t('map.no_corridors')));
  children.push(
    el(
      'ul',
      { class: 'links' },
      el('li', {}, el('a', { href: href('country', code) }, t('map.open_profile'))),
      el('li', {}, el('a', { href: href('matrix', code) }, t('map.open_matrix'))),
      el('li', {}, el('a', { href: href('measures', code) }, t('map.open_measures'))),
    ),
  );
  panel.replaceChildren(...children.filter((c): c is HTMLElement => c !== null));
}
