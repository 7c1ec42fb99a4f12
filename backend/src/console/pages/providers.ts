/**
 * Providers: the approvals queue (oldest first, with their details), search and filters, one
 * provider's rating, reviews and recent jobs, and the decisions (approve / reject / suspend with a
 * reason in plain words) — through the same service as the admin API (admin/provider-decisions.ts).
 */
import { Router, type Request } from 'express';
import { decideProvider } from '../../admin/provider-decisions';
import {
  listProviderRecentJobs,
  searchProviders,
  type ProviderSearchRow,
} from '../../db/console-views';
import { getProviderById, type StatusAction } from '../../db/providers';
import { listLatestReviews } from '../../db/ratings';
import { listServiceTypes } from '../../db/service-types';
import { maskPhone } from '../../shared/mask';
import { PROVIDER_STATUSES } from '../../shared/marketplace-status';
import { html, type Html } from '../html';
import { statusWord } from '../i18n';
import { csrfField, fmtTime, page } from '../layout';
import { flashOf } from '../flash';
import { actorOf, BASE, locals, type PageLocals } from '../security';
import type { ConsoleDeps } from '../deps';

const str = (req: Request, name: string, max = 100): string =>
  typeof req.query[name] === 'string' ? (req.query[name] as string).trim().slice(0, max) : '';
const PAGE = 25;

function rating(p: { ratingSum: number; ratingCount: number }): string {
  return p.ratingCount > 0
    ? `★${(p.ratingSum / p.ratingCount).toFixed(1)} (${p.ratingCount})`
    : '—';
}

export function decisionForm(l: PageLocals, providerId: number, back: string): Html {
  const { t } = l;
  const id = `reason-${providerId}`;
  return html`<form class="stack decision" method="post" action="${BASE}/providers/${providerId}/decide">
  ${csrfField(l)}<input type="hidden" name="back" value="${back}">
  <label for="${id}">${t('decision.reason')}</label>
  <textarea id="${id}" name="reason" maxlength="500" rows="2"></textarea>
  <div class="actions">
    <button type="submit" name="action" value="approve">${t('decision.approve')}</button>
    <button type="submit" name="action" value="reject" class="secondary">${t('decision.reject')}</button>
    <button type="submit" name="action" value="suspend" class="danger">${t('decision.suspend')}</button>
  </div>
</form>`;
}

function providerRows(l: PageLocals, rows: ProviderSearchRow[], withDecision: boolean): Html {
  const { t } = l;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('common.id')}</th><th scope="col">${t('common.name')}</th><th scope="col">${t('provider.services')}</th><th scope="col">${t('common.status')}</th><th scope="col">${t('provider.rating')}</th><th scope="col">${t('provider.since')}</th>${withDecision ? html`<th scope="col">${t('common.actions')}</th>` : ''}</tr></thead>
<tbody>${rows.map(
    (p) => html`<tr data-provider="${p.id}">
  <td><a href="${BASE}/providers/${p.id}">#${p.id}</a></td>
  <td><a href="${BASE}/providers/${p.id}">${p.displayName}</a><br><span class="muted">${p.userName ?? ''} · ${maskPhone(p.waId)}</span></td>
  <td>${p.services.join(', ')}</td>
  <td><span class="badge ${p.status}">${statusWord(t, p.status)}</span>${p.online ? html` <span class="badge approved">${t('providers.online')}</span>` : ''}</td>
  <td>${rating(p)}</td>
  <td>${fmtTime(p.createdAt, l.locale)}</td>
  ${withDecision ? html`<td>${decisionForm(l, p.id, '/approvals')}</td>` : ''}
</tr>`,
  )}</tbody></table></div>`;
}

export function providerRoutes(deps: ConsoleDeps): Router {
  const r = Router();

  r.get('/approvals', async (req, res) => {
    const l = locals(res);
    const { items } = await searchProviders(deps.knex, {
      status: 'pending',
      limit: 100,
      offset: 0,
    });
    res
      .type('html')
      .send(
        page(
          l,
          { title: l.t('approvals.title'), current: '/approvals', flash: flashOf(req, l.t) },
          items.length === 0 ? html`<p>${l.t('approvals.none')}</p>` : providerRows(l, items, true),
        ),
      );
  });

  r.get('/providers', async (req, res) => {
    const l = locals(res);
    const { t } = l;
    const q = str(req, 'q');
    const status = (PROVIDER_STATUSES as readonly string[]).includes(str(req, 'status'))
      ? str(req, 'status')
      : '';
    const services = await listServiceTypes(deps.knex, { includeInactive: true });
    const service = services.some((s) => s.code === str(req, 'service')) ? str(req, 'service') : '';
    const online =
      str(req, 'online') === '1' ? true : str(req, 'online') === '0' ? false : undefined;
    const pageNo = Math.max(0, Math.min(10_000, Number(str(req, 'page')) || 0));
    const { items, total } = await searchProviders(deps.knex, {
      ...(q ? { q } : {}),
      ...(status ? { status } : {}),
      ...(service ? { service } : {}),
      ...(online !== undefined ? { online } : {}),
      limit: PAGE,
      offset: pageNo * PAGE,
    });
    const opt = (value: string, label: string, current: string) =>
      html`<option value="${value}" ${value === current ? 'selected' : ''}>${label}</option>`;
    const qs = (p: number) =>
      `?${new URLSearchParams({ q, status, service, online: str(req, 'online'), page: String(p) }).toString()}`;
    res.type('html').send(
      page(
        l,
        { title: t('providers.title'), current: '/providers', flash: flashOf(req, t) },
        html`<form class="filters" method="get" action="${BASE}/providers" role="search">
  <div><label for="q">${t('providers.search')}</label><input id="q" name="q" type="search" value="${q}"></div>
  <div><label for="status">${t('providers.status')}</label><select id="status" name="status">${opt('', t('providers.any'), status)}${PROVIDER_STATUSES.map((s) => opt(s, statusWord(t, s), status))}</select></div>
  <div><label for="service">${t('providers.service')}</label><select id="service" name="service">${opt('', t('providers.any'), service)}${services.map((s) => opt(s.code, l.locale === 'en' ? s.nameEn : s.nameEs, service))}</select></div>
  <div><label for="online">${t('providers.online')}</label><select id="online" name="online">${opt('', t('providers.any'), str(req, 'online'))}${opt('1', t('common.yes'), str(req, 'online'))}${opt('0', t('common.no'), str(req, 'online'))}</select></div>
  <div><button type="submit">${t('providers.filter')}</button></div>
