package dev.calendar.calendar;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Schedule;
import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A meeting as one calendar keeps it: enough to decide conflicts (the schedule) and to list the
 * user's events (title). The event id is the meeting id. A booking made through a booking page also
 * names its event type and occupies its buffers around the meeting ({@link #page}); other bookings
 * have none (null, as in events written before booking pages existed).
 *
 * <p>{@code version} and {@code updatedAt} are the meeting's version and last change that this
 * booking is of, for the user's calendar feed (its SEQUENCE and DTSTAMP); 0 and null in events and
 * snapshots written before bookings carried them. No decision reads them: conflicts, holds and
 * booking rules look at the schedule and page alone.
 */
public record Booking(
    UUID eventId,
    UUID organizerId,
    String title,
    Schedule schedule,
    PageBooking page,
    long version,
    Instant updatedAt)
    implements CborSerializable {

  /**
   * A booking-page booking's type, buffers, seats taken of {@code seats} (a single occurrence; 0 in
   * events written before it was recorded, meaning one), and how long before its start its guest
   * may still cancel or move it.
   */
  public record PageBooking(
      UUID eventTypeId,
      Duration bufferBefore,
      Duration bufferAfter,
      int seatsTaken,
      Duration minimumCancelNotice,
      int seats)
      implements CborSerializable {

    /** One seat. */
    public PageBooking(
        UUID eventTypeId,
        Duration bufferBefore,
        Duration bufferAfter,
        int seatsTaken,
        Duration minimumCancelNotice) {
      this(eventTypeId, bufferBefore, bufferAfter, seatsTaken, minimumCancelNotice, 1);
    }

    /** A slot several guests share: one guest cannot move it for the others. */
    public boolean shared() {
      return seats > 1;
    }
  }

  public Booking(UUID eventId, UUID organizerId, String title, Schedule schedule) {
    this(eventId, organizerId, title, schedule, null);
  }

  /** A booking of no known meeting version (version 0, no update time). */
  public Booking(
      UUID eventId, UUID organizerId, String title, Schedule schedule, PageBooking page) {
    this(eventId, organizerId, title, schedule, page, 0, null);
  }

  /** Where this booking has occurrences at all (without end for an unbounded series). */
  public Interval extent() {
    return page == null ? schedule.extent() : occupancy().extent();
  }

  /**
   * The time this booking keeps others out of: its schedule, widened by its buffers for a
   * booking-page booking (which is always a single occurrence).
   */
  public Schedule occupancy() {
    if (page == null || schedule.recurring()) {
      return schedule;
    }
    return Schedule.single(
        schedule.start().minus(page.bufferBefore()),
        schedule.end().plus(page.bufferAfter()),
        schedule.zone());
  }

  /** What one occurrence occupies (its buffers added for a booking-page booking). */
  public Interval occupancy(Occurrence o) {
    Interval interval = o.interval();
    if (page == null) {
      return interval;
    }
    return new Interval(
        interval.start().minus(page.bufferBefore()), interval.end().plus(page.bufferAfter()));
  }
}
