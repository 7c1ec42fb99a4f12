/**
 * Load generator for the benchmarks, run as its own process (`node --import tsx loadgen.ts`)
 * so it never shares an event loop with what it measures. Config comes as JSON in
 * BENCH_LOADGEN_CONFIG; the result is printed as one line `@@RESULT <json>`.
 *
 * Modes (every request is a signed inbound webhook with a fresh wamid, many distinct phones):
 *   closed  fixed concurrency for a fixed duration: throughput + ack latency;
 *   open    fixed arrival rate (open loop; latency counted from the scheduled start, so a stalled
 *           server cannot hide queueing — no coordinated omission);
 *   turns   conversation turns: POST the webhook, then wait for the bot's reply to that phone at
 *           the fake Cloud API (polled from /__fake/received; latency = the fake's arrival time of
 *           the reply − the send time here). Closed loop with `vus` conversations, or open loop
 *           at `rate` turns/s.
 * A warm-up (not measured) precedes the measured window.
 */
import { performance } from 'node:perf_hooks';
import { waIdForNumber } from '../../backend/src/shared/phone';
import { HttpPool, type HttpResult } from './http-client';
import { Samples, type LatencySummary } from './stats';
import { WebhookFactory, benchPhone, bsuidFor } from './webhook-body';

interface Common {
  url: string;
  path?: string;
  appSecret: string;
  warmupMs: number;
  durationMs: number;
  /** Added to every phone number, so runs and phases do not share conversations. */
  phoneOffset: number;
}
export type LoadgenConfig =
  | (Common & { mode: 'closed'; concurrency: number; phones: number })
  | (Common & { mode: 'open'; rate: number; maxConnections: number; phones: number })
  | (Common & {
      mode: 'turns';
      fakeUrl: string;
      /** Closed loop: conversations in flight. */
      vus?: number;
      /** Open loop: turns started per second (instead of vus). */
      rate?: number;
      /** Phones each VU rotates through (closed) / phones in the pool (open). */
      phones: number;
      maxConnections: number;
      turnTimeoutMs: number;
      pollMs: number;
      texts: string[];
      /**
       * Realistic mix: this share of the turns (0–1) are first contacts — a phone never seen
       * before says `firstContactText` (a new user: row created, the name asked) — and the rest
       * are in-session turns of the `texts` conversations. 0 or unset: only `texts`.
       */
      firstContactShare?: number;
      firstContactText?: string;
    });

export interface LoadgenResult {
  mode: LoadgenConfig['mode'];
  measuredSeconds: number;
  /** Requests completed in the measured window (any status). */
  requests: number;
  rps: number;
  /** Webhook answer latency (ms). */
  ack: LatencySummary;
  statuses: Record<string, number>;
  /** Socket errors (refused, reset…). */
  errors: number;
  errorSamples: string[];
  /** open mode: requests still queued for a connection when the window ended. */
  backlog?: number;
  /** CPU used by the load generator itself over the whole run, % of one core. */
  loadgenCpuPct?: number;
  turns?: {
    /** Replies that arrived at the fake inside the measured window. */
    completed: number;
    perSecond: number;
    /** Inbound sent → reply arrived at the fake (ms). */
    latency: LatencySummary;
    timeouts: number;
    /** Records read from the fake during the run. */
    fakeRecords: number;
    /** Realistic mix: the first contacts and the in-session turns apart. */
    byKind?: Record<'firstContact' | 'inSession', { completed: number; latency: LatencySummary }>;
  };
}

const now = (): number => performance.now();
const epochNow = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

class Tally {
  readonly ack = new Samples();
  readonly statuses: Record<string, number> = {};
  errors = 0;
  readonly errorSamples: string[] = [];
  requests = 0;

  ok(r: HttpResult, ms: number, measured: boolean): void {
    if (!measured) return;
    this.requests++;
    this.ack.add(ms);
    this.statuses[r.status] = (this.statuses[r.status] ?? 0) + 1;
    if (r.status >= 400 && this.errorSamples.length < 5)
      this.errorSamples.push(`HTTP ${r.status}: ${r.body.toString().slice(0, 120)}`);
  }

