/** Messages of human help and privacy (flows/care.ts) that the open-question prompt also needs. */
import type { Command } from '../commands';
import { tapId } from '../ids';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import { buttonsMessage, paragraphs, send } from './out';

/** "Are you sure you want your data deleted?" with Yes / No buttons. */
export function confirmErasePrompt(locale: Locale, lead?: string): Command {
  return send(
    buttonsMessage(paragraphs(lead, t(locale, 'care.eraseAsk')), [
      { id: tapId({ kind: 'care.eraseYes' }), title: t(locale, 'btn.eraseYes') },
      { id: tapId({ kind: 'care.eraseNo' }), title: t(locale, 'btn.eraseNo') },
    ]),
  );
}
