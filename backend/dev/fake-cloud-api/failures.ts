/**
 * Switchable failures: the next N sends, or every send to one recipient, fail in a chosen way.
 */
import { waIdForNumber } from '../../src/shared/phone';
import { FAILURE_PRESETS, type FailurePreset, type MetaErrorSpec } from './meta-responses';

/** A preset name, or details; `async` answers 200 and posts a `failed` status webhook instead. */
export type FailureSpec =
  | FailurePreset
  | 'disconnect'
  | {
      preset?: FailurePreset | 'disconnect';
      httpStatus?: number;
      code?: number;
      message?: string;
      details?: string;
      /** Accept the send, then report the error as a `failed` status webhook (e.g. 131047 later). */
      async?: boolean;
      /** Which requests it hits: sends (default), mark-as-read, or both. */
      appliesTo?: 'send' | 'read' | 'any';
    };

export type ResolvedFailure =
  | { kind: 'disconnect'; appliesTo: 'send' | 'read' | 'any' }
  | { kind: 'error'; error: MetaErrorSpec; async: boolean; appliesTo: 'send' | 'read' | 'any' };

export function resolveFailure(spec: FailureSpec): ResolvedFailure {
  const s = typeof spec === 'string' ? { preset: spec } : spec;
  const appliesTo = s.appliesTo ?? 'send';
  if (s.preset === 'disconnect') return { kind: 'disconnect', appliesTo };
  const base: MetaErrorSpec = s.preset ? FAILURE_PRESETS[s.preset] : FAILURE_PRESETS.server;
  const error: MetaErrorSpec = {
    httpStatus: s.httpStatus ?? base.httpStatus,
    code: s.code ?? base.code,
    message: s.message ?? (s.code !== undefined && !s.preset ? `(#${s.code}) Error` : base.message),
    ...(s.details !== undefined
      ? { details: s.details }
      : base.details !== undefined
        ? { details: base.details }
        : {}),
  };
  return { kind: 'error', error, async: s.async ?? false, appliesTo };
}

export function isFailureSpec(value: unknown): value is FailureSpec {
  if (typeof value === 'string') return value === 'disconnect' || value in FAILURE_PRESETS;
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Recipients compare by canonical WhatsApp id, so `5215512345678` and `525512345678` match. */
const canonical = (to: string): string => waIdForNumber(to);

export class FailurePlan {
  private next: ResolvedFailure[] = [];
  private byRecipient = new Map<string, { failure: ResolvedFailure; remaining: number }>();

  failNext(count: number, spec: FailureSpec): void {
    const failure = resolveFailure(spec);
    for (let i = 0; i < count; i++) this.next.push(failure);
  }

  failFor(to: string, spec: FailureSpec, times = Number.POSITIVE_INFINITY): void {
    this.byRecipient.set(canonical(to), { failure: resolveFailure(spec), remaining: times });
  }

  clear(): void {
    this.next = [];
    this.byRecipient.clear();
  }

  /** The failure for this request, if any (consumed). */
  take(kind: 'send' | 'read', to: string | undefined): ResolvedFailure | undefined {
    const hits = (f: ResolvedFailure) => f.appliesTo === 'any' || f.appliesTo === kind;
    if (to !== undefined) {
      const key = canonical(to);
      const entry = this.byRecipient.get(key);
      if (entry && hits(entry.failure)) {
        entry.remaining -= 1;
        if (entry.remaining <= 0) this.byRecipient.delete(key);
        return entry.failure;
      }
    }
    const index = this.next.findIndex(hits);
    return index < 0 ? undefined : this.next.splice(index, 1)[0];
  }
}