</form>
<p class="muted">${t('providers.total', { n: total })}</p>
${items.length === 0 ? html`<p>${t('providers.none')}</p>` : providerRows(l, items, false)}
<p class="actions">${pageNo > 0 ? html`<a href="${qs(pageNo - 1)}">${t('common.prev')}</a>` : ''} ${(pageNo + 1) * PAGE < total ? html`<a href="${qs(pageNo + 1)}">${t('common.next')}</a>` : ''}</p>`,
      ),
    );
  });

  r.get('/providers/:id', async (req, res) => {
    const l = locals(res);
    const { t } = l;
    const id = Number(req.params.id);
    const provider =
      Number.isSafeInteger(id) && id > 0 && id < 2 ** 31
        ? await getProviderById(deps.knex, id)
        : null;
    if (!provider) {
      res
        .status(404)
        .type('html')
        .send(page(l, { title: t('common.notFound') }, html``));
      return;
    }
    const [{ items }, jobs, reviews] = await Promise.all([
      searchProviders(deps.knex, { q: provider.displayName, limit: 50, offset: 0 }),
      listProviderRecentJobs(deps.knex, provider.id, 10),
      listLatestReviews(deps.knex, provider.id, 10),
    ]);
    const row = items.find((p) => p.id === provider.id);
    res.type('html').send(
      page(
        l,
        { title: provider.displayName, current: '/providers', flash: flashOf(req, t) },
        html`<dl class="facts">
  <dt>${t('common.status')}</dt><dd><span class="badge ${provider.status}">${statusWord(t, provider.status)}</span>${provider.online ? html` <span class="badge approved">${t('providers.online')}</span>` : ''}</dd>
  <dt>${t('common.name')}</dt><dd>${row?.userName ?? '—'}</dd>
  <dt>${t('provider.phone')}</dt><dd>${maskPhone(row?.waId)}</dd>
  <dt>${t('provider.services')}</dt><dd>${row?.services.join(', ') ?? '—'}</dd>
  <dt>${t('provider.base')}</dt><dd>${provider.lat.toFixed(4)}, ${provider.lng.toFixed(4)} · ${provider.radiusKm} km</dd>
  <dt>${t('provider.rating')}</dt><dd>${rating(provider)}</dd>
  <dt>${t('provider.since')}</dt><dd>${fmtTime(provider.createdAt, l.locale)}</dd>
</dl>
${decisionForm(l, provider.id, `/providers/${provider.id}`)}
<h2>${t('provider.jobs')}</h2>
${jobs.length === 0 ? html`<p>${t('provider.noJobs')}</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('common.id')}</th><th scope="col">${t('common.service')}</th><th scope="col">${t('common.status')}</th><th scope="col">${t('common.when')}</th><th scope="col">★</th></tr></thead><tbody>${jobs.map((j) => html`<tr><td><a href="${BASE}/requests/${j.id}">#${j.id}</a></td><td>${j.serviceCode}</td><td><span class="badge ${j.status}">${statusWord(t, j.status)}</span></td><td>${fmtTime(j.createdAt, l.locale)}</td><td>${j.stars ?? '—'}</td></tr>`)}</tbody></table></div>`}
<h2>${t('provider.reviews')}</h2>
${reviews.length === 0 ? html`<p>${t('provider.noReviews')}</p>` : html`<ul>${reviews.map((rv) => html`<li>${'★'.repeat(rv.stars)} ${rv.comment ?? ''} <span class="muted">— ${rv.authorName ?? '—'}, ${fmtTime(rv.createdAt, l.locale)}</span></li>`)}</ul>`}`,
      ),
    );
  });

  r.post('/providers/:id/decide', async (req, res) => {
    const l = locals(res);
    const id = Number(req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const action = body.action;
    const back =
      typeof body.back === 'string' && /^\/(approvals|providers\/\d+)$/.test(body.back)
        ? body.back
        : '/approvals';
    if (
      !Number.isSafeInteger(id) ||
      id <= 0 ||
      id >= 2 ** 31 ||
      (action !== 'approve' && action !== 'reject' && action !== 'suspend')
    ) {
      res.status(400).type('text/plain').send('bad request');
      return;
    }
    const reason = typeof body.reason === 'string' ? body.reason.trim().slice(0, 500) : '';
    const result = await decideProvider(deps, {
      providerId: id,
      action: action as StatusAction,
      actor: actorOf(l.session!),
      ...(reason ? { reason } : {}),
    });
    if (!result.ok && result.reason === 'not_found') {
      res.status(404).type('text/plain').send(l.t('common.notFound'));
      return;
    }
    const params: Record<string, string> = result.ok
      ? { flash: 'decided', status: result.provider.status, notified: result.notified ? '1' : '0' }
      : {
          flash: 'invalid',
          action: l.t(`decision.${action as StatusAction}`).toLowerCase(),
          status: result.status,
        };
    res.redirect(303, `${BASE}${back}?${new URLSearchParams(params).toString()}`);
  });

  return r;
}
