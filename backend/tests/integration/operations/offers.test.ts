/** offerRequest / expireOffer / answerOffer against real Postgres, including the races. */
import type { Knex } from 'knex';
import type { Operations } from '../../../src/conversation/operations';
import type { User } from '../../../src/db/users';
import { createTestDb, type TestDb } from '../../helpers/db';
import {
  counterValue,
  handlersFor,
  histogramCount,
  makeProvider,
  makeServiceType,
  makeUser,
  near,
  nextKey,
  OFFER_TIMEOUT_S,
  runner,
  type TestProvider,
} from './fixtures';

type Offered = Extract<Operations['offerRequest']['output'], { status: 'offered' }>;

describe('operations: offers', () => {
  let db: TestDb;
  let knex: Knex;
  let run: ReturnType<typeof runner>;
  let customer: User;

  beforeAll(async () => {
    db = await createTestDb({ poolMax: 30 });
    knex = db.knex;
    run = runner(handlersFor(knex));
    customer = await makeUser(knex, 'Lucía Hernández');
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** A fresh trade per test, so providers of other tests never match. */
  async function world(n: number, spec: Partial<Parameters<typeof makeProvider>[1]> = {}) {
    const svc = await makeServiceType(knex);
    const providers: TestProvider[] = [];
    for (let i = 0; i < n; i++)
      providers.push(
        await makeProvider(knex, { services: [svc.id], at: near(0.5 * (i + 1)), ...spec }),
      );
    const newRequest = async (at = near(0), who = customer) =>
      (
        await run(
          'createRequest',
          {
            idempotencyKey: nextKey('req'),
            customerUserId: who.id,
            serviceTypeId: svc.id,
            lat: at.lat,
            lng: at.lng,
            address: 'Colima 143, Roma Norte',
          },
          who,
        )
      ).requestId;
    return { svc, providers, newRequest };
  }

  const offer = (requestId: number, extra: Partial<Operations['offerRequest']['input']> = {}) =>
    run(
      'offerRequest',
      { idempotencyKey: nextKey('offer'), requestId, maxOffers: 5, ...extra },
      customer,
    );

  const asOffered = (out: Operations['offerRequest']['output']): Offered => {
    if (out.status !== 'offered') throw new Error(`expected offered, got ${JSON.stringify(out)}`);
    return out;
  };

  const requestStatus = async (id: number) =>
    (await knex('service_requests').select('status', 'offers_count').where({ id }).first()) as {
      status: string;
      offers_count: number;
    };

  describe('offerRequest', () => {
    it('claims the best eligible provider and records a pending offer', async () => {
      const { providers, newRequest, svc } = await world(3);
      const sentBefore = await counterValue('offers', { outcome: 'sent' });
      const requestId = await newRequest();
      const out = asOffered(await offer(requestId));
      const nearest = providers[0]!;
      expect(out).toMatchObject({
        status: 'offered',
        requestId,
        attempt: 1,
        previous: null,
        serviceName: { es: `Servicio ${svc.code}`, en: `Service ${svc.code}` },
        // The neighbourhood, not the street (the street goes to the provider who accepts).
        area: 'Roma Norte, Cuauhtémoc, CDMX',
        provider: {
          userId: nearest.user.id,
          name: nearest.provider.displayName,
          conversationKey: `wa:${nearest.user.waId}`,
        },
      });
      expect(out.distanceKm).toBeCloseTo(0.5, 1);
      const row = await knex('offers').where({ id: out.offerId }).first();
      expect(row).toMatchObject({
        request_id: requestId,
        provider_id: nearest.provider.id,
        status: 'offered',
      });
      // The database keeps the offer answerable a little past the conversation's timer.
      expect(row.expires_at.getTime() - row.offered_at.getTime()).toBeGreaterThan(
        OFFER_TIMEOUT_S * 1000,
      );
      expect(await requestStatus(requestId)).toEqual({ status: 'offered', offers_count: 1 });
      expect(await counterValue('offers', { outcome: 'sent' })).toBe(sentBefore + 1);
    });

    it('is idempotent by key: the same call twice gives the same offer and one row', async () => {
      const { newRequest } = await world(2);
      const requestId = await newRequest();
      const key = nextKey('offer');
      const sentBefore = await counterValue('offers', { outcome: 'sent' });
      const first = await offer(requestId, { idempotencyKey: key });
      const again = await offer(requestId, { idempotencyKey: key });
      expect(again).toEqual(first);
      expect(await knex('offers').where({ request_id: requestId })).toHaveLength(1);
      expect(await counterValue('offers', { outcome: 'sent' })).toBe(sentBefore + 1);
      expect((await requestStatus(requestId)).offers_count).toBe(1);
    });

    it('never opens a second offer for a request while one is pending (returns the open one)', async () => {
      const { newRequest } = await world(2);
      const requestId = await newRequest();
      const first = asOffered(await offer(requestId));
      const second = asOffered(await offer(requestId));
      expect(second.offerId).toBe(first.offerId);
      expect(second.attempt).toBe(1);
      expect(await knex('offers').where({ request_id: requestId })).toHaveLength(1);
    });

    it('goes down the list after a decline, counting attempts and skipping everyone already offered', async () => {
      const { providers, newRequest } = await world(3);
      const requestId = await newRequest();
      const seen: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        const out = asOffered(await offer(requestId));
        expect(out.attempt).toBe(attempt);
        seen.push(out.provider.userId);
        const who = providers.find((p) => p.user.id === out.provider.userId)!;
        const answer = await run(
          'answerOffer',
          {
            idempotencyKey: nextKey('tap'),
            offerId: out.offerId,
            providerUserId: who.user.id,
            accept: false,
          },
          who.user,
        );
        expect(answer.status).toBe('declined');
      }
      expect(new Set(seen).size).toBe(3);
      const none = await offer(requestId);
      expect(none).toMatchObject({ status: 'none', requestId, reason: 'no_candidates' });
      expect((await requestStatus(requestId)).status).toBe('no_providers');
    });

    it('stops at maxOffers: the request becomes no_providers with reason exhausted', async () => {
      const { providers, newRequest } = await world(3);
      const requestId = await newRequest();
      const out = asOffered(await offer(requestId, { maxOffers: 1 }));
      const who = providers.find((p) => p.user.id === out.provider.userId)!;
      await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('tap'),
          offerId: out.offerId,
          providerUserId: who.user.id,
          accept: false,
        },
        who.user,
      );
      expect(await offer(requestId, { maxOffers: 1 })).toMatchObject({
        status: 'none',
        reason: 'exhausted',
      });
      expect((await requestStatus(requestId)).status).toBe('no_providers');
      // Closed now: any further call changes nothing.
      expect(await offer(requestId, { maxOffers: 5 })).toMatchObject({
        status: 'none',
        reason: 'not_open',
      });
    });

    it('nobody eligible at all → no_candidates, and the request is closed', async () => {
      const { newRequest } = await world(0);
      const requestId = await newRequest();
      expect(await offer(requestId)).toMatchObject({ status: 'none', reason: 'no_candidates' });
      expect((await requestStatus(requestId)).status).toBe('no_providers');
    });

    it('a cancelled or accepted request is not_open and nothing changes', async () => {
      const { newRequest } = await world(2);
      const requestId = await newRequest();
      await run('cancelRequest', { requestId, customerUserId: customer.id }, customer);
      expect(await offer(requestId)).toMatchObject({ status: 'none', reason: 'not_open' });
      expect(await knex('offers').where({ request_id: requestId })).toHaveLength(0);
      expect(await offer(987654)).toMatchObject({
        status: 'none',
        requestId: 987654,
        reason: 'not_open',
      });
    });

    it('offers the provider the customer chose; never replaces them without the customer agreeing', async () => {
      const { providers, newRequest } = await world(3);
      const far = providers[2]!;
      const r1 = await newRequest();
      const out1 = asOffered(await offer(r1, { preferredProviderUserId: far.user.id }));
      expect(out1.provider.userId).toBe(far.user.id);
      expect((await knex('service_requests').where({ id: r1 }).first()).chosen_provider_id).toBe(
        far.provider.id,
      );

      // `far` now holds a pending offer: not eligible for another request. Nothing else happens.
      const r2 = await newRequest();
      expect(await offer(r2, { preferredProviderUserId: far.user.id })).toEqual({
        status: 'chosen_unavailable',
        requestId: r2,
        serviceName: expect.any(Object),
        providerName: far.provider.displayName,
        wasOffered: false,
        previous: null,
      });
      expect(await requestStatus(r2)).toEqual({ status: 'searching', offers_count: 0 });
      // Asking again (a retry timer) still waits for the customer.
      expect(await offer(r2)).toMatchObject({ status: 'chosen_unavailable', wasOffered: false });
      // The customer agreed: the best available one.
      const replaced = asOffered(await offer(r2, { replaceChosen: true }));
      expect(replaced.provider.userId).not.toBe(far.user.id);
      expect(
        (await knex('service_requests').where({ id: r2 }).first()).chosen_provider_id,
      ).toBeNull();

      // The chosen provider declines: the customer is asked again, nobody else is offered it.
      await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: out1.offerId,
          providerUserId: far.user.id,
          accept: false,
        },
        far.user,
      );
      expect(await offer(r1)).toMatchObject({
        status: 'chosen_unavailable',
        providerName: far.provider.displayName,
        wasOffered: true,
      });
      expect(await knex('offers').where({ request_id: r1 })).toHaveLength(1);
      expect(asOffered(await offer(r1, { replaceChosen: true })).provider.userId).not.toBe(
        far.user.id,
      );

      // A preferred user who is not a provider at all: there is nobody to wait for.
      const r3 = await newRequest();
      expect((await offer(r3, { preferredProviderUserId: customer.id })).status).toBe('offered');
    });

    it('names the provider of the offer that expired just before, to tell them what became of it', async () => {
      const { providers, newRequest } = await world(2);
      const requestId = await newRequest();
      const first = asOffered(await offer(requestId));
      expect(first.previous).toBeNull();
      await run('expireOffer', { offerId: first.offerId }, customer);
      const next = asOffered(await offer(requestId, { previousOfferId: first.offerId }));
      const holder = providers.find((p) => p.user.id === first.provider.userId)!;
      expect(next.previous).toEqual({
        offerId: first.offerId,
        conversationKey: `wa:${holder.user.waId}`,
      });
      // Nobody left: still named (the request closes with `none`).
      await run('expireOffer', { offerId: next.offerId }, customer);
      expect(await offer(requestId, { previousOfferId: next.offerId })).toMatchObject({
        status: 'none',
        reason: 'no_candidates',
        previous: { offerId: next.offerId },
      });
      // An offer of another request is not named.
      const other = await newRequest();
      expect(await offer(other, { previousOfferId: first.offerId })).toMatchObject({
        previous: null,
      });
    });

    it('never offers the customer their own provider profile, nor busy, offline or unapproved providers', async () => {
      const svc = await makeServiceType(knex);
      const self = await makeProvider(knex, { services: [svc.id], at: near(0.1) });
      await makeProvider(knex, { services: [svc.id], at: near(0.2), online: false });
      await makeProvider(knex, {
        services: [svc.id],
        at: near(0.3),
        status: 'pending',
        online: true,
      });
      await makeProvider(knex, { services: [svc.id], at: near(0.4), status: 'suspended' });
      const { requestId } = await run(
        'createRequest',
        {
          idempotencyKey: nextKey('req'),
          customerUserId: self.user.id,
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          address: null,
        },
        self.user,
      );
      expect(
        await run(
          'offerRequest',
          { idempotencyKey: nextKey('o'), requestId, maxOffers: 5 },
          self.user,
        ),
      ).toMatchObject({
        status: 'none',
        reason: 'no_candidates',
      });
    });

    it('gives a BSUID-only provider a bs: conversation key', async () => {
      const svc = await makeServiceType(knex);
      const user = await makeUser(knex, 'Beto', { bsuid: `MX.${nextKey('bs')}` });
      const { provider } = await makeProvider(knex, { services: [svc.id], at: near(0.2) });
      await knex('providers').update({ user_id: user.id }).where({ id: provider.id });
      const { requestId } = await run(
        'createRequest',
        {
          idempotencyKey: nextKey('req'),
          customerUserId: customer.id,
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          address: null,
        },
        customer,
      );
      const out = asOffered(await offer(requestId));
      expect(out.provider.conversationKey).toBe(`bs:${user.bsuid}`);
      // No address typed: the offer names the neighbourhood nearest the pin (never a street).
      expect(out.area).toBe('Roma Norte, Cuauhtémoc, CDMX');
    });

    it('20 requests racing for 5 online providers: 5 offers, no provider with two pending offers', async () => {
      const { newRequest } = await world(5);
      const requests = await Promise.all(Array.from({ length: 20 }, () => newRequest(near(0.1))));
      const outs = await Promise.all(requests.map((id) => offer(id)));
      const offered = outs.filter((o): o is Offered => o.status === 'offered');
      expect(offered).toHaveLength(5);
      expect(new Set(offered.map((o) => o.provider.userId)).size).toBe(5);
      expect(
        outs
          .filter((o) => o.status === 'none')
          .every((o) => o.status === 'none' && o.reason === 'no_candidates'),
      ).toBe(true);
      const perProvider = await knex('offers')
        .select('provider_id')
        .whereIn('request_id', requests)
        .where({ status: 'offered' })
        .groupBy('provider_id')
        .count<{ provider_id: number; count: string }[]>('* as count');
      expect(perProvider).toHaveLength(5);
      expect(perProvider.every((r) => Number(r.count) === 1)).toBe(true);
    });

    it('one request offered by 8 commands at once: one offer, the same for all', async () => {
      const { newRequest } = await world(5);
      const requestId = await newRequest();
      const outs = await Promise.all(Array.from({ length: 8 }, () => offer(requestId)));
      expect(new Set(outs.map((o) => asOffered(o).offerId)).size).toBe(1);
      expect(outs.filter((o) => asOffered(o).attempt === 1)).toHaveLength(8);
      expect(await knex('offers').where({ request_id: requestId })).toHaveLength(1);
      expect(await requestStatus(requestId)).toEqual({ status: 'offered', offers_count: 1 });
    });

    it('skips a provider whose row another transaction holds instead of waiting for it', async () => {
      const { providers, newRequest } = await world(2);
      const requestId = await newRequest();
      const [nearest, next] = [providers[0]!, providers[1]!];
      const holder = await knex.transaction();
      try {
        await holder('providers').select('id').where({ id: nearest.provider.id }).forUpdate();
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new Error('offerRequest waited for a locked provider')),
            5000,
          ).unref(),
        );
        const out = asOffered(await Promise.race([offer(requestId), timeout]));
        expect(out.provider.userId).toBe(next.user.id);
      } finally {
        await holder.rollback();
      }
      expect(
        await knex('offers').where({ request_id: requestId, provider_id: nearest.provider.id }),
      ).toHaveLength(0);
    });
  });

  describe('expireOffer', () => {
    it('expires a pending offer once: the provider is free again and the request searching', async () => {
      const { newRequest } = await world(2);
      const requestId = await newRequest();
      const o = asOffered(await offer(requestId));
      const before = await counterValue('offers', { outcome: 'expired' });
      const out = await run('expireOffer', { offerId: o.offerId }, customer);
      const { visitFee: _fee, ...who } = o.provider;
      expect(out).toEqual({
        status: 'expired',
        offerId: o.offerId,
        requestId,
        provider: who,
        setOffline: false,
      });
      expect((await knex('offers').where({ id: o.offerId }).first()).status).toBe('expired');
      expect((await requestStatus(requestId)).status).toBe('searching');
      expect(await counterValue('offers', { outcome: 'expired' })).toBe(before + 1);
      // A second timer (another command) finds nothing pending.
      expect(await run('expireOffer', { offerId: o.offerId }, customer)).toEqual({
        status: 'not_pending',
        offerId: o.offerId,
        requestId,
      });
    });

    it('frees the provider: the only provider around is offered the next request', async () => {
      const { providers, newRequest } = await world(1);
      const o = asOffered(await offer(await newRequest()));
      expect(await offer(await newRequest())).toMatchObject({
        status: 'none',
        reason: 'no_candidates',
      });
      await run('expireOffer', { offerId: o.offerId }, customer);
      expect(asOffered(await offer(await newRequest())).provider.userId).toBe(
        providers[0]!.user.id,
      );
    });

    it('a re-run of the same command (crash before the result was delivered) returns the first outcome', async () => {
      const { newRequest } = await world(1);
      const requestId = await newRequest();
      const o = asOffered(await offer(requestId));
      const commandId = nextKey('timer');
      const first = await run('expireOffer', { offerId: o.offerId }, customer, { commandId });
      const again = await run('expireOffer', { offerId: o.offerId }, customer, { commandId });
      expect(first.status).toBe('expired');
      expect(again).toEqual(first);
    });

    it('not_pending when the offer was accepted, declined or withdrawn meanwhile, or is unknown', async () => {
      const { providers, newRequest } = await world(3);
      const byId = (id: number) => providers.find((p) => p.user.id === id)!;
      const accepted = asOffered(await offer(await newRequest()));
      await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: accepted.offerId,
          providerUserId: accepted.provider.userId,
          accept: true,
        },
        byId(accepted.provider.userId).user,
      );
      expect(await run('expireOffer', { offerId: accepted.offerId }, customer)).toMatchObject({
        status: 'not_pending',
      });

      const declined = asOffered(await offer(await newRequest()));
      await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: declined.offerId,
          providerUserId: declined.provider.userId,
          accept: false,
        },
        byId(declined.provider.userId).user,
      );
      expect(await run('expireOffer', { offerId: declined.offerId }, customer)).toMatchObject({
        status: 'not_pending',
      });

      const rid = await newRequest();
      const withdrawn = asOffered(await offer(rid));
      await run('cancelRequest', { requestId: rid, customerUserId: customer.id }, customer);
      expect(await run('expireOffer', { offerId: withdrawn.offerId }, customer)).toEqual({
        status: 'not_pending',
        offerId: withdrawn.offerId,
        requestId: rid,
      });

      expect(await run('expireOffer', { offerId: 99999999 }, customer)).toEqual({
        status: 'not_pending',
        offerId: 99999999,
        requestId: 0,
      });
    });

    it('reports (once) an offer closed without an answer elsewhere, so the customer moves on', async () => {
      const { newRequest } = await world(1);
      const requestId = await newRequest();
      const o = asOffered(await offer(requestId));
      // The provider was suspended while the offer was open; their Accept closes it.
      await knex('providers').update({ status: 'suspended' }).where({ user_id: o.provider.userId });
      const tap = await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: o.offerId,
          providerUserId: o.provider.userId,
          accept: true,
        },
        { waId: o.provider.conversationKey.slice(3) },
      );
      expect(tap).toEqual({ status: 'not_available', offerId: o.offerId });
      expect((await knex('offers').where({ id: o.offerId }).first()).status).toBe('cancelled');
      // The customer's timer still fires: the request is waiting on this offer, so it is reported.
      expect(await run('expireOffer', { offerId: o.offerId }, customer)).toMatchObject({
        status: 'expired',
        offerId: o.offerId,
        requestId,
      });
      expect(await run('expireOffer', { offerId: o.offerId }, customer)).toMatchObject({
        status: 'not_pending',
      });
    });

    it('missed offers in a row set the provider offline (3 by default); any answer starts the count afresh', async () => {
      const { providers, newRequest } = await world(1);
      const p = providers[0]!;
      const miss = async () => {
        const o = asOffered(await offer(await newRequest()));
        return run('expireOffer', { offerId: o.offerId }, customer);
      };
      expect(await miss()).toMatchObject({ status: 'expired', setOffline: false });
      expect(await miss()).toMatchObject({ status: 'expired', setOffline: false });
      // An answer (here a decline) ends the run.
      const d = asOffered(await offer(await newRequest()));
      await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: d.offerId,
          providerUserId: p.user.id,
          accept: false,
        },
        p.user,
      );
      expect(await miss()).toMatchObject({ setOffline: false });
      expect(await miss()).toMatchObject({ setOffline: false });
      expect(await miss()).toMatchObject({ setOffline: true });
      const row = await knex('providers').where({ id: p.provider.id }).first();
      expect(row).toMatchObject({ online: false, missed_offers: 0 });
      expect(await offer(await newRequest())).toMatchObject({
        status: 'none',
        reason: 'no_candidates',
      });
      // Back online: offered again, with a fresh count.
      expect(
        await run('setProviderOnline', { providerUserId: p.user.id, online: true }, p.user),
      ).toMatchObject({ status: 'ok', online: true });
      expect(asOffered(await offer(await newRequest())).provider.userId).toBe(p.user.id);
    });
  });

  describe('answerOffer', () => {
    it('accept: offer accepted, request accepted, provider busy, job details for both sides', async () => {
      const { providers, newRequest, svc } = await world(1);
      const p = providers[0]!;
      const requestId = await newRequest();
      const o = asOffered(await offer(requestId));
      const acceptedBefore = await counterValue('offers', { outcome: 'accepted' });
      const durationsBefore = await histogramCount('providerResponseDuration', {
        outcome: 'accepted',
      });
      const out = await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: o.offerId,
          providerUserId: p.user.id,
          accept: true,
        },
        p.user,
      );
      expect(out).toEqual({
        status: 'accepted',
        offerId: o.offerId,
        job: {
          requestId,
          serviceName: { es: `Servicio ${svc.code}`, en: `Service ${svc.code}` },
          lat: near(0).lat,
          lng: near(0).lng,
          address: 'Colima 143, Roma Norte',
          customer: {
            userId: customer.id,
            name: 'Lucía Hernández',
            phone: `52${customer.waId!.slice(3)}`,
            conversationKey: `wa:${customer.waId}`,
          },
          provider: {
            userId: p.user.id,
            name: p.provider.displayName,
            phone: `52${p.user.waId!.slice(3)}`,
            conversationKey: `wa:${p.user.waId}`,
          },
        },
      });
      expect((await requestStatus(requestId)).status).toBe('accepted');
      expect(
        (await knex('providers').where({ id: p.provider.id }).first()).current_request_id,
      ).toBe(requestId);
      expect(await counterValue('offers', { outcome: 'accepted' })).toBe(acceptedBefore + 1);
      expect(await histogramCount('providerResponseDuration', { outcome: 'accepted' })).toBe(
        durationsBefore + 1,
      );
    });

    it('decline: offer declined, request searching again, customer key for the notice', async () => {
      const { providers, newRequest } = await world(1);
      const p = providers[0]!;
      const requestId = await newRequest();
      const o = asOffered(await offer(requestId));
      const out = await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: o.offerId,
          providerUserId: p.user.id,
          accept: false,
        },
        p.user,
      );
      expect(out).toMatchObject({
        status: 'declined',
        offerId: o.offerId,
        requestId,
        providerName: p.provider.displayName,
        customer: { conversationKey: `wa:${customer.waId}` },
      });
      expect((await requestStatus(requestId)).status).toBe('searching');
    });

    it("typed (offerId null): answers the provider's one open offer; none_open when there is none", async () => {
      const { providers, newRequest } = await world(1);
      const p = providers[0]!;
      const typed = (accept: boolean) =>
        run(
          'answerOffer',
          { idempotencyKey: nextKey('typed'), offerId: null, providerUserId: p.user.id, accept },
          p.user,
        );
      expect(await typed(true)).toEqual({ status: 'none_open' });

      const requestId = await newRequest();
      const o = asOffered(await offer(requestId));
      expect(await typed(false)).toMatchObject({
        status: 'declined',
        offerId: o.offerId,
        requestId,
      });
      expect((await requestStatus(requestId)).status).toBe('searching');
      // Declined: nothing open any more, so a second typed answer finds nothing to answer.
      expect(await typed(true)).toEqual({ status: 'none_open' });

      const second = await newRequest();
      const o2 = asOffered(await offer(second));
      expect(await typed(true)).toMatchObject({ status: 'accepted', offerId: o2.offerId });
      expect((await requestStatus(second)).status).toBe('accepted');
    });

    it('same key twice returns the first outcome; a second tap is already_answered', async () => {
      const { providers, newRequest } = await world(1);
      const p = providers[0]!;
      const o = asOffered(await offer(await newRequest()));
      const key = nextKey('t');
      const first = await run(
        'answerOffer',
        { idempotencyKey: key, offerId: o.offerId, providerUserId: p.user.id, accept: true },
        p.user,
      );
      const replay = await run(
        'answerOffer',
        { idempotencyKey: key, offerId: o.offerId, providerUserId: p.user.id, accept: true },
        p.user,
      );
      expect(first.status).toBe('accepted');
      expect(replay).toEqual(first);
      expect(
        await run(
          'answerOffer',
          {
            idempotencyKey: nextKey('t'),
            offerId: o.offerId,
            providerUserId: p.user.id,
            accept: true,
          },
          p.user,
        ),
      ).toEqual({
        status: 'already_answered',
        offerId: o.offerId,
        accepted: true,
      });
      expect(
        await run(
          'answerOffer',
          {
            idempotencyKey: nextKey('t'),
            offerId: o.offerId,
            providerUserId: p.user.id,
            accept: false,
          },
          p.user,
        ),
      ).toEqual({
        status: 'already_answered',
        offerId: o.offerId,
        accepted: true,
      });
    });

    it('not_available: someone else’s offer, unknown id, expired, withdrawn', async () => {
      const { providers, newRequest } = await world(2);
      const [a, b] = providers as [TestProvider, TestProvider];
      const o = asOffered(await offer(await newRequest(), { preferredProviderUserId: a.user.id }));
      const tap = (offerId: number, who: TestProvider, accept = true) =>
        run(
          'answerOffer',
          { idempotencyKey: nextKey('t'), offerId, providerUserId: who.user.id, accept },
          who.user,
        );
      expect(await tap(o.offerId, b)).toEqual({ status: 'not_available', offerId: o.offerId });
      expect(await tap(12345678, a)).toEqual({ status: 'not_available', offerId: 12345678 });
      expect((await knex('offers').where({ id: o.offerId }).first()).status).toBe('offered');

      await run('expireOffer', { offerId: o.offerId }, customer);
      expect(await tap(o.offerId, a)).toEqual({ status: 'not_available', offerId: o.offerId });
      expect(await tap(o.offerId, a, false)).toEqual({
        status: 'not_available',
        offerId: o.offerId,
      });

      const rid = await newRequest();
      const w = asOffered(await offer(rid, { preferredProviderUserId: a.user.id }));
      await run('cancelRequest', { requestId: rid, customerUserId: customer.id }, customer);
      expect(await tap(w.offerId, a)).toEqual({ status: 'not_available', offerId: w.offerId });
    });

    it('an offer past its database deadline cannot be accepted', async () => {
      const { providers, newRequest } = await world(1);
      const p = providers[0]!;
      const o = asOffered(await offer(await newRequest()));
      const late = Date.now() + 3600_000;
      const out = await run(
        'answerOffer',
        {
          idempotencyKey: nextKey('t'),
          offerId: o.offerId,
          providerUserId: p.user.id,
          accept: true,
        },
        p.user,
        { now: late },
      );
      expect(out).toEqual({ status: 'not_available', offerId: o.offerId });
    });

    it('one provider tapping Accept on a stale offer and the current one at once gets exactly one job', async () => {
      const { providers, newRequest } = await world(1);
      const p = providers[0]!;
      const o1 = asOffered(await offer(await newRequest()));
      await run('expireOffer', { offerId: o1.offerId }, customer);
      const o2 = asOffered(await offer(await newRequest()));
      expect(o2.provider.userId).toBe(p.user.id);
      const taps = await Promise.all(
        [o1.offerId, o2.offerId, o1.offerId, o2.offerId].map((offerId) =>
          run(
            'answerOffer',
            { idempotencyKey: nextKey('t'), offerId, providerUserId: p.user.id, accept: true },
            p.user,
          ),
        ),
      );
      expect(taps.filter((t) => t.status === 'accepted')).toEqual([
        expect.objectContaining({ offerId: o2.offerId }),
      ]);
      expect(
        await knex('service_requests').where({ provider_id: p.provider.id, status: 'accepted' }),
      ).toHaveLength(1);
    });

    it('ten concurrent Accept taps on the same offer: one accepted, the rest already_answered', async () => {
      const { providers, newRequest } = await world(1);
      const p = providers[0]!;
      const o = asOffered(await offer(await newRequest()));
      const taps = await Promise.all(
        Array.from({ length: 10 }, () =>
          run(
            'answerOffer',
            {
              idempotencyKey: nextKey('t'),
              offerId: o.offerId,
              providerUserId: p.user.id,
              accept: true,
            },
            p.user,
          ),
        ),
      );
      expect(taps.filter((t) => t.status === 'accepted')).toHaveLength(1);
      expect(taps.filter((t) => t.status === 'already_answered')).toHaveLength(9);
    });
  });
});

