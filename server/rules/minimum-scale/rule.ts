// PLACEHOLDER written by the lead so the registry compiles; the helper implementing this rule replaces this file.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { plain } from '../evidence.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'minimum-scale',
  version: 0,
  title: { zh: 'minimum-scale', en: 'minimum-scale' },
  description: { zh: '', en: '' },
  appliesTo: ['mining_rights', 'tailings_ponds'],
  params: z.object({
    minimums: z
      .array(
        z
          .object({
            minerals: z.array(z.string()).min(1),
            methods: z.array(z.enum(['underground', 'open_pit', 'mixed'])).min(1),
            adminCodes: z.array(z.string()).optional(),
            minWanTpa: z.number().positive(),
            label: z.string().optional(),
          })
          .strict(),
      )
      .default([])
      .describe('Minimum capacities by mineral and method, optionally limited to counties; the first matching entry applies'),
  }),
  units: {},
  basis: { documents: [], clause: '' },
  indexes: [],
  query: ({ subjects }) => sql`SELECT s.id AS subject_id FROM (${subjects}) s WHERE false`,
  evaluate: () => plain('not_applicable', { measured: null, threshold: null, unit: null, message: '未实现', messageEn: 'not implemented' }),
});
