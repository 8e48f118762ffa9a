// A line chart of yearly series with its text alternatives: an aria-label that summarises each
// series (first and last values) and a data table, one row per year.
import { extent, max } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { el, table } from '../dom';
import { t } from '../i18n/i18n';

export interface LineSeries {
  id: string;
  label: string;
  colour: string;
  dash?: string;
  points: { year: number; value: number }[];
}

const W = 640;
const H = 300;
const M = { top: 16, right: 16, bottom: 30, left: 78 };

export function lineChart(
  id: string,
  title: string,
  series: LineSeries[],
  format: (value: number) => string,
): HTMLElement {
  const drawn = series.filter((s) => s.points.length > 0);
  const figure = el('figure', { class: 'chart', id });
  figure.append(el('figcaption', {}, title));
  if (drawn.length === 0) {
    figure.append(el('p', { class: 'notice' }, t('chart.no_series')));
    return figure;
  }
  const all = drawn.flatMap((s) => s.points);
  const [x0, x1] = extent(all, (p) => p.year) as [number, number];
  const x = scaleLinear()
    .domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([0, max(all, (p) => p.value) || 1])
    .nice()
    .range([H - M.bottom, M.top]);

  const summary = drawn
    .map((s) => {
      const first = s.points[0];
      const last = s.points[s.points.length - 1];
      return t('chart.series_summary', {
        series: s.label,
        first: format(first.value),
        from: first.year,
        last: format(last.value),
        to: last.year,
      });
    })
    .join('; ');

  const svg = select(figure)
    .append('svg')
    .attr('viewBox', `0 0 ${W} ${H}`)
    .attr('role', 'img')
    .attr('aria-label', t('chart.line_aria', { title, summary }));
  const yTicks = y.ticks(5);
  const grid = svg.append('g').attr('class', 'grid').attr('aria-hidden', 'true');
  grid
    .selectAll('line')
    .data(yTicks)
    .join('line')
    .attr('x1', M.left)
    .attr('x2', W - M.right)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d));
  grid
    .selectAll('text')
    .data(yTicks)
    .join('text')
    .attr('x', M.left - 6)
    .attr('y', (d) => y(d))
    .attr('dy', '0.32em')
    .attr('text-anchor', 'end')
    .text((d) => format(d));
  const xTicks = x.ticks(Math.min(8, Math.max(2, x1 - x0))).filter((d) => Number.isInteger(d));
  svg
    .append('g')
    .attr('class', 'x-axis')
    .attr('aria-hidden', 'true')
    .selectAll('text')
    .data(xTicks)
    .join('text')
    .attr('x', (d) => x(d))
    .attr('y', H - 8)
    .attr('text-anchor', 'middle')
    .text((d) => String(d));
  const path = line<{ year: number; value: number }>()
    .x((p) => x(p.year))
    .y((p) => y(p.value));
  const lines = svg.append('g').attr('aria-hidden', 'true');
  for (const s of drawn) {
    lines
      .append('path')
      .attr('class', 'series')
      .attr('data-series', s.id)
      .attr('d', path(s.points) ?? '')
      .attr('stroke', s.colour)
      .attr('stroke-dasharray', s.dash ?? null);
    lines
      .append('g')
      .selectAll('circle')
      .data(s.points)
      .join('circle')
      .attr('cx', (p) => x(p.year))
      .attr('cy', (p) => y(p.value))
      .attr('r', 2.5)
      .attr('fill', s.colour);
  }

  figure.append(
    el(
      'ul',
      { class: 'series-legend' },
      drawn.map((s) =>
        el('li', {}, el('span', { class: 'line-swatch', style: `border-color:${s.colour};border-top-style:${s.dash ? 'dashed' : 'solid'}`, 'aria-hidden': 'true' }), s.label),
      ),
    ),
  );

  const years = [...new Set(all.map((p) => p.year))].sort((a, b) => a - b);
  const byYear = drawn.map((s) => new Map(s.points.map((p) => [p.year, p.value])));
  figure.append(
    el(
      'details',
      { class: 'data-table' },
      el('summary', {}, t('chart.table')),
      table(
        title,
        [t('col.year'), ...drawn.map((s) => s.label)],
        years.map((year) => [String(year), ...byYear.map((m) => (m.has(year) ? format(m.get(year) as number) : '–'))]),
        [false, ...drawn.map(() => true)],
      ),
    ),
  );
  return figure;
}
