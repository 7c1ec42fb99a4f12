/**
 * Provider account: approval notices from the admin API, "¿cuándo me aprueban?", online/offline (going offline withdraws
 * a pending offer at once: its customer is told and the request goes on). The provider's own
 * profile is provider/profile.ts.
 */
import type { OperationResultOf, ProviderStatus } from '../../operations';
import { t } from '../../locales';
import { tapId } from '../../ids';
import { providerStatus } from '../../render/format';
import type { Command } from '../../commands';
import { buttonsMessage, paragraphs, say, send, textMessage } from '../../render/out';
import { sanitizeUserText } from '../../text/sanitize';
import { onlineToggleButton } from '../../render/provider';
import type { ActiveState } from '../../state';
import { prompt } from '../../render/prompts';
import type { Env, StepResult } from '../env';
import { stay, withProfile } from '../env';

/** An admin's decision; `reason` (the admin's own words, sanitised) is quoted when given. */
export function approvalNotice(
  state: ActiveState,
  status: ProviderStatus,
  reason?: string,
): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  const online = status === 'approved' ? (profile.provider?.online ?? false) : false;
  const next = withProfile(state, { ...profile, provider: { status, online } });
  const clean = reason ? sanitizeUserText(reason, { maxLength: 300 }) : '';
  const why = clean ? t(locale, 'provider.reason', { reason: clean }) : null;
  const appeal = (key: 'provider.rejected' | 'provider.suspended') =>
    stay(
      next,
      send(
        buttonsMessage(paragraphs(t(locale, key), why, t(locale, 'provider.appealHint')), [
          { id: tapId({ kind: 'care.appeal' }), title: t(locale, 'btn.appeal') },
          { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
        ]),
      ),
    );
  switch (status) {
    case 'approved':
      return stay(
        next,
        send(
          buttonsMessage(paragraphs(t(locale, 'provider.approved'), why), [
            onlineToggleButton(locale, online),
            { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
          ]),
        ),
      );
    case 'rejected':
      return appeal('provider.rejected');
    case 'suspended':
      return appeal('provider.suspended');
    case 'pending':
      return stay(next);
  }
}

/** "¿Cuándo me aprueban?", "¿ya me aprobaron?", "no me llegan trabajos": where their sign-up stands. */
export function approvalAsked(state: ActiveState, env: Env): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  const provider = profile.provider;
  if (!provider) return stay(state, ...prompt(state, env, t(locale, 'provider.notRegistered')));
  switch (provider.status) {
    case 'pending':
      return stay(state, ...prompt(state, env, t(locale, 'provider.inReview')));
    case 'approved':
      return stay(
        state,
        send(
          buttonsMessage(
            t(locale, provider.online ? 'provider.approvedOnline' : 'provider.approvedOffline'),
            [
              onlineToggleButton(locale, provider.online),
              { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
            ],
          ),
        ),
      );
    case 'rejected':
    case 'suspended':
      return stay(
        state,
        send(
          buttonsMessage(
            paragraphs(
              t(locale, 'provider.notApproved', {
                status: providerStatus(locale, provider.status),
              }),
              t(locale, 'provider.appealHint'),
            ),
            [
              { id: tapId({ kind: 'care.appeal' }), title: t(locale, 'btn.appeal') },
              { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
            ],
          ),
        ),
      );
  }
}

export function onlineSet(
  state: ActiveState,
  result: OperationResultOf<'setProviderOnline'>,
): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  if (!result.ok) return stay(state, say(locale, 'error.temporary'));
  const out = result.output;
  if (out.status === 'not_approved') {
    const provider =
      out.providerStatus === null ? null : { status: out.providerStatus, online: false };
    const next = withProfile(state, { ...profile, provider });
    return out.providerStatus === null
      ? stay(next, say(locale, 'provider.notRegistered'))
      : stay(
          next,
          say(locale, 'provider.notApproved', {
            status: providerStatus(locale, out.providerStatus),
          }),
        );
  }
  const next = withProfile(state, {
    ...profile,
    provider: { status: 'approved', online: out.online },
  });
  const told: Command[] = out.withdrawn.map((w) => ({
    kind: 'notify',
    to: w.customer.conversationKey,
    notice: 'offerWithdrawn',
    data: { requestId: w.requestId, offerId: w.offerId, providerName: w.providerName },
  }));
  const body = paragraphs(
    t(locale, out.online ? 'provider.online' : 'provider.offline'),
    told.length ? t(locale, 'provider.offlineWithdrew') : null,
  );
  return stay(next, ...told, send(textMessage(body)));
}
