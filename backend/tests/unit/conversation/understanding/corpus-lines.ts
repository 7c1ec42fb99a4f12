/**
 * The understanding corpus (corpus/*.jsonl): what a line may hold, and a loader that refuses a
 * malformed line. Used by corpus.test.ts (the corpus's own checks) and meant for the accuracy test
 * of the understanding layer. See corpus/README.md for the format and the labelling rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_TYPES } from '../../../../../seeds/lib/service-types';

export const CORPUS_DIR = join(__dirname, 'corpus');

/** The files, by role. Holdout files are never read while tuning the understanding layer. */
export const CORPUS_FILES = {
  es: 'es.jsonl',
  en: 'en.jsonl',
  holdoutEs: 'holdout-es.jsonl',
  holdoutEn: 'holdout-en.jsonl',
} as const;
export type CorpusFile = (typeof CORPUS_FILES)[keyof typeof CORPUS_FILES];

export const CORPUS_INTENTS = [
  'request_service',
  'price',
  'status',
  'cancel',
  'help',
  'human',
  'change_name',
  'language',
  'opt_out',
  'opt_in',
  'delete_data',
  'greeting',
  'thanks',
  'menu',
  'provider_signup',
  'my_requests',
  'my_jobs',
  'job_done',
  'job_progress',
  'go_online',
  'go_offline',
  'provider_profile',
  'payment',
  'schedule',
  'about',
  'affirm',
  'deny',
  'unknown',
  'give_name',
] as const;
export type CorpusIntent = (typeof CORPUS_INTENTS)[number];

/** Service codes as in the catalogue (service_types.code). */
export const SERVICE_CODES: readonly string[] = SERVICE_TYPES.map((s) => s.code);

export const LOCALES = ['es', 'en'] as const;
export type CorpusLocale = (typeof LOCALES)[number];

/** The one step at which a line is labelled differently: the answer to "¿Cómo te llamas?". */
export const ASK_NAME_STEP = 'askName';

type Slot = 'service' | 'urgent' | 'name' | 'locale' | 'part' | 'progress' | 'topic';

/** The parts of their profile a provider can change by writing it (`provider_profile`). */
export const PROFILE_PARTS = ['services', 'base', 'radius', 'fee'] as const;

/** What a question about the service itself is about (`about`). */
export const TOPICS = ['trust', 'coverage'] as const;

/** Where a provider says they are on a job (`job_progress`). */
export const PROGRESS = ['onTheWay', 'arrived'] as const;

/** Which slots each intent may carry (`give_name` must carry `name`). */
export const SLOTS_BY_INTENT: Readonly<Record<CorpusIntent, readonly Slot[]>> = {
  request_service: ['service', 'urgent'],
  price: [],
  status: ['service'],
  cancel: [],
  help: [],
  human: [],
  change_name: ['name'],
  language: ['locale'],
  opt_out: [],
  opt_in: [],
  delete_data: [],
  greeting: [],
  thanks: [],
  menu: [],
  provider_signup: ['service'],
  my_requests: [],
  my_jobs: [],
  job_done: [],
  job_progress: ['progress'],
  about: ['topic'],
  go_online: [],
  go_offline: [],
  provider_profile: ['part'],
  payment: [],
  schedule: [],
  affirm: [],
  deny: [],
  unknown: [],
  give_name: ['name'],
};

const ALWAYS_ALLOWED = ['text', 'intent', 'step', 'note'];

/** A note starting with this prefix names the misspelled service word, e.g. "misspelling: serrajero". */
export const MISSPELLING_NOTE = 'misspelling:';

export interface CorpusLine {
  text: string;
  intent: CorpusIntent;
  service?: string;
  urgent?: true;
  name?: string;
  locale?: CorpusLocale;
  part?: (typeof PROFILE_PARTS)[number];
  progress?: (typeof PROGRESS)[number];
  topic?: (typeof TOPICS)[number];
  step?: typeof ASK_NAME_STEP;
  note?: string;
  /** Where the line comes from, for messages: "es.jsonl:12". */
  at: string;
}

/** Lowercase, accents removed, words only: how a saved name is compared with the text. */
export function foldWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function isIntent(value: unknown): value is CorpusIntent {
  return typeof value === 'string' && (CORPUS_INTENTS as readonly string[]).includes(value);
}

