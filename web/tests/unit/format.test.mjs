// Number formatting must match the brief's (src/brief/strings.cpp): commas and a decimal point
// in English; no-break-space groups and a decimal comma in Russian and Kazakh.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NBSP = '\u00a0';
let dir;
let fmt;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kosh-web-format-'));
  const outfile = join(dir, 'format.mjs');
  await build({ entryPoints: [join(web, 'src/format.ts')], bundle: true, format: 'esm', outfile, logLevel: 'error' });
  fmt = await import(pathToFileURL(outfile).href);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const units = { million: (a) => `${a} million`, billion: (a) => `${a} billion` };

test('whole numbers are grouped by thousands per language', () => {
  assert.equal(fmt.formatNumber(3732073, 'en'), '3,732,073');
  assert.equal(fmt.formatNumber(3732073, 'ru'), `3${NBSP}732${NBSP}073`);
  assert.equal(fmt.formatNumber(3732073, 'kk'), `3${NBSP}732${NBSP}073`);
  assert.equal(fmt.formatNumber(999, 'en'), '999');
  assert.equal(fmt.formatNumber(1000, 'ru'), `1${NBSP}000`);
  assert.equal(fmt.formatNumber(0, 'kk'), '0');
});

test('decimals round half away and use the language decimal mark', () => {
  assert.equal(fmt.formatNumber(0.15721307, 'en', 1), '0.2');
  assert.equal(fmt.formatNumber(0.15721307, 'ru', 2), '0,16');
  assert.equal(fmt.formatNumber(34703.23493, 'kk', 1), `34${NBSP}703,2`);
  assert.equal(fmt.formatNumber(12345.678, 'en', 2), '12,345.68');
});

test('negative numbers keep their sign unless they round to zero', () => {
  assert.equal(fmt.formatNumber(-1234.5, 'en', 1), '-1,234.5');
  assert.equal(fmt.formatNumber(-0.004, 'en', 2), '0.00');
});

test('amounts switch to millions and billions with one decimal', () => {
  assert.equal(fmt.formatAmount(370000000, 'en', units), '370.0 million');
  assert.equal(fmt.formatAmount(2.5e9, 'ru', units), '2,5 billion');
  assert.equal(fmt.formatAmount(999999, 'en', units), '999,999');
});

test('shares of one become whole percentages', () => {
  assert.equal(fmt.formatPercentOfOne(0.56, 'en'), '56%');
  assert.equal(fmt.formatPercentOfOne(0.805, 'ru'), `81${NBSP}%`);
  assert.equal(fmt.formatPercentOfOne(1, 'kk'), `100${NBSP}%`);
});
