/**
 * Outgoing webhooks: {@link dev.calendar.webhook.WebhookRegistry} (one per user, its subscriptions
 * and their secrets), the Standard Webhooks signature ({@link
 * dev.calendar.webhook.WebhookSignature}) and which URLs may be called ({@link
 * dev.calendar.webhook.UrlPolicy}). Delivery is the notifier's ({@code
 * dev.calendar.stream.notifier.WebhookChannel} in the streams module).
 */
package dev.calendar.webhook;
