import { z } from 'zod';
import { id, pageMeta, queryBoolean } from './common.ts';
import { transactionType, validation } from './reference.ts';

export const propertyFieldType = z.enum(['TEXT', 'DATE', 'CHOICE']);

export const propertyChoice = z
  .object({ id, label: z.string(), isOther: z.boolean() })
  .meta({ id: 'OrderPropertyChoice' });

/** An order property field definition (MOBPROC §4.3); `text` / `date` / `choice` carry a default. */
export const orderPropertyField = z
  .object({
    id: z.string(),
    label: z.string(),
    type: propertyFieldType,
    validation,
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    pattern: z.string().optional().describe('A hint for people, e.g. mm/dd/yyyy.'),
    regEx: z.string().optional().describe('Must match the whole value.'),
    text: z.string().optional(),
    date: z.string().optional(),
    choice: z.object({ id, otherText: z.string().optional() }).optional(),
    choices: z.array(propertyChoice).optional().describe('For CHOICE; at most one has isOther: true.'),
    sensitive: z
      .boolean()
      .optional()
      .describe('Extension sensitive-properties: mask the value while typing; no answer returns it again (it comes back with redacted: true).'),
  })
  .meta({ id: 'OrderPropertyField' });
export type OrderPropertyField = z.infer<typeof orderPropertyField>;

export const orderPropertyFieldGroup = z
  .object({ groupId: z.string(), fields: z.array(orderPropertyField) })
  .meta({ id: 'OrderPropertyFieldGroup' });
export type OrderPropertyFieldGroup = z.infer<typeof orderPropertyFieldGroup>;

export const orderPropertiesQuery = z.object({
  transactionType,
  vendor: id.optional().describe('The fulfilling carrier; or give service.'),
  service: id.optional().describe("The service the order is for; its current carrier's fields."),
  orderExcludesDevice: queryBoolean.optional(),
  orderExcludesPlan: queryBoolean.optional(),
});

export const orderPropertiesResponse = z
  .object({ properties: z.object({ _meta: pageMeta, items: z.array(orderPropertyFieldGroup) }) })
  .meta({ id: 'OrderProperties' });
export type OrderPropertiesResponse = z.infer<typeof orderPropertiesResponse>;

export const infoblock = z
  .object({ header: z.string(), paragraphs: z.array(z.object({ text: z.string() })) })
  .meta({ id: 'Infoblock' });

export const acknowledgementDefinition = z
  .object({ id, label: z.string(), type: z.literal('BOOLEAN'), validation })
  .meta({ id: 'Acknowledgement' });

export const acknowledgementsQuery = z.object({ transactionType, vendor: id });

export const acknowledgementsResponse = z
  .object({ infoblocks: z.array(infoblock), acknowledgements: z.array(acknowledgementDefinition) })
  .meta({ id: 'Acknowledgements' });
export type AcknowledgementsResponse = z.infer<typeof acknowledgementsResponse>;
