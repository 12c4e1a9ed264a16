/**
 * Runs rules: `check` (one proposed feature against everything stored) and `audit` (every stored feature against the
 * others). Both run each rule's single set-based query; only the relation of subjects differs.
 */
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { bulkRows, rows, rowsInOneStatement, runsConcurrently, type Executor } from '../db/client.ts';
import { layers } from '../layers/catalog.ts';
import type { BBox } from '../layers/store.ts';
import type { FeatureRow } from '../layers/validate.ts';
import { countyCodeAt, DEFAULT_PROFILE, type Profile, type ProfileSet } from './profiles.ts';
import { registry } from './registry.ts';
import { proposedSubject, storedSubjects, subjectInBox } from './subjects.ts';
import type { Finding, RelatedRef, RuleDefinition, SharedAuditMember, SharedAuditPass, Status, SubjectLayer, Verdict } from './types.ts';

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
  const chosen = selectRules(request.rules);
  const subject = proposedSubject(request.layer, request.feature);

  // One query finds the county the feature lies in (its profile) and which rules apply to it (their appliesWhen
  // conditions, each written once, in SQL): a round trip less before the rules run (PGlite runs them one by one).
  const conditional = chosen.filter((r) => r.appliesTo.includes(request.layer) && r.appliesWhen);
  const applicable = new Set(chosen.filter((r) => r.appliesTo.includes(request.layer) && !r.appliesWhen).map((r) => r.id));
  const [facts] = await rows<Record<string, boolean | string | null>>(
    db,
    sql`SELECT ${countyCodeAt(sql`s.geom`)} AS county_code
               ${sql.join(conditional.map((r, i) => sql`, coalesce(${r.appliesWhen!(sql`s`)}, false) AS ${sql.identifier(`r${i}`)}`), sql``)}
        FROM (${subject}) s`,
  );
  conditional.forEach((r, i) => facts[`r${i}`] && applicable.add(r.id));
  const adminCode = facts.county_code as string | null;
  const profile = request.profile ? profiles.byName.get(request.profile)! : profiles.forAdminCode(adminCode);

  const running = chosen.filter((rule) => applicable.has(rule.id));
  const paramsOf = new Map(running.map((rule) => [rule.id, profiles.paramsFor(rule, profile.name)]));
  const queries = running.map((rule) => rule.query({ subjects: restrictedTo(rule, subject), params: paramsOf.get(rule.id)!, withEvidence: true }));
  // The rule queries go as a few statements, each with its rules' rows as JSON arrays: one round trip per statement,
  // not one per rule. PGlite runs one statement at a time, so there all in one (100k: p50 14.2 → 12.1 ms); a server in
  // CHECK_STATEMENTS side by side (1M: p50 / p95 7.97 / 20.2 ms with each rule on a connection of its own, 8.62 / 15.4
  // in one statement, 6.98 / 12.7 in two).
  const statements = runsConcurrently(db) ? CHECK_STATEMENTS : 1;
  const byStatement = Array.from({ length: statements }, (_, k) => queries.flatMap((query, i) => (i % statements === k ? [{ query, i }] : [])));
  const answered = await Promise.all(byStatement.map((list) => rowsInOneStatement(db, list.map(({ query }) => query))));
  const found: Record<string, unknown>[][] = [];
  byStatement.forEach((list, k) => list.forEach(({ i }, j) => (found[i] = answered[k][j])));
  const foundOf = new Map(running.map((rule, i) => [rule.id, found[i]]));

  const results = chosen.map((rule): Finding => {
    const base = { rule: rule.id, basis: basisText(rule) };
    const ruleRows = foundOf.get(rule.id);
    if (!ruleRows) {
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
    return { ...base, ...rule.evaluate(ruleRows, paramsOf.get(rule.id)!) };
  });
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
  /** Only the stored subjects with these ids (in every layer the rules apply to). */
  ids?: string[];
  /** Also list subjects that pass (default: only fail and warn). */
  includePassing?: boolean;
  /** Compute each finding's evidence geometry too, as a check does (e.g. the 头顶库 corridors of the risk map). */
  withEvidence?: boolean;
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
  /** Only when the audit was asked `withEvidence`. */
  evidence?: Verdict['evidence'];
}

/**
 * The county code of each stored subject that lies in a county (by its point on surface; the lowest code where
 * counties overlap, as `countyCodeOf` decides for a check). Subjects outside every county are absent (national).
 * Driven from the ~100 counties into the layer's index, so each county polygon is read once, not once per subject.
 */