  fail(err: Error, measured: boolean): void {
    if (!measured) return;
    this.errors++;
    if (this.errorSamples.length < 5) this.errorSamples.push(err.message);
  }
}

function requestFor(
  pool: HttpPool,
  path: string,
  factory: WebhookFactory,
  phone: string,
  text: string,
): Buffer {
  const { body, signature } = factory.text(phone, text);
  return pool.post(path, body, {
    'Content-Type': 'application/json',
    'User-Agent': 'facebookexternalua',
    'X-Hub-Signature-256': signature,
  });
}

async function closed(cfg: Extract<LoadgenConfig, { mode: 'closed' }>): Promise<LoadgenResult> {
  const pool = new HttpPool(cfg.url, cfg.concurrency);
  const factory = new WebhookFactory(cfg.appSecret);
  const tally = new Tally();
  const start = now();
  const measureFrom = start + cfg.warmupMs;
  const end = measureFrom + cfg.durationMs;
  let n = 0;
  const loop = async () => {
    while (now() < end) {
      const phone = benchPhone(n++ % cfg.phones, cfg.phoneOffset);
      const bytes = requestFor(pool, cfg.path ?? '/webhook', factory, phone, 'hola');
      const t0 = now();
      try {
        const r = await pool.request(bytes);
        const t1 = now();
        tally.ok(r, t1 - t0, t0 >= measureFrom && t1 <= end);
      } catch (err) {
        tally.fail(err as Error, t0 >= measureFrom);
        await sleep(10);
      }
    }
  };
  await Promise.all(Array.from({ length: cfg.concurrency }, loop));
  pool.close();
  return result('closed', cfg.durationMs, tally);
}

async function open(cfg: Extract<LoadgenConfig, { mode: 'open' }>): Promise<LoadgenResult> {
  const pool = new HttpPool(cfg.url, cfg.maxConnections);
  const factory = new WebhookFactory(cfg.appSecret);
  const tally = new Tally();
  const start = now();
  const measureFrom = start + cfg.warmupMs;
  const end = measureFrom + cfg.durationMs;
  const interval = 1000 / cfg.rate;
  let sent = 0;
  const inflight = new Set<Promise<void>>();
  let backlog = 0;
  await schedule(start, end, interval, (scheduled) => {
    // Latency counts from the scheduled time, not from when the request could be sent.
    const phone = benchPhone(sent++ % cfg.phones, cfg.phoneOffset);
    const bytes = requestFor(pool, cfg.path ?? '/webhook', factory, phone, 'hola');
    const p = pool
      .request(bytes)
      .then(
        (r) => {
          const t1 = now();
          tally.ok(r, t1 - scheduled, scheduled >= measureFrom && scheduled < end);
        },
        (err: Error) => tally.fail(err, scheduled >= measureFrom),
      )
      .finally(() => inflight.delete(p));
    inflight.add(p);
  });
  backlog = pool.queued;
  // Let the last requests finish (bounded).
  await Promise.race([Promise.all(inflight), sleep(5000)]);
  pool.close();
  return { ...result('open', cfg.durationMs, tally), backlog };
}

/**
 * Open-loop arrivals: calls `fire(scheduledTime)` for every arrival at `start + k * interval`
 * until `end`, sleeping until the next one is due (several at once if the event loop was late).
 */
function schedule(
  start: number,
  end: number,
  interval: number,
  fire: (scheduled: number) => void,
): Promise<void> {
  let k = 0;
  return new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      while (start + k * interval <= Math.min(t, end)) fire(start + k++ * interval);
      const due = start + k * interval;
      if (due > end) return resolve();
      setTimeout(tick, Math.max(0, due - now()));
    };
    tick();
  });
}

interface Waiter {
  sentAt: number;
  resolve: (arrivedAt: number) => void;
}

