/**
 * /api/proposals: proposals under review (拟设方案) — a mining right or tailings pond a planner keeps, edits, checks
 * and finally approves or rejects. A proposal is not in its layer table until approved; approval copies it there
 * (server/layers/store.ts insertFeatures) in the same transaction as the status change.
 *
 * Status: draft → under_review → approved | rejected; under_review → draft and rejected → draft reopen it.
 * Content (feature, name, properties) changes only on a draft, or together with moving it back to draft.
 */
import { Hono } from 'hono';
import { sql, type SQL } from 'drizzle-orm';
import type { Feature, Geometry } from 'geojson';
import { z } from 'zod';
import { rows, type Executor } from '../db/client.ts';
import { proposalChecks, proposals, type ProposalLayer, type ProposalStatus } from '../db/proposals-schema.ts';
import { ApiError } from '../http/errors.ts';
import { validate } from '../http/validator.ts';
import { layers } from '../layers/catalog.ts';
import { insertFeatures, invalidGeometries } from '../layers/store.ts';
import { validateFeatures, type FeatureRow } from '../layers/validate.ts';
import { check, type CheckResponse } from '../rules/engine.ts';
import type { Deps } from './deps.ts';
import { assertKnownProfile, ruleIdsSchema } from './rule-inputs.ts';

export const proposalLayers = ['mining_rights', 'tailings_ponds'] as const satisfies readonly ProposalLayer[];
export const proposalStatuses = ['draft', 'under_review', 'approved', 'rejected'] as const satisfies readonly ProposalStatus[];

/** Where each status may go next. */
export const transitions: Record<ProposalStatus, readonly ProposalStatus[]> = {
  draft: ['under_review'],
  under_review: ['approved', 'rejected', 'draft'],
  rejected: ['draft'],
  approved: [],
};

export type Verdict = CheckResponse['verdict'];

export interface ProposalCheckSummary {
  id: number;
  checkedAt: string;
  verdict: Verdict;
  profile: string;
}

export interface ProposalSummary {
  id: string;
  layer: ProposalLayer;
  name: string;
  status: ProposalStatus;
  createdAt: string;
  updatedAt: string;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
  /** The id the feature has (approved) or will have in its layer: `properties.id` when given, else the proposal id. */
  layerFeatureId: string;
  latestCheck: ProposalCheckSummary | null;
}

export interface ProposalCheck {
  id: number;
  proposalId: string;
  checkedAt: string;
  profile: string;
  ruleVersions: Record<string, number>;
  verdict: Verdict;
  result: CheckResponse;
}

export interface ProposalDetail extends ProposalSummary {
  /** GeoJSON Feature: `id` is the proposal id; properties hold name and everything else kept. */
  feature: Feature;
  properties: Record<string, unknown>;
  allowedTransitions: ProposalStatus[];
  /** Every check run on it, newest first. */
  checks: ProposalCheck[];
}

// ------------------------------------------------------------------------------------------------ request shapes

const featureBody = z
  .object({
    type: z.literal('Feature'),
    geometry: z.object({ type: z.string() }).passthrough(),
    properties: z.record(z.string(), z.unknown()).nullable().optional(),
  })
  .passthrough();

const createBody = z
  .object({
    layer: z.enum(proposalLayers),
    feature: featureBody,
    status: z.enum(['draft', 'under_review']).optional(),
  })
  .strict();

