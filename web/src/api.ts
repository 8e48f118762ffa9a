// The JSON API of kosh serve (docs/api.md): typed fetchers with one error type, and a small
// cache so that moving between pages of one country does not ask twice.
import type { Lang } from './i18n/i18n';

export interface Country {
  code: string;
  iso2: string | null;
  m49: string | null;
  name: string;
  region?: string;
  subregion?: string;
}

export type MapIndicator =
  | 'immigrant_stock'
  | 'emigrant_stock'
  | 'refugees_hosted'
  | 'refugees_origin'
  | 'remittances_pct_gdp';

export interface MapValue {
  code: string;
  m49: string;
  value: number;
  year: number;
}

export interface MapLayer {
  indicator: string;
  values: MapValue[];
}

export interface Partner {
  country: string;
  name: string;
  value: number;
}

export interface Overview {
  country: string;
  name: string;
  migrant_stock?: {
    emigrants?: number | null;
    immigrants?: number | null;
    top_destinations?: Partner[];
    top_origins?: Partner[];
    year?: number | null;
  } | null;
}

export interface Evidence {
  type: string;
  detail: string;
  direction: string;
  score: number;
  weight: number;
  value?: number;
  year?: number;
}

export interface Axis {
  score: number | null;
  interval: [number, number] | number[] | null;
  evidence: Evidence[];
}

export interface Gap {
  code: string;
  values: number[];
}

export interface Corridor {
  origin: string;
  destination: string;
  category: number | null;
  confidence: number | null;
  match: Axis;
  motive: Axis;
  gaps: Gap[];
  note?: string;
  migrant_stock: number | null;
  stock_year?: number | null;
  year: number;
}

export interface Figure {
  id: string;
  label: string;
  unit: string;
  value: number | null;
  year: number | null;
}

export interface Series {
  id: string;
  label: string;
  points: { year: number; value: number }[];
}

export interface Reason {
  category: number;
  origin: string;
  destination: string;
  role: string;
}

export interface Measure {
  id: string;
  actor: string;
  categories: number[];
  gcm: number[];
  sdg: string[];
  indicator: string | null;
  text: string;
  reasons?: Reason[];
}

export interface Brief {
  country: { code: string; name: string };
  lang: string;
  year: number;
  method_version: string;
  figures: Figure[];
  series: Series[];
  corridors: { as_destination: Corridor[]; as_origin: Corridor[] };
  measures: Measure[];
}

// status 0 means no answer (network error); otherwise the HTTP status and the API's error.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const API = '/api/v1';
const cache = new Map<string, Promise<unknown>>();

async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(API + path, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) {
    let code = 'http';
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { code?: string; message?: string };
      code = body.code ?? code;
      message = body.message ?? message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(response.status, code, message);
  }
  return (await response.json()) as T;
}

// Failed requests are dropped from the cache so that "Try again" asks the server again.
function cached<T>(path: string): Promise<T> {
  let hit = cache.get(path) as Promise<T> | undefined;
  if (!hit) {
    hit = getJson<T>(path);
    cache.set(path, hit);
    hit.catch(() => cache.delete(path));
  }
  return hit;
}

const enc = encodeURIComponent;

export function countries(lang: Lang): Promise<{ countries: Country[] }> {
  return cached(`/countries?lang=${lang}`);
}

export function mapLayer(indicator: MapIndicator): Promise<MapLayer> {
  return cached(`/map?indicator=${indicator}`);
}

export function overview(code: string): Promise<Overview> {
  return cached(`/countries/${enc(code)}/overview`);
}

export function brief(code: string, lang: Lang): Promise<Brief> {
  return cached(`/briefs/${enc(code)}?format=json&lang=${lang}`);
}

export function briefHtmlUrl(code: string, lang: Lang): string {
  return `${API}/briefs/${enc(code)}?format=html&lang=${lang}`;
}
