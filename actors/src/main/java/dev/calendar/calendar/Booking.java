package dev.calendar.calendar;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import dev.calendar.serialization.CborSerializable;
import java.util.UUID;

/**
 * A meeting as one calendar keeps it: enough to decide conflicts (the schedule) and to list the
 * user's events (title). The event id is the meeting id.
 */
public record Booking(UUID eventId, UUID organizerId, String title, Schedule schedule)
    implements CborSerializable {

  /** Where this booking has occurrences at all (without end for an unbounded series). */
  public Interval extent() {
    return schedule.extent();
  }
}
