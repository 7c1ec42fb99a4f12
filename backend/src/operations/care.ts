/** openHandoff / closeHandoff / setOptOut / eraseMyData: human help and privacy, through care/. */
import type { CareDeps } from '../care/deps';
import { eraseByConversation } from '../care/erasure';
import { closeHandoffBy, openHandoffFor } from '../care/handoffs';
import { setOptOutFor } from '../care/opt-out';
import type { OperationHandler } from './registry';

export function openHandoff(care: CareDeps): OperationHandler<'openHandoff'> {
  return async (input, ctx) =>
    openHandoffFor(care, {
      key: ctx.key,
      contact: ctx.contact,
      reason: input.reason,
      idempotencyKey: input.idempotencyKey,
      ...(input.said ? { said: input.said } : {}),
    });
}

export function closeHandoff(care: CareDeps): OperationHandler<'closeHandoff'> {
  return async (input) => ({
    closed: (await closeHandoffBy(care, input.handoffId, { kind: 'timeout' })) !== null,
  });
}

export function setOptOut(care: CareDeps): OperationHandler<'setOptOut'> {
  return async (input, ctx) =>
    setOptOutFor(care.knex, {
      key: ctx.key,
      contact: ctx.contact,
      optedOut: input.optedOut,
      at: new Date(ctx.now),
    });
}

export function eraseMyData(care: CareDeps): OperationHandler<'eraseMyData'> {
  return async (input, ctx) => {
    const out = await eraseByConversation(care, {
      key: ctx.key,
      contact: ctx.contact,
      idempotencyKey: input.idempotencyKey,
      now: new Date(ctx.now),
    });
    return { erased: out.erased };
  };
}
