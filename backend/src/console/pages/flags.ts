/**
 * Feature flags (admins only): every declared flag with the rule in force, where it comes from
 * (a live change in Redis or the environment), the environment's rule and the last audited
 * change; per flag: on, off, a percentage of conversations, or back to the environment's rule.
 * Changes go through the flag service (flags/), which audits each one with the operator as actor.
 * Bad input (a percentage outside 0–100, an unknown flag) is refused and changes nothing.
 */
import { Router, type Request, type Response } from 'express';
import { listAudit, type AuditRow } from '../../db/audit-log';
import { listOperators } from '../../db/operators';
import type { FlagView } from '../../flags';
import { ruleIsOn } from '../../flags/rollout';
import {
  isFlagKey,
  parseFlagRule,
  ruleOf,
  type FlagKey,
  type FlagRule,
} from '../../shared/feature-flags';
import { html, type Html } from '../html';
import { flagInfo, flagRuleWord, type ConsoleKey } from '../i18n';
import { csrfField, fmtTime, page, type Flash } from '../layout';
import { flashOf } from '../flash';
import { actorOf, BASE, locals, requireAdmin, type PageLocals } from '../security';
import type { ConsoleDeps } from '../deps';

/** The page's path (the console gate lets admins through to it while the console is off). */
export const FLAGS_PAGE = '/flags';

type Change =
  { kind: 'set'; rule: FlagRule } | { kind: 'clear' } | { kind: 'refused'; problem: ConsoleKey };

/** What a form asks for: `action` on | off | percent (with `percent`, a whole number 0–100) | clear. */
export function changeOf(body: Record<string, unknown>): Change {
  switch (body.action) {
    case 'on':
      return { kind: 'set', rule: ruleOf(true) };
    case 'off':
      return { kind: 'set', rule: ruleOf(false) };
    case 'percent': {
      const text = typeof body.percent === 'string' ? body.percent.trim() : '';
      const rule = /^\d{1,3}$/.test(text) ? parseFlagRule(`${text}%`) : null;
      return rule ? { kind: 'set', rule } : { kind: 'refused', problem: 'flags.badPercent' };
    }
    case 'clear':
      return { kind: 'clear' };
    default:
      return { kind: 'refused', problem: 'flags.badAction' };
  }
}

/** Who made an audited change, in words: an operator's name, or the actor as recorded (an admin API key). */
function whoDid(actor: string, names: Map<number, string>): string {
  const m = /^operator:(\d+)$/.exec(actor);
  return (m && names.get(Number(m[1]))) ?? actor;
}

function lastChange(l: PageLocals, row: AuditRow | undefined, names: Map<number, string>): Html {
  const { t } = l;
  if (!row) return html`<span class="muted">${t('flags.never')}</span>`;
  const to = typeof row.data.to === 'string' ? row.data.to : '';
  const what =
    row.action === 'flag.clear'
      ? t('flags.didClear')
      : t('flags.didSet', { rule: flagRuleWord(t, to) });
  return html`<span data-actor="${row.actor}">${whoDid(row.actor, names)}</span>, ${fmtTime(row.createdAt, l.locale)}: ${what}`;
}

