/**
 * The hazard ledger store (隐患排查治理台账): recording items, moving them through the lifecycle (lifecycle.ts) with
 * an append-only history, listing and exporting them, and the monthly trend. Every write is one transaction.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import { rows, type Executor, type Orm } from '../db/client.ts';
import { ledgerEvents, ledgerItems } from '../db/ledger-schema.ts';
import { ApiError } from '../http/errors.ts';
import { layers } from '../layers/catalog.ts';
import type { AuditFinding } from '../rules/engine.ts';
import { doneStatuses, LEDGER_UTC_OFFSET, transitionProblem, transitions, type LedgerLevel, type LedgerStatus } from './lifecycle.ts';
import type { SiteLayer } from './score.ts';

export interface LedgerItem {
  id: number;
  siteLayer: SiteLayer;
  siteId: string;
  siteName: string;
  sourceRule: string | null;
  finding: Record<string, unknown> | null;
  description: string;
  level: LedgerLevel;
  responsibleUnit: string;
  /** YYYY-MM-DD */
  deadline: string;
  status: LedgerStatus;
  /** The statuses the item may move to now (lifecycle.ts `transitions`); empty once closed. */
  next: LedgerStatus[];
  /** County of the site when the item was recorded. */
  adminCode: string | null;
  adminName: string | null;
  overdue: boolean;
  /** ISO 8601, UTC */
  createdAt: string;
  updatedAt: string;
}

export interface LedgerEvent {
  id: number;
  /** null for the event that recorded the item. */
  fromStatus: LedgerStatus | null;
  toStatus: LedgerStatus;
  actor: string;
  note: string;
  /** ISO 8601, UTC */
  at: string;
}

export interface NewLedgerItem {
  siteLayer: SiteLayer;
  siteId: string;
  description: string;
  level: LedgerLevel;
  responsibleUnit: string;
  deadline: string;
  /** Who records it, and a note for the first history entry. */
  actor: string;
  note?: string;
  sourceRule?: string | null;
  finding?: Record<string, unknown> | null;
}

export interface LedgerFilter {
  status?: LedgerStatus[];
  overdue?: boolean;
  /** Admin code: a county (the item's admin_code), a town (where its site lies) or a province/city (code prefix). */
  area?: string;
  /** One site's items. */
  site?: { layer: SiteLayer; id: string };
}

const iso = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const doneList = sql`(SELECT jsonb_array_elements_text(${JSON.stringify(doneStatuses)}::jsonb))`;

/** The geometry of an item's site (NULL when the site was deleted since). */
const siteGeom = sql`coalesce(
  (SELECT m.geom FROM mining_rights m WHERE l.site_layer = 'mining_rights' AND m.id = l.site_id),
  (SELECT p.geom FROM tailings_ponds p WHERE l.site_layer = 'tailings_ponds' AND p.id = l.site_id))`;

/** An item as stored, with the moves its status allows now. */
function withNext<T extends Omit<LedgerItem, 'next'>>(item: T): T & { next: LedgerStatus[] } {
  return { ...item, next: [...transitions[item.status]] };
}

function itemColumns(today: string): SQL {
  return sql`l.id, l.site_layer AS "siteLayer", l.site_id AS "siteId", l.site_name AS "siteName",
    l.source_rule AS "sourceRule", l.finding, l.description, l.level, l.responsible_unit AS "responsibleUnit",
    to_char(l.deadline, 'YYYY-MM-DD') AS deadline, l.status, l.admin_code AS "adminCode",
    (SELECT ad.name FROM admin_areas ad WHERE ad.code = l.admin_code AND ad.level = 'county' ORDER BY ad.id LIMIT 1) AS "adminName",
    (l.deadline < ${today}::date AND l.status NOT IN ${doneList}) AS overdue,
    ${iso(sql`l.created_at`)} AS "createdAt", ${iso(sql`l.updated_at`)} AS "updatedAt"`;
}

/** Division code without its trailing zero pairs: 140000 → 14 (a province), 140800 → 1408 (a city). */
function codePrefix(code: string): string {
  return code.replace(/(00)+$/, '') || code;
}

/** The SQL condition on ledger item `l` for an admin area; 400 when no area has that code. */
export async function areaCondition(db: Executor, code: string): Promise<SQL> {
  const [area] = await rows<{ level: string | null }>(db, sql`SELECT level FROM admin_areas WHERE code = ${code} ORDER BY id LIMIT 1`);
  if (!area) throw new ApiError(400, `unknown admin area "${code}"`, [{ field: 'area', problem: 'no admin area has this code' }]);
  if (area.level === 'county') return sql`l.admin_code = ${code}`;
  if (area.level === 'town') {
    return sql`EXISTS (SELECT 1 FROM admin_areas t WHERE t.code = ${code} AND t.level = 'town'
                       AND ST_Intersects(t.geom, ST_PointOnSurface(${siteGeom})))`;
  }
  return sql`starts_with(l.admin_code, ${codePrefix(code)})`;
}

