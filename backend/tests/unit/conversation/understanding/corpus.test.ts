/**
 * The understanding corpus itself (not the understanding layer): every line is well formed, the
 * labels use the agreed intents, slots and service codes, the files hold what corpus/README.md
 * promises, and no message is counted twice.
 */
import {
  ASK_NAME_STEP,
  CORPUS_FILES,
  CORPUS_INTENTS,
  MISSPELLING_NOTE,
  SERVICE_CODES,
  foldWords,
  lineProblems,
  loadCorpus,
  type CorpusFile,
  type CorpusIntent,
  type CorpusLine,
} from './corpus-lines';

/** Minimum lines per intent in each main file, not counting the askName lines. */
const MAIN_MINIMUMS: Readonly<Record<Exclude<CorpusIntent, 'give_name'>, number>> = {
  request_service: 120,
  price: 15,
  status: 15,
  cancel: 15,
  help: 12,
  human: 15,
  change_name: 12,
  language: 8,
  opt_out: 10,
  opt_in: 5,
  delete_data: 10,
  greeting: 12,
  thanks: 10,
  menu: 8,
  provider_signup: 10,
  my_requests: 6,
  my_jobs: 6,
  job_done: 8,
  job_progress: 8,
  go_online: 6,
  go_offline: 6,
  provider_profile: 8,
  affirm: 8,
  deny: 6,
  unknown: 20,
  payment: 6,
  schedule: 6,
  about: 6,
};
const MAIN_MIN_LINES = 330;
const MIN_PER_SERVICE = 5;
const MIN_URGENT = 30;
const MIN_MISSPELLED = 15;
const MIN_ASK_NAME = 60;
const MIN_ASK_NAME_GIVE_NAME = 35;
const MIN_ASK_NAME_OTHER = 25;
const HOLDOUT_MIN_LINES = 90;
const HOLDOUT_MIN_ASK_NAME = 15;
/** A holdout is about a quarter of its main file; below a fifth it measures too little. */
const HOLDOUT_MIN_SHARE = 0.2;

const LANGUAGES = [
  { lang: 'es', main: CORPUS_FILES.es, holdout: CORPUS_FILES.holdoutEs },
  { lang: 'en', main: CORPUS_FILES.en, holdout: CORPUS_FILES.holdoutEn },
] as const;

const ALL_FILES: CorpusFile[] = Object.values(CORPUS_FILES);

function countBy<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Requirements not met, as readable lines (empty when all are met). */
function shortfalls(
  counts: Map<string, number>,
  minimums: Readonly<Record<string, number>>,
): string[] {
  return Object.entries(minimums)
    .filter(([k, min]) => (counts.get(k) ?? 0) < min)
    .map(([k, min]) => `${k}: ${counts.get(k) ?? 0} < ${min}`);
}

const corpus = new Map<CorpusFile, CorpusLine[]>();
function linesOf(file: CorpusFile): CorpusLine[] {
  let lines = corpus.get(file);
  if (!lines) {
    lines = loadCorpus(file);
    corpus.set(file, lines);
  }
  return lines;
}

describe('the line checker', () => {
  // The checks below are only as good as lineProblems; make sure it refuses what it should.
  it.each([
    ['an unknown intent', { text: 'hola', intent: 'saludo' }],
    ['a slot the intent does not take', { text: 'hola', intent: 'greeting', service: 'plumbing' }],
    [
      'a service that is not a catalogue code',
      { text: 'ocupo plomero', intent: 'request_service', service: 'plumber' },
    ],
    ['urgent false', { text: 'ocupo plomero', intent: 'request_service', urgent: false }],
    ['a locale other than es/en', { text: 'en frances', intent: 'language', locale: 'fr' }],
    [
      'a profile part that does not exist',
      { text: 'cambiar mi foto', intent: 'provider_profile', part: 'photo' },
    ],
    ['give_name outside askName', { text: 'Ana', intent: 'give_name', name: 'Ana' }],
    ['give_name without a name', { text: 'Ana', intent: 'give_name', step: 'askName' }],
    [
      'a name not taken from the text',
      { text: 'soy Ana', intent: 'give_name', name: 'Luisa', step: 'askName' },
    ],
    [
      'a name not capitalised',
      { text: 'soy ana', intent: 'give_name', name: 'ana', step: 'askName' },
    ],
    [
      'a name with an emoji',
      { text: 'Ana 😊', intent: 'give_name', name: 'Ana 😊', step: 'askName' },
    ],
    ['another step', { text: 'Ana', intent: 'give_name', name: 'Ana', step: 'mainMenu' }],
    [
      'a misspelling that is not in the text',
      { text: 'ocupo plomero', intent: 'request_service', note: 'misspelling: plomro' },
    ],
    ['an empty text', { text: ' ', intent: 'unknown' }],
  ])('refuses %s', (_label, line) => {
    expect(lineProblems(line)).not.toEqual([]);
  });

  it('accepts a well-formed line', () => {
    const line = {
      text: 'soy el ing. hector',
      intent: 'give_name',
      name: 'Ing. Hector',
      step: 'askName',
    };
    expect(lineProblems(line)).toEqual([]);
  });
});

