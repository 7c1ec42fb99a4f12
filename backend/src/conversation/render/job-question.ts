/**
 * A yes/no question about one job, naming the other person and the service, with two buttons
 * whose ids carry the job ("¿Luis ya terminó tu servicio (*Plomería*)?" · "Sí, ya quedó" /
 * "Todavía no"; "¿Ya no puedes ir con Ana?" · "Ya no puedo ir" / "Sí voy"; "¿Busco a otro?" ·
 * "Sí, buscar a otro" / "No, así está bien").
 */
import type { Command } from '../commands';
import { tapId, type Tap } from '../ids';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import type { LocalizedText } from '../operations';
import { displayName } from '../text/sanitize';
import { serviceName } from './format';
import { buttonsMessage, send } from './out';

type QuestionKey =
  | 'done.ask'
  | 'done.askClose'
  | 'drop.ask'
  | 'replace.ask'
  | 'replace.askAccepted'
  | 'replace.askOffered';
type ButtonKey =
  | 'btn.doneYes'
  | 'btn.doneNotYet'
  | 'btn.dropYes'
  | 'btn.dropNo'
  | 'btn.replaceYes'
  | 'btn.replaceNo';

export function jobQuestion(
  locale: Locale,
  key: QuestionKey,
  about: { name: string; service: LocalizedText },
  yes: [Tap, ButtonKey],
  no: [Tap, ButtonKey],
): Command {
  const body = t(locale, key, {
    name: displayName(about.name, 60),
    service: serviceName(locale, about.service),
  });
  return send(
    buttonsMessage(body, [
      { id: tapId(yes[0]), title: t(locale, yes[1]) },
      { id: tapId(no[0]), title: t(locale, no[1]) },
    ]),
  );
}
