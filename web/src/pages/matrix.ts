// The match × motive matrix of a country's corridors (the brief's chart, interactive): motive
// across (opportunity → fear), match up (weak → strong), quadrants 1 top-left, 2 top-right,
// 3 bottom-right, 4 bottom-left. Each marker shows its bootstrap intervals as whiskers and its
// evidence on hover and on keyboard focus; unplaced corridors are hollow, with their reason.
import { type Selection, select } from 'd3-selection';
import { type Axis, type Corridor, brief } from '../api';
import { type PageContext, done, showLoading, showNoCountry } from '../context';
import { corridorLabel, placementText } from '../corridors';
import { append, el, table } from '../dom';
import { formatNumber, formatPercentOfOne } from '../format';
import { type Key, lang, t, tOr } from '../i18n/i18n';
import { href } from '../router';

const SIZE = 560;
const M = { top: 16, right: 16, bottom: 52, left: 56 };
const PLOT = SIZE - M.left - M.right;
// The method's thresholds (data/classify/method.toml): both axes split at 0.5.
const THRESHOLD = 0.5;
export const COLOUR_AS_DESTINATION = '#1b6ca8';
export const COLOUR_AS_ORIGIN = '#c2410c';

interface Placed {
  corridor: Corridor;
  side: 'as_destination' | 'as_origin';
  index: number;
}

const x = (motive: number): number => M.left + motive * PLOT;
const y = (match: number): number => M.top + (1 - match) * PLOT;
const score = (v: number): string => formatNumber(v, lang(), 2);
const interval = (a: Axis): [number, number] | null =>
  a.interval && a.interval.length === 2 ? [a.interval[0], a.interval[1]] : null;

function axisText(a: Axis): string {
  if (a.score == null) return t('figure.none');
  const iv = interval(a) ?? [a.score, a.score];
  return t('matrix.score', { score: score(a.score), low: score(iv[0]), high: score(iv[1]) });
}

function evidenceList(title: string, a: Axis): HTMLElement {
  return el(
    'div',
    { class: 'evidence' },
    el('h4', {}, `${title}: ${axisText(a)}`),
    a.evidence.length === 0
      ? el('p', {}, t('matrix.evidence_none'))
      : el(
          'ul',
          {},
          a.evidence.map((e) =>
            el(
              'li',
              {},
              t('matrix.evidence_item', {
                evidence: tOr(`evidence.${e.type}`, e.type),
                detail: e.detail,
                score: score(e.score),
                weight: formatNumber(e.weight, lang(), 1),
                direction: tOr(`direction.${e.direction}`, e.direction),
              }),
            ),
          ),
        ),
  );
}

function tipContent(c: Corridor): HTMLElement[] {
  return [
    el('h3', {}, corridorLabel(c)),
    el('p', { class: 'placement' }, placementText(c)),
    c.confidence != null ? el('p', {}, t('matrix.confidence', { confidence: formatPercentOfOne(c.confidence, lang()) })) : null,
    evidenceList(t('matrix.evidence_match'), c.match),
    evidenceList(t('matrix.evidence_motive'), c.motive),
  ].filter((n): n is HTMLElement => n !== null);
}

