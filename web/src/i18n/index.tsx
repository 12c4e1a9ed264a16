/**
 * Language (zh-CN default, English switch): a React context with the current language, the chrome strings and a
 * helper for `{ zh, en }` labels coming from the API or the map vocabulary.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Label } from './map.ts';
import { en, zh, type UiKey, type UiMessages } from './ui.ts';

export type Lang = 'zh' | 'en';
export type { Label };

const messages: Record<Lang, UiMessages> = { zh, en };
const STORAGE_KEY = 'minerisk.lang';

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: UiKey): string;
  /** Picks the current language of a `{ zh, en }` label. */
  l(label: Label | undefined | null): string;
}

export function pick(label: Label | undefined | null, lang: Lang): string {
  if (!label) return '';
  return label[lang] || label.zh || label.en;
}

export function translate(key: UiKey, lang: Lang): string {
  return messages[lang][key];
}

function initialLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // Storage may be blocked; zh-CN is the default.
  }
  return 'zh';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisted; fine.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = lang === 'zh' ? '矿山风险一张图 · MineRisk Atlas' : 'MineRisk Atlas · 矿山风险一张图';
  }, [lang]);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (key) => translate(key, lang), l: (label) => pick(label, lang) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside <I18nProvider>');
  return value;
}
