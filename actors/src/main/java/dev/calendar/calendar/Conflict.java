package dev.calendar.calendar;

import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.UUID;

/** One instance of an existing booking (or hold) that a candidate would overlap. */
public record Conflict(UUID userId, Instant start, Instant end, UUID eventId)
    implements CborSerializable {}
