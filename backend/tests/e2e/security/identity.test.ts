/**
 * A different BSUID on a known number (a recycled number) through the whole bot (issue 16,
 * finding 5): the newcomer is a new person to the bot (asked for their name, never greeted with
 * the previous owner's), the previous owner's account is untouched, and the mismatch is recorded.
 * The identity rule itself: backend/tests/integration/security/identity.test.ts.
 */
import { inboundEnvelope } from '../../../dev/fake-cloud-api/payloads';
import { conversationKeys } from '../../../src/queue/keys';
import { eventually } from '../../helpers/redis';
import { startTestSystem, type TestSystem } from '../../helpers/system';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t.stop();
});

const WA_ID = '5215512354001';
const TO = '525512354001';
const texts = () =>
  t.fake
    .received()
    .filter((m) => m.kind === 'message' && m.to === TO)
    .map((m) => JSON.stringify(m.body));

async function say(userId: string, text: string, waitFor: RegExp): Promise<void> {
  const before = texts().length;
  expect(
    (
      await t.postWebhook(
        inboundEnvelope({ waId: WA_ID, userId, name: 'Perfil' }, { type: 'text', body: text }),
      )
    ).status,
  ).toBe(200);
  await eventually(
    async () =>
      texts()
        .slice(before)
        .some((b) => waitFor.test(b)),
    10000,
  );
}

it('a known number arriving with another BSUID is a new person: asked for a name, not greeted as the previous owner', async () => {
  await say('MX.owner0001', 'hola', /Cómo te llamas/);
  await say('MX.owner0001', 'Dueña Anterior', /En qué te ayudo/);
  const owner = await t.db.knex('users').where({ wa_id: WA_ID }).first();
  expect(owner).toMatchObject({ name: 'Dueña Anterior', bsuid: 'MX.owner0001' });

  // Months later the number belongs to someone else (the old session long expired).
  await t.system.redis.del(conversationKeys(t.prefix, `wa:${WA_ID}`).state);
  const before = texts().length;
  await say('MX.newcomer01', 'hola', /Cómo te llamas/);
  expect(texts().slice(before).join('\n')).not.toContain('Dueña');
  await say('MX.newcomer01', 'Nuevo Dueño', /En qué te ayudo/);

  const newcomer = await t.db.knex('users').where({ bsuid: 'MX.newcomer01' }).first();
  expect(newcomer).toMatchObject({ name: 'Nuevo Dueño', wa_id: null });
  expect(await t.db.knex('users').where({ id: owner.id }).first()).toMatchObject({
    name: 'Dueña Anterior',
    wa_id: WA_ID,
    bsuid: 'MX.owner0001',
  });
  const audit = await t.db.knex('audit_log').where({ action: 'user.identity_mismatch' });
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({
    entity_id: String(newcomer.id),
    data: { kind: 'number_has_other_bsuid', contradicts: [owner.id] },
  });
});
