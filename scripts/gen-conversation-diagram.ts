/**
 * Writes docs/conversation.md from the conversation's transition table
 * (backend/src/conversation/transitions.ts): Mermaid stateDiagram-v2 diagrams per flow, the
 * transitions that apply in every state, and the operations, notices and timers.
 *
 *   npx tsx scripts/gen-conversation-diagram.ts           # write the file
 *   npx tsx scripts/gen-conversation-diagram.ts --check   # exit 1 if the file is stale (CI)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NOTICE_NAMES } from '../backend/src/conversation/notices';
import { OPERATION_SUMMARIES } from '../backend/src/conversation/operations';
import type { Flow, Node, Transition } from '../backend/src/conversation/transitions';
import { STATE_INFO, TRANSITIONS } from '../backend/src/conversation/transitions';
import { TIMER_NAMES } from '../backend/src/conversation/timers';

const OUTPUT = resolve(__dirname, '..', 'docs', 'conversation.md');

const NOTICE_ROUTES: Record<(typeof NOTICE_NAMES)[number], string> = {
  offerReceived: 'customer → provider: pending offer (Accept / Decline, template fallback)',
  offerAccepted: 'provider → customer: name + wa.me link when the provider has a phone',
  offerDeclined: 'provider → customer: next provider offered automatically',
  offerExpired:
    'customer → provider: too late; "sent to another provider" only when it was; set offline after too many in a row',
  offerWithdrawn: 'provider → customer: the provider went offline, next provider offered at once',
  requestCancelled:
    'customer → provider: the customer cancelled (with the reason, for an accepted job)',
  jobCompleted: 'provider → customer: rate 1–5',
  jobDoneClaimed:
    'provider → customer: "done" too soon after accepting: "Sí, ya quedó" / "Todavía no" (confirmJobDone)',
  jobDoneConfirmed: 'customer → provider: the customer confirmed, with the updated numbers',
  jobNotDone: 'customer → provider: the customer says it is not finished yet',
  jobDropped:
    'provider → customer: the provider can no longer go ("ya no puedo ir", confirmed); the request is offered to someone else at once',
  jobPin:
    'customer → provider: a pin sent while the provider has the job ("para que me encuentre"); the job moved there',
  ratingReceived:
    'customer → provider: stars + updated rating (also when the stars are changed within 15 min)',
  ratingComment: 'customer → provider: the comment of their rating',
  jobReopened:
    'customer → provider: the job marked done is not finished (theirs again, "Terminado" button)',
  providerProgress:
    'provider → customer: "voy en camino, llego en 20" / "ya llegué" typed by the provider of the one active job (a fixed sentence, never their words)',
  providerApproved: 'admin API / console → provider (data `{ reason? }`, quoted to them)',
  providerRejected:
    'admin API / console → provider (`{ reason? }`; "Ask for a review" opens an appeal handoff)',
  providerSuspended:
    'admin API / console → provider (`{ reason? }`; "Ask for a review" opens an appeal handoff)',
  handoffReturned: 'console → person: an operator handed the conversation back to the bot',
};

const TIMER_ROUTES: Record<(typeof TIMER_NAMES)[number], string> = {
  offerTimeout: 'id `offer:<offerId>`, after `offerTimeoutMs` → `expireOffer` → next provider',
  offerRetry:
    'id `offer-retry:<requestId>:<n>`, 30 s after a failed `offerRequest` (3 tries in all)',
  rateReminder:
    'id `rate-reminder:<requestId>`, 4 h after the customer confirms a job done → `ratingStatus` → one reminder if not rated',
  handoffTimeout:
    'id `handoff:<handoffId>`, `HANDOFF_TIMEOUT_MINUTES` after a handoff opened → `closeHandoff` → back to the bot',
};

function flowOf(node: Node): Flow {
  return node === 'none' ? 'session' : STATE_INFO[node].flow;
}

function mermaidNode(node: Node): string {
  return node === 'none' ? '[*]' : node;
}

function label(on: string): string {
  return on.replace(/:\*$/, ' (any)').replace(/:/g, ' ');
}

const ANY = 'anyState';

/** State-changing rows between concrete states, grouped by (from, to) with merged labels. */
function edges(rows: readonly Transition[]): { from: Node; to: Node; labels: string[] }[] {
  const grouped = new Map<string, { from: Node; to: Node; labels: string[] }>();
  for (const r of rows) {
    if (r.from === '*' || r.to === '=' || r.to === r.from) continue;
    const key = `${r.from}>${r.to}`;
    const entry = grouped.get(key) ?? { from: r.from, to: r.to, labels: [] };
    const l = label(r.on);
    if (!entry.labels.includes(l)) entry.labels.push(l);
    grouped.set(key, entry);
  }
  return [...grouped.values()];
}

