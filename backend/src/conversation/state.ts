/**
 * Conversation state: a tagged union, so the compiler checks every case in the step.
 * Stored as JSON in Redis inside a versioned envelope (see processing/conversation-store).
 */
import type { Locale } from './locale-types';
import type { InboundMessageEvent } from './events';

/** Bump when the shape changes and add a case to `migrateState`. */
export const STATE_SCHEMA_VERSION = 1;

export interface Profile {
  userId: number;
  name: string | null;
  locale: Locale;
  role: 'customer' | 'provider';
}

export type ConversationState =
  /** Waiting for the user record before answering the first message of a session. */
  | { name: 'loading'; pending: InboundMessageEvent; resumed: boolean }
  | { name: 'mainMenu'; profile: Profile };

export type StateName = ConversationState['name'];

/** Bring a stored state of an older schema to the current one; null = start afresh. */
export function migrateState(raw: unknown, schema: number): ConversationState | null {
  if (schema === STATE_SCHEMA_VERSION && isState(raw)) return raw;
  return null;
}

function isState(raw: unknown): raw is ConversationState {
  return typeof raw === 'object' && raw !== null && typeof (raw as { name?: unknown }).name === 'string';
}
