/**
 * A catalogue of events of every kind (user input, notices, timers, operation results with
 * each outcome), used to exercise every state × event pair and for property tests.
 */
import type { ConversationEvent } from '../../../src/conversation/events';
import type { Coverage, JobDetails } from '../../../src/conversation/operations';
import { CANDIDATES, COMMENTS, DETAIL, OWN_PROFILE, REQUESTS, SERVICES, ev, user } from './harness';

const P = SERVICES[0]!.name;
const OUTSIDE: Extract<Coverage, { covered: false }> = {
  covered: false,
  place: { es: 'Monterrey', en: 'Monterrey' },
  served: [{ es: 'Ciudad de México', en: 'Mexico City' }],
};
const JOB: JobDetails = {
  requestId: 77,
  serviceName: P,
  lat: 19.4,
  lng: -99.1,
  address: null,
  customer: { userId: 10, name: 'Ana', phone: null, conversationKey: 'wa:1' },
  provider: { userId: 501, name: 'Juan', phone: '525511110000', conversationKey: 'wa:2' },
};
const STATS = {
  status: 'approved' as const,
  online: true,
  name: 'Juan',
  ratingAvg: 4.5,
  ratingCount: 2,
  jobsDone: 3,
};

export const USER_EVENTS: (() => ConversationEvent)[] = [
  ...[
    'hola',
    'menu',
    'cancelar',
    'ayuda',
    'idioma',
    'english',
    'español',
    'quiero ser proveedor',
    'on',
    'off',
    'asdfgh',
    '1',
    '2',
    '3',
    '4',
    '6',
    '7',
    '10',
    '5 km',
    '5 estrellas',
    'plomero',
    'listo',
    'Ana María',
    '06700',
    '19.4194, -99.1633',
    'Av. Reforma 222, Juárez',
    'Monterrey',
    'cambiar mis servicios',
    'cambiar mi zona',
    'cambiar radio',
    'cambiar mi costo de visita',
    'mi perfil',
    '🙂',
    'necesito un plomero urgente',
    'Buenas, ocupo un cerrajero, me quedé afuera de mi casa',
    'cuánto cobran?',
    'el cerrajero no ha llegado',
    'no, me llamo Sofía',
    'cambiar mi nombre',
    'hablar con un asesor',
    'STOP',
    'borrar mis datos',
    'gracias',
    'mis solicitudes',
    'Hi, I need an electrician',
    'necesito ayuda con algo de mi casa',
    'sí',
    'no',
    '350',
    '$1,200 MXN',
    '350.50',
    '20000',
    'gratis',
    'a convenir',
    'llegó otro plomero antes, llámame al 55 1234 5678',
    'x'.repeat(600),
    // typed instead of tapped (flows/typed-option.ts)
    'volver',
    'reservar',
    'el segundo',
    'cualquiera',
    'acepto',
    'no puedo',
    'sí, ya quedó',
    'todavía no',
    'muy buen servicio, recomendado',
    // a provider's news on a job, an address before the service
    'voy en camino, llego en 20',
    'ya llegué',
    'Av. Insurgentes Sur 1234, Del Valle',
    'mejor un electricista',
    // someone else than the provider (flows/customer/replace.ts)
    'quiero otro plomero',
    'mándame otro',
    'otro',
    // taking back a "cancelar" (flows/resume.ts)
    'no espera, sí lo necesito',
    // human help and privacy (flows/care.ts)
    'hablar con un asesor',
    'stop',
    'alta',
    'borrar mis datos',
    'sí',
    'no',
  ].map((t) => () => ev.text(t)),
  ...[
    'menu:open',
    'menu:new',
    'menu:repeat',
    'menu:jobs',
    'problem:done',
    'problem:skip',
    'menu:mine',
    'menu:provider',
    'menu:stats',
    'menu:help',
    'lang:en',
    'lang:es',
    'prov:online',
    'prov:offline',
    'name:profile',
    'svc:1',
    'svc:9',
    'svc:page:1',
    'pick:501',
    'pick:999',
    'pick:auto',
    'book:501',
    'book:999',
    'back',
    'offer:accept:9',
    'offer:decline:9',
    'job:done:77',
    'job:drop:77',
    'job:close:70',
    'job:open:70',
    'job:keep:77',
    'req:show:77',
    'req:show:999',
    'req:cancel:77',
    'req:retry:77',
    'rate:60:5',
    'rate:skip:60',
    'rate:skip:999',
    'done:yes:60',
    'done:no:60',
    'done:yes:999',
    'pname:same',
    'psvc:1',
    'psvc:2',
    'psvc:page:1',
    'psvc:done',
    'radius:10',
    'prof:services',
    'prof:base',
    'prof:radius',
    'req:replace:77',
    'req:change:77',
    'req:change:70',
    'want:go',
    'req:why:70:1',
    'req:why:70:6',
    'req:why:70:9',
    'req:keep:70',
    'fee:free',
    'fee:agree',
    'menu:fee',
    'job:confirm:70',
    'job:notyet:70',
    'menu:human',
    'care:appeal',
    'care:erase:yes',
    'care:erase:no',
    'wait:11569:7968',
    'garbage',
  ].flatMap((id) => [() => ev.button(id), () => ev.row(id)]),
  () => ev.location(19.43, -99.13, { address: 'Centro' }),
  () => ev.location(0, 0),
  () => ev.location(91, 200),
  ...['contacts', 'reaction', 'unsupported'].map((t) => () => ev.unsupported(t)),
  () => ev.media('image', { caption: 'así está la fuga' }),
  () => ev.media('audio', { voice: true }),
  () => ev.media('sticker'),
];

