/**
 * Admin area names in the current language. The risk API names areas in Chinese; the admin_areas layer (GET
 * /api/layers/admin_areas, already loaded for the map) may carry an English `nameEn` (河津市 → Hejin). The risk view
 * builds the code → English name map once and shares it here; panels print `areaName(area)` and `areaPath(county,
 * town)`, which fall back to the Chinese name when an area has no English one.
 */
import type { Feature } from 'geojson';
import { createContext, useContext } from 'react';
import { useI18n, type Lang } from '../i18n/index.tsx';

/** Admin code → English name. */
export type AreaNames = ReadonlyMap<string, string>;
type Named = { code: string; name: string } | null | undefined;

const AreaNamesContext = createContext<AreaNames>(new Map());
export const AreaNamesProvider = AreaNamesContext.Provider;

export function areaNamesOf(features: readonly Feature[]): AreaNames {
  const out = new Map<string, string>();
  for (const f of features) {
    const { code, nameEn } = f.properties ?? {};
    if (typeof code === 'string' && typeof nameEn === 'string' && nameEn && !out.has(code)) out.set(code, nameEn);
  }
  return out;
}

export function areaNamer(names: AreaNames, lang: Lang) {
  const areaName = (area: Named): string => (area ? (lang === 'en' && names.get(area.code)) || area.name : '');
  return {
    areaName,
    /** "河津市 › 僧楼镇" / "Hejin › Senglou Town"; '' when neither is known. */
    areaPath: (...areas: Named[]): string => areas.map(areaName).filter(Boolean).join(' › '),
  };
}

export function useAreaName() {
  return areaNamer(useContext(AreaNamesContext), useI18n().lang);
}
