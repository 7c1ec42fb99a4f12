/**
 * Ids of the buttons and list rows the bot sends; they come back verbatim when tapped
 * (also as template quick-reply payloads). Entity ids inside them (offer, request …) are only
 * hints: what a tap does is always decided again by an operation, never by the id alone.
 */
import type { Locale } from './locale-types';

export type Tap =
  | { kind: 'menu.open' }
  | { kind: 'menu.new' }
  /** "Pedir otro aparte": the request the menu holds (`want`), after all. */
  | { kind: 'want.go' }
  | { kind: 'menu.repeat' }
  | { kind: 'menu.mine' }
  | { kind: 'menu.provider' }
  | { kind: 'menu.stats' }
  | { kind: 'menu.jobs' }
  | { kind: 'problem.done' }
  | { kind: 'problem.skip' }
  | { kind: 'place.yes' }
  | { kind: 'place.no' }
  | { kind: 'done.yes'; requestId: number }
  | { kind: 'done.no'; requestId: number }
  | { kind: 'menu.help' }
  | { kind: 'lang.set'; locale: Locale }
  | { kind: 'prov.online' }
  | { kind: 'prov.offline' }
  | { kind: 'name.profile' }
  | { kind: 'svc.pick'; serviceId: number }
  | { kind: 'svc.page'; page: number }
  | { kind: 'pick.provider'; providerUserId: number }
  | { kind: 'pick.auto' }
  | { kind: 'detail.book'; providerUserId: number }
  | { kind: 'detail.back' }
  | { kind: 'offer.accept'; offerId: number }
  | { kind: 'offer.decline'; offerId: number }
  | { kind: 'job.done'; requestId: number }
  /** The provider can no longer go: give the job back (after "¿Seguro?"), or keep it. */
  | { kind: 'job.drop'; requestId: number }
  | { kind: 'job.keep'; requestId: number }
  | { kind: 'req.show'; requestId: number }
  | { kind: 'req.cancel'; requestId: number }
  | { kind: 'req.retry'; requestId: number }
  /** Offers that respect people: look for another provider than the one chosen; cancel an accepted job with a reason (1-based index of CANCEL_REASONS) or keep it. */
  | { kind: 'req.replace'; requestId: number }
  /** The customer asked for someone else than the provider holding their request (after "¿Busco a otro?"). */
  | { kind: 'req.change'; requestId: number }
  | { kind: 'req.why'; requestId: number; reason: number }
  | { kind: 'req.keep'; requestId: number }
  /** Visit fee: none / to be agreed (registration and later edits); the provider menu's entry to change it. */
  | { kind: 'fee.free' }
  | { kind: 'fee.agree' }
  | { kind: 'menu.fee' }
  /** The customer answers a provider's "done" that came too soon after accepting. */
  | { kind: 'job.confirm'; requestId: number }
  /** The customer said "ya quedó" before the provider did: "Sí, ya terminó" closes it, or not yet. */
  | { kind: 'job.close'; requestId: number }
  | { kind: 'job.open'; requestId: number }
  | { kind: 'job.notYet'; requestId: number }
  | { kind: 'rate.stars'; requestId: number; stars: number }
  | { kind: 'rate.skip'; requestId: number }
  | { kind: 'pname.same' }
  | { kind: 'psvc.toggle'; serviceId: number }
  | { kind: 'psvc.page'; page: number }
  | { kind: 'psvc.done' }
  | { kind: 'radius'; km: number }
  /* ---- human help and privacy (flows/care.ts) ---- */
  | { kind: 'menu.human' }
  | { kind: 'care.appeal' }
  | { kind: 'care.eraseYes' }
  | { kind: 'care.eraseNo' }
  /** "Mi perfil de proveedor": change the services, the base or the radius. */
  | { kind: 'prof.services' }
  | { kind: 'prof.base' }
  | { kind: 'prof.radius' }
  /** Out of coverage: "let me know when you arrive", for the ~1 km cell of the place asked about. */
  | { kind: 'waitlist.join'; latCell: number; lngCell: number };

export type TapKind = Tap['kind'];

