/**
 * /api/checks, /api/rules, /api/audit: the rule engine over HTTP (CONTRACT.md "Checks").
 */
import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { ApiError } from '../http/errors.ts';
import { validate } from '../http/validator.ts';
import { layers } from '../layers/catalog.ts';
import { invalidGeometries } from '../layers/store.ts';
import { validateFeatures } from '../layers/validate.ts';
import { eachStoredFindingPage } from '../findings/read.ts';
import { refreshFindings } from '../findings/refresh.ts';
import { audit, basisText, check } from '../rules/engine.ts';
import { registry } from '../rules/registry.ts';
import type { Deps } from './deps.ts';
import { assertKnownProfile, ruleIdsSchema } from './rule-inputs.ts';

const checkBody = z.object({
  layer: z.enum(['mining_rights', 'tailings_ponds']),
  feature: z.object({ type: z.literal('Feature') }).passthrough(),
  rules: ruleIdsSchema,
  profile: z.string().optional(),
});

const auditBody = z
  .object({
    rules: ruleIdsSchema,
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    includePassing: z.boolean().optional(),
  })
  .strict();

export function rulesRoutes({ db, profiles }: Deps) {
  return new Hono()
    .get('/rules', (c) =>
      c.json(
        registry.map((rule) => ({
          id: rule.id,
          version: rule.version,
          title: rule.title,
          description: rule.description,
          appliesTo: rule.appliesTo,
          basis: basisText(rule),
          parameters: Object.entries(rule.params.shape).map(([name, schema]) => ({
            name,
            unit: (rule.units as Record<string, string | undefined>)[name] ?? null,
            description: (schema as z.ZodType).description ?? null,
            default: (rule.params.parse({}) as Record<string, unknown>)[name],
            inForce: Object.fromEntries([...profiles.byName.keys()].map((p) => [p, profiles.paramsFor(rule, p)[name]])),
          })),
        })),
      ),
    )
    .get('/profiles', (c) =>
      c.json([...profiles.byName.values()].map(({ name, title, description, match }) => ({ name, title, description, match }))),
    )
    .post('/checks', validate('json', checkBody), async (c) => {
      const body = c.req.valid('json');
      assertKnownProfile(profiles, body.profile);
      const feature = body.feature as { properties?: Record<string, unknown> | null };
      // A proposal drawn on the map need not have a stored id or a name yet.
      const properties = { id: 'proposal', name: '拟设方案', ...(feature.properties ?? {}) };
      const { rows, problems } = validateFeatures(layers[body.layer], [{ ...feature, properties }]);
      if (problems.length) throw new ApiError(400, 'invalid feature', problems);
      const invalid = await invalidGeometries(db.orm, [rows[0].geometry]);
      if (invalid.length) {
        throw new ApiError(400, 'invalid geometry', [{ feature: 0, id: rows[0].id, field: 'geometry', problem: `invalid geometry: ${invalid[0].reason}` }]);
      }
      return c.json(await check(db.orm, profiles, { layer: body.layer, feature: rows[0], rules: body.rules, profile: body.profile }));
    })
    .post('/audit', validate('json', auditBody.optional().default({})), async (c) => {
      const body = c.req.valid('json');
      // Passing verdicts are not stored: they are audited now, and held in memory (narrow big areas with bbox).
      if (body.includePassing) return c.json({ findings: await audit(db.orm, profiles, body) });
      // Fail and warn findings are the stored ones, first brought up to date with every write made before this
      // request (re-auditing only around what changed, or waiting for a rebuild that is due), then streamed a page
      // at a time: a province has ~2 million of them.
      await refreshFindings(db, profiles);
      c.header('Content-Type', 'application/json; charset=UTF-8');
      return stream(c, async (out) => {
        await out.write('{"findings":[');
        let first = true;
        await eachStoredFindingPage(db.orm, { rules: body.rules, bbox: body.bbox }, 'rule', async (page) => {
          const text = page.map((f) => JSON.stringify(f)).join(',');
          await out.write(first ? text : `,${text}`);
          first = false;
        });
        await out.write(']}');
      });
    });
}
