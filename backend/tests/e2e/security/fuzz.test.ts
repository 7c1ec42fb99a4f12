/**
 * Fuzzing the real webhook: 10,000+ generated bodies (fast-check, fixed seed) posted
 * concurrently to the running app — mutations of valid envelopes (deleted fields, wrong types,
 * random values, unknown message types, huge strings, deep nesting), random JSON, random bytes
 * and invalid UTF-8, all validly signed; plus forged signatures, odd content encodings and a
 * gzip bomb. Asserts: never a 5xx, no crash, no unhandled rejection, /health/ready stays 200,
 * and real messages sent in between are still answered.
 *
 * Mutated envelopes that are still valid are legitimately processed; they come from a small
 * pool of senders, so the per-user limits bound how much of that work the run causes.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import {
  inboundEnvelope,
  statusEnvelope,
  type InboundContent,
} from '../../../dev/fake-cloud-api/payloads';
import { signBody } from '../../../src/shared/signature';
import { startTestSystem, type TestSystem } from '../../helpers/system';

const SEED = 20261126;
const TOTAL = 10_000;
const CONCURRENCY = 32;
const SENDERS = Array.from({ length: 12 }, (_, i) => `52155999000${String(i).padStart(2, '0')}`);

let t: TestSystem;
const problems: string[] = [];
const onRejection = (reason: unknown) =>
  problems.push(`unhandledRejection: ${String((reason as Error)?.stack ?? reason)}`);
const onException = (err: Error) => problems.push(`uncaughtException: ${err.stack}`);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  t = await startTestSystem({ OUTBOUND_PER_RECIPIENT_PER_MINUTE: '0' });
});
afterAll(async () => {
  await t.stop();
  process.off('unhandledRejection', onRejection);
  process.off('uncaughtException', onException);
});

interface FuzzRequest {
  kind: string;
  body: Uint8Array;
  headers: Record<string, string>;
}

const content: fc.Arbitrary<InboundContent> = fc.oneof(
  fc.record({
    type: fc.constant('text' as const),
    body: fc.string({ maxLength: 40, unit: 'grapheme' }),
  }),
  fc.record({
    type: fc.constant('button_reply' as const),
    id: fc.string({ maxLength: 30 }),
    title: fc.string({ maxLength: 20 }),
  }),
  fc.record({
    type: fc.constant('list_reply' as const),
    id: fc.string({ maxLength: 30 }),
    title: fc.string({ maxLength: 24 }),
  }),
  fc.record({
    type: fc.constant('template_button' as const),
    payload: fc.string({ maxLength: 30 }),
    text: fc.string({ maxLength: 20 }),
  }),
  fc.record({
    type: fc.constant('location' as const),
    latitude: fc.double({ min: -100, max: 100, noNaN: true }),
    longitude: fc.double({ min: -200, max: 200, noNaN: true }),
    name: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    address: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
  }),
  fc.constantFrom<InboundContent>(
    { type: 'image', caption: 'foto' },
    { type: 'sticker' },
    { type: 'voice' },
    { type: 'unsupported' },
  ),
);

const validEnvelope = fc
  .record({ sender: fc.nat(SENDERS.length - 1), content, id: fc.nat(400), status: fc.boolean() })
  .map(({ sender, content: c, id, status }) => {
    const user = { waId: SENDERS[sender]!, name: `Fuzz ${sender}` };
    // Ids repeat on purpose (redeliveries must be deduplicated).
    return status
      ? (statusEnvelope({
          messageId: `wamid.fuzz-out-${id}`,
          status: 'read',
          recipient: user,
        }) as unknown as Record<string, unknown>)
      : (inboundEnvelope(user, c, { id: `wamid.fuzz-${id}` }) as unknown as Record<
          string,
          unknown
        >);
  });

type Mutation =
  | 'delete'
  | 'random'
  | 'string'
  | 'number'
  | 'null'
  | 'array'
  | 'object'
  | 'type'
  | 'huge'
  | 'deep'
  | 'dup';
const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom<Mutation>(
    'delete',
    'random',
    'random',
    'string',
    'number',
    'null',
    'array',
    'object',
    'type',
    'type',
    'dup',
    'huge',
    'deep',
  ),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 16 }),
);

/** Every (container, key) in a JSON tree. */
function slots(
  root: unknown,
  out: [Record<string, unknown> | unknown[], string | number][] = [],
): typeof out {
  if (Array.isArray(root)) {
    root.forEach((v, i) => {
      out.push([root, i]);
      slots(v, out);
    });
  } else if (root && typeof root === 'object') {
    for (const [k, v] of Object.entries(root)) {
      out.push([root as Record<string, unknown>, k]);
      slots(v, out);
    }
  }
  return out;
}

