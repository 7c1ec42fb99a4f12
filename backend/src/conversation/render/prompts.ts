/**
 * The open question of every state, re-asked after help, a language switch, or anything
 * unexpected. `lead` is put first in the same message (one message instead of two).
 */
import type { Command } from '../commands';
import type { Ctx } from '../context';
import { tapId } from '../ids';
import { t } from '../locales';
import type { ActiveState } from '../state';
import { truncateWords } from '../text/sanitize';
import {
  commentPrompt,
  detailPrompt,
  locationPrompt,
  problemQuestion,
  confirmPlace,
  providersPrompt,
  ratePrompt,
  requestsPrompt,
  servicesPrompt,
  waitingPrompt,
} from './customer';
import { cancelNotePrompt, cancelReasonsPrompt, replaceChosenPrompt } from './cancel';
import { feePrompt } from './fees';
import { menuMessage } from './menu';
import { confirmErasePrompt } from './care';
import { profileMessage } from './provider-profile';
import { buttonsMessage, paragraphs, send } from './out';
import {
  providerLocationPrompt,
  providerNamePrompt,
  providerRadiusPrompt,
  providerServicesPrompt,
} from './provider';

export function prompt(state: ActiveState, ctx: Ctx, lead?: string): Command[] {
  const locale = state.profile.locale;
  switch (state.name) {
    case 'askName': {
      // The WhatsApp profile name (when it is a plausible name) and the other language, as buttons.
      const other = locale === 'es' ? 'en' : 'es';
      const language = {
        id: tapId({ kind: 'lang.set', locale: other }),
        title: t(locale, other === 'en' ? 'btn.english' : 'btn.spanish'),
      };
      if (state.suggested === null)
        return [
          send(
            buttonsMessage(
              paragraphs(lead, t(locale, state.changing ? 'name.changeAsk' : 'name.ask')),
              [language],
            ),
          ),
        ];
      const body = paragraphs(lead, t(locale, 'name.askSuggested', { name: state.suggested }));
      return [
        send(
          buttonsMessage(body, [
            { id: tapId({ kind: 'name.profile' }), title: truncateWords(state.suggested, 20) },
            language,
          ]),
        ),
      ];
    }
    case 'mainMenu':
      return [menuMessage(state.profile, lead)];
    case 'chooseService':
      return [servicesPrompt(locale, state.services, state.page, lead)];
    case 'describeProblem': {
      const said = state.problem.text !== null || state.problem.mediaIds.length > 0;
      const button = said
        ? { id: tapId({ kind: 'problem.done' }), title: t(locale, 'btn.continue') }
        : { id: tapId({ kind: 'problem.skip' }), title: t(locale, 'btn.skip') };
      return [send(buttonsMessage(paragraphs(lead, problemQuestion(state)), [button]))];
    }
    case 'shareLocation':
      if (state.confirm) return [confirmPlace(state)];
      return [locationPrompt(locale, state.service.name, lead)];
    case 'browseProviders':
      return [providersPrompt(locale, state.service.name, state.candidates, lead)];
    case 'providerDetail':
      return [detailPrompt(locale, state, lead)];
    case 'awaitingProvider':
      return [waitingPrompt(locale, state, lead)];
    case 'rateJob':
      return [ratePrompt(locale, state, lead)];
    case 'rateComment':
      return [commentPrompt(locale, state, lead)];
    case 'myRequests':
      return [requestsPrompt(locale, ctx, state.requests, lead)];
    case 'provName':
      return [providerNamePrompt(state.profile, lead)];
    case 'provServices':
      return [providerServicesPrompt(locale, state, lead)];
    case 'provLocation':
      return [providerLocationPrompt(locale, lead, state.editing === true)];
    case 'provRadius':
      return [
        providerRadiusPrompt(
          locale,
          lead,
          state.editing ? { current: state.draft.radiusKm } : null,
        ),
      ];
    case 'provProfile':
      return [profileMessage(locale, state, lead)];
    case 'provFee':
      return [feePrompt(locale, false, lead)];
    case 'editFee':
      return [feePrompt(locale, true, lead)];
    case 'replaceChosen':
      return [replaceChosenPrompt(locale, state.requestId, state.service, lead)];
    case 'cancelWhy':
      return [
        cancelReasonsPrompt(locale, state.requestId, state.service, state.providerName, lead),
      ];
    case 'cancelNote':
      return [cancelNotePrompt(locale, state.requestId, state.providerName, lead)];
    case 'confirmErase':
      return [confirmErasePrompt(locale, lead)];
    default:
      return assertNever(state);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
