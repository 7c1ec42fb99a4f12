/** Visit fees as people see them: in the providers list, on a provider's card, in the offer flow, and the provider's own question. */
import type { Command } from '../commands';
import { tapId } from '../ids';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import { formatPesos } from '../text/money';
import { displayName, truncate } from '../text/sanitize';
import { LIMITS } from './limits';
import { buttonsMessage, paragraphs, send } from './out';

/** "$350 MXN" / "sin costo" / "a convenir". */
export function feeValue(locale: Locale, fee: number | null): string {
  // Lists cached or stored before fees existed carry no fee at all: "to be agreed".
  if (typeof fee !== 'number') return t(locale, 'fee.agree');
  if (fee === 0) return t(locale, 'fee.free');
  return formatPesos(fee);
}

/** "Costo de visita: $350 MXN" (a line of a provider's card). */
export function feeLine(locale: Locale, fee: number | null): string {
  return t(locale, 'fee.line', { fee: feeValue(locale, fee) });
}

/** A list row's description with the visit fee after it: "★4.8 (52) · 1.2 km · Visita $350". */
export function withFee(locale: Locale, description: string, fee: number | null): string {
  const short =
    typeof fee !== 'number'
      ? t(locale, 'desc.feeAgree')
      : fee === 0
        ? t(locale, 'desc.feeFree')
        : t(locale, 'desc.fee', { fee: formatPesos(fee, false) });
  return truncate(`${description} · ${short}`, LIMITS.rowDescription);
}

/** "¿Cuánto cobran?" while looking at providers: each one's visit fee, and who sets the price of the job. */
export function priceAnswer(
  locale: Locale,
  providers: readonly { name: string; visitFee: number | null }[],
): string {
  const list = providers
    .slice(0, 9)
    .map((p) =>
      t(locale, 'price.item', { name: displayName(p.name, 60), fee: feeValue(locale, p.visitFee) }),
    )
    .join('\n');
  return t(locale, 'price.list', { list });
}

/** The visit-fee question (registration's last step, or a change from the menu) with "no fee" / "to be agreed". */
export function feePrompt(locale: Locale, editing: boolean, lead?: string): Command {
  const body = paragraphs(lead, t(locale, editing ? 'provider.editFee' : 'provider.askFee'));
  return send(
    buttonsMessage(body, [
      { id: tapId({ kind: 'fee.free' }), title: t(locale, 'btn.feeFree') },
      { id: tapId({ kind: 'fee.agree' }), title: t(locale, 'btn.feeAgree') },
    ]),
  );
}
