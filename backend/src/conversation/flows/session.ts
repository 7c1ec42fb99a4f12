/**
 * Session start: the first event of a conversation (or after the state expired) loads the
 * user record; events arriving meanwhile wait in `loading.pending` and are replayed once the
 * user is known. A new user is asked their name; a returning one is greeted by name with the
 * menu, unless their first message already means something (a tap, a command, a notice).
 */
import type { Command } from '../commands';
import type { Ctx } from '../context';
import type { ConversationEvent } from '../events';
import { DEFAULT_LOCALE } from '../locale-types';
import { t } from '../locales';
import type { OperationResultOf } from '../operations';
import { menuMessage } from '../render/menu';
import { paragraphs, say } from '../render/out';
import { prompt } from '../render/prompts';
import type { ActiveState, LoadingState, Profile, Want } from '../state';
import { tradesIn, understand } from '../understanding/understand';
import { wantOf } from './understood';
import { validateName } from '../text/name';
import { firstMessageLocale, globalWord } from '../text/words';
import type { StepResult } from './env';
import { call, mainMenuState, readInput, stay } from './env';
import { handleEvent, handleInput, SILENT_TYPES } from './route';
import { tag } from './tags';
import { privacyNoticeLine } from './care';
import { offerAnswerOf } from './provider/typed-offer';
import { keepEarlyMedia, wantWithProblem } from './customer/problem';

/** Events kept while loading; more are dropped (a user does not send 10 messages in the ~ms it takes). */
const MAX_PENDING = 10;
/** If loadUser has not answered after this long, ask again. */
const LOADING_STALE_MS = 30_000;

export function startSession(event: ConversationEvent, ctx: Ctx): StepResult {
  if (event.source === 'internal' && event.kind === 'result') return stay(null); // stale result of a dead session
  // A 👍 on an old message starts nothing (no greeting, no menu); it is only marked read.
  if (
    event.source === 'user' &&
    event.kind === 'unsupported' &&
    SILENT_TYPES.has(event.messageType)
  )
    return stay(null, { kind: 'markRead', messageId: event.id });
  const state: LoadingState = {
    name: 'loading',
    pending: [event],
    resumed: ctx.sessionExpired,
    since: ctx.now,
  };
  // The lookup first, then the read receipt: the receipt then waits in the outbox for the reply
  // the lookup leads to and travels with it (one send instead of a receipt on its own).
  const commands: Command[] = [loadUser(event)];
  if (event.source === 'user') commands.push({ kind: 'markRead', messageId: event.id });
  return { state, commands };
}

function loadUser(event: ConversationEvent | undefined): Command {
  const profileName = event?.source === 'user' ? event.profile.name : undefined;
  return call('loadUser', profileName ? { profileName } : {}, tag('session.load'));
}

export function onLoading(state: LoadingState, event: ConversationEvent, ctx: Ctx): StepResult {
  if (event.source === 'internal' && event.kind === 'result') {
    return event.op === 'loadUser' ? loaded(state, event, ctx) : stay(state);
  }
  const commands: Command[] = [];
  if (event.source === 'user') commands.push({ kind: 'markRead', messageId: event.id });
  const pending = state.pending.length < MAX_PENDING ? [...state.pending, event] : state.pending;
  if (ctx.now - state.since > LOADING_STALE_MS) {
    commands.push(loadUser(pending.find((e) => e.source === 'user')));
    return { state: { ...state, pending, since: ctx.now }, commands };
  }
  return { state: { ...state, pending }, commands };
}

function loaded(state: LoadingState, result: OperationResultOf<'loadUser'>, ctx: Ctx): StepResult {
  const hasUserMessage = state.pending.some((e) => e.source === 'user');
  if (!result.ok) {
    // Start afresh next time; tell the user only if they wrote (notices are lost; offers time out).
    return stay(null, ...(hasUserMessage ? [say(DEFAULT_LOCALE, 'error.temporary')] : []));
  }
  const { user, isNew } = result.output;
  const profile: Profile = {
    userId: user.id,
    name: user.name,
    locale: user.locale,
    phone: user.phone ?? null,
    provider: user.provider ?? null,
    lastRequest: user.lastRequest ?? null,
  };
  // A new user is always asked (the record may hold the WhatsApp profile name, offered as a suggestion).
  return profile.name && !isNew
    ? replayKnown(state, profile, ctx)
    : askName(state, { ...profile, name: null }, ctx);
}

