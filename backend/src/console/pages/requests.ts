/** Requests: the live list with filters, and one request's timeline. */
import { Router, type Request } from 'express';
import { getRequestView, requestTimeline, type TimelineEntry } from '../../db/console-views';
import { listRequests } from '../../db/listings';
import { listServiceTypes } from '../../db/service-types';
import { maskPhone } from '../../shared/mask';
import { REQUEST_STATUSES, type RequestStatus } from '../../shared/marketplace-status';
import { html } from '../html';
import { statusWord, type Translate } from '../i18n';
import { fmtTime, page } from '../layout';
import { BASE, locals } from '../security';
import type { ConsoleDeps } from '../deps';

const str = (req: Request, name: string, max = 100): string =>
  typeof req.query[name] === 'string' ? (req.query[name] as string).trim().slice(0, max) : '';
const PAGE = 50;

function describe(t: Translate, e: TimelineEntry): string {
  const d = e.detail;
  const who = d.provider ? ` · ${String(d.provider)}` : '';
  switch (e.kind) {
    case 'created':
      return `${t('common.what')}: ${String(d.service)}`;
    case 'rating':
      return `${'★'.repeat(Number(d.stars))}${d.comment === 'yes' ? ' 💬' : ''}`;
    case 'message.in':
    case 'message.out':
      return `${String(d.type)} · ${String(d.status)}`;
    case 'media':
      return `${String(d.type)}${d.size ? ` · ${Math.round(Number(d.size) / 1024)} KB` : ''}${d.caption === 'yes' ? ' 💬' : ''}`;
    default:
      return `${d.offer ? `#${String(d.offer)}` : ''}${who}`;
  }
}

export function requestRoutes(deps: ConsoleDeps): Router {
  const r = Router();

  r.get('/requests', async (req, res) => {
    const l = locals(res);
    const { t } = l;
    const status = (REQUEST_STATUSES as readonly string[]).includes(str(req, 'status'))
      ? (str(req, 'status') as RequestStatus)
      : undefined;
    const services = await listServiceTypes(deps.knex, { includeInactive: true });
    const service = services.some((s) => s.code === str(req, 'service'))
      ? str(req, 'service')
      : undefined;
    const fromRaw = str(req, 'from', 10);
    const from =
      /^\d{4}-\d{2}-\d{2}$/.test(fromRaw) && !Number.isNaN(Date.parse(fromRaw))
        ? new Date(`${fromRaw}T00:00:00Z`)
        : undefined;
    const pageNo = Math.max(0, Math.min(10_000, Number(str(req, 'page')) || 0));
    const list = await listRequests(deps.knex, {
      ...(status ? { status } : {}),
      ...(service ? { service } : {}),
      ...(from ? { from } : {}),
      limit: PAGE,
      offset: pageNo * PAGE,
    });
    const opt = (value: string, label: string, current: string | undefined) =>
      html`<option value="${value}" ${value === (current ?? '') ? 'selected' : ''}>${label}</option>`;
    const qs = (p: number) =>
      `?${new URLSearchParams({ status: status ?? '', service: service ?? '', from: fromRaw, page: String(p) }).toString()}`;
    res.type('html').send(
      page(
        l,
        { title: t('requests.title'), current: '/requests' },
        html`<form class="filters" method="get" action="${BASE}/requests">
  <div><label for="status">${t('common.status')}</label><select id="status" name="status">${opt('', t('providers.any'), status)}${REQUEST_STATUSES.map((s) => opt(s, statusWord(t, s), status))}</select></div>
  <div><label for="service">${t('common.service')}</label><select id="service" name="service">${opt('', t('providers.any'), service)}${services.map((s) => opt(s.code, l.locale === 'en' ? s.nameEn : s.nameEs, service))}</select></div>
  <div><label for="from">${t('requests.from')}</label><input id="from" name="from" type="date" value="${fromRaw}"></div>
  <div><button type="submit">${t('providers.filter')}</button></div>
</form>
<p class="muted">${t('providers.total', { n: list.total })}</p>
${
  list.items.length === 0
    ? html`<p>${t('requests.none')}</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('common.id')}</th><th scope="col">${t('common.service')}</th><th scope="col">${t('common.status')}</th><th scope="col">${t('request.offers')}</th><th scope="col">${t('common.when')}</th></tr></thead>
<tbody>${list.items.map((x) => html`<tr><td><a href="${BASE}/requests/${x.id}">#${x.id}</a></td><td>${x.serviceCode}</td><td><span class="badge ${x.status}">${statusWord(t, x.status)}</span></td><td>${x.offersCount}</td><td>${fmtTime(x.createdAt, l.locale)}</td></tr>`)}</tbody></table></div>`
}
<p class="actions">${pageNo > 0 ? html`<a href="${qs(pageNo - 1)}">${t('common.prev')}</a>` : ''} ${(pageNo + 1) * PAGE < list.total ? html`<a href="${qs(pageNo + 1)}">${t('common.next')}</a>` : ''}</p>`,
      ),
    );
  });

  r.get('/requests/:id', async (req, res) => {
    const l = locals(res);
    const { t } = l;
    const id = Number(req.params.id);
    const view =
      Number.isSafeInteger(id) && id > 0 && id < 2 ** 31
        ? await getRequestView(deps.knex, id)
        : null;
    if (!view) {
      res
        .status(404)
        .type('html')
        .send(page(l, { title: t('common.notFound') }, html``));
      return;
    }
    const timeline = await requestTimeline(deps.knex, view);
    res.type('html').send(
      page(
        l,
        { title: t('request.title', { id: view.id }), current: '/requests' },
        html`<dl class="facts">
  <dt>${t('common.status')}</dt><dd><span class="badge ${view.status}">${statusWord(t, view.status)}</span>${view.urgent ? html` <span class="badge urgent" data-urgent>⚡ ${t('request.urgent')}</span>` : ''}</dd>
  <dt>${t('common.service')}</dt><dd>${l.locale === 'en' ? view.serviceNameEn : view.serviceNameEs}</dd>
  <dt>${t('request.customer')}</dt><dd>${view.customerName ?? '—'} · ${maskPhone(view.customerWaId)}</dd>
  <dt>${t('request.provider')}</dt><dd>${view.providerId ? html`<a href="${BASE}/providers/${view.providerId}">${view.providerName ?? '—'}</a>` : '—'}</dd>
  <dt>${t('request.address')}</dt><dd>${view.address ?? `${view.lat.toFixed(4)}, ${view.lng.toFixed(4)}`}</dd>
</dl>
<h2>${t('request.timeline')}</h2>
<ol class="timeline">${timeline.map((e) => html`<li data-kind="${e.kind}"><time datetime="${e.at.toISOString()}">${fmtTime(e.at, l.locale)}</time> — <strong>${e.kind}</strong> ${describe(t, e)}</li>`)}</ol>`,
      ),
    );
  });

  return r;
}
