/**
 * After one real, scripted conversation (a full booking with rating), /metrics shows that
 * counters, histograms and gauges moved, and every metric named by the Grafana dashboard and
 * the alert rules is exported by the app.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { collectGauges } from '../../src/housekeeping/gauges';
import { startTestSystem, type TestSystem } from '../helpers/system';
import { ChatUser } from '../helpers/chat';
import { addProvider, seedServiceTypes } from '../helpers/marketplace';
import { customerUpToProviders, warmUp } from '../helpers/journeys';
import { eventually } from '../helpers/redis';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
});
afterAll(async () => {
  await t.stop();
});

type Samples = Map<string, number>;

async function scrape(): Promise<{ text: string; samples: Samples }> {
  const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    samples.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return { text, samples };
}

const sum = (s: Samples, name: string, labels: Record<string, string> = {}): number => {
  let total = 0;
  for (const [series, v] of s) {
    const brace = series.indexOf('{');
    const metric = brace < 0 ? series : series.slice(0, brace);
    if (metric !== name) continue;
    if (Object.entries(labels).every(([k, val]) => series.includes(`${k}="${val}"`))) total += v;
  }
  return total;
};

it('one booking moves the business and transport metrics; every dashboard/alert metric is exported', async () => {
  const before = (await scrape()).samples;
  const services = await seedServiceTypes(t.db.knex);
  const provider = new ChatUser(t, '5215599990001', 'Pro');
  await addProvider(t.db.knex, services, { waId: provider.waId, displayName: 'Plomería Métrica' });
  await warmUp(provider);
  const customer = new ChatUser(t, '5215599990002', 'Cli');
  await customerUpToProviders(customer, 'Cliente Métrica');
  await customer.expect(/ordenados por cercanía y calificación/);
  await customer.tap(/Que la app elija/);
  await provider.expect(/Nueva solicitud/);
  await provider.tap(/Aceptar/);
  await customer.expect(/aceptó/);
  await provider.tap(/Terminado/);
  await customer.expect(/¿Quedó listo\?/);
  await customer.tap(/Sí, ya quedó/);
  await customer.expect(/Elige de 1 a 5/);
  await customer.tap(/★★★★★/);
  await customer.expect(/comentario/);
  await customer.tap(/Omitir/);
  await customer.expect(/Gracias por tu calificación/);
  // A delivery status from Meta for one of the replies.
  const sent = customer.all()[0].raw.messageId!;
  await t.postWebhook({
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
              statuses: [
                {
                  id: sent,
                  status: 'delivered',
                  timestamp: '1764100000',
                  recipient_id: customer.waId,
                },
              ],
            },
          },
        ],
      },
    ],
  });
  await collectGauges({
    redis: t.system.redis,
    knex: t.db.knex,
    queues: t.system.queues,
    prefix: t.prefix,
    sessionTtlMs: 86_400_000,
    logger: t.system.logger,
  });
  const after = await eventually(async () => {
    const s = (await scrape()).samples;
    return sum(s, 'whatsapp_statuses_received_total', { status: 'delivered' }) >
      sum(before, 'whatsapp_statuses_received_total', { status: 'delivered' })
      ? s
      : null;
  });

  const moved = (name: string, labels: Record<string, string> = {}) =>
    sum(after, name, labels) - sum(before, name, labels);
  expect(moved('whatsapp_messages_received_total', { type: 'text' })).toBeGreaterThanOrEqual(3);
  expect(moved('whatsapp_messages_received_total', { type: 'listReply' })).toBeGreaterThanOrEqual(
    3,
  );
  expect(moved('whatsapp_messages_received_total', { type: 'location' })).toBe(1);
  expect(moved('whatsapp_messages_sent_total', { outcome: 'sent' })).toBeGreaterThanOrEqual(10);
  expect(moved('service_requests_created_total', { service: 'plumbing' })).toBe(1);
  expect(moved('service_requests_completed_total', { service: 'plumbing' })).toBe(1);
  expect(moved('offers_total', { outcome: 'sent' })).toBe(1);
  expect(moved('offers_total', { outcome: 'accepted' })).toBe(1);
  expect(moved('provider_responses_duration_seconds_count', { outcome: 'accepted' })).toBe(1);
  expect(
    moved('webhook_processing_duration_seconds_count', { outcome: 'accepted' }),
  ).toBeGreaterThanOrEqual(12);
  expect(moved('inbound_to_reply_seconds_count')).toBeGreaterThanOrEqual(10);
  expect(
    moved('http_request_duration_seconds_count', { route: '/webhook', status: '200' }),
  ).toBeGreaterThanOrEqual(12);
  expect(moved('conversation_transitions_total')).toBeGreaterThanOrEqual(20);
  expect(sum(after, 'active_sessions')).toBeGreaterThanOrEqual(2);
  expect(sum(after, 'providers_online', { service: 'plumbing' })).toBe(1);
  expect(sum(after, 'dependency_up', { dependency: 'postgres' })).toBe(1);
  expect(sum(after, 'queue_depth', { queue: 'outbound' })).toBeGreaterThanOrEqual(0);
  expect(after.has('process_resident_memory_bytes')).toBe(true);

  const { text } = await scrape();
  const referenced = execFileSync('node', [
    path.resolve(__dirname, '../../../monitoring/list-metrics.mjs'),
  ])
    .toString()
    .trim()
    .split('\n');
  expect(referenced.length).toBeGreaterThan(20);
  const missing = referenced.filter((name) => !new RegExp(`^# TYPE ${name} `, 'm').test(text));
  expect(missing).toEqual([]);
});
