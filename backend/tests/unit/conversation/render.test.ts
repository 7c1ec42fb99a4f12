/** Every message the step can render, in both locales, with worst-case data, fits WhatsApp's limits. */
import { resolveContext } from '../../../src/conversation/context';
import { LOCALES } from '../../../src/conversation/locale-types';
import type { Locale } from '../../../src/conversation/locale-types';
import type {
  Candidate,
  JobDetails,
  RequestSummary,
  ServiceType,
} from '../../../src/conversation/operations';
import {
  acceptedMessage,
  nobodyMessage,
  ratingList,
  requestDetail,
} from '../../../src/conversation/render/customer';
import {
  candidateDescription,
  formatDistance,
  formatRating,
  waLink,
} from '../../../src/conversation/render/format';
import { limitProblems } from '../../../src/conversation/render/limits';
import { menuMessage } from '../../../src/conversation/render/menu';
import { pageOf } from '../../../src/conversation/render/paging';
import { prompt } from '../../../src/conversation/render/prompts';
import {
  jobAcceptedMessage,
  offerMessage,
  statsMessage,
} from '../../../src/conversation/render/provider';
import type { ActiveState, Profile } from '../../../src/conversation/state';
import type { Command } from '../../../src/conversation/commands';
import { NOW, sentMessages, stateFixtures } from './harness';

const LONG = 'Ñandú Wolfeschlegelsteinhausenbergerdorff Maximiliano José María'.slice(0, 60);
const ZALGO = 'Z\u0301\u0302\u0303 *bold* \u202Eevil\u202C ' + 'W'.repeat(80);
const longService = (i: number): ServiceType => ({
  id: i,
  code: `svc-${i}`,
  name: {
    es: `Servicio muy largo de mantenimiento número ${i}`,
    en: `Very long maintenance service number ${i}`,
  },
});
const SERVICES = Array.from({ length: 23 }, (_, i) => longService(i + 1));
const CANDIDATES: Candidate[] = Array.from({ length: 9 }, (_, i) => ({
  providerUserId: 900 + i,
  name: i % 2 ? LONG : ZALGO,
  ratingAvg: i % 3 ? 4.86 : null,
  ratingCount: i % 3 ? 1_234_567 : 0,
  distanceKm: i * 123.456,
  visitFee: i % 3 === 0 ? null : i % 3 === 1 ? 10_000 : 0,
}));
const REQUESTS: RequestSummary[] = Array.from({ length: 10 }, (_, i) => ({
  requestId: 1_000_000_000 + i,
  serviceName: longService(i).name,
  status: (['searching', 'offered', 'accepted', 'done', 'cancelled', 'no_providers'] as const)[
    i % 6
  ],
  createdAt: NOW - i * 40 * 86_400_000,
  providerName: LONG,
  providerPhone: '5215512345678',
}));
const PLACE = { lat: -89.999999, lng: -179.999999, label: 'L'.repeat(120) };

function worstProfile(locale: Locale): Profile {
  return {
    userId: 2_147_483_647,
    name: LONG,
    locale,
    phone: null,
    provider: { status: 'approved', online: false },
    lastRequest: {
      serviceTypeId: 1,
      serviceName: SERVICES[0]!.name,
      lat: 1,
      lng: 1,
      address: 'x'.repeat(200),
    },
  };
}

function worstStates(locale: Locale): ActiveState[] {
  const p = worstProfile(locale);
  const service = { id: 1, name: SERVICES[0]!.name };
  const draft = { name: LONG, serviceIds: SERVICES.map((s) => s.id), place: null };
  const reviews = Array.from({ length: 5 }, (_, i) => ({
    stars: i,
    comment: ZALGO.repeat(10),
    authorName: LONG,
    createdAt: NOW,
  }));
  return [
    ...stateFixtures(p),
    { name: 'askName', profile: { ...p, name: null }, suggested: LONG, then: 'menu', saving: null },
    ...[0, 1, 2, 3].map((page) => ({
      name: 'chooseService' as const,
      profile: p,
      services: SERVICES,
      page,
    })),
    { name: 'browseProviders', profile: p, service, place: PLACE, candidates: CANDIDATES },
    {
      name: 'providerDetail',
      profile: p,
      service,
      place: PLACE,
      candidates: CANDIDATES,
      detail: {
        userId: 1,
        name: ZALGO,
        ratingAvg: 4.95,
        ratingCount: 99_999_999,
        jobsDone: 1e9,
        distanceKm: 12_345,
        services: SERVICES.map((s) => s.name),
        visitFee: 10_000,
      },
      reviews,
    },
    { name: 'replaceChosen', profile: p, requestId: 1e12, service: service.name, providerName: ZALGO },
    { name: 'cancelWhy', profile: p, requestId: 1e12, service: service.name, providerName: LONG },
    { name: 'cancelNote', profile: p, requestId: 1e12, service: service.name, providerName: LONG },
    { name: 'rateJob', profile: p, requestId: 1e12, providerName: ZALGO },
    { name: 'rateComment', profile: p, requestId: 1e12, providerName: ZALGO, stars: 5 },
    { name: 'myRequests', profile: p, requests: REQUESTS },
    ...[0, 1, 2, 3].map((page) => ({
      name: 'provServices' as const,
      profile: p,
      draft,
      services: SERVICES,
      page,
    })),
  ];
}

