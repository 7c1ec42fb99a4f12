/**
 * The registry of operations the pure step may call (conversation/operations.ts).
 * A handler returns the operation's output for domain outcomes ("not available" is an
 * output, not an error). A thrown error means "could not run now" (database down, …):
 * the job is retried with backoff, and after the last attempt the step receives `ok: false`.
 * Handlers must be idempotent for the same `commandId`: a crash can make them run twice.
 */
import type { OperationName, Operations } from '../conversation/operations';

export interface OperationContext {
  /** Conversation key of the caller. */
  key: string;
  contact: { waId?: string; bsuid?: string };
  /** Unique id of this call; use it as the idempotency key for writes. */
  commandId: string;
  correlationId: string;
  now: number;
}

export type OperationHandler<K extends OperationName> = (
  input: Operations[K]['input'],
  ctx: OperationContext,
) => Promise<Operations[K]['output']>;

export type OperationHandlers = { [K in OperationName]: OperationHandler<K> };

export async function runOperation<K extends OperationName>(
  handlers: OperationHandlers,
  op: K,
  input: Operations[K]['input'],
  ctx: OperationContext,
): Promise<Operations[K]['output']> {
  const handler = handlers[op] as OperationHandler<K>;
  return handler(input, ctx);
}
