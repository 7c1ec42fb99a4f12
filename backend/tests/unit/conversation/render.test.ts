/** Every message the step can render, in both locales, with worst-case data, fits WhatsApp's limits. */
import fc from 'fast-check';
import { resolveContext } from '../../../src/conversation/context';
import { LOCALES } from '../../../src/conversation/locale-types';
import type { Locale } from '../../../src/conversation/locale-types';
import type {
  Candidate,
  JobDetails,
  ProviderOwnProfile,
  RatingComment,
  RequestSummary,
  ServiceType,
} from '../../../src/conversation/operations';
import { catalogs } from '../../../src/conversation/locales';
import {
  acceptedMessage,
  nobodyMessage,
  outOfCoverageMessage,
  ratingList,
  requestDetail,
  waitlistJoinedText,
} from '../../../src/conversation/render/customer';
import {
  candidateDescription,
  formatAgo,
  formatDistance,
  formatDuration,
  formatRating,
  waLink,
} from '../../../src/conversation/render/format';
import { limitProblems } from '../../../src/conversation/render/limits';
import { menuMessage } from '../../../src/conversation/render/menu';
import { pageOf } from '../../../src/conversation/render/paging';
import { prompt } from '../../../src/conversation/render/prompts';
import { jobAcceptedMessage, offerMessage } from '../../../src/conversation/render/provider';
import { profileMessage } from '../../../src/conversation/render/provider-profile';
import type { ActiveState, Profile } from '../../../src/conversation/state';
import type { Command } from '../../../src/conversation/commands';
import { truncateWords } from '../../../src/conversation/text/sanitize';
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
/** A provider's own profile at its longest: every service, a long area, the largest fee, long comments. */
const WORST_OWN: ProviderOwnProfile = {
  services: SERVICES,
  lat: -89.999999,
  lng: -179.999999,
  area: ZALGO,
  radiusKm: 49.95,
  visitFee: 10_000,
};
const WORST_COMMENTS: RatingComment[] = Array.from({ length: 5 }, (_, i) => ({
  stars: 5 - i,
  comment: `${ZALGO} llámame al 55 1234 5678 ${'x'.repeat(400)}`,
  createdAt: NOW,
}));

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
    {
      name: 'replaceChosen',
      profile: p,
      requestId: 1e12,
      service: service.name,
      providerName: ZALGO,
    },
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
    // A registered provider's profile and its changes.
    {
      name: 'provProfile',
      profile: p,
      stats: {
        status: 'approved',
        online: true,
        name: ZALGO,
        ratingAvg: 4.95,
        ratingCount: 99_999_999,
        jobsDone: 1e9,
      },
      own: WORST_OWN,
      comments: WORST_COMMENTS,
    },
    {
      name: 'provProfile',
      profile: p,
      stats: {
        status: 'suspended',
        online: false,
        name: LONG,
        ratingAvg: null,
        ratingCount: 0,
        jobsDone: 0,
      },
      own: { ...WORST_OWN, services: [], area: null, visitFee: null },
      comments: [],
    },
    { name: 'provServices', profile: p, draft, services: SERVICES, page: 1, editing: true },
    { name: 'provLocation', profile: p, draft: { ...draft, place: PLACE }, editing: true },
    {
      name: 'provRadius',
      profile: p,
      draft: { ...draft, place: PLACE, radiusKm: 49.95 },
      editing: true,
    },
    { name: 'provRadius', profile: p, draft: { ...draft, place: PLACE }, editing: true },
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
      profileMessage(locale, {
        stats: {
          status: 'approved',
          online: true,
          name: ZALGO,
          ratingAvg: 4.44,
          ratingCount: 1e9,
          jobsDone: 1e9,
        },
        own: WORST_OWN,
        comments: WORST_COMMENTS,
      }),
      profileMessage(locale, {
        stats: {
          status: 'suspended',
          online: false,
          name: LONG,
          ratingAvg: null,
          ratingCount: 0,
          jobsDone: 0,
        },
        own: { ...WORST_OWN, area: null },
        comments: [],
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

  it('pages long option lists: "more" forward, "previous" back, never a wrap-around', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    expect(pageOf(items, 0, 10)).toEqual({
      items: [0, 1, 2, 3, 4, 5, 6, 7, 8],
      offset: 0,
      next: 1,
      prev: null,
      remaining: 14,
      page: 0,
    });
    // A middle page keeps a row for "more" and one for "previous".
    expect(pageOf(items, 1, 10)).toMatchObject({ offset: 9, next: 2, prev: 1 - 1, remaining: 6 });
    expect(pageOf(items, 1, 10).items).toHaveLength(8);
    expect(pageOf(items, 2, 10)).toMatchObject({
      items: [17, 18, 19, 20, 21, 22],
      next: null,
      prev: 1,
      remaining: 0,
    });
    // Out of range → the nearest page.
    expect(pageOf(items, 9, 10).page).toBe(2);
    expect(pageOf(items, -3, 10).page).toBe(0);
    expect(pageOf(items.slice(0, 10), 5, 10)).toEqual({
      items: items.slice(0, 10),
      offset: 0,
      next: null,
      prev: null,
      remaining: 0,
      page: 0,
    });
    // Every item is on exactly one page, whatever the room.
    for (const room of [3, 4, 9, 10]) {
      const seen: number[] = [];
      for (let p = 0, page = pageOf(items, 0, room); ; page = pageOf(items, ++p, room)) {
        seen.push(...page.items);
        const rows =
          page.items.length + (page.next !== null ? 1 : 0) + (page.prev !== null ? 1 : 0);
        expect(rows).toBeLessThanOrEqual(room);
        if (page.next === null) break;
      }
      expect(seen).toEqual(items);
    }
  });
});

