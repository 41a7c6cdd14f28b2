/**
 * Notifications: when an order is dead-lettered, credentials stop working, a poll keeps failing
 * or a target keeps refusing, the connection's operator hears of it by e-mail and/or a signed
 * webhook, at most once per problem per interval, in words that say what is wrong and what to do.
 */
export {
  createEmailChannel,
  createWebhookChannel,
  type EmailChannel,
  newWebhookSecret,
  type WebhookChannel,
} from './channels.js';
export {
  DEFAULT_INTERVAL_MINUTES,
  hasChannels,
  type NotificationSettings,
  notificationSettingsSchema,
  readNotificationSettings,
} from './notification-settings.js';
export {
  createNotificationStore,
  type NotificationStore,
  type NotifiedConnection,
} from './notification-store.js';
export {
  createNotifier,
  type Notifier,
  type NotifierDeps,
  type NoticeChannel,
  type NoticeOutcome,
  type SentNotice,
  startNotifierLoop,
} from './notifier.js';
export {
  type DeadLetterFact,
  POLL_FAILURES_BEFORE_NOTICE,
  type Problem,
  type ProblemKind,
  problemFromPollFailures,
  problemsFromDeadLetters,
} from './problem.js';
export { renderEmail, renderWebhookBody, WEBHOOK_EVENT_TYPE } from './render-notification.js';
