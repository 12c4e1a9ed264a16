/**
 * Runs rules: `check` (one proposed feature against everything stored) and `audit` (every stored feature against the
 * others). Both run each rule's single set-based query; only the relation of subjects differs.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { rows, type Executor } from '../db/client.ts';
import { layers } from '../layers/catalog.ts';
import type { BBox } from '../layers/store.ts';
import type { FeatureRow } from '../layers/validate.ts';
import { countyCodeOf, DEFAULT_PROFILE, type Profile, type ProfileSet } from './profiles.ts';
import { registry } from './registry.ts';
import { proposedSubject, storedSubjects } from './subjects.ts';
import type { Finding, RelatedRef, RuleDefinition, Status, SubjectLayer, Verdict } from './types.ts';

const severity: Record<Status, number> = { fail: 3, warn: 2, pass: 1, not_applicable: 0 };

export function worstStatus(statuses: Status[]): Exclude<Status, 'not_applicable'> {
  const worst = statuses.reduce<Status>((a, b) => (severity[b] > severity[a] ? b : a), 'pass');
  return worst === 'not_applicable' ? 'pass' : worst;
}

export function basisText(rule: RuleDefinition): string {
  return `${rule.basis.documents.join('；')}：${rule.basis.clause}`;
}

function emptyEvidence(): Verdict['evidence'] {
  return { type: 'FeatureCollection', features: [] };
}

function restrictedTo(rule: RuleDefinition, subjects: SQL): SQL {
  return rule.appliesWhen ? sql`SELECT * FROM (${subjects}) s WHERE ${rule.appliesWhen(sql`s`)}` : subjects;
}

export interface CheckRequest {
  layer: SubjectLayer;
  feature: FeatureRow;
  /** Rule ids to run; all by default. */
  rules?: string[];
  /** Profile name; by default the one of the county the feature lies in. */
  profile?: string;
}

export interface CheckResponse {
  verdict: Exclude<Status, 'not_applicable'>;
  profile: { name: string; title: Profile['title']; adminCode: string | null };
  ruleVersions: Record<string, number>;
  results: Finding[];
}

export function selectRules(ids?: string[]): RuleDefinition[] {
  return ids ? registry.filter((r) => ids.includes(r.id)) : [...registry];
}

export async function check(db: Executor, profiles: ProfileSet, request: CheckRequest): Promise<CheckResponse> {
  const adminCode = await countyCodeOf(db, request.feature.geometry);
  const profile = request.profile ? profiles.byName.get(request.profile)! : profiles.forAdminCode(adminCode);
  const chosen = selectRules(request.rules);
  const subject = proposedSubject(request.layer, request.feature);

  // One query tells which rules apply to this subject (their appliesWhen conditions), so each is written once, in SQL.
  const conditional = chosen.filter((r) => r.appliesTo.includes(request.layer) && r.appliesWhen);
  const applicable = new Set(chosen.filter((r) => r.appliesTo.includes(request.layer) && !r.appliesWhen).map((r) => r.id));
  if (conditional.length) {
    const [flags] = await rows<Record<string, boolean | null>>(
      db,
      sql`SELECT ${sql.join(
        conditional.map((r, i) => sql`coalesce(${r.appliesWhen!(sql`s`)}, false) AS ${sql.identifier(`r${i}`)}`),
        sql`, `,
      )} FROM (${subject}) s`,
    );
    conditional.forEach((r, i) => flags[`r${i}`] && applicable.add(r.id));
  }

  const results = await Promise.all(
    chosen.map(async (rule): Promise<Finding> => {
      const base = { rule: rule.id, basis: basisText(rule) };
      if (!applicable.has(rule.id)) {
        return {
          ...base,
          status: 'not_applicable',
          measured: null,
          threshold: null,
          unit: null,
          message: `不适用：${rule.title.zh}的适用对象为${rule.appliesTo.map((l) => layers[l].title.zh).join('、')}${rule.appliesWhen ? '（且满足适用条件）' : ''}`,
          messageEn: `Not applicable: ${rule.title.en} applies to ${rule.appliesTo.map((l) => layers[l].title.en.toLowerCase()).join(', ')}${rule.appliesWhen ? ' meeting its conditions' : ''}`,
          related: [],
          evidence: emptyEvidence(),
        };
      }
      const params = profiles.paramsFor(rule, profile.name);
      const found = await rows<Record<string, unknown>>(db, rule.query({ subjects: restrictedTo(rule, subject), params, withEvidence: true }));
      return { ...base, ...rule.evaluate(found, params) };
    }),
  );
  return {
    verdict: worstStatus(results.map((r) => r.status)),
    profile: { name: profile.name, title: profile.title, adminCode },
    ruleVersions: Object.fromEntries(chosen.map((r) => [r.id, r.version])),
    results,
  };
}

