package dev.calendar.wire;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * The {@code data} of a {@code reminder.due} webhook and notification: one occurrence's reminder.
 * {@code timezone} is the event's, so a guest (who has no profile zone) is told the time in it.
 */
public record ReminderDue(
    UUID eventId,
    String title,
    Instant start,
    Instant end,
    Instant occurrenceStart,
    Duration offset,
    UUID userId,
    ZoneId timezone) {}
