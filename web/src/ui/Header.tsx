import type { ReactNode } from 'react';
import { useI18n, type Lang } from '../i18n/index.tsx';

/** `children`: the view tabs, between the brand and the tools. */
export function Header({ children }: { children?: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const choice = (value: Lang, label: string) => (
    <button type="button" className="lang-option" aria-pressed={lang === value} onClick={() => setLang(value)} lang={value === 'zh' ? 'zh-CN' : 'en'}>
      {label}
    </button>
  );
  return (
    <header className="app-header">
      <a className="skip-link" href="#map">
        {t('skipToMap')}
      </a>
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M2 20 9 6l4 7 3-4 6 11z" fill="currentColor" />
          <circle cx="18" cy="5" r="2.2" fill="#f17c0e" />
        </svg>
        <div className="brand-text">
          <h1>
            <span className="brand-en">MineRisk Atlas</span> <span className="brand-zh">矿山风险一张图</span>
          </h1>
          <p className="tagline">{t('appTagline')}</p>
        </div>
      </div>
      {children}
      <div className="header-tools">
        <span className="demo-badge" title={t('demoNote')}>
          {t('demoNote')}
        </span>
        <div className="lang-switch" role="group" aria-label={t('language')}>
          {choice('zh', t('langZh'))}
          {choice('en', t('langEn'))}
        </div>
      </div>
    </header>
  );
}
