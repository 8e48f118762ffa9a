// What the end-to-end tests share: the real kosh server on a temporary store and a free
// loopback port, Debian's Chromium driven by playwright-core, and a watch on every page for
// console errors and failed requests.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const KOSH = process.env.KOSH_BINARY ? resolve(process.env.KOSH_BINARY) : '';
export const CHROMIUM = process.env.KOSH_CHROMIUM || '/usr/bin/chromium';
export const ARTIFACTS = resolve(process.env.KOSH_ARTIFACTS || join(WEB, 'test-artifacts'));

// Why the browser tests cannot run here, or null when they can.
export function skipReason() {
  if (!KOSH) return 'KOSH_BINARY is not set (run scripts/test_web.sh build/<preset>/apps/cli/kosh)';
  if (!existsSync(KOSH)) return `KOSH_BINARY ${KOSH} does not exist`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (apt-get install chromium)`;
  if (!existsSync(join(WEB, 'dist', 'index.html'))) return 'web/dist is not built (npm run build)';
  return null;
}

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'kosh-web-e2e-'));
  const store = join(dir, 'kosh.db');
  const init = spawnSync(KOSH, ['init', '--embedded', '--store', store], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`kosh init failed (${init.status}): ${init.stderr}`);
  const port = await freePort();
  const log = [];
  const child = spawn(
    KOSH,
    ['serve', '--port', String(port), '--bind', '127.0.0.1', '--store', store, '--web', join(WEB, 'dist')],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  // Wait for /api/v1/health: at most 30 s (a debug or sanitizer build starts slowly).
  for (let i = 0; i < 300; ++i) {
    if (child.exitCode !== null) throw new Error(`kosh serve exited with ${child.exitCode}: ${log.join('')}`);
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) break;
    } catch {
      // Not listening yet.
    }
    if (i === 299) throw new Error(`kosh serve did not become healthy: ${log.join('')}`);
    await sleep(100);
  }
  return {
    base,
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  const args = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args });
}

// A page that records console errors, page errors and failed or 4xx/5xx requests; `expect`
// lists URL parts whose error status a test wants (an unknown country's 404).
export async function openPage(browser, base, { viewport = { width: 1280, height: 900 }, expect = [] } = {}) {
  const context = await browser.newContext({ viewport, baseURL: base });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !expect.some((part) => msg.text().includes(part) || msg.location().url.includes(part))) {
      problems.push(`console: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && !expect.some((part) => response.url().includes(part))) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return { page, context, problems };
}

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}