async function filterCondition(db: Executor, filter: LedgerFilter, today: string): Promise<SQL> {
  const parts: SQL[] = [sql`true`];
  if (filter.status?.length) parts.push(sql`l.status IN (SELECT jsonb_array_elements_text(${JSON.stringify(filter.status)}::jsonb))`);
  if (filter.overdue !== undefined) {
    const overdue = sql`(l.deadline < ${today}::date AND l.status NOT IN ${doneList})`;
    parts.push(filter.overdue ? overdue : sql`NOT ${overdue}`);
  }
  if (filter.area) parts.push(await areaCondition(db, filter.area));
  if (filter.site) parts.push(sql`l.site_layer = ${filter.site.layer} AND l.site_id = ${filter.site.id}`);
  return sql.join(parts, sql` AND `);
}

export async function listItems(db: Executor, filter: LedgerFilter, today: string): Promise<LedgerItem[]> {
  const where = await filterCondition(db, filter, today);
  const found = await rows<Omit<LedgerItem, 'next'>>(db, sql`SELECT ${itemColumns(today)} FROM ledger_items l WHERE ${where} ORDER BY l.id`);
  return found.map(withNext);
}

export async function getItem(db: Executor, id: number, today: string): Promise<(LedgerItem & { events: LedgerEvent[] }) | null> {
  const [item] = await rows<Omit<LedgerItem, 'next'>>(db, sql`SELECT ${itemColumns(today)} FROM ledger_items l WHERE l.id = ${id}`);
  if (!item) return null;
  const events = await rows<LedgerEvent>(
    db,
    sql`SELECT e.id, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.actor, e.note, ${iso(sql`e.at`)} AS at
        FROM ledger_events e WHERE e.item_id = ${id} ORDER BY e.at, e.id`,
  );
  return { ...withNext(item), events };
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/**
 * Records an item at a stored site: its name and county are taken from the site in the same statement. 404 when
 * the site does not exist; 409 when the same finding (site + rule) already has an item not yet verified or closed.
 */
export async function createItem(orm: Orm, item: NewLedgerItem): Promise<number> {
  const table = layers[item.siteLayer].table;
  try {
    return await orm.transaction(async (tx) => {
      if (item.sourceRule) {
        const [open] = await rows<{ id: number }>(
          tx,
          sql`SELECT id FROM ledger_items WHERE site_layer = ${item.siteLayer} AND site_id = ${item.siteId}
              AND source_rule = ${item.sourceRule} AND status NOT IN ${doneList} LIMIT 1`,
        );
        if (open) throw duplicate(item, open.id);
      }
      const [created] = await rows<{ id: number }>(
        tx,
        sql`INSERT INTO ledger_items (site_layer, site_id, site_name, source_rule, finding, description, level, responsible_unit, deadline, admin_code)
            SELECT ${item.siteLayer}, t.id, t.name, ${item.sourceRule ?? null}, ${item.finding ? JSON.stringify(item.finding) : null}::jsonb,
                   ${item.description}, ${item.level}, ${item.responsibleUnit}, ${item.deadline}::date,
                   (SELECT a.code FROM admin_areas a
                    WHERE a.level = 'county' AND a.geom && p.pt AND ST_Intersects(a.geom, p.pt) ORDER BY a.code LIMIT 1)
            FROM ${table} t CROSS JOIN LATERAL (SELECT ST_PointOnSurface(t.geom) AS pt) p
            WHERE t.id = ${item.siteId}
            RETURNING id`,
      );
      if (!created) {
        throw new ApiError(404, `no feature "${item.siteId}" in ${item.siteLayer}`, [{ field: 'siteId', problem: 'the site must be stored' }]);
      }
      await tx.insert(ledgerEvents).values({ itemId: created.id, fromStatus: null, toStatus: 'open', actor: item.actor, note: item.note ?? '' });
      return created.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(item);
    throw error;
  }
}

function duplicate(item: NewLedgerItem, existing?: number): ApiError {
  return new ApiError(409, `an open ledger item already records ${item.sourceRule} at ${item.siteLayer}/${item.siteId}${existing ? ` (#${existing})` : ''}`, [
    { field: 'rule', problem: 'verify or close the existing item first' },
  ]);
}

/**
 * Moves an item to `to`, appending the event; 404 for an unknown item, 400 naming from and to for a move the
 * lifecycle does not allow. The row is locked, so two concurrent moves cannot both start from the same status.
 */
export async function transition(orm: Orm, id: number, move: { to: LedgerStatus; actor: string; note?: string }): Promise<void> {
  await orm.transaction(async (tx) => {
    const [item] = await rows<{ status: LedgerStatus }>(tx, sql`SELECT status FROM ledger_items WHERE id = ${id} FOR UPDATE`);
    if (!item) throw new ApiError(404, `no ledger item ${id}`);
    const problem = transitionProblem(item.status, move.to);
    if (problem) {
      throw new ApiError(400, `invalid transition from "${item.status}" to "${move.to}"`, [{ field: 'to', problem }]);
    }
    await tx.update(ledgerItems).set({ status: move.to, updatedAt: sql`now()` }).where(eq(ledgerItems.id, id));
    await tx.insert(ledgerEvents).values({ itemId: id, fromStatus: item.status, toStatus: move.to, actor: move.actor, note: move.note ?? '' });
  });
}

export interface ExportRow extends Omit<LedgerItem, 'next'> {
  lastActor: string;
  lastNote: string;
  lastAt: string;
}

/** Items for the CSV export, each with its latest history entry. */
export async function exportRows(db: Executor, filter: LedgerFilter, today: string): Promise<ExportRow[]> {
  const where = await filterCondition(db, filter, today);
  return rows<ExportRow>(
    db,
    sql`SELECT ${itemColumns(today)}, e.actor AS "lastActor", e.note AS "lastNote", ${iso(sql`e.at`)} AS "lastAt"
        FROM ledger_items l
        CROSS JOIN LATERAL (SELECT actor, note, at FROM ledger_events WHERE item_id = l.id ORDER BY at DESC, id DESC LIMIT 1) e
        WHERE ${where} ORDER BY l.id`,
  );
}

export interface TrendMonth {
  /** YYYY-MM */
  month: string;
  /** Items recorded in the month. */
  opened: number;
  /** Items closed (销号) in the month. */
  closed: number;
  /** Items recorded and neither verified nor closed at the end of the month (now, for this month). */
  open: number;
  /** Of those, the ones past their deadline then. */
  overdue: number;
}

function monthsUpTo(today: string, count: number) {
  const [year, month] = today.split('-').map(Number);
  const pad = (n: number) => String(n).padStart(2, '0');
  return Array.from({ length: count }, (_, i) => {
    const k = year * 12 + (month - 1) - (count - 1 - i);
    const next = k + 1;
    const ym = `${Math.floor(k / 12)}-${pad((k % 12) + 1)}`;
    const nextFirst = `${Math.floor(next / 12)}-${pad((next % 12) + 1)}-01`;
    return {
      month: ym,
      start: `${ym}-01T00:00:00${LEDGER_UTC_OFFSET}`,
      next: `${nextFirst}T00:00:00${LEDGER_UTC_OFFSET}`,
      cutoff_date: nextFirst < today ? nextFirst : today,
    };
  });
}

/** The ledger of an area (or of everything) month by month, the last `months` months up to today's. */
export async function ledgerTrend(db: Executor, area: SQL, today: string, months: number): Promise<TrendMonth[]> {
  return rows<TrendMonth>(
    db,
    sql`WITH m AS (
          SELECT m.month, m.start, least(m.next, now()) AS cutoff, m.cutoff_date
          FROM jsonb_to_recordset(${JSON.stringify(monthsUpTo(today, months))}::jsonb)
               AS m(month text, start timestamptz, next timestamptz, cutoff_date date)),
        items AS (
          SELECT l.id, l.created_at, l.deadline,
                 (SELECT min(e.at) FROM ledger_events e WHERE e.item_id = l.id AND e.to_status IN ${doneList}) AS done_at,
                 (SELECT min(e.at) FROM ledger_events e WHERE e.item_id = l.id AND e.to_status = 'closed') AS closed_at
          FROM ledger_items l WHERE ${area})
        SELECT m.month,
               count(i.id) FILTER (WHERE i.created_at >= m.start AND i.created_at < m.cutoff)::int AS opened,
               count(i.id) FILTER (WHERE i.closed_at >= m.start AND i.closed_at < m.cutoff)::int AS closed,
               count(i.id) FILTER (WHERE i.created_at < m.cutoff AND (i.done_at IS NULL OR i.done_at >= m.cutoff))::int AS open,
               count(i.id) FILTER (WHERE i.created_at < m.cutoff AND (i.done_at IS NULL OR i.done_at >= m.cutoff)
                                   AND i.deadline < m.cutoff_date)::int AS overdue
        FROM m LEFT JOIN items i ON true
        GROUP BY m.month ORDER BY m.month`,
  );
}

/** The fail/warn finding of one rule on one stored site, re-checked now; null when the rule passes there. */
export function findingOf(findings: AuditFinding[], layer: SiteLayer, id: string): AuditFinding | null {
  return findings.find((f) => f.layer === layer && f.id === id && (f.status === 'fail' || f.status === 'warn')) ?? null;
}