const updateBody = z
  .object({
    feature: featureBody.optional(),
    name: z.string().trim().min(1).optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
    status: z.enum(proposalStatuses).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change: give feature, name, properties or status');

const checkBody = z.object({ rules: ruleIdsSchema, profile: z.string().optional() }).strict();

const idParam = z.object({ id: z.string().min(1) });
const listQuery = z.object({ layer: z.enum(proposalLayers).optional(), status: z.enum(proposalStatuses).optional() });

// ------------------------------------------------------------------------------------------------ helpers

const iso = (value: unknown) => new Date(value as string | Date).toISOString();

/** Splits a feature's properties into the name (its own column) and the rest. */
function splitName(properties: Record<string, unknown> | null | undefined): { name: unknown; rest: Record<string, unknown> } {
  const { name, ...rest } = properties ?? {};
  return { name, rest };
}

/**
 * The layer row a proposal stands for, validated by the layer catalog (like POST /api/layers/:layer/features) and by
 * PostGIS (ST_IsValidReason). `proposalId` is left out while the proposal does not exist yet.
 */
async function featureRow(
  db: Executor,
  layer: ProposalLayer,
  proposal: { id?: string; name: unknown; properties: Record<string, unknown>; geometry: unknown },
): Promise<FeatureRow> {
  const properties = {
    ...proposal.properties,
    ...(proposal.id ? { proposalId: proposal.id } : {}),
    id: proposal.properties.id ?? proposal.id ?? 'proposal',
    name: proposal.name,
  };
  const { rows: valid, problems } = validateFeatures(layers[layer], [{ type: 'Feature', properties, geometry: proposal.geometry }]);
  if (problems.length) throw new ApiError(400, `invalid ${layers[layer].title.en.toLowerCase()} feature`, problems);
  const invalid = await invalidGeometries(db, [valid[0].geometry]);
  if (invalid.length) {
    throw new ApiError(400, 'invalid geometry', [{ feature: 0, field: 'geometry', problem: `invalid geometry: ${invalid[0].reason}` }]);
  }
  return valid[0];
}

interface StoredProposal {
  id: string;
  layer: ProposalLayer;
  name: string;
  status: ProposalStatus;
  properties: Record<string, unknown>;
  geometry: Geometry;
  created_at: unknown;
  updated_at: unknown;
  w: number;
  s: number;
  e: number;
  n: number;
  check_id: number | null;
  checked_at: unknown;
  verdict: Verdict | null;
  profile: string | null;
}

function selectProposals(where: SQL, lock = false): SQL {
  return sql`SELECT p.id, p.layer, p.name, p.status, p.properties, ST_AsGeoJSON(p.geom, 9)::json AS geometry,
                    p.created_at, p.updated_at,
                    ST_XMin(p.geom) AS w, ST_YMin(p.geom) AS s, ST_XMax(p.geom) AS e, ST_YMax(p.geom) AS n,
                    c.id AS check_id, c.checked_at, c.verdict, c.profile
             FROM proposals p
             LEFT JOIN LATERAL (
               SELECT pc.id, pc.checked_at, pc.verdict, pc.profile FROM proposal_checks pc
               WHERE pc.proposal_id = p.id ORDER BY pc.checked_at DESC, pc.id DESC LIMIT 1) c ON true
             WHERE ${where}
             ORDER BY p.created_at DESC, p.id DESC
             ${lock ? sql`FOR UPDATE OF p` : sql``}`;
}

function summary(row: StoredProposal): ProposalSummary {
  return {
    id: row.id,
    layer: row.layer,
    name: row.name,
    status: row.status,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    bbox: [Number(row.w), Number(row.s), Number(row.e), Number(row.n)],
    layerFeatureId: typeof row.properties.id === 'string' ? row.properties.id : row.id,
    latestCheck:
      row.check_id === null ? null : { id: Number(row.check_id), checkedAt: iso(row.checked_at), verdict: row.verdict!, profile: row.profile! },
  };
}

async function loadProposal(db: Executor, id: string, lock = false): Promise<StoredProposal> {
  const [row] = await rows<StoredProposal>(db, selectProposals(sql`p.id = ${id}`, lock));
  if (!row) throw new ApiError(404, `no proposal "${id}"`);
  return row;
}

async function detail(db: Executor, row: StoredProposal): Promise<ProposalDetail> {
  const history = await rows<{ id: number; checked_at: unknown; profile: string; rule_versions: Record<string, number>; verdict: Verdict; result: CheckResponse }>(
    db,
    sql`SELECT id, checked_at, profile, rule_versions, verdict, result FROM proposal_checks
        WHERE proposal_id = ${row.id} ORDER BY checked_at DESC, id DESC`,
  );
  return {
    ...summary(row),
    feature: { type: 'Feature', id: row.id, properties: { ...row.properties, name: row.name }, geometry: row.geometry },
    properties: row.properties,
    allowedTransitions: [...transitions[row.status]],
    checks: history.map((h) => ({
      id: Number(h.id),
      proposalId: row.id,
      checkedAt: iso(h.checked_at),
      profile: h.profile,
      ruleVersions: h.rule_versions,
      verdict: h.verdict,
      result: h.result,
    })),
  };
}

// ------------------------------------------------------------------------------------------------ routes

export function proposalsRoutes({ db, profiles }: Deps) {
  return new Hono()
    .get('/', validate('query', listQuery), async (c) => {
      const { layer, status } = c.req.valid('query');
      const conditions = [sql`true`];
      if (layer) conditions.push(sql`p.layer = ${layer}`);
      if (status) conditions.push(sql`p.status = ${status}`);
      const found = await rows<StoredProposal>(db.orm, selectProposals(sql.join(conditions, sql` AND `)));
      return c.json(found.map(summary));
    })
    .post('/', validate('json', createBody), async (c) => {
      const body = c.req.valid('json');
      const { name, rest } = splitName(body.feature.properties);
      const row = await featureRow(db.orm, body.layer, { name, properties: rest, geometry: body.feature.geometry });
      const [created] = await db.orm
        .insert(proposals)
        .values({ layer: body.layer, name: row.name, status: body.status ?? 'draft', properties: rest, geom: row.geometry })
        .returning({ id: proposals.id });
      return c.json(await detail(db.orm, await loadProposal(db.orm, created.id)), 201);
    })
    .get('/:id', validate('param', idParam), async (c) => {
      return c.json(await detail(db.orm, await loadProposal(db.orm, c.req.valid('param').id)));
    })
    .put('/:id', validate('param', idParam), validate('json', updateBody), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      await db.orm.transaction(async (tx) => {
        const current = await loadProposal(tx, id, true);
        const next = body.status ?? current.status;
        if (next !== current.status && !transitions[current.status].includes(next)) {
          const allowed = transitions[current.status];
          throw new ApiError(400, `cannot change status from ${current.status} to ${next}`, [
            { field: 'status', problem: `from ${current.status} a proposal may go to ${allowed.length ? allowed.join(' or ') : 'no other status (approved is final)'}` },
          ]);
        }
        const edits = body.feature !== undefined || body.name !== undefined || body.properties !== undefined;
        if (edits && current.status !== 'draft' && next !== 'draft') {
          throw new ApiError(409, `proposal "${id}" is ${current.status}; only a draft can be edited`, [
            { field: 'status', problem: current.status === 'approved' ? 'an approved proposal is final' : 'move it back to draft (status: "draft") to edit it' },
          ]);
        }

        // The proposal after this request: feature, then name / properties on top.
        const fromFeature = body.feature ? splitName(body.feature.properties) : undefined;
        const fromProperties = body.properties ? splitName(body.properties) : undefined;
        const properties = fromProperties?.rest ?? fromFeature?.rest ?? current.properties;
        const name = body.name ?? fromProperties?.name ?? fromFeature?.name ?? current.name;
        const geometry = body.feature?.geometry ?? current.geometry;
        const row = await featureRow(tx, current.layer, { id, name, properties, geometry });

        if (next === 'approved' && current.status !== 'approved') {
          // Into its layer, in this transaction: a duplicate id (409) or an invalid feature (400) leaves everything as it was.
          await insertFeatures(tx, layers[current.layer], [row]);
        }
        await tx
          .update(proposals)
          .set({ name: row.name, properties, geom: row.geometry, status: next, updatedAt: sql`now()` })
          .where(sql`${proposals.id} = ${id}`);
      });
      return c.json(await detail(db.orm, await loadProposal(db.orm, id)));
    })
    .post('/:id/checks', validate('param', idParam), validate('json', checkBody.optional().default({})), async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      assertKnownProfile(profiles, body.profile);
      const proposal = await loadProposal(db.orm, id);
      const row = await featureRow(db.orm, proposal.layer, { id, name: proposal.name, properties: proposal.properties, geometry: proposal.geometry });
      const result = await check(db.orm, profiles, { layer: proposal.layer, feature: row, rules: body.rules, profile: body.profile });
      const [stored] = await db.orm
        .insert(proposalChecks)
        .values({
          proposalId: id,
          profile: result.profile.name,
          ruleVersions: result.ruleVersions,
          verdict: result.verdict,
          result: result as unknown as Record<string, unknown>,
        })
        .returning({ id: proposalChecks.id, checkedAt: proposalChecks.checkedAt });
      const record: ProposalCheck = {
        id: stored.id,
        proposalId: id,
        checkedAt: iso(stored.checkedAt),
        profile: result.profile.name,
        ruleVersions: result.ruleVersions,
        verdict: result.verdict,
        result,
      };
      return c.json(record, 201);
    })
    .delete('/:id', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const deleted = await db.orm
        .delete(proposals)
        .where(sql`${proposals.id} = ${id} AND ${proposals.status} = 'draft'`)
        .returning({ id: proposals.id });
      if (deleted.length === 0) {
        const current = await loadProposal(db.orm, id); // 404 when it does not exist
        throw new ApiError(409, `proposal "${id}" is ${current.status}; only a draft can be deleted`, [
          { field: 'status', problem: current.status === 'approved' ? 'an approved proposal is kept as the record of the decision' : 'move it back to draft first' },
        ]);
      }
      return c.json({ deleted: 1, id });
    });
}
