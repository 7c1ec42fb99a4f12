/** Today's key figures, with a link to Grafana. */
import { Router } from 'express';
import { dailyFigures } from '../../db/console-views';
import { countOnlineProvidersByService } from '../../db/providers';
import { html } from '../html';
import { page } from '../layout';
import { locals } from '../security';
import type { ConsoleDeps } from '../deps';

/** Midnight of today in the business's time zone, as a UTC instant. */
export function startOfToday(now: number, utcOffsetMinutes: number): Date {
  const offset = utcOffsetMinutes * 60_000;
  const local = now + offset;
  return new Date(local - (((local % 86_400_000) + 86_400_000) % 86_400_000) - offset);
}

export function homeRoutes(deps: ConsoleDeps): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    const l = locals(res);
    const { t } = l;
    const [f, online] = await Promise.all([
      dailyFigures(deps.knex, startOfToday(Date.now(), deps.settings.utcOffsetMinutes)),
      countOnlineProvidersByService(deps.knex),
    ]);
    const pct = f.fillRate === null ? '—' : `${Math.round(f.fillRate * 100)} %`;
    const median =
      f.medianSecondsToAccept === null
        ? '—'
        : f.medianSecondsToAccept < 120
          ? `${f.medianSecondsToAccept} s`
          : `${Math.round(f.medianSecondsToAccept / 60)} min`;
    res.type('html').send(
      page(
        l,
        { title: t('home.title'), current: '/' },
        html`<ul class="figures" aria-label="${t('home.title')}">
  <li><span class="n" data-figure="requests">${f.requests}</span>${t('home.requests')}</li>
  <li><span class="n" data-figure="fill-rate">${pct}</span>${t('home.fillRate')}</li>
  <li><span class="n" data-figure="median">${median}</span>${t('home.median')}</li>
  <li><span class="n"><a href="/console/inbox">${f.openHandoffs}</a></span>${t('home.handoffs')}</li>
  <li><span class="n"><a href="/console/approvals">${f.pendingProviders}</a></span>${t('home.pending')}</li>
</ul>
<h2>${t('home.online')}</h2>
${online.length === 0 ? html`<p>${t('home.noneOnline')}</p>` : html`<div class="table-wrap"><table><thead><tr><th scope="col">${t('common.service')}</th><th scope="col">n</th></tr></thead><tbody>${online.map((o) => html`<tr><td>${o.service}</td><td>${o.n}</td></tr>`)}</tbody></table></div>`}
${deps.settings.grafanaUrl ? html`<p><a href="${deps.settings.grafanaUrl}" rel="noopener" target="_blank">${t('home.grafana')}</a></p>` : ''}`,
      ),
    );
  });
  return r;
}
