/**
 * The pure transition: (state, event, context) → { state, commands }.
 * No I/O, no clock, no randomness: everything it needs comes in as arguments.
 */
import type { Command } from './commands';
import type { ConversationEvent, InboundMessageEvent } from './events';
import type { ConversationState, Profile } from './state';
import type { Locale } from './locale-types';
import { DEFAULT_LOCALE } from './locale-types';
import { t } from './locales';

export interface StepContext {
  /** Epoch ms; the clock of this step. */
  now: number;
  /** True when there was a stored state for this user that expired (session timed out). */
  sessionExpired: boolean;
}

export interface StepResult {
  state: ConversationState | null;
  commands: Command[];
}

export function step(
  state: ConversationState | null,
  event: ConversationEvent,
  ctx: StepContext,
): StepResult {
  if (state === null) {
    if (event.source !== 'user') return { state: null, commands: [] };
    return startSession(event, ctx);
  }
  switch (state.name) {
    case 'loading':
      return onLoading(state, event);
    case 'mainMenu':
      return onMainMenu(state, event);
  }
}

function startSession(event: InboundMessageEvent, ctx: StepContext): StepResult {
  return {
    state: { name: 'loading', pending: event, resumed: ctx.sessionExpired },
    commands: [
      { kind: 'markRead', messageId: event.id },
      { kind: 'call', op: 'loadUser', input: { profileName: event.profile.name } },
    ],
  };
}

function onLoading(
  state: Extract<ConversationState, { name: 'loading' }>,
  event: ConversationEvent,
): StepResult {
  if (event.source === 'internal' && event.kind === 'result' && event.op === 'loadUser') {
    if (!event.ok) {
      return { state: null, commands: [send(DEFAULT_LOCALE, 'error.temporary')] };
    }
    const { user } = event.output;
    const profile: Profile = { userId: user.id, name: user.name, locale: user.locale, role: user.role };
    const name = user.name ?? state.pending.profile.name ?? '';
    const greeting = state.resumed ? 'greeting.welcomeBack' : 'greeting.hello';
    return {
      state: { name: 'mainMenu', profile },
      commands: [mainMenu(profile.locale, t(profile.locale, greeting, { name }))],
    };
  }
  // Another message arrived while the user record is loading: keep the first one pending.
  return { state, commands: [] };
}

function onMainMenu(
  state: Extract<ConversationState, { name: 'mainMenu' }>,
  event: ConversationEvent,
): StepResult {
  if (event.source !== 'user') return { state, commands: [] };
  const locale = state.profile.locale;
  const read: Command = { kind: 'markRead', messageId: event.id };
  if (event.kind === 'button' && event.buttonId === 'menu:help') {
    return { state, commands: [read, send(locale, 'help.body'), mainMenu(locale, t(locale, 'menu.prompt'))] };
  }
  return { state, commands: [read, mainMenu(locale, t(locale, 'menu.prompt'))] };
}

function send(locale: Locale, key: Parameters<typeof t>[1]): Command {
  return { kind: 'send', message: { type: 'text', body: t(locale, key) } };
}

function mainMenu(locale: Locale, body: string): Command {
  return {
    kind: 'send',
    message: {
      type: 'buttons',
      body,
      buttons: [
        { id: 'menu:new', title: t(locale, 'menu.newRequest') },
        { id: 'menu:mine', title: t(locale, 'menu.myRequests') },
        { id: 'menu:help', title: t(locale, 'menu.help') },
      ],
    },
  };
}
