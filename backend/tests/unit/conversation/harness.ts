/**
 * Test harness for the pure conversation step: event builders, state fixtures, and `run`,
 * which calls the step and checks the invariants every transition must keep (listed in the
 * transition table, messages within WhatsApp's limits, state JSON-serialisable).
 */
import type { MediaType } from '../../../src/shared/media';
import type { Command } from '../../../src/conversation/commands';
import type { StepContext } from '../../../src/conversation/context';
import type {
  ConversationEvent,
  InboundMessageEvent,
  InternalEvent,
} from '../../../src/conversation/events';
import type { Locale } from '../../../src/conversation/locale-types';
import type {
  Candidate,
  JobSummary,
  OperationName,
  Operations,
  ProviderDetail,
  ProviderOwnProfile,
  ProviderStats,
  RatingComment,
  RequestSummary,
  ServiceType,
  UserRecord,
} from '../../../src/conversation/operations';
import { limitProblems } from '../../../src/conversation/render/limits';
import type {
  ActiveState,
  ConversationState,
  Profile,
  ResumableState,
  StateName,
} from '../../../src/conversation/state';
import { migrateState, RESUMABLE, STATE_SCHEMA_VERSION } from '../../../src/conversation/state';
import { step } from '../../../src/conversation/step';
import type { StepResult } from '../../../src/conversation/step';
import { rowsFor, triggerOf } from '../../../src/conversation/transitions';
import type { OutboundMessage } from '../../../src/shared/messages';

export const NOW = 1_764_100_000_000;
let seq = 0;
const nextId = (prefix: string): string => `${prefix}.${++seq}`;

export function ctx(overrides: Partial<StepContext> = {}): StepContext {
  return {
    now: NOW,
    sessionExpired: false,
    offerTimeoutMs: 300_000,
    maxOffersPerRequest: 5,
    ...overrides,
  };
}

/* ---------------- events ---------------- */

const userBase = (name = 'Ana') => ({
  source: 'user' as const,
  id: nextId('wamid'),
  at: NOW,
  profile: { name },
});

export const ev = {
  text: (text: string, profileName = 'Ana'): InboundMessageEvent => ({
    ...userBase(profileName),
    kind: 'text',
    text,
  }),
  button: (buttonId: string, title = 'x'): InboundMessageEvent => ({
    ...userBase(),
    kind: 'button',
    buttonId,
    title,
  }),
  row: (rowId: string, title = 'x'): InboundMessageEvent => ({
    ...userBase(),
    kind: 'listReply',
    rowId,
    title,
  }),
  location: (
    latitude: number,
    longitude: number,
    extra: { name?: string; address?: string } = {},
  ): InboundMessageEvent => ({
    ...userBase(),
    kind: 'location',
    latitude,
    longitude,
    ...extra,
  }),
  unsupported: (messageType: string): InboundMessageEvent => ({
    ...userBase(),
    kind: 'unsupported',
    messageType,
  }),
  /** A photo, voice note … as the intake parses it (the file itself stays at Meta). */
  media: (
    mediaType: MediaType,
    extra: { caption?: string; voice?: boolean } = {},
  ): InboundMessageEvent => ({
    ...userBase(),
    kind: 'media',
    mediaType,
    mediaId: '1234567890123456',
    mimeType:
      mediaType === 'audio'
        ? 'audio/ogg; codecs=opus'
        : mediaType === 'sticker'
          ? 'image/webp'
          : 'image/jpeg',
    ...extra,
  }),
  notice: (notice: string, data: Record<string, unknown> = {}): InternalEvent => ({
    source: 'internal',
    id: nextId('notice'),
    at: NOW,
    kind: 'notice',
    notice,
    data,
  }),
  timer: (timer: string, data: Record<string, unknown>): InternalEvent => ({
    source: 'internal',
    id: nextId('timer'),
    at: NOW,
    kind: 'timer',
    timer,
    data,
  }),
  ok: <K extends OperationName>(
    op: K,
    output: Operations[K]['output'],
    tag?: string,
  ): InternalEvent =>
    ({
      source: 'internal',
      id: nextId('result'),
      at: NOW,
      kind: 'result',
      op,
      tag,
      ok: true,
      output,
    }) as InternalEvent,
  fail: (op: OperationName, tag?: string): InternalEvent =>
    ({
      source: 'internal',
      id: nextId('result'),
      at: NOW,
      kind: 'result',
      op,
      tag,
      ok: false,
      error: 'boom',
    }) as InternalEvent,
};

