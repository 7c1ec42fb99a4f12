import Joi from 'joi';

/**
 * The outer shape every WhatsApp Business Account webhook has. Anything else is a 400.
 * Inner objects are checked field by field while normalising (parse-webhook.ts), so one odd
 * message in a batch is skipped and logged instead of failing the whole delivery.
 */
export const envelopeSchema = Joi.object({
  object: Joi.string().valid('whatsapp_business_account').required(),
  entry: Joi.array()
    .items(
      Joi.object({
        id: Joi.string().allow(''),
        changes: Joi.array()
          .items(
            Joi.object({
              field: Joi.string().required(),
              value: Joi.object().unknown(true),
            }).unknown(true),
          )
          .required(),
      }).unknown(true),
    )
    .required(),
}).unknown(true);