/** A known user: replay what arrived; the first plain message gets the greeting and the menu. */
function replayKnown(state: LoadingState, profile: Profile, ctx: Ctx): StepResult {
  let current: ActiveState = mainMenuState(profile);
  const commands: Command[] = [];
  let greeted = false;
  for (const event of state.pending) {
    const env = { ...ctx, eventId: event.id };
    let out: StepResult;
    if (event.source === 'user' && !greeted) {
      greeted = true;
      const input = readInput(event);
      const meaningful =
        input.kind === 'tap' ||
        (input.kind === 'word' && input.word !== 'menu') ||
        (input.kind === 'media' && input.mediaType !== 'sticker') ||
        (input.kind === 'text' && saysSomething(input.text, profile));
      out = meaningful
        ? handleInput(current, input, env)
        : stay(current, greeting(current.profile, state.resumed));
    } else {
      out = handleEvent(current, event, env);
    }
    commands.push(...out.commands);
    if (out.state === null || out.state.name === 'loading') return { state: out.state, commands };
    current = out.state;
  }
  return { state: current, commands };
}

/** Whether a returning person's first words ask for something ("ocupo un plomero", "acepto"), not just hello. */
function saysSomething(text: string, profile: Profile): boolean {
  if (profile.provider && offerAnswerOf(text) !== null) return true;
  return !GREETING_ONLY.has(understand(text).intent);
}
const GREETING_ONLY: ReadonlySet<string> = new Set([
  'greeting',
  'thanks',
  'unknown',
  'affirm',
  'deny',
  'give_name',
]);

function greeting(profile: Profile, resumed: boolean): Command {
  const name = profile.name ?? '';
  return menuMessage(
    profile,
    t(profile.locale, resumed ? 'greeting.welcomeBack' : 'greeting.returning', { name }),
  );
}

/** A new user (no name yet): welcome, ask the name; notices that arrived are still handled. */
function askName(state: LoadingState, profile: Profile, ctx: Ctx): StepResult {
  const firstUser = state.pending.find((e) => e.source === 'user');
  const check =
    firstUser?.source === 'user' && firstUser.profile.name
      ? validateName(firstUser.profile.name)
      : null;
  // What the first messages said: a request is kept for after the name; the language they are
  // written in is the one we answer in ("Hi, I need an electrician" → English from the first reply).
  const texts = state.pending.flatMap((e) =>
    e.source === 'user' && e.kind === 'text'
      ? [e.text]
      : e.source === 'user' && e.kind === 'media' && e.caption
        ? [e.caption]
        : [],
  );
  // A photo or voice note of the trouble (even with no words): kept now, the problem of the request.
  const media = state.pending.filter(
    (e): e is Extract<ConversationEvent, { kind: 'media' }> =>
      e.source === 'user' && e.kind === 'media' && e.mediaType !== 'sticker',
  );
  const meanings = texts.map((text) => understand(text));
  const wantsProvider =
    texts.some((text) => globalWord(text) === 'provider') ||
    meanings.some((m) => m.intent === 'provider_signup');
  const request = meanings.find((m) => m.intent === 'request_service');
  const opener =
    texts.length > 0
      ? (firstMessageLocale(texts[0]!) ??
        meanings.find((m) => m.locale)?.locale ??
        meanings[0]?.writtenIn ??
        null)
      : null;
  if (opener) profile = { ...profile, locale: opener };
  const requested: Want | undefined = request
    ? wantOf(request, texts[meanings.indexOf(request)])
    : undefined;
  const want: Want | undefined =
    media.length > 0
      ? wantWithProblem(requested, media.find((m) => m.caption)?.caption)
      : requested;
  let current: ActiveState = {
    name: 'askName',
    profile,
    suggested: check?.ok ? check.name : null,
    then: wantsProvider ? 'provider' : 'menu',
    saving: null,
    ...(want ? { want } : {}),
  };
  // "Quiero trabajar con ustedes, soy plomero": the trade is marked when the services are listed.
  const trade = wantsProvider
    ? meanings.find((m) => m.intent === 'provider_signup')?.service
    : undefined;
  // "Soy plomero y electricista": every trade named is marked.
  const trades = wantsProvider ? tradesIn(texts.join(', ')) : [];
  if ((trade || trades.length > 0) && current.name === 'askName')
    current = {
      ...current,
      want: {
        ...current.want,
        ...(trade ? { service: trade } : {}),
        ...(trades.length > 0 ? { trades } : {}),
      },
    };
  // First contact: the welcome carries the privacy notice link (config PRIVACY_NOTICE_URL).
  const welcome = paragraphs(
    t(profile.locale, 'welcome.new'),
    privacyNoticeLine(profile.locale, ctx),
    want ? t(profile.locale, requested ? 'name.keepWantLead' : 'name.keepMediaLead') : null,
  );
  const commands: Command[] = firstUser ? prompt(current, ctx, welcome) : [];
  for (const m of media) commands.push(keepEarlyMedia(current, m, { eventId: m.id }));
  for (const event of state.pending) {
    if (event.source === 'user') continue;
    const out = handleEvent(current, event, { ...ctx, eventId: event.id });
    commands.push(...out.commands);
    if (out.state === null || out.state.name === 'loading') return { state: out.state, commands };
    current = out.state;
  }
  return { state: current, commands };
}
