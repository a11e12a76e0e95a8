/**
 * The notifier (docs/notifications.md, "Notifier"): a Kafka consumer stream over the {@code
 * notifications} topic that delivers each message by email, SMS, push or webhook, retries with
 * backoff, dead-letters what keeps failing, and records every delivery in the delivery log so a
 * redelivered message is not sent twice. {@link dev.calendar.stream.notifier.Notifier} starts it.
 */
package dev.calendar.stream.notifier;
