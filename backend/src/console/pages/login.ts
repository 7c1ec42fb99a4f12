/** Sign in and out. Failed attempts are limited per client IP and per user name. */
import { Router, type Request, type Response } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { findOperatorForLogin, recordOperatorLogin } from '../../db/operators';
import { writeAudit } from '../../db/audit-log';
import { html } from '../html';
import { page, type Flash } from '../layout';
import { dummyHash, verifyPassword } from '../passwords';
import {
  BASE,
  COOKIE,
  clearCookie,
  locals,
  loginCsrfToken,
  readCookies,
  safeBack,
  sameToken,
  setCookie,
} from '../security';
import type { ConsoleDeps } from '../deps';

function loginPage(req: Request, res: Response, flash: Flash | null, status = 200): void {
  const l = locals(res);
  const token = loginCsrfToken(req, res);
  res
    .status(status)
    .type('html')
    .send(
      page(
        l,
        { title: l.t('login.title'), flash },
        html`<form class="stack" method="post" action="${BASE}/login">
  <input type="hidden" name="_csrf" value="${token}">
  <label for="username">${l.t('login.username')}</label>
  <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" required maxlength="64">
  <label for="password">${l.t('login.password')}</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
  <p><button type="submit">${l.t('login.submit')}</button></p>
</form>`,
      ),
    );
}

async function limited(deps: ConsoleDeps, ip: string, username: string): Promise<boolean> {
  const [byIp, byUser] = await Promise.all([
    deps.loginLimits.ip.get(ip),
    deps.loginLimits.user.get(username),
  ]);
  const spent = (r: RateLimiterRes | null, max: number) => r !== null && r.consumedPoints >= max;
  return spent(byIp, deps.loginLimits.ip.points) || spent(byUser, deps.loginLimits.user.points);
}

export function loginRoutes(deps: ConsoleDeps): Router {
  const r = Router();

  r.get('/login', (req, res) => loginPage(req, res, null));

  r.post('/login', async (req, res) => {
    const l = locals(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const username =
      typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
    if (
      !sameToken(
        typeof body._csrf === 'string' ? body._csrf : undefined,
        readCookies(req)[COOKIE.loginCsrf],
      )
    ) {
      return loginPage(req, res, { kind: 'error', text: l.t('login.expired') }, 403);
    }
    const ip = req.ip ?? 'unknown';
    if (await limited(deps, ip, username)) {
      res.set('Retry-After', '900');
      return loginPage(req, res, { kind: 'error', text: l.t('login.limited') }, 429);
    }
    const operator = username ? await findOperatorForLogin(deps.knex, username) : null;
    const ok =
      operator && !operator.disabledAt
        ? await verifyPassword(password, operator.passwordHash)
        : (await verifyPassword(password, await dummyHash()), false);
    if (!ok || !operator) {
      await Promise.allSettled([
        deps.loginLimits.ip.penalty(ip, 1),
        deps.loginLimits.user.penalty(username || '-', 1),
      ]);
      deps.logger.warn({ event: 'console.login_failed' }, 'console sign-in failed');
      return loginPage(req, res, { kind: 'error', text: l.t('login.failed') }, 401);
    }
    // A fresh session id at every sign-in: a planted cookie never becomes a signed-in session.
    const old = readCookies(req)[COOKIE.session];
    if (old) await deps.sessions.destroy(old);
    const session = await deps.sessions.create({
      operatorId: operator.id,
      username: operator.username,
      displayName: operator.displayName,
      role: operator.role,
    });
    await Promise.allSettled([deps.loginLimits.user.delete(username)]);
    await recordOperatorLogin(deps.knex, operator.id, new Date());
    await writeAudit(deps.knex, {
      actor: `operator:${operator.id}`,
      action: 'console.login',
      entity: 'operator',
      entityId: operator.id,
    });
    setCookie(req, res, COOKIE.session, session.id);
    clearCookie(req, res, COOKIE.loginCsrf);
    res.redirect(303, `${BASE}`);
  });

  r.get('/lang/:locale', (req, res) => {
    const locale = req.params.locale === 'en' ? 'en' : 'es';
    setCookie(req, res, COOKIE.lang, locale, { maxAgeS: 365 * 24 * 3600 });
    res.redirect(303, safeBack(req.query.back));
  });

  return r;
}

/** Sign-out (after the session and CSRF checks). */
export function logoutRoute(deps: ConsoleDeps): Router {
  const r = Router();
  r.post('/logout', async (req, res) => {
    const session = locals(res).session;
    if (session) {
      await deps.sessions.destroy(session.id);
      await writeAudit(deps.knex, {
        actor: `operator:${session.operatorId}`,
        action: 'console.logout',
        entity: 'operator',
        entityId: session.operatorId,
      });
    }
    clearCookie(req, res, COOKIE.session);
    res.redirect(303, `${BASE}/login`);
  });
  return r;
}
