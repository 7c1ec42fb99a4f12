/**
 * The message syntax of the catalogues: a small, strict subset of ICU MessageFormat.
 *
 * - `{name}` inserts a parameter as it is given.
 * - `{count, plural, =0 {…} one {# reseña} other {# reseñas}}` picks a branch for a number:
 *   an exact `=N` branch first, else the locale's plural category (`Intl.PluralRules`: `one`,
 *   `other`, and `many`/`few`/… where the language has them), else `other`. Inside a branch `#`
 *   is the number, written the locale's way (1,234), and `{name}` parameters may appear.
 * - No quoting and no nested plurals: a brace is always syntax (the catalogues never need a
 *   literal brace), and `#` is a plain character outside plural branches.
 *
 * Pure: no I/O; `Intl` is the engine's own.
 */
import { LANGUAGE_TAGS, type Locale } from '../locale-types';

export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'arg'; name: string }
  | { kind: 'pound' }
  | { kind: 'plural'; name: string; branches: ReadonlyMap<string, Part[]> };

const NAME = /^[A-Za-z_]\w*$/;

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Part[] {
    const parts = this.message(false);
    if (this.i < this.src.length) this.fail('unexpected "}"');
    return parts;
  }

  /** Text and arguments until the end, or until the "}" that closes a plural branch. */
  private message(inBranch: boolean): Part[] {
    const parts: Part[] = [];
    let text = '';
    const flush = (): void => {
      if (text) parts.push({ kind: 'text', text });
      text = '';
    };
    while (this.i < this.src.length) {
      const c = this.src[this.i] as string;
      if (c === '}') break;
      if (c === '{') {
        flush();
        parts.push(this.argument(inBranch));
      } else if (c === '#' && inBranch) {
        flush();
        parts.push({ kind: 'pound' });
        this.i++;
      } else {
        text += c;
        this.i++;
      }
    }
    flush();
    return parts;
  }

  private argument(inBranch: boolean): Part {
    this.i++; // "{"
    const name = this.word();
    if (!NAME.test(name)) this.fail(`bad argument name "${name}"`);
    this.space();
    if (this.peek() === '}') {
      this.i++;
      return { kind: 'arg', name };
    }
    this.expect(',');
    this.space();
    const type = this.word();
    if (type !== 'plural') this.fail(`unsupported argument type "${type}"`);
    if (inBranch) this.fail('nested plural');
    this.space();
    this.expect(',');
    const branches = new Map<string, Part[]>();
    for (;;) {
      this.space();
      if (this.peek() === '}') break;
      const selector = this.selector();
      if (branches.has(selector)) this.fail(`duplicate branch "${selector}"`);
      this.space();
      this.expect('{');
      branches.set(selector, this.message(true));
      this.expect('}');
    }
    this.i++; // "}"
    if (!branches.has('other')) this.fail(`plural "${name}" has no "other" branch`);
    return { kind: 'plural', name, branches };
  }

  private selector(): string {
    if (this.peek() === '=') {
      this.i++;
      const n = this.word();
      if (!/^\d+$/.test(n)) this.fail(`bad exact selector "=${n}"`);
      return `=${Number(n)}`;
    }
    const w = this.word();
    if (!/^(zero|one|two|few|many|other)$/.test(w)) this.fail(`bad plural selector "${w}"`);
    return w;
  }

  private word(): string {
    const m = /^\w*/.exec(this.src.slice(this.i)) as RegExpExecArray;
    this.i += m[0].length;
    return m[0];
  }

  private space(): void {
    while (/\s/.test(this.peek())) this.i++;
  }

  private peek(): string {
    return this.src[this.i] ?? '';
  }

  private expect(c: string): void {
    if (this.peek() !== c) this.fail(`expected "${c}"`);
    this.i++;
  }

  private fail(why: string): never {
    throw new Error(`message syntax: ${why} at ${this.i} in ${JSON.stringify(this.src)}`);
  }
}

const compiled = new Map<string, Part[]>();

/** Parse a catalogue string (cached; throws on a syntax error, which a unit test rules out). */
export function compile(source: string): Part[] {
  let parts = compiled.get(source);
  if (!parts) {
    parts = new Parser(source).parse();
    compiled.set(source, parts);
  }
  return parts;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function rulesFor(locale: Locale): Intl.PluralRules {
  let r = pluralRules.get(locale);
  if (!r) pluralRules.set(locale, (r = new Intl.PluralRules(LANGUAGE_TAGS[locale])));
  return r;
}

/** A count written the locale's way ("1,234"). */
export function formatNumber(locale: Locale, n: number): string {
  let f = numberFormats.get(locale);
  if (!f)
    numberFormats.set(
      locale,
      (f = new Intl.NumberFormat(LANGUAGE_TAGS[locale], { maximumFractionDigits: 1 })),
    );
  return f.format(n);
}

/** The branch of a plural for `n`: `=n`, else the plural category, else `other`. */
function branchFor(locale: Locale, branches: ReadonlyMap<string, Part[]>, n: number): Part[] {
  return (
    branches.get(`=${n}`) ??
    branches.get(rulesFor(locale).select(n)) ??
    (branches.get('other') as Part[])
  );
}

type Params = Readonly<Record<string, string | number>>;

function render(
  locale: Locale,
  parts: readonly Part[],
  params: Params,
  pound: number | null,
): string {
  let out = '';
  for (const p of parts) {
    switch (p.kind) {
      case 'text':
        out += p.text;
        break;
      case 'pound':
        out += pound === null ? '#' : formatNumber(locale, pound);
        break;
      case 'arg':
        // A parameter that was not given stays visible rather than silently vanishing.
        out += p.name in params ? String(params[p.name]) : `{${p.name}}`;
        break;
      case 'plural': {
        const n = params[p.name];
        if (typeof n !== 'number' || !Number.isFinite(n)) {
          out += `{${p.name}}`;
          break;
        }
        out += render(locale, branchFor(locale, p.branches, n), params, n);
        break;
      }
    }
  }
  return out;
}

/** Render a catalogue string with its parameters. */
export function formatMessage(locale: Locale, source: string, params: Params): string {
  return render(locale, compile(source), params, null);
}

/**
 * The arguments a message takes, sorted: `name` for a plain one, `name:plural` for a number
 * that selects a plural branch (used by tests to compare locales).
 */
export function messageArgs(source: string): string[] {
  const found = new Set<string>();
  const walk = (parts: readonly Part[]): void => {
    for (const p of parts) {
      if (p.kind === 'arg') found.add(p.name);
      if (p.kind === 'plural') {
        found.add(`${p.name}:plural`);
        for (const b of p.branches.values()) walk(b);
      }
    }
  };
  walk(compile(source));
  return [...found].sort();
}