let huge = 0;
function mutate(
  env: Record<string, unknown>,
  mutations: [number, Mutation, unknown, string][],
): unknown {
  const copy = JSON.parse(JSON.stringify(env)) as Record<string, unknown>;
  for (const [pick, how, value, word] of mutations) {
    const all = slots(copy);
    if (all.length === 0) break;
    const [container, key] = all[pick % all.length]!;
    const set = (v: unknown) => ((container as Record<string | number, unknown>)[key] = v);
    const current = (container as Record<string | number, unknown>)[key];
    switch (how) {
      case 'delete':
        if (Array.isArray(container)) container.splice(key as number, 1);
        else delete container[key as string];
        break;
      case 'random':
        set(value);
        break;
      case 'string':
        set(word);
        break;
      case 'number':
        set(pick % 3 === 0 ? 1e308 * 10 : pick % 3 === 1 ? -0 : pick);
        break;
      case 'null':
        set(null);
        break;
      case 'array':
        set([current, current]);
        break;
      case 'object':
        set({ [word]: current });
        break;
      case 'type':
        set(
          [
            'reaction',
            'order',
            'system',
            'request_welcome',
            'unknown',
            word,
            '__proto__',
            'constructor',
          ][pick % 8],
        );
        break;
      case 'dup':
        if (Array.isArray(current)) set([...current, ...current, ...current]);
        else set(current);
        break;
      // A few huge strings (most runs get a short one, to keep the run fast).
      case 'huge':
        set(huge++ < 15 ? 'ü'.repeat(300_000 + (pick % 700_000)) : word.repeat(200));
        break;
      // Spliced in after serialising (see serialise): building it as an object would overflow the test's own stack.
      case 'deep':
        set(`${DEEP}${pick % 3 === 0 ? 5000 : 25}`);
        break;
    }
  }
  return copy;
}

const DEEP = '\u0000deep:';
/** JSON text of a mutated envelope, with deep-nesting markers expanded. */
function serialise(v: unknown): string {
  return JSON.stringify(v).replace(
    /"\\u0000deep:(\d+)"/g,
    (_m, n: string) => '['.repeat(Number(n)) + '1' + ']'.repeat(Number(n)),
  );
}
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const signed = (kind: string, body: Uint8Array): FuzzRequest => ({
  kind,
  body,
  headers: {
    'content-type': 'application/json',
    'x-hub-signature-256': signBody(Buffer.from(body), t.config.whatsapp.appSecret),
  },
});

/** Insert invalid UTF-8 (lone continuation bytes, overlongs, surrogates, truncated sequences) into a body. */
function breakUtf8(raw: Buffer, at: number, which: number): Buffer {
  const bad = [
    [0x80],
    [0xc0, 0xaf],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0xe2, 0x82],
    [0xff, 0xfe],
    [0x00],
  ][which % 7]!;
  const i = raw.length === 0 ? 0 : at % raw.length;
  return Buffer.concat([raw.subarray(0, i), Buffer.from(bad), raw.subarray(i)]);
}

function requests(): FuzzRequest[] {
  const arb: fc.Arbitrary<() => FuzzRequest> = fc.oneof(
    {
      weight: 45,
      arbitrary: fc.tuple(validEnvelope, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(
        ([env, ms]) =>
          () =>
            signed('mutated', utf8(serialise(mutate(env, ms)))),
      ),
    },
    {
      weight: 10,
      arbitrary: fc
        .jsonValue({ maxDepth: 6 })
        .map((v) => () => signed('random-json', utf8(JSON.stringify(v) ?? 'null'))),
    },
    {
      weight: 10,
      arbitrary: fc
        .record({
          entry: fc.jsonValue({ maxDepth: 6 }),
          extra: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), {
            maxKeys: 3,
          }),
        })
        .map(
          ({ entry, extra }) =>
            () =>
              signed(
                'waba-garbage',
                utf8(JSON.stringify({ ...extra, object: 'whatsapp_business_account', entry })),
              ),
        ),
    },
    {
      weight: 8,
      arbitrary: fc
        .uint8Array({ maxLength: 300 })
        .map((bytes) => () => signed('random-bytes', bytes)),
    },
    {
      weight: 8,
      arbitrary: fc.tuple(validEnvelope, fc.nat(), fc.nat()).map(
        ([env, at, which]) =>
          () =>
            signed('invalid-utf8', breakUtf8(utf8(JSON.stringify(env)), at, which)),
      ),
    },
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          validEnvelope,
          fc.constantFrom(
            '',
            'sha256=',
            'sha256=00',
            'sha1=abc',
            'SHA256=x',
            'sha256=' + 'g'.repeat(64),
          ),
        )
        .map(([env, sig]) => () => ({
          kind: 'forged',
          body: utf8(JSON.stringify(env)),
          headers: {
            'content-type': 'application/json',
            ...(sig ? { 'x-hub-signature-256': sig } : {}),
          },
        })),
    },
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.jsonValue({ maxDepth: 3 }),
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/json; charset=latin1',
            '',
            'application/json; charset=utf-16',
          ),
        )
        .map(([v, type]) => () => {
          const r = signed('content-type', utf8(JSON.stringify(v) ?? '1'));
          return { ...r, headers: { ...r.headers, 'content-type': type } };
        }),
    },
    {
      weight: 5,
      arbitrary: fc
        .tuple(
          validEnvelope,
          fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'identity, gzip'),
        )
        .map(([env, encoding]) => () => {
          const r = signed('content-encoding', utf8(JSON.stringify(env)));
          return { ...r, headers: { ...r.headers, 'content-encoding': encoding } };
        }),
    },
  );
  const makers = fc.sample(arb, { seed: SEED, numRuns: TOTAL });
  const out = makers.map((make) => make());
  // A gzip bomb (about 50 MB of zeros in a few KB; the body limit applies after inflating),
  // deep and huge bodies at the limits.
  const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x20));
  out.push({
    kind: 'gzip-bomb',
    body: bomb,
    headers: {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'x-hub-signature-256': signBody(bomb, t.config.whatsapp.appSecret),
    },
  });
  out.push(signed('deep-1m', utf8('['.repeat(1_000_000) + ']'.repeat(1_000_000))));
  out.push(
    signed(
      'over-limit',
      utf8(
        JSON.stringify({
          object: 'whatsapp_business_account',
          entry: [],
          pad: 'x'.repeat(3 * 1024 * 1024 + 10),
        }),
      ),
    ),
  );
  return out;
}

