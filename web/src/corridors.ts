// Words for a corridor's placement, shared by the profile and the matrix: its category, or
// why it was left unplaced (the gap codes of the classification, as the brief words them).
import type { Corridor, Gap } from './api';
import { countryName } from './context';
import { formatNumber, formatPercentOfOne } from './format';
import { type Key, lang, t } from './i18n/i18n';

export function corridorLabel(c: Corridor): string {
  return `${countryName(c.origin)} → ${countryName(c.destination)}`;
}

export function gapText(gap: Gap): string {
  const value = (i: number): number => gap.values[i] ?? 0;
  switch (gap.code) {
    case 'match_weight':
      return t('gap.match_weight', { available: formatNumber(value(0), lang(), 2), needed: formatNumber(value(1), lang(), 2) });
    case 'low_confidence':
      return t('gap.low_confidence', {
        category: formatNumber(value(0), lang()),
        confidence: formatPercentOfOne(value(1), lang()),
        needed: formatPercentOfOne(value(2), lang()),
      });
    case 'not_richer':
      return t('gap.not_richer', { ratio: formatNumber(value(0), lang(), 2) });
    case 'no_stock':
    case 'no_refugee_data':
    case 'no_income_gap':
      return t(`gap.${gap.code}` as Key);
    default:
      return t('gap.other');
  }
}

export function categoryName(category: number): string {
  return `${t('category.label', { category })}: ${t(`category.${category}` as Key)}`;
}

// "category 1: economic migrants", or "not placed: <reasons>".
export function placementText(c: Corridor): string {
  if (c.category != null) return categoryName(c.category);
  const reasons = c.gaps.map(gapText);
  return reasons.length ? `${t('not_placed')}: ${reasons.join('; ')}` : t('not_placed');
}
