/**
 * In the conversation worker, before the pure step: while the conversation is handed to a person
 * (care/handoffs.ts sets a marker in Redis), a message of the person is recorded for the console and
 * consumed without running the step — same Lua commit as a normal step (version check, event
 * removed from the inbox atomically, the 24-hour window and contact kept up to date), no reply
 * but, now and then, "your message reached the team" (`acknowledgeDue`).
 * Timers, notices and operation results still run: the offer chain and the hand-back notice must.
 * "menú" (or "volver al asistente"), "STOP" and "borra mis datos" close the handoff and are answered
 * by the step as usual.
 */
import type { Logger } from '../../observability/logger';
import { maskKey } from '../../shared/mask';
import type { InboundMessageEvent } from '../events';
import { leavesHandoff } from '../text/words';
import { understand } from '../understanding/understand';
import { t } from '../locales';
import { textMessage } from '../render/out';
import type { InboxEntry } from '../../queue/inbox';
import type { ConversationStore } from './store';

export interface HandoffPause {
  /** The id of the conversation's open handoff, or null when the bot answers it (one Redis read). */
  pausedFor(key: string): Promise<number | null>;
  /** Keep what the person wrote in the handoff's transcript (idempotent for `eventId`). */
  record(handoffId: number, eventId: string, body: string): Promise<void>;
  /** The person asked for the assistant back ("menú"): close the handoff (audited). */
  leave(handoffId: number): Promise<void>;
  /**
   * Whether the person should now hear that their message reached the team: at most once per
   * quiet spell (no operator reply and no such note lately), so "¿hola? ¿hay alguien?" is not met
   * with silence and five messages in a row do not get five notes. Absent: never.
   */
  acknowledgeDue?(key: string): Promise<boolean>;
}

export interface PauseDeps {
  store: ConversationStore;
  pause: HandoffPause;
  logger: Logger;
}

/** True when the entry was a message to a person and has been recorded and consumed. */
export async function consumeIfHandedOff(
  deps: PauseDeps,
  key: string,
  member: string,
  entry: InboxEntry,
): Promise<boolean> {
  const { event } = entry;
  if (event.source !== 'user') return false;
  const handoffId = await deps.pause.pausedFor(key);
  if (handoffId === null) return false;
  // Recorded before the event is consumed: a crash in between records it again (no duplicate: same event id).
  await deps.pause.record(handoffId, event.id, transcriptLine(event));
  // "menú": the person takes the conversation back; the step answers this message as usual.
  // "STOP" / "borra mis datos" too: stopping the messages or erasing the data never waits for a person.
  if (event.kind === 'text' && (leavesHandoff(event.text) || stopsOrErases(event.text))) {
    await deps.pause.leave(handoffId);
    deps.logger.info(
      {
        event: 'conversation.handoff_left',
        correlationId: entry.correlationId,
        key: maskKey(key),
        handoffId,
      },
      'the person went back to the assistant',
    );
    return false;
  }
  // Decided once, before the commit (a retry of the commit must not decide again).
  const acknowledge = (await deps.pause.acknowledgeDue?.(key)) === true;
  for (let attempt = 0; attempt < 5; attempt++) {
    const loaded = await deps.store.load(key);
    const locale =
      loaded.state && loaded.state.name !== 'loading' ? loaded.state.profile.locale : 'es';
    const committed = await deps.store.commit({
      key,
      expectedVersion: loaded.version,
      state: loaded.state,
      consumed: { from: 'inbox', member },
      lastInboundAt: Math.max(event.at, entry.receivedAt),
      ...(entry.contact ? { contact: entry.contact } : {}),
      commands: acknowledge
        ? [
            {
              id: `${event.id}#handoff`,
              command: { kind: 'send', message: textMessage(t(locale, 'handoff.received')) },
              correlationId: entry.correlationId,
            },
          ]
        : [],
    });
    if (committed === 'conflict') continue;
    deps.logger.info(
      {
        event: 'conversation.handed_off',
        correlationId: entry.correlationId,
        key: maskKey(key),
        handoffId,
        eventKind: event.kind,
      },
      'message kept for the operator; the bot is paused',
    );
    return true;
  }
  throw new Error('state version conflict persisted');
}

/** "STOP", "ya no me manden nada", "borra mis datos": always for the bot, even while handed off. */
function stopsOrErases(text: string): boolean {
  const intent = understand(text).intent;
  return intent === 'opt_out' || intent === 'delete_data';
}

/** What the console shows for one message of the person. */
export function transcriptLine(event: InboundMessageEvent): string {
  switch (event.kind) {
    case 'text':
      return event.text;
    case 'button':
    case 'listReply':
      return `[${event.title}]`;
    case 'location':
      return `[📍 ${[event.name, event.address].filter(Boolean).join(', ') || `${event.latitude.toFixed(4)}, ${event.longitude.toFixed(4)}`}]`;
    case 'media':
      return `[${event.mediaType}${event.caption ? `: ${event.caption}` : ''}]`;
    case 'unsupported':
      return `[${event.messageType}]`;
  }
}
