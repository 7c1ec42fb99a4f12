/**
 * The transition table: every state change the step can make, as data. It is the single
 * source of truth for docs/conversation.md (`scripts/gen-conversation-diagram.ts` draws it)
 * and a unit test checks that every transition the step produces is listed here.
 *
 * A row reads "in `from`, on `on`, the conversation goes to `to`".
 * - `from`: a state, `none` (no stored state) or `*` (any state except `loading`).
 * - `on`: the trigger, as computed by `triggerOf` (`text`, `word:menu`, `tap:svc.pick`,
 *   `location`, `unsupported`, `notice:offerAccepted`, `timer:offerTimeout`,
 *   `result:findCandidates` …); a trailing `*` matches any suffix.
 * - `to`: a state, `none`, or `=` (stays where it was).
 * Several rows with the same `from` and `on` list the possible outcomes (e.g. found / not found).
 */
import type { ConversationEvent } from './events';
import { parseTap } from './ids';
import { RESUMABLE, type StateName } from './state';
import { globalWord } from './text/words';

export type Flow = 'session' | 'customer' | 'provider';
export type Node = StateName | 'none';

export const STATE_INFO: Record<StateName, { flow: Flow; description: string }> = {
  loading: {
    flow: 'session',
    description: 'waiting for the user record (events arriving meanwhile are queued and replayed)',
  },
  askName: { flow: 'session', description: 'new user: asked for their name' },
  mainMenu: { flow: 'session', description: 'idle, the menu list was shown' },
  chooseService: { flow: 'customer', description: 'list of service types (paged when > 10)' },
  describeProblem: {
    flow: 'customer',
    description: '"¿Qué pasa?": words, up to 3 photos or voice notes (optional)',
  },
  shareLocation: {
    flow: 'customer',
    description: 'location request: pin, typed address or postal code',
  },
  browseProviders: {
    flow: 'customer',
    description:
      'nearby providers by distance and rating (one "Nuevo" slot) + "let the app choose"',
  },
  providerDetail: {
    flow: 'customer',
    description: 'one provider with latest reviews: Book / Back',
  },
  awaitingProvider: {
    flow: 'customer',
    description: 'request sent, waiting for a provider to accept',
  },
  rateJob: { flow: 'customer', description: 'job done: rating list 1–5' },
  rateComment: { flow: 'customer', description: 'optional comment after the stars (Skip)' },
  myRequests: { flow: 'customer', description: "list of the customer's latest requests" },
  provName: { flow: 'provider', description: 'registration 1/4: display name' },
  provServices: {
    flow: 'provider',
    description:
      'registration 2/4: services multi-select with Done (editing: the current ones marked)',
  },
  provLocation: {
    flow: 'provider',
    description: 'registration 3/4: base location (or changing it)',
  },
  provRadius: {
    flow: 'provider',
    description: 'registration 4/4: radius 3/5/10/20 km (or changing it)',
  },
  provFee: {
    flow: 'provider',
    description: 'registration, last (optional): visit fee in pesos, "no fee" or "to be agreed"',
  },
  replaceChosen: {
    flow: 'customer',
    description: 'the chosen provider cannot take it: look for another, or cancel?',
  },
  cancelWhy: {
    flow: 'customer',
    description: 'cancelling an accepted job: reasons list (choosing one confirms) / do not cancel',
  },
  cancelNote: { flow: 'customer', description: '"other reason": the customer types it' },
  editFee: { flow: 'provider', description: 'changing the visit fee from the menu' },
  confirmErase: {
    flow: 'session',
    description: '"borrar mis datos": Yes, delete / No, keep (flows/care.ts)',
  },
  provProfile: {
    flow: 'provider',
    description:
      '"Mi perfil de proveedor": numbers, services, base, radius, fee, latest rating comments; what can be changed',
  },
};

export interface Transition {
  from: Node | '*';
  on: string;
  to: Node | '=';
  note?: string;
}

const row = (
  from: Transition['from'],
  on: string,
  to: Transition['to'],
  note?: string,
): Transition => (note === undefined ? { from, on, to } : { from, on, to, note });