async function turns(cfg: Extract<LoadgenConfig, { mode: 'turns' }>): Promise<LoadgenResult> {
  const pool = new HttpPool(cfg.url, cfg.maxConnections);
  const factory = new WebhookFactory(cfg.appSecret);
  const tally = new Tally();
  const latency = new Samples();
  const waiting = new Map<string, Waiter>();
  const byBsuid = new Map<string, string>();
  let timeouts = 0;
  let completed = 0;
  let fakeRecords = 0;
  const start = now();
  const measureFrom = start + cfg.warmupMs;
  const end = measureFrom + cfg.durationMs;
  const measureFromEpoch = performance.timeOrigin + measureFrom;
  const endEpoch = performance.timeOrigin + end;

  // Skip what the fake recorded before this run.
  const fetchSince = async (since: number) => {
    const res = await fetch(`${cfg.fakeUrl}/__fake/received?since=${since}&brief=1`);
    return (
      (await res.json()) as { messages: { seq: number; at: number; kind: string; to?: string }[] }
    ).messages;
  };
  let since = (await fetchSince(0)).reduce((m, r) => Math.max(m, r.seq), 0);
  let polling = true;
  const poller = (async () => {
    while (polling) {
      try {
        const records = await fetchSince(since);
        for (const m of records) {
          since = Math.max(since, m.seq);
          fakeRecords++;
          if (m.kind !== 'message' || m.to === undefined) continue;
          const phone = byBsuid.get(m.to) ?? waIdForNumber(m.to);
          const w = waiting.get(phone);
          if (w && m.at >= Math.floor(w.sentAt)) {
            waiting.delete(phone);
            w.resolve(m.at);
          }
        }
      } catch {
        // the fake is busy or restarting: try again
      }
      await sleep(cfg.pollMs);
    }
  })();

  const turnCount = new Map<string, number>();
  const share = Math.min(1, Math.max(0, cfg.firstContactShare ?? 0));
  const kinds = {
    firstContact: { completed: 0, latency: new Samples() },
    inSession: { completed: 0, latency: new Samples() },
  };
  /** Phones never used before, for first contacts (far from every phone of `phoneAt`). */
  let freshCount = 0;
  const freshPhone = () => {
    const phone = benchPhone(50_000_000 + freshCount++, cfg.phoneOffset);
    byBsuid.set(bsuidFor(phone), phone);
    return phone;
  };
  /** Turn n (0-based) of the stream is a first contact when the share's running total steps up. */
  let arrivals = 0;
  const nextIsFirstContact = () => {
    const n = arrivals++;
    return share > 0 && Math.floor((n + 1) * share) > Math.floor(n * share);
  };
  /** One turn for `phone`; resolves when the reply arrived or the turn timed out. */
  const turn = async (
    phone: string,
    scheduledEpoch?: number,
    firstContact = false,
  ): Promise<void> => {
    const k = turnCount.get(phone) ?? 0;
    turnCount.set(phone, k + 1);
    const text = firstContact
      ? (cfg.firstContactText ?? 'hola')
      : (cfg.texts[k % cfg.texts.length] ?? 'hola');
    const kind = firstContact ? kinds.firstContact : kinds.inSession;
    const bytes = requestFor(pool, cfg.path ?? '/webhook', factory, phone, text);
    const sentAt = scheduledEpoch ?? epochNow();
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<number | null>((resolve) => {
      waiting.set(phone, { sentAt, resolve });
      timer = setTimeout(() => resolve(null), cfg.turnTimeoutMs);
    });
    const t0 = now();
    const measured = sentAt >= measureFromEpoch && sentAt < endEpoch;
    try {
      const r = await pool.request(bytes);
      tally.ok(r, now() - t0, measured);
      if (r.status !== 200) {
        waiting.delete(phone);
        clearTimeout(timer);
        await sleep(10);
        return;
      }
    } catch (err) {
      waiting.delete(phone);
      clearTimeout(timer);
      tally.fail(err as Error, measured);
      await sleep(10);
      return;
    }
    const arrivedAt = await reply;
    clearTimeout(timer);
    if (arrivedAt === null) {
      waiting.delete(phone);
      if (measured) timeouts++;
      return;
    }
    // Throughput: replies that arrived inside the window (whenever their turn started), so a
    // window edge does not cut off turns in flight. Latency: turns started inside the window.
    if (arrivedAt >= measureFromEpoch && arrivedAt <= endEpoch) {
      completed++;
      kind.completed++;
    }
    if (measured) {
      latency.add(Math.max(0, arrivedAt - sentAt));
      kind.latency.add(Math.max(0, arrivedAt - sentAt));
    }
  };

  const phoneAt = (i: number) => {
    const phone = benchPhone(i, cfg.phoneOffset);
    byBsuid.set(bsuidFor(phone), phone);
    return phone;
  };

  if (cfg.rate === undefined) {
    const vus = cfg.vus ?? 64;
    const phones = Array.from({ length: vus }, (_, v) =>
      Array.from({ length: cfg.phones }, (_, k) => phoneAt(v * cfg.phones + k)),
    );
    await Promise.all(
      phones.map(async (mine) => {
        let k = 0;
        // With a mix, a conversation first registers (its first two turns), then takes its
        // share of first contacts among its in-session turns.
        while (now() < end) {
          if (k >= 2 && nextIsFirstContact()) await turn(freshPhone(), undefined, true);
          else await turn(mine[k++ % mine.length]!);
        }
      }),
    );
  } else {
    const pool_ = Array.from({ length: cfg.phones }, (_, i) => phoneAt(i));
    const interval = 1000 / cfg.rate;
    const inflight = new Set<Promise<void>>();
    let next = 0;
    let skipped = 0;
    await schedule(start, end, interval, (scheduled) => {
      if (scheduled >= measureFrom && nextIsFirstContact()) {
        const p = turn(freshPhone(), performance.timeOrigin + scheduled, true).finally(() =>
          inflight.delete(p),
        );
        inflight.add(p);
        return;
      }
      // A phone still waiting for its previous reply is skipped, so replies stay unambiguous.
      let phone = pool_[next++ % pool_.length]!;
      for (let tries = 0; waiting.has(phone) && tries < pool_.length; tries++)
        phone = pool_[next++ % pool_.length]!;
      if (waiting.has(phone)) {
        skipped++;
        return;
      }
      const p = turn(phone, performance.timeOrigin + scheduled).finally(() => inflight.delete(p));
      inflight.add(p);
    });
    await Promise.race([Promise.all(inflight), sleep(cfg.turnTimeoutMs + 1000)]);
    if (skipped > 0)
      tally.errorSamples.push(
        `${skipped} turns skipped: every phone was still waiting for a reply`,
      );
  }
  polling = false;
  await poller;
  pool.close();
  return {
    ...result('turns', cfg.durationMs, tally),
    turns: {
      completed,
      perSecond: round(completed / (cfg.durationMs / 1000)),
      latency: latency.summary(),
      timeouts,
      fakeRecords,
      ...(share > 0
        ? {
            byKind: {
              firstContact: {
                completed: kinds.firstContact.completed,
                latency: kinds.firstContact.latency.summary(),
              },
              inSession: {
                completed: kinds.inSession.completed,
                latency: kinds.inSession.latency.summary(),
              },
            },
          }
        : {}),
    },
  };
}