async function subjectCounties(db: Executor, layer: SubjectLayer, bbox?: BBox): Promise<Map<string, string | null>> {
  const table = layers[layer].table;
  const inBox = bbox ? sql`AND ${subjectInBox(layer, sql`t`, bbox)}` : sql``;
  const found = await rows<{ id: string; code: string | null }>(
    db,
    sql`SELECT DISTINCT ON (t.id) t.id, a.code
        FROM admin_areas a
        JOIN ${table} t ON a.geom && t.geom AND ST_Intersects(a.geom, ST_PointOnSurface(t.geom)) ${inBox}
        WHERE a.level = 'county'
        ORDER BY t.id, a.code`,
  );
  return new Map(found.map((r) => [r.id, r.code]));
}

/** Which stored subjects fall under which profile, by the county containing each one's point on surface. */
async function profileGroups(db: Executor, profiles: ProfileSet, layer: SubjectLayer, bbox?: BBox): Promise<Map<string, string[]>> {
  const table = layers[layer].table;
  const inBox = bbox ? sql`WHERE ${subjectInBox(layer, sql`t`, bbox)}` : sql``;
  const all = await rows<{ id: string }>(db, sql`SELECT t.id FROM ${table} t ${inBox}`);
  const counties = await subjectCounties(db, layer, bbox);
  const groups = new Map<string, string[]>();
  for (const { id } of all) {
    const name = profiles.forAdminCode(counties.get(id) ?? null).name;
    const ids = groups.get(name);
    if (ids) ids.push(id);
    else groups.set(name, [id]);
  }
  return groups;
}

const dialect = new PgDialect();

/** The statement text and bound values of a query, to tell whether two queries are the same. */
function statementOf(query: SQL): string {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return JSON.stringify([text, params]);
}

/** Runs `tasks` with at most `limit` at a time; results in task order. */
async function inOrder<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const at = next++;
      results[at] = await tasks[at]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * How many rule queries of one audit run at the same time on a server pool (10 connections, shared with the rest of
 * the API). PGlite and transactions have one connection: there the queries run one after another.
 */
const AUDIT_CONCURRENCY = 4;
/** Statements a check's rule queries are spread over on a server (the benchmark machine's two cores; 3 was no faster). */
const CHECK_STATEMENTS = 2;
/** Connections one shared pass (./types.ts `SharedAuditPass`) runs on, when the database can run queries side by side. */
const SHARED_PASS_PARTS = 2;

/** A rule's membership of its shared audit pass under the parameters of `profile` (the rule must have a `sharedAudit`). */
export function sharedAuditMember(rule: RuleDefinition, profiles: ProfileSet, profile: string): SharedAuditMember {
  return { ruleId: rule.id, appliesWhen: rule.appliesWhen, spec: rule.sharedAudit!.spec(profiles.paramsFor(rule, profile) as never) };
}

