// The dashboard in a real browser against the real server (kosh serve on the embedded data):
// the map, the language switch, Kazakhstan's profile against the API's numbers, the matrix and
// the measures, keyboard-only use, phone width, an unknown country; on every page no console
// error and no failed request. Screenshots go to $KOSH_ARTIFACTS (default web/test-artifacts).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WEB, launchBrowser, openPage, screenshot, skipReason, startServer } from './harness.mjs';

const STRINGS = JSON.parse(readFileSync(join(WEB, 'src/i18n/strings.json'), 'utf8'));
const NBSP = '\u00a0';

// Written independently of src/format.ts, from the brief's rules.
function grouped(value, lang, decimals = 0) {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const sep = lang === 'en' ? ',' : NBSP;
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return (value < 0 ? '-' : '') + digits + (fraction ? (lang === 'en' ? '.' : ',') + fraction : '');
}

function expectedFigure(f, lang) {
  if (f.value === null) return STRINGS['figure.none'][lang];
  if (f.unit === 'percent') return grouped(f.value, lang, 1);
  if (f.unit === 'usd' && f.value >= 1e6) {
    const big = f.value >= 1e9;
    const amount = grouped(f.value / (big ? 1e9 : 1e6), lang, 1);
    return STRINGS[big ? 'unit.billion' : 'unit.million'][lang].replace('{amount}', amount);
  }
  return grouped(f.value, lang);
}

const reason = skipReason();
if (reason) console.log(`# skipping the browser tests: ${reason}`);

