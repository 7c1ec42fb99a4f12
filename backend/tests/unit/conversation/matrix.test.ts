/**
 * Every state × every kind of event: the step never throws, never leaves the transition
 * table, keeps every message within WhatsApp's limits and keeps the state serialisable
 * (all checked by `run`). Then: every row of the table is exercised, and random sequences
 * of events keep the same invariants (property test).
 */
import fc from 'fast-check';
import type { ConversationEvent } from '../../../src/conversation/events';
import type { ConversationState, LoadingState } from '../../../src/conversation/state';
import { TRANSITIONS } from '../../../src/conversation/transitions';
import { ALL_EVENTS, NOTICE_EVENTS, USER_EVENTS } from './catalog';
import {
  NOW,
  ctx,
  ev,
  profile,
  providerProfile,
  run,
  seenTransitions,
  resumeFixtures,
  stateFixtures,
  SERVICES,
  user,
} from './harness';

const PROFILES = [
  profile(),
  profile({ locale: 'en' }),
  providerProfile(),
  providerProfile({ locale: 'en', provider: { status: 'pending', online: false } }),
  profile({
    lastRequest: {
      serviceTypeId: 1,
      serviceName: { es: 'Plomería', en: 'Plumbing' },
      lat: 19.4,
      lng: -99.1,
      address: null,
    },
  }),
];
/** Fixtures plus the "waiting for an answer" variants of some states. */
const WAITING: ConversationState[] = [
  // A service asked for in free text ("ocupo un plomero"), waiting for the service list.
  { name: 'mainMenu', profile: profile(), want: { service: 'plumbing', urgent: true } },
  // … and with the problem already said: straight to where.
  {
    name: 'mainMenu',
    profile: profile(),
    want: { service: 'plumbing', problem: { text: 'gotea la llave', mediaIds: [] } },
  },
  {
    name: 'chooseService',
    profile: profile(),
    services: SERVICES,
    page: 0,
    want: { problem: { text: null, mediaIds: [40] } },
  },
  // "¿Qué pasa?" with two photos kept and a third being fetched; and with one photo.
  {
    name: 'describeProblem',
    profile: profile(),
    service: { id: 1, name: SERVICES[0]!.name },
    problem: { text: null, mediaIds: [38, 39] },
    saving: 1,
  },
  {
    name: 'describeProblem',
    profile: profile(),
    service: { id: 1, name: SERVICES[0]!.name },
    problem: { text: 'gotea', mediaIds: [38] },
    saving: 0,
  },
  {
    name: 'askName',
    profile: profile({ name: null }),
    suggested: null,
    then: 'menu',
    saving: 'Ana',
  },
  {
    name: 'askName',
    profile: profile({ name: null }),
    suggested: null,
    then: 'provider',
    saving: 'Ana',
  },
  {
    name: 'shareLocation',
    profile: profile(),
    service: { id: 1, name: { es: 'Plomería', en: 'Plumbing' } },
    place: { lat: 19.4, lng: -99.1, label: null },
  },
  { name: 'provName', profile: profile(), draft: { name: 'Juan', serviceIds: [], place: null } },
  {
    name: 'provServices',
    profile: profile(),
    draft: { name: 'Juan', serviceIds: [], place: null },
    services: [],
    page: 0,
  },
  // A registered provider changing their services, base or radius (from their profile).
  {
    name: 'provServices',
    profile: providerProfile(),
    draft: {
      name: 'Juan',
      serviceIds: [1],
      place: { lat: 19.42, lng: -99.16, label: 'Roma Norte' },
    },
    services: SERVICES,
    page: 0,
    editing: true,
  },
  {
    name: 'provLocation',
    profile: providerProfile({ provider: { status: 'suspended', online: false } }),
    draft: { name: 'Juan', serviceIds: [1], place: { lat: 19.42, lng: -99.16, label: null } },
    editing: true,
  },
  {
    name: 'provRadius',
    profile: providerProfile({ locale: 'en' }),
    draft: {
      name: 'Juan',
      serviceIds: [1],
      place: { lat: 19.42, lng: -99.16, label: null },
      radiusKm: 2.5,
    },
    editing: true,
  },
];
const STATES: ConversationState[] = [
  ...PROFILES.flatMap((p) => stateFixtures(p)),
  // The menu right after a "cancelar" that "seguir" can take back.
  ...resumeFixtures(PROFILES[0]),
  ...WAITING,
];
const withPending = (pending: ConversationEvent[]): LoadingState => ({
  name: 'loading',
  pending,
  resumed: false,
  since: NOW,
});
const LOADING_SEEDS: LoadingState[] = [
  withPending([ev.text('hola')]),
  withPending([ev.text('quiero ser proveedor')]),
  withPending([ev.row('menu:repeat')]),
  withPending([
    ev.notice('jobCompleted', {
      requestId: 60,
      providerName: 'Luis',
      serviceName: { es: 'Plomería', en: 'Plumbing' },
    }),
  ]),
  withPending([ev.text('hola'), ev.unsupported('sticker'), ev.notice('providerApproved')]),
];
const LOAD_RESULTS = [
  () => ev.ok('loadUser', { user: user(), isNew: false }, 'session.load'),
  () =>
    ev.ok(
      'loadUser',
      {
        user: user({
          lastRequest: {
            serviceTypeId: 1,
            serviceName: { es: 'P', en: 'P' },
            lat: 1,
            lng: 1,
            address: null,
          },
        }),
        isNew: false,
      },
      'session.load',
    ),
  () => ev.ok('loadUser', { user: user({ name: null }), isNew: true }, 'session.load'),
  () => ev.fail('loadUser', 'session.load'),
];

