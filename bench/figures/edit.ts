/**
 * The one edit the benchmark times what follows (an incremental findings refresh, a fresh audit): a stored, not closed
 * mining right (the 1,001st by id) moved ~10 m east on even moves and back on odd ones, so an even number of moves
 * leaves the dataset as it was.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../server/db/client.ts';

/** Returns `move(i)`, the i-th move of the edited right. */
export async function rightMover(db: Db): Promise<(i: number) => Promise<void>> {
  const [right] = await rows<{ id: string }>(db.orm, sql`SELECT id FROM mining_rights WHERE status IS DISTINCT FROM 'closed' ORDER BY id LIMIT 1 OFFSET 1000`);
  return async (i) => {
    await db.orm.execute(sql`UPDATE mining_rights SET geom = ST_Translate(geom, ${i % 2 === 0 ? 0.0001 : -0.0001}, 0) WHERE id = ${right.id}`);
  };
}