describe('copy that reads naturally', () => {
  const ctx = resolveContext({ now: NOW, sessionExpired: false });
  const APPLIANCES: ServiceType = {
    id: 8,
    code: 'appliance_repair',
    name: { es: 'Reparación de electrodomésticos', en: 'Appliance repair' },
  };
  const rowsOf = (commands: Command[]) => {
    const [m] = sentMessages(commands);
    if (m?.type !== 'list') throw new Error('list expected');
    return m.sections.flatMap((s) => s.rows);
  };
  const bodyOf = (commands: Command[]): string => {
    const [m] = sentMessages(commands);
    if (!m || !('body' in m) || typeof m.body !== 'string')
      throw new Error('message with a body expected');
    return m.body;
  };

  it('cuts row titles between words and puts the full name in the description', () => {
    const p = worstProfile('es');
    const [row] = rowsOf(
      prompt({ name: 'chooseService', profile: p, services: [APPLIANCES], page: 0 }, ctx),
    );
    expect(row).toMatchObject({
      title: 'Reparación…',
      description: 'Reparación de electrodomésticos',
    });
    expect(truncateWords('Reparación de electrodomésticos', 24)).toBe('Reparación…');
    // No dangling "y"/"de" before the ellipsis.
    expect(truncateWords('Instalación y mantenimiento de boilers', 24)).toBe('Instalación…');
    expect(truncateWords('Instalación y mantenimiento de boilers', 30)).toBe(
      'Instalación y mantenimiento…',
    );
    expect(truncateWords('Plomería', 24)).toBe('Plomería');

    const providers = rowsOf(
      prompt(
        {
          name: 'browseProviders',
          profile: p,
          service: { id: 8, name: APPLIANCES.name },
          place: PLACE,
          candidates: [
            {
              providerUserId: 1,
              name: 'María Guadalupe Hernández Ruiz',
              ratingAvg: 4.8,
              ratingCount: 52,
              distanceKm: 1.2,
              visitFee: 350,
            },
          ],
        },
        ctx,
      ),
    );
    expect(providers[0]).toMatchObject({
      title: 'María Guadalupe…',
      description: 'María Guadalupe Hernández Ruiz · ★4.8 (52) · 1.2 km · Visita $350',
    });
  });

  it('never ends a cut title in the middle of a word (any words, any limit)', () => {
    const word = fc.stringMatching(/^[a-zñáéíóú]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 4, max: 30 }),
        (words, max) => {
          const text = words.join(' ');
          const out = truncateWords(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          if (out === text) return;
          expect(out.endsWith('…')).toBe(true);
          const head = out.slice(0, -1);
          if (words[0]!.length + 1 > max) return; // the first word alone does not fit: cut inside it
          // Whole words of the text, followed by a space in it.
          expect(text.startsWith(head + ' ')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('pages with "Ver más" forward and "Anteriores" back, never "Ver la página 1"', () => {
    const p = worstProfile('es');
    const page = (n: number) =>
      rowsOf(prompt({ name: 'chooseService', profile: p, services: SERVICES, page: n }, ctx));
    const first = page(0);
    expect(first.at(-1)).toMatchObject({
      title: 'Ver más',
      description: '14 opciones más',
      id: 'svc:page:1',
    });
    expect(first.some((r) => r.title === 'Anteriores')).toBe(false);
    const middle = page(1);
    expect(middle.slice(-2)).toMatchObject([
      { title: 'Ver más', description: '6 opciones más', id: 'svc:page:2' },
      { title: 'Anteriores', id: 'svc:page:0' },
    ]);
    const last = page(2);
    expect(last.at(-1)).toMatchObject({ title: 'Anteriores', id: 'svc:page:1' });
    expect(last.some((r) => r.title === 'Ver más')).toBe(false);
    for (const locale of LOCALES)
      for (const state of worstStates(locale))
        for (const m of sentMessages(prompt(state, ctx)))
          if (m.type === 'list')
            for (const r of m.sections.flatMap((s) => s.rows))
              expect(r.description ?? '').not.toMatch(/página|page \d/i);
  });

  it('describes the provider list truthfully and explains "Nuevo" only when one is listed', () => {
    const p = worstProfile('es');
    const state = (candidates: Candidate[]): ActiveState => ({
      name: 'browseProviders',
      profile: p,
      service: { id: 2, name: { es: 'Electricidad', en: 'Electrical' } },
      place: PLACE,
      candidates,
    });
    const rated: Candidate = {
      providerUserId: 1,
      name: 'Juan',
      ratingAvg: 4.7,
      ratingCount: 31,
      distanceKm: 0.74,
      visitFee: 0,
    };
    const fresh: Candidate = {
      providerUserId: 2,
      name: 'Luis',
      ratingAvg: null,
      ratingCount: 0,
      distanceKm: 2.4,
      visitFee: null,
    };
    const withNew = bodyOf(prompt(state([rated, fresh]), ctx));
    expect(withNew).toContain(
      '*Electricidad*: proveedores cerca de ti, ordenados por cercanía y calificación.',
    );
    expect(withNew).toContain('*Nuevo* = aún sin reseñas.');
    expect(withNew).not.toMatch(/mejor/);
    expect(bodyOf(prompt(state([rated]), ctx))).not.toContain('Nuevo');
    expect(rowsOf(prompt(state([rated, fresh]), ctx))[1]!.description).toBe(
      'Nuevo · 2.4 km · Visita a convenir',
    );
  });

  it('uses service names as labels, never inside grammar ("Where do you need Electrical?")', () => {
    for (const locale of LOCALES)
      for (const [key, text] of Object.entries(catalogs[locale])) {
        for (const m of text.matchAll(/\{service\}/g)) {
          const before = text.slice(0, m.index);
          const after = text.slice(m.index! + m[0].length);
          const label =
            before === '' ||
            /[*:] ?$/.test(before) ||
            (before.endsWith('*') && after.startsWith('*'));
          expect({ key, locale, label }).toEqual({ key, locale, label: true });
        }
      }
    const en = bodyOf(
      prompt(
        {
          name: 'shareLocation',
          profile: worstProfile('en'),
          service: { id: 2, name: { es: 'Electricidad', en: 'Electrical' } },
          place: null,
        },
        ctx,
      ),
    );
    expect(en).toContain('*Electrical*: where should the provider go?');
    expect(en).not.toMatch(/need Electrical/);
  });

  it('writes counts with the right plural: 0, 1 and 2 reviews, jobs and services', () => {
    const stats = (n: number) =>
      bodyOf([
        profileMessage('es', {
          stats: {
            status: 'approved',
            online: true,
            name: 'Juan',
            ratingAvg: 4.84,
            ratingCount: n,
            jobsDone: n,
          },
          own: { ...WORST_OWN, area: 'Roma Norte' },
          comments: [],
        }),
      ]);
    expect(stats(0)).toContain('Sin reseñas todavía');
    expect(stats(0)).toContain('Aún sin trabajos terminados');
    expect(stats(1)).toContain('★4.8 (1 reseña)');
    expect(stats(1)).toContain('1 trabajo terminado');
    expect(stats(2)).toContain('★4.8 (2 reseñas)');
    expect(stats(2)).toContain('2 trabajos terminados');
    expect(formatRating('en', 5, 1)).toBe('★5.0 (1 review)');
    expect(formatRating('es', 4.5, 1234)).toBe('★4.5 (1,234 reseñas)');

    const done = (serviceIds: number[]) =>
      rowsOf(
        prompt(
          {
            name: 'provServices',
            profile: worstProfile('es'),
            draft: { name: 'Juan', serviceIds, place: null },
            services: SERVICES.slice(0, 3),
            page: 0,
          },
          ctx,
        ),
      ).at(-1)!.description;
    expect([done([]), done([1]), done([1, 2])]).toEqual([
      'Aún no marcas ninguno',
      '1 servicio marcado',
      '2 servicios marcados',
    ]);
  });

  it('says times and ages the way people do', () => {
    const min = 60_000;
    expect(formatAgo('es', NOW, NOW - 30_000)).toBe('hace un momento');
    expect(formatAgo('es', NOW, NOW - min)).toBe('hace 1 minuto');
    expect(formatAgo('es', NOW, NOW - 2 * min)).toBe('hace 2 minutos');
    expect(formatAgo('es', NOW, NOW - 60 * min)).toBe('hace 1 hora');
    expect(formatAgo('en', NOW, NOW - 5 * 60 * min)).toBe('5 hours ago');
    expect(formatAgo('es', NOW, NOW - 30 * 60 * min)).toBe('ayer');
    expect(formatAgo('en', NOW, NOW - 3 * 24 * 60 * min)).toBe('3 days ago');
  });

  it('gives durations their real length: a 90 s timer is "1 minuto y medio", never "2 min"', () => {
    const s = 1000;
    const cases: [number, string, string][] = [
      [1 * s, '1 segundo', '1 second'],
      [10 * s, '10 segundos', '10 seconds'],
      [44 * s, '45 segundos', '45 seconds'],
      [60 * s, '1 minuto', '1 minute'],
      [90 * s, '1 minuto y medio', 'a minute and a half'],
      [120 * s, '2 minutos', '2 minutes'],
      [150 * s, '2 minutos y medio', '2 and a half minutes'],
      [300 * s, '5 minutos', '5 minutes'],
      [17 * 60 * s, '17 minutos', '17 minutes'],
      [3600 * s, '1 hora', '1 hour'],
      [9000 * s, '2 horas y 30 minutos', '2 hours and 30 minutes'],
    ];
    for (const [ms, es, en] of cases) {
      expect(formatDuration('es', ms)).toBe(es);
      expect(formatDuration('en', ms)).toBe(en);
    }
    const offer = offerMessage('es', {
      offerId: 1,
      requestId: 1,
      serviceName: SERVICES[0]!.name,
      distanceKm: 1,
      area: null,
      answerWithinMinutes: 1.5,
    });
    expect(bodyOf([offer])).toContain('Tienes 1 minuto y medio para responder');
    // The approved template takes whole minutes: rounded up, never down to less time than there is.
    expect(offer.kind === 'send' && offer.fallback?.params[3]).toBe('2');
  });

  it('out of coverage: names the place and where we work, with a notify-me button, within limits', () => {
    for (const locale of LOCALES) {
      const known = outOfCoverageMessage(
        locale,
        {
          covered: false,
          place: { es: 'Nueva York', en: 'New York' },
          served: [
            { es: 'Ciudad de México', en: 'Mexico City' },
            { es: 'Guadalajara', en: 'Guadalajara' },
          ],
        },
        { lat: 40.7, lng: -74 },
      );
      expectWithinLimits([known]);
      expect(bodyOf([known])).toContain(
        locale === 'es' ? 'Aún no llegamos a Nueva York' : "We're not in New York yet",
      );
      expect(bodyOf([known])).toContain(
        locale === 'es' ? 'Ciudad de México y Guadalajara' : 'Mexico City and Guadalajara',
      );
      expectWithinLimits([
        outOfCoverageMessage(
          locale,
          { covered: false, place: { es: LONG, en: LONG }, served: SERVICES.map((s) => s.name) },
          PLACE,
        ),
      ]);
      expect(waitlistJoinedText(locale, null)).toMatch(locale === 'es' ? /tu zona/ : /your area/);
    }
  });
});
