/** The message-log pool commits asynchronously; the main pool keeps full durability. */
import { createKnex } from '../../../src/db/knex';

it('sets synchronous_commit off only where asked', async () => {
  const url = process.env.DATABASE_URL!;
  const durable = createKnex({ url, poolMax: 1 });
  const relaxed = createKnex({ url, poolMax: 1, synchronousCommit: false });
  try {
    const a = await durable.raw('show synchronous_commit');
    const b = await relaxed.raw('show synchronous_commit');
    expect(a.rows[0].synchronous_commit).toBe('on');
    expect(b.rows[0].synchronous_commit).toBe('off');
  } finally {
    await durable.destroy();
    await relaxed.destroy();
  }
});
