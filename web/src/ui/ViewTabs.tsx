/** The view switch in the header: 一张图 (map) / 选址审查 (planner review). Links, so they work without script too. */
import { useI18n } from '../i18n/index.tsx';
import { views, type ViewId } from '../views.ts';

export function ViewTabs({ view, onNavigate }: { view: ViewId; onNavigate(view: ViewId): void }) {
  const { t } = useI18n();
  return (
    <nav className="view-tabs" aria-label={t('views')}>
      {views.map((v) => (
        <a
          key={v.id}
          href={v.path}
          className="view-tab"
          aria-current={v.id === view ? 'page' : undefined}
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            onNavigate(v.id);
          }}
        >
          {t(v.title)}
        </a>
      ))}
    </nav>
  );
}