/** Problems with one parsed line (empty when the line is valid). */
export function lineProblems(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ['not a JSON object'];
  const line = raw as Record<string, unknown>;
  const problems: string[] = [];
  const { text, intent } = line;
  if (typeof text !== 'string' || text.trim() === '') {
    problems.push('text must be a non-empty string');
  } else if (text !== text.trim()) {
    problems.push('text has leading or trailing spaces');
  }
  if (!isIntent(intent)) {
    return [...problems, `intent ${JSON.stringify(intent)} is not one of the corpus intents`];
  }

  const allowed = [...ALWAYS_ALLOWED, ...SLOTS_BY_INTENT[intent]];
  for (const key of Object.keys(line)) {
    if (!allowed.includes(key)) problems.push(`field "${key}" is not allowed for intent ${intent}`);
  }
  if ('service' in line && !SERVICE_CODES.includes(line.service as string)) {
    problems.push(`service ${JSON.stringify(line.service)} is not a catalogue code`);
  }
  if ('urgent' in line && line.urgent !== true) problems.push('urgent must be true or absent');
  if ('locale' in line && !(LOCALES as readonly unknown[]).includes(line.locale)) {
    problems.push(`locale ${JSON.stringify(line.locale)} must be "es" or "en"`);
  }
  if ('part' in line && !(PROFILE_PARTS as readonly unknown[]).includes(line.part)) {
    problems.push(`part ${JSON.stringify(line.part)} must be one of ${PROFILE_PARTS.join(', ')}`);
  }
  if ('progress' in line && !(PROGRESS as readonly unknown[]).includes(line.progress)) {
    problems.push(
      `progress ${JSON.stringify(line.progress)} must be one of ${PROGRESS.join(', ')}`,
    );
  }
  if (intent === 'job_progress' && !('progress' in line))
    problems.push('job_progress needs a progress');
  if ('topic' in line && !(TOPICS as readonly unknown[]).includes(line.topic)) {
    problems.push(`topic ${JSON.stringify(line.topic)} must be one of ${TOPICS.join(', ')}`);
  }
  if (intent === 'about' && !('topic' in line)) problems.push('about needs a topic');
  if ('step' in line && line.step !== ASK_NAME_STEP) {
    problems.push(`step must be "${ASK_NAME_STEP}" or absent`);
  }
  if ('note' in line && (typeof line.note !== 'string' || line.note.trim() === '')) {
    problems.push('note must be a non-empty string');
  }
  if (intent === 'give_name') {
    if (line.step !== ASK_NAME_STEP) {
      problems.push('give_name is only an answer at the askName step');
    }
    if (!('name' in line)) problems.push('give_name needs a name');
  }
  if ('name' in line) {
    problems.push(...nameProblems(line.name, typeof text === 'string' ? text : ''));
  }
  if (typeof line.note === 'string' && line.note.startsWith(MISSPELLING_NOTE)) {
    const word = line.note.slice(MISSPELLING_NOTE.length).trim().toLowerCase();
    if (intent !== 'request_service') problems.push('misspelling notes mark request_service lines');
    if (word === '' || typeof text !== 'string' || !text.toLowerCase().includes(word)) {
      problems.push(`misspelled word "${word}" does not occur in the text`);
    }
  }
  return problems;
}

/** A name is saved nicely capitalised, holds only name characters, and is taken from the text. */
function nameProblems(name: unknown, text: string): string[] {
  if (typeof name !== 'string' || name.trim() !== name || name === '') {
    return ['name must be a trimmed non-empty string'];
  }
  const problems: string[] = [];
  if (!/^[\p{L}][\p{L}\p{M} .'-]*$/u.test(name)) {
    problems.push(`name "${name}" holds characters that are not part of a name`);
  }
  if (!/^\p{Lu}/u.test(name)) problems.push(`name "${name}" does not start with a capital`);
  const textWords = new Set(foldWords(text));
  const missing = foldWords(name).filter((w) => !textWords.has(w));
  if (missing.length > 0) {
    problems.push(`name words ${missing.join(', ')} do not occur in the text`);
  }
  return problems;
}

/** Every line of one corpus file, parsed and checked; throws listing every bad line. */
export function loadCorpus(file: CorpusFile): CorpusLine[] {
  const content = readFileSync(join(CORPUS_DIR, file), 'utf8');
  const lines: CorpusLine[] = [];
  const errors: string[] = [];
  const sources = content.split('\n');
  sources.forEach((source, index) => {
    const at = `${file}:${index + 1}`;
    if (source.trim() === '') {
      // Only the empty string after the final newline may be blank.
      if (index !== sources.length - 1) errors.push(`${at}: blank line`);
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(source);
    } catch (error) {
      errors.push(`${at}: not JSON (${(error as Error).message})`);
      return;
    }
    const problems = lineProblems(raw);
    if (problems.length > 0) errors.push(...problems.map((p) => `${at}: ${p}`));
    else lines.push({ ...(raw as Omit<CorpusLine, 'at'>), at });
  });
  if (errors.length > 0) throw new Error(`invalid corpus lines:\n${errors.join('\n')}`);
  return lines;
}
