/**
 * Who hears of a connection's problems, stored in `connections.notifications`. The webhook's
 * signing secret is not here: it is sealed apart (`notification_secret_sealed`), like credentials.
 */
import { z } from 'zod';

export const DEFAULT_INTERVAL_MINUTES = 60;

/**
 * A recipient as a mail server takes it: zod's e-mail shape within RFC 5321's limits, a local
 * part of at most 64 and a whole address of at most 254 characters (section 4.5.3.1); a longer
 * one would pass here and bounce at every send.
 */
const recipientSchema = z
  .email('an e-mail address')
  .max(254, 'an e-mail address of at most 254 characters')
  .refine((address) => address.slice(0, address.lastIndexOf('@')).length <= 64, {
    error: 'an e-mail address whose part before the @ is at most 64 characters',
  });

export const notificationSettingsSchema = z
  .object({
    email: z
      .object({
        to: z.array(recipientSchema).min(1, 'at least one recipient').max(20),
      })
      .strict()
      .optional(),
    webhook: z
      .object({
        url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
      })
      .strict()
      .optional(),
    /** A problem is told at most once per this many minutes, however often it recurs. */
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(DEFAULT_INTERVAL_MINUTES),
  })
  .strict();

export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/** Stored settings as the notifier reads them; a row written before validation existed reads as none. */
export function readNotificationSettings(stored: unknown): NotificationSettings {
  const parsed = notificationSettingsSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : { intervalMinutes: DEFAULT_INTERVAL_MINUTES };
}

export function hasChannels(settings: NotificationSettings): boolean {
  return Boolean(settings.email || settings.webhook);
}
