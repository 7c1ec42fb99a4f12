/** Messages of the provider flow. */
import type { ListRow } from '../../shared/messages';
import type { Command } from '../commands';
import { tapId } from '../ids';
import type { Locale } from '../locale-types';
import { t } from '../locales';
import type { JobDetails, ServiceType, JobSummary } from '../operations';
import type { Notices } from '../notices';
import type { Profile, StateOf } from '../state';
import { displayName, truncate } from '../text/sanitize';
import { formatDistance, formatDuration, mapsLink, serviceName, waLink } from './format';
import {
  buttonsMessage,
  listMessage,
  locationRequestMessage,
  paragraphs,
  send,
  templateParam,
  textMessage,
} from './out';
import { pageOf } from './paging';
import { formatKm } from './provider-profile';
import { namedRow, pagingRows } from './rows';

export const RADIUS_OPTIONS_KM = [3, 5, 10, 20] as const;

export function providerNamePrompt(profile: Profile, lead?: string): Command {
  const l = profile.locale;
  if (!profile.name) return send(textMessage(paragraphs(lead, t(l, 'provider.askNameBare'))));
  const body = paragraphs(lead, t(l, 'provider.askName', { name: displayName(profile.name, 60) }));
  return send(
    buttonsMessage(body, [{ id: tapId({ kind: 'pname.same' }), title: t(l, 'btn.useMyName') }]),
  );
}

export function providerServicesPrompt(
  locale: Locale,
  state: StateOf<'provServices'>,
  lead?: string,
): Command {
  const selected = new Set(state.draft.serviceIds);
  const p = pageOf(state.services, state.page, 9);
  const rows: ListRow[] = p.items.map((s) =>
    namedRow(
      locale,
      tapId({ kind: 'psvc.toggle', serviceId: s.id }),
      (selected.has(s.id) ? '✓ ' : '') + serviceName(locale, s.name),
    ),
  );
  rows.push(...pagingRows(locale, p, (n) => tapId({ kind: 'psvc.page', page: n })));
  rows.push({
    id: tapId({ kind: 'psvc.done' }),
    title: t(locale, 'row.done'),
    description: t(locale, 'desc.done', { count: selected.size }),
  });
  const body = paragraphs(
    lead,
    t(locale, state.editing ? 'provider.editServices' : 'provider.askServices'),
  );
  return send(listMessage(body, t(locale, 'list.chooseServices'), rows));
}

/** "Marcados: Plomería, Electricidad." for the lead of the services list. */
export function selectedServicesLine(
  locale: Locale,
  services: ServiceType[],
  ids: number[],
): string | undefined {
  const names = services
    .filter((s) => ids.includes(s.id))
    .map((s) => serviceName(locale, s.name, 30));
  return names.length
    ? t(locale, 'provider.selected', { services: truncate(names.join(', '), 300) })
    : undefined;
}

/** Registration's "3/4 · ¿Desde dónde trabajas?", or (`editing`) a change of base. */
export function providerLocationPrompt(locale: Locale, lead?: string, editing = false): Command {
  const question = t(locale, editing ? 'provider.editLocation' : 'provider.askLocation');
  return send(locationRequestMessage(paragraphs(lead, question)));
}

/** Registration's "4/4 · ¿Hasta qué distancia…?", or a change of radius (`current`: the one now). */
export function providerRadiusPrompt(
  locale: Locale,
  lead?: string,
  editing: { current: number | undefined } | null = null,
): Command {
  const rows: ListRow[] = RADIUS_OPTIONS_KM.map((km) => ({
    id: tapId({ kind: 'radius', km }),
    title: t(locale, 'row.radius', { km }),
  }));
  const question = !editing
    ? t(locale, 'provider.askRadius')
    : editing.current === undefined
      ? t(locale, 'provider.editRadiusBare')
      : t(locale, 'provider.editRadius', { km: formatKm(editing.current) });
  return send(listMessage(paragraphs(lead, question), t(locale, 'list.radius'), rows));
}

