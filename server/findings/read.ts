/**
 * Reading the stored findings and site placements (refresh.ts keeps them fresh; call refreshFindings first).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, valueList, type Executor, type Orm } from '../db/client.ts';
import { envelopeOf, type BBox } from '../layers/store.ts';
import type { AuditFinding } from '../rules/engine.ts';
import type { SubjectLayer } from '../rules/types.ts';

export interface SiteRef {
  layer: SubjectLayer;
  id: string;
}

export interface FindingsFilter {
  rules?: string[];
  /** Only these sites. */
  refs?: SiteRef[];
  /** Only sites whose geometry's box or (a pond's) dam point meets the box, as the audit picks its subjects. */
  bbox?: BBox;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

export function refsCondition(refs: SiteRef[], layer: SQL, id: SQL): SQL {
  return sql`(${layer}, ${id}) IN (SELECT r->>'layer', r->>'id' FROM jsonb_array_elements(${json(refs.map((r) => ({ layer: r.layer, id: r.id })))}) r)`;
}

/**
 * Whether audit_sites row `s` answers to a box: the same test as `subjectInBox` on the stored extent (the
 * geometry's box) and dam point, so the sites a refresh removes for a region are the ones it audits again.
 */
export function siteInBox(s: SQL, b: BBox): SQL {
  const box = envelopeOf(b);
  return sql`(${s}.extent && ${box} OR ${s}.dam_point && ${box})`;
}

/** Findings first by rule (as an audit lists them), or worst first (fail before warn, then by rule). */
export type FindingsOrder = 'rule' | 'worst';

function findingsQuery(filter: FindingsFilter, order: FindingsOrder): SQL | null {
  if (filter.refs?.length === 0 || filter.rules?.length === 0) return null;
  const where: SQL[] = [sql`true`];
  // One parameter per rule id: the planner then knows how few and uses the rule index (a jsonb list here made it
  // join all of a province's findings first: 4.5 s at 1M).
  if (filter.rules) where.push(sql`f.rule IN (${valueList(filter.rules)})`);
  if (filter.refs) where.push(refsCondition(filter.refs, sql`f.layer`, sql`f.subject_id`));
  if (filter.bbox) where.push(siteInBox(sql`s`, filter.bbox));
  // 'fail' sorts before 'warn'.
  const orderBy = order === 'worst' ? sql`f.status, f.rule, f.layer, f.subject_id` : sql`f.rule, f.layer, f.subject_id`;
  return sql`SELECT f.rule, f.layer, f.subject_id AS id, f.status, f.measured, f.threshold, f.unit, f.message,
                    f.message_en AS "messageEn", f.related, f.details, f.profile
             FROM audit_findings f JOIN audit_sites s ON s.layer = f.layer AND s.id = f.subject_id
             WHERE ${sql.join(where, sql` AND `)}
             ORDER BY ${orderBy}`;
}

/** Stored fail/warn findings matching the filter, ordered by rule, layer and id. */
export async function storedFindings(db: Executor, filter: FindingsFilter = {}): Promise<AuditFinding[]> {
  const query = findingsQuery(filter, 'rule');
  return query ? rows<AuditFinding>(db, query) : [];
}

/** Findings per page of `eachStoredFindingPage` (~2 MB of JSON). */
const PAGE_SIZE = 5000;

/**
 * Stored findings matching the filter, handed to `onPage` a page at a time from a cursor in one read-only snapshot:
 * a province's ~2 million findings are never all in memory, and a refresh committing meanwhile is not half seen.
 * Answers how many there were.
 */
export async function eachStoredFindingPage(
  db: Orm,
  filter: FindingsFilter,
  order: FindingsOrder,
  onPage: (page: AuditFinding[]) => Promise<void> | void,
  pageSize = PAGE_SIZE,
): Promise<number> {
  const query = findingsQuery(filter, order);
  if (!query) return 0;
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`DECLARE stored_findings NO SCROLL CURSOR FOR ${query}`);
      let total = 0;
      for (;;) {
        const page = await rows<AuditFinding>(tx, sql`FETCH ${sql.raw(String(Math.trunc(pageSize)))} FROM stored_findings`);
        if (page.length) await onPage(page);
        total += page.length;
        if (page.length < pageSize) return total;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}
