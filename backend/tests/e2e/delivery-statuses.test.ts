/**
 * Delivery statuses through the real webhook: `sent` / `delivered` / `read` go to the buffered
 * message log (one RPUSH before the 200, no job each) and reach Postgres at the next flush,
 * recorded against the reply they belong to, forward only, whatever their order or how often
 * Meta redelivers them; a `failed` still goes through the inbound queue with its error code.
 */
import { startTestSystem, type TestSystem } from '../helpers/system';
import { ChatUser } from '../helpers/chat';
import { eventually } from '../helpers/redis';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
});
afterAll(async () => {
  await t.stop();
});

const statusWebhook = (
  statuses: { id: string; status: string; recipient_id: string; errors?: unknown[] }[],
) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { phone_number_id: t.config.whatsapp.phoneNumberId },
            statuses: statuses.map((s, i) => ({ ...s, timestamp: String(1764100000 + i) })),
          },
        },
      ],
    },
  ],
});

const logRow = (wamid: string) =>
  t.db.knex('message_log').where({ wamid }).first<{
    status: string;
    message_type: string;
    user_id: number | null;
    error_code: number | null;
  }>();

it('statuses out of order and redelivered, in one webhook: the reply ends read, against its send', async () => {
  const customer = new ChatUser(t, '5215599870001', 'Estatus');
  await customer.say('hola');
  await customer.expect(/.+/);
  const wamid = customer.all()[0]!.raw.messageId!;
  const batch = statusWebhook([
    { id: wamid, status: 'read', recipient_id: customer.waId },
    { id: wamid, status: 'sent', recipient_id: customer.waId },
    { id: wamid, status: 'delivered', recipient_id: customer.waId },
  ]);
  expect((await t.postWebhook(batch)).status).toBe(200);
  expect((await t.postWebhook(batch)).status).toBe(200); // Meta redelivers
  const row = await eventually(async () => {
    const r = await logRow(wamid);
    return r?.status === 'read' && r.message_type !== 'unknown' ? r : null;
  });
  expect(row.user_id).not.toBeNull();
  // A late `delivered` never moves it back.
  await t.postWebhook(
    statusWebhook([{ id: wamid, status: 'delivered', recipient_id: customer.waId }]),
  );
  await new Promise((r) => setTimeout(r, 600));
  expect((await logRow(wamid))?.status).toBe('read');
});

it('a failed status is still recorded with its error code (through the queue)', async () => {
  const customer = new ChatUser(t, '5215599870002', 'Falla');
  await customer.say('hola');
  await customer.expect(/.+/);
  const wamid = customer.all()[0]!.raw.messageId!;
  const res = await t.postWebhook(
    statusWebhook([
      {
        id: wamid,
        status: 'failed',
        recipient_id: customer.waId,
        errors: [{ code: 131026, title: 'Message undeliverable' }],
      },
    ]),
  );
  expect(res.status).toBe(200);
  const row = await eventually(async () => {
    const r = await logRow(wamid);
    return r?.status === 'failed' ? r : null;
  });
  expect(row.error_code).toBe(131026);
});