export async function audit(db: Executor, profiles: ProfileSet, request: AuditRequest = {}): Promise<AuditFinding[]> {
  const concurrent = runsConcurrently(db);
  const countiesByLayer = new Map<SubjectLayer, Promise<Map<string, string | null>>>();
  const groupsByLayer = new Map<SubjectLayer, Promise<Map<string, string[]>>>();
  const countiesOf = (layer: SubjectLayer) => {
    if (!countiesByLayer.has(layer)) countiesByLayer.set(layer, subjectCounties(db, layer, request.bbox));
    return countiesByLayer.get(layer)!;
  };

  /** Judges the rows of one rule query, subject by subject; `profileOf` names each subject's profile. */
  const judge = (rule: RuleDefinition, layer: SubjectLayer, found: Record<string, unknown>[], profileOf: (id: string) => string): AuditFinding[] => {
    const bySubject = new Map<string, Record<string, unknown>[]>();
    for (const row of found) {
      const id = row.subject_id as string;
      const list = bySubject.get(id);
      if (list) list.push(row);
      else bySubject.set(id, [row]);
    }
    const findings: AuditFinding[] = [];
    const paramsOf = new Map<string, Record<string, unknown>>();
    for (const [id, subjectRows] of bySubject) {
      const profile = profileOf(id);
      let params = paramsOf.get(profile);
      if (!params) paramsOf.set(profile, (params = profiles.paramsFor(rule, profile)));
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
        profile,
        ...(request.withEvidence ? { evidence: verdict.evidence } : {}),
      });
    }
    return findings;
  };

  const tasks: (() => Promise<AuditFinding[]>)[] = [];
  /** The order findings come out in: rule by rule (registry order), layer by layer, each sorted by subject id. */
  const rank = new Map<string, number>();
  /** Rules served together by a shared pass, per pass and layer (added as one task after the loop). */
  const shared = new Map<string, { pass: SharedAuditPass; layer: SubjectLayer; members: { rule: RuleDefinition; member: SharedAuditMember }[] }>();
  for (const rule of selectRules(request.rules)) {
    for (const layer of rule.appliesTo) {
      rank.set(`${rule.id}/${layer}`, rank.size);
      const subjects = (ids?: string[]) => restrictedTo(rule, storedSubjects(layer, { bbox: request.bbox, ids: ids ?? request.ids }));
      const queryFor = (profile: string, ids?: string[]) =>
        rule.query({ subjects: subjects(ids), params: profiles.paramsFor(rule, profile), withEvidence: request.withEvidence ?? false });
      // Profiles that agree on this rule's parameters share one run; only real differences split the subjects.
      const distinct = new Map<string, string>();
      for (const name of profiles.byName.keys()) {
        const key = JSON.stringify(profiles.paramsFor(rule, name));
        if (!distinct.has(key)) distinct.set(key, name);
      }
      if (distinct.size === 1 && rule.sharedAudit && !request.withEvidence) {
        const { pass } = rule.sharedAudit;
        const key = `${pass.id}/${layer}`;
        if (!shared.has(key)) shared.set(key, { pass, layer, members: [] });
        shared.get(key)!.members.push({ rule, member: sharedAuditMember(rule, profiles, DEFAULT_PROFILE) });
      } else if (distinct.size === 1) {
        tasks.push(async () => judge(rule, layer, await bulkRows(db, queryFor(DEFAULT_PROFILE)), () => DEFAULT_PROFILE));
      } else if (new Set([...distinct.values()].map((name) => statementOf(queryFor(name)))).size === 1) {
        // The parameters differ but the query does not (they are used in evaluate only, e.g. minimum-scale): one run
        // over all subjects, each judged with the parameters of its own county's profile.
        tasks.push(async () => {
          const query = () => bulkRows<Record<string, unknown>>(db, queryFor(DEFAULT_PROFILE));
          const column = rule.countyColumn;
          let counties: Map<string, string | null>;
          let found: Record<string, unknown>[];
          if (column) {
            found = await query();
            counties = new Map(found.map((row) => [row.subject_id as string, (row[column] as string | null) ?? null]));
          } else {
            [counties, found] = concurrent ? await Promise.all([countiesOf(layer), query()]) : [await countiesOf(layer), await query()];
          }
          return judge(rule, layer, found, (id) => profiles.forAdminCode(counties.get(id) ?? null).name);
        });
      } else {
        // The query itself differs between profiles: one run per profile over its own subjects.
        tasks.push(async () => {
          if (!groupsByLayer.has(layer)) groupsByLayer.set(layer, profileGroups(db, profiles, layer, request.bbox));
          const findings: AuditFinding[] = [];
          const only = request.ids && new Set(request.ids);
          for (const [profile, all] of await groupsByLayer.get(layer)!) {
            const ids = only ? all.filter((id) => only.has(id)) : all;
            if (ids.length) findings.push(...judge(rule, layer, await bulkRows(db, queryFor(profile, ids)), () => profile));
          }
          return findings;
        });
      }
    }
  }
  for (const { pass, layer, members } of shared.values()) {
    // First, so the longest query of an audit starts while the others run; on a server, in parts on connections of
    // their own, as the rules it serves would have run side by side.
    tasks.unshift(async () => {
      const subjects = storedSubjects(layer, { bbox: request.bbox, ids: request.ids });
      const passMembers = members.map(({ member }) => member);
      const of = concurrent ? SHARED_PASS_PARTS : 1;
      const parts = Array.from({ length: of }, (_, index) => pass.query({ subjects, members: passMembers, part: of > 1 ? { index, of } : undefined }));
      const byRule = new Map<string, Record<string, unknown>[]>(members.map(({ rule }) => [rule.id, []]));
      for (const found of await Promise.all(parts.map((query) => bulkRows<Record<string, unknown>>(db, query)))) {
        for (const row of found) byRule.get(row.rule_id as string)!.push(row);
      }
      return members.flatMap(({ rule }) => judge(rule, layer, byRule.get(rule.id)!, () => DEFAULT_PROFILE));
    });
  }
  const results = await inOrder(tasks, concurrent ? AUDIT_CONCURRENCY : 1);
  const byRank: AuditFinding[][] = [];
  for (const findings of results) for (const f of findings) (byRank[rank.get(`${f.rule}/${f.layer}`)!] ??= []).push(f);
  // flatMap skips the ranks that found nothing (holes).
  return byRank.flatMap((findings) => findings.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}