/** Every tap kind with its id layout: the fixed prefix, then integer arguments in order. */
const LAYOUT: {
  [K in TapKind]: {
    prefix: string;
    args: readonly Exclude<keyof Extract<Tap, { kind: K }>, 'kind'>[];
  };
} = {
  'menu.open': { prefix: 'menu:open', args: [] },
  'menu.new': { prefix: 'menu:new', args: [] },
  'want.go': { prefix: 'want:go', args: [] },
  'menu.repeat': { prefix: 'menu:repeat', args: [] },
  'menu.mine': { prefix: 'menu:mine', args: [] },
  'menu.provider': { prefix: 'menu:provider', args: [] },
  'menu.stats': { prefix: 'menu:stats', args: [] },
  'menu.jobs': { prefix: 'menu:jobs', args: [] },
  'problem.done': { prefix: 'problem:done', args: [] },
  'problem.skip': { prefix: 'problem:skip', args: [] },
  'place.yes': { prefix: 'place:yes', args: [] },
  'place.no': { prefix: 'place:no', args: [] },
  'done.yes': { prefix: 'done:yes', args: ['requestId'] },
  'done.no': { prefix: 'done:no', args: ['requestId'] },
  'menu.help': { prefix: 'menu:help', args: [] },
  'lang.set': { prefix: 'lang', args: ['locale'] },
  'prov.online': { prefix: 'prov:online', args: [] },
  'prov.offline': { prefix: 'prov:offline', args: [] },
  'name.profile': { prefix: 'name:profile', args: [] },
  'svc.pick': { prefix: 'svc', args: ['serviceId'] },
  'svc.page': { prefix: 'svc:page', args: ['page'] },
  'pick.provider': { prefix: 'pick', args: ['providerUserId'] },
  'pick.auto': { prefix: 'pick:auto', args: [] },
  'detail.book': { prefix: 'book', args: ['providerUserId'] },
  'detail.back': { prefix: 'back', args: [] },
  'offer.accept': { prefix: 'offer:accept', args: ['offerId'] },
  'offer.decline': { prefix: 'offer:decline', args: ['offerId'] },
  'job.done': { prefix: 'job:done', args: ['requestId'] },
  'job.drop': { prefix: 'job:drop', args: ['requestId'] },
  'job.keep': { prefix: 'job:keep', args: ['requestId'] },
  'req.show': { prefix: 'req:show', args: ['requestId'] },
  'req.cancel': { prefix: 'req:cancel', args: ['requestId'] },
  'req.retry': { prefix: 'req:retry', args: ['requestId'] },
  'req.replace': { prefix: 'req:replace', args: ['requestId'] },
  'req.change': { prefix: 'req:change', args: ['requestId'] },
  'req.why': { prefix: 'req:why', args: ['requestId', 'reason'] },
  'req.keep': { prefix: 'req:keep', args: ['requestId'] },
  'fee.free': { prefix: 'fee:free', args: [] },
  'fee.agree': { prefix: 'fee:agree', args: [] },
  'menu.fee': { prefix: 'menu:fee', args: [] },
  'job.confirm': { prefix: 'job:confirm', args: ['requestId'] },
  'job.close': { prefix: 'job:close', args: ['requestId'] },
  'job.open': { prefix: 'job:open', args: ['requestId'] },
  'job.notYet': { prefix: 'job:notyet', args: ['requestId'] },
  'rate.stars': { prefix: 'rate', args: ['requestId', 'stars'] },
  'rate.skip': { prefix: 'rate:skip', args: ['requestId'] },
  'pname.same': { prefix: 'pname:same', args: [] },
  'psvc.toggle': { prefix: 'psvc', args: ['serviceId'] },
  'psvc.page': { prefix: 'psvc:page', args: ['page'] },
  'psvc.done': { prefix: 'psvc:done', args: [] },
  radius: { prefix: 'radius', args: ['km'] },
  'menu.human': { prefix: 'menu:human', args: [] },
  'care.appeal': { prefix: 'care:appeal', args: [] },
  'care.eraseYes': { prefix: 'care:erase:yes', args: [] },
  'care.eraseNo': { prefix: 'care:erase:no', args: [] },
  'prof.services': { prefix: 'prof:services', args: [] },
  'prof.base': { prefix: 'prof:base', args: [] },
  'prof.radius': { prefix: 'prof:radius', args: [] },
  'waitlist.join': { prefix: 'wait', args: ['latCell', 'lngCell'] },
};

/**
 * A point as two non-negative integers (ids carry digits only): hundredths of a degree, offset
 * so the whole globe is positive. ~1 km, enough to know the city, not the house.
 */
export function areaCell(lat: number, lng: number): { latCell: number; lngCell: number } {
  const clamp = (v: number, lim: number): number => Math.min(lim, Math.max(-lim, v));
  return {
    latCell: Math.round((clamp(lat, 90) + 90) * 100),
    lngCell: Math.round((clamp(lng, 180) + 180) * 100),
  };
}

export function cellCentre(cell: { latCell: number; lngCell: number }): {
  lat: number;
  lng: number;
} {
  return { lat: cell.latCell / 100 - 90, lng: cell.lngCell / 100 - 180 };
}

/** Build the id of a tap. */
export function tapId(tap: Tap): string {
  const layout = LAYOUT[tap.kind];
  const values = (layout.args as readonly string[]).map((a) =>
    String((tap as unknown as Record<string, unknown>)[a]),
  );
  return [layout.prefix, ...values].join(':');
}

const ENTRIES = Object.entries(LAYOUT) as [TapKind, { prefix: string; args: readonly string[] }][];

/** Parse a tapped id; null for ids this bot never sends (or malformed ones). */
export function parseTap(id: string): Tap | null {
  const trimmed = id.trim();
  for (const [kind, { prefix, args }] of ENTRIES) {
    if (!trimmed.startsWith(prefix)) continue;
    const rest = trimmed.slice(prefix.length);
    const parts = rest === '' ? [] : rest.startsWith(':') ? rest.slice(1).split(':') : null;
    if (parts === null || parts.length !== args.length) continue;
    const tap: Record<string, unknown> = { kind };
    let valid = true;
    args.forEach((arg, i) => {
      const raw = parts[i] as string;
      if (arg === 'locale') {
        if (raw === 'es' || raw === 'en') tap[arg] = raw;
        else valid = false;
      } else if (/^\d{1,15}$/.test(raw)) tap[arg] = Number(raw);
      else valid = false;
    });
    if (valid) return tap as Tap;
  }
  return null;
}
