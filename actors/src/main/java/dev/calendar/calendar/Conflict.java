package dev.calendar.calendar;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One instance of what a candidate would overlap: an existing booking or hold ({@code eventId}), or
 * busy time from another calendar ({@code source}, the id of its source; no event id).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Conflict(UUID userId, Instant start, Instant end, UUID eventId, String source)
    implements CborSerializable {

  /** A conflict with an event or hold. */
  public Conflict(UUID userId, Instant start, Instant end, UUID eventId) {
    this(userId, start, end, eventId, null);
  }
}
