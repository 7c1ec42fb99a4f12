/**
 * A small Meta-like load driver for the fault tests (backend/tests/e2e/faults/).
 *
 * N distinct phones (`52155<run><index>`), each sending texts in sequence over signed webhooks,
 * every message with its own wamid. Like Meta, a delivery that does not get 200 (503, 5xx, 429,
 * connection refused/reset, timeout) is redelivered — the exact same bytes and signature — with
 * exponential backoff and jitter, rotating over the web processes like a load balancer would.
 * A phone sends its next message only once the previous one was acknowledged.
 *
 * What a reply is, exactly. Command ids are derived from the event id (`conversation/runner/drain.ts`):
 * the commands of inbound message `<wamid>` are `<wamid>#0` (mark-as-read, usually carried by the
 * first send's job; at a session start the user lookup, with the mark-as-read at `#1`), `<wamid>#1`, …; a
 * `call`'s result event is `<wamid>#i>r` and its commands `<wamid>#i>r#j`. The sender writes a
 * marker `<prefix>:sent:<command id>` = the wamid the Cloud API (the fake) gave the sent message
 * (`read` for mark-as-read). So the replies to message k are the messages the fake recorded
 * with status 200 whose id is the value of one of k's markers: an exact, per-message mapping
 * that works across processes and on Redis Cluster (plain GETs of known keys, no SCAN).
 *   replied    = acknowledged messages with at least one such reply
 *   lost       = acknowledged messages with none (after `settle`)
 *   duplicated = messages the fake accepted (200) for a load phone after the baseline that no
 *                marker points at: a command sent twice leaves one marker (the last send), so
 *                every extra copy shows up here
 *   processed  = acknowledged messages whose id is in the conversation's dedupe set (accepted by
 *                the intake) and no longer in its inbox (consumed by a commit, or dead-lettered)
 *   commits    = Σ state-version delta since the baseline: in the main menu one message = one
 *                commit, so commits == processed shows each message was applied exactly once
 *   order      = processing order: the worker writes the inbound message_log row (bigserial id)
 *                just before applying the event, under the conversation lock, after the previous
 *                message was committed; so for one phone, row ids in k order ⇔ processed in order.
 *                (Rows are best-effort — skipped while Postgres is down — so `orderChecked` says
 *                how many messages the check covered.)
 *   replyInversions = pairs of consecutive messages of one phone whose replies reached the fake
 *                in the opposite order (sends are independent jobs; informational, see
 *                docs/reliability.md).
 */
import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { inboundEnvelope, newWamid, type FakeCloudApi, type RecordedMessage } from './fake';
import { signBody } from '../../src/shared/signature';
import { sendToNumber } from '../../src/shared/phone';
import { conversationKeys, sentKey } from '../../src/queue/keys';
import type { RedisClient } from '../../src/queue/redis';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DriverPhone {
  index: number;
  waId: string;
  name: string;
  /** Number the bot sends to (`521…` → `52…`). */
  sendTo: string;
  /** Conversation key (`wa:<waId>`). */
  key: string;
}

export interface Delivery {
  phone: DriverPhone;
  phase: 'warmup' | 'load';
  /** 1…M within the load; 0 for warm-up messages. */
  k: number;
  text: string;
  wamid: string;
  firstAt: number;
  ackedAt: number | null;
  /** HTTP status of each attempt, or `net:<code>` for a connection error / timeout. */
  outcomes: (number | string)[];
  /** Webhook URL of each attempt. */
  targets: string[];
  gaveUp: boolean;
}

export interface LoadDriverOptions {
  /** Webhook URLs (`http://127.0.0.1:<port>/webhook`) of the web processes; a function if they change. */
  targets: string[] | (() => string[]);
  appSecret: string;
  fake: FakeCloudApi;
  /** Redis of the system under test (standalone or Cluster), to read markers, versions, inboxes. */
  redis: RedisClient;
  prefix: string;
  phones: number;
  /** First index (to add phones later with a second driver on the same run). */
  firstIndex?: number;
  /** 4 digits shared by this run's phone ids (random by default). */
  run?: string;
  /** Stop redelivering one message after this long (Meta keeps trying for days). */
  deliveryDeadlineMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  requestTimeoutMs?: number;
}

