/**
 * The vocabulary of variables.ts: a variable is declared once (environment name, joi schema with
 * its default, doc line, production rule, and how its value is read into `Config`). The joi
 * schema of the whole environment, the `Config` type and `loadConfig` are derived from these
 * declarations; nothing about a variable is written anywhere else.
 */
import type Joi from 'joi';

/** The value type a joi schema produces (`Joi.number()` → number, `oneOf([...])` → the union). */
export type SchemaValue<S> = S extends Joi.AnySchema<infer V> ? V : never;

/** A problem with a value, phrased to follow the variable's name ("must be …"); null = fine. */
export type Rule<T> = (value: T) => string | null;

export interface Variable<T> {
  readonly kind: 'variable';
  /** Environment variable name. */
  readonly name: string;
  /** Validation, conversion and default. */
  readonly schema: Joi.AnySchema;
  /** Documentation, one entry per line (rendered as `# …` above the variable in .env.example). */
  readonly doc: readonly string[];
  /** The value shown in .env.example when it is not the default (placeholders, computed defaults). */
  readonly example: string | undefined;
  /** Turns the validated value into what `Config` holds. */
  read(validated: unknown): T;
  /** The problem with `value` when NODE_ENV=production, or null. */
  inProduction(value: T): string | null;
}

/** A second `Config` field computed from a variable declared elsewhere in the tree. */
export interface View<T> {
  readonly kind: 'view';
  readonly of: Variable<unknown>;
  read(value: unknown): T;
}

export type Node<T> = Variable<T> | View<T>;

/** A nested group of declarations: its shape is the shape of `Config`. */
export interface Tree {
  readonly [field: string]: Node<unknown> | Tree;
}

/** The configuration type a tree of declarations produces. */
export type Resolved<N> = N extends Node<infer T> ? T : { [K in keyof N]: Resolved<N[K]> };

interface Spec<S extends Joi.AnySchema> {
  /** Environment variable name. */
  name: string;
  /** joi schema: validation, conversion and default (required when there is no default). */
  schema: S;
  /** One string per line of documentation. */
  doc: string | readonly string[];
  /** Value for .env.example when it should differ from the default (or there is none). */
  example?: string;
}

/** A variable whose `Config` value is `read(validated value)`. */
export function variable<S extends Joi.AnySchema, T>(
  spec: Spec<S> & { read: (validated: SchemaValue<S>) => T; production?: Rule<T> },
): Variable<T>;
/** A variable whose `Config` value is its validated value. */
export function variable<S extends Joi.AnySchema>(
  spec: Spec<S> & { production?: Rule<SchemaValue<S>> },
): Variable<SchemaValue<S>>;
export function variable<S extends Joi.AnySchema, T>(
  spec: Spec<S> & { read?: (validated: SchemaValue<S>) => T; production?: Rule<T> },
): Variable<T> {
  const read = spec.read ?? ((v: SchemaValue<S>) => v as unknown as T);
  return {
    kind: 'variable',
    name: spec.name,
    schema: spec.schema,
    doc: typeof spec.doc === 'string' ? [spec.doc] : spec.doc,
    example: spec.example,
    read: (validated) => read(validated as SchemaValue<S>),
    inProduction: spec.production ?? (() => null),
  };
}

/** Another field of `Config` computed from the value of `of` (which is declared in the tree). */
export function view<V, T>(of: Variable<V>, read: (value: V) => T): View<T> {
  return { kind: 'view', of, read: (value) => read(value as V) };
}

export function isNode(x: Node<unknown> | Tree): x is Node<unknown> {
  return (x as { kind?: unknown }).kind === 'variable' || (x as { kind?: unknown }).kind === 'view';
}

/** Every variable of a tree once, in the order of first appearance. */
export function variablesOf(tree: Tree): Variable<unknown>[] {
  const out = new Set<Variable<unknown>>();
  const walk = (t: Tree): void => {
    for (const n of Object.values(t)) {
      if (!isNode(n)) walk(n);
      else out.add(n.kind === 'variable' ? n : n.of);
    }
  };
  walk(tree);
  return [...out];
}
