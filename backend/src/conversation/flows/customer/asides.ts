/**
 * What people say in the middle of a question that is not its answer: asking for something else
 * ("cancelar", "¿cuánto cobran?", "¿son confiables?", "menú"). Such a message is answered for what
 * it is and the open question asked again; it is never taken as the answer (a problem, a place).
 */
import type { Intent } from '../../understanding/understand';

export const ASIDES: readonly Intent[] = [
  'cancel',
  'help',
  'human',
  'menu',
  'status',
  'my_requests',
  'price',
  'payment',
  'schedule',
  'about',
  'language',
  'change_name',
];
