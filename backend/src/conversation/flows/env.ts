/** Shared vocabulary of the flow handlers. */
import type { Command } from '../commands';
import type { Ctx } from '../context';
import type { InboundMessageEvent, MediaContent } from '../events';
import type { Tap } from '../ids';
import { parseTap } from '../ids';
import type { CallCommandOf, OperationName, Operations } from '../operations';
import type { ActiveState, ConversationState, Place, Profile } from '../state';
import { sanitizeUserText } from '../text/sanitize';
import type { GlobalWord } from '../text/words';
import { globalWord } from '../text/words';

export interface StepResult {
  state: ConversationState | null;
  commands: Command[];
}

/** The context of handling one event: the step context plus the event's id (idempotency key). */
export type Env = Ctx & { eventId: string };

/** What a user message means, before looking at the state. */
export type Input =
  | { kind: 'word'; word: GlobalWord; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'tap'; tap: Tap | null; id: string }
  | { kind: 'location'; place: Place | null }
  /** A photo, voice note, … as received (the file is fetched by the `saveMedia` operation). */
  | MediaContent
  | { kind: 'unsupported'; messageType: string };

export function readInput(event: InboundMessageEvent): Input {
  switch (event.kind) {
    case 'text': {
      const word = globalWord(event.text);
      return word ? { kind: 'word', word, text: event.text } : { kind: 'text', text: event.text };
    }
    case 'button':
      return { kind: 'tap', tap: parseTap(event.buttonId), id: event.buttonId };
    case 'listReply':
      return { kind: 'tap', tap: parseTap(event.rowId), id: event.rowId };
    case 'location':
      return {
        kind: 'location',
        place: placeFrom(event.latitude, event.longitude, event.address || event.name || null),
      };
    case 'media': {
      const { id: _id, at: _at, source: _source, profile: _profile, ...media } = event;
      return media;
    }
    case 'unsupported':
      return { kind: 'unsupported', messageType: event.messageType };
  }
}

/** A valid coordinate pair (not the 0,0 "null island" some clients send), or null. */
export function placeFrom(lat: number, lng: number, label: string | null): Place | null {
  const ok =
    Number.isFinite(lat) &&
    Number.isFinite(lng) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lng) <= 180 &&
    !(lat === 0 && lng === 0);
  if (!ok) return null;
  const clean = label === null ? '' : sanitizeUserText(label, { maxLength: 120 });
  return { lat, lng, label: clean || null };
}

export function stay(state: ConversationState | null, ...commands: Command[]): StepResult {
  return { state, commands };
}

/** A `call` command; `tag` says which continuation handles the result (see tags.ts). */
export function call<K extends OperationName>(
  op: K,
  input: Operations[K]['input'],
  tag: string,
): CallCommandOf<K> {
  return { kind: 'call', op, input, tag };
}

export function withProfile<S extends ActiveState>(state: S, profile: Profile): S {
  return { ...state, profile };
}

export function mainMenuState(profile: Profile): ActiveState {
  return { name: 'mainMenu', profile };
}