export const TRANSITIONS: readonly Transition[] = [
  /* ---- session ---- */
  row('none', 'text', 'loading', 'load the user'),
  row('none', 'tap:*', 'loading'),
  row('none', 'word:*', 'loading'),
  row('none', 'location', 'loading'),
  row('none', 'unsupported', 'loading'),
  row('none', 'unsupported', 'none', 'a reaction or system note starts nothing (marked read)'),
  row('none', 'media', 'loading'),
  row('none', 'notice:*', 'loading', 'e.g. an offer for a provider who has not written today'),
  row('none', 'timer:*', 'loading'),
  row('none', 'result:*', 'none', 'stale result: ignored'),
  row('loading', 'result:loadUser', 'mainMenu', 'known user: greeting + menu'),
  row('loading', 'result:loadUser', 'askName', 'new user'),
  row('loading', 'result:loadUser', 'none', 'failed: "temporary problem"'),
  row('loading', 'result:loadUser', 'provName', 'first message was "quiero ser proveedor"'),
  row('loading', 'result:loadUser', 'shareLocation', 'first message was a "repeat last" tap'),
  row('loading', 'result:loadUser', 'rateJob', 'a queued jobCompleted notice'),
  row('loading', 'text', 'loading', 'queued'),
  row('loading', 'word:*', 'loading', 'queued'),
  row('loading', 'tap:*', 'loading', 'queued'),
  row('loading', 'location', 'loading', 'queued'),
  row('loading', 'unsupported', 'loading', 'queued'),
  row('loading', 'media', 'loading', 'queued'),
  row('loading', 'notice:*', 'loading', 'queued'),
  row('loading', 'timer:*', 'loading', 'queued'),
  row('loading', 'result:*', 'loading', 'ignored'),
  row('askName', 'text', 'askName', 'invalid → reason; valid → saveUser'),
  row('askName', 'tap:name.profile', 'askName', 'use the WhatsApp profile name'),
  row('askName', 'location', 'askName', 'a pin before the name: kept as where the request goes'),
  row('askName', 'result:saveUser', 'mainMenu'),
  row('askName', 'result:saveUser', 'provName', 'had asked to become a provider'),
  row('askName', 'result:saveUser', 'askName', 'failed'),
  row('mainMenu', 'text', 'mainMenu', 'greeting → menu'),
  row('mainMenu', 'text', 'shareLocation', 'a row typed ("1", "repetir"): the last request again'),
  row('mainMenu', 'result:listServiceTypes', 'chooseService'),
  row('mainMenu', 'result:listServiceTypes', 'mainMenu', 'none / failed'),
  row(
    'mainMenu',
    'result:listServiceTypes',
    'shareLocation',
    'a service and its problem said earlier: straight to where',
  ),
  row(
    'mainMenu',
    'result:listServiceTypes',
    'describeProblem',
    'a service asked for earlier: "¿Qué pasa?"',
  ),
  row('mainMenu', 'result:listMyRequests', 'myRequests'),
  row('mainMenu', 'result:listMyRequests', 'mainMenu', 'none / failed'),

  /* ---- customer ---- */
  row('chooseService', 'tap:svc.pick', 'describeProblem', '"¿Qué pasa?"'),
  row('chooseService', 'tap:svc.pick', 'shareLocation', 'the problem was already said'),
  row('chooseService', 'text', 'describeProblem', 'row number or service name'),
  row(
    'chooseService',
    'text',
    'shareLocation',
    'row number or service name; the problem was already said',
  ),
  row('chooseService', 'media', 'mainMenu', 'saveMedia, then the services again'),
  row(
    'describeProblem',
    'text',
    'shareLocation',
    'the problem in words; an address: geocodeAddress',
  ),
  row(
    'describeProblem',
    'text',
    'mainMenu',
    '"mejor un electricista": another trade → listServiceTypes',
  ),
  row('describeProblem', 'tap:problem.done', 'shareLocation'),
  row('describeProblem', 'tap:problem.skip', 'shareLocation'),
  row(
    'describeProblem',
    'location',
    'shareLocation',
    'in a hurry: the place answers the next question → findCandidates',
  ),
  row('describeProblem', 'media', 'describeProblem', 'saveMedia (up to 3)'),
  row('describeProblem', 'result:saveMedia', 'describeProblem', 'kept (n of 3) / refused: why'),
  row('describeProblem', 'result:saveMedia', 'shareLocation', 'the third file'),
  row('mainMenu', 'media', 'mainMenu', 'a photo from the menu: saveMedia'),
  row('mainMenu', 'text', 'mainMenu', 'an address typed first: geocodeAddress'),
  row('mainMenu', 'result:geocodeAddress', 'mainMenu', 'found: kept like a pin → listServiceTypes'),
  row(
    'mainMenu',
    'result:saveMedia',
    'mainMenu',
    'kept → listServiceTypes (the photo is the problem)',
  ),
  row('chooseService', 'tap:svc.page', 'chooseService'),
  row('shareLocation', 'location', 'shareLocation', 'findCandidates'),
  row(
    'shareLocation',
    'text',
    'mainMenu',
    '"mejor un electricista": another trade → listServiceTypes',
  ),
  row(
    'shareLocation',
    'text',
    'shareLocation',
    'postal code / address → geocodeAddress; nonsense → retry prompt',
  ),
  row(
    'shareLocation',
    'result:geocodeAddress',
    'shareLocation',
    'found → findCandidates; not found → retry prompt',
  ),
  row('shareLocation', 'result:findCandidates', 'browseProviders'),
  row(
    'shareLocation',
    'result:findCandidates',
    'mainMenu',
    'nobody nearby (outside coverage: "not there yet" + notify me)',
  ),
  row('shareLocation', 'result:findCandidates', 'shareLocation', 'failed'),
  row('browseProviders', 'tap:pick.provider', 'browseProviders', 'getProviderDetail'),
  row('browseProviders', 'tap:pick.auto', 'browseProviders', 'createRequest'),
  row('browseProviders', 'text', 'browseProviders', 'row number'),
  row('browseProviders', 'location', 'shareLocation', 'a new pin: findCandidates there'),
  row('providerDetail', 'location', 'shareLocation', 'a new pin: findCandidates there'),
  row('browseProviders', 'result:getProviderDetail', 'providerDetail'),
  row('browseProviders', 'result:getProviderDetail', 'browseProviders', 'not found / failed'),
  row('browseProviders', 'result:createRequest', 'awaitingProvider', 'offerRequest (best first)'),
  row('browseProviders', 'result:createRequest', 'browseProviders', 'failed'),
  row('providerDetail', 'tap:detail.book', 'providerDetail', 'createRequest'),
  row('providerDetail', 'tap:detail.back', 'browseProviders'),
  row('providerDetail', 'text', 'providerDetail', '"reservar" typed → createRequest'),
  row('providerDetail', 'text', 'browseProviders', '"volver" typed; "quiero otro": the list again'),
  row(
    'providerDetail',
    'result:createRequest',
    'awaitingProvider',
    'offerRequest (preferred provider)',
  ),
  row('providerDetail', 'result:createRequest', 'providerDetail', 'failed'),
  row(
    'awaitingProvider',
    'text',
    'awaitingProvider',
    'still waiting; "mándame otro" → replaceProvider',
  ),
  row('awaitingProvider', 'word:cancel', 'awaitingProvider', 'cancelRequest'),
  row(
    'awaitingProvider',
    'result:offerRequest',
    'mainMenu',
    'nobody available: told honestly, "try again"',
  ),
  row('awaitingProvider', 'result:cancelRequest', 'mainMenu', 'cancelled'),
  row(
    'awaitingProvider',
    'result:offerRequest',
    'replaceChosen',
    'the chosen provider cannot take it: ask before replacing them',
  ),
  row('replaceChosen', 'text', 'replaceChosen', 'yes → offerRequest (replace); no → cancelRequest'),
  row('replaceChosen', 'word:cancel', 'replaceChosen', 'cancelRequest'),
  row('replaceChosen', 'result:offerRequest', 'awaitingProvider', 'another provider offered'),
  row('replaceChosen', 'result:offerRequest', 'mainMenu', 'nobody available'),
  row('replaceChosen', 'result:cancelRequest', 'mainMenu', 'cancelled'),
  row('replaceChosen', 'notice:offerAccepted', 'mainMenu', 'accepted meanwhile (a race)'),
  row('cancelWhy', 'text', 'cancelWhy', 'row number → cancelRequest with the reason'),
  row('cancelWhy', 'text', 'cancelNote', '"other reason"'),
  row('cancelWhy', 'text', 'mainMenu', '"do not cancel"'),
  row('cancelWhy', 'tap:req.why', 'cancelNote', '"other reason"'),
  row('cancelWhy', 'word:cancel', 'mainMenu', 'nothing is cancelled'),
  row('cancelWhy', 'result:cancelRequest', 'mainMenu', 'cancelled, the provider told why'),
  row('cancelNote', 'text', 'cancelNote', 'the reason → cancelRequest; too short → ask again'),
  row('cancelNote', 'word:cancel', 'mainMenu', 'nothing is cancelled'),
  row('cancelNote', 'result:cancelRequest', 'mainMenu', 'cancelled, the provider told why'),
  row('awaitingProvider', 'notice:offerAccepted', 'mainMenu', "provider's name + wa.me link"),
  row('rateJob', 'text', 'rateJob', '"1".."5" → rateJob; before the stars "ya quedó" / "aún no"'),
  row('rateJob', 'text', 'mainMenu', '"aún no" → reopenJob'),
  row('rateJob', 'result:rateJob', 'mainMenu', 'not allowed'),
  row('rateComment', 'text', 'rateComment', 'comment → rateJob'),
  row('rateComment', 'tap:rate.skip', 'mainMenu'),
  row('rateComment', 'result:rateJob', 'mainMenu', 'comment saved'),
  row('rateComment', 'word:cancel', 'mainMenu', 'same as Skip'),
  row('myRequests', 'tap:req.show', 'myRequests', 'detail (+ Cancel while open)'),
  row('myRequests', 'text', 'myRequests', 'row number'),
  row('myRequests', 'result:cancelRequest', 'mainMenu', 'cancelled'),

  /* ---- provider ---- */
  row('provName', 'text', 'provName', 'invalid → reason; valid → listServiceTypes'),
  row('provName', 'tap:pname.same', 'provName', 'listServiceTypes'),
  row('provName', 'result:listServiceTypes', 'provServices'),
  row('provName', 'result:listServiceTypes', 'mainMenu', 'no services'),
  row('provName', 'result:listServiceTypes', 'provName', 'failed'),
  row('provServices', 'tap:psvc.toggle', 'provServices', 'mark / unmark'),
  row('provServices', 'tap:psvc.page', 'provServices'),
  row('provServices', 'tap:psvc.done', 'provLocation', 'at least one marked'),
  row('provServices', 'tap:psvc.done', 'provServices', 'none marked'),
  row('provServices', 'text', 'provLocation', '"listo"'),
  row('provServices', 'text', 'provServices', 'row number toggles'),
  row('provLocation', 'location', 'provRadius'),
  row('provLocation', 'location', 'provLocation', 'invalid pin'),
  row('provLocation', 'text', 'provLocation', 'postal code / address → geocodeAddress'),
  row('provLocation', 'text', 'provRadius', 'a maps link with its coordinates, or "19.41, -99.16"'),
  row('provLocation', 'result:geocodeAddress', 'provRadius'),
  row('provLocation', 'result:geocodeAddress', 'provLocation', 'not found / failed'),
  row('provRadius', 'tap:radius', 'provFee'),
  row('provRadius', 'text', 'provFee', '"5 km"'),
  row('provFee', 'tap:fee.free', 'provFee', 'registerProvider (no visit fee)'),
  row('provFee', 'tap:fee.agree', 'provFee', 'registerProvider (to be agreed)'),
  row(
    'provFee',
    'text',
    'provFee',
    '"350", "$1,200", "gratis", "a convenir" → registerProvider; else a hint',
  ),
  row('provFee', 'result:registerProvider', 'mainMenu', '"pending approval"'),
  row('provFee', 'result:registerProvider', 'provFee', 'failed'),
  row('editFee', 'tap:fee.free', 'editFee', 'setVisitFee'),
  row('editFee', 'tap:fee.agree', 'editFee', 'setVisitFee'),
  row('editFee', 'text', 'editFee', 'amount → setVisitFee; else a hint'),

  /* ---- a provider's own profile: registration's questions again, `editing`, saved at once ---- */
  row('*', 'result:getProviderStats', 'provProfile', 'the profile, with what can be changed'),
  row(
    '*',
    'result:getProviderStats',
    'provLocation',
    'a change of base asked before the profile was loaded',
  ),
  row(
    '*',
    'result:getProviderStats',
    'provRadius',
    'a change of radius asked before the profile was loaded',
  ),
  row('*', 'result:getProviderStats', '=', 'not a provider / failed'),
  row('provProfile', 'tap:prof.base', 'provLocation', 'editing'),
  row('provProfile', 'tap:prof.radius', 'provRadius', 'editing'),
  row('provProfile', 'text', 'provLocation', 'understood: "cambiar mi zona" (editing)'),
  row('provProfile', 'text', 'provRadius', 'understood: "cambiar radio" (editing)'),
  row('*', 'text', 'editFee', 'understood (providers): "cambiar mi costo de visita"'),
  row('*', 'tap:prof.services', '=', 'listServiceTypes (in provProfile) or getProviderStats first'),
  row('*', 'tap:prof.base', '=', 'getProviderStats first (or not a provider)'),
  row('*', 'tap:prof.radius', '=', 'getProviderStats first (or not a provider)'),
  row(
    'provProfile',
    'result:listServiceTypes',
    'provServices',
    'editing: the current services marked',
  ),
  row('provProfile', 'result:listServiceTypes', 'provProfile', 'none / failed'),
  row('provServices', 'tap:psvc.done', 'provServices', 'editing: updateProviderProfile (services)'),
  row('provLocation', 'location', 'provLocation', 'editing: updateProviderProfile (base)'),
  row(
    'provLocation',
    'result:geocodeAddress',
    'provLocation',
    'editing: updateProviderProfile (base)',
  ),
  row('provRadius', 'tap:radius', 'provRadius', 'editing: updateProviderProfile (radius)'),
  row('provRadius', 'text', 'provRadius', 'editing: "5 km" → updateProviderProfile (radius)'),
  row(
    '*',
    'result:updateProviderProfile',
    'mainMenu',
    'saved: one short confirmation with the menu',
  ),
  row(
    '*',
    'result:updateProviderProfile',
    '=',
    'outside coverage / no services / failed: asked again',
  ),

  /* ---- everywhere (any state but loading) ---- */
  row('*', 'word:menu', 'mainMenu', 'askName stays'),
  row('*', 'tap:menu.open', 'mainMenu'),
  row('*', 'word:cancel', 'mainMenu', 'abandon the dialog (askName stays)'),
  row('*', 'word:help', '=', 'help + the open question again'),
  row('*', 'tap:menu.help', '='),
  row('*', 'word:language', '=', 'Español / English buttons'),
  row('*', 'word:english', '=', 'locale saved, question repeated in the new language'),
  row('*', 'word:spanish', '='),
  row('*', 'tap:lang.set', '='),
  row('*', 'word:provider', 'provName', 'not a provider yet (or rejected)'),
  row('*', 'tap:menu.provider', 'provName'),
  row('*', 'word:provider', '=', 'already a provider / askName'),
  row('*', 'tap:menu.provider', '='),
  row('*', 'tap:menu.new', 'mainMenu', 'listServiceTypes'),
  row('*', 'tap:menu.mine', 'mainMenu', 'listMyRequests'),
  row('*', 'tap:menu.repeat', 'shareLocation', 'same service and place → findCandidates'),
  row('*', 'tap:menu.repeat', 'mainMenu', 'nothing to repeat → listServiceTypes'),
  row('*', 'word:online', '=', 'providers: setProviderOnline'),
  row('*', 'word:offline', '='),
  row('*', 'tap:prov.online', '='),
  row('*', 'tap:prov.offline', '='),
  row('*', 'tap:menu.stats', '=', 'getProviderStats (→ provProfile)'),
  row('*', 'tap:menu.jobs', '=', 'listMyJobs: active jobs with contact and Terminado'),
  row('*', 'tap:offer.accept', '=', 'answerOffer decides'),
  row('*', 'tap:offer.decline', '=', 'answerOffer decides'),
  row('*', 'tap:job.done', '=', 'completeJob (too soon after accepting: the customer is asked)'),
  row('*', 'tap:job.drop', '=', 'dropJob: the provider cannot go; back to searching'),
  row('*', 'tap:job.keep', '=', '"Sí voy": the job stays theirs'),
  row('*', 'result:dropJob', '=', 'the customer told (jobDropped), the provider thanked'),
  row('mainMenu', 'notice:jobDropped', 'awaitingProvider', 'offered to someone else at once'),
  row('*', 'tap:job.confirm', '=', 'confirmJobDone (done)'),
  row('*', 'tap:job.notYet', '=', 'confirmJobDone (not yet)'),
  row('*', 'tap:job.close', '=', 'confirmJobDone (closes: their "ya quedó", confirmed)'),
  row('*', 'tap:job.open', '=', '"Todavía no": nothing changes'),
  row('*', 'result:confirmJobDone', '=', 'confirm_close: "¿Ya terminó?" before closing'),
  row(
    '*',
    'result:confirmJobDone',
    'rateJob',
    'confirmed: rate, from mainMenu, awaitingProvider, myRequests, rateJob, rateComment',
  ),
  row('*', 'tap:req.cancel', '=', 'cancelRequest'),
  row('*', 'tap:req.retry', '=', 'retryRequest'),
  row('*', 'tap:req.replace', '=', 'offerRequest, replacing the chosen provider'),
  ...RESUMABLE.map((to) =>
    row('mainMenu', 'text', to, '"seguir" right after "cancelar": back where it was'),
  ),
  row('*', 'notice:jobPin', '=', 'the provider gets the pin of their job'),
  row('*', 'result:shareJobLocation', '=', 'shared: the customer told / moved on meanwhile'),
  row(
    'mainMenu',
    'result:shareJobLocation',
    'mainMenu',
    'no job: the pin is where a new request goes',
  ),
  row('*', 'tap:want.go', 'mainMenu', '"Pedir otro aparte": the request held, after all'),
  row('*', 'tap:req.change', '=', 'replaceProvider (after "¿Busco a otro?")'),
  row('*', 'text', '=', '"quiero otro plomero" → listMyRequests: "¿Busco a otro?"'),
  row('*', 'result:replaceProvider', 'awaitingProvider', 'the provider told, the next one offered'),
  row('*', 'result:replaceProvider', '=', 'finished or cancelled meanwhile / failed'),
  row('*', 'result:listMyRequests', '=', '"¿Busco a otro?" / none open'),
  row('*', 'result:listMyRequests', 'myRequests', 'several open: which one'),
  row('*', 'result:listMyRequests', 'mainMenu', 'none open, a trade named: a request for it'),
  row('*', 'tap:req.why', '=', 'cancelRequest with the reason (an old list: asked again)'),
  row('*', 'tap:req.keep', 'mainMenu', 'nothing is cancelled'),
  row('*', 'tap:req.keep', '=', 'nothing is cancelled (an old list)'),
  row('*', 'tap:menu.fee', 'editFee', 'providers: change the visit fee'),
  row('*', 'tap:menu.fee', '=', 'not a provider'),
  row('*', 'result:setVisitFee', 'mainMenu', 'saved (or not a provider any more)'),
  row('*', 'result:cancelRequest', 'cancelWhy', 'an accepted job: confirm with a reason first'),
  row('*', 'tap:rate.stars', '=', 'rateJob'),
  row('*', 'tap:done.yes', 'rateJob', '"Sí, quedó": the stars'),
  row('*', 'tap:done.no', '=', '"Aún no": reopenJob'),
  row('rateJob', 'tap:done.no', 'mainMenu', '"Aún no": reopenJob'),
  row('*', 'result:reopenJob', '=', 'provider told (jobReopened); the reminder cancelled'),
  row('*', 'timer:rateReminder', '=', 'ratingStatus'),
  row(
    '*',
    'result:ratingStatus',
    '=',
    'not rated yet: the rating list once more (template outside 24 h)',
  ),
  row('*', 'notice:ratingComment', '=', 'provider: the comment'),
  row('*', 'notice:jobReopened', '=', 'provider: the job is theirs again, "Terminado"'),
  row(
    '*',
    'result:listMyJobs',
    '=',
    'provider typed "voy en camino" / "ya llegué": the one active job\'s customer told; "ya terminé": that job → completeJob; several: each with its contact',
  ),
  row(
    '*',
    'notice:providerProgress',
    '=',
    'customer: "va en camino (llega en unos N min)" / "ya llegó"',
  ),
  row('*', 'tap:waitlist.join', '=', 'joinWaitlist ("let me know when you arrive")'),
  row('*', 'result:joinWaitlist', '=', 'confirmed + the open question'),
  row(
    '*',
    'text',
    '=',
    'understood (price, status, help, thanks …) or unexpected: what can be done here + the open question',
  ),
  row('*', 'text', 'mainMenu', 'understood: a request (→ listServiceTypes), "my requests", "menu"'),
  row('*', 'text', 'provName', 'understood: wants to become a provider'),
  row('*', 'text', 'askName', 'understood: change of name, the new name not given yet'),
  row('*', 'word:*', '=', 'e.g. "on" for someone who is not a provider'),
  row('*', 'location', '=', 'unexpected'),
  row(
    '*',
    'unsupported',
    '=',
    'contacts, video …: short reply + the open question; reaction, system: nothing; request_welcome: a greeting',
  ),
  row('*', 'media', '=', 'photo, voice note, sticker …: for now like unsupported'),
  row('*', 'tap:*', '=', 'stale or unknown id: "no longer valid" + the open question'),
  row('*', 'notice:*', '=', 'told, dialog untouched'),
  row(
    '*',
    'notice:jobCompleted',
    'rateJob',
    'from mainMenu, awaitingProvider, myRequests, rateJob, rateComment',
  ),
  row(
    '*',
    'timer:*',
    '=',
    'offerTimeout → expireOffer; offerRetry → offerRequest; rateReminder → ratingStatus',
  ),
  row(
    '*',
    'result:*',
    '=',
    'background outcome (offers, jobs, ratings …) or stale: dialog untouched',
  ),
  row('*', 'result:retryRequest', 'awaitingProvider', 'a new request → offerRequest'),
  row('*', 'result:rateJob', 'rateComment', 'stars saved → ask a comment'),

  /* ---- human help and privacy (flows/care.ts) ---- */
  row(
    '*',
    'text',
    '=',
    'understood "hablar con una persona": openHandoff (the runner pauses the bot while it is open)',
  ),
  row('*', 'tap:menu.human', '=', 'openHandoff'),
  row('*', 'tap:care.appeal', '=', 'suspended/rejected provider: openHandoff (appeal)'),
  row('*', 'result:openHandoff', '=', 'told the expected wait; handoffTimeout timer'),
  row('*', 'timer:handoffTimeout', '=', 'closeHandoff (unless an operator already did)'),
  row('*', 'result:closeHandoff', 'mainMenu', 'timed out: told, back to the bot'),
  row('*', 'notice:handoffReturned', 'mainMenu', 'an operator handed it back (askName stays)'),
  row(
    '*',
    'text',
    '=',
    'understood "baja" / "alta": setOptOut (no proactive or template messages) / setOptOut(false)',
  ),
  row('*', 'result:setOptOut', '=', 'confirmed'),
  row('*', 'text', 'confirmErase', 'understood "borra mis datos": asked to confirm'),
  row('confirmErase', 'tap:care.eraseYes', 'confirmErase', 'eraseMyData'),
  row('confirmErase', 'text', 'confirmErase', '"sí" → eraseMyData; other text → asked again'),
  row('confirmErase', 'tap:care.eraseNo', 'mainMenu', 'nothing deleted'),
  row('confirmErase', 'text', 'mainMenu', '"no"'),
  row('*', 'result:eraseMyData', 'none', 'erased: confirmed, the conversation starts afresh'),
  row('*', 'result:eraseMyData', 'mainMenu', 'failed'),
];

