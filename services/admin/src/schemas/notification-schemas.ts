import { notificationSettingsSchema } from '@koppel/notifications';
import { z } from 'zod';

const secretSchema = z
  .string()
  .regex(
    /^whsec_[A-Za-z0-9+/=]{24,}$/,
    'a Standard Webhooks secret: whsec_ and at least 24 base64 characters',
  )
  .describe('Signing secret (write-only); omitted: Koppel generates one and answers it once');

export const notificationSettingsBodySchema = z
  .strictObject({
    email: notificationSettingsSchema.shape.email,
    webhook: z
      .strictObject({
        url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
        secret: secretSchema.optional(),
      })
      .optional(),
    intervalMinutes: notificationSettingsSchema.shape.intervalMinutes,
  })
  .describe('Who hears of the connection’s problems; an absent channel is switched off');

export const notificationSettingsViewSchema = z
  .object({
    connectionId: z.string(),
    email: z.object({ to: z.array(z.string()) }).nullable(),
    webhook: z
      .object({
        url: z.string(),
        secretSet: z.boolean().describe('A signing secret is stored (it is never shown again)'),
      })
      .nullable(),
    intervalMinutes: z.number().int().describe('A problem is told at most once per this many minutes'),
    generatedSecret: z
      .string()
      .optional()
      .describe('Only in the answer that generated it: the webhook signing secret, shown once'),
  })
  .describe('Notification settings: e-mail (SMTP) and/or a webhook signed per Standard Webhooks');

export const notificationTestResultSchema = z.object({
  channels: z.array(z.enum(['email', 'webhook'])).describe('The channels that took the test notice'),
  failed: z
    .array(z.object({ channel: z.enum(['email', 'webhook']), reason: z.string() }))
    .describe('The channels set that did not take it, each with why (as the service log says it)'),
});