function expectWithinLimits(commands: Command[]): void {
  for (const m of sentMessages(commands))
    expect({ message: m, problems: limitProblems(m) }).toEqual({ message: m, problems: [] });
}

describe.each(LOCALES)('rendering in %s', (locale) => {
  const ctx = resolveContext({ now: NOW, sessionExpired: false });

  it('every state prompt fits, with and without a lead', () => {
    for (const state of worstStates(locale)) {
      expectWithinLimits(prompt(state, ctx));
      expectWithinLimits(prompt(state, ctx, 'L'.repeat(200)));
    }
  });

  it('the menu fits for every kind of user', () => {
    const base = worstProfile(locale);
    const variants: Profile[] = [
      base,
      { ...base, provider: null, lastRequest: null },
      { ...base, provider: { status: 'approved', online: true } },
      { ...base, provider: { status: 'pending', online: false } },
      { ...base, provider: { status: 'rejected', online: false } },
    ];
    for (const p of variants) expectWithinLimits([menuMessage(p, 'x'.repeat(300))]);
  });

  it('offer, job, stats, acceptance, rating and request messages fit', () => {
    const job: JobDetails = {
      requestId: 1e12,
      serviceName: SERVICES[0]!.name,
      lat: -89.123456789,
      lng: -179.123456789,
      address: ZALGO.repeat(5),
      customer: { userId: 1, name: ZALGO, phone: '5215512345678', conversationKey: 'wa:1' },
      provider: { userId: 2, name: LONG, phone: null, conversationKey: 'bs:MX.1' },
    };
    expectWithinLimits([
      offerMessage(locale, {
        offerId: 1e12,
        requestId: 1e12,
        serviceName: SERVICES[0]!.name,
        distanceKm: 99_999,
        area: ZALGO.repeat(4),
        answerWithinMinutes: 999,
      }),
      jobAcceptedMessage(locale, job),
      jobAcceptedMessage(locale, {
        ...job,
        address: null,
        customer: { ...job.customer, phone: null },
      }),
      statsMessage(locale, {
        status: 'approved',
        online: true,
        name: ZALGO,
        ratingAvg: 4.44,
        ratingCount: 1e9,
        jobsDone: 1e9,
      }),
      statsMessage(locale, {
        status: 'suspended',
        online: false,
        name: LONG,
        ratingAvg: null,
        ratingCount: 0,
        jobsDone: 0,
      }),
      acceptedMessage(locale, ZALGO, '5215512345678', SERVICES[0]!.name),
      acceptedMessage(locale, LONG, null, SERVICES[0]!.name),
      nobodyMessage(locale, 1e12, SERVICES[0]!.name),
      ratingList(locale, 1e12, 'x'.repeat(900)),
      ...REQUESTS.map((r) => requestDetail(locale, ctx, r)),
    ]);
  });

  it('user-provided names are sanitised and truncated with an ellipsis in titles', () => {
    const [list] = sentMessages(
      prompt(
        worstStates(locale).find(
          (s) => s.name === 'browseProviders' && s.candidates === CANDIDATES,
        )!,
        ctx,
      ),
    );
    if (list?.type !== 'list') throw new Error('expected a list');
    const titles = list.sections[0]!.rows.map((r) => r.title);
    expect(titles[0]).toMatch(/…$/);
    expect(titles[0]).not.toMatch(/[*\u202E\u202C]/);
    expect(titles[1]).toMatch(/…$/);
    expect(list.sections[0]!.rows).toHaveLength(10); // 9 providers + "let the app choose"
  });
});

describe('formatting', () => {
  it('formats distances, ratings and row descriptions', () => {
    expect(formatDistance(0.42)).toBe('420 m');
    expect(formatDistance(1.234)).toBe('1.2 km');
    expect(formatDistance(250.4)).toBe('250 km');
    expect(candidateDescription('es', 4.84, 52, 1.2)).toBe('★4.8 (52) · 1.2 km');
    expect(candidateDescription('en', null, 0, 1.2)).toBe('New · 1.2 km');
    expect(formatRating('es', 4.84, 52)).toBe('★4.8 (52 reseñas)');
    expect(formatRating('en', null, 0)).toBe('No reviews yet');
  });

  it('builds click-to-chat links only for plausible numbers', () => {
    expect(waLink('525512345678')).toBe('https://wa.me/525512345678');
    expect(waLink('+525512345678')).toBe('https://wa.me/525512345678');
    expect(waLink(null)).toBeNull();
    expect(waLink('MX.123')).toBeNull();
  });

  it('pages long option lists', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(items, 0, 10)).toEqual({
      items: [0, 1, 2, 3, 4, 5, 6, 7, 8],
      offset: 0,
      next: 1,
      page: 0,
    });
    expect(pageOf(items, 2, 10).items).toEqual([18, 19, 20, 21, 22]);
    expect(pageOf(items, 2, 10).next).toBe(0);
    expect(pageOf(items.slice(0, 10), 5, 10)).toEqual({
      items: items.slice(0, 10),
      offset: 0,
      next: null,
      page: 0,
    });
  });
});