describe('every state × every event', () => {
  it.each(STATES.map((s, i) => [`${i}:${s.name}`, s]))('%s', (_label, state) => {
    for (const make of ALL_EVENTS) run(state, make());
  });

  it('no state', () => {
    for (const make of ALL_EVENTS) run(null, make());
  });

  it('loading', () => {
    for (const seed of LOADING_SEEDS) {
      for (const make of [...USER_EVENTS, ...NOTICE_EVENTS]) run(seed, make());
      for (const make of LOAD_RESULTS) run(seed, make());
      run(seed, ev.ok('listServiceTypes', { services: [] }));
      run(seed, ev.text('¿sigues ahí?'), ctx({ now: NOW + 60_000 }));
    }
  });

  it('every row of the transition table is exercised (the table lists nothing the step cannot do)', () => {
    // The scripted flows in the other files exercise the same rows; here the matrix alone must cover them.
    const seen = [...seenTransitions].map((s) => s.split('|') as [string, string, string]);
    const uncovered = TRANSITIONS.filter(
      (row) =>
        !seen.some(([from, trigger, to]) => {
          const fromOk =
            row.from === from || (row.from === '*' && from !== 'none' && from !== 'loading');
          const onOk = row.on.endsWith('*')
            ? trigger.startsWith(row.on.slice(0, -1))
            : row.on === trigger;
          const toOk = row.to === to || (row.to === '=' && to === from);
          return fromOk && onOk && toOk;
        }),
    );
    expect(uncovered).toEqual([]);
  });
});

describe('random sequences (property)', () => {
  it('keep every invariant from any state', () => {
    const start = fc.constantFrom<ConversationState | null>(null, ...STATES, ...LOADING_SEEDS);
    const events = fc.array(fc.constantFrom(...ALL_EVENTS), { minLength: 1, maxLength: 20 });
    const freeText = fc.string({ maxLength: 80 }).map((text) => () => ev.text(text));
    fc.assert(
      fc.property(start, events, fc.array(freeText, { maxLength: 3 }), (initial, makers, texts) => {
        let state = initial;
        for (const make of [...makers, ...texts]) state = run(state, make()).state;
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });
});
