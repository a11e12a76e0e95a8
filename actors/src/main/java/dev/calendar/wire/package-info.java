/**
 * The JSON the service shows the outside world, the same in every channel: the one ObjectMapper,
 * and an event as the API, the {@code calendar-events} outbox and webhooks all show it.
 */
package dev.calendar.wire;