export interface LoadReport {
  phones: number;
  /** Load messages (each with its own wamid). */
  sent: number;
  /** HTTP deliveries attempted (first tries + redeliveries). */
  deliveries: number;
  acknowledged: number;
  /** Attempts answered with something other than 200 (503 while Redis is down…), by status. */
  refused: Record<string, number>;
  gaveUp: number;
  processed: number;
  commits: number | null;
  replied: number;
  duplicated: number;
  /** Messages with more than one reply (none expected: each text gets one answer). */
  multiReplies: number;
  lost: number;
  orderChecked: number;
  orderViolations: number;
  replyInversions: number;
  /** Fake answers other than 200 to sends for the load phones (429/500/131026…), by status. */
  cloudErrors: Record<string, number>;
  /** Detail for failure messages and duplicate classification. */
  lostMessages: { phone: string; k: number; wamid: string }[];
  unreferenced: RecordedMessage[];
}

/**
 * Candidate command ids that can carry the reply to an inbound message (see header). A session
 * start asks for the user lookup first (`#0`) and marks the message read after it (`#1`), so its
 * reply is a command of the lookup's result (`#0>r#…`); inside a session the receipt is `#0` and a
 * lookup, when a turn needs one, `#1`.
 */
export function replyCommandIds(wamid: string): string[] {
  return [
    `${wamid}#1`,
    `${wamid}#2`,
    `${wamid}#0>r#0`,
    `${wamid}#0>r#1`,
    `${wamid}#1>r#0`,
    `${wamid}#1>r#1`,
  ];
}

const NAMES = [
  'Ana',
  'Beto',
  'Carla',
  'Dora',
  'Emilio',
  'Fer',
  'Gil',
  'Hugo',
  'Ines',
  'Juan',
  'Karla',
  'Luis',
  'Mar',
  'Nico',
  'Olga',
  'Paco',
  'Rita',
  'Saul',
  'Tere',
  'Ulises',
  'Vero',
  'Wendy',
  'Ximena',
  'Yola',
  'Zoe',
];

export class LoadDriver {
  readonly phones: DriverPhone[];
  readonly deliveries: Delivery[] = [];
  /** Fake sequence number before the load: replies and duplicates are counted after it. */
  baselineSeq = 0;
  private readonly baselineVersion = new Map<string, number>();
  private rr = 0;
  private readonly o: Required<Omit<LoadDriverOptions, 'run' | 'firstIndex'>> & {
    run: string;
    firstIndex: number;
  };

  constructor(options: LoadDriverOptions) {
    this.o = {
      deliveryDeadlineMs: 45_000,
      retryBaseMs: 100,
      retryMaxMs: 2000,
      requestTimeoutMs: 5000,
      firstIndex: 0,
      run: String(randomInt(0, 10_000)).padStart(4, '0'),
      ...options,
    };
    this.phones = Array.from({ length: options.phones }, (_, i) => {
      const index = this.o.firstIndex + i;
      const waId = `52155${this.o.run}${String(index).padStart(4, '0')}`;
      return {
        index,
        waId,
        name: `${NAMES[index % NAMES.length]} ${NAMES[Math.floor(index / NAMES.length) % NAMES.length]}`,
        sendTo: sendToNumber(waId),
        key: `wa:${waId}`,
      };
    });
  }

  private targets(): string[] {
    return typeof this.o.targets === 'function' ? this.o.targets() : this.o.targets;
  }

