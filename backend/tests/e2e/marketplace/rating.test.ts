/**
 * Issue 14, the end of a job: the customer confirms it is finished before rating ("¿Quedó listo?"),
 * "Todavía no" gives the job back to the provider, one reminder when nobody rated, the stars can
 * be changed for 15 minutes (the provider is told), the comment reaches the provider. Through the
 * real webhook, worker, timers queue, Postgres and the fake Cloud API; the reminder's delay is
 * skipped by promoting its delayed job (the only thing not waited for).
 */
import { startTestSystem, type TestSystem } from '../../helpers/system';
import { ChatUser } from '../../helpers/chat';
import { customerUpToProviders, warmUp } from '../../helpers/journeys';
import { addProvider, seedServiceTypes } from '../../helpers/marketplace';
import { timerJobId } from '../../../src/queue/job-options';
import { timerIds } from '../../../src/conversation/timers';

let t: TestSystem;
let services: Map<string, number>;

beforeAll(async () => {
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
  services = await seedServiceTypes(t.db.knex);
});
afterAll(async () => {
  await t.stop();
});

async function bookedJob(
  customerWa: string,
  providerWa: string,
  providerName: string,
  service: 'plumbing' | 'electrical' = 'plumbing',
) {
  const provider = new ChatUser(t, providerWa, providerName);
  await addProvider(t.db.knex, services, {
    waId: provider.waId,
    displayName: providerName,
    services: [service],
  });
  await warmUp(provider);
  const customer = new ChatUser(t, customerWa, 'Cliente');
  await customerUpToProviders(
    customer,
    'Rocío Méndez',
    service === 'plumbing' ? /Plomería/ : /Electricidad/,
  );
  await customer.expect(/ordenados por cercanía y calificación/);
  await customer.tap(/Que la app elija/);
  await provider.expect(/Nueva solicitud/);
  await provider.tap(/Aceptar/);
  await customer.expect(/aceptó tu solicitud/);
  await provider.expect((m) => m.options.some((o) => /Terminado/.test(o.title)));
  const request = await t.db
    .knex('service_requests')
    .where({ customer_id: t.db.knex('users').select('id').where({ wa_id: customer.waId }) })
    .orderBy('id', 'desc')
    .first();
  return { provider, customer, requestId: request.id as number };
}

const statusOf = async (id: number): Promise<string> =>
  (await t.db.knex('service_requests').where({ id }).first()).status;

it('"Todavía no" gives the job back to the provider; later "ya quedó" (typed) leads to the stars; the comment reaches the provider', async () => {
  const { provider, customer, requestId } = await bookedJob(
    '5215531000001',
    '5215531000101',
    'Plomería Reyes',
  );
  await provider.tap(/Terminado/);
  await provider.expect(/Trabajo terminado/);
  const [asked] = (await customer.expect(/¿Quedó listo\?/)).slice(-1);
  expect(asked.options.map((o) => o.title)).toEqual(['Sí, ya quedó', 'Todavía no']);
  expect(await statusOf(requestId)).toBe('done');

  await customer.tap(/Todavía no/);
  await customer.expect(/Le avisé a Plomería Reyes/);
  const [back] = (await provider.expect(/aún no está terminado/)).slice(-1);
  expect(back.options.map((o) => o.title)).toEqual(['Terminado']);
  expect(await statusOf(requestId)).toBe('accepted');
  const busy = await t.db.knex('providers').where({ display_name: 'Plomería Reyes' }).first();
  expect(busy.current_request_id).toBe(requestId);

  // Later the provider finds the job from the menu ("Mis trabajos") and marks it done there.
  await provider.say('menú');
  await provider.expect((m) => m.options.some((o) => /Mis trabajos/.test(o.title)));
  await provider.tap(/Mis trabajos/);
  const [jobs] = (
    await provider.expect((m) => m.options.some((o) => /Terminado/.test(o.title)))
  ).slice(-1);
  expect(jobs.text).toMatch(/Rocío Méndez/);
  expect(jobs.text).toMatch(/wa\.me\/52/);
  await provider.tap(/Terminado/);
  await provider.expect(/Trabajo terminado/);
  await customer.expect(/¿Quedó listo\?/);
  await customer.say('ya quedó, gracias');
  await customer.expect(/Elige de 1 a 5 estrellas/);
  await customer.tap(/★★★★★/);
  await provider.expect(/te calificó con 5 estrellas/);
  await customer.expect(/comentario/);
  await customer.say('Muy limpio y rápido');
  await customer.expect(/Gracias por tu calificación/);
  await provider.expect(/«Muy limpio y rápido»/);
  expect(await t.db.knex('ratings').where({ request_id: requestId }).first()).toMatchObject({
    stars: 5,
    comment: 'Muy limpio y rápido',
  });

  // Changed within 15 minutes from the same list: the provider is told the new stars, once.
  const before = provider.all().length;
  await customer.tap(/^★★★★ /);
  await provider.expect(/cambió su calificación a 4 estrellas/);
  await customer.expect(/comentario/);
  expect(
    provider
      .all()
      .slice(before)
      .filter((m) => /calific/.test(m.text)),
  ).toHaveLength(1);
  expect((await t.db.knex('ratings').where({ request_id: requestId }).first()).stars).toBe(4);
});

it('one reminder when the job is not rated, with the stars; rating from it works', async () => {
  const { provider, customer, requestId } = await bookedJob(
    '5215531000002',
    '5215531000102',
    'Electricista Olvera',
    'electrical',
  );
  await provider.tap(/Terminado/);
  await customer.expect(/¿Quedó listo\?/);

  // The customer never answers; the reminder fires (its delay skipped).
  const job = await t.system.queues.timers.getJob(
    timerJobId(customer.key, timerIds.rateReminder(requestId)),
  );
  expect(job).toBeTruthy();
  expect(await job!.isDelayed()).toBe(true);
  expect(job!.opts.delay).toBe(240 * 60_000);
  const seen = customer.all().length;
  await job!.promote();
  const [reminder] = (await customer.expect(/¿Cómo te fue con Electricista Olvera/)).slice(-1);
  expect(reminder.options.map((o) => o.title)).toHaveLength(5);
  expect(customer.all().slice(seen)).toHaveLength(1);

  // Rated from the reminder: the next job's reminder is cancelled by the rating.
  await customer.tap(/^★★★ /);
  await customer.expect(/comentario/);
  await customer.tap(/Omitir/);
  await customer.expect(/Gracias por tu calificación/);
  expect((await t.db.knex('ratings').where({ request_id: requestId }).first()).stars).toBe(3);
});
