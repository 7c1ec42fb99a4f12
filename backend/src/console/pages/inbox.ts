/**
 * The handoff inbox: open conversations oldest first; one conversation's transcript (the number
 * masked unless an admin reveals it, which is audited), the operator's reply and the hand-back.
 */
import { Router, type Response } from 'express';
import { writeAudit } from '../../db/audit-log';
import {
  getHandoff,
  listClosedHandoffs,
  listHandoffMessages,
  listOpenHandoffs,
  type Handoff,
} from '../../db/handoffs';
import { getUserById } from '../../db/users';
import { closeHandoffBy, lastInboundAt } from '../../care/handoffs';
import { insideServiceWindow } from '../../outbound/service-window';
import { contactFromKey } from '../../shared/conversation-key';
import { maskKey, maskPhone } from '../../shared/mask';
import { html } from '../html';
import { statusWord, type ConsoleKey } from '../i18n';
import { csrfField, fmtTime, page } from '../layout';
import { flashOf } from '../flash';
import { replyToHandoff } from '../reply';
import { actorOf, BASE, locals, requireAdmin } from '../security';
import type { ConsoleDeps } from '../deps';

function who(h: { conversationKey: string; userName?: string | null }): string {
  return `${h.userName ?? '—'} · ${maskKey(h.conversationKey)}`;
}