describe('the dashboard in Chromium', { skip: reason ?? false }, () => {
  let server;
  let browser;
  const api = async (path) => {
    const r = await fetch(`${server.base}/api/v1${path}`);
    assert.equal(r.status, 200, `GET ${path}`);
    return r.json();
  };
  // A page whose language is chosen before the first script runs, as a returning visitor's.
  const open = async (options = {}) => {
    const opened = await openPage(browser, server.base, options);
    if (options.lang) {
      await opened.context.addInitScript((l) => window.localStorage.setItem('kosh.lang', l), options.lang);
    }
    return opened;
  };
  const clean = async ({ context, problems }) => {
    await context.close();
    assert.deepEqual(problems, [], 'console errors or failed requests');
  };

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the world map shows the layer, a legend, and a clicked country\'s corridors', async () => {
    const opened = await open({ lang: 'en' });
    const { page } = opened;
    await page.goto('/#/map');
    await page.locator('svg.world .countries path').nth(150).waitFor();
    const layer = await api('/map?indicator=immigrant_stock');
    assert.ok(layer.values.length > 0, 'the embedded data have immigrant stocks');
    const filled = await page.locator('svg.world .countries path:not([fill="url(#no-data)"])').count();
    assert.ok(filled > 0 && filled <= layer.values.length, `${filled} shaded countries for ${layer.values.length} values`);
    assert.ok((await page.locator('#map-legend li').count()) >= 2, 'legend classes');
    assert.equal(await page.locator('details.data-table tbody tr').count(), layer.values.length);
    assert.match(await page.locator('svg.world').getAttribute('aria-label'), /\d/);

    await page.locator('svg.world path[data-code="KAZ"]').click();
    await page.waitForURL(/#\/map\/KAZ$/);
    await page.locator('svg.world .arcs path').first().waitFor();
    const overview = await api('/countries/KAZ/overview');
    const arcsIn = await page.locator('.arcs path.arc-in').count();
    const arcsOut = await page.locator('.arcs path.arc-out').count();
    assert.ok(arcsIn > 0 && arcsIn <= overview.migrant_stock.top_origins.length, `${arcsIn} arcs in`);
    assert.ok(arcsOut > 0 && arcsOut <= overview.migrant_stock.top_destinations.length, `${arcsOut} arcs out`);
    assert.equal(await page.locator('#map-panel-title').textContent(), 'Kazakhstan');
    assert.equal(await page.locator('.map-panel ol').first().locator('li').count(), overview.migrant_stock.top_origins.length);
    await screenshot(page, 'map-kaz');

    await page.selectOption('#map-indicator', 'refugees_hosted');
    await page.locator('.legend-title', { hasText: STRINGS['indicator.refugees_hosted'].en }).waitFor();
    await page.locator('svg.world .arcs path').first().waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'map-indicator', 'focus stays on the select');
    await clean(opened);
  });

  test('switching to Kazakh translates the page and the choice persists', async () => {
    const opened = await open({});
    const { page } = opened;
    await page.goto('/#/map');
    await page.locator('svg.world').waitFor();
    await page.selectOption('#lang-select', 'kk');
    await page.locator('h1', { hasText: STRINGS['map.title'].kk }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'kk');
    for (const [page_, key] of [['map', 'nav.map'], ['country', 'nav.profile'], ['matrix', 'nav.matrix'], ['measures', 'nav.measures']]) {
      assert.equal(await page.locator(`nav a[data-page="${page_}"]`).textContent(), STRINGS[key].kk);
    }
    assert.equal(await page.locator('label[for="country-input"]').textContent(), STRINGS['country.label'].kk);
    // Country names come from the API in Kazakh.
    const names = new Map((await api('/countries?lang=kk')).countries.map((c) => [c.code, c.name]));
    await page.locator('svg.world path[data-code="KAZ"]').click();
    await page.locator('#map-panel-title', { hasText: names.get('KAZ') }).waitFor();
    assert.equal(names.get('KAZ'), 'Қазақстан');
    await screenshot(page, 'map-kk');
    await page.reload();
    await page.locator('h1', { hasText: STRINGS['map.title'].kk }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'kk');
    assert.equal(await page.inputValue('#lang-select'), 'kk');
    await clean(opened);
  });

  for (const lang of ['kk', 'en', 'ru']) {
    test(`Kazakhstan's profile in ${lang} shows the API's figures`, async () => {
      const opened = await open({ lang });
      const { page } = opened;
      await page.goto('/#/country/KAZ');
      await page.locator('.figure').first().waitFor();
      const brief = await api(`/briefs/KAZ?format=json&lang=${lang}`);
      assert.equal(await page.locator('h1').textContent(), STRINGS['profile.title'][lang].replace('{country}', brief.country.name));
      assert.equal(await page.locator('.figure').count(), brief.figures.length);
      for (const f of brief.figures) {
        const card = page.locator(`.figure[data-figure="${f.id}"]`);
        assert.equal(await card.getAttribute('data-value'), f.value === null ? '' : String(f.value), f.id);
        assert.equal(await card.locator('.value').textContent(), expectedFigure(f, lang), `${f.id} as shown`);
        assert.equal(await card.locator('dt').textContent(), STRINGS[`figure.${f.id}`][lang]);
      }
      const charts = page.locator('figure.chart svg[role="img"]');
      assert.equal(await charts.count(), 3);
      for (let i = 0; i < 3; ++i) assert.ok((await charts.nth(i).getAttribute('aria-label')).length > 20);
      const years = new Set(brief.series.filter((s) => ['immigrants', 'emigrants'].includes(s.id)).flatMap((s) => s.points.map((p) => p.year)));
      assert.equal(await page.locator('#chart-stocks tbody tr').count(), years.size);
      const tables = page.locator('.corridors table');
      assert.equal(await tables.nth(0).locator('tbody tr').count(), brief.corridors.as_destination.length);
      assert.equal(await tables.nth(1).locator('tbody tr').count(), brief.corridors.as_origin.length);
      await screenshot(page, `profile-${lang}`);
      await clean(opened);
    });
  }

  test('the matrix places the corridors with their evidence; the measures are listed by actor', async () => {
    const opened = await open({ lang: 'en' });
    const { page } = opened;
    await page.goto('/#/matrix/KAZ');
    await page.locator('.matrix-frame svg').waitFor();
    const brief = await api('/briefs/KAZ?format=json&lang=en');
    const corridors = [...brief.corridors.as_destination, ...brief.corridors.as_origin];
    const charted = corridors.filter((c) => c.match.score !== null && c.motive.score !== null);
    assert.ok(charted.length > 0);
    assert.equal(await page.locator('.point').count(), charted.length);
    assert.equal(await page.locator('.point.unplaced').count(), charted.filter((c) => c.category === null).length);
    assert.equal(await page.locator('.point.placed').count(), charted.filter((c) => c.category !== null).length);
    assert.equal(await page.locator('main table > tbody > tr').count(), corridors.length);
    // Hover: the panel lists the corridor's evidence on both axes. The last marker is drawn on
    // top of any it overlaps.
    const first = charted[charted.length - 1];
    await page.locator(`.point[data-corridor="${first.origin}-${first.destination}"] .target`).hover();
    const tip = page.locator('#matrix-tip');
    await tip.waitFor({ state: 'visible' });
    assert.equal(await tip.locator('li').count(), first.match.evidence.length + first.motive.evidence.length);
    await screenshot(page, 'matrix-hover');

    await page.goto('/#/measures/KAZ');
    await page.locator('.measure').first().waitFor();
    assert.equal(await page.locator('.measure').count(), brief.measures.length);
    for (const actor of ['origin', 'destination', 'bilateral', 'international']) {
      const expected = brief.measures.filter((m) => m.actor === actor).length;
      assert.equal(await page.locator(`section[data-actor="${actor}"] .measure`).count(), expected, actor);
    }
    const link = await page.locator('#brief-link').getAttribute('href');
    assert.equal(link, '/api/v1/briefs/KAZ?format=html&lang=en');
    const html = await fetch(server.base + link);
    assert.equal(html.status, 200);
    assert.match(html.headers.get('content-type'), /text\/html/);
    await screenshot(page, 'measures');
    await clean(opened);
  });

  test('the keyboard alone reaches the matrix evidence', async () => {
    const opened = await open({ lang: 'en' });
    const { page } = opened;
    await page.goto('/#/map');
    await page.locator('svg.world').waitFor();
    const activeId = () => page.evaluate(() => document.activeElement?.id ?? '');
    let presses = 0;
    while ((await activeId()) !== 'country-input') {
      assert.ok(++presses < 30, 'Tab never reached the country field');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('Kazakhstan');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/map\/KAZ$/);
    await page.locator('.map-panel .links a').first().waitFor();
    const matrixLink = STRINGS['map.open_matrix'].en;
    presses = 0;
    while ((await page.evaluate(() => document.activeElement?.textContent ?? '')) !== matrixLink) {
      assert.ok(++presses < 40, 'Tab never reached the link to the matrix');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/matrix\/KAZ$/);
    await page.locator('.point').first().waitFor();
    presses = 0;
    while (!(await page.evaluate(() => document.activeElement?.classList.contains('point')))) {
      assert.ok(++presses < 40, 'Tab never reached a corridor on the matrix');
      await page.keyboard.press('Tab');
    }
    const tip = page.locator('#matrix-tip');
    await tip.waitFor({ state: 'visible' });
    assert.ok((await tip.locator('li').count()) > 0, 'the focused corridor shows its evidence');
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-describedby')), 'matrix-tip');
    // The focus ring is drawn (the focus colour on the marker's target ring).
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('.target')).stroke);
    assert.equal(ring, 'rgb(29, 78, 216)');
    await screenshot(page, 'matrix-keyboard');
    // Tab again: the next corridor gets the tooltip; Escape hides it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await tip.waitFor({ state: 'hidden' });
    await clean(opened);
  });

  test('at phone width (390 px) no page scrolls sideways', async () => {
    const opened = await open({ lang: 'kk', viewport: { width: 390, height: 844 } });
    const { page } = opened;
    for (const [route, ready] of [
      ['map/KAZ', '.map-panel .links'],
      ['country/KAZ', '.figure'],
      ['matrix/KAZ', '.point'],
      ['measures/KAZ', '.measure'],
    ]) {
      await page.goto(`/#/${route}`);
      await page.locator(ready).first().waitFor();
      const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
      assert.ok(scroll <= width, `#/${route} is ${scroll}px wide in a ${width}px window`);
      await screenshot(page, `phone-${route.replace('/', '-')}`);
    }
    await clean(opened);
  });

  test('an unknown country, or one without data, gets a clear message', async () => {
    const opened = await open({ lang: 'en', expect: ['/api/v1/briefs/XYZ', '/api/v1/briefs/ABW'] });
    const { page } = opened;
    await page.goto('/#/country/XYZ');
    const alert = page.locator('main [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.textContent(), new RegExp(STRINGS['error.not_found'].en.replace('{country}', 'XYZ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // A country kosh knows but the embedded data do not cover: named, and said to have no data.
    await page.goto('/#/country/ABW');
    await page.locator('main [role="alert"]', { hasText: 'Aruba' }).waitFor();
    assert.match(await page.locator('main [role="alert"]').textContent(), /no data on Aruba/);
    await page.fill('#country-input', 'Atlantis');
    await page.press('#country-input', 'Enter');
    await page.locator('#country-message', { hasText: 'Atlantis' }).waitFor();
    await screenshot(page, 'unknown-country');
    await clean(opened);
  });
});
