package dev.calendar.stream.sync.provider;

import java.time.Instant;
import java.util.List;

/**
 * An event of this service to write to a provider.
 *
 * @param localEventId this service's event id (a UUID, as text)
 * @param start the (first) occurrence's start
 * @param end the (first) occurrence's end
 * @param timeZone the IANA zone the event is planned in (a series repeats in it)
 * @param recurrence RFC 5545 lines ({@code RRULE:…}, {@code EXDATE:…}), empty for a single event
 */
public record OutgoingEvent(
    String localEventId,
    String title,
    String description,
    String location,
    Instant start,
    Instant end,
    String timeZone,
    List<String> recurrence) {}