describe.each(ALL_FILES)('%s', (file) => {
  it('parses, and every line has a known intent with valid slots', () => {
    // loadCorpus throws listing every bad line.
    expect(linesOf(file).length).toBeGreaterThan(0);
  });

  it('has no exact duplicate text', () => {
    const repeated = [...countBy(linesOf(file), (l) => l.text)]
      .filter(([, n]) => n > 1)
      .map(([t]) => t);
    expect(repeated).toEqual([]);
  });
});

describe.each(LANGUAGES)('$lang main file', ({ main }) => {
  const notAskName = (): CorpusLine[] => linesOf(main).filter((l) => l.step !== ASK_NAME_STEP);
  const requests = (): CorpusLine[] => notAskName().filter((l) => l.intent === 'request_service');

  it(`has at least ${MAIN_MIN_LINES} lines`, () => {
    expect(linesOf(main).length).toBeGreaterThanOrEqual(MAIN_MIN_LINES);
  });

  it('meets every per-intent minimum (askName lines not counted)', () => {
    expect(
      shortfalls(
        countBy(notAskName(), (l) => l.intent),
        MAIN_MINIMUMS,
      ),
    ).toEqual([]);
  });

  it(`asks for every service at least ${MIN_PER_SERVICE} times`, () => {
    const minimums = Object.fromEntries(SERVICE_CODES.map((code) => [code, MIN_PER_SERVICE]));
    expect(
      shortfalls(
        countBy(requests(), (l) => l.service),
        minimums,
      ),
    ).toEqual([]);
  });

  it(`has at least ${MIN_URGENT} urgent and ${MIN_MISSPELLED} misspelled requests`, () => {
    const urgent = requests().filter((l) => l.urgent === true).length;
    const misspelled = requests().filter((l) => l.note?.startsWith(MISSPELLING_NOTE)).length;
    expect({ urgent: urgent >= MIN_URGENT, misspelled: misspelled >= MIN_MISSPELLED }).toEqual({
      urgent: true,
      misspelled: true,
    });
  });

  it(`answers the name question at least ${MIN_ASK_NAME} times, names and other intents`, () => {
    const askName = linesOf(main).filter((l) => l.step === ASK_NAME_STEP);
    const names = askName.filter((l) => l.intent === 'give_name').length;
    expect({
      total: askName.length >= MIN_ASK_NAME,
      names: names >= MIN_ASK_NAME_GIVE_NAME,
      others: askName.length - names >= MIN_ASK_NAME_OTHER,
    }).toEqual({ total: true, names: true, others: true });
  });
});

describe.each(LANGUAGES)('$lang holdout file', ({ main, holdout }) => {
  it(`has at least ${HOLDOUT_MIN_LINES} lines and about a quarter of the main file`, () => {
    const size = linesOf(holdout).length;
    expect(size).toBeGreaterThanOrEqual(HOLDOUT_MIN_LINES);
    expect(size).toBeGreaterThanOrEqual(Math.ceil(linesOf(main).length * HOLDOUT_MIN_SHARE));
  });

  it('covers every intent and every service', () => {
    const lines = linesOf(holdout);
    const intents = new Set(lines.map((l) => l.intent));
    const services = new Set(
      lines.filter((l) => l.intent === 'request_service').map((l) => l.service),
    );
    expect(CORPUS_INTENTS.filter((i) => !intents.has(i))).toEqual([]);
    expect(SERVICE_CODES.filter((s) => !services.has(s))).toEqual([]);
  });

  it(`answers the name question at least ${HOLDOUT_MIN_ASK_NAME} times`, () => {
    expect(linesOf(holdout).filter((l) => l.step === ASK_NAME_STEP).length).toBeGreaterThanOrEqual(
      HOLDOUT_MIN_ASK_NAME,
    );
  });

  it('shares no message with the main file, even differing only in case or spacing', () => {
    const key = (l: CorpusLine): string => l.text.toLowerCase().replace(/\s+/g, ' ');
    const mainKeys = new Set(linesOf(main).map(key));
    expect(
      linesOf(holdout)
        .filter((l) => mainKeys.has(key(l)))
        .map((l) => l.at),
    ).toEqual([]);
  });
});

it('no text appears in two files', () => {
  const seen = new Map<string, string>();
  const clashes: string[] = [];
  for (const file of ALL_FILES) {
    for (const line of linesOf(file)) {
      const first = seen.get(line.text);
      if (first !== undefined && !first.startsWith(`${file}:`))
        clashes.push(`${line.at} repeats ${first}`);
      else if (first === undefined) seen.set(line.text, line.at);
    }
  }
  expect(clashes).toEqual([]);
});

it('names are compared without case or accents', () => {
  expect(foldWords('Dr. Ramírez, ¡hola!')).toEqual(['dr', 'ramirez', 'hola']);
});
