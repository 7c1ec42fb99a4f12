/**
 * An admin decision about a provider (approve, reject, suspend) reaches them as a notice in their
 * conversation (the bot words it in their language); provider lists shown to customers change at
 * once (the cached lists are made stale).
 */
import { invalidateProviderLists } from '../operations/candidate-cache';
import { enqueueEntries, type InboxDeps } from '../queue/inbox';

export async function notifyProviderDecision(
  inbox: InboxDeps,
  userKey: string,
  notice: string,
  data: Record<string, unknown>,
  now = Date.now(),
): Promise<void> {
  await invalidateProviderLists(inbox.redis, inbox.prefix);
  const id = `admin:${notice}:${userKey}:${now}`;
  await enqueueEntries(inbox, userKey, [
    {
      event: { source: 'internal', kind: 'notice', id, at: now, notice, data },
      correlationId: id,
      receivedAt: now,
    },
  ]);
}
