// Hash routes: #/map, #/map/KAZ, #/country/KAZ, #/matrix/KAZ, #/measures/KAZ.
export type Page = 'map' | 'country' | 'matrix' | 'measures';
export const PAGES: readonly Page[] = ['map', 'country', 'matrix', 'measures'];

export interface Route {
  page: Page;
  country: string | null;
}

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const page = (PAGES as readonly string[]).includes(parts[0] ?? '') ? (parts[0] as Page) : 'map';
  const country = parts[1] ? parts[1].trim() : null;
  return { page, country: country || null };
}

export function href(page: Page, country: string | null): string {
  return country ? `#/${page}/${encodeURIComponent(country)}` : `#/${page}`;
}
