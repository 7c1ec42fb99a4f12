/**
 * A tiny in-memory world for scripted journeys: several conversations driven by the real
 * step, operations implemented over in-memory tables following the semantics documented in
 * operations.ts, notices routed between conversations, timers on a fake clock.
 * Every step goes through the harness's `run` (table + limits invariants).
 */
import type { Command } from '../../../src/conversation/commands';
import type { ConversationEvent, InboundMessageEvent } from '../../../src/conversation/events';
import type { Locale } from '../../../src/conversation/locale-types';
import type {
  OperationName,
  Operations,
  ProviderStatus,
  RequestStatus,
  UserRecord,
} from '../../../src/conversation/operations';
import type { ConversationState } from '../../../src/conversation/state';
import {
  geocodeAddress as geocodeText,
  geocodePostalCode,
  nearestArea,
} from '../../../src/geo/geocode';
import { coverageOf } from '../../../src/operations/coverage';
import type { OutboundMessage } from '../../../src/shared/messages';
import { NOW, SERVICES, ctx, run, sentText } from './harness';
import { RATING_EDIT_WINDOW_MS } from '../../../src/conversation/operations';

interface Provider {
  status: ProviderStatus;
  online: boolean;
  name: string;
  services: number[];
  lat: number;
  lng: number;
  radiusKm: number;
  lastOfferedAt: number;
  visitFee: number | null;
  missed: number;
}
interface User {
  id: number;
  key: string;
  name: string | null;
  locale: Locale;
  phone: string | null;
  provider: Provider | null;
}
interface Request {
  id: number;
  customerId: number;
  serviceTypeId: number;
  lat: number;
  lng: number;
  address: string | null;
  status: RequestStatus;
  createdAt: number;
  acceptedBy: number | null;
  /** The provider (user id) the customer chose, until they agree to someone else. */
  chosen: number | null;
  /** For a retry: the first request of the chain. */
  original: number | null;
  acceptedAt: number | null;
  /** The provider said "done" too soon after accepting: the customer must confirm. */
  doneClaimed: boolean;
  cancelReason: string | null;
  /** The customer said it is urgent (offers show it). */
  urgent?: boolean;
}
interface Offer {
  id: number;
  requestId: number;
  providerId: number;
  status: 'pending' | 'accepted' | 'declined' | 'expired' | 'withdrawn';
  answerKey: string | null;
}
interface Rating {
  requestId: number;
  providerId: number;
  stars: number;
  comment: string | null;
  at: number;
}
interface Timer {
  key: string;
  timerId: string;
  at: number;
  timer: string;
  data: Record<string, unknown>;
}

/** An inbound message without the envelope fields (distributive over the union). */
type Payload = InboundMessageEvent extends infer E
  ? E extends unknown
    ? Omit<E, 'id' | 'at' | 'source' | 'profile'>
    : never
  : never;

function km(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const x = (((bLng - aLng) * Math.PI) / 180) * Math.cos(((aLat + bLat) / 2) * (Math.PI / 180));
  const y = ((bLat - aLat) * Math.PI) / 180;
  return Math.sqrt(x * x + y * y) * 6371;
}

export class World {
  now = NOW;
  maxOffers = 5;
  offerTimeoutMs = 300_000;
  maxMissedOffers = 3;
  jobDoneMinMinutes = 0;
  states = new Map<string, ConversationState | null>();
  outbox = new Map<string, { message: OutboundMessage; command: Command }[]>();
  users: User[] = [];
  requests: Request[] = [];
  offers: Offer[] = [];
  ratings: Rating[] = [];
  /** coverage_waitlist rows: one per user and place. */
  waitlist: { userId: number; place: string }[] = [];
  timers: Timer[] = [];
  private queue: { key: string; event: ConversationEvent }[] = [];
  private ids = 0;
  private keys = new Map<string, unknown>();

  /* ---------- setup ---------- */

  addUser(key: string, fields: Partial<Omit<User, 'id' | 'key'>> = {}): User {
    const user: User = {
      id: 100 + this.users.length,
      key,
      name: null,
      locale: 'es',
      phone: null,
      provider: null,
      ...fields,
    };
    this.users.push(user);
    return user;
  }

  addProvider(
    key: string,
    name: string,
    at: { lat: number; lng: number },
    fields: Partial<Provider> = {},
    phone: string | null = null,
  ): User {
    return this.addUser(key, {
      name,
      phone,
      provider: {
        status: 'approved',
        online: true,
        name,
        services: [1],
        lat: at.lat,
        lng: at.lng,
        radiusKm: 10,
        lastOfferedAt: 0,
        visitFee: null,
        missed: 0,
        ...fields,
      },
    });
  }

  userByKey(key: string): User {
    const u = this.users.find((x) => x.key === key);
    if (!u) throw new Error(`no user ${key}`);
    return u;
  }

  /* ---------- driving ---------- */

