/**
 * What a provider hears from the customer's side: an offer that expired (passed on to someone
 * else only when it was; set offline after too many in a row, with how to come back), a
 * cancellation (with the reason the customer gave for an accepted job) or the customer's wish for
 * someone else, and the customer's answer
 * to a "done" that came too soon after accepting.
 */
import { t } from '../../locales';
import type { Notices } from '../../notices';
import { reasonText } from '../../render/cancel';
import { formatRating, serviceName } from '../../render/format';
import { buttonsMessage, paragraphs, say, send, textMessage } from '../../render/out';
import { onlineToggleButton } from '../../render/provider';
import type { ActiveState } from '../../state';
import { tapId } from '../../ids';
import type { StepResult } from '../env';
import { stay, withProfile } from '../env';

export function offerExpiredNotice(state: ActiveState, data: Notices['offerExpired']): StepResult {
  const { profile } = state;
  const locale = profile.locale;
  const expired = t(locale, data.passedOn === true ? 'offer.expired' : 'offer.expiredNotPassed');
  if (!data.setOffline) return stay(state, send(textMessage(expired)));
  const next = profile.provider
    ? withProfile(state, { ...profile, provider: { ...profile.provider, online: false } })
    : state;
  return stay(
    next,
    send(
      buttonsMessage(paragraphs(expired, t(locale, 'provider.setOfflineMissed')), [
        onlineToggleButton(locale, false),
        { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
      ]),
    ),
  );
}

export function requestCancelledNotice(
  state: ActiveState,
  data: Notices['requestCancelled'],
): StepResult {
  const locale = state.profile.locale;
  const service = serviceName(locale, data.serviceName);
  if (data.replaced) return stay(state, say(locale, 'request.replacedByCustomer', { service }));
  const body = paragraphs(
    t(locale, 'request.cancelledByCustomer', { service }),
    data.reason ? t(locale, 'cancel.reason', { reason: reasonText(locale, data.reason) }) : null,
  );
  return stay(state, send(textMessage(body)));
}

export function jobDoneConfirmed(
  state: ActiveState,
  data: Notices['jobDoneConfirmed'],
): StepResult {
  const locale = state.profile.locale;
  const body = t(locale, 'done.confirmed', {
    rating: formatRating(locale, data.ratingAvg, data.ratingCount),
    jobs: Math.max(0, Math.floor(data.jobsDone)),
  });
  return stay(state, send(textMessage(body)));
}

export function jobNotDone(state: ActiveState, data: Notices['jobNotDone']): StepResult {
  const locale = state.profile.locale;
  const body = t(locale, 'done.providerNotYet', { service: serviceName(locale, data.serviceName) });
  return stay(state, send(textMessage(body)));
}
