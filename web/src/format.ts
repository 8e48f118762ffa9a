// Numbers as the brief writes them (src/brief/strings.cpp FormatNumber): English groups with
// commas and a decimal point; Russian and Kazakh group with no-break spaces and use a decimal
// comma. Done by hand because browsers' ICU data differ (some fall back to English digits for kk).
import type { Lang } from './i18n/i18n';

const NBSP = '\u00a0';

export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  const english = lang === 'en';
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const separator = english ? ',' : NBSP;
  let grouped = '';
  for (let i = 0; i < whole.length; ++i) {
    if (i > 0 && (whole.length - i) % 3 === 0) grouped += separator;
    grouped += whole[i];
  }
  const negative = value < 0 && Number(value.toFixed(decimals)) !== 0;
  return (negative ? '-' : '') + grouped + (fraction ? (english ? '.' : ',') + fraction : '');
}

// Large amounts in millions or billions with one decimal (as the brief's FormatAmount).
export function formatAmount(
  value: number,
  lang: Lang,
  units: { million: (amount: string) => string; billion: (amount: string) => string },
): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return units.billion(formatNumber(value / 1e9, lang, 1));
  if (magnitude >= 1e6) return units.million(formatNumber(value / 1e6, lang, 1));
  return formatNumber(value, lang);
}

// A share in [0, 1] as a whole percentage: "56%" in English, "56 %" in Russian and Kazakh.
export function formatPercentOfOne(fraction: number, lang: Lang): string {
  return formatNumber(fraction * 100, lang, 0) + (lang === 'en' ? '%' : `${NBSP}%`);
}
