/**
 * Tags of `call` commands: which continuation handles the result, plus the ids it needs when
 * the operation fails (a failed result carries no output). Format `name[:int[:int]]`.
 */
export type TagName =
  | 'session.load'
  | 'name.save'
  | 'locale.save'
  | 'services.customer'
  | 'services.provider'
  | 'requests.list'
  | 'requests.status'
  | 'requests.cancel'
  | 'requests.replace'
  | 'requests.before'
  | 'jobs.list'
  | 'jobs.progress'
  | 'jobs.done'
  | 'jobs.drop'
  | 'job.drop'
  | 'job.pin'
  | 'offer.typedWay'
  | 'offer.media'
  | 'rate.reminder'
  | 'job.reopen'
  | 'media.save'
  | 'media.early'
  | 'name.change'
  | 'geocode'
  | 'candidates'
  | 'detail'
  | 'request.create'
  | 'offer.next'
  | 'offer.replace'
  | 'offer.expire'
  | 'offer.answer'
  | 'offer.typed'
  | 'offer.typedYes'
  | 'offer.typedNo'
  | 'job.typed'
  | 'job.typedYes'
  | 'request.cancel'
  | 'request.replace'
  | 'request.retry'
  | 'job.complete'
  | 'rate.stars'
  | 'rate.comment'
  | 'provider.register'
  | 'provider.online'
  | 'provider.stats'
  | 'handoff.open'
  | 'handoff.appeal'
  | 'handoff.timeout'
  | 'care.optOut'
  | 'care.optIn'
  | 'care.erase'
  | 'waitlist.join'
  | 'provider.fee'
  | 'job.confirm'
  | 'provider.edit'
  | 'services.edit'
  | 'provider.update';

export function tag(name: TagName, ...args: number[]): string {
  return [name, ...args.map((a) => String(a))].join(':');
}

export function parseTag(raw: string | undefined): { name: string; args: number[] } {
  const [name = '', ...rest] = (raw ?? '').split(':');
  return { name, args: rest.map(Number).filter((n) => Number.isSafeInteger(n)) };
}