export async function renderMatrix(ctx: PageContext): Promise<void> {
  const { main, country } = ctx;
  if (!country) {
    showNoCountry(main, t('nav.matrix'));
    return;
  }
  showLoading(main);
  const data = await brief(country, lang());
  if (!ctx.isCurrent()) return;
  done(main);
  main.replaceChildren();
  const name = data.country.name;
  const all: Placed[] = [
    ...data.corridors.as_destination.map((corridor, index) => ({ corridor, side: 'as_destination' as const, index })),
    ...data.corridors.as_origin.map((corridor, index) => ({ corridor, side: 'as_origin' as const, index })),
  ];
  const onChart = all.filter((p) => p.corridor.match.score != null && p.corridor.motive.score != null);
  const placed = all.filter((p) => p.corridor.category != null).length;

  const frame = el('div', { class: 'matrix-frame' });
  // The evidence of the hovered or focused corridor, beside the chart so that it hides no marker.
  const tip = el('div', { class: 'tip', id: 'matrix-tip', hidden: true });
  const legend = el(
    'ul',
    { class: 'matrix-legend' },
    el('li', {}, markerIcon('circle', COLOUR_AS_DESTINATION, true), t('chart.as_destination', { country: name })),
    el('li', {}, markerIcon('square', COLOUR_AS_ORIGIN, true), t('chart.as_origin', { country: name })),
    el('li', {}, markerIcon('circle', '#444', false), t('chart.unplaced')),
  );

  append(
    main,
    el('h1', { tabindex: -1 }, t('matrix.title', { country: name })),
    el('p', { class: 'intro' }, t('matrix.intro')),
    el('p', { class: 'meta' }, t('matrix.meta', { year: data.year, method: data.method_version })),
    el(
      'ul',
      { class: 'links' },
      el('li', {}, el('a', { href: href('country', data.country.code) }, t('map.open_profile'))),
      el('li', {}, el('a', { href: href('measures', data.country.code) }, t('map.open_measures'))),
    ),
    all.length === 0 ? el('p', { class: 'notice' }, t('corridors.none')) : null,
    all.length ? el('div', { class: 'matrix-layout' }, frame, el('div', { class: 'matrix-side' }, legend, tip)) : null,
    all.length
      ? el(
          'div',
          { class: 'table-wrap corridor-table' },
          table(
            t('matrix.table'),
            [t('col.corridor'), t('col.stock'), t('col.category'), t('col.match'), t('col.motive'), t('col.confidence')],
            all.map(({ corridor: c }) => [
              corridorLabel(c),
              c.migrant_stock == null ? t('figure.none') : formatNumber(c.migrant_stock, lang()),
              placementText(c),
              axisText(c.match),
              axisText(c.motive),
              c.confidence == null ? '–' : formatPercentOfOne(c.confidence, lang()),
            ]),
            [false, true, false, true, true, true],
          ),
        )
      : null,
  );
  if (all.length === 0) return;

  const svg = select(frame)
    .append('svg')
    .attr('viewBox', `0 0 ${SIZE} ${SIZE}`)
    .attr('role', 'group')
    .attr('aria-label', t('matrix.aria', { country: name, placed, total: all.length }));
  drawGrid(svg);

  const points = svg
    .append('g')
    .attr('class', 'points')
    .selectAll<SVGGElement, Placed>('g')
    .data(onChart)
    .join('g')
    .attr('class', (p) => `point ${p.corridor.category == null ? 'unplaced' : 'placed'} ${p.side}`)
    .attr('data-corridor', (p) => `${p.corridor.origin}-${p.corridor.destination}`)
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-describedby', 'matrix-tip')
    .attr('aria-label', (p) =>
      t('matrix.point', {
        corridor: corridorLabel(p.corridor),
        placement: placementText(p.corridor),
        match: score(p.corridor.match.score ?? 0),
        motive: score(p.corridor.motive.score ?? 0),
      }),
    );
  points.each(function (p) {
    const g = select(this);
    const c = p.corridor;
    const colour = p.side === 'as_destination' ? COLOUR_AS_DESTINATION : COLOUR_AS_ORIGIN;
    const cx = x(c.motive.score ?? 0);
    const cy = y(c.match.score ?? 0);
    const mi = interval(c.match);
    const vi = interval(c.motive);
    const whiskers = g.append('g').attr('class', 'whiskers').attr('stroke', colour);
    if (mi) whiskers.append('line').attr('x1', cx).attr('x2', cx).attr('y1', y(mi[0])).attr('y2', y(mi[1]));
    if (vi) whiskers.append('line').attr('x1', x(vi[0])).attr('x2', x(vi[1])).attr('y1', cy).attr('y2', cy);
    const filled = c.category != null;
    const marker = g.append<SVGElement>(p.side === 'as_destination' ? 'circle' : 'rect');
    if (p.side === 'as_destination') marker.attr('cx', cx).attr('cy', cy).attr('r', 7);
    else marker.attr('x', cx - 6.5).attr('y', cy - 6.5).attr('width', 13).attr('height', 13);
    marker
      .attr('class', 'marker')
      .attr('stroke', colour)
      .attr('stroke-width', 2.5)
      .attr('fill', filled ? colour : '#ffffff');
    // A larger transparent target makes small markers easy to hover and shows the focus ring.
    g.append('circle').attr('class', 'target').attr('cx', cx).attr('cy', cy).attr('r', 13);
  });

  // The panel keeps the last corridor hovered, so that the pointer can move to it to read;
  // leaving the markers with the keyboard or pressing Escape hides it.
  const show = (node: SVGGElement, p: Placed): void => {
    points.classed('active', false);
    select(node).classed('active', true);
    tip.replaceChildren(...tipContent(p.corridor));
    tip.hidden = false;
  };
  const hide = (): void => {
    points.classed('active', false);
    tip.hidden = true;
  };
  points
    .on('mouseenter', function (_e, p) {
      show(this, p);
    })
    .on('focus', function (_e, p) {
      show(this, p);
    })
    .on('blur', hide)
    .on('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Escape') hide();
    });
}