function flagSection(
  l: PageLocals,
  v: FlagView,
  last: AuditRow | undefined,
  names: Map<number, string>,
): Html {
  const { t } = l;
  const action = `${BASE}${FLAGS_PAGE}/${v.key}`;
  const current = /^(\d{1,2})%$/.exec(v.rule)?.[1] ?? '';
  const inputId = `percent-${v.key}`;
  return html`<section class="flag" data-flag="${v.key}" aria-labelledby="flag-${v.key}">
<h2 id="flag-${v.key}"><code>${v.key}</code></h2>
<p>${flagInfo(t, v.key, v.description)}</p>
${v.conversation ? '' : html`<p class="muted">${t('flags.noKey')}</p>`}
<dl class="facts">
  <dt>${t('flags.rule')}</dt><dd data-rule="${v.rule}"><strong>${flagRuleWord(t, v.rule)}</strong></dd>
  <dt>${t('flags.source')}</dt><dd data-source="${v.source}">${v.source === 'redis' ? t('flags.fromRedis') : t('flags.fromEnvironment')}</dd>
  <dt>${t('flags.environment')}</dt><dd data-environment="${v.environment}">${flagRuleWord(t, v.environment)}</dd>
  <dt>${t('flags.lastChange')}</dt><dd>${lastChange(l, last, names)}</dd>
</dl>
<div class="actions" role="group" aria-label="${t('flags.change')}: ${v.key}">
  <form class="inline" method="post" action="${action}">${csrfField(l)}<button type="submit" name="action" value="on">${t('flags.turnOn')}</button> <button type="submit" name="action" value="off" class="secondary">${t('flags.turnOff')}</button></form>
  <form class="percent" method="post" action="${action}">${csrfField(l)}<input type="hidden" name="action" value="percent">
    <label for="${inputId}">${t('flags.percentLabel')}</label>
    <input id="${inputId}" name="percent" type="number" min="0" max="100" step="1" inputmode="numeric" required value="${current}">
    <button type="submit">${t('flags.applyPercent')}</button></form>
  ${v.source === 'redis' ? html`<form class="inline" method="post" action="${action}">${csrfField(l)}<button type="submit" name="action" value="clear" class="secondary">${t('flags.clear')}</button></form>` : ''}
</div>
</section>`;
}

async function renderFlags(
  deps: ConsoleDeps,
  res: Response,
  flash: Flash | null,
  status = 200,
): Promise<void> {
  const l = locals(res);
  const { t } = l;
  const [views, operators] = await Promise.all([deps.flags.list(), listOperators(deps.knex)]);
  const audits = await Promise.all(
    views.map((v) => listAudit(deps.knex, { entity: 'flag', entityId: v.key, limit: 1 })),
  );
  const names = new Map(operators.map((o) => [o.id, o.displayName]));
  // What the console gate will see (no targeting key: a partial rollout is off).
  const consoleView = views.find((v) => v.key === 'console');
  const consoleOff = consoleView
    ? !ruleIsOn(parseFlagRule(consoleView.rule) ?? ruleOf(true), 'console', undefined)
    : false;
  res
    .status(status)
    .type('html')
    .send(
      page(
        l,
        { title: t('flags.title'), current: FLAGS_PAGE, flash },
        html`${consoleOff ? html`<p class="notice error" data-console-off>${t('flags.consoleIsOff')}</p>` : ''}
<p>${t('flags.intro')}</p>
${views.map((v, i) => flagSection(l, v, audits[i]?.[0], names))}`,
      ),
    );
}

export function flagRoutes(deps: ConsoleDeps): Router {
  const r = Router();
  r.use(FLAGS_PAGE, requireAdmin);

  r.get(FLAGS_PAGE, async (req, res) => {
    await renderFlags(deps, res, flashOf(req, locals(res).t));
  });

  r.post(`${FLAGS_PAGE}/:key`, async (req: Request, res: Response) => {
    const l = locals(res);
    const { t } = l;
    const key = String(req.params.key);
    if (!isFlagKey(key)) {
      await renderFlags(
        deps,
        res,
        { kind: 'error', text: t('flags.unknown', { flag: key.slice(0, 60) }) },
        404,
      );
      return;
    }
    const change = changeOf((req.body ?? {}) as Record<string, unknown>);
    if (change.kind === 'refused') {
      await renderFlags(deps, res, { kind: 'error', text: t(change.problem) }, 400);
      return;
    }
    const flag: FlagKey = key;
    const actor = actorOf(l.session!);
    let params: Record<string, string>;
    if (change.kind === 'set') {
      const view = await deps.flags.set(flag, change.rule, actor);
      params = { flash: 'flagSet', flag, rule: view.rule };
    } else {
      const { flag: view, cleared } = await deps.flags.clear(flag, actor);
      params = cleared
        ? { flash: 'flagCleared', flag, rule: view.rule }
        : { flash: 'flagUnchanged', flag };
    }
    res.redirect(303, `${BASE}${FLAGS_PAGE}?${new URLSearchParams(params).toString()}`);
  });

  return r;
}
