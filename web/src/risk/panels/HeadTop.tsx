/**
 * 头顶库 view (GET /api/risk/head-top): every head-top tailings pond with the settlements and people in its
 * downstream corridor, the total population below dams per area (a settlement below two ponds counted once), and
 * the ponds the rule could not judge. The list is on the left; one pond in detail on the right.
 */
import type { HeadTopPond, HeadTopResponse } from '../api.ts';
import { useAreaName } from '../areaNames.ts';
import type { QueryState } from '../query.ts';
import { metres, people, useRiskText } from '../text.ts';
import { QueryStatus, RouteLink, Section } from '../ui.tsx';

export interface HeadTopListProps {
  state: QueryState<HeadTopResponse> & { reload(): void };
  /** Only ponds in this county or town (all when undefined). */
  area?: { code: string; name: string };
  current?: string;
  pondHref(id: string): string;
  onPond(id: string): void;
}

const inArea = (pond: HeadTopPond, code: string | undefined) => !code || pond.county?.code === code || pond.town?.code === code;

export function HeadTopList({ state, area, current, pondHref, onPond }: HeadTopListProps) {
  const { r, lang } = useRiskText();
  const { areaName, areaPath } = useAreaName();
  const data = state.data;
  const ponds = data?.ponds.filter((p) => inArea(p, area?.code)) ?? [];
  const byArea = data?.byArea.filter((a) => !area || a.code === area.code || a.code.startsWith(area.code)) ?? [];
  return (
    <div className="risk-head-top" aria-labelledby="risk-head-top-heading">
      <h2 id="risk-head-top-heading">{r('headTopTitle')}</h2>
      <QueryStatus state={state} what="whatHeadTop" />
      {data && (
        <>
          <p className="risk-total" data-total-population={data.total.population}>
            {r('headTopTotal', { ponds: data.total.ponds, settlements: data.total.settlements, people: people(data.total.population, lang) })}
          </p>
          {ponds.length === 0 && <p className="hint">{r('headTopNone')}</p>}
          <ul className="risk-pond-list">
            {ponds.map((p) => (
              <li key={p.id} data-pond={p.id} aria-current={p.id === current ? 'true' : undefined}>
                <RouteLink href={pondHref(p.id)} onGo={() => onPond(p.id)}>
                  <span className="risk-pond-name">{p.name}</span>
                  <span className="risk-pond-people">{people(p.population, lang)}</span>
                  <span className="risk-pond-meta">
                    {areaPath(p.county, p.town)} · {p.settlements.map((s) => s.name).join('、')}
                  </span>
                </RouteLink>
              </li>
            ))}
          </ul>
          <Section id="risk-head-top-areas" title={r('headTopByArea')}>
            <table className="risk-table">
              <thead>
                <tr>
                  <th scope="col">{r('colArea')}</th>
                  <th scope="col" className="num">
                    {r('tabHeadTop')}
                  </th>
                  <th scope="col" className="num">
                    {r('settlementsCount')}
                  </th>
                  <th scope="col" className="num">
                    {r('population')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {byArea.map((a) => (
                  <tr key={a.code} data-code={a.code} className={a.level === 'town' ? 'town' : undefined}>
                    <th scope="row">{areaName(a)}</th>
                    <td className="num">{a.ponds}</td>
                    <td className="num">{a.settlements}</td>
                    <td className="num">{people(a.population, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Section>
          {data.undetermined.length > 0 && (
            <Section id="risk-head-top-undetermined" title={r('headTopUndetermined')}>
              <ul className="risk-plain-list">
                {data.undetermined.map((u) => (
                  <li key={u.id}>
                    {u.name} <span className="mono">{u.id}</span>
                  </li>
                ))}
              </ul>
            </Section>
          )}
        </>
      )}
    </div>
  );
}

const kindNames: Record<string, { zh: string; en: string }> = {
  village: { zh: '村庄', en: 'Village' },
  town: { zh: '城镇', en: 'Town' },
  school: { zh: '学校', en: 'School' },
  hospital: { zh: '医院', en: 'Hospital' },
  facility: { zh: '重要设施', en: 'Facility' },
};

export interface HeadTopDetailProps {
  pond: HeadTopPond;
  siteHref: string;
  onSite(): void;
  onRecord(): void;
  recordedId?: number;
  itemHref(id: number): string;
  onItem(id: number): void;
}

export function HeadTopDetail({ pond, siteHref, onSite, onRecord, recordedId, itemHref, onItem }: HeadTopDetailProps) {
  const { r, l, lang } = useRiskText();
  const { areaPath } = useAreaName();
  const method = pond.method === 'azimuth-sector' ? r('methodSector') : pond.method === 'dem-d8' ? r('methodD8') : pond.method;
  return (
    <div className="risk-detail" data-pond={pond.id}>
      <header className="risk-detail-head">
        <p className="risk-kicker">
          {r('tabHeadTop')} · <span className="mono">{pond.id}</span>
        </p>
        <h2 id="risk-detail-heading" tabIndex={-1}>
          {pond.name}
        </h2>
        <p className="risk-big-number" data-population={pond.population}>
          {r('belowDam')}: <strong>{people(pond.population, lang)}</strong>
        </p>
        <p className="hint">{areaPath(pond.county, pond.town)}</p>
      </header>
      <p className="risk-message">{lang === 'zh' ? pond.message : pond.messageEn || pond.message}</p>
      <Section id="risk-pond-settlements" title={`${r('belowDam')} (${pond.settlements.length})`}>
        <table className="risk-table" data-table="settlements">
          <thead>
            <tr>
              <th scope="col">{r('name')}</th>
              <th scope="col">{r('kind')}</th>
              <th scope="col" className="num">
                {r('population')}
              </th>
              <th scope="col" className="num">
                {r('distance')}
              </th>
            </tr>
          </thead>
          <tbody>
            {pond.settlements.map((s) => (
              <tr key={s.id} data-settlement={s.id}>
                <th scope="row">{s.name}</th>
                <td>{s.kind && kindNames[s.kind] ? l(kindNames[s.kind]) : (s.kind ?? '—')}</td>
                <td className="num">{s.population === null ? '—' : people(s.population, lang)}</td>
                <td className="num">{metres(s.distanceM, lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{r('totalPeople')}</th>
              <td />
              <td className="num">
                <strong>{people(pond.population, lang)}</strong>
              </td>
              <td className="num">{pond.nearestM !== null ? r('nearest', { m: metres(pond.nearestM, lang) }) : ''}</td>
            </tr>
          </tfoot>
        </table>
        {method && (
          <p className="hint">
            {r('method')}: {method}
          </p>
        )}
      </Section>
      <div className="risk-form-actions">
        {recordedId ? (
          <RouteLink href={itemHref(recordedId)} onGo={() => onItem(recordedId)} className="risk-button secondary">
            {r('recorded', { id: recordedId })}
          </RouteLink>
        ) : (
          <button type="button" className="risk-button" onClick={onRecord}>
            {r('record')}
          </button>
        )}
        <RouteLink href={siteHref} onGo={onSite} className="risk-button secondary">
          {r('viewSite')}
        </RouteLink>
      </div>
    </div>
  );
}