/** One accepted job of a provider (listMyJobs). */
const ACTIVE_JOB = {
  requestId: 77,
  serviceName: P,
  customerName: 'Ana',
  customerPhone: '5215512345678',
  customerKey: 'wa:5215512345678',
  providerName: 'Juan',
  address: 'Roma',
  lat: 19.4,
  lng: -99.1,
  acceptedAt: null,
};

export const NOTICE_EVENTS: (() => ConversationEvent)[] = [
  () =>
    ev.notice('offerReceived', {
      offerId: 9,
      requestId: 77,
      serviceName: P,
      distanceKm: 1,
      area: null,
      answerWithinMinutes: 5,
    }),
  () =>
    ev.notice('offerAccepted', {
      requestId: 77,
      offerId: 9,
      serviceName: P,
      provider: { name: 'Juan', phone: null },
    }),
  () => ev.notice('offerDeclined', { requestId: 77, offerId: 9, providerName: 'Juan' }),
  () => ev.notice('offerExpired', { offerId: 9, requestId: 77 }),
  () => ev.notice('offerExpired', { offerId: 9, requestId: 77, passedOn: true, setOffline: false }),
  () => ev.notice('offerExpired', { offerId: 9, requestId: 77, passedOn: false, setOffline: true }),
  () => ev.notice('offerWithdrawn', { requestId: 77, offerId: 9, providerName: 'Juan' }),
  () => ev.notice('requestCancelled', { requestId: 77, offerId: 9, serviceName: P }),
  () =>
    ev.notice('requestCancelled', { requestId: 77, offerId: 9, serviceName: P, replaced: true }),
  () =>
    ev.notice('requestCancelled', {
      requestId: 70,
      offerId: null,
      serviceName: P,
      reason: { code: 'price', note: null },
    }),
  () =>
    ev.notice('requestCancelled', {
      requestId: 70,
      offerId: null,
      serviceName: P,
      reason: { code: 'bogus', note: null },
    }),
  () => ev.notice('jobCompleted', { requestId: 60, providerName: 'Luis', serviceName: P }),
  () => ev.notice('ratingReceived', { requestId: 60, stars: 4, ratingAvg: 4.5, ratingCount: 2 }),
  () =>
    ev.notice('ratingReceived', {
      requestId: 60,
      stars: 2,
      ratingAvg: 4.1,
      ratingCount: 2,
      updated: true,
    }),
  () => ev.notice('ratingComment', { requestId: 60, stars: 4, comment: 'Muy puntual, gracias' }),
  () => ev.notice('jobReopened', { requestId: 77, serviceName: P }),
  () =>
    ev.notice('providerProgress', {
      requestId: 77,
      providerName: 'Juan',
      serviceName: P,
      progress: 'onTheWay',
      etaMinutes: 20,
    }),
  () =>
    ev.notice('providerProgress', {
      requestId: 77,
      providerName: 'Juan',
      serviceName: P,
      progress: 'arrived',
    }),
  () => ev.notice('jobDoneClaimed', { requestId: 70, providerName: 'Juan', serviceName: P }),
  () =>
    ev.notice('jobDoneConfirmed', { requestId: 70, ratingAvg: 4.5, ratingCount: 2, jobsDone: 3 }),
  () => ev.notice('jobNotDone', { requestId: 70, serviceName: P }),
  () => ev.notice('jobDropped', { requestId: 77, serviceName: P, providerName: 'Juan' }),
  () =>
    ev.notice('jobPin', {
      requestId: 70,
      serviceName: P,
      lat: 19.41,
      lng: -99.16,
      label: 'Durango 200 https://pagos-ubermench.top',
      customerName: 'Ana',
    }),
  () => ev.notice('providerApproved'),
  () => ev.notice('providerRejected'),
  () => ev.notice('providerSuspended'),
  () => ev.notice('offerReceived', { offerId: '9' }),
  () => ev.notice('bogus'),
  () => ev.timer('offerTimeout', { requestId: 77, offerId: 9 }),
  () => ev.timer('offerRetry', { requestId: 77, attempt: 1 }),
  () => ev.timer('rateReminder', { requestId: 60 }),
  () => ev.timer('offerRetry', { requestId: 77, attempt: 1, previousOfferId: 9, setOffline: 1 }),
  () => ev.timer('offerRetry', { requestId: 77, attempt: 1, previousOfferId: 'x' }),
  () => ev.timer('bogus', {}),
  () => ev.notice('providerSuspended', { reason: 'Documentos vencidos' }),
  () => ev.notice('handoffReturned', { handoffId: 3 }),
  () => ev.timer('handoffTimeout', { handoffId: 3 }),
];