describe('operations: accept stays atomic even without the one-open-offer index', () => {
  let db: TestDb;
  afterAll(async () => {
    await db.destroy();
  });

  it('two pending offers of one provider accepted concurrently → exactly one job', async () => {
    db = await createTestDb({ poolMax: 20 });
    const knex = db.knex;
    const run = runner(handlersFor(knex));
    await knex.raw('drop index offers_one_open_per_provider_uq');
    const svc = await makeServiceType(knex);
    const customer = await makeUser(knex);
    const p = await makeProvider(knex, { services: [svc.id] });
    const offers: number[] = [];
    for (let i = 0; i < 2; i++) {
      const { requestId } = await run(
        'createRequest',
        {
          idempotencyKey: nextKey('req'),
          customerUserId: customer.id,
          serviceTypeId: svc.id,
          lat: near(0).lat,
          lng: near(0).lng,
          address: null,
        },
        customer,
      );
      const [row] = await knex('offers')
        .insert({
          request_id: requestId,
          provider_id: p.provider.id,
          status: 'offered',
          expires_at: new Date(Date.now() + 600_000),
        })
        .returning('id');
      offers.push(row.id);
    }
    for (let round = 0; round < 3; round++) {
      const taps = await Promise.all(
        [...offers, ...offers].map((offerId) =>
          run(
            'answerOffer',
            { idempotencyKey: nextKey('t'), offerId, providerUserId: p.user.id, accept: true },
            p.user,
          ),
        ),
      );
      if (round === 0) expect(taps.filter((t) => t.status === 'accepted')).toHaveLength(1);
      else expect(taps.filter((t) => t.status === 'accepted')).toHaveLength(0);
    }
    expect(
      await knex('service_requests').where({ provider_id: p.provider.id, status: 'accepted' }),
    ).toHaveLength(1);
  });
});
