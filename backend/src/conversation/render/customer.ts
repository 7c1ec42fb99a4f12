/** Messages of the customer flow. */
import { IN_PROGRESS } from '../../shared/marketplace-status';
import type { ListRow } from '../../shared/messages';
import type { Command } from '../commands';
import type { Ctx } from '../context';
import { areaCell, tapId } from '../ids';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import type {
  Candidate,
  Coverage,
  LocalizedText,
  RequestSummary,
  ServiceType,
} from '../operations';
import type { StateOf } from '../state';
import { displayName, stripUrls, truncate } from '../text/sanitize';
import {
  candidateDescription,
  formatAgo,
  formatDistance,
  formatList,
  formatRating,
  localName,
  isNew,
  requestStatus,
  serviceName,
  stars,
  waLink,
  wholeCount,
} from './format';
import {
  buttonsMessage,
  listMessage,
  locationRequestMessage,
  paragraphs,
  send,
  templateParam,
  textMessage,
} from './out';
import { feeLine, withFee } from './fees';
import { pageOf } from './paging';
import { namedRow, pagingRows } from './rows';

export function servicesPrompt(
  locale: Locale,
  services: ServiceType[],
  page: number,
  lead?: string,
): Command {
  const p = pageOf(services, page, 10);
  const rows: ListRow[] = p.items.map((s) =>
    namedRow(locale, tapId({ kind: 'svc.pick', serviceId: s.id }), serviceName(locale, s.name)),
  );
  rows.push(...pagingRows(locale, p, (n) => tapId({ kind: 'svc.page', page: n })));
  return send(
    listMessage(paragraphs(lead, t(locale, 'service.prompt')), t(locale, 'list.services'), rows),
  );
}

export function locationPrompt(locale: Locale, service: LocalizedText, lead?: string): Command {
  const body = t(locale, 'location.prompt', { service: serviceName(locale, service) });
  return send(locationRequestMessage(paragraphs(lead, body)));
}

export function providersPrompt(
  locale: Locale,
  service: LocalizedText,
  candidates: Candidate[],
  lead?: string,
): Command {
  const shown = candidates.slice(0, 9);
  const rows: ListRow[] = shown.map((c) =>
    namedRow(
      locale,
      tapId({ kind: 'pick.provider', providerUserId: c.providerUserId }),
      displayName(c.name, 60),
      withFee(
        locale,
        candidateDescription(locale, c.ratingAvg, c.ratingCount, c.distanceKm),
        c.visitFee,
      ),
    ),
  );
  rows.push({
    id: tapId({ kind: 'pick.auto' }),
    title: t(locale, 'row.auto'),
    description: t(locale, 'desc.auto'),
  });
  const body = t(locale, 'providers.prompt', { service: serviceName(locale, service) });
  const anyNew = shown.some((c) => isNew(c.ratingAvg, c.ratingCount));
  return send(
    listMessage(
      paragraphs(lead, body, anyNew && t(locale, 'providers.newNote')),
      t(locale, 'list.providers'),
      rows,
    ),
  );
}

export function detailPrompt(
  locale: Locale,
  state: StateOf<'providerDetail'>,
  lead?: string,
): Command {
  const d = state.detail;
  const head = t(locale, 'detail.head', {
    name: displayName(d.name, 60),
    rating: formatRating(locale, d.ratingAvg, d.ratingCount),
    distance: formatDistance(d.distanceKm),
    jobs: wholeCount(d.jobsDone),
    services: truncate(d.services.map((s) => serviceName(locale, s, 30)).join(', '), 160),
  });
  const reviews = state.reviews.slice(0, 5).map((r) => {
    const comment = r.comment ? ` “${stripUrls(displayName(r.comment, 120))}”` : '';
    const author = displayName(r.authorName ?? t(locale, 'detail.anonymous'), 24);
    return `${stars(r.stars)}${comment} — ${author}`;
  });
  const reviewBlock = reviews.length
    ? [t(locale, 'detail.reviews'), ...reviews].join('\n')
    : t(locale, 'detail.noReviews');
  return send(
    buttonsMessage(paragraphs(lead, `${head}\n${feeLine(locale, d.visitFee)}`, reviewBlock), [
      {
        id: tapId({ kind: 'detail.book', providerUserId: d.userId }),
        title: t(locale, 'btn.book'),
      },
      { id: tapId({ kind: 'detail.back' }), title: t(locale, 'btn.back') },
    ]),
  );
}

