/**
 * The console's guards: cookies (HttpOnly, SameSite=Strict, Secure behind https), the session
 * check on every page and action, CSRF tokens on every form (the session's token; the sign-in form
 * uses a double-submit cookie), roles, and the language of the page.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ConsoleSession, SessionStore } from './sessions';
import { newToken } from './sessions';
import { translator, type ConsoleLocale, type Translate } from './i18n';

export const COOKIE = { session: 'ubc_sid', loginCsrf: 'ubc_lcsrf', lang: 'ubc_lang' } as const;
export const BASE = '/console';

export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(value);
    } catch {
      out[name] = value;
    }
  }
  return out;
}

export function setCookie(
  req: Request,
  res: Response,
  name: string,
  value: string,
  opts: { maxAgeS?: number; httpOnly?: boolean } = {},
): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${BASE}`, 'SameSite=Strict'];
  if (opts.httpOnly !== false) parts.push('HttpOnly');
  if (req.secure) parts.push('Secure');
  if (opts.maxAgeS !== undefined) parts.push(`Max-Age=${opts.maxAgeS}`);
  res.append('Set-Cookie', parts.join('; '));
}

export function clearCookie(req: Request, res: Response, name: string): void {
  setCookie(req, res, name, '', { maxAgeS: 0 });
}

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Per request: language, translator; pages read them from res.locals. */
export interface PageLocals {
  locale: ConsoleLocale;
  t: Translate;
  session?: ConsoleSession;
  /** This page's path and query (the language switch comes back here). */
  here: string;
}

/** A path of the console to come back to (no other site, no protocol-relative URL). */
export function safeBack(value: unknown): string {
  return typeof value === 'string' &&
    value.startsWith(`${BASE}`) &&
    !value.startsWith('//') &&
    !/[\r\n\\]/.test(value) &&
    value.length < 500
    ? value
    : BASE;
}

export function locals(res: Response): PageLocals {
  return res.locals as PageLocals;
}

export function language(req: Request, res: Response, next: NextFunction): void {
  const cookie = readCookies(req)[COOKIE.lang];
  const locale: ConsoleLocale =
    cookie === 'en' || cookie === 'es'
      ? cookie
      : /^en\b/i.test(req.get('accept-language') ?? '')
        ? 'en'
        : 'es';
  res.locals.locale = locale;
  res.locals.t = translator(locale);
  res.locals.here = req.method === 'GET' ? req.originalUrl : BASE;
  next();
}

/** Every route after this one needs a session: pages redirect to the sign-in, actions get 401. */
export function requireSession(sessions: SessionStore) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const id = readCookies(req)[COOKIE.session];
    const session = id ? await sessions.get(id) : null;
    if (!session) {
      if (req.method === 'GET' || req.method === 'HEAD') res.redirect(303, `${BASE}/login`);
      else res.status(401).type('text/plain').send('sign in first');
      return;
    }
    res.locals.session = session;
    res.set('Cache-Control', 'no-store');
    next();
  };
}

/** State-changing requests carry the session's CSRF token (`_csrf` field or X-CSRF-Token header). */
export function requireCsrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const session = locals(res).session;
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  if (!session || typeof sent !== 'string' || !sameToken(sent, session.csrf)) {
    res.status(403).type('text/plain').send('invalid or missing CSRF token');
    return;
  }
  next();
}

export function requireAdmin(_req: Request, res: Response, next: NextFunction): void {
  if (locals(res).session?.role !== 'admin') {
    res.status(403).type('text/plain').send(locals(res).t('common.forbidden'));
    return;
  }
  next();
}

/** The sign-in form's double-submit token (there is no session yet). */
export function loginCsrfToken(req: Request, res: Response): string {
  const existing = readCookies(req)[COOKIE.loginCsrf];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(req, res, COOKIE.loginCsrf, token, { maxAgeS: 3600 });
  return token;
}

/** Who did it, for audit rows. */
export const actorOf = (session: ConsoleSession): string => `operator:${session.operatorId}`;
