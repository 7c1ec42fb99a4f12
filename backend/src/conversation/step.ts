/**
 * The pure transition: (state, event, context) → { state, commands }.
 * No I/O, no clock, no randomness: everything it needs comes in as arguments.
 *
 * States, triggers and targets are listed in `transitions.ts` (the table the docs diagram is
 * generated from; a unit test checks that the step never leaves it).
 */
import type { ConversationEvent } from './events';
import type { ConversationState } from './state';
import { resolveContext } from './context';
import type { StepContext } from './context';
import type { StepResult } from './flows/env';
import { handleEvent } from './flows/route';
import { onLoading, startSession } from './flows/session';

export type { StepContext } from './context';
export type { StepResult } from './flows/env';

export function step(
  state: ConversationState | null,
  event: ConversationEvent,
  context: StepContext,
): StepResult {
  const ctx = resolveContext(context);
  if (state === null) return startSession(event, ctx);
  if (state.name === 'loading') return onLoading(state, event, ctx);
  const out = handleEvent(state, event, { ...ctx, eventId: event.id });
  if (event.source !== 'user') return out;
  return {
    state: out.state,
    commands: [{ kind: 'markRead', messageId: event.id }, ...out.commands],
  };
}