/** The trigger of an event, in the vocabulary of the table. */
export function triggerOf(event: ConversationEvent): string {
  if (event.source === 'user') {
    switch (event.kind) {
      case 'text': {
        const word = globalWord(event.text);
        return word ? `word:${word}` : 'text';
      }
      case 'button':
      case 'listReply': {
        const tap = parseTap(event.kind === 'button' ? event.buttonId : event.rowId);
        return tap ? `tap:${tap.kind}` : 'tap:unknown';
      }
      case 'location':
        return 'location';
      case 'media':
        return 'media';
      case 'unsupported':
        return 'unsupported';
    }
  }
  switch (event.kind) {
    case 'timer':
      return `timer:${event.timer}`;
    case 'notice':
      return `notice:${event.notice}`;
    case 'result':
      return `result:${event.op}`;
  }
}

function matches(pattern: string, trigger: string): boolean {
  return pattern.endsWith('*') ? trigger.startsWith(pattern.slice(0, -1)) : pattern === trigger;
}

/** The rows that allow going from `from` to `to` on `trigger` (empty = not in the table). */
export function rowsFor(from: Node, trigger: string, to: Node): Transition[] {
  return TRANSITIONS.filter(
    (r) =>
      (r.from === from || (r.from === '*' && from !== 'none' && from !== 'loading')) &&
      matches(r.on, trigger) &&
      (r.to === to || (r.to === '=' && to === from)),
  );
}
