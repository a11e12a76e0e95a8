/**
 * The outbox: a projection over the meeting journal that publishes every meeting change to the
 * Kafka topic {@code calendar-events} (format: docs/calendar-events.md).
 */
package dev.calendar.stream.outbox;
