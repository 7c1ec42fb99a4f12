/**
 * An admin decision about a provider (approve, reject, suspend) with an optional reason in plain
 * words: status change and audit row in one transaction, then the provider is told in WhatsApp
 * (notice → flows/provider/account.ts quotes the reason). Shared by the admin API and the console.
 */
import type { Knex } from 'knex';
import { writeAudit } from '../db/audit-log';
import { changeProviderStatus, type StatusAction } from '../db/providers';
import { getUserById } from '../db/users';
import type { Provider } from '../db/providers';
import type { ProviderStatus } from '../shared/marketplace-status';
import { conversationKeyOf } from '../shared/conversation-key';
import type { Notify } from './types';

export const DECISION_NOTICE: Record<StatusAction, string> = {
  approve: 'providerApproved',
  reject: 'providerRejected',
  suspend: 'providerSuspended',
};

export type Decision =
  | { ok: true; provider: Provider; notified: boolean }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid_transition'; status: ProviderStatus };

export async function decideProvider(
  deps: { knex: Knex; notify: Notify },
  input: { providerId: number; action: StatusAction; reason?: string; actor: string },
): Promise<Decision> {
  const reason = input.reason?.trim() ?? '';
  const result = await deps.knex.transaction(async (trx: Knex.Transaction) => {
    const change = await changeProviderStatus(trx, input.providerId, input.action);
    if (change.ok) {
      await writeAudit(trx, {
        actor: input.actor,
        action: `provider.${input.action}`,
        entity: 'provider',
        entityId: input.providerId,
        data: { from: change.previous, to: change.provider.status, ...(reason ? { reason } : {}) },
      });
    }
    return change;
  });
  if (!result.ok) return result;
  const user = await getUserById(deps.knex, result.provider.userId);
  const key = user ? conversationKeyOf(user) : null;
  let notified = false;
  if (key) {
    try {
      await deps.notify(key, DECISION_NOTICE[input.action], {
        providerId: input.providerId,
        ...(reason ? { reason } : {}),
      });
      notified = true;
    } catch {
      // The change is committed and audited; the caller says the provider was not told.
    }
  }
  return { ok: true, provider: result.provider, notified };
}
