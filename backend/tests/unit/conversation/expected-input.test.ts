import { expectsText, isAnswer } from '../../../src/conversation/expected-input';
import type { InboundMessageEvent } from '../../../src/conversation/events';
import type { ActiveState, ConversationState } from '../../../src/conversation/state';

const profile = {
  userId: 1,
  name: 'Ana',
  locale: 'es' as const,
  phone: null,
  provider: null,
  lastRequest: null,
};
const service = { id: 1, name: { es: 'Plomería', en: 'Plumbing' } };
const place = { lat: 19.42, lng: -99.16, label: null };
const draft = { name: 'Plomería Rosa', serviceIds: [1], place: null };

/** One state of every name (the compiler keeps this list complete through `Record`). */
const STATES: Record<ConversationState['name'], ConversationState> = {
  loading: { name: 'loading', pending: [], resumed: false, since: 0 },
  askName: { name: 'askName', profile, suggested: null, then: 'menu', saving: null },
  mainMenu: { name: 'mainMenu', profile },
  chooseService: { name: 'chooseService', profile, services: [], page: 0 },
  describeProblem: {
    name: 'describeProblem',
    profile,
    service,
    problem: { text: null, mediaIds: [] },
    saving: 0,
  },
  shareLocation: { name: 'shareLocation', profile, service, place: null },
  browseProviders: { name: 'browseProviders', profile, service, place, candidates: [] },
  providerDetail: {
    name: 'providerDetail',
    profile,
    service,
    place,
    candidates: [],
    detail: {} as never,
    reviews: [],
  },
  awaitingProvider: { name: 'awaitingProvider', profile, requestId: 1, service: service.name },
  rateJob: { name: 'rateJob', profile, requestId: 1, providerName: 'Rosa' },
  rateComment: { name: 'rateComment', profile, requestId: 1, providerName: 'Rosa', stars: 5 },
  myRequests: { name: 'myRequests', profile, requests: [] },
  provName: { name: 'provName', profile, draft },
  provServices: { name: 'provServices', profile, draft, services: [], page: 0 },
  provLocation: { name: 'provLocation', profile, draft },
  provRadius: { name: 'provRadius', profile, draft: { ...draft, place } },
  provFee: { name: 'provFee', profile, draft: { ...draft, place, radiusKm: 5 } },
  replaceChosen: {
    name: 'replaceChosen',
    profile,
    requestId: 1,
    service: service.name,
    providerName: 'Rosa',
  },
  cancelWhy: {
    name: 'cancelWhy',
    profile,
    requestId: 1,
    service: service.name,
    providerName: 'Rosa',
  },
  cancelNote: {
    name: 'cancelNote',
    profile,
    requestId: 1,
    service: service.name,
    providerName: 'Rosa',
  },
  editFee: { name: 'editFee', profile },
  confirmErase: { name: 'confirmErase', profile, erasing: false },
  provProfile: {
    name: 'provProfile',
    profile,
    stats: {
      status: 'pending',
      online: false,
      name: 'Rosa',
      ratingAvg: null,
      ratingCount: 0,
      jobsDone: 0,
    },
    own: { services: [], lat: 19.42, lng: -99.16, area: null, radiusKm: 5, visitFee: null },
    comments: [],
  },
};

const base = { source: 'user' as const, id: 'wamid.1', at: 0, profile: {} };
const text: InboundMessageEvent = { ...base, kind: 'text', text: 'hola' };
const events: InboundMessageEvent[] = [
  { ...base, kind: 'button', buttonId: 'detail.back', title: 'Volver' },
  { ...base, kind: 'listReply', rowId: 'menu.new', title: 'Pedir un servicio' },
  { ...base, kind: 'location', latitude: 19.4, longitude: -99.1 },
];
const unsupported: InboundMessageEvent = { ...base, kind: 'unsupported', messageType: 'sticker' };

describe('expectsText', () => {
  it('is true exactly where the open question is answered by typing', () => {
    const typing = Object.values(STATES)
      .filter(expectsText)
      .map((s) => s.name);
    expect(typing.sort()).toEqual([
      'askName',
      'cancelNote',
      'describeProblem',
      'editFee',
      'provFee',
      'provLocation',
      'provName',
      'rateComment',
      'shareLocation',
    ]);
    expect(expectsText(null)).toBe(false);
  });

  it('is false while a typed address is being looked up or a name saved', () => {
    const looking: ActiveState = { name: 'shareLocation', profile, service, place };
    expect(expectsText(looking)).toBe(false);
    const saving: ActiveState = {
      ...(STATES.askName as ActiveState & { name: 'askName' }),
      saving: 'Ana',
    };
    expect(expectsText(saving)).toBe(false);
  });
});

describe('isAnswer', () => {
  it.each(Object.keys(STATES))(
    'in %s: taps and locations are answers, unsupported types are not',
    (name) => {
      const state = STATES[name as ConversationState['name']];
      for (const e of events) expect(isAnswer(state, e)).toBe(true);
      expect(isAnswer(state, unsupported)).toBe(false);
      expect(isAnswer(state, text)).toBe(expectsText(state));
    },
  );

  it('with no conversation yet, a tap on an old button is an answer, text is not', () => {
    expect(isAnswer(null, events[0]!)).toBe(true);
    expect(isAnswer(null, text)).toBe(false);
  });
});

describe('typed answers to the options on screen count as answers (the generous budget)', () => {
  const typed = (t: string): InboundMessageEvent => ({ ...base, kind: 'text', text: t });
  const browsing: ConversationState = {
    name: 'browseProviders',
    profile,
    service,
    place,
    candidates: [
      {
        providerUserId: 7,
        name: 'Rosa Díaz',
        ratingAvg: 5,
        ratingCount: 2,
        distanceKm: 1,
        visitFee: null,
      },
      {
        providerUserId: 8,
        name: 'Luis Gómez',
        ratingAvg: null,
        ratingCount: 0,
        distanceKm: 2,
        visitFee: 300,
      },
    ],
  };

  it.each(['el segundo', 'Rosa', 'cualquiera', '2'])('"%s" in the providers list', (t) => {
    expect(isAnswer(browsing, typed(t))).toBe(true);
  });

  it.each(['hola', 'asdf', 'necesito un plomero urgente'])('"%s" is not', (t) => {
    expect(isAnswer(browsing, typed(t))).toBe(false);
  });

  it("a provider's typed answer to an offer", () => {
    const provider: ConversationState = {
      name: 'mainMenu',
      profile: { ...profile, provider: { status: 'approved', online: true } },
    };
    expect(isAnswer(provider, typed('acepto'))).toBe(true);
    expect(isAnswer(provider, typed('no puedo ahorita'))).toBe(true);
    expect(isAnswer({ name: 'mainMenu', profile }, typed('acepto'))).toBe(false);
  });
});