/* ---------------- data fixtures ---------------- */

export const SERVICES: ServiceType[] = [
  { id: 1, code: 'plumbing', name: { es: 'Plomería', en: 'Plumbing' } },
  { id: 2, code: 'electrical', name: { es: 'Electricidad', en: 'Electrical' } },
  { id: 3, code: 'locksmith', name: { es: 'Cerrajería', en: 'Locksmith' } },
];

export const CANDIDATES: Candidate[] = [
  {
    providerUserId: 501,
    name: 'Juan Pérez',
    ratingAvg: 4.8,
    ratingCount: 52,
    distanceKm: 1.23,
    visitFee: 350,
  },
  {
    providerUserId: 502,
    name: 'María López',
    ratingAvg: null,
    ratingCount: 0,
    distanceKm: 0.4,
    visitFee: null,
  },
];

export const DETAIL: ProviderDetail = {
  userId: 501,
  name: 'Juan Pérez',
  ratingAvg: 4.8,
  ratingCount: 52,
  jobsDone: 60,
  distanceKm: 1.23,
  services: [SERVICES[0]!.name],
  visitFee: 350,
};

export const REQUESTS: RequestSummary[] = [
  {
    requestId: 77,
    serviceName: SERVICES[0]!.name,
    status: 'searching',
    createdAt: NOW - 5 * 60_000,
    providerName: null,
    providerPhone: null,
  },
  {
    requestId: 70,
    serviceName: SERVICES[1]!.name,
    status: 'accepted',
    createdAt: NOW - 3 * 3600_000,
    providerName: 'Juan',
    providerPhone: '525511112222',
  },
  {
    requestId: 60,
    serviceName: SERVICES[2]!.name,
    status: 'done',
    createdAt: NOW - 4 * 86400_000,
    providerName: 'Luis',
    providerPhone: null,
  },
];

export function profile(overrides: Partial<Profile> = {}): Profile {
  return {
    userId: 10,
    name: 'Ana',
    locale: 'es',
    phone: '525512345678',
    provider: null,
    lastRequest: null,
    ...overrides,
  };
}

export function providerProfile(overrides: Partial<Profile> = {}): Profile {
  return profile({
    userId: 501,
    name: 'Juan Pérez',
    provider: { status: 'approved', online: true },
    ...overrides,
  });
}

/** An approved, online provider at the menu (where their typed news and answers are read). */
export function onlineProviderMenu(locale: Locale = 'es'): ActiveState {
  return {
    name: 'mainMenu',
    profile: providerProfile({ locale, provider: { status: 'approved', online: true } }),
  };
}

/** One of a provider's active jobs (listMyJobs), for Pepe's plumbing in Roma Norte. */
export function activeJob(over: Partial<JobSummary> = {}): JobSummary {
  return {
    requestId: 77,
    serviceName: SERVICES[0]!.name,
    customerName: 'Pepe',
    customerPhone: '5215512340031',
    customerKey: 'wa:5215512340031',
    providerName: 'Plomería Gómez',
    address: 'Durango 45, Roma Nte.',
    lat: 19.42,
    lng: -99.16,
    acceptedAt: null,
    ...over,
  };
}

export function user(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: 10,
    name: 'Ana',
    locale: 'es',
    role: 'customer',
    phone: '525512345678',
    provider: null,
    lastRequest: null,
    ...overrides,
  };
}

const PLACE = { lat: 19.4326, lng: -99.1332, label: 'Centro, CDMX' };

