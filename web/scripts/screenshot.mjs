// Takes the README's picture of the dashboard, docs/img/dashboard.png: the world map with
// Kazakhstan's corridors, served by the real kosh on the embedded data.
//
//   KOSH_BINARY=build/debug/apps/cli/kosh node web/scripts/screenshot.mjs [OUT.png]
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WEB, launchBrowser, openPage, skipReason, startServer } from '../tests/e2e/harness.mjs';

const out = resolve(process.argv[2] ?? join(WEB, '..', 'docs', 'img', 'dashboard.png'));
const reason = skipReason();
if (reason) {
  console.error(`screenshot: ${reason}`);
  process.exit(1);
}
const server = await startServer();
const browser = await launchBrowser();
try {
  const { page, context } = await openPage(browser, server.base, { viewport: { width: 1200, height: 760 } });
  await context.addInitScript(() => window.localStorage.setItem('kosh.lang', 'en'));
  await page.goto('/#/map/KAZ');
  await page.locator('svg.world .arcs path').first().waitFor();
  await page.screenshot({ path: out });
  console.log(`${out}: ${statSync(out).size} bytes`);
} finally {
  await browser.close();
  await server.stop();
}
