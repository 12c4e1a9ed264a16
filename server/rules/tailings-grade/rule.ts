// PLACEHOLDER written by the lead so the registry compiles; the helper implementing this rule replaces this file.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { plain } from '../evidence.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'tailings-grade',
  version: 0,
  title: { zh: 'tailings-grade', en: 'tailings-grade' },
  description: { zh: '', en: '' },
  appliesTo: ['mining_rights', 'tailings_ponds'],
  params: z.object({}),
  units: {},
  basis: { documents: [], clause: '' },
  indexes: [],
  query: ({ subjects }) => sql`SELECT s.id AS subject_id FROM (${subjects}) s WHERE false`,
  evaluate: () => plain('not_applicable', { measured: null, threshold: null, unit: null, message: '未实现', messageEn: 'not implemented' }),
});