export function inboxRoutes(deps: ConsoleDeps): Router {
  const r = Router();

  r.get('/inbox', async (req, res) => {
    const l = locals(res);
    const { t } = l;
    const [open, closed] = await Promise.all([
      listOpenHandoffs(deps.knex),
      listClosedHandoffs(deps.knex, 10),
    ]);
    res.type('html').send(
      page(
        l,
        { title: t('inbox.title'), current: '/inbox', flash: flashOf(req, t) },
        html`<div id="inbox-list" data-refresh="5000">
${
  open.length === 0
    ? html`<p>${t('inbox.none')}</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t('common.id')}</th><th scope="col">${t('common.who')}</th><th scope="col">${t('common.what')}</th><th scope="col">${t('inbox.waiting')}</th><th scope="col">${t('common.actions')}</th></tr></thead>
<tbody>${open.map(
        (h) =>
          html`<tr data-handoff="${h.id}"><td>#${h.id}</td><td>${who(h)}${h.isProvider ? ' 🧰' : ''}</td><td>${h.reason === 'appeal' ? t('inbox.reasonAppeal') : t('inbox.reasonUser')} · ${h.messages} ✉</td><td>${fmtTime(h.openedAt, l.locale)}</td><td><a href="${BASE}/inbox/${h.id}">${t('inbox.open')}</a></td></tr>`,
      )}</tbody></table></div>`
}
</div>
<h2>${t('inbox.closed')}</h2>
${closed.length === 0 ? html`<p class="muted">—</p>` : html`<ul>${closed.map((h) => html`<li><a href="${BASE}/inbox/${h.id}">#${h.id}</a> ${who(h)} · ${fmtTime(h.closedAt, l.locale)} · ${h.closedBy ?? ''}</li>`)}</ul>`}`,
      ),
    );
  });

  async function show(
    res: Response,
    handoff: Handoff,
    flash: ReturnType<typeof flashOf>,
    revealed: string | null,
  ): Promise<void> {
    const l = locals(res);
    const { t } = l;
    const [messages, user, last] = await Promise.all([
      listHandoffMessages(deps.knex, handoff.id),
      handoff.userId ? getUserById(deps.knex, handoff.userId) : null,
      lastInboundAt(deps.care, handoff.conversationKey),
    ]);
    const inside = insideServiceWindow(last, Date.now(), deps.settings.windowMarginMs);
    const contact = contactFromKey(handoff.conversationKey);
    const number =
      revealed ?? (contact.waId ? maskPhone(contact.waId) : maskKey(handoff.conversationKey));
    const isOpen = handoff.status === 'open';
    const isAdmin = l.session?.role === 'admin';
    res.type('html').send(
      page(
        l,
        { title: t('handoff.title', { id: handoff.id }), current: '/inbox', flash },
        html`<dl class="facts">
  <dt>${t('common.name')}</dt><dd>${user?.name ?? '—'}</dd>
  <dt>WhatsApp</dt><dd><span data-phone>${number}</span>
    ${isAdmin && !revealed && contact.waId ? html`<form class="inline" method="post" action="${BASE}/inbox/${handoff.id}/reveal">${csrfField(l)}<button class="secondary" type="submit">${t('handoff.reveal')}</button></form>` : ''}</dd>
  <dt>${t('common.status')}</dt><dd><span class="badge ${handoff.status}">${statusWord(t, handoff.status)}</span> · ${handoff.reason === 'appeal' ? t('inbox.reasonAppeal') : t('inbox.reasonUser')}</dd>
  <dt>${t('inbox.waiting')}</dt><dd>${fmtTime(handoff.openedAt, l.locale)}</dd>
</dl>
<h2>${t('handoff.transcript')}</h2>
<div id="transcript" data-refresh="4000">
${messages.length === 0 ? html`<p>${t('handoff.empty')}</p>` : html`<ol class="transcript">${messages.map((m) => html`<li class="${m.author}"><span class="meta">${t(`author.${m.author}` as ConsoleKey)}${m.operatorName ? ` · ${m.operatorName}` : ''} · ${fmtTime(m.createdAt, l.locale)}</span>${m.body}</li>`)}</ol>`}
</div>
${
  isOpen
    ? html`<h2>${t('handoff.reply')}</h2>
<p class="muted">${t('handoff.window', { state: inside ? t('handoff.windowOpen') : t('handoff.windowClosed') })}</p>
<form class="stack" method="post" action="${BASE}/inbox/${handoff.id}/reply">
  ${csrfField(l)}
  <label for="reply-text">${t('handoff.reply')}</label>
  <textarea id="reply-text" name="text" maxlength="2000" required></textarea>
  <p><button type="submit">${t('handoff.send')}</button></p>
</form>
<form method="post" action="${BASE}/inbox/${handoff.id}/hand-back">${csrfField(l)}<button class="secondary" type="submit">${t('handoff.handBack')}</button></form>`
    : html`<p class="notice">${t('handoff.isClosed')}</p>`
}
<p><a href="${BASE}/inbox">${t('common.back')}</a></p>`,
      ),
    );
  }

  async function load(id: string | string[] | undefined): Promise<Handoff | null> {
    const n = Number(id);
    return Number.isSafeInteger(n) && n > 0 && n < 2 ** 31 ? getHandoff(deps.knex, n) : null;
  }

  r.get('/inbox/:id', async (req, res) => {
    const handoff = await load(req.params.id);
    if (!handoff)
      return void res.status(404).type('text/plain').send(locals(res).t('common.notFound'));
    await show(res, handoff, flashOf(req, locals(res).t), null);
  });

  r.post('/inbox/:id/reply', async (req, res) => {
    const l = locals(res);
    const handoff = await load(req.params.id);
    if (!handoff) return void res.status(404).type('text/plain').send(l.t('common.notFound'));
    const text =
      typeof (req.body as Record<string, unknown>)?.text === 'string'
        ? ((req.body as Record<string, string>).text ?? '')
        : '';
    const out = await replyToHandoff(deps, {
      handoffId: handoff.id,
      operatorId: l.session!.operatorId,
      text,
    });
    const params: Record<string, string> = out.ok
      ? { flash: 'sent', as: out.as }
      : { flash: out.reason === 'closed' ? 'closed' : '' };
    res.redirect(303, `${BASE}/inbox/${handoff.id}?${new URLSearchParams(params).toString()}`);
  });

  r.post('/inbox/:id/hand-back', async (req, res) => {
    const l = locals(res);
    const handoff = await load(req.params.id);
    if (!handoff) return void res.status(404).type('text/plain').send(l.t('common.notFound'));
    const closed = await closeHandoffBy(deps.care, handoff.id, {
      kind: 'operator',
      operatorId: l.session!.operatorId,
    });
    res.redirect(303, `${BASE}/inbox?flash=${closed ? 'handedBack' : 'closed'}`);
  });

  r.post('/inbox/:id/reveal', requireAdmin, async (req, res) => {
    const l = locals(res);
    const handoff = await load(req.params.id);
    if (!handoff) return void res.status(404).type('text/plain').send(l.t('common.notFound'));
    await writeAudit(deps.knex, {
      actor: actorOf(l.session!),
      action: 'handoff.reveal_phone',
      entity: 'handoff',
      entityId: handoff.id,
    });
    res.set('Cache-Control', 'no-store');
    await show(res, handoff, null, contactFromKey(handoff.conversationKey).waId ?? null);
  });

  return r;
}
