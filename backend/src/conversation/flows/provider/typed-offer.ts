/**
 * A provider who types the answer to an offer instead of tapping it: "acepto", "va, voy para
 * allá", "lo tomo", "I'll take it" / "no puedo", "rechazar", "ahorita no", "ahorita no puedo, estoy
 * en otro trabajo". A provider has at most
 * one open offer, so the words name it; Postgres decides (answerOffer with `offerId: null`), and
 * "no open offer" is said plainly. A bare "sí" counts too, but when no offer is open it is not
 * answered with "you have no offers" (it was probably meant for something else).
 */
import { normalize } from '../../understanding/normalize';
import { understand } from '../../understanding/understand';
import { thumbsUp } from '../../text/words';
import type { ActiveState } from '../../state';
import type { Env, StepResult } from '../env';
import { call, stay } from '../env';
import { tag } from '../tags';

const ACCEPT =
  /^(?:(?:si|va|sale|ok|claro|dale|simon|yes|sure|ahorita|ahora|orale) )*(?:acepto|aceptar|aceptada|aceptado|la acepto|lo acepto|la tomo|lo tomo|yo la tomo|yo lo tomo|me la llevo|voy|yo voy|ahi voy|ya voy|voy para alla|voy en camino|en camino|lo agarro|la agarro|me lo quedo|me la quedo|yo me encargo|accept|i accept|accepted|i will take it|i ll take it|ill take it|take it|i got it|i will do it|i ll do it|ill do it|on my way|i am on my way|coming)(?: (?:la|el|esa|ese) (?:solicitud|trabajo|chamba|servicio))?(?: (?:ahorita|ahora|ya|hoy|en camino|right now|now|today))?(?: (?:gracias|por favor|porfa|thanks|please))?$/;
const DECLINE =
  /^(?:(?:no|nel|sorry|lo siento|perdon) )*(?:rechazar|rechazo|la rechazo|lo rechazo|no puedo|no puedo ir|ahorita no puedo|ahora no puedo|hoy no puedo|ahorita no|ahora no|no voy|no alcanzo|paso|decline|declined|i decline|reject|can not|i can not|can not go|not now|cannot|i cannot|no thanks|no gracias|esta vez no|hoy no|not this time|estoy ocupado|estoy ocupada|ando ocupado|ando ocupada|i am busy|im busy)(?: (?:la|el|esa|ese) (?:solicitud|trabajo|chamba|servicio))?(?: (?:ahorita|ahora|hoy|en este momento|right now|now|today))?(?: (?:gracias|sorry|lo siento|thanks))?$/;

/** "Ahorita no puedo, estoy en otro trabajo": a refusal with its reason after it. */
const DECLINE_WITH_REASON =
  /^(?:(?:no|nel|sorry|lo siento|perdon|disculpa) )*(?:no puedo|ahorita no puedo|ahora no puedo|hoy no puedo|ahorita no|no alcanzo|estoy ocupado|estoy ocupada|ando ocupado|ando ocupada|i can not|i cannot|can not|i am busy|im busy) (?:estoy|ando|tengo|ya|es que|porque|voy|me|i am|im|i have|i m)\b/;

/** Where a provider's typed answer is read: steps that ask the provider nothing of their own. */
const READS_OFFER_ANSWERS: ReadonlySet<ActiveState['name']> = new Set(['mainMenu', 'provProfile']);

export type TypedOfferAnswer = 'accept' | 'decline' | 'yes';

/** Argument of an `offer.typedYes` tag: the yes was a bare 👍 (with no offer open: thanks). */
export const THUMBS_UP = 1;

/** Whether a provider's typed answer to an offer is read in this state. */
export function readsOfferAnswers(state: ActiveState): boolean {
  return state.profile.provider !== null && READS_OFFER_ANSWERS.has(state.name);
}

/** What the words say about an open offer, or null. Pure. */
export function offerAnswerOf(text: string): TypedOfferAnswer | null {
  if (text.length > 80) return null;
  const words = normalize(text).text;
  if (ACCEPT.test(words)) return 'accept';
  if (DECLINE.test(words) || DECLINE_WITH_REASON.test(words)) return 'decline';
  // A bare 👍 to the offer is a yes, as "sí" is.
  return understand(text).intent === 'affirm' || thumbsUp(text) ? 'yes' : null;
}

/** A registered provider's typed answer to their open offer, as answerOffer; null otherwise. */
export function typedOfferAnswer(state: ActiveState, text: string, env: Env): StepResult | null {
  if (!readsOfferAnswers(state)) return null;
  const answer = offerAnswerOf(text);
  if (answer === null) return null;
  // "Ya voy" / "voy en camino" accepts an open offer; with none open it is news on a job (progress.ts).
  const news = answer === 'accept' ? understand(text) : null;
  const onTheWay = news?.intent === 'job_progress' && news.progress === 'onTheWay';
  return answerOpenOffer(
    state,
    env,
    answer !== 'decline',
    onTheWay
      ? tag('offer.typedWay', news.etaMinutes ?? 0)
      : answer === 'yes'
        ? tag('offer.typedYes', thumbsUp(text) ? THUMBS_UP : 0)
        : tag(answer === 'decline' ? 'offer.typedNo' : 'offer.typed'),
  );
}

/** The provider's one open offer answered (Postgres picks it: `offerId: null`). */
export function answerOpenOffer(
  state: ActiveState,
  env: Pick<Env, 'eventId'>,
  accept: boolean,
  tagged: string,
): StepResult {
  return stay(
    state,
    call(
      'answerOffer',
      { idempotencyKey: env.eventId, offerId: null, providerUserId: state.profile.userId, accept },
      tagged,
    ),
  );
}
