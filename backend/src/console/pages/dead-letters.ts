/** Dead letters: what was given up on (inspect, with the number masked) and replay (queue/replay.ts), audited. */
import { Router } from 'express';
import type { Job } from 'bullmq';
import { writeAudit } from '../../db/audit-log';
import { replayDeadLetter } from '../../queue/replay';
import type { DeadLetter } from '../../queue/jobs';
import { maskKey, maskPhonesInText } from '../../shared/mask';
import { html } from '../html';
import { csrfField, fmtTime, page } from '../layout';
import { flashOf } from '../flash';
import { actorOf, BASE, locals } from '../security';
import type { ConsoleDeps } from '../deps';

const STATES = ['waiting', 'delayed', 'paused', 'completed', 'failed'] as const;

export function deadLetterRoutes(deps: ConsoleDeps): Router {
  const r = Router();
  const dead = () => deps.care.inbox.queues.dead;

  r.get('/dead-letters', async (req, res) => {
    const l = locals(res);
    const { t } = l;
    const jobs = (await dead().getJobs([...STATES], 0, 199)) as Job<DeadLetter>[];
    const inspect =
      typeof req.query.job === 'string' ? jobs.find((j) => j.id === req.query.job) : undefined;
    res.type('html').send(
      page(
        l,
        { title: t('dead.title'), current: '/dead-letters', flash: flashOf(req, t) },
        html`${
          jobs.length === 0
            ? html`<p>${t('dead.none')}</p>`
            : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('common.id')}</th><th scope="col">${t('common.what')}</th><th scope="col">${t('common.who')}</th><th scope="col">${t('common.when')}</th><th scope="col">${t('common.details')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
<tbody>${jobs.map(
                (
                  j,
                ) => html`<tr data-letter="${j.id ?? ''}"><td>${j.id ?? ''}</td><td>${j.data.origin}${j.data.errorCode ? ` · ${j.data.errorCode}` : ''}</td><td>${maskKey(j.data.key)}</td><td>${fmtTime(new Date(j.data.failedAt), l.locale)}</td><td>${j.data.error.slice(0, 160)} <a href="${BASE}/dead-letters?job=${encodeURIComponent(j.id ?? '')}">${t('dead.inspect')}</a></td>
  <td><form method="post" action="${BASE}/dead-letters/${encodeURIComponent(j.id ?? '')}/replay">${csrfField(l)}<button type="submit">${t('dead.replay')}</button></form></td></tr>`,
              )}</tbody></table></div>`
        }
${inspect ? html`<h2>#${inspect.id ?? ''}</h2><pre>${maskPhonesInText(JSON.stringify({ ...inspect.data, key: maskKey(inspect.data.key) }, null, 2))}</pre>` : ''}`,
      ),
    );
  });

  r.post('/dead-letters/:id/replay', async (req, res) => {
    const l = locals(res);
    const job = (await dead().getJob(String(req.params.id))) as Job<DeadLetter> | undefined;
    if (!job) return void res.status(404).type('text/plain').send(l.t('common.notFound'));
    const result = await replayDeadLetter(deps.care.inbox, job, deps.settings.outboundAttempts);
    await writeAudit(deps.knex, {
      actor: actorOf(l.session!),
      action: 'dead_letter.replay',
      entity: 'dead_letter',
      entityId: String(req.params.id),
      data: { origin: job.data.origin },
    });
    res.redirect(
      303,
      `${BASE}/dead-letters?${new URLSearchParams({ flash: 'replayed', result: maskPhonesInText(result) }).toString()}`,
    );
  });

  return r;
}