async function postRaw(r: FuzzRequest): Promise<number> {
  const res = await fetch(`${t.baseUrl}/webhook`, {
    method: 'POST',
    headers: r.headers,
    body: r.body,
  });
  await res.arrayBuffer();
  return res.status;
}

it(`survives ${TOTAL}+ fuzzed webhook bodies: no 5xx, no crash, still ready, still answering`, async () => {
  const started = Date.now();
  const all = requests();
  expect(all.length).toBeGreaterThanOrEqual(TOTAL);
  const byKind = new Map<string, Map<number, number>>();
  const fiveXX: string[] = [];
  const probes: string[] = [];
  const readiness: number[] = [];
  let next = 0;

  async function worker(): Promise<void> {
    while (next < all.length) {
      const i = next++;
      const r = all[i]!;
      let status: number;
      try {
        status = await postRaw(r);
      } catch (err) {
        status = -1;
        problems.push(
          `request ${i} (${r.kind}) failed at the transport: ${(err as Error).message}`,
        );
      }
      const counts = byKind.get(r.kind) ?? new Map<number, number>();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      byKind.set(r.kind, counts);
      if (status >= 500)
        fiveXX.push(
          `${r.kind} #${i} → ${status}: ${Buffer.from(r.body).subarray(0, 200).toString('utf8')}`,
        );
      // Every 1,000 bodies: a real person writes, and readiness is checked.
      if (i % 1000 === 500) {
        const waId = `5215588800${String(probes.length).padStart(3, '0')}`;
        probes.push(waId);
        const res = await t.postWebhook(
          inboundEnvelope({ waId, name: 'Probe' }, { type: 'text', body: 'hola' }),
        );
        expect(res.status).toBe(200);
        readiness.push((await fetch(`${t.baseUrl}/health/ready`)).status);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const summary = Object.fromEntries([...byKind].map(([k, m]) => [k, Object.fromEntries(m)]));
  console.log(
    `fuzz: ${all.length} requests in ${Date.now() - started} ms`,
    JSON.stringify(summary),
  );
  expect(fiveXX).toEqual([]);
  expect(problems).toEqual([]);
  expect(readiness.every((s) => s === 200)).toBe(true);
  expect((await fetch(`${t.baseUrl}/health/ready`)).status).toBe(200);
  // Every real person who wrote in between got an answer.
  expect(probes.length).toBeGreaterThanOrEqual(10);
  for (const waId of probes)
    await t.fake.waitFor((m) => m.kind === 'message' && m.to === `52${waId.slice(3)}`, 30_000);
  // Something of each family was generated and accepted or refused as expected.
  expect([...byKind.keys()].sort()).toEqual([
    'content-encoding',
    'content-type',
    'deep-1m',
    'forged',
    'gzip-bomb',
    'invalid-utf8',
    'mutated',
    'over-limit',
    'random-bytes',
    'random-json',
    'waba-garbage',
  ]);
  expect(byKind.get('forged')!.get(200)).toBeUndefined();
  expect(byKind.get('gzip-bomb')!.get(413)).toBe(1);
  expect(byKind.get('deep-1m')!.get(400)).toBe(1);
  expect(byKind.get('mutated')!.get(200)).toBeGreaterThan(1000);
  expect(problems).toEqual([]);
}, 120_000);
