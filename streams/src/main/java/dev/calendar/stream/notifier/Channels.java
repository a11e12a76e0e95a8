package dev.calendar.stream.notifier;

/** The senders the notifier delivers through, one per channel. */
public record Channels(
    EmailChannel email, SmsChannel sms, PushChannel push, WebhookChannel webhook) {}