/** A provider's own profile ("Mi perfil de proveedor"): numbers, settings, latest comments. */
export const PROFILE_STATS: ProviderStats = {
  status: 'approved',
  online: true,
  name: 'Juan Pérez',
  ratingAvg: 4.5,
  ratingCount: 2,
  jobsDone: 3,
};
export const OWN_PROFILE: ProviderOwnProfile = {
  services: [SERVICES[0]!, SERVICES[1]!],
  lat: 19.4195,
  lng: -99.1617,
  area: 'Roma Norte',
  radiusKm: 10,
  visitFee: 350,
};
export const COMMENTS: RatingComment[] = [
  { stars: 5, comment: 'Muy puntual y limpio', createdAt: NOW - 86400_000 },
  { stars: 3, comment: 'Llegó tarde pero quedó bien', createdAt: NOW - 3 * 86400_000 },
];
const SERVICE = { id: 1, name: SERVICES[0]!.name };

/** The menu right after a "cancelar" of each step that can be taken back ("seguir" returns to it). */
export function resumeFixtures(p: Profile = profile()): ActiveState[] {
  return stateFixtures(p)
    .filter((s): s is ResumableState => (RESUMABLE as readonly string[]).includes(s.name))
    .map((resume) => ({ name: 'mainMenu' as const, profile: p, resume }));
}

/** One fixture per active state (for the "from every state" tests). */
export function stateFixtures(p: Profile = profile()): ActiveState[] {
  const draft = { name: 'Juan Pérez', serviceIds: [1], place: null };
  return [
    {
      name: 'askName',
      profile: { ...p, name: null },
      suggested: 'Ana',
      then: 'menu',
      saving: null,
    },
    { name: 'mainMenu', profile: p },
    { name: 'chooseService', profile: p, services: SERVICES, page: 0 },
    {
      name: 'describeProblem',
      profile: p,
      service: SERVICE,
      problem: { text: null, mediaIds: [] },
      saving: 0,
    },
    { name: 'shareLocation', profile: p, service: SERVICE, place: null },
    { name: 'browseProviders', profile: p, service: SERVICE, place: PLACE, candidates: CANDIDATES },
    {
      name: 'providerDetail',
      profile: p,
      service: SERVICE,
      place: PLACE,
      candidates: CANDIDATES,
      detail: DETAIL,
      reviews: [],
    },
    { name: 'awaitingProvider', profile: p, requestId: 77, service: SERVICE.name },
    { name: 'rateJob', profile: p, requestId: 60, providerName: 'Luis' },
    { name: 'rateComment', profile: p, requestId: 60, providerName: 'Luis', stars: 5 },
    { name: 'myRequests', profile: p, requests: REQUESTS },
    { name: 'provName', profile: p, draft: { ...draft, name: '' } },
    { name: 'provServices', profile: p, draft, services: SERVICES, page: 0 },
    { name: 'provLocation', profile: p, draft },
    { name: 'provRadius', profile: p, draft: { ...draft, place: PLACE } },
    { name: 'provFee', profile: p, draft: { ...draft, place: PLACE, radiusKm: 10 } },
    {
      name: 'replaceChosen',
      profile: p,
      requestId: 77,
      service: SERVICE.name,
      providerName: 'Juan Pérez',
    },
    { name: 'cancelWhy', profile: p, requestId: 70, service: SERVICE.name, providerName: 'Juan' },
    { name: 'cancelNote', profile: p, requestId: 70, service: SERVICE.name, providerName: 'Juan' },
    { name: 'editFee', profile: p },
    { name: 'confirmErase', profile: p, erasing: false },
    { name: 'provProfile', profile: p, stats: PROFILE_STATS, own: OWN_PROFILE, comments: COMMENTS },
  ];
}

export function fixture<N extends ActiveState['name']>(
  name: N,
  p: Profile = profile(),
): Extract<ActiveState, { name: N }> {
  return stateFixtures(p).find((s) => s.name === name) as Extract<ActiveState, { name: N }>;
}

/* ---------------- running ---------------- */

/** Run one step and check the invariants; throws with a readable message if one is broken. */
export function run(
  state: ConversationState | null,
  event: ConversationEvent,
  context: StepContext = ctx(),
): StepResult {
  const out = step(state, event, context);
  const from = state === null ? 'none' : state.name;
  const to = out.state === null ? 'none' : out.state.name;
  const trigger = triggerOf(event);
  if (rowsFor(from, trigger, to).length === 0) {
    throw new Error(`transition not in the table: ${from} --${trigger}--> ${to}`);
  }
  for (const message of sentMessages(out.commands)) {
    const problems = limitProblems(message);
    if (problems.length)
      throw new Error(
        `message over WhatsApp limits (${problems.join('; ')}): ${JSON.stringify(message)}`,
      );
  }
  const json = JSON.parse(JSON.stringify(out.state)) as unknown;
  expect(json).toEqual(out.state);
  if (out.state !== null) expect(migrateState(json, STATE_SCHEMA_VERSION)).toEqual(out.state);
  recordTransition(from, trigger, to);
  return out;
}

