// The dashboard's string table: every key in English, Russian and Kazakh with the same
// placeholders, real translations (Cyrillic), every key the code asks for present, no key
// unused, and the wording shared with the brief identical to data/brief/strings.toml.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repo = join(web, '..');
const table = JSON.parse(readFileSync(join(web, 'src/i18n/strings.json'), 'utf8'));
const LANGS = ['en', 'ru', 'kk'];

// Keys whose text is the same in every language on purpose (language names are autonyms;
// the quadrant label is only placeholders).
const SAME_IN_ALL = new Set(['lang.en', 'lang.ru', 'lang.kk', 'matrix.quadrant']);

// Ids that come from the API and are looked up as prefix + id.
const DYNAMIC = {
  'indicator.': ['immigrant_stock', 'emigrant_stock', 'refugees_hosted', 'refugees_origin', 'remittances_pct_gdp'],
  'category.': ['1', '2', '3', '4'],
  'actor.': ['origin', 'destination', 'bilateral', 'international'],
  'gap.': ['no_stock', 'no_refugee_data', 'match_weight', 'low_confidence', 'no_income_gap', 'not_richer', 'other'],
  'figure.': [],
  'series.': [],
  'evidence.': [],
  'direction.': [],
};

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|html)$/.test(name) ? [path] : [];
  });
}

function placeholders(text) {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

// The brief's [[string]] entries: id, en, ru, kk (the TOML is simple: one key = "value" a line).
function briefStrings() {
  const text = readFileSync(join(repo, 'data/brief/strings.toml'), 'utf8');
  const entries = [];
  let current = null;
  for (const line of text.split('\n')) {
    if (line.trim() === '[[string]]') {
      current = {};
      entries.push(current);
      continue;
    }
    const m = /^(id|en|ru|kk)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(line);
    if (m && current) current[m[1]] = JSON.parse(`"${m[2]}"`);
  }
  return entries;
}

test('every key has non-empty en, ru and kk with the same placeholders', () => {
  const keys = Object.keys(table);
  assert.ok(keys.length > 100, `only ${keys.length} keys`);
  for (const key of keys) {
    const entry = table[key];
    assert.deepEqual(Object.keys(entry).sort(), [...LANGS].sort(), `${key}: languages`);
    for (const lang of LANGS) {
      assert.equal(typeof entry[lang], 'string', `${key}.${lang}`);
      assert.ok(entry[lang].trim().length > 0, `${key}.${lang} is empty`);
      assert.deepEqual(placeholders(entry[lang]), placeholders(entry.en), `${key}.${lang}: placeholders differ from English`);
    }
  }
});

test('Russian and Kazakh are translations, not copies of the English', () => {
  const cyrillic = /[\u0400-\u04ff]/;
  const kazakhLetters = /[әғқңөұүһі]/i;
  let kazakhSpecific = 0;
  for (const [key, entry] of Object.entries(table)) {
    if (SAME_IN_ALL.has(key)) continue;
    for (const lang of ['ru', 'kk']) {
      assert.notEqual(entry[lang], entry.en, `${key}.${lang} equals the English`);
      assert.match(entry[lang], cyrillic, `${key}.${lang} has no Cyrillic letter`);
    }
    if (kazakhLetters.test(entry.kk)) kazakhSpecific += 1;
  }
  // Kazakh text that never uses ә, ғ, қ, ң, ө, ұ, ү, һ or і is Russian in disguise.
  assert.ok(kazakhSpecific > Object.keys(table).length / 2, `only ${kazakhSpecific} Kazakh strings use Kazakh letters`);
});

test('every key the code uses is in the table, and every key in the table is used', () => {
  const files = sourceFiles(join(web, 'src'));
  const used = new Set();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([^'`]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/data-i18n="([^"]+)"/g)) used.add(m[1]);
  }
  for (const key of used) assert.ok(key in table, `the code uses '${key}', which the table lacks`);
  const dynamic = Object.keys(DYNAMIC);
  const unused = Object.keys(table).filter(
    (key) => !used.has(key) && !dynamic.some((prefix) => key.startsWith(prefix)) && !key.startsWith('lang.'),
  );
  assert.deepEqual(unused, [], 'keys nobody uses');
});

test('every id the API can send has a translation', () => {
  const brief = briefStrings();
  for (const prefix of ['figure.', 'series.', 'evidence.', 'direction.']) {
    DYNAMIC[prefix] = brief.filter((s) => s.id.startsWith(prefix) && s.id !== 'figure.none').map((s) => s.id.slice(prefix.length));
    assert.ok(DYNAMIC[prefix].length > 0, `the brief has no ${prefix}* strings`);
  }
  // The classification method's evidence types (data/classify/method.toml) must all be named.
  const method = readFileSync(join(repo, 'data/classify/method.toml'), 'utf8');
  const signals = [...method.matchAll(/^id\s*=\s*"([^"]+)"/gm)].map((m) => m[1]);
  assert.ok(signals.length >= 4, 'method.toml lists no signals');
  for (const id of signals) assert.ok(`evidence.${id}` in table, `evidence.${id} is missing`);
  for (const [prefix, ids] of Object.entries(DYNAMIC)) {
    for (const id of ids) assert.ok(`${prefix}${id}` in table, `${prefix}${id} is missing`);
  }
});

test('words shared with the brief are the brief\'s words', () => {
  let shared = 0;
  for (const s of briefStrings()) {
    if (!(s.id in table)) continue;
    shared += 1;
    for (const lang of LANGS) {
      assert.equal(table[s.id][lang], s[lang], `${s.id}.${lang} differs from data/brief/strings.toml`);
    }
  }
  assert.ok(shared >= 40, `only ${shared} strings shared with the brief`);
});
