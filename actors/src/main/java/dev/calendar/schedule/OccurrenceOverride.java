package dev.calendar.schedule;

import dev.calendar.serialization.CborSerializable;
import java.time.Instant;

/**
 * A change to one instance of a series, identified by its original start: moved (new start and end)
 * and/or retitled (title not null). Cancelling an instance is an EXDATE, not an override.
 */
public record OccurrenceOverride(Instant originalStart, Instant start, Instant end, String title)
    implements CborSerializable {}
