/**
 * An operator's reply to a handed-off conversation, sent through the same outbound path as the
 * bot's replies (a job on the outbound queue, in the conversation's send order, run by the sender
 * with its limits, retries and opt-out check): the text inside the person's 24-hour window, the
 * approved `notice` template outside it (outbound/template-fallback.ts). The console never calls
 * the Cloud API itself.
 */
import { randomUUID } from 'node:crypto';
import { getHandoff } from '../db/handoffs';
import { getUserById } from '../db/users';
import { lastInboundAt, recordOperatorReply } from '../care/handoffs';
import { insideServiceWindow } from '../outbound/service-window';
import { templateOf } from '../outbound/template-fallback';
import { outboundJobOptions } from '../queue/job-options';
import { conversationKeys } from '../queue/keys';
import { sendqPush } from '../queue/scripts';
import type { OutboundJob } from '../queue/jobs';
import type { OutboundMessage } from '../shared/messages';
import { templateParam, textMessage } from '../conversation/render/out';
import type { ConsoleDeps } from './deps';

export type ReplyOutcome =
  { ok: true; as: 'text' | 'template' } | { ok: false; reason: 'closed' | 'empty' };

export async function replyToHandoff(
  deps: ConsoleDeps,
  input: { handoffId: number; operatorId: number; text: string },
): Promise<ReplyOutcome> {
  const text = input.text.trim().slice(0, 2000);
  if (!text) return { ok: false, reason: 'empty' };
  const handoff = await getHandoff(deps.knex, input.handoffId);
  if (!handoff || handoff.status !== 'open') return { ok: false, reason: 'closed' };
  const key = handoff.conversationKey;
  const inside = insideServiceWindow(
    await lastInboundAt(deps.care, key),
    Date.now(),
    deps.settings.windowMarginMs,
  );
  const user = handoff.userId ? await getUserById(deps.knex, handoff.userId) : null;
  const message: OutboundMessage = inside
    ? textMessage(text)
    : templateOf(deps.settings, {
        template: 'notice',
        params: [templateParam(text)],
        locale: user?.locale ?? 'es',
      });
  const recorded = await recordOperatorReply(deps.care, {
    handoffId: handoff.id,
    operatorId: input.operatorId,
    text,
    sent: message.type,
  });
  if (!recorded) return { ok: false, reason: 'closed' };

  const { redis, prefix, queues } = deps.care.inbox;
  const commandId = `console:${handoff.id}:${randomUUID()}`;
  const job: OutboundJob = {
    commandId,
    key,
    correlationId: commandId,
    ordered: true,
    action: { kind: 'send', message },
  };
  await sendqPush(redis, conversationKeys(prefix, key).sendq, commandId);
  await queues.outbound.add(
    'send',
    job,
    outboundJobOptions(commandId, deps.settings.outboundAttempts),
  );
  return { ok: true, as: inside ? 'text' : 'template' };
}
