/** The joi schema of the whole environment, derived from the declarations in variables.ts. */
import Joi from 'joi';
import { variablesOf } from './declare';
import { variables } from './variables';

export { PLACEHOLDER } from './production-rules';

/** Every declared variable, in declaration order. */
export const declaredVariables = variablesOf(variables);

/** Every environment variable the service reads (other variables are ignored). */
export const envSchema = Joi.object(
  Object.fromEntries(declaredVariables.map((v) => [v.name, v.schema])),
).unknown(true);