export function cancelRequestButtons(locale: Locale, requestId: number, body: string): Command {
  return send(
    buttonsMessage(body, [
      { id: tapId({ kind: 'req.cancel', requestId }), title: t(locale, 'btn.cancelRequest') },
      { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
    ]),
  );
}

export function waitingPrompt(
  locale: Locale,
  state: StateOf<'awaitingProvider'>,
  lead?: string,
): Command {
  const body = t(locale, 'waiting.prompt', { service: serviceName(locale, state.service) });
  return cancelRequestButtons(locale, state.requestId, paragraphs(lead, body));
}

/** "Nobody is available" with a retry button. */
export function nobodyMessage(locale: Locale, requestId: number, service: LocalizedText): Command {
  return send(
    buttonsMessage(t(locale, 'offer.nobody', { service: serviceName(locale, service) }), [
      { id: tapId({ kind: 'req.retry', requestId }), title: t(locale, 'btn.tryAgain') },
      { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
    ]),
  );
}

/**
 * Outside the covered area and nobody reaches the point: say so, name where we do work, and
 * offer "let me know when you arrive" (the button carries the ~1 km area, not the point).
 */
export function outOfCoverageMessage(
  locale: Locale,
  coverage: Extract<Coverage, { covered: false }>,
  at: { lat: number; lng: number },
): Command {
  const served = formatList(
    locale,
    coverage.served.map((s) => localName(locale, s, 60)),
  );
  const body = coverage.place
    ? t(locale, 'coverage.outside', { place: localName(locale, coverage.place, 60), served })
    : t(locale, 'coverage.outsideUnknown', { served });
  return send(
    buttonsMessage(body, [
      {
        id: tapId({ kind: 'waitlist.join', ...areaCell(at.lat, at.lng) }),
        title: t(locale, 'btn.notifyMe'),
      },
      { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
    ]),
  );
}

/** "¡Listo! Te escribimos en cuanto lleguemos a Monterrey." */
export function waitlistJoinedText(locale: Locale, place: LocalizedText | null): string {
  return place
    ? t(locale, 'coverage.joined', { place: localName(locale, place, 60) })
    : t(locale, 'coverage.joinedUnknown');
}

/** The provider accepted: name and click-to-chat link when they have a phone. */
export function acceptedMessage(
  locale: Locale,
  providerName: string,
  phone: string | null,
  service: LocalizedText,
): Command {
  const link = waLink(phone);
  const body = paragraphs(
    t(locale, 'offer.accepted', {
      name: displayName(providerName, 60),
      service: serviceName(locale, service),
    }),
    link ? t(locale, 'offer.contact', { link }) : t(locale, 'offer.noContact'),
  );
  return send(textMessage(body));
}

const STAR_ROWS = ['row.stars5', 'row.stars4', 'row.stars3', 'row.stars2', 'row.stars1'] as const;

/**
 * The 1–5 rating list (rows carry the request id so an old list still works). With
 * `template` ([provider name, service name]) it also carries the `rating` template fallback
 * whose five quick replies are the same ids (5 → 1 stars).
 */
export function ratingList(
  locale: Locale,
  requestId: number,
  body: string,
  template?: [string, string],
): Command {
  const rows: ListRow[] = STAR_ROWS.map((key, i) => ({
    id: tapId({ kind: 'rate.stars', requestId, stars: 5 - i }),
    title: t(locale, key),
  }));
  const message = listMessage(body, t(locale, 'list.rate'), rows);
  if (!template) return send(message);
  return send(message, {
    template: 'rating',
    params: template.map(templateParam),
    quickReplyPayloads: rows.map((r) => r.id),
    locale,
  });
}

/**
 * "¿Quedó listo?" with "Sí, quedó" / "Aún no" (the ids carry the request: they work from any
 * step). With `template` ([provider name, service name]), outside the 24 h window the `rating`
 * template goes instead: stars given say the job is done.
 */
export function doneQuestion(
  locale: Locale,
  requestId: number,
  body: string,
  template?: [string, string],
): Command {
  const message = buttonsMessage(body, [
    { id: tapId({ kind: 'done.yes', requestId }), title: t(locale, 'btn.doneYes') },
    { id: tapId({ kind: 'done.no', requestId }), title: t(locale, 'btn.doneNotYet') },
  ]);
  if (!template) return send(message);
  return send(message, {
    template: 'rating',
    params: template.map(templateParam),
    quickReplyPayloads: STAR_ROWS.map((_, i) =>
      tapId({ kind: 'rate.stars', requestId, stars: 5 - i }),
    ),
    locale,
  });
}

export function ratePrompt(locale: Locale, state: StateOf<'rateJob'>, lead?: string): Command {
  if (state.confirmed === false) {
    const name = displayName(state.providerName, 60);
    return doneQuestion(
      locale,
      state.requestId,
      paragraphs(lead, t(locale, 'rate.confirmAgain', { name })),
    );
  }
  const body = paragraphs(
    lead,
    state.providerName
      ? t(locale, 'rate.again', { name: displayName(state.providerName, 60) })
      : t(locale, 'rate.againNoName'),
  );
  return ratingList(locale, state.requestId, body);
}

export function commentPrompt(
  locale: Locale,
  state: StateOf<'rateComment'>,
  lead?: string,
): Command {
  const body = paragraphs(
    lead,
    t(locale, 'rate.commentPrompt', { name: displayName(state.providerName, 60) }),
  );
  return send(
    buttonsMessage(body, [
      {
        id: tapId({ kind: 'rate.skip', requestId: state.requestId }),
        title: t(locale, 'btn.skip'),
      },
    ]),
  );
}

export function requestsPrompt(
  locale: Locale,
  ctx: Ctx,
  requests: RequestSummary[],
  lead?: string,
): Command {
  const rows: ListRow[] = requests.slice(0, 10).map((r) =>
    namedRow(
      locale,
      tapId({ kind: 'req.show', requestId: r.requestId }),
      serviceName(locale, r.serviceName),
      t(locale, 'desc.request', {
        status: requestStatus(locale, r.status),
        when: formatAgo(locale, ctx.now, r.createdAt),
      }),
    ),
  );
  return send(
    listMessage(paragraphs(lead, t(locale, 'requests.prompt')), t(locale, 'list.requests'), rows),
  );
}

/** "¿Ya viene?": the latest open request, what is happening with it, and what can be done. */
export function requestStatusMessage(locale: Locale, ctx: Ctx, r: RequestSummary): Command {
  return cancelRequestButtons(locale, r.requestId, requestStatusText(locale, ctx, r));
}

/**
 * A request for the trade of one already open ("¿me puede traer un tinaco?" while the plumber is
 * on the way): that one's news and contact, then "Pedir otro aparte" for a second job after all.
 */
export function sameTradeOpenMessage(locale: Locale, ctx: Ctx, r: RequestSummary): Command {
  const body = paragraphs(requestStatusText(locale, ctx, r), t(locale, 'request.sameTradeOpen'));
  return send(
    buttonsMessage(body, [
      { id: tapId({ kind: 'want.go' }), title: t(locale, 'btn.requestAnother') },
      {
        id: tapId({ kind: 'req.cancel', requestId: r.requestId }),
        title: t(locale, 'btn.cancelRequest'),
      },
      { id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') },
    ]),
  );
}

function requestStatusText(locale: Locale, ctx: Ctx, r: RequestSummary): string {
  const service = serviceName(locale, r.serviceName);
  const when = formatAgo(locale, ctx.now, r.createdAt);
  const link = r.status === 'accepted' ? waLink(r.providerPhone) : null;
  return paragraphs(
    r.status === 'accepted'
      ? t(locale, 'status.nowAccepted', { service, name: displayName(r.providerName ?? '', 60) })
      : r.offeredTo
        ? t(locale, 'status.nowOffered', { service, when, name: displayName(r.offeredTo, 60) })
        : t(locale, 'status.nowWaiting', { service, when }),
    link ? t(locale, 'offer.contact', { link }) : null,
  );
}

export function requestDetail(locale: Locale, ctx: Ctx, r: RequestSummary): Command {
  const link = r.status === 'accepted' ? waLink(r.providerPhone) : null;
  const body = paragraphs(
    t(locale, 'requests.detail', {
      service: serviceName(locale, r.serviceName),
      status: requestStatus(locale, r.status),
      when: formatAgo(locale, ctx.now, r.createdAt),
    }),
    r.problem ? t(locale, 'offer.problem', { problem: displayName(r.problem, 600) }) : null,
    r.mediaCount ? t(locale, 'requests.media', { count: r.mediaCount }) : null,
    r.providerName
      ? t(locale, 'requests.detailProvider', { name: displayName(r.providerName, 60) })
      : null,
    link ? t(locale, 'offer.contact', { link }) : null,
  );
  if (IN_PROGRESS.includes(r.status)) return cancelRequestButtons(locale, r.requestId, body);
  // A finished job not rated yet: the rating list right here ("Calificar").
  if (r.status === 'done' && r.rated === false && r.providerName)
    return ratingList(locale, r.requestId, paragraphs(body, t(locale, 'requests.rateNow')), [
      displayName(r.providerName, 60),
      serviceName(locale, r.serviceName),
    ]);
  return send(
    buttonsMessage(body, [{ id: tapId({ kind: 'menu.open' }), title: t(locale, 'btn.menu') }]),
  );
}

/** "Plomería: ¿qué pasa?" — for the prompt. */
export function problemQuestion(state: StateOf<'describeProblem'>): string {
  const locale = state.profile.locale;
  const service = serviceName(locale, state.service.name);
  return state.problem.mediaIds.length > 0 || state.problem.text
    ? t(locale, 'problem.more', { service })
    : t(locale, 'problem.ask', { service });
}

/** "📍 Roma Norte, Cuauhtémoc, CDMX — ¿es ahí?" for a place found from a postal code only. */
export function confirmPlace(state: StateOf<'shareLocation'>): Command {
  const locale = state.profile.locale;
  const area = displayName(state.confirm?.area ?? state.confirm?.label ?? '', 120);
  return send(
    buttonsMessage(t(locale, 'location.confirm', { area }), [
      { id: tapId({ kind: 'place.yes' }), title: t(locale, 'btn.yesThere') },
      { id: tapId({ kind: 'place.no' }), title: t(locale, 'btn.noElsewhere') },
    ]),
  );
}
