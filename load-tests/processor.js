/**
 * Artillery processor for the Ubermench load tests (plain CommonJS so Artillery loads it as is).
 *
 * Builds inbound webhook envelopes with the same shape as backend/dev/fake-cloud-api/payloads.ts
 * (`whatsapp_business_account` → entry → changes → value { messaging_product, metadata, contacts,
 * messages | statuses }), encoded like Meta (non-ASCII as \uXXXX, `/` as `\/`), and signs the
 * exact bytes: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(WHATSAPP_APP_SECRET, body)>`.
 *
 * Every virtual user is a different WhatsApp user: `521` + 10 digits (Mexico City mobiles
 * `52155` + 8 digits), unique across Artillery's worker processes.
 *
 * In a scenario, a request describes the message in `json` and names a hook:
 *     - post: { url: "/webhook", beforeRequest: "signedWebhook", json: { type: "text", body: "hola" } }
 * Message specs: { type: "text", body } | { type: "button", id, title } | { type: "list", id, title }
 * | { type: "location", near: "cdmx" | "gdl" | "mty" } | { type: "image", caption }
 * | { type: "batch", size } (Meta batching: `size` messages of distinct users in one delivery)
 * | { type: "statuses", size } (sent/delivered/read statuses) | { type: "duplicate" } (the previous
 * body again, byte for byte: a Meta redelivery, which must be answered 200 and not processed twice).
 *
 * Env: WHATSAPP_APP_SECRET (default the demo's `dev-app-secret`), FAKE_URL (default
 * http://127.0.0.1:4010), LOAD_REPLY_SAMPLE (share of users whose first reply is checked at the
 * fake, default 0.05; 0 disables), LOAD_REPLY_TIMEOUT_MS (default 15000).
 * Custom metrics: ubermench.replies.ok / ubermench.replies.missing (counters),
 * ubermench.first_reply_ms (histogram: first message sent → first reply recorded by the fake).
 */
/* global require, process, module, fetch, AbortSignal, setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';

const crypto = require('node:crypto');

const APP_SECRET = process.env.WHATSAPP_APP_SECRET || 'dev-app-secret';
const FAKE_URL = (process.env.FAKE_URL || 'http://127.0.0.1:4010').replace(/\/+$/, '');
const REPLY_SAMPLE = Number(process.env.LOAD_REPLY_SAMPLE ?? '0.05');
const REPLY_TIMEOUT_MS = Number(process.env.LOAD_REPLY_TIMEOUT_MS || '15000');

const BUSINESS = {
  wabaId: '102290129340398',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550001111',
};

const FIRST = [
  'Ana',
  'Diego',
  'Mariana',
  'José',
  'Lupita',
  'Fernando',
  'Sofía',
  'Raúl',
  'Camila',
  'Héctor',
  'Ximena',
  'Iván',
];
const LAST = [
  'Ramírez',
  'Torres',
  'Flores',
  'Hernández',
  'García',
  'Martínez',
  'López',
  'González',
  'Pérez',
  'Sánchez',
];
const PLACES = {
  cdmx: { lat: 19.4326, lng: -99.1332, sigma: 0.06 },
  gdl: { lat: 20.6597, lng: -103.3496, sigma: 0.05 },
  mty: { lat: 25.6866, lng: -100.3161, sigma: 0.05 },
};

// ---------------------------------------------------------------- encoding

/** JSON the way Meta's webhook encoder writes it (see backend/dev/fake-cloud-api/meta-json.ts). */
function metaJson(value) {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sign(raw) {
  return `sha256=${crypto.createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`;
}

const wamid = () => `wamid.${crypto.randomBytes(24).toString('base64')}`;
const nowTs = () => String(Math.floor(Date.now() / 1000));
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];

// ---------------------------------------------------------------- users

// Unique per process (worker pid) and per user; 8 digits after 52155.
let counter = 0;
const processBase = (process.pid % 1000) * 100_000 + Math.floor(Math.random() * 1000) * 100_000_000;

function newPhone() {
  counter = (counter + 1) % 100_000;
  return `52155${String((processBase + counter) % 100_000_000).padStart(8, '0')}`;
}

function bsuidFor(phone) {
  const digits = BigInt(
    `0x${crypto.createHash('sha256').update(phone).digest('hex').slice(0, 15)}`,
  ).toString();
  return `MX.${digits}`;
}

function newUser() {
  const phone = newPhone();
  return { waId: phone, userId: bsuidFor(phone), name: `${pick(FIRST)} ${pick(LAST)}` };
}

// ---------------------------------------------------------------- payloads (payloads.ts shapes)

function contactOf(user) {
  return { profile: { name: user.name }, wa_id: user.waId, user_id: user.userId };
}

function contentFields(spec) {
  switch (spec.type) {
    case 'text':
      return { type: 'text', text: { body: String(spec.body ?? 'hola') } };
    case 'button':
      return {
        type: 'interactive',
        interactive: {
          type: 'button_reply',
          button_reply: { id: String(spec.id), title: String(spec.title ?? spec.id) },
        },
      };
    case 'list': {
      const row = { id: String(spec.id), title: String(spec.title ?? spec.id) };
      if (spec.description) row.description = String(spec.description);
      return { type: 'interactive', interactive: { type: 'list_reply', list_reply: row } };
    }
    case 'location': {
      const place = PLACES[spec.near] || PLACES.cdmx;
      const jitter = () => (Math.random() - 0.5) * 2 * place.sigma;
      return {
        type: 'location',
        location: {
          latitude: +(place.lat + jitter()).toFixed(6),
          longitude: +(place.lng + jitter()).toFixed(6),
        },
      };
    }
    case 'image':
      return {
        type: 'image',
        image: {
          id: String(10n ** 15n + BigInt(crypto.randomBytes(6).readUIntBE(0, 6))),
          mime_type: 'image/jpeg',
          sha256: crypto.randomBytes(32).toString('base64'),
          ...(spec.caption ? { caption: String(spec.caption) } : {}),
        },
      };
    default:
      throw new Error(`processor.js: unknown message type ${spec.type}`);
  }
}

