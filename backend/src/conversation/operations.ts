/**
 * The I/O the pure step may ask for. The step emits `{ kind: 'call', op, input }`;
 * the processing layer runs the operation (Postgres, matching, …) and feeds the outcome
 * back as an internal `result` event for the same conversation, processed right away.
 *
 * Add an operation here (input + output types), then register its handler in
 * `processing/operation-handlers`. The compiler then checks both sides.
 */
import type { Locale } from './locale-types';

export interface UserRecord {
  id: number;
  name: string | null;
  locale: Locale;
  role: 'customer' | 'provider';
}

export interface Operations {
  /** Find the user by conversation key (creating a bare row if new). */
  loadUser: { input: { profileName?: string }; output: { user: UserRecord; isNew: boolean } };
  /** Persist the user's chosen name and/or locale. */
  saveUser: { input: { name?: string; locale?: Locale }; output: { user: UserRecord } };
}

export type OperationName = keyof Operations;

export type CallCommandOf<K extends OperationName> = {
  kind: 'call';
  op: K;
  input: Operations[K]['input'];
  /** Free data the step wants back with the result (e.g. which question was asked). */
  tag?: string;
};
export type CallCommand = { [K in OperationName]: CallCommandOf<K> }[OperationName];

export type OperationResultOf<K extends OperationName> =
  | { kind: 'result'; op: K; tag?: string; ok: true; output: Operations[K]['output'] }
  | { kind: 'result'; op: K; tag?: string; ok: false; error: string };
export type OperationResult = { [K in OperationName]: OperationResultOf<K> }[OperationName];