  /**
   * A new customer books the provider at `providerKey` for plumbing ("gotea la llave", at the
   * provider's base) and, unless `accept` is false, the provider accepts. Every outbox is emptied.
   * The provider's user id.
   */
  bookWith(customerKey: string, customerName: string, providerKey: string, accept = true): number {
    const pro = this.userByKey(providerKey);
    this.text(customerKey, 'hola', customerName).tap(customerKey, 'name:profile');
    this.row(customerKey, 'menu:new').row(customerKey, 'svc:1').text(customerKey, 'gotea la llave');
    this.location(customerKey, pro.provider!.lat, pro.provider!.lng);
    this.row(customerKey, `pick:${pro.id}`).tap(customerKey, `book:${pro.id}`);
    if (accept) this.tap(providerKey, `offer:accept:${this.offers.at(-1)!.id}`);
    for (const u of this.users) this.take(u.key);
    return pro.id;
  }

  /** A user message: `key` writes; processing runs until the world is quiet. */
  say(key: string, event: Payload & { profileName?: string }): this {
    const { profileName, ...rest } = event;
    const full = {
      ...rest,
      source: 'user',
      id: `wamid.${++this.ids}`,
      at: this.now,
      profile: { name: profileName ?? '' },
    } as InboundMessageEvent;
    this.queue.push({ key, event: full });
    return this.settle();
  }

  text(key: string, text: string, profileName?: string): this {
    return this.say(key, { kind: 'text', text, ...(profileName ? { profileName } : {}) });
  }

  tap(key: string, id: string): this {
    return this.say(key, { kind: 'button', buttonId: id, title: '' });
  }

  row(key: string, id: string): this {
    return this.say(key, { kind: 'listReply', rowId: id, title: '' });
  }

  location(key: string, lat: number, lng: number): this {
    return this.say(key, { kind: 'location', latitude: lat, longitude: lng });
  }

  /** An admin API notice. */
  notice(key: string, notice: string, data: Record<string, unknown> = {}): this {
    this.queue.push({
      key,
      event: {
        source: 'internal',
        kind: 'notice',
        id: `n.${++this.ids}`,
        at: this.now,
        notice,
        data,
      },
    });
    return this.settle();
  }