function inboundMessage(user, spec) {
  const interactive = spec.type === 'button' || spec.type === 'list';
  return {
    from: user.waId,
    from_user_id: user.userId,
    id: wamid(),
    timestamp: nowTs(),
    ...(interactive ? { context: { from: BUSINESS.displayPhoneNumber, id: wamid() } } : {}),
    ...contentFields(spec),
  };
}

function envelope(value) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: BUSINESS.wabaId, changes: [{ field: 'messages', value }] }],
  };
}

const valueBase = () => ({
  messaging_product: 'whatsapp',
  metadata: {
    display_phone_number: BUSINESS.displayPhoneNumber,
    phone_number_id: BUSINESS.phoneNumberId,
  },
});

function messagesEnvelope(items) {
  const contacts = new Map();
  for (const { user } of items) contacts.set(user.waId, contactOf(user));
  return envelope({
    ...valueBase(),
    contacts: [...contacts.values()],
    messages: items.map((i) => i.message),
  });
}

/** Delivery statuses of bot messages (status-payloads.ts shapes: `sent` carries conversation + pricing; contacts listed). */
function statusesEnvelope(size) {
  const order = ['sent', 'delivered', 'read'];
  const users = [];
  const statuses = Array.from({ length: size }, () => {
    const user = newUser();
    users.push(user);
    const status = pick(order);
    return {
      id: wamid(),
      status,
      timestamp: nowTs(),
      recipient_id: user.waId,
      recipient_user_id: user.userId,
      ...(status === 'sent'
        ? {
            conversation: {
              id: crypto.randomBytes(16).toString('hex'),
              origin: { type: 'service' },
            },
            pricing: { billable: false, pricing_model: 'PMP', category: 'service' },
          }
        : {}),
    };
  });
  return envelope({ ...valueBase(), contacts: users.map(contactOf), statuses });
}

// ---------------------------------------------------------------- hooks

/** Scenario start: who this virtual user is. */
function setupUser(context, events, done) {
  const user = newUser();
  context.vars.user = user;
  context.vars.phone = user.waId;
  context.vars.startedAt = Date.now();
  return done();
}

/** beforeRequest: turn the `json` message spec into a signed Meta webhook. */
function signedWebhook(requestParams, context, events, done) {
  const spec = requestParams.json || { type: 'text', body: 'hola' };
  delete requestParams.json;
  let raw;
  if (spec.type === 'duplicate' && context.vars.lastBody) {
    raw = context.vars.lastBody; // a redelivery: same bytes, same signature
  } else if (spec.type === 'batch') {
    const size = Number(spec.size || 20);
    const items = Array.from({ length: size }, () => {
      const user = newUser();
      return {
        user,
        message: inboundMessage(user, {
          type: 'text',
          body: pick(['hola', 'necesito un plomero', 'ayuda', 'menu']),
        }),
      };
    });
    raw = metaJson(messagesEnvelope(items));
  } else if (spec.type === 'statuses') {
    raw = metaJson(statusesEnvelope(Number(spec.size || 20)));
  } else {
    if (!context.vars.user) context.vars.user = newUser();
    const user = context.vars.user;
    raw = metaJson(messagesEnvelope([{ user, message: inboundMessage(user, spec) }]));
    if (!context.vars.firstSentAt) context.vars.firstSentAt = Date.now();
  }
  context.vars.lastBody = raw;
  requestParams.body = raw;
  requestParams.headers = {
    ...(requestParams.headers || {}),
    'content-type': 'application/json',
    'user-agent': 'facebookexternalua',
    'x-hub-signature-256': sign(raw),
  };
  return done();
}

/**
 * Scenario end (a sample of users): wait until the fake recorded at least one reply to this user.
 * The webhook only acknowledges; this checks that the turn really went through the worker and the
 * sender. Counters are always emitted (0 or 1) so `ensure` can refer to them.
 */
function checkReplies(context, events, done) {
  events.emit('counter', 'ubermench.replies.missing', 0);
  events.emit('counter', 'ubermench.replies.ok', 0);
  const phone = context.vars.phone;
  if (!phone || !(Math.random() < REPLY_SAMPLE)) return done();
  const since = context.vars.firstSentAt || context.vars.startedAt || Date.now();
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  const poll = () => {
    fetch(`${FAKE_URL}/__fake/received?to=${phone}`, { signal: AbortSignal.timeout(5000) })
      .then((res) => res.json())
      .then((data) => {
        const first = (data.messages || [])
          .filter((m) => m.kind === 'message' && m.at >= since - 1)
          .sort((a, b) => a.at - b.at)[0];
        if (first) {
          events.emit('counter', 'ubermench.replies.ok', 1);
          events.emit('histogram', 'ubermench.first_reply_ms', first.at - since);
          return done();
        }
        if (Date.now() > deadline) {
          events.emit('counter', 'ubermench.replies.missing', 1);
          return done();
        }
        setTimeout(poll, 250);
      })
      .catch(() => {
        if (Date.now() > deadline) {
          events.emit('counter', 'ubermench.replies.missing', 1);
          return done();
        }
        setTimeout(poll, 500);
      });
  };
  poll();
}

module.exports = {
  setupUser,
  signedWebhook,
  checkReplies,
  _internal: {
    metaJson,
    sign,
    newPhone,
    messagesEnvelope,
    inboundMessage,
    statusesEnvelope,
    newUser,
  },
};