  /** Deliver one text like Meta: redeliver until 200 or the deadline. */
  async send(
    phone: DriverPhone,
    text: string,
    phase: Delivery['phase'] = 'load',
    k = 0,
  ): Promise<Delivery> {
    const wamid = newWamid();
    const raw = JSON.stringify(
      inboundEnvelope(
        { waId: phone.waId, name: phone.name },
        { type: 'text', body: text },
        { id: wamid },
      ),
    );
    const headers = {
      'content-type': 'application/json',
      'x-hub-signature-256': signBody(raw, this.o.appSecret),
      'x-request-id': `load-${phone.index}-${k}`,
    };
    const d: Delivery = {
      phone,
      phase,
      k,
      text,
      wamid,
      firstAt: Date.now(),
      ackedAt: null,
      outcomes: [],
      targets: [],
      gaveUp: false,
    };
    this.deliveries.push(d);
    let backoff = this.o.retryBaseMs;
    for (;;) {
      const list = this.targets();
      const url = list[this.rr++ % list.length];
      d.targets.push(url);
      let outcome: number | string;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers,
          body: raw,
          signal: AbortSignal.timeout(this.o.requestTimeoutMs),
        });
        outcome = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        outcome = `net:${e.cause?.code ?? e.name}`;
      }
      d.outcomes.push(outcome);
      if (outcome === 200) {
        d.ackedAt = Date.now();
        return d;
      }
      // A 4xx other than 408/429 means the test itself is wrong (bad signature, bad envelope).
      if (
        typeof outcome === 'number' &&
        outcome >= 400 &&
        outcome < 500 &&
        outcome !== 408 &&
        outcome !== 429
      )
        throw new Error(`webhook answered ${outcome} to a valid delivery`);
      if (Date.now() - d.firstAt > this.o.deliveryDeadlineMs) {
        d.gaveUp = true;
        return d;
      }
      await sleep(Math.round(backoff * (0.5 + Math.random())));
      backoff = Math.min(backoff * 2, this.o.retryMaxMs);
    }
  }

  /** Messages the fake accepted for this phone after `since` (sends only). */
  private accepted(phone: DriverPhone, since = 0): RecordedMessage[] {
    return this.o.fake
      .receivedFor(phone.sendTo, since)
      .filter((m) => m.kind === 'message' && m.status === 200);
  }

  private async stateOf(
    phone: DriverPhone,
  ): Promise<{ version: number; name: string | null; pending: number }> {
    const k = conversationKeys(this.o.prefix, phone.key);
    const [v, d] = await this.o.redis.hmget(k.state, 'v', 'd');
    const pending = (await this.o.redis.zcard(k.inbox)) + (await this.o.redis.llen(k.outbox));
    return {
      version: Number(v ?? 0),
      name: d ? (JSON.parse(d) as { name: string }).name : null,
      pending,
    };
  }

  /**
   * Bring every phone to the main menu: "hola" → (name question) → a name → (menu). Waits for
   * each reply and for the conversation to be idle in `mainMenu`, then takes the baseline.
   */
  async warmUp(phones = this.phones, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const until = async (
      what: string,
      phone: DriverPhone,
      fn: () => Promise<boolean> | boolean,
    ) => {
      while (!(await fn())) {
        if (Date.now() > deadline)
          throw new Error(
            `warm-up: ${what} for phone #${phone.index} not reached in ${timeoutMs} ms (state ${JSON.stringify(await this.stateOf(phone).catch((e: Error) => e.message))}, ${this.accepted(phone).length} replies)`,
          );
        await sleep(50);
      }
    };
    await Promise.all(
      phones.map(async (phone) => {
        const before = this.accepted(phone).length;
        const hola = await this.send(phone, 'hola', 'warmup');
        if (!hola.ackedAt)
          throw new Error(
            `warm-up: "hola" of phone #${phone.index} never acknowledged (${hola.outcomes.join(',')})`,
          );
        await until('name question', phone, () => this.accepted(phone).length > before);
        const asked = this.accepted(phone).length;
        const name = await this.send(phone, phone.name, 'warmup');
        if (!name.ackedAt)
          throw new Error(`warm-up: name of phone #${phone.index} never acknowledged`);
        await until(
          'menu',
          phone,
          async () =>
            this.accepted(phone).length > asked && (await this.stateOf(phone)).name === 'mainMenu',
        );
        await until('idle', phone, async () => (await this.stateOf(phone)).pending === 0);
      }),
    );
    await this.takeBaseline(phones);
  }

  /** Remember the fake's last sequence number and each phone's state version. */
  async takeBaseline(phones = this.phones): Promise<void> {
    const all = this.o.fake.received();
    this.baselineSeq = all.length > 0 ? all[all.length - 1].seq : 0;
    for (const p of phones) this.baselineVersion.set(p.key, (await this.stateOf(p)).version);
  }

  /**
   * Every phone sends `messages` texts (`text(k)`, default "qwxz <k>", answered in the menu with
   * a short "did not understand" and no database call), one after the other, `gapMs` apart
   * after each acknowledgement. Phones run concurrently. Resolves when all are acknowledged
   * (or given up).
   */
  async load(opts: {
    messages: number;
    gapMs?: number;
    phones?: DriverPhone[];
    text?: (k: number, phone: DriverPhone) => string;
  }): Promise<Delivery[]> {
    const phones = opts.phones ?? this.phones;
    const text = opts.text ?? ((k: number) => `qwxz ${k}`);
    const out: Delivery[] = [];
    await Promise.all(
      phones.map(async (phone, i) => {
        // Spread the starts a little, as real traffic is not lock-step.
        if (opts.gapMs) await sleep(Math.floor((opts.gapMs * i) / phones.length));
        for (let k = 1; k <= opts.messages; k++) {
          out.push(await this.send(phone, text(k, phone), 'load', k));
          if (opts.gapMs && k < opts.messages) await sleep(opts.gapMs);
        }
      }),
    );
    return out;
  }

  private loadDeliveries(): Delivery[] {
    return this.deliveries.filter((d) => d.phase === 'load');
  }

  /** Replies (fake records) of each delivery, through the sent markers. */
  private async replies(
    deliveries: Delivery[],
    extraIds?: (d: Delivery) => string[],
  ): Promise<Map<Delivery, RecordedMessage[]>> {
    const byId = new Map<string, RecordedMessage>();
    for (const m of this.o.fake.received(this.baselineSeq))
      if (m.kind === 'message' && m.status === 200 && m.messageId) byId.set(m.messageId, m);
    const out = new Map<Delivery, RecordedMessage[]>();
    await Promise.all(
      deliveries.map(async (d) => {
        const ids = [...replyCommandIds(d.wamid), ...(extraIds?.(d) ?? [])];
        const values = await Promise.all(
          ids.map((id) => this.o.redis.get(sentKey(this.o.prefix, id))),
        );
        const found = values
          .filter((v): v is string => v !== null && v !== 'read')
          .map((v) => byId.get(v))
          .filter((m): m is RecordedMessage => m !== undefined);
        out.set(d, found);
      }),
    );
    return out;
  }

  /** Acknowledged load messages with a reply so far (cheap enough to poll). */
  async repliedCount(extraIds?: (d: Delivery) => string[]): Promise<number> {
    const acked = this.loadDeliveries().filter((d) => d.ackedAt);
    const map = await this.replies(acked, extraIds);
    return [...map.values()].filter((r) => r.length > 0).length;
  }

  /**
   * Wait until every acknowledged load message has a reply (or at most `missing` have none),
   * or `timeoutMs` passes; then `quietMs` more so late duplicates would show up.
   */
  async settle(
    opts: {
      timeoutMs?: number;
      quietMs?: number;
      missing?: number;
      extraIds?: (d: Delivery) => string[];
    } = {},
  ): Promise<void> {
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    for (;;) {
      const acked = this.loadDeliveries().filter((d) => d.ackedAt).length;
      if (acked - (await this.repliedCount(opts.extraIds)) <= (opts.missing ?? 0)) break;
      if (Date.now() > deadline) break;
      await sleep(200);
    }
    await sleep(opts.quietMs ?? 1000);
  }

  async report(
    opts: { knex?: Knex; extraIds?: (d: Delivery) => string[] } = {},
  ): Promise<LoadReport> {
    const load = this.loadDeliveries();
    const acked = load.filter((d) => d.ackedAt);
    const replies = await this.replies(acked, opts.extraIds);
    const phones = [...new Set(load.map((d) => d.phone))];

    const refused: Record<string, number> = {};
    for (const d of load)
      for (const o of d.outcomes) if (o !== 200) refused[String(o)] = (refused[String(o)] ?? 0) + 1;

    // processed: accepted by the intake and consumed from the inbox.
    let processed = 0;
    let commits: number | null = null;
    for (const phone of phones) {
      const k = conversationKeys(this.o.prefix, phone.key);
      const pending = new Set(
        (await this.o.redis.zrange(k.inbox, 0, -1)).map(
          (m) => (JSON.parse(m) as { event: { id: string } }).event.id,
        ),
      );
      for (const d of acked.filter((x) => x.phone === phone)) {
        if ((await this.o.redis.zscore(k.seen, d.wamid)) !== null && !pending.has(d.wamid))
          processed++;
      }
      const base = this.baselineVersion.get(phone.key);
      if (base !== undefined)
        commits = (commits ?? 0) + ((await this.stateOf(phone)).version - base);
    }

    // duplicates: accepted sends after the baseline that no marker points at.
    const referenced = new Set<string>();
    for (const list of replies.values()) for (const m of list) referenced.add(m.messageId!);
    const unreferenced: RecordedMessage[] = [];
    const cloudErrors: Record<string, number> = {};
    for (const phone of phones) {
      for (const m of this.o.fake.receivedFor(phone.sendTo, this.baselineSeq)) {
        if (m.kind !== 'message') continue;
        if (m.status !== 200) {
          const label = `${m.status}${m.errorCode ? `/${m.errorCode}` : ''}`;
          cloudErrors[label] = (cloudErrors[label] ?? 0) + 1;
        } else if (!referenced.has(m.messageId!)) unreferenced.push(m);
      }
    }

    // processing order from message_log ids; reply order at the fake.
    let orderChecked = 0;
    let orderViolations = 0;
    let replyInversions = 0;
    const rowId = new Map<string, number>();
    if (opts.knex && acked.length > 0) {
      const rows = (await opts
        .knex('message_log')
        .where({ direction: 'in' })
        .whereIn(
          'wamid',
          acked.map((d) => d.wamid),
        )
        .select('wamid', 'id')) as { wamid: string; id: string }[];
      for (const r of rows) rowId.set(r.wamid, Number(r.id));
    }
    for (const phone of phones) {
      const mine = acked.filter((d) => d.phone === phone).sort((a, b) => a.k - b.k);
      let lastId = -1;
      let lastSeq = -1;
      for (const d of mine) {
        const id = rowId.get(d.wamid);
        if (id !== undefined) {
          orderChecked++;
          if (id < lastId) orderViolations++;
          lastId = id;
        }
        const first = replies.get(d)?.[0];
        if (first) {
          if (first.seq < lastSeq) replyInversions++;
          lastSeq = first.seq;
        }
      }
    }

    const lostMessages = acked
      .filter((d) => (replies.get(d)?.length ?? 0) === 0)
      .map((d) => ({ phone: d.phone.sendTo.slice(-4), k: d.k, wamid: d.wamid }));
    return {
      phones: phones.length,
      sent: load.length,
      deliveries: load.reduce((n, d) => n + d.outcomes.length, 0),
      acknowledged: acked.length,
      refused,
      gaveUp: load.filter((d) => d.gaveUp).length,
      processed,
      commits,
      replied: acked.length - lostMessages.length,
      duplicated: unreferenced.length,
      multiReplies: [...replies.values()].filter((r) => r.length > 1).length,
      lost: lostMessages.length,
      orderChecked,
      orderViolations,
      replyInversions,
      cloudErrors,
      lostMessages,
      unreferenced,
    };
  }
}

/** One line for the test output (and docs/reliability.md). */
export function formatReport(
  name: string,
  r: LoadReport,
  extra: Record<string, unknown> = {},
): string {
  const { lostMessages, unreferenced, ...counts } = r;
  return `[fault:${name}] ${JSON.stringify({ ...counts, ...extra, ...(lostMessages.length ? { lostSample: lostMessages.slice(0, 5) } : {}), ...(unreferenced.length ? { duplicateSample: unreferenced.slice(0, 3).map((m) => ({ to: m.to?.slice(-4), seq: m.seq, at: m.at })) } : {}) })}`;
}