/** The offer, with Accept/Decline buttons; outside the 24 h window the `offer` template with the same payloads. */
export function offerMessage(locale: Locale, data: Notices['offerReceived']): Command {
  const service = serviceName(locale, data.serviceName);
  const distance = formatDistance(data.distanceKm);
  const area = data.area ? displayName(data.area, 80) : null;
  const problem = data.problem ? displayName(data.problem, 600) : null;
  const body = paragraphs(
    data.urgent ? t(locale, 'offer.urgent') : null,
    t(locale, 'offer.received', {
      service,
      distance,
      time: formatDuration(locale, data.answerWithinMinutes * 60_000),
      area: area ? t(locale, 'offer.area', { area }) : '',
    }),
    problem ? t(locale, 'offer.problem', { problem }) : null,
    data.mediaCount ? t(locale, 'offer.mediaFollow') : null,
  );
  const acceptId = tapId({ kind: 'offer.accept', offerId: data.offerId });
  const declineId = tapId({ kind: 'offer.decline', offerId: data.offerId });
  return send(
    buttonsMessage(body, [
      { id: acceptId, title: t(locale, 'btn.accept') },
      { id: declineId, title: t(locale, 'btn.decline') },
    ]),
    {
      // The approved template says "{{4}} min": whole minutes there, rounded up.
      template: 'offer',
      params: [
        templateParam(data.urgent ? t(locale, 'offer.urgentService', { service }) : service),
        distance,
        templateParam(area ?? '-'),
        String(Math.max(1, Math.ceil(data.answerWithinMinutes))),
      ],
      quickReplyPayloads: [acceptId, declineId],
      locale,
    },
  );
}

/** The provider got the job: customer, place, contact, and the "Done" button. */
export function jobAcceptedMessage(locale: Locale, job: JobDetails): Command {
  const link = waLink(job.customer.phone);
  const body = paragraphs(
    t(locale, 'job.accepted', {
      service: serviceName(locale, job.serviceName),
      name: displayName(job.customer.name, 60),
      place: job.address ? displayName(job.address, 160) : t(locale, 'place.pin'),
      maps: mapsLink(job.lat, job.lng),
    }),
    link ? t(locale, 'job.contact', { link }) : t(locale, 'job.noContact'),
    t(locale, 'job.markDoneHint'),
  );
  return send(buttonsMessage(body, jobButtons(locale, job.requestId)));
}

/** "Terminado" for one job; `drop`: also "Ya no puedo ir". */
function jobButtons(
  locale: Locale,
  requestId: number,
  drop = false,
): { id: string; title: string }[] {
  return [
    { id: tapId({ kind: 'job.done', requestId }), title: t(locale, 'btn.markDone') },
    ...(drop
      ? [{ id: tapId({ kind: 'job.drop', requestId }), title: t(locale, 'btn.dropYes') }]
      : []),
  ];
}

/** Active jobs shown at once (the rest are counted). */
export const JOBS_SHOWN = 3;

/**
 * The first active jobs, one card each (who, where, contact, "Terminado"); `drop`: each card also
 * has "Ya no puedo ir", so a provider with several jobs picks the one to give back.
 */
export function activeJobCards(
  locale: Locale,
  jobs: readonly JobSummary[],
  opts: { drop?: boolean } = {},
): Command[] {
  return jobs.slice(0, JOBS_SHOWN).map((job) => activeJobMessage(locale, job, opts));
}

/** One active job in "Mis trabajos": who, what, where, how to reach them, and "Terminado". */
export function activeJobMessage(
  locale: Locale,
  job: JobSummary,
  opts: { drop?: boolean } = {},
): Command {
  const link = waLink(job.customerPhone);
  const body = paragraphs(
    t(locale, 'jobs.item', {
      service: serviceName(locale, job.serviceName),
      name: displayName(job.customerName, 60),
      place: job.address ? displayName(job.address, 160) : t(locale, 'place.pin'),
      maps: mapsLink(job.lat, job.lng),
    }),
    job.problem ? t(locale, 'offer.problem', { problem: displayName(job.problem, 600) }) : null,
    link ? t(locale, 'job.contact', { link }) : t(locale, 'job.noContact'),
  );
  return send(buttonsMessage(body, jobButtons(locale, job.requestId, opts.drop)));
}

export function onlineToggleButton(locale: Locale, online: boolean): { id: string; title: string } {
  return online
    ? { id: tapId({ kind: 'prov.offline' }), title: t(locale, 'btn.goOffline') }
    : { id: tapId({ kind: 'prov.online' }), title: t(locale, 'btn.goOnline') };
}