const round = (x: number) => Math.round(x * 10) / 10;

function result(mode: LoadgenConfig['mode'], durationMs: number, tally: Tally): LoadgenResult {
  const seconds = durationMs / 1000;
  return {
    mode,
    measuredSeconds: seconds,
    requests: tally.requests,
    rps: round(tally.requests / seconds),
    ack: tally.ack.summary(),
    statuses: tally.statuses,
    errors: tally.errors,
    errorSamples: tally.errorSamples,
  };
}

export async function runLoadgen(cfg: LoadgenConfig): Promise<LoadgenResult> {
  switch (cfg.mode) {
    case 'closed':
      return closed(cfg);
    case 'open':
      return open(cfg);
    case 'turns':
      return turns(cfg);
  }
}

if (require.main === module) {
  const raw = process.env.BENCH_LOADGEN_CONFIG;
  if (!raw) {
    console.error('BENCH_LOADGEN_CONFIG (JSON) is required');
    process.exit(2);
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  runLoadgen(JSON.parse(raw) as LoadgenConfig).then(
    (r) => {
      const used = process.cpuUsage(cpu0);
      r.loadgenCpuPct =
        Math.round(((used.user + used.system) / 1000 / (performance.now() - t0)) * 1000) / 10;
      process.stdout.write(`@@RESULT ${JSON.stringify(r)}\n`);
      process.exit(0);
    },
    (err: Error) => {
      console.error(`loadgen failed: ${err.stack ?? err.message}`);
      process.exit(1);
    },
  );
}