/** Transitions seen by this test file (for table-coverage checks). */
export const seenTransitions = new Set<string>();
function recordTransition(from: string, trigger: string, to: string): void {
  seenTransitions.add(`${from}|${trigger}|${to}`);
}

export function sentMessages(commands: Command[]): OutboundMessage[] {
  return commands.flatMap((c) => (c.kind === 'send' ? [c.message] : []));
}

/** All user-visible text of the sends (bodies, button titles, row titles and descriptions). */
export function sentText(commands: Command[]): string {
  return sentMessages(commands)
    .map((m) => {
      switch (m.type) {
        case 'text':
        case 'locationRequest':
          return m.body;
        case 'buttons':
          return [m.body, ...m.buttons.map((b) => b.title)].join('\n');
        case 'list':
          return [
            m.body,
            m.button,
            ...m.sections.flatMap((s) => s.rows.flatMap((r) => [r.title, r.description ?? ''])),
          ].join('\n');
        case 'template':
          return m.bodyParams.join('\n');
        case 'image':
        case 'video':
        case 'document':
          return m.caption ?? '';
        case 'audio':
          return '';
      }
    })
    .join('\n---\n');
}

export function calls(commands: Command[]): Extract<Command, { kind: 'call' }>[] {
  return commands.filter((c): c is Extract<Command, { kind: 'call' }> => c.kind === 'call');
}

export function callOf<K extends OperationName>(
  commands: Command[],
  op: K,
): Extract<Command, { kind: 'call'; op: K }> {
  const found = commands.find((c) => c.kind === 'call' && c.op === op);
  if (!found)
    throw new Error(
      `no call to ${op} in ${JSON.stringify(commands.map((c) => (c.kind === 'call' ? `call:${c.op}` : c.kind)))}`,
    );
  return found as Extract<Command, { kind: 'call'; op: K }>;
}

export function notifies(commands: Command[]): Extract<Command, { kind: 'notify' }>[] {
  return commands.filter((c): c is Extract<Command, { kind: 'notify' }> => c.kind === 'notify');
}

export function ids(commands: Command[]): string[] {
  return sentMessages(commands).flatMap((m) =>
    m.type === 'buttons'
      ? m.buttons.map((b) => b.id)
      : m.type === 'list'
        ? m.sections.flatMap((s) => s.rows.map((r) => r.id))
        : [],
  );
}

export function stateName(out: StepResult): StateName | 'none' {
  return out.state === null ? 'none' : out.state.name;
}

/**
 * A scripted conversation: keeps the state, and answers the step's `call` commands with
 * results given by the test (as the processing layer would, right away, with the same tag).
 */
export class Script {
  state: ConversationState | null;
  log: Command[] = [];
  last: Command[] = [];
  context: StepContext;

  constructor(state: ConversationState | null = null, context: StepContext = ctx()) {
    this.state = state;
    this.context = context;
  }

  get locale(): Locale {
    return this.state && this.state.name !== 'loading' ? this.state.profile.locale : 'es';
  }

  send(event: ConversationEvent): this {
    const out = run(this.state, event, this.context);
    this.state = out.state;
    this.last = out.commands;
    this.log.push(...out.commands);
    return this;
  }

  /** Answer the pending call to `op` (from the last step) with `output`. */
  answer<K extends OperationName>(op: K, output: Operations[K]['output']): this {
    const pending = callOf(this.last, op);
    return this.send(ev.ok(op, output, pending.tag));
  }

  failCall(op: OperationName): this {
    const pending = callOf(this.last, op);
    return this.send(ev.fail(op, pending.tag));
  }

  get name(): StateName | 'none' {
    return this.state === null ? 'none' : this.state.name;
  }

  text(): string {
    return sentText(this.last);
  }
}