export const RESULT_EVENTS: (() => ConversationEvent)[] = [
  () => ev.ok('loadUser', { user: user(), isNew: false }, 'session.load'),
  () => ev.ok('saveUser', { user: user() }, 'name.save'),
  () => ev.ok('saveUser', { user: user() }, 'locale.save'),
  () => ev.fail('saveUser', 'name.save'),
  () => ev.ok('listServiceTypes', { services: SERVICES }, 'services.customer'),
  () =>
    ev.ok(
      'saveMedia',
      {
        status: 'stored',
        storedMediaId: 41,
        mediaType: 'image',
        sizeBytes: 1000,
        caption: 'así está la fuga',
      },
      'media.save',
    ),
  () =>
    ev.ok(
      'saveMedia',
      {
        status: 'too_large',
        mediaType: 'image',
        sizeBytes: 9_000_000,
        maxBytes: 5_242_880,
        reason: 'over 5 MB',
      },
      'media.save',
    ),
  () => ev.fail('saveMedia', 'media.save'),
  () => ev.ok('listServiceTypes', { services: [] }, 'services.customer'),
  () => ev.fail('listServiceTypes', 'services.provider'),
  () =>
    ev.ok('geocodeAddress', { status: 'found', lat: 19.4, lng: -99.1, label: 'Roma' }, 'geocode'),
  () => ev.ok('geocodeAddress', { status: 'not_found' }, 'geocode'),
  () => ev.fail('geocodeAddress', 'geocode'),
  () => ev.ok('findCandidates', { candidates: CANDIDATES }, 'candidates'),
  () => ev.ok('findCandidates', { candidates: [] }, 'candidates'),
  () => ev.ok('findCandidates', { candidates: [], coverage: OUTSIDE }, 'candidates'),
  () => ev.ok('findCandidates', { candidates: CANDIDATES, coverage: OUTSIDE }, 'candidates'),
  () => ev.fail('findCandidates', 'candidates'),
  () => ev.ok('getProviderDetail', { status: 'found', provider: DETAIL, reviews: [] }, 'detail'),
  () => ev.ok('getProviderDetail', { status: 'not_found' }, 'detail'),
  () => ev.fail('getProviderDetail', 'detail'),
  () => ev.ok('createRequest', { requestId: 77, created: true, serviceName: P }, 'request.create'),
  () => ev.fail('createRequest', 'request.create'),
  () =>
    ev.ok(
      'offerRequest',
      {
        status: 'offered',
        requestId: 77,
        offerId: 9,
        attempt: 1,
        serviceName: P,
        area: null,
        distanceKm: 1,
        provider: { userId: 501, name: 'Juan', conversationKey: 'wa:2', visitFee: 350 },
        previous: null,
      },
      'offer.next:77:0',
    ),
  () =>
    ev.ok(
      'offerRequest',
      {
        status: 'offered',
        requestId: 77,
        offerId: 10,
        attempt: 2,
        serviceName: P,
        area: null,
        distanceKm: 1,
        provider: { userId: 502, name: 'María', conversationKey: 'wa:3', visitFee: null },
        previous: { offerId: 9, conversationKey: 'wa:2' },
      },
      'offer.next:77:0:9:1',
    ),
  () =>
    ev.ok(
      'offerRequest',
      {
        status: 'chosen_unavailable',
        requestId: 77,
        serviceName: P,
        providerName: 'Juan',
        wasOffered: false,
        previous: null,
      },
      'offer.next:77:0',
    ),
  () =>
    ev.ok(
      'offerRequest',
      {
        status: 'chosen_unavailable',
        requestId: 77,
        serviceName: P,
        providerName: 'Juan',
        wasOffered: true,
        previous: { offerId: 9, conversationKey: 'wa:2' },
      },
      'offer.next:77:0:9:0',
    ),
  () =>
    ev.ok(
      'offerRequest',
      { status: 'none', requestId: 77, reason: 'exhausted', serviceName: P, previous: null },
      'offer.next:77:0',
    ),
  () =>
    ev.ok(
      'offerRequest',
      { status: 'none', requestId: 77, reason: 'not_open', serviceName: P, previous: null },
      'offer.next:77:0',
    ),
  () => ev.fail('offerRequest', 'offer.next:77:0'),
  () => ev.fail('offerRequest', 'offer.next:77:2'),
  () => ev.fail('offerRequest', 'offer.next:77:0:9:1'),
  () =>
    ev.ok(
      'expireOffer',
      {
        status: 'expired',
        offerId: 9,
        requestId: 77,
        provider: { userId: 501, name: 'Juan', conversationKey: 'wa:2' },
        setOffline: false,
      },
      'offer.expire:77:9',
    ),
  () =>
    ev.ok(
      'expireOffer',
      {
        status: 'expired',
        offerId: 9,
        requestId: 77,
        provider: { userId: 501, name: 'Juan', conversationKey: 'wa:2' },
        setOffline: true,
      },
      'offer.expire:77:9',
    ),
  () =>
    ev.ok('expireOffer', { status: 'not_pending', offerId: 9, requestId: 77 }, 'offer.expire:77:9'),
  () => ev.fail('expireOffer', 'offer.expire:77:9'),
  () => ev.ok('answerOffer', { status: 'accepted', offerId: 9, job: JOB }, 'offer.answer:9'),
  () =>
    ev.ok(
      'answerOffer',
      {
        status: 'declined',
        offerId: 9,
        requestId: 77,
        serviceName: P,
        providerName: 'Juan',
        customer: { conversationKey: 'wa:1' },
      },
      'offer.answer:9',
    ),
  () =>
    ev.ok(
      'answerOffer',
      { status: 'already_answered', offerId: 9, accepted: false },
      'offer.answer:9',
    ),
  () => ev.ok('answerOffer', { status: 'not_available', offerId: 9 }, 'offer.answer:9'),
  () => ev.fail('answerOffer', 'offer.answer:9'),
  () => ev.ok('answerOffer', { status: 'none_open' }, 'offer.typed'),
  () => ev.ok('answerOffer', { status: 'none_open' }, 'offer.typedYes'),
  () => ev.ok('answerOffer', { status: 'accepted', offerId: 9, job: JOB }, 'offer.typed'),
  () =>
    ev.ok(
      'cancelRequest',
      {
        status: 'cancelled',
        requestId: 77,
        serviceName: P,
        provider: { conversationKey: 'wa:2', offerId: 9 },
        reason: null,
      },
      'request.cancel:77',
    ),
  () =>
    ev.ok(
      'cancelRequest',
      {
        status: 'cancelled',
        requestId: 70,
        serviceName: P,
        provider: { conversationKey: 'wa:2', offerId: null },
        reason: { code: 'other', note: 'Ya no hace falta' },
      },
      'request.cancel:70',
    ),
  () =>
    ev.ok(
      'cancelRequest',
      { status: 'confirm', requestId: 70, serviceName: P, providerName: 'Juan' },
      'request.cancel:70',
    ),
  () =>
    ev.ok(
      'cancelRequest',
      { status: 'not_cancellable', requestId: 77, current: 'done' },
      'request.cancel:77',
    ),
  () => ev.ok('cancelRequest', { status: 'not_found', requestId: 77 }, 'request.cancel:77'),
  () => ev.fail('cancelRequest', 'request.cancel:77'),
  () =>
    ev.ok('retryRequest', { status: 'created', requestId: 78, serviceName: P }, 'request.retry'),
  () => ev.ok('retryRequest', { status: 'not_allowed', requestId: 77 }, 'request.retry'),
  () => ev.fail('retryRequest', 'request.retry'),
  () =>
    ev.ok(
      'completeJob',
      {
        status: 'completed',
        requestId: 77,
        serviceName: P,
        customer: { conversationKey: 'wa:1' },
        stats: STATS,
      },
      'job.complete',
    ),
  () =>
    ev.ok(
      'completeJob',
      {
        status: 'needs_customer',
        requestId: 77,
        serviceName: P,
        providerName: 'Juan',
        customer: { conversationKey: 'wa:1' },
      },
      'job.complete',
    ),
  () =>
    ev.ok(
      'confirmJobDone',
      {
        status: 'completed',
        requestId: 70,
        serviceName: P,
        provider: { conversationKey: 'wa:2', stats: STATS },
      },
      'job.confirm:70',
    ),
  () =>
    ev.ok(
      'confirmJobDone',
      {
        status: 'not_done',
        requestId: 70,
        serviceName: P,
        provider: { conversationKey: 'wa:2', name: 'Juan' },
      },
      'job.confirm:70',
    ),
  () => ev.ok('confirmJobDone', { status: 'already_completed', requestId: 70 }, 'job.confirm:70'),
  () => ev.ok('confirmJobDone', { status: 'none_claimed' }, 'job.typed'),
  () =>
    ev.ok(
      'confirmJobDone',
      { status: 'confirm_close', requestId: 70, serviceName: P, providerName: 'Juan' },
      'job.typed',
    ),
  () => ev.ok('confirmJobDone', { status: 'none_claimed' }, 'job.typedYes'),
  () => ev.ok('confirmJobDone', { status: 'not_allowed', requestId: 70 }, 'job.confirm:70'),
  () => ev.fail('confirmJobDone', 'job.confirm:70'),
  () =>
    ev.ok(
      'dropJob',
      {
        status: 'dropped',
        requestId: 77,
        serviceName: P,
        providerName: 'Juan',
        customer: { conversationKey: 'wa:1' },
      },
      'job.drop:77',
    ),
  () => ev.ok('dropJob', { status: 'already_done', requestId: 77 }, 'job.drop:77'),
  () => ev.ok('dropJob', { status: 'not_allowed', requestId: 77 }, 'job.drop:77'),
  () => ev.fail('dropJob', 'job.drop:77'),
  () => ev.ok('completeJob', { status: 'already_completed', requestId: 77 }, 'job.complete'),
  () => ev.ok('completeJob', { status: 'not_allowed', requestId: 77 }, 'job.complete'),
  () => ev.fail('completeJob', 'job.complete'),
  () =>
    ev.ok(
      'rateJob',
      {
        status: 'saved',
        requestId: 60,
        stars: 5,
        first: true,
        changed: false,
        provider: { conversationKey: 'wa:2', name: 'Luis', ratingAvg: 5, ratingCount: 1 },
      },
      'rate.stars:60',
    ),
  () => ev.ok('rateJob', { status: 'not_allowed', requestId: 60 }, 'rate.stars:60'),
  () =>
    ev.ok(
      'rateJob',
      {
        status: 'saved',
        requestId: 60,
        stars: 5,
        first: false,
        changed: false,
        provider: { conversationKey: 'wa:2', name: 'Luis', ratingAvg: 5, ratingCount: 1 },
      },
      'rate.comment:60',
    ),
  () => ev.fail('rateJob', 'rate.comment:60'),
  () =>
    ev.ok(
      'rateJob',
      {
        status: 'saved',
        requestId: 60,
        stars: 2,
        first: false,
        changed: true,
        provider: { conversationKey: 'wa:2', name: 'Luis', ratingAvg: 4.1, ratingCount: 2 },
      },
      'rate.stars:60',
    ),
  () => ev.ok('rateJob', { status: 'locked', requestId: 60 }, 'rate.stars:60'),
  () => ev.ok('rateJob', { status: 'locked', requestId: 60 }, 'rate.comment:60'),
  () =>
    ev.ok(
      'reopenJob',
      {
        status: 'reopened',
        requestId: 60,
        serviceName: P,
        provider: { conversationKey: 'wa:2', name: 'Luis' },
      },
      'job.reopen:60',
    ),
  () => ev.ok('reopenJob', { status: 'not_allowed', requestId: 60 }, 'job.reopen:60'),
  () => ev.fail('reopenJob', 'job.reopen:60'),
  () =>
    ev.ok(
      'ratingStatus',
      { requestId: 60, done: true, rated: false, providerName: 'Luis', serviceName: P },
      'rate.reminder:60',
    ),
  () =>
    ev.ok(
      'ratingStatus',
      { requestId: 60, done: true, rated: true, providerName: 'Luis', serviceName: P },
      'rate.reminder:60',
    ),
  () => ev.fail('ratingStatus', 'rate.reminder:60'),
  () => ev.fail('rateJob', 'rate.stars:60'),
  () => ev.ok('listMyJobs', { jobs: [ACTIVE_JOB] }, 'jobs.list'),
  () => ev.ok('listMyJobs', { jobs: [ACTIVE_JOB] }, 'jobs.done'),
  () => ev.ok('listMyJobs', { jobs: [ACTIVE_JOB] }, 'jobs.progress:1:20'),
  () =>
    ev.ok(
      'listMyJobs',
      { jobs: [ACTIVE_JOB, { ...ACTIVE_JOB, requestId: 78 }] },
      'jobs.progress:2:0',
    ),
  () => ev.ok('listMyJobs', { jobs: [] }, 'jobs.progress:2:0'),
  () => ev.fail('listMyJobs', 'jobs.progress:1:0'),
  () =>
    ev.ok(
      'geocodeAddress',
      { status: 'found', lat: 19.38, lng: -99.17, label: 'Del Valle, CDMX' },
      'geocode',
    ),
  () => ev.ok('listMyRequests', { requests: REQUESTS }, 'requests.list'),
  () => ev.ok('listMyRequests', { requests: [] }, 'requests.list'),
  () => ev.fail('listMyRequests', 'requests.list'),
  () => ev.ok('listMyRequests', { requests: REQUESTS }, 'requests.replace:0'),
  () => ev.ok('listMyRequests', { requests: [REQUESTS[1]!] }, 'requests.replace:1'),
  () =>
    ev.ok(
      'listMyRequests',
      { requests: [{ ...REQUESTS[0]!, status: 'offered', offeredTo: 'Juan' }] },
      'requests.replace:0',
    ),
  () => ev.ok('listMyRequests', { requests: [REQUESTS[0]!] }, 'requests.replace:0'),
  () => ev.ok('listMyRequests', { requests: [] }, 'requests.replace:1'),
  () => ev.ok('listMyRequests', { requests: [] }, 'requests.replace:0'),
  () => ev.fail('listMyRequests', 'requests.replace:0'),
  () => ev.ok('listMyRequests', { requests: REQUESTS }, 'requests.before'),
  () =>
    ev.ok(
      'shareJobLocation',
      {
        status: 'shared',
        requestId: 70,
        serviceName: P,
        provider: { conversationKey: 'wa:2', name: 'Juan' },
        customerName: 'Ana',
        lat: 19.41,
        lng: -99.16,
        label: null,
      },
      'job.pin',
    ),
  () => ev.ok('shareJobLocation', { status: 'none' }, 'job.pin'),
  () => ev.fail('shareJobLocation', 'job.pin'),
  () => ev.fail('listMyRequests', 'requests.before'),
  () =>
    ev.ok(
      'replaceProvider',
      {
        status: 'replaced',
        requestId: 70,
        serviceName: P,
        previous: { conversationKey: 'wa:2', name: 'Juan', offerId: null, wasAccepted: true },
      },
      'request.replace:70',
    ),
  () =>
    ev.ok(
      'replaceProvider',
      {
        status: 'replaced',
        requestId: 77,
        serviceName: P,
        previous: { conversationKey: 'wa:2', name: 'Juan', offerId: 9, wasAccepted: false },
      },
      'request.replace:77',
    ),
  () =>
    ev.ok(
      'replaceProvider',
      { status: 'replaced', requestId: 77, serviceName: P, previous: null },
      'request.replace:77',
    ),
  () =>
    ev.ok(
      'replaceProvider',
      { status: 'not_open', requestId: 60, current: 'done' },
      'request.replace:60',
    ),
  () => ev.fail('replaceProvider', 'request.replace:77'),
  () => ev.ok('registerProvider', { status: 'pending', created: true }, 'provider.register'),
  () => ev.ok('registerProvider', { status: 'approved', created: false }, 'provider.register'),
  () => ev.fail('registerProvider', 'provider.register'),
  () =>
    ev.ok('setProviderOnline', { status: 'ok', online: true, withdrawn: [] }, 'provider.online'),
  () =>
    ev.ok(
      'setProviderOnline',
      {
        status: 'ok',
        online: false,
        withdrawn: [
          {
            offerId: 9,
            requestId: 77,
            providerName: 'Juan',
            customer: { conversationKey: 'wa:1' },
          },
        ],
      },
      'provider.online',
    ),
  () => ev.ok('setVisitFee', { status: 'ok', visitFee: 350 }, 'provider.fee'),
  () => ev.ok('setVisitFee', { status: 'ok', visitFee: null }, 'provider.fee'),
  () => ev.ok('setVisitFee', { status: 'not_provider' }, 'provider.fee'),
  () => ev.fail('setVisitFee', 'provider.fee'),
  () =>
    ev.ok(
      'setProviderOnline',
      { status: 'not_approved', providerStatus: 'pending' },
      'provider.online',
    ),
  () =>
    ev.ok('setProviderOnline', { status: 'not_approved', providerStatus: null }, 'provider.online'),
  () => ev.fail('setProviderOnline', 'provider.online'),
  () =>
    ev.ok(
      'getProviderStats',
      { status: 'ok', stats: STATS, profile: OWN_PROFILE, comments: COMMENTS },
      'provider.stats',
    ),
  () =>
    ev.ok(
      'getProviderStats',
      {
        status: 'ok',
        stats: { ...STATS, status: 'suspended', online: false },
        profile: { ...OWN_PROFILE, area: null, services: [], visitFee: null },
        comments: [],
      },
      'provider.stats',
    ),
  () => ev.ok('getProviderStats', { status: 'not_provider' }, 'provider.stats'),
  () => ev.fail('getProviderStats', 'provider.stats'),
  () => ev.ok('openHandoff', { handoffId: 3, created: true }, 'handoff.open'),
  () => ev.ok('openHandoff', { handoffId: 3, created: true }, 'handoff.appeal'),
  () => ev.ok('openHandoff', { handoffId: 3, created: false }, 'handoff.open'),
  () => ev.fail('openHandoff', 'handoff.open'),
  () => ev.ok('closeHandoff', { closed: true }, 'handoff.timeout:3'),
  () => ev.ok('closeHandoff', { closed: false }, 'handoff.timeout:3'),
  () => ev.ok('setOptOut', { changed: true }, 'care.optOut'),
  () => ev.ok('setOptOut', { changed: false }, 'care.optIn'),
  () => ev.fail('setOptOut', 'care.optOut'),
  () => ev.ok('eraseMyData', { erased: true }, 'care.erase'),
  () => ev.ok('eraseMyData', { erased: false }, 'care.erase'),
  () => ev.fail('eraseMyData', 'care.erase'),
  // A change asked for before the profile was loaded: 1 services, 2 base, 3 radius.
  ...[1, 2, 3].map(
    (part) => () =>
      ev.ok(
        'getProviderStats',
        { status: 'ok', stats: STATS, profile: OWN_PROFILE, comments: [] },
        `provider.edit:${part}`,
      ),
  ),
  () => ev.ok('getProviderStats', { status: 'not_provider' }, 'provider.edit:2'),
  () => ev.fail('getProviderStats', 'provider.edit:3'),
  () => ev.ok('listServiceTypes', { services: SERVICES }, 'services.edit'),
  () => ev.ok('listServiceTypes', { services: [] }, 'services.edit'),
  () => ev.fail('listServiceTypes', 'services.edit'),
  ...[1, 2, 3].map(
    (part) => () =>
      ev.ok(
        'updateProviderProfile',
        { status: 'updated', profile: OWN_PROFILE },
        `provider.update:${part}`,
      ),
  ),
  () =>
    ev.ok(
      'updateProviderProfile',
      { status: 'updated', profile: { ...OWN_PROFILE, area: null } },
      'provider.update:2',
    ),
  () => ev.ok('updateProviderProfile', { status: 'no_services' }, 'provider.update:1'),
  () =>
    ev.ok(
      'updateProviderProfile',
      { status: 'outside_coverage', coverage: OUTSIDE },
      'provider.update:2',
    ),
  () =>
    ev.ok(
      'updateProviderProfile',
      { status: 'outside_coverage', coverage: { ...OUTSIDE, place: null } as typeof OUTSIDE },
      'provider.update:2',
    ),
  () => ev.ok('updateProviderProfile', { status: 'not_provider' }, 'provider.update:3'),
  () => ev.fail('updateProviderProfile', 'provider.update:1'),
  () =>
    ev.ok(
      'joinWaitlist',
      { status: 'joined', place: { es: 'Monterrey', en: 'Monterrey' } },
      'waitlist.join',
    ),
  () => ev.ok('joinWaitlist', { status: 'already', place: null }, 'waitlist.join'),
  () => ev.fail('joinWaitlist', 'waitlist.join'),
];

export const ALL_EVENTS = [...USER_EVENTS, ...NOTICE_EVENTS, ...RESULT_EVENTS];