  /** Move the clock and fire due timers. */
  advance(ms: number): this {
    this.now += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= this.now).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.queue.push({
        key: due.key,
        event: {
          source: 'internal',
          kind: 'timer',
          id: `t.${++this.ids}`,
          at: this.now,
          timer: due.timer,
          data: due.data,
        },
      });
      this.settle();
    }
    return this;
  }

  /** Messages sent to `key` since the last call (and forget them). */
  take(key: string): string {
    const out = this.outbox.get(key) ?? [];
    this.outbox.set(key, []);
    return sentText(out.map((o) => o.command));
  }

  /** Ids of the buttons/rows of the last message sent to `key`. */
  lastIds(key: string): string[] {
    const last = (this.outbox.get(key) ?? []).at(-1)?.message;
    if (!last) return [];
    if (last.type === 'buttons') return last.buttons.map((b) => b.id);
    if (last.type === 'list') return last.sections.flatMap((s) => s.rows.map((r) => r.id));
    return [];
  }

  stateOf(key: string): string {
    const s = this.states.get(key);
    return s ? s.name : 'none';
  }

  private settle(): this {
    while (this.queue.length) {
      const { key, event } = this.queue.shift()!;
      this.process(key, event);
    }
    return this;
  }

  private process(key: string, event: ConversationEvent): void {
    const out = run(
      this.states.get(key) ?? null,
      event,
      ctx({
        now: this.now,
        maxOffersPerRequest: this.maxOffers,
        offerTimeoutMs: this.offerTimeoutMs,
      }),
    );
    this.states.set(key, out.state);
    const callsToRun: Extract<Command, { kind: 'call' }>[] = [];
    for (const c of out.commands) {
      switch (c.kind) {
        case 'send':
          this.outbox.set(key, [
            ...(this.outbox.get(key) ?? []),
            { message: c.message, command: c },
          ]);
          break;
        case 'markRead':
          break;
        case 'startTimer':
          this.timers.push({
            key,
            timerId: c.timerId,
            at: this.now + c.delayMs,
            timer: c.timer,
            data: c.data,
          });
          break;
        case 'cancelTimer':
          this.timers = this.timers.filter((t) => !(t.key === key && t.timerId === c.timerId));
          break;
        case 'notify':
          this.queue.push({
            key: c.to,
            event: {
              source: 'internal',
              kind: 'notice',
              id: `n.${++this.ids}`,
              at: this.now,
              notice: c.notice,
              data: c.data,
            },
          });
          break;
        case 'call':
          callsToRun.push(c);
          break;
      }
    }
    for (const c of callsToRun) {
      const result = this.op(key, c.op, c.input as never);
      const id = `r.${++this.ids}`;
      const base = {
        source: 'internal' as const,
        kind: 'result' as const,
        id,
        at: this.now,
        op: c.op,
        tag: c.tag,
      };
      this.process(
        key,
        (result === undefined
          ? { ...base, ok: false, error: 'fake failure' }
          : { ...base, ok: true, output: result }) as ConversationEvent,
      );
    }
  }

  /* ---------- operations ---------- */

  failing = new Set<OperationName>();
  private handoffs = 0;

  private once<T>(idempotencyKey: string, f: () => T): T {
    if (!this.keys.has(idempotencyKey)) this.keys.set(idempotencyKey, f());
    return this.keys.get(idempotencyKey) as T;
  }

  private record(u: User): UserRecord {
    const last = [...this.requests].reverse().find((r) => r.customerId === u.id);
    const service = last ? SERVICES.find((s) => s.id === last.serviceTypeId) : undefined;
    return {
      id: u.id,
      name: u.name,
      locale: u.locale,
      role: u.provider ? 'provider' : 'customer',
      phone: u.phone,
      provider: u.provider ? { status: u.provider.status, online: u.provider.online } : null,
      lastRequest:
        last && service
          ? {
              serviceTypeId: last.serviceTypeId,
              serviceName: service.name,
              lat: last.lat,
              lng: last.lng,
              address: last.address,
            }
          : null,
    };
  }

  private byId(id: number): User {
    const u = this.users.find((x) => x.id === id);
    if (!u) throw new Error(`no user ${id}`);
    return u;
  }

  private party(u: User) {
    return {
      userId: u.id,
      name: u.provider?.name ?? u.name ?? '',
      phone: u.phone,
      conversationKey: u.key,
    };
  }

  private serviceName(id: number) {
    return SERVICES.find((s) => s.id === id)!.name;
  }

  private stats(u: User) {
    const mine = this.ratings.filter((r) => r.providerId === u.id);
    return {
      status: u.provider!.status,
      online: u.provider!.online,
      name: u.provider!.name,
      ratingAvg: mine.length ? mine.reduce((a, r) => a + r.stars, 0) / mine.length : null,
      ratingCount: mine.length,
      jobsDone: this.requests.filter((r) => r.acceptedBy === u.id && r.status === 'done').length,
    };
  }

  /** The provider's own settings, as getProviderStats / updateProviderProfile return them. */
  private own(u: User) {
    const p = u.provider!;
    return {
      services: SERVICES.filter((s) => p.services.includes(s.id)),
      lat: p.lat,
      lng: p.lng,
      area: nearestArea(p.lat, p.lng),
      radiusKm: p.radiusKm,
      visitFee: p.visitFee,
    };
  }

  private eligible(
    serviceTypeId: number,
    lat: number,
    lng: number,
    exclude: Set<number>,
  ): { u: User; d: number }[] {
    const busy = new Set(
      this.requests.filter((r) => r.status === 'accepted').map((r) => r.acceptedBy),
    );
    const pending = new Set(
      this.offers.filter((o) => o.status === 'pending').map((o) => o.providerId),
    );
    return this.users
      .filter(
        (u) =>
          u.provider &&
          u.provider.status === 'approved' &&
          u.provider.online &&
          u.provider.services.includes(serviceTypeId),
      )
      .map((u) => ({ u, d: km(lat, lng, u.provider!.lat, u.provider!.lng) }))
      .filter(
        ({ u, d }) =>
          d <= u.provider!.radiusKm && !busy.has(u.id) && !pending.has(u.id) && !exclude.has(u.id),
      )
      .sort((a, b) => a.d - b.d);
  }

  op<K extends OperationName>(
    key: string,
    op: K,
    input: Operations[K]['input'],
  ): Operations[K]['output'] | undefined {
    if (this.failing.has(op)) return undefined;
    const out = ((): unknown => {
      switch (op) {
        case 'loadUser': {
          const existing = this.users.find((u) => u.key === key);
          const u =
            existing ??
            this.addUser(key, {
              phone: key.startsWith('wa:') ? key.slice(3).replace(/^521/, '52') : null,
            });
          return { user: this.record(u), isNew: !existing };
        }
        case 'saveUser': {
          const u = this.userByKey(key);
          const { name, locale } = input as Operations['saveUser']['input'];
          if (name !== undefined) u.name = name;
          if (locale !== undefined) u.locale = locale;
          return { user: this.record(u) };
        }
        case 'listServiceTypes':
          return { services: SERVICES };
        case 'geocodeAddress': {
          // The real offline gazetteer (pure), with the coverage verdict as the handler adds it.
          const q = input as Operations['geocodeAddress']['input'];
          const g = q.kind === 'postalCode' ? geocodePostalCode(q.query) : geocodeText(q.query);
          return g.status === 'found' ? { ...g, coverage: coverageOf(g.lat, g.lng) } : g;
        }
        case 'findCandidates': {
          const { serviceTypeId, lat, lng, customerUserId, limit } =
            input as Operations['findCandidates']['input'];
          return {
            candidates: this.eligible(serviceTypeId, lat, lng, new Set([customerUserId]))
              .slice(0, limit)
              .map(({ u, d }) => {
                const s = this.stats(u);
                return {
                  providerUserId: u.id,
                  name: u.provider!.name,
                  ratingAvg: s.ratingAvg,
                  ratingCount: s.ratingCount,
                  distanceKm: d,
                  visitFee: u.provider!.visitFee,
                };
              }),
            coverage: coverageOf(lat, lng),
          };
        }
        case 'getProviderDetail': {
          const { providerUserId, lat, lng } = input as Operations['getProviderDetail']['input'];
          const u = this.users.find((x) => x.id === providerUserId);
          if (!u?.provider || u.provider.status !== 'approved') return { status: 'not_found' };
          const s = this.stats(u);
          return {
            status: 'found',
            provider: {
              userId: u.id,
              name: u.provider.name,
              ratingAvg: s.ratingAvg,
              ratingCount: s.ratingCount,
              jobsDone: s.jobsDone,
              distanceKm: km(lat, lng, u.provider.lat, u.provider.lng),
              services: u.provider.services.map((id) => this.serviceName(id)),
              visitFee: u.provider.visitFee,
            },
            reviews: this.ratings
              .filter((r) => r.providerId === u.id)
              .map((r) => ({
                stars: r.stars,
                comment: r.comment,
                authorName: null,
                createdAt: this.now,
              })),
          };
        }
        case 'createRequest': {
          const c = input as Operations['createRequest']['input'];
          return this.once(c.idempotencyKey, () => {
            const r: Request = {
              id: 1000 + this.requests.length,
              customerId: c.customerUserId,
              serviceTypeId: c.serviceTypeId,
              lat: c.lat,
              lng: c.lng,
              address: c.address,
              status: 'searching',
              createdAt: this.now,
              acceptedBy: null,
              chosen: null,
              original: null,
              cancelReason: null,
              acceptedAt: null,
              doneClaimed: false,
              ...(c.urgent ? { urgent: true } : {}),
            };
            this.requests.push(r);
            return {
              requestId: r.id,
              created: true,
              serviceName: this.serviceName(r.serviceTypeId),
            };
          });
        }
        case 'offerRequest': {
          const c = input as Operations['offerRequest']['input'];
          return this.once(c.idempotencyKey, () => {
            const r = this.requests.find((x) => x.id === c.requestId)!;
            const serviceName = this.serviceName(r.serviceTypeId);
            const prev =
              c.previousOfferId === undefined
                ? undefined
                : this.offers.find((o) => o.id === c.previousOfferId && o.requestId === r.id);
            const previous = prev
              ? { offerId: prev.id, conversationKey: this.byId(prev.providerId).key }
              : null;
            if (r.status !== 'searching' && r.status !== 'offered')
              return { status: 'none', requestId: r.id, reason: 'not_open', serviceName, previous };
            const made = this.offers.filter((o) => o.requestId === r.id);
            if (c.replaceChosen) r.chosen = null;
            else if (c.preferredProviderUserId !== undefined && made.length === 0) {
              const u = this.users.find((x) => x.id === c.preferredProviderUserId);
              if (u?.provider) r.chosen = u.id;
            }
            // Everyone who declined or let an earlier try of the request expire.
            const chain = r.original ?? r.id;
            const passed = this.offers
              .filter((o) => {
                const of = this.requests.find((x) => x.id === o.requestId)!;
                return (
                  (of.id === chain || of.original === chain) &&
                  (o.status === 'declined' || o.status === 'expired')
                );
              })
              .map((o) => o.providerId);
            const exclude = new Set([r.customerId, ...made.map((o) => o.providerId), ...passed]);
            const all = this.eligible(r.serviceTypeId, r.lat, r.lng, exclude);
            let pick: (typeof all)[number] | undefined = all[0];
            if (r.chosen !== null) {
              pick = all.find((x) => x.u.id === r.chosen);
              if (!pick)
                return {
                  status: 'chosen_unavailable',
                  requestId: r.id,
                  serviceName,
                  providerName: this.byId(r.chosen).provider!.name,
                  wasOffered: made.length > 0,
                  previous,
                };
            } else if (made.length >= c.maxOffers) {
              r.status = 'no_providers';
              return {
                status: 'none',
                requestId: r.id,
                reason: 'exhausted',
                serviceName,
                previous,
              };
            }
            if (!pick) {
              r.status = 'no_providers';
              return {
                status: 'none',
                requestId: r.id,
                reason: 'no_candidates',
                serviceName,
                previous,
              };
            }
            const offer: Offer = {
              id: 5000 + this.offers.length,
              requestId: r.id,
              providerId: pick.u.id,
              status: 'pending',
              answerKey: null,
            };
            this.offers.push(offer);
            r.status = 'offered';
            pick.u.provider!.lastOfferedAt = this.now;
            return {
              status: 'offered',
              requestId: r.id,
              offerId: offer.id,
              attempt: made.length + 1,
              serviceName,
              area: r.address,
              ...(r.urgent ? { urgent: true } : {}),
              distanceKm: pick.d,
              provider: {
                userId: pick.u.id,
                name: pick.u.provider!.name,
                conversationKey: pick.u.key,
                visitFee: pick.u.provider!.visitFee,
              },
              previous,
            };
          });
        }
        case 'expireOffer': {
          const o = this.offers.find(
            (x) => x.id === (input as Operations['expireOffer']['input']).offerId,
          )!;
          if (o.status !== 'pending')
            return { status: 'not_pending', offerId: o.id, requestId: o.requestId };
          o.status = 'expired';
          this.reopen(o.requestId);
          const p = this.byId(o.providerId);
          p.provider!.missed += 1;
          const setOffline = this.maxMissedOffers > 0 && p.provider!.missed >= this.maxMissedOffers;
          if (setOffline) {
            p.provider!.online = false;
            p.provider!.missed = 0;
          }
          return {
            status: 'expired',
            offerId: o.id,
            requestId: o.requestId,
            provider: { userId: p.id, name: p.provider!.name, conversationKey: p.key },
            setOffline,
          };
        }
        case 'answerOffer': {
          const c = input as Operations['answerOffer']['input'];
          return this.once(c.idempotencyKey, () => {
            const o = this.offers.find((x) => x.id === c.offerId);
            if (!o || o.providerId !== c.providerUserId)
              return { status: 'not_available', offerId: c.offerId };
            if (o.status === 'accepted' || o.status === 'declined')
              return {
                status: 'already_answered',
                offerId: o.id,
                accepted: o.status === 'accepted',
              };
            const r = this.requests.find((x) => x.id === o.requestId)!;
            if (o.status !== 'pending' || (r.status !== 'searching' && r.status !== 'offered'))
              return { status: 'not_available', offerId: o.id };
            const customer = this.byId(r.customerId);
            const provider = this.byId(o.providerId);
            provider.provider!.missed = 0;
            if (!c.accept) {
              o.status = 'declined';
              this.reopen(r.id);
              return {
                status: 'declined',
                offerId: o.id,
                requestId: r.id,
                serviceName: this.serviceName(r.serviceTypeId),
                providerName: provider.provider!.name,
                customer: { conversationKey: customer.key },
              };
            }
            o.status = 'accepted';
            r.status = 'accepted';
            r.acceptedBy = provider.id;
            r.acceptedAt = this.now;
            return {
              status: 'accepted',
              offerId: o.id,
              job: {
                requestId: r.id,
                serviceName: this.serviceName(r.serviceTypeId),
                lat: r.lat,
                lng: r.lng,
                address: r.address,
                customer: this.party(customer),
                provider: this.party(provider),
              },
            };
          });
        }
        case 'cancelRequest': {
          const c = input as Operations['cancelRequest']['input'];
          const r = this.requests.find(
            (x) => x.id === c.requestId && x.customerId === c.customerUserId,
          );
          if (!r) return { status: 'not_found', requestId: c.requestId };
          if (r.status !== 'searching' && r.status !== 'offered' && r.status !== 'accepted')
            return { status: 'not_cancellable', requestId: r.id, current: r.status };
          if (r.status === 'accepted' && !c.reason)
            return {
              status: 'confirm',
              requestId: r.id,
              serviceName: this.serviceName(r.serviceTypeId),
              providerName: this.byId(r.acceptedBy!).provider!.name,
            };
          r.cancelReason = c.reason?.code ?? null;
          const pending = this.offers.find((o) => o.requestId === r.id && o.status === 'pending');
          if (pending) pending.status = 'withdrawn';
          const who = pending
            ? this.byId(pending.providerId)
            : r.acceptedBy !== null
              ? this.byId(r.acceptedBy)
              : null;
          r.status = 'cancelled';
          return {
            status: 'cancelled',
            requestId: r.id,
            serviceName: this.serviceName(r.serviceTypeId),
            provider: who ? { conversationKey: who.key, offerId: pending?.id ?? null } : null,
            reason: c.reason ?? null,
          };
        }
        case 'replaceProvider': {
          const c = input as Operations['replaceProvider']['input'];
          return this.once(c.idempotencyKey, () => {
            const r = this.requests.find(
              (x) => x.id === c.requestId && x.customerId === c.customerUserId,
            );
            if (!r) return { status: 'not_found', requestId: c.requestId };
            if (r.status !== 'searching' && r.status !== 'offered' && r.status !== 'accepted')
              return { status: 'not_open', requestId: r.id, current: r.status };
            const held = this.offers.find(
              (o) =>
                o.requestId === r.id &&
                (o.status === 'pending' || (o.status === 'accepted' && r.status === 'accepted')),
            );
            const wasAccepted = r.status === 'accepted';
            if (held) held.status = 'withdrawn';
            r.status = 'searching';
            r.acceptedBy = null;
            r.acceptedAt = null;
            r.chosen = null;
            r.doneClaimed = false;
            const who = held ? this.byId(held.providerId) : null;
            return {
              status: 'replaced',
              requestId: r.id,
              serviceName: this.serviceName(r.serviceTypeId),
              previous: who
                ? {
                    conversationKey: who.key,
                    name: who.provider!.name,
                    offerId: wasAccepted ? null : held!.id,
                    wasAccepted,
                  }
                : null,
            };
          });
        }
        case 'shareJobLocation': {
          const c = input as Operations['shareJobLocation']['input'];
          return this.once(c.idempotencyKey, () => {
            const r = this.requests
              .filter((x) => x.customerId === c.customerUserId && x.status === 'accepted')
              .at(-1);
            if (!r || r.acceptedBy === null) return { status: 'none' };
            r.lat = c.lat;
            r.lng = c.lng;
            if (c.label !== null) r.address = c.label;
            const p = this.byId(r.acceptedBy);
            return {
              status: 'shared',
              requestId: r.id,
              serviceName: this.serviceName(r.serviceTypeId),
              provider: { conversationKey: p.key, name: p.provider!.name },
              customerName: this.byId(r.customerId).name ?? '',
              lat: r.lat,
              lng: r.lng,
              label: c.label,
            };
          });
        }
        case 'retryRequest': {
          const c = input as Operations['retryRequest']['input'];
          return this.once(c.idempotencyKey, () => {
            const old = this.requests.find(
              (x) => x.id === c.requestId && x.customerId === c.customerUserId,
            );
            if (!old || old.status !== 'no_providers')
              return { status: 'not_allowed', requestId: c.requestId };
            const r: Request = {
              ...old,
              id: 1000 + this.requests.length,
              status: 'searching',
              createdAt: this.now,
              acceptedBy: null,
              chosen: null,
              original: old.original ?? old.id,
              cancelReason: null,
              acceptedAt: null,
              doneClaimed: false,
            };
            this.requests.push(r);
            return {
              status: 'created',
              requestId: r.id,
              serviceName: this.serviceName(r.serviceTypeId),
            };
          });
        }
        case 'listMyJobs': {
          const c = input as Operations['listMyJobs']['input'];
          const jobs = this.requests
            .filter((r) => r.acceptedBy === c.providerUserId && r.status === 'accepted')
            .map((r) => {
              const customer = this.byId(r.customerId);
              return {
                requestId: r.id,
                serviceName: this.serviceName(r.serviceTypeId),
                customerName: customer.name ?? '',
                customerPhone: customer.phone,
                customerKey: customer.key,
                providerName: this.byId(c.providerUserId).provider?.name ?? '',
                address: null,
                lat: r.lat,
                lng: r.lng,
                acceptedAt: null,
              };
            });
          return { jobs };
        }
        case 'completeJob': {
          const c = input as Operations['completeJob']['input'];
          const r = this.requests.find((x) => x.id === c.requestId);
          if (!r || r.acceptedBy !== c.providerUserId)
            return { status: 'not_allowed', requestId: c.requestId };
          if (r.status === 'done') return { status: 'already_completed', requestId: r.id };
          if (r.status !== 'accepted') return { status: 'not_allowed', requestId: r.id };
          if (this.now - (r.acceptedAt ?? 0) < this.jobDoneMinMinutes * 60_000) {
            r.doneClaimed = true;
            return {
              status: 'needs_customer',
              requestId: r.id,
              serviceName: this.serviceName(r.serviceTypeId),
              providerName: this.byId(c.providerUserId).provider!.name,
              customer: { conversationKey: this.byId(r.customerId).key },
            };
          }
          r.status = 'done';
          return {
            status: 'completed',
            requestId: r.id,
            serviceName: this.serviceName(r.serviceTypeId),
            customer: { conversationKey: this.byId(r.customerId).key },
            stats: this.stats(this.byId(c.providerUserId)),
          };
        }
        case 'dropJob': {
          const c = input as Operations['dropJob']['input'];
          return this.once(c.idempotencyKey, () => {
            const r = this.requests.find((x) => x.id === c.requestId);
            if (!r || r.acceptedBy !== c.providerUserId)
              return { status: 'not_allowed', requestId: c.requestId };
            if (r.status === 'done') return { status: 'already_done', requestId: r.id };
            if (r.status !== 'accepted') return { status: 'not_allowed', requestId: r.id };
            // Back to searching; the provider's offer is closed, so they are never offered it again.
            const offer = this.offers.find(
              (o) =>
                o.requestId === r.id &&
                o.providerId === c.providerUserId &&
                o.status === 'accepted',
            );
            if (offer) offer.status = 'withdrawn';
            r.status = 'searching';
            r.acceptedBy = null;
            r.acceptedAt = null;
            r.chosen = null;
            r.doneClaimed = false;
            return {
              status: 'dropped',
              requestId: r.id,
              serviceName: this.serviceName(r.serviceTypeId),
              providerName: this.byId(c.providerUserId).provider!.name,
              customer: { conversationKey: this.byId(r.customerId).key },
            };
          });
        }
        case 'confirmJobDone': {
          const c = input as Operations['confirmJobDone']['input'];
          return this.once(c.idempotencyKey, () => {
            const r = this.requests.find((x) => x.id === c.requestId);
            if (!r || r.customerId !== c.customerUserId || r.acceptedBy === null)
              return { status: 'not_allowed', requestId: c.requestId };
            if (r.status === 'done') return { status: 'already_completed', requestId: r.id };
            if (r.status !== 'accepted' || !r.doneClaimed)
              return { status: 'not_allowed', requestId: r.id };
            const p = this.byId(r.acceptedBy);
            const serviceName = this.serviceName(r.serviceTypeId);
            if (!c.done) {
              r.doneClaimed = false;
              return {
                status: 'not_done',
                requestId: r.id,
                serviceName,
                provider: { conversationKey: p.key, name: p.provider!.name },
              };
            }
            r.status = 'done';
            return {
              status: 'completed',
              requestId: r.id,
              serviceName,
              provider: { conversationKey: p.key, stats: this.stats(p) },
            };
          });
        }
        case 'rateJob': {
          const c = input as Operations['rateJob']['input'];
          const r = this.requests.find((x) => x.id === c.requestId);
          if (
            !r ||
            r.customerId !== c.customerUserId ||
            r.status !== 'done' ||
            r.acceptedBy === null
          )
            return { status: 'not_allowed', requestId: c.requestId };
          const existing = this.ratings.find((x) => x.requestId === r.id);
          if (
            existing &&
            this.now - existing.at > RATING_EDIT_WINDOW_MS &&
            !(existing.stars === c.stars && existing.comment === null)
          )
            return { status: 'locked', requestId: r.id };
          const before = existing?.stars;
          if (existing) {
            existing.stars = c.stars;
            if (c.comment !== undefined) existing.comment = c.comment;
          } else
            this.ratings.push({
              requestId: r.id,
              providerId: r.acceptedBy,
              stars: c.stars,
              comment: c.comment ?? null,
              at: this.now,
            });
          const p = this.byId(r.acceptedBy);
          const s = this.stats(p);
          return {
            status: 'saved',
            requestId: r.id,
            stars: c.stars,
            first: !existing,
            changed: before !== undefined && before !== c.stars,
            provider: {
              conversationKey: p.key,
              name: p.provider!.name,
              ratingAvg: s.ratingAvg,
              ratingCount: s.ratingCount,
            },
          };
        }
        case 'ratingStatus': {
          const c = input as Operations['ratingStatus']['input'];
          const r = this.requests.find((x) => x.id === c.requestId);
          if (!r || r.customerId !== c.customerUserId)
            return {
              requestId: c.requestId,
              done: false,
              rated: false,
              providerName: null,
              serviceName: null,
            };
          return {
            requestId: r.id,
            done: r.status === 'done',
            rated: this.ratings.some((x) => x.requestId === r.id),
            providerName: r.acceptedBy === null ? null : this.byId(r.acceptedBy).provider!.name,
            serviceName: this.serviceName(r.serviceTypeId),
          };
        }
        case 'reopenJob': {
          const c = input as Operations['reopenJob']['input'];
          const r = this.requests.find((x) => x.id === c.requestId);
          if (
            !r ||
            r.customerId !== c.customerUserId ||
            r.status !== 'done' ||
            r.acceptedBy === null ||
            this.ratings.some((x) => x.requestId === r.id)
          )
            return { status: 'not_allowed', requestId: c.requestId };
          r.status = 'accepted';
          const p = this.byId(r.acceptedBy);
          return {
            status: 'reopened',
            requestId: r.id,
            serviceName: this.serviceName(r.serviceTypeId),
            provider: { conversationKey: p.key, name: p.provider!.name },
          };
        }
        case 'listMyRequests': {
          const c = input as Operations['listMyRequests']['input'];
          return {
            requests: this.requests
              .filter((r) => r.customerId === c.customerUserId)
              .reverse()
              .slice(0, c.limit)
              .map((r) => {
                const p = r.acceptedBy === null ? null : this.byId(r.acceptedBy);
                const open = this.offers.find(
                  (o) => o.requestId === r.id && o.status === 'pending',
                );
                return {
                  offeredTo: open ? (this.byId(open.providerId).provider?.name ?? null) : null,
                  requestId: r.id,
                  serviceName: this.serviceName(r.serviceTypeId),
                  status: r.status,
                  createdAt: r.createdAt,
                  providerName: p?.provider?.name ?? null,
                  providerPhone: p?.phone ?? null,
                };
              }),
          };
        }
        case 'registerProvider': {
          const c = input as Operations['registerProvider']['input'];
          const u = this.byId(c.userId);
          if (u.provider && u.provider.status !== 'rejected')
            return { status: u.provider.status, created: false };
          u.provider = {
            status: 'pending',
            online: false,
            name: c.displayName,
            services: c.serviceTypeIds,
            lat: c.lat,
            lng: c.lng,
            radiusKm: c.radiusKm,
            lastOfferedAt: 0,
            visitFee: c.visitFee ?? null,
            missed: 0,
          };
          return { status: 'pending', created: true };
        }
        case 'setProviderOnline': {
          const c = input as Operations['setProviderOnline']['input'];
          const u = this.byId(c.providerUserId);
          if (!u.provider || (c.online && u.provider.status !== 'approved'))
            return { status: 'not_approved', providerStatus: u.provider?.status ?? null };
          u.provider.online = c.online;
          if (c.online) u.provider.missed = 0;
          const withdrawn = c.online
            ? []
            : this.offers
                .filter((o) => o.providerId === u.id && o.status === 'pending')
                .map((o) => {
                  o.status = 'withdrawn';
                  this.reopen(o.requestId);
                  const r = this.requests.find((x) => x.id === o.requestId)!;
                  return {
                    offerId: o.id,
                    requestId: r.id,
                    providerName: u.provider!.name,
                    customer: { conversationKey: this.byId(r.customerId).key },
                  };
                });
          return { status: 'ok', online: c.online, withdrawn };
        }
        case 'setVisitFee': {
          const c = input as Operations['setVisitFee']['input'];
          const u = this.byId(c.providerUserId);
          if (!u.provider) return { status: 'not_provider' };
          u.provider.visitFee = c.visitFee;
          return { status: 'ok', visitFee: c.visitFee };
        }
        case 'getProviderStats': {
          const c = input as Operations['getProviderStats']['input'];
          const u = this.byId(c.providerUserId);
          if (!u.provider) return { status: 'not_provider' };
          const comments = this.ratings
            .filter((r) => r.providerId === u.id && r.comment)
            .sort((a, b) => b.at - a.at)
            .slice(0, Math.min(5, c.commentsLimit ?? 3))
            .map((r) => ({ stars: r.stars, comment: r.comment!, createdAt: r.at }));
          return { status: 'ok', stats: this.stats(u), profile: this.own(u), comments };
        }
        case 'updateProviderProfile': {
          const c = input as Operations['updateProviderProfile']['input'];
          const u = this.byId(c.providerUserId);
          if (!u.provider) return { status: 'not_provider' };
          if (c.base) {
            const coverage = coverageOf(c.base.lat, c.base.lng);
            if (!coverage.covered) return { status: 'outside_coverage', coverage };
          }
          if (c.serviceTypeIds) {
            const ids = c.serviceTypeIds.filter((id) => SERVICES.some((s) => s.id === id));
            if (ids.length === 0) return { status: 'no_services' };
            u.provider.services = [...new Set(ids)];
          }
          if (c.base) Object.assign(u.provider, { lat: c.base.lat, lng: c.base.lng });
          if (c.radiusKm !== undefined)
            u.provider.radiusKm = Math.min(50, Math.max(0.5, c.radiusKm));
          return { status: 'updated', profile: this.own(u) };
        }
        // Human help and privacy: the console and erasure have their own integration/e2e tests.
        case 'openHandoff':
          return { handoffId: ++this.handoffs, created: true };
        case 'closeHandoff':
          return { closed: true };
        case 'setOptOut':
          return { changed: true };
        case 'eraseMyData':
          return { erased: true };
        case 'joinWaitlist': {
          const c = input as Operations['joinWaitlist']['input'];
          const v = coverageOf(c.lat, c.lng);
          const place = v.covered ? null : v.place;
          const entry = { userId: c.userId, place: place?.es ?? 'other' };
          const already = this.waitlist.some(
            (w) => w.userId === entry.userId && w.place === entry.place,
          );
          if (!already) this.waitlist.push(entry);
          return { status: already ? 'already' : 'joined', place };
        }
        case 'saveMedia':
        case 'attachMediaToRequest':
        case 'listRequestMedia':
        case 'requestMediaMessages':
          // The flows do not call the media operations yet; model them here when they do.
          throw new Error(`${op}: not modelled in the test world`);
      }
    })();
    return out as Operations[K]['output'];
  }

  private reopen(requestId: number): void {
    const r = this.requests.find((x) => x.id === requestId);
    if (r?.status === 'offered') r.status = 'searching';
  }

  /** Admin approval: change the row, then send the notice (as the admin API does). */
  approve(key: string): this {
    this.userByKey(key).provider!.status = 'approved';
    return this.notice(key, 'providerApproved', {});
  }
}
