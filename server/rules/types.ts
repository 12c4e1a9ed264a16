/**
 * What a rule is (ESLint-style: metadata + one function), and what it returns (MapLibre-style: findings are values).
 *
 * A rule is written once as set-based SQL over a relation of *subjects* (the features under review). For a check,
 * the subjects are the one proposed feature; for an audit, they are every stored feature of the layer. The same query
 * therefore serves both, and joins to the stored layers stay index-assisted (`&&`, `ST_DWithin` on indexed columns).
 */
import type { SQL } from 'drizzle-orm';
import type { FeatureCollection } from 'geojson';
import type { z } from 'zod';
import type { Label, LayerId } from '../layers/catalog.ts';

export type Status = 'fail' | 'warn' | 'pass' | 'not_applicable';
export type SubjectLayer = Extract<LayerId, 'mining_rights' | 'tailings_ponds'>;

export interface RelatedRef {
  layer: LayerId;
  id: string;
  name: string;
}

/** What a rule decides for one subject. The engine adds the rule id and basis. */
export interface Verdict {
  status: Status;
  measured: number | null;
  threshold: number | null;
  unit: string | null;
  message: string;
  messageEn: string;
  related: RelatedRef[];
  /** Geometry that shows why: overlap polygons, the gap line, the breached buffer… Empty in an audit. */
  evidence: FeatureCollection;
  /** Rule-specific facts worth showing (method used, exposed population, computed grade…). */
  details?: Record<string, unknown>;
}

export interface Finding extends Verdict {
  rule: string;
  basis: string;
}

export interface Basis {
  /** Seed documents (see ../shared/seeds) or laws and standards. */
  documents: string[];
  /** The clause, quoted in the original language. */
  clause: string;
}

/**
 * How far a stored change can move a rule's verdict on a subject, so that a change re-audits only its neighbourhood
 * (server/findings/). A subject's verdict can change only when a feature within `metres` of the subject is added,
 * changed or removed (for a tailings pond, within `metres` of its polygon or of its dam point). `via` names layers
 * the rule reads *through*: a change anywhere on such a feature (an ore body shared by two rights) reaches every
 * subject touching it.
 */
export interface Reach {
  metres: number;
  via?: LayerId[];
}

export interface QueryInput<P> {
  /**
   * A relation of subjects, to be used as `FROM (${subjects}) s`. It has `layer` (the subject layer id), `id`, `name`, `geom` (EPSG:4326),
   * `geog` (geography) and every typed column of the subject layer under its database name (snake_case).
   * Only subjects the rule applies to are in it.
   */
  subjects: SQL;
  params: P;
  /** True for a check: compute evidence geometry. False for an audit: skip it (it is not returned). */
  withEvidence: boolean;
}

export interface RuleDefinition<Schema extends z.ZodObject = z.ZodObject> {
  id: string;
  /** Bumped when the rule's logic changes, so saved checks say what they ran with. */
  version: number;
  title: Label;
  description: Label;
  appliesTo: readonly SubjectLayer[];
  /** An advisory rule never fails: its worst status is `warn` (e.g. open-pit spacing, where the seeds give no number). */
  advisory?: true;
  /**
   * Further applicability as a SQL condition on a subject row `s` (e.g. only underground rights).
   * Subjects failing it get `not_applicable` in a check and are left out of an audit.
   */
  appliesWhen?: (s: SQL) => SQL;
  /** Parameters with their defaults; every field carries `.describe()` text and a unit in `units`. */
  params: Schema;
  units: Partial<Record<keyof z.infer<Schema>, string>>;
  basis: Basis;
  /**
   * The calendar unit whose change alone can change this rule's verdicts (e.g. idle years counted to the current
   * year), so stored findings are redone when it turns. Absent: verdicts depend on the data only.
   */
  asOf?: 'year' | 'day';
  /** How far a stored change can move this rule's verdicts under these parameters (0: only the subject itself). */
  reach(params: z.infer<Schema>): Reach;
  /**
   * GiST indexes the query must be able to use (tests/rules/explain.test.ts checks each appears in the plan with
   * sequential scans disabled). Empty for rules that read only the subject's own attributes.
   */
  indexes: readonly string[];
  /**
   * Where an audit's plan legitimately differs from a check's (e.g. it drives from a few stored pieces into the
   * subjects' own index instead of probing the pieces once per subject): the GiST indexes the audit query over
   * stored subjects of `layer` must be able to use. `indexes` when absent.
   */
  auditIndexes?: (layer: SubjectLayer) => readonly string[];
  /**
   * The column of the query's rows holding the subject's county code, for a rule whose query looks the county up
   * anyway (the county containing the subject's point on surface, lowest code first, as `countyCodeOf` decides) and
   * returns a row for every subject: an audit then takes each subject's profile from it instead of looking every
   * county up a second time.
   */
  countyColumn?: string;
  /** One SQL query; every row carries `subject_id`. */
  query(input: QueryInput<z.infer<Schema>>): SQL;
  /**
   * This rule's part in a pass over stored subjects that several rules share in an audit (./mine-pairs.ts: one index
   * probe per mining right for overlap, pillar and open-pit spacing), given its parameters. The pass's rows for this
   * rule are judged by `evaluate` like the rows of `query`, which still answers checks, and audits the pass does not
   * serve (with evidence, or parameters that differ between profiles).
   */
  sharedAudit?: SharedAuditPart<z.infer<Schema>>;
  /**
   * Decides from the rows of one subject (possibly none). Pure: no I/O, no throwing to say "fail".
   */
  evaluate(rows: Record<string, unknown>[], params: z.infer<Schema>): Verdict;
}

/** Identity helper that keeps the parameter types of a rule definition. */
export function defineRule<Schema extends z.ZodObject>(rule: RuleDefinition<Schema>): RuleDefinition<Schema> {
  return rule;
}

/** A rule's part in a shared audit pass: the pass, and what the pass needs to know of the rule under its parameters. */
export interface SharedAuditPart<P = never, Spec = unknown> {
  pass: SharedAuditPass<Spec>;
  spec(params: P): Spec;
}

/**
 * One audit query serving several rules: rows carry `rule_id` (which member they belong to) and `subject_id`, and
 * each member's rows are what its own `query` would have returned for the same subjects.
 */
export interface SharedAuditPass<Spec = unknown> {
  id: string;
  /** GiST indexes the pass must be able to use (tests/rules/explain.test.ts). */
  indexes: readonly string[];
  /**
   * With `part`, only the rows found from that share of the subjects (split by a hash of the id), so that several
   * connections can run one pass: the parts' rows together are the whole pass's.
   */
  query(input: { subjects: SQL; members: SharedAuditMember<Spec>[]; part?: { index: number; of: number } }): SQL;
}

export interface SharedAuditMember<Spec = unknown> {
  ruleId: string;
  appliesWhen?: (s: SQL) => SQL;
  spec: Spec;
}
