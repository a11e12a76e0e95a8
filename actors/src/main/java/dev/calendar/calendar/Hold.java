package dev.calendar.calendar;

import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A tentative booking placed by one attempt of a meeting's saga. It blocks the time like a
 * confirmed booking until the meeting confirms or releases it, or it expires and the calendar asks
 * the meeting what became of that attempt.
 */
public record Hold(UUID attemptId, Booking booking, Instant expiresAt) implements CborSerializable {
  public UUID meetingId() {
    return booking.eventId();
  }
}
