/**
 * Query parameters shared by several routes.
 */
import { z } from 'zod';

/** `bbox=west,south,east,north` in longitude/latitude. */
export const bboxParam = z
  .string()
  .transform((s) => s.split(',').map(Number))
  .pipe(
    z
      .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
      .refine(([w, s, e, n]) => w <= e && s <= n, 'bbox must be west,south,east,north with west ≤ east and south ≤ north'),
  );
