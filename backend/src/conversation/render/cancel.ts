/**
 * Questions that protect a booking: before anyone replaces the provider the customer chose, and
 * before an accepted job is cancelled (the reasons list; the reason is told to the provider).
 */
import type { ListRow } from '../../shared/messages';
import type { Command } from '../commands';
import { tapId } from '../ids';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import type { CancelReason, CancelReasonCode, LocalizedText } from '../operations';
import { displayName } from '../text/sanitize';
import { serviceName } from './format';
import { buttonsMessage, listMessage, paragraphs, send } from './out';

type ReasonRow =
  | 'row.whySolved'
  | 'row.whyTooSlow'
  | 'row.whyPrice'
  | 'row.whyFoundOther'
  | 'row.whyNotNeeded'
  | 'row.whyOther';

/** The reasons offered for cancelling an accepted job, in list order (taps carry the 1-based index). */
export const CANCEL_REASONS: readonly { code: CancelReasonCode; row: ReasonRow }[] = [
  { code: 'solved', row: 'row.whySolved' },
  { code: 'too_slow', row: 'row.whyTooSlow' },
  { code: 'price', row: 'row.whyPrice' },
  { code: 'found_other', row: 'row.whyFoundOther' },
  { code: 'not_needed', row: 'row.whyNotNeeded' },
  { code: 'other', row: 'row.whyOther' },
];

/** "Look for another provider, or cancel?" */
export function replaceChosenPrompt(
  locale: Locale,
  requestId: number,
  service: LocalizedText,
  lead?: string,
): Command {
  const body = paragraphs(lead, t(locale, 'chosen.ask', { service: serviceName(locale, service) }));
  return send(
    buttonsMessage(body, [
      { id: tapId({ kind: 'req.replace', requestId }), title: t(locale, 'btn.findAnother') },
      { id: tapId({ kind: 'req.cancel', requestId }), title: t(locale, 'btn.cancel') },
    ]),
  );
}

/** "Are you sure? Why?": the reasons list, plus "do not cancel". */
export function cancelReasonsPrompt(
  locale: Locale,
  requestId: number,
  service: LocalizedText,
  providerName: string,
  lead?: string,
): Command {
  const name = displayName(providerName, 60);
  const rows: ListRow[] = CANCEL_REASONS.map((r, i) => ({
    id: tapId({ kind: 'req.why', requestId, reason: i + 1 }),
    title: t(locale, r.row),
  }));
  rows.push({
    id: tapId({ kind: 'req.keep', requestId }),
    title: t(locale, 'row.keepJob'),
    description: t(locale, 'desc.keepJob', { name }),
  });
  const body = paragraphs(
    lead,
    t(locale, 'cancel.confirm', { service: serviceName(locale, service), name }),
  );
  return send(listMessage(body, t(locale, 'list.cancelWhy'), rows));
}

/** "Other reason": type it (or keep the job). */
export function cancelNotePrompt(
  locale: Locale,
  requestId: number,
  providerName: string,
  lead?: string,
): Command {
  const body = paragraphs(
    lead,
    t(locale, 'cancel.askNote', { name: displayName(providerName, 60) }),
  );
  return send(
    buttonsMessage(body, [
      { id: tapId({ kind: 'req.keep', requestId }), title: t(locale, 'btn.keepJob') },
    ]),
  );
}

/** The reason as the provider reads it: the list's words, or the customer's own in quotes. */
export function reasonText(locale: Locale, reason: CancelReason): string {
  if (reason.code === 'other' && reason.note) return `“${displayName(reason.note, 200)}”`;
  const known = CANCEL_REASONS.find((r) => r.code === reason.code);
  return t(locale, known?.row ?? 'row.whyOther');
}