function diagram(flow: Flow): string {
  const selected = edges(TRANSITIONS).filter((e) =>
    flow === 'session'
      ? flowOf(e.from) === 'session' && flowOf(e.to) === 'session'
      : flowOf(e.from) === flow || flowOf(e.to) === flow,
  );
  // Rows that apply in every state and lead to a state of this flow start from one "any state" node.
  const fromAnywhere = new Map<Node, string[]>();
  for (const r of TRANSITIONS) {
    if (r.from !== '*' || r.to === '=' || flowOf(r.to) !== flow) continue;
    const labels = fromAnywhere.get(r.to) ?? [];
    if (!labels.includes(label(r.on))) labels.push(label(r.on));
    fromAnywhere.set(r.to, labels);
  }
  const lines = ['```mermaid', 'stateDiagram-v2'];
  if (fromAnywhere.size > 0) lines.push(`    state "any state" as ${ANY}`);
  for (const e of selected)
    lines.push(`    ${mermaidNode(e.from)} --> ${mermaidNode(e.to)} : ${e.labels.join(', ')}`);
  for (const [to, labels] of fromAnywhere)
    lines.push(`    ${ANY} --> ${mermaidNode(to)} : ${labels.join(', ')}`);
  lines.push('```');
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

function render(): string {
  const states = (Object.keys(STATE_INFO) as (keyof typeof STATE_INFO)[]).map((s) => [
    `\`${s}\``,
    STATE_INFO[s].flow,
    STATE_INFO[s].description,
  ]);
  const everywhere = TRANSITIONS.filter((r) => r.from === '*').map((r) => [
    `\`${r.on}\``,
    r.to === '=' ? 'stays' : `\`${r.to}\``,
    r.note ?? '',
  ]);
  const selfLoops = TRANSITIONS.filter(
    (r) => r.from !== '*' && (r.to === '=' || r.to === r.from),
  ).map((r) => [`\`${r.from}\``, `\`${r.on}\``, r.note ?? '']);
  const operations = (Object.keys(OPERATION_SUMMARIES) as (keyof typeof OPERATION_SUMMARIES)[]).map(
    (op) => [`\`${op}\``, OPERATION_SUMMARIES[op]],
  );
  const notices = NOTICE_NAMES.map((n) => [`\`${n}\``, NOTICE_ROUTES[n]]);
  const timers = TIMER_NAMES.map((n) => [`\`${n}\``, TIMER_ROUTES[n]]);

  return `<!-- Generated by scripts/gen-conversation-diagram.ts from backend/src/conversation/transitions.ts. Do not edit by hand. -->

# Conversation state machine

One pure function, \`step(state, event, ctx) → { state, commands }\` (backend/src/conversation/step.ts),
drives both the customer's and the provider's conversations: they are different states of the
same machine, so one WhatsApp user can be both. Everything below is generated from the
transition table in \`backend/src/conversation/transitions.ts\`; a unit test checks that the step
never makes a transition that is not in the table.

Triggers: \`text\` (free text), \`word:<w>\` (a global word: menu, cancel, help, language, english,
spanish, provider, online, offline), \`tap:<kind>\` (a reply button, list row or template
quick reply; see \`ids.ts\`), \`location\`, \`media\` (photo, voice note, video, document,
sticker), \`unsupported\` (contacts, reaction …),
\`notice:<name>\` (from another conversation or the admin API), \`timer:<name>\`, and
\`result:<operation>\` (the outcome of a \`call\` command, fed back right away).
Requests, offers and jobs live in Postgres; their ids travel in button ids, notices and timers,
so they work whatever state the dialog is in.

## States

${table(['State', 'Flow', 'Meaning'], states)}

## Session

\`[*]\` is "no stored state" (new conversation or expired session).

${diagram('session')}

## Customer

${diagram('customer')}

## Provider

${diagram('provider')}

## In every state (except \`loading\`)

${table(['Trigger', 'Goes to', 'Note'], everywhere)}

## Transitions that stay in the same state

${table(['State', 'Trigger', 'What happens'], selfLoops)}

## Operations (\`call\` commands)

Exact inputs, outputs and semantics: \`backend/src/conversation/operations.ts\`.

${table(['Operation', 'Summary'], operations)}

## Notices (\`notify\` commands)

${table(['Notice', 'Route and effect'], notices)}

## Timers (\`startTimer\` commands)

${table(['Timer', 'Effect'], timers)}

## Template fallbacks (outside the 24-hour window)

Messages that can go out when the user has not written for a while carry a \`fallback\`
(\`TemplateFallback\` with \`locale\`); the sender uses it only outside the window.

${table(
  ['Template', 'Body parameters', 'Quick-reply payloads', 'Used for'],
  [
    [
      '`offer`',
      'service, distance, area (or `-`), minutes to answer',
      '`offer:accept:<id>`, `offer:decline:<id>`',
      'offer to a provider',
    ],
    [
      '`rating`',
      'provider name, service',
      '`rate:<requestId>:5` … `rate:<requestId>:1`',
      'job done, please rate',
    ],
    [
      '`notice`',
      'the whole message as one line',
      '—',
      'every other message caused by a notice, or by the offer chain (timers)',
    ],
  ],
)}

## Step context

The processing layer passes \`StepContext\` (backend/src/conversation/context.ts): \`now\` (epoch ms),
\`sessionExpired\`, and optionally \`offerTimeoutMs\` (default 300000, config OFFER_TIMEOUT_SECONDS),
\`maxOffersPerRequest\` (default 5, config MAX_OFFERS_PER_REQUEST), \`candidateLimit\` (1–9, default 9),
\`reviewsShown\` (0–5, default 3), \`rateReminderMs\` (default 4 h, config RATE_REMINDER_MINUTES) and
\`flags\` (the conversation's feature flags, read once per drain).

## Understanding free text (why rules, not a trained classifier)

Free text goes through \`backend/src/conversation/understanding/\` (pure, no I/O): \`normalize\`
(accents, case, emoji as words, WhatsApp abbreviations: "xfa", "q", "pq", "tmb"), \`fuzzy\`
(Spanish sound-alike spelling — c/s/z, k/qu, v/b, ll/y, silent h — then optimal-string-alignment
distance in proportion to word length: "serrajero", "electrisista", "plomeor"), \`match\` (cue
phrases indexed by their first word), the services lexicon (regional words: fontanero, chapa,
boiler, "se fue la luz") and \`understand\` (intent + slots: service, urgency, name, locale).

The rules are hand-written, and that is a choice, not a shortcut:

- **The intents that matter most must not misfire.** "Baja", "borra mis datos", "quiero hablar con
  una persona" change what we may do with someone's data; each is a reviewed phrase list with a
  guard against look-alikes ("no me des de baja"), not a score from a model.
- **Slots come from our own catalogue.** The service is the part that must be right, and it comes
  from the lexicon either way; an intent classifier (NLP.js and similar) would sit on top of the same
  lexicon and the same Spanish spelling rules, and generic fuzzy matchers (fuse.js, Levenshtein
  packages) measure edits, not how Mexicans misspell by sound.
- **Every miss is explainable and fixable with a test.** A wrong answer is a missing cue or a
  lexicon entry, added together with the corpus line that shows it.
- **Cheap and offline.** About 58 µs of CPU per message, 9× the cost of \`normalize\` alone
  (\`npx tsx scripts/bench/understanding.ts\`, 1,200 corpus messages × 50 rounds), no model to load.

Measured on the corpus in \`backend/tests/unit/conversation/understanding/corpus/\` (printed per intent
by its accuracy test in every CI run; the test fails under 95 % overall or 90 % for any intent):
es-MX 99.5 % (565/568), English 98.3 % (526/535). The held-out files, written after the rules and not
used to tune them, read 93.9 % (138/147) in Spanish and 91.2 % (134/147) in English (the lines per
language added for the payment, schedule, job-progress and about intents were written before reading
their results and not tuned: "on the way, about 25 min", "here, outside the gate", "y quien me garantiza
que el señor es de confianza" and "how do I know your guys are legit" are still misread); before the one
generalisation pass made after first reading them, 76.5 %. Anything still not understood gets a
reply that says what can be done at that step, never a bare "No entendí".

## Typed instead of tapped

Many people answer a button or a list by typing, above all on small phones where a list hides
behind a button. \`flows/typed-option.ts\` reads typed text against the options the open question
shows (its \`prompt\`): the whole title of a button counts before the step reads free text
("Omitir" at "¿Qué pasa?" is not the problem); after the step, a row by position ("el segundo",
"2", "the first one"), part of one title only ("Díaz"), other words for what an option does
("otro" = Volver, "lo quiero" = Reservar), "cualquiera" / "el más cercano" for "Que la app elija",
and "sí" / "no" for the one yes or no button. Anything vaguer is left to the understanding layer.

Questions that arrive as notices, outside the open question, are answered in words too, with
Postgres deciding what the words refer to (the operation is called with a null id):

- a provider's "acepto", "va, voy para allá", "no puedo ahorita" answer their one open offer
  (\`answerOffer\`, \`offerId: null\`; a provider never has two open offers);
- a provider's "ya no puedo ir, se me ponchó la llanta" / "cancelar" / "I can't make it" with one
  accepted job asks "¿Ya no puedes ir con Ana?" ("Ya no puedo ir" / "Sí voy"); given back
  (\`dropJob\`), the request is searching again and the customer's conversation offers it to the
  next provider at once (never back to the one who gave it up); with several jobs, which one is
  never guessed;
- a customer's "sí, ya quedó" / "todavía no" answer the provider's "done" that awaits their word
  (\`confirmJobDone\`, \`requestId: null\`); a bare "no" never tells a provider the job is undone;
  said in so many words ("ya quedó, muchas gracias", never a bare "sí") before the provider taps
  "Terminado", their one accepted job is found and they are asked "¿Luis ya terminó tu servicio?"
  ("ya quedó" is also "all set" in Mexico); "Sí, ya quedó" closes it (\`closes\`: the customer's
  word is the one that counts, and a provider who forgets the button is free for new offers);
- "cancelar" from the menu cancels the one open request (an accepted job asks why first);
- "menú" while handed to a person takes the conversation back (the handoff closes, audited);
  "STOP" and "borra mis datos" too (never held for an operator);
- a provider's "voy en camino, llego en 20" / "ya llegué" tells the customer of their one active
  job (\`providerProgress\`, a fixed sentence with the minutes, never the provider's own words),
  and "ya terminé" marks that job done;
- a customer's "sí, todo bien, le doy 5 estrellas, muy amable" saves the stars and the comment
  (\`starsInText\`), and "sí, ya quedó, 5 estrellas" confirms and rates in one go.

A photo or voice note sent before anything asks for it (the first message, at the name question)
is kept (\`saveMedia\` tagged \`media.early\`) and attached to the problem of whatever step the
person has reached when it is saved. A location pin sent from the menu or at the name question,
or an address typed at the menu ("Av. Insurgentes Sur 1234, Del Valle": geocoded), is kept as
where: the service (and "¿Qué pasa?") are asked, then the search runs there. When nobody is free
nearby the search is kept ("Buscar de nuevo" runs it again). A reaction (👍) or a WhatsApp system
note gets no reply; opening the chat again (\`request_welcome\`) gets a greeting.
`;
}

function main(): void {
  const content = render();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT, 'utf8');
    } catch {
      current = '';
    }
    if (current !== content) {
      console.error(
        'docs/conversation.md is stale: run `npx tsx scripts/gen-conversation-diagram.ts`',
      );
      process.exit(1);
    }
    console.log('docs/conversation.md is up to date');
    return;
  }
  writeFileSync(OUTPUT, content);
  console.log(`wrote ${OUTPUT}`);
}

main();