export interface AuditRequest {
  rules?: string[];
  bbox?: BBox;
  /** Also list subjects that pass (default: only fail and warn). */
  includePassing?: boolean;
}

export interface AuditFinding {
  rule: string;
  layer: SubjectLayer;
  id: string;
  status: Status;
  measured: number | null;
  threshold: number | null;
  unit: string | null;
  message: string;
  messageEn: string;
  related: RelatedRef[];
  /** Rule-specific facts (e.g. the population below a 头顶库). */
  details?: Record<string, unknown>;
  profile: string;
}

/** Which stored subjects fall under which profile, by the county containing each one's point on surface. */
async function profileGroups(db: Executor, profiles: ProfileSet, layer: SubjectLayer, bbox?: BBox): Promise<Map<string, string[]>> {
  const table = layers[layer].table;
  const geom = getTableColumns(table).geom;
  const envelope = bbox ? sql`WHERE ${geom} && ST_MakeEnvelope(${bbox[0]}, ${bbox[1]}, ${bbox[2]}, ${bbox[3]}, 4326)` : sql``;
  const found = await rows<{ id: string; code: string | null }>(
    db,
    sql`SELECT t.id, c.code FROM (SELECT id, ST_PointOnSurface(geom) AS pt FROM ${table} ${envelope}) t
        LEFT JOIN LATERAL (
          SELECT a.code FROM admin_areas a
          WHERE a.level = 'county' AND a.geom && t.pt AND ST_Intersects(a.geom, t.pt)
          ORDER BY a.code LIMIT 1) c ON true`,
  );
  const groups = new Map<string, string[]>();
  for (const { id, code } of found) {
    const name = profiles.forAdminCode(code).name;
    const ids = groups.get(name);
    if (ids) ids.push(id);
    else groups.set(name, [id]);
  }
  return groups;
}

export async function audit(db: Executor, profiles: ProfileSet, request: AuditRequest = {}): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const groupsByLayer = new Map<SubjectLayer, Promise<Map<string, string[]>>>();
  for (const rule of selectRules(request.rules)) {
    for (const layer of rule.appliesTo) {
      // Profiles that agree on this rule's parameters share one run; only real differences split the subjects.
      const distinct = new Map<string, string[]>();
      for (const name of profiles.byName.keys()) {
        const key = JSON.stringify(profiles.paramsFor(rule, name));
        distinct.set(key, [...(distinct.get(key) ?? []), name]);
      }
      const runs: { profile: string; ids?: string[] }[] = [];
      if (distinct.size === 1) {
        runs.push({ profile: DEFAULT_PROFILE });
      } else {
        if (!groupsByLayer.has(layer)) groupsByLayer.set(layer, profileGroups(db, profiles, layer, request.bbox));
        for (const [profile, ids] of await groupsByLayer.get(layer)!) runs.push({ profile, ids });
      }
      for (const run of runs) {
        const params = profiles.paramsFor(rule, run.profile);
        const subjects = restrictedTo(rule, storedSubjects(layer, { bbox: request.bbox, ids: run.ids }));
        const found = await rows<Record<string, unknown>>(db, rule.query({ subjects, params, withEvidence: false }));
        const bySubject = new Map<string, Record<string, unknown>[]>();
        for (const row of found) {
          const id = row.subject_id as string;
          const list = bySubject.get(id);
          if (list) list.push(row);
          else bySubject.set(id, [row]);
        }
        for (const [id, subjectRows] of bySubject) {
          const verdict = rule.evaluate(subjectRows, params);
          if (!request.includePassing && (verdict.status === 'pass' || verdict.status === 'not_applicable')) continue;
          findings.push({
            rule: rule.id,
            layer,
            id,
            status: verdict.status,
            measured: verdict.measured,
            threshold: verdict.threshold,
            unit: verdict.unit,
            message: verdict.message,
            messageEn: verdict.messageEn,
            related: verdict.related,
            details: verdict.details,
            profile: run.profile,
          });
        }
      }
    }
  }
  return findings;
}
