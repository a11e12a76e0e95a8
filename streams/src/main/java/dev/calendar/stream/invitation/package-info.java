/**
 * The meeting notifications projection: turns each meeting change into invitation, update and
 * cancellation emails for the participants and {@code event.*} webhooks for the users, produced to
 * the Kafka topic {@code notifications} for the notifier (docs/notifications.md).
 */
package dev.calendar.stream.invitation;