function drawGrid(svg: Selection<SVGSVGElement, unknown, null, undefined>): void {
  const g = svg.append('g').attr('class', 'grid').attr('aria-hidden', 'true');
  const quadrants: { n: number; x0: number; y0: number; anchor: string; tx: number; ty: number }[] = [
    { n: 1, x0: 0, y0: 1, anchor: 'start', tx: x(0) + 8, ty: y(1) + 18 },
    { n: 2, x0: THRESHOLD, y0: 1, anchor: 'end', tx: x(1) - 8, ty: y(1) + 18 },
    { n: 3, x0: THRESHOLD, y0: THRESHOLD, anchor: 'end', tx: x(1) - 8, ty: y(0) - 10 },
    { n: 4, x0: 0, y0: THRESHOLD, anchor: 'start', tx: x(0) + 8, ty: y(0) - 10 },
  ];
  for (const q of quadrants) {
    g.append('rect')
      .attr('class', `quadrant q${q.n}`)
      .attr('x', x(q.x0))
      .attr('y', y(q.y0))
      .attr('width', PLOT * (q.x0 === 0 ? THRESHOLD : 1 - THRESHOLD))
      .attr('height', PLOT * (q.y0 === 1 ? 1 - THRESHOLD : THRESHOLD));
    // Labels wrap within their quadrant; the bottom ones grow upwards from the x axis.
    const lines = wrap(t('matrix.quadrant', { number: q.n, category: t(`category.${q.n}` as Key) }), 30);
    const top = q.n <= 2 ? q.ty : q.ty - (lines.length - 1) * 15;
    const label = g.append('text').attr('class', 'quadrant-label').attr('text-anchor', q.anchor);
    lines.forEach((text, i) => label.append('tspan').attr('x', q.tx).attr('y', top + i * 15).text(text));
  }
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    g.append('text').attr('class', 'tick').attr('x', x(v)).attr('y', y(0) + 18).attr('text-anchor', 'middle').text(score(v));
    g.append('text').attr('class', 'tick').attr('x', x(0) - 8).attr('y', y(v)).attr('dy', '0.32em').attr('text-anchor', 'end').text(score(v));
  }
  g.append('line').attr('class', 'threshold').attr('x1', x(THRESHOLD)).attr('x2', x(THRESHOLD)).attr('y1', y(0)).attr('y2', y(1));
  g.append('line').attr('class', 'threshold').attr('x1', x(0)).attr('x2', x(1)).attr('y1', y(THRESHOLD)).attr('y2', y(THRESHOLD));
  g.append('rect').attr('class', 'frame').attr('x', x(0)).attr('y', y(1)).attr('width', PLOT).attr('height', PLOT);
  g.append('text').attr('class', 'axis-title').attr('x', x(0.5)).attr('y', SIZE - 10).attr('text-anchor', 'middle').text(t('chart.axis_motive'));
  g.append('text')
    .attr('class', 'axis-title')
    .attr('transform', `translate(14,${y(0.5)}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .text(t('chart.axis_match'));
}

// Greedy word wrap to lines of at most `width` characters (SVG text does not wrap by itself).
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function markerIcon(shape: 'circle' | 'square', colour: string, filled: boolean): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const node = document.createElementNS(ns, shape === 'circle' ? 'circle' : 'rect');
  if (shape === 'circle') {
    node.setAttribute('cx', '8');
    node.setAttribute('cy', '8');
    node.setAttribute('r', '6');
  } else {
    node.setAttribute('x', '2');
    node.setAttribute('y', '2');
    node.setAttribute('width', '12');
    node.setAttribute('height', '12');
  }
  node.setAttribute('fill', filled ? colour : '#ffffff');
  node.setAttribute('stroke', colour);
  node.setAttribute('stroke-width', '2');
  svg.append(node);
  return svg;
}
